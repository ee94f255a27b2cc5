"""Weekly planners: one printable page per week, as HTML (no I/O, no PDF code here).

The same fragment serves both outputs, so they cannot drift apart: it is embedded in the week
page (where print CSS shows only it) and laid out by WeasyPrint for the PDFs (`generator.pdf`).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup, escape

from generator import paths
from generator.expand import Check, Pause, Site, TrackPlan, Week, study_days
from generator.i18n import current, day_name, gettext, long_date, ngettext, short_date
from generator.jinja import bytecode_cache
from generator.model import WEEKDAYS, Curriculum, SplitBlock
from generator.words import due_text, minutes, of_weeks, short_url

#: Paper sizes, short names (file titles, messages).
SIZES = {"a4": "A4", "letter": "Letter"}
#: Paper sizes as people name them.
PAPER = {"a4": "A4", "letter": "US Letter"}
#: Paper sizes in millimetres, width by height.
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
#: A planner is laid out once, on the area every paper holds, and centred on each paper: the
#: same layout (and the same type size) on A4 and Letter, for half the layout work.
LAYOUT_MM = (min(w for w, _ in PAPER_MM.values()), min(h for _, h in PAPER_MM.values()))
PAGE_MARGIN_MM = 10

#: Said once a build without the site's address (MkDocs' `site_url`).
NO_SITE_URL = (
    "Planners have no QR code: site_url is not set in mkdocs.yml (set it to the address the "
    "site is published at, and each planner leads to its week's page there)"
)

#: Density steps for a week too full for one page: each step sets smaller type (see planner.css).
DENSITIES = (0, 1, 2, 3)


@dataclass(frozen=True)
class PlannerDay:
    """One row of the Monday–Sunday grid."""

    name: str
    date: datetime.date | None
    tasks: tuple[Check, ...]
    study: bool
    """Whether the daily split applies to the day."""


@dataclass(frozen=True)
class Planner:
    """Everything one planner page shows."""

    week: Week
    of_weeks: str
    days: tuple[PlannerDay, ...]
    split: tuple[SplitBlock, ...]
    first_day: datetime.date | None
    last_day: datetime.date | None
    pause_before: Pause | None = None
    """The break this week follows, if any."""
    pause_after: Pause | None = None
    """The break that follows this week, if any."""
    url: str | None = None
    """The week page's address, which the planner's QR code leads to (none without one)."""


def planner_anchor(track_id: str, number: int) -> str:
    """The id of a week's planner (its section), on the week page and in the PDFs."""
    return f"planner-{track_id}-week-{number:02d}"


def first_monday(start: datetime.date) -> datetime.date:
    """Week 1 is the Monday-to-Sunday week that holds the start date."""
    return start - datetime.timedelta(days=start.weekday())


def plan_planner(
    curriculum: Curriculum,
    plan: TrackPlan,
    week: Week,
    start: datetime.date | None = None,
    options: paths.Options = paths.DEFAULT_OPTIONS,
) -> Planner:
    """The planner of one week, dated when a start date is given, with a QR code to the week's
    page when `options` know the site's address."""
    monday = first_monday(start) + datetime.timedelta(weeks=week.offset) if start else None
    tasks = {day: block.checks for block in week.routine for day in block.days}
    split = tuple(curriculum.daily_split.blocks) if curriculum.daily_split else ()
    studying = set(study_days(curriculum)) if split else set()
    days = tuple(
        PlannerDay(
            day_name(name),
            monday + datetime.timedelta(days=index) if monday else None,
            tasks.get(name, ()),
            name in studying,
        )
        for index, name in enumerate(WEEKDAYS)
    )
    # No routine and no split: no grid of seven empty days.
    days = days if week.routine or split else ()
    sunday = monday + datetime.timedelta(days=6) if monday else None
    before = next((b for b in plan.breaks if b.after == week.number - 1), None)
    after = next((b for b in plan.breaks if b.after == week.number), None)
    url = paths.page_address(paths.week_page(plan.track.id, week.number), options)
    return Planner(week, of_weeks(plan), days, split, monday, sunday, before, after, url)


def _link(text: str, url: str | None, strong: bool = False) -> Markup:
    """Text that links to `url`, and the address written out short, for paper."""
    shown = Markup('<a href="%s">%s</a>') % (url, text) if url else escape(text)
    if strong:
        shown = Markup("<strong>%s</strong>") % shown
    if url:
        shown += Markup(' <span class="cp-planner__url">%s</span>') % short_url(url)
    return shown


def _entry(check: Check) -> Markup:
    """A checklist entry as planner HTML (`One of A or B`, the options in bold)."""
    if not check.choices:
        return _link(check.text, check.url)
    options = Markup(gettext(" or ")).join(
        _link(choice.text, choice.url, strong=True) for choice in check.choices
    )
    if check.lead:
        message = gettext("%(lead)s: one of %(options)s")
        return Markup(message) % {"lead": check.lead, "options": options}
    return Markup(gettext("One of %(options)s")) % {"options": options}


def grid(days: tuple[PlannerDay, ...], split: tuple[SplitBlock, ...]) -> Markup:
    """The Monday–Sunday grid of a planner, rendered once for all the weeks that show the same
    one: the same routine and split, no dates (the tasks' keys, which paper does not show, do
    not count, but what follows the week's own prefix does: it ties a box to its tick)."""
    shown = tuple((day.name, day.date, day.study, tuple(map(_face, day.tasks))) for day in days)
    key = (shown, split, current())
    if key not in _GRIDS:
        if len(_GRIDS) > 512:  # a long preview session: keep memory flat
            _GRIDS.clear()
        html = _ENV.get_template("planner_grid.html.j2").render(days=days, split=split)
        _GRIDS[key] = Markup(html)
    return _GRIDS[key]


_GRIDS: dict[object, Markup] = {}


def _face(check: Check) -> tuple[object, ...]:
    """What a check shows on paper, and its key within the week."""
    return check.text, check.url, check.lead, check.choices, check.key.partition("/")[2]


def qr_code(url: str, label: str) -> Markup:
    """A QR code of `url` as inline SVG: vector (one path, drawn in the viewBox's units of one
    module, sized by the stylesheet), labelled for screen readers. No quiet zone: the
    stylesheet keeps white around it."""
    attributes = Markup('<svg role="img" aria-label="%s"') % label
    return Markup(_qr_svg(url).replace("<svg", str(attributes), 1))


@functools.lru_cache(maxsize=4096)
def _qr_svg(url: str) -> str:
    """About 10 ms a code, most of it segno choosing the best of the 8 masks (as the standard
    asks): made once for a week's page and its PDF, and once a `mkdocs serve` session."""
    return segno.make(url, micro=False).svg_inline(
        border=0, omitsize=True, svgclass="cp-planner__qr", lineclass=None
    )


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(__file__),
    )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["day"] = short_date
    env.filters["full_date"] = long_date
    env.filters["due_text"] = due_text
    env.filters["short_url"] = short_url
    env.filters["minutes"] = minutes
    env.globals["entry"] = _entry
    env.globals["link"] = _link
    env.globals["grid"] = grid
    env.globals["qr_code"] = qr_code
    env.globals["anchor"] = planner_anchor
    return env


_ENV = _environment()
_CSS = (Path(__file__).parent / "templates" / "planner.css").read_text(encoding="utf-8")


def render_planner(curriculum: Curriculum, planner: Planner, density: int = 0) -> str:
    """The planner as an HTML fragment: one line per element, no blank lines, so Markdown
    passes it through as one raw HTML block."""
    html = _ENV.get_template("planner.html.j2").render(
        c=curriculum, p=planner, week=planner.week, density=density
    )
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def planner_slot(anchor: str) -> str:
    """What holds a week page's place for its planner while the planner is set aside
    (`set_aside`): an empty element with the planner's id, so that MkDocs, which learns a
    page's anchors from its raw HTML, still knows the anchor."""
    return f'<section id="{anchor}" class="cp-planner-slot"></section>'


_START, _END = '<section class="cp-planner ', "</section>"


def set_aside(markdown: str, anchor: str) -> tuple[str, str | None]:
    """A week page's Markdown with its planner (the one whose id is `anchor`) replaced by
    `planner_slot(anchor)`, and the planner; the Markdown unchanged and None if the page does
    not hold that planner, once. A planner is one raw HTML block, which Markdown passes
    through as it is: a build may put it back in the page's HTML instead of having Markdown
    (and a search plugin) read through it."""
    start = markdown.find(_START)
    end = markdown.find(_END, start) + len(_END)
    if start < 0 or end < len(_END) or markdown.find(_START, start + 1) >= 0:
        return markdown, None
    planner = markdown[start:end]
    if f' id="{anchor}"' not in planner[: planner.index(">")]:
        return markdown, None
    return markdown[:start] + planner_slot(anchor) + markdown[end:], planner


def with_density(fragment: str, density: int) -> str:
    """The same planner fragment set in the type of another density step."""
    return fragment.replace("cp-density-0", f"cp-density-{density}", 1)


def planner_css() -> str:
    """The planner's stylesheet, shared by the site (print) and the PDFs."""
    return _CSS


def planner_document_template() -> str:
    """The source of the PDF document template (part of the PDF cache key)."""
    source, _, _ = _ENV.loader.get_source(_ENV, "planner_document.html.j2")  # type: ignore[union-attr]
    return source


def render_planner_document(fragments: list[str], title: str, language: str = "en") -> str:
    """A standalone HTML document of planners, one per page of `LAYOUT_MM`, for WeasyPrint, in
    `language` (which the PDF declares, for screen readers)."""
    width, height = LAYOUT_MM
    return _ENV.get_template("planner_document.html.j2").render(
        language=language,
        fragments=fragments,
        css=planner_css(),
        width=width,
        height=height,
        margin=PAGE_MARGIN_MM,
        title=title,
    )


def track_planners(
    site: Site,
    plan: TrackPlan,
    start: datetime.date | None = None,
    options: paths.Options = paths.DEFAULT_OPTIONS,
) -> list[Planner]:
    """The planner of every week of a track."""
    return [plan_planner(site.curriculum, plan, week, start, options) for week in plan.weeks]

"""Weekly planners: one printable page per week, as HTML (no I/O, no PDF code here).

The same fragment serves both outputs, so they cannot drift apart: it is embedded in the week
page (where print CSS shows only it) and laid out by WeasyPrint for the PDFs (`generator.pdf`).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import segno
from markupsafe import escape

from generator import paths
from generator.expand import Check, Deliverable, Pause, Site, TrackPlan, Week, study_days
from generator.i18n import current, day_name, gettext, long_date, ngettext, short_date
from generator.jinja import bytecode_cache
from generator.model import WEEKDAYS, Curriculum, Resource, SplitBlock
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


def _link(text: str, url: str | None, strong: bool = False) -> str:
    """Text that links to `url`, and the address written out short, for paper."""
    shown = f'<a href="{_text(url)}">{_text(text)}</a>' if url else _text(text)
    if strong:
        shown = f"<strong>{shown}</strong>"
    if url:
        shown += f' <span class="cp-planner__url">{_text(short_url(url))}</span>'
    return shown


@functools.lru_cache(maxsize=8192)
def _text(value: str) -> str:
    """Text from the YAML as HTML, on one line (runs of white space made one space: a planner
    is one raw HTML block, which a blank line would end). Cached: a curriculum's texts come
    back on many weeks."""
    return str(escape(" ".join(value.split())))


def _entry(check: Check) -> str:
    """A checklist entry as planner HTML (`One of A or B`, the options in bold)."""
    if not check.choices:
        return _link(check.text, check.url)
    options = gettext(" or ").join(
        _link(choice.text, choice.url, strong=True) for choice in check.choices
    )
    if check.lead:
        return _t("%(lead)s: one of %(options)s", lead=_text(check.lead), options=options)
    return _t("One of %(options)s", options=options)


def grid(days: tuple[PlannerDay, ...], split: tuple[SplitBlock, ...]) -> str:
    """The Monday–Sunday grid of a planner, rendered once for all the weeks that show the same
    one: the same routine and split, no dates (the tasks' keys, which paper does not show, do
    not count, but what follows the week's own prefix does: it ties a box to its tick)."""
    shown = tuple((day.name, day.date, day.study, tuple(map(_face, day.tasks))) for day in days)
    key = (shown, tuple((block.minutes, block.activity) for block in split), current())
    if key not in _GRIDS:
        if len(_GRIDS) > 512:  # a long preview session: keep memory flat
            _GRIDS.clear()
        _GRIDS[key] = _grid(days, split)
    return _GRIDS[key]


_GRIDS: dict[object, str] = {}


def _face(check: Check) -> tuple[object, ...]:
    """What a check shows on paper, and its key within the week (plain values: comparing
    models is slow)."""
    choices = tuple((choice.text, choice.url) for choice in check.choices)
    return check.text, check.url, check.lead, choices, check.key.partition("/")[2]


def qr_code(url: str, label: str) -> str:
    """A QR code of `url` as inline SVG: vector (one path, drawn in the viewBox's units of one
    module, sized by the stylesheet), labelled for screen readers. No quiet zone: the
    stylesheet keeps white around it."""
    return _qr_svg(url).replace("<svg", f'<svg role="img" aria-label="{label}"', 1)


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
        auto_reload=False,  # package files: no stat of each template at every page
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


def _t(message: str, **values: object) -> str:
    """`message` in the current language as HTML; its values are HTML already (`_text`)."""
    return gettext(message) % values


def _nt(singular: str, plural: str, number: int, **values: object) -> str:
    """The form of a message for `number` (as `%(num)s`), as `_t` gives it."""
    return ngettext(singular, plural, number) % {"num": number, **values}


def _due_item(deliverable: Deliverable, week: int) -> str:
    return (
        f'<li data-key="{_text(deliverable.check.key)}">{_entry(deliverable.check)} '
        f"<em>{_text(due_text(deliverable, week))}</em></li>"
    )


def _check_items(checks: Iterable[Check]) -> Iterator[str]:
    for check in checks:
        yield f'<li data-key="{_text(check.key)}">{_entry(check)}</li>'


def _resources(resources: Sequence[Resource]) -> str:
    """The sprint's resources on one line: each linked, with its kind and length."""
    shown = []
    for resource in resources:
        about = [_t(resource.kind)] if resource.kind else []
        if resource.minutes:
            about.append(_text(minutes(resource.minutes)))
        note = f" ({', '.join(about)})" if about else ""
        shown.append(f"{_link(resource.title, resource.url)}{note}")
    return " · ".join(shown)


def render_planner(curriculum: Curriculum, planner: Planner, density: int = 0) -> str:
    """The planner as an HTML fragment: one line per element, no blank lines, so Markdown
    passes it through as one raw HTML block. (Written in Python rather than as a template: a
    page's planner is rendered on every build, and this is four times faster.)"""
    week, p = planner.week, planner
    track, span = week.track, week.span
    label = _t("Printable planner for week %(number)s", number=week.label)
    anchor = planner_anchor(track.id, week.number)
    in_sprint = _t(
        "sprint week %(number)s of %(weeks)s", number=week.week_in_sprint, weeks=span.weeks
    )
    lines = [
        f'<section class="cp-planner cp-density-{density}" id="{_text(anchor)}" '
        f'data-track="{_text(track.id)}" data-week="{week.number}" data-search-exclude '
        f'aria-label="{label}">',
        '<div class="cp-planner__content">',
        '<header class="cp-planner__header">',
        '<div class="cp-planner__title">',
        f'<p class="cp-planner__track">{_text(track.label)} · {_text(track.name)}</p>',
        _element(
            "h2",
            _t("Week %(number)s", number=week.label) + f" <span>{_text(p.of_weeks)}</span>",
            "cp-planner__week",
        ),
        "</div>",
        '<div class="cp-planner__meta">',
        f"<p><strong>{_text(span.title)}</strong> · {in_sprint}</p>",
    ]
    add = lines.append
    if p.first_day and p.last_day:
        dates = f"{_text(long_date(p.first_day))} – {_text(long_date(p.last_day))}"
        add(_element("p", dates, "cp-planner__dates"))
    if p.pause_before:
        before = _t("After a break: %(title)s", title=_text(p.pause_before.title))
        add(_element("p", before, "cp-planner__break"))
    if p.pause_after:
        after = _nt(
            "Next: %(title)s, %(num)s week off",
            "Next: %(title)s, %(num)s weeks off",
            p.pause_after.weeks,
            title=_text(p.pause_after.title),
        )
        add(_element("p", after, "cp-planner__break"))
    add("</div>")
    if p.url:
        add('<div class="cp-planner__scan">')
        add(_element("p", _t("Scan for this week online")))
        add(qr_code(p.url, _t("QR code of this week's page: %(url)s", url=_text(p.url))))
        add("</div>")
    add("</header>")
    if milestone := week.milestone:
        shown = f"<strong>{_text(milestone.title)}</strong>"
        shown += f" {_text(milestone.detail)}" if milestone.detail else ""
        add(_labelled("cp-planner__milestone", _t("Milestone this week"), shown))
    add(_labelled("cp-planner__focus", _t("Focus"), _text(span.focus)))
    if span.resources:
        add(_labelled("cp-planner__resources", _t("Resources"), _resources(span.resources)))
    add('<div class="cp-planner__lists">')
    add('<div class="cp-planner__list">')
    add(_element("h3", _t("Deliverables")))
    if week.sprint_due:
        add("<ul>")
        lines += (_due_item(d, week.number) for d in week.sprint_due)
        add("</ul>")
    else:
        add(_element("p", _t("Nothing due yet this week.")))
    if week.later:
        add(_element("h4", _t("Later in this sprint")))
        add('<ul class="cp-planner__later">')
        lines += (_due_item(d, week.number) for d in week.later)
        add("</ul>")
    if week.extras and not week.extras_due:
        add(_element("h4", _t("Also in this sprint")))
        add('<ul class="cp-planner__later">')
        lines += (_due_item(d, week.number) for d in week.extras)
        add("</ul>")
    add("</div>")
    if week.side_tasks:
        add('<div class="cp-planner__list">')
        for due in week.side_tasks:
            add(_element("h3", _text(due.side_track.title)))
            add("<ul>")
            lines += _check_items(due.checks)
            add("</ul>")
        add("</div>")
    add("</div>")
    if week.checkpoint and (checkpoint := curriculum.checkpoint):
        add('<div class="cp-planner__checkpoint">')
        add(_element("h3", _t("Checkpoint: %(title)s", title=_text(checkpoint.title))))
        add("<ul>")
        lines += _check_items(week.checkpoint)
        add("</ul>")
        if checkpoint.advice:
            add(_element("p", _text(checkpoint.advice), "cp-planner__advice"))
        add("</div>")
    if p.days:
        add(grid(p.days, p.split))
    add("</div>")
    add(_element("div", _element("h3", _t("Notes")), "cp-planner__notes"))
    add("</section>")
    return "\n".join(lines)


def _element(tag: str, content: str, css: str = "") -> str:
    """`<tag class="css">content</tag>`, `content` being HTML already."""
    return f'<{tag} class="{css}">{content}</{tag}>' if css else f"<{tag}>{content}</{tag}>"


def _labelled(css: str, label: str, content: str) -> str:
    """A planner line led by its label (`Focus`, `Resources`)."""
    return _element("p", f'<span class="cp-planner__label">{label}</span> {content}', css)


def _grid(days: tuple[PlannerDay, ...], split: tuple[SplitBlock, ...]) -> str:
    head = [_t("Day"), _t("Routine"), *([_t("Daily split")] if split else [])]
    columns = "".join(f'<th scope="col">{name}</th>' for name in head)
    lines = ['<table class="cp-planner__grid">', "<thead>", f"<tr>{columns}</tr>", "</thead>"]
    lines.append("<tbody>")
    add = lines.append
    for index, day in enumerate(days):
        add(f'<tr data-day="{index}">')
        date = (
            f'<br><span class="cp-planner__date">{_text(short_date(day.date))}</span>'
            if day.date
            else ""
        )
        add(f'<th scope="row">{_text(day.name)}{date}</th>')
        add("<td><ul>")
        for task in day.tasks:
            add(f'<li data-week-key="{_text(task.key.partition("/")[2])}">{_entry(task)}</li>')
        add("</ul></td>")
        if split:
            add('<td class="cp-planner__split">')
            if day.study:
                for block in split:
                    add(
                        f'<span class="cp-planner__block">{block.minutes}m '
                        f"{_text(block.activity)}</span>"
                    )
            add("</td>")
        add("</tr>")
    add("</tbody>")
    add("</table>")
    return "\n".join(lines)


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

"""Render the expanded curriculum to Markdown text, one string per page (no I/O).

Every value a template prints is escaped for Markdown and HTML unless it is `Markup` made here
(links between pages, attribute values): text from the YAML is always shown as written, so a
contributor cannot inject markup, links or script.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from generator import paths
from generator.expand import (
    Site,
    Span,
    TrackPlan,
    is_side_task_due,
    join_days,
    routine_label,
    study_days,
)
from generator.i18n import _, ngettext
from generator.jinja import bytecode_cache
from generator.markdown import (
    attribute,
    bullet_list,
    checklist,
    checkpoint_heading,
    checkpoint_prompt,
    choice_links,
    deliverable_checklist,
    duration,
    entry,
    escape_markdown,
    group_status,
    link_to,
    markdown_message,
    markdown_plural,
    milestone_line,
    nt,
    resource_list,
    routine_heading,
    safe,
    side_track_heading,
    split_heading,
    split_list,
    t,
    week_range,
)
from generator.model import SideTask, SideTrack
from generator.planner import PAPER, SIZES, plan_planner, render_planner
from generator.weekpage import shared_blocks, week_markdown
from generator.words import count, due_text, filesize, minutes, of_weeks, short_url

#: Built files' sizes in bytes, by their path in the site (`planners/x.pdf`).
Sizes = Mapping[str, int]


def cadence(every_weeks: int) -> str:
    """`every week`, `every 2 weeks`."""
    return ngettext("every week", "every %(num)s weeks", every_weeks) % {"num": every_weeks}


def side_task_weeks(site: Site, side: SideTrack, task: SideTask) -> str:
    """The first track weeks a side-track task is due in: `weeks 6, 8, 10, …`, or per track
    (`Quick: weeks 7, 9, …; Steady: weeks 8, 10, …`) when the tracks place it differently."""
    shown: dict[str, list[str]] = {}
    starts = {plan.weeks[plan.starts.get(side.id, 1) - 1].label for plan in site.tracks}
    plans = site.tracks
    if len(starts) == 1:  # every track starts it alike: list its weeks on the longest
        plans = (max(site.tracks, key=lambda plan: len(plan.weeks)),)
    for plan in plans:
        start = plan.starts.get(side.id, 1)
        due = [
            week.label
            for week in plan.weeks
            if is_side_task_due(start, task.every_weeks, week.number)
        ]
        listed = ", ".join(str(week) for week in due[:3]) + (", …" if len(due) > 3 else "")
        weeks = ngettext("week %(weeks)s", "weeks %(weeks)s", len(due)) % {"weeks": listed}
        text = weeks if due else _("none")
        shown.setdefault(text, []).append(plan.track.name)
    if len(plans) == 1:
        return next(iter(shown))
    both = _(" and ")
    return "; ".join(f"{both.join(names)}: {text}" for text, names in shown.items())


def states_weeks(name: str, weeks: int) -> bool:
    """Whether a track's name already says its length (`7 weeks`, `Ten-week`… as digits only)."""
    return re.search(rf"\b{weeks}[\s-]?weeks?\b", name, re.IGNORECASE) is not None


def sprint_section(plan: TrackPlan, span: Span, link: Callable[[str], str]) -> Markup:
    """A sprint on its track's overview: its focus, deliverables, milestone, resources and
    weeks (a block a sprint, in Python: the overview grows with the weeks)."""
    track = attribute(plan.track.id)
    sprint = attribute(span.id)
    due = [t("due week %(week)s", week=d.due_label) for d in span.schedule]
    deliverables = "\n".join(
        f"- {entry(d.check)} · {when}" for d, when in zip(span.schedule, due, strict=True)
    )
    blocks = [
        f"## {escape_markdown(week_range(span))}: {escape_markdown(span.title)} {{ #{sprint} }}",
        t("**Focus:** %(focus)s", focus=span.focus),
        f'<div class="cp-sprint-status" data-track="{track}" data-sprint="{sprint}" hidden></div>',
        _bold(t("Deliverables")),
        deliverables,
    ]
    if span.milestone:
        ships = t(
            "**Milestone:** %(milestone)s · week %(week)s",
            milestone=milestone_line(span.milestone),
            week=span.last_label,
        )
        blocks.append(
            f'{ships} <span class="cp-milestone-status" data-track="{track}" '
            f'data-sprint="{sprint}" hidden></span>'
        )
    if span.resources:
        blocks += [_bold(t("Resources")), resource_list(span.resources)]
    weeks = week_links(plan, span, link)
    blocks += [_bold(t("Weeks")), f'<div class="cp-week-list" markdown>\n\n{weeks}\n</div>']
    if pause := plan.break_after(span):
        blocks.append(
            nt(
                "**Break after week %(week)s:** %(title)s, %(num)s week off. Later weeks' "
                "dates move by %(num)s week.",
                "**Break after week %(week)s:** %(title)s, %(num)s weeks off. Later weeks' "
                "dates move by %(num)s weeks.",
                pause.weeks,
                week=pause.after_label,
                title=pause.title,
            )
        )
    return safe("\n\n".join(str.rstrip(block, "\n") for block in blocks))


def _bold(text: str) -> str:
    return f"**{text}**"


def week_links(plan: TrackPlan, span: Span, link: Callable[[str], str]) -> Markup:
    """A sprint's weeks on its track's overview, each linked, with what it holds."""
    track_id = attribute(plan.track.id)
    lines = []
    for week in plan.weeks_in(span):
        title = t("Week %(number)s", number=week.label)
        page = link(paths.week_page(plan.track.id, week.number))
        notes = [t("checkpoint")] if week.checkpoint else []
        notes += [t("ships the milestone")] if week.milestone else []
        lines.append(
            f'- [{title}]({page}){{ .cp-week-link data-track="{track_id}" '
            f'data-week="{week.number}" }}{"".join(f" · {note}" for note in notes)}\n'
        )
    return safe("".join(lines))


def pdf_links(
    track_id: str, week: int | None, link: Callable[[str], str], file_sizes: Sizes
) -> Markup:
    """A planner's PDFs, one link per paper (with its size once known): a week's, or the
    whole track's for `week` None."""
    links = []
    for size, paper in PAPER.items():
        path = (
            paths.track_pdf(track_id, size)
            if week is None
            else paths.week_pdf(track_id, week, size)
        )
        label = t("%(paper)s PDF", paper=paper)
        shown = (
            f"{label} ({escape_markdown(filesize(file_sizes[path]))})"
            if path in file_sizes
            else label
        )
        download = attribute(paths.download_name(path))
        links.append(f'[{shown}]({link(path)}){{ download="{download}" }}')
    return safe(" · ".join(links))


def week_downloads(
    plan: TrackPlan, span: Span, link: Callable[[str], str], file_sizes: Sizes
) -> Markup:
    """A sprint's weeks on the downloads page, each with its PDFs."""
    lines = []
    for week in plan.weeks_in(span):
        title = t("Week %(number)s", number=week.label)
        page = link(paths.week_page(plan.track.id, week.number))
        lines.append(
            f"- [{title}]({page}): {pdf_links(plan.track.id, week.number, link, file_sizes)}\n"
        )
    return safe("".join(lines))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        auto_reload=False,  # package files: no stat of each template at every page
        autoescape=False,
        finalize=escape_markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(__file__),
    )
    env.filters.update(
        attr=attribute,
        week_range=week_range,
        of_weeks=of_weeks,
        link_to=link_to,
        short_url=short_url,
        minutes=minutes,
        join_days=join_days,
        side_heading=side_track_heading,
        states_weeks=states_weeks,
        duration=duration,
        cadence=cadence,
        routine_label=routine_label,
        due_text=due_text,
        plural=count,
        filesize=filesize,
        download_name=lambda path: attribute(paths.download_name(path)),
    )
    env.globals.update(
        paths=paths,
        sizes=SIZES,
        t=markdown_message,
        nt=markdown_plural,
        choice_links=choice_links,
        entry=entry,
        checklist=checklist,
        deliverable_checklist=deliverable_checklist,
        group_status=group_status,
        bullet_list=bullet_list,
        resource_list=resource_list,
        milestone_line=milestone_line,
        routine_heading=routine_heading,
        split_heading=split_heading,
        split_list=split_list,
        checkpoint_heading=checkpoint_heading,
        checkpoint_prompt=checkpoint_prompt,
        side_track_heading=side_track_heading,
        sprint_section=sprint_section,
        pdf_links=pdf_links,
        week_downloads=week_downloads,
    )
    return env


_ENV = _environment()


def _linker(page: str) -> Callable[[str], Markup]:
    """A function giving the relative Markdown link from `page` to another page."""

    folder = page.split("/")[:-1]

    def link(target: str) -> Markup:
        # posixpath.relpath, without its two calls to os.getcwd(): both paths are docs-relative.
        parts = target.split("/")
        common = 0
        while common < min(len(folder), len(parts) - 1) and folder[common] == parts[common]:
            common += 1
        return safe("/".join([".."] * (len(folder) - common) + parts[common:]))

    return link


#: Search weight of pages against the weeks (Material's front matter `search.boost`): the home
#: page only summarises pages that have their own URL; the milestones page is where a search
#: for a milestone should land, not the weeks that ship one; a track overview leads its weeks.
SEARCH_BOOST = {paths.HOME: 0.5, paths.MILESTONES: 2.0, "track": 1.15}


def _front_matter(title: str, boost: float | None = None) -> str:
    # Themes print `title` into <title> as it is, so it is HTML-escaped here.
    lines = [f"title: {json.dumps(str(attribute(title)), ensure_ascii=False)}"]
    if boost is not None:
        lines.append(f"search:\n  boost: {boost}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _render(
    template: str,
    page: str,
    title: str,
    options: paths.Options,
    boost: float | None = None,
    **context: Any,
) -> str:
    text = _ENV.get_template(template).render(link=_linker(page), options=options, **context)
    while "\n\n\n" in text:  # at most one blank line in a row (str.replace outruns a regex)
        text = text.replace("\n\n\n", "\n\n")
    return _page(text.strip() + "\n", page, title, boost)


def _page(text: str, page: str, title: str, boost: float | None = None) -> str:
    """A page's Markdown, front matter first."""
    boost = boost if boost is not None else SEARCH_BOOST.get(page)
    return _front_matter(title, boost) + text


def render_site(site: Site, options: paths.Options = paths.DEFAULT_OPTIONS) -> dict[str, str]:
    """Every page of the site: docs-relative path → Markdown text."""
    curriculum = site.curriculum

    def render(template: str, page: str, title: str, **context: Any) -> None:
        pages[page] = _render(
            template,
            page,
            title,
            options,
            site=site,
            c=curriculum,
            study_days=study_days(curriculum),
            **context,
        )

    def task_weeks(side: SideTrack, task: SideTask) -> str:
        return side_task_weeks(site, side, task)

    pages: dict[str, str] = {}
    render("home.md.j2", paths.HOME, curriculum.title)
    if curriculum.milestones.items:
        render("milestones.md.j2", paths.MILESTONES, curriculum.milestones.title)
    routine = curriculum.weekly_routine or curriculum.daily_split
    if routine:
        render("routine.md.j2", paths.ROUTINE, routine.title)
    if curriculum.checkpoint:
        title = _("Checkpoint: %(title)s") % {"title": curriculum.checkpoint.title}
        render("checkpoints.md.j2", paths.CHECKPOINTS, title)
    for side in curriculum.side_tracks:
        page = paths.side_track_page(side.id)
        render("side_track.md.j2", page, side.title, side=side, task_weeks=task_weeks)
    if options.planners:
        pages[paths.DOWNLOADS] = render_downloads(site, options)
    for plan in site.tracks:
        pages.update(render_track(site, plan, options))
    return pages


@dataclass(frozen=True)
class OfflineCopy:
    """The zip of the whole site that works opened from disk, as the downloads page offers it."""

    path: str
    """Where it is in the source language's site (`downloads/<name>-offline.zip`)."""
    href: str | None
    """The link from a translation's downloads page to it; None on the source's."""
    name: str
    """The name it is saved under."""
    size: int
    """Its size in bytes."""


def render_downloads(
    site: Site,
    options: paths.Options = paths.DEFAULT_OPTIONS,
    file_sizes: Sizes | None = None,
    offline: OfflineCopy | None = None,
) -> str:
    """The downloads page: every planner PDF, with its paper and (once built) its file size,
    and the offline copy of the site when there is one."""
    return _render(
        "downloads.md.j2",
        paths.DOWNLOADS,
        _("Downloads"),
        options,
        site=site,
        paper=PAPER,
        file_sizes=file_sizes or {},
        offline=offline,
    )


def render_track(
    site: Site, plan: TrackPlan, options: paths.Options = paths.DEFAULT_OPTIONS
) -> dict[str, str]:
    """The overview and week pages of one track."""
    track_id = plan.track.id
    overview = paths.track_page(track_id)
    title = f"{plan.track.label} — {plan.track.name}"
    boost = SEARCH_BOOST["track"]
    pages = {
        overview: _render("track.md.j2", overview, title, options, boost, site=site, plan=plan)
    }
    shared = shared_blocks(site.curriculum)
    for week in plan.weeks:
        page = paths.week_page(track_id, week.number)
        week_title = _("Week %(number)s") % {"number": week.label}
        title = f"{week_title} · {week.span.title} · {plan.track.name}"
        planned = plan_planner(site.curriculum, plan, week, options=options)
        planner = render_planner(site.curriculum, planned)
        link = _linker(page)
        body = week_markdown(site.curriculum, plan, week, planner, link, options, shared)
        pages[page] = _page(body, page, title)
    return pages

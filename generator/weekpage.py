"""A week page's Markdown (no I/O): what the week counts, its plan, and its planner.

Written in Python rather than as a template: a build renders every week of every track in
every language, and this runs several times faster than the same page from Jinja. What it
prints is escaped as the templates' output is (`generator.markdown`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator import paths
from generator.expand import TrackPlan, Week, routine_label, study_days
from generator.markdown import (
    attribute,
    checklist,
    checkpoint_heading,
    checkpoint_prompt,
    deliverable_checklist,
    escape_markdown,
    group_status,
    milestone_line,
    nt,
    resource_list,
    routine_heading,
    side_track_heading,
    split_heading,
    split_list,
    t,
    week_range,
)
from generator.model import Curriculum
from generator.planner import SIZES
from generator.words import entry_text, of_weeks


@dataclass(frozen=True)
class Shared:
    """What every week page of a curriculum shows alike, in the language being rendered:
    made once for all of them (`shared_blocks`)."""

    routine_heading: str
    day_headings: dict[tuple[str, ...], str]
    split: tuple[str, ...]
    side_headings: dict[str, str]
    checkpoint: tuple[str, ...]


def shared_blocks(curriculum: Curriculum) -> Shared:
    """The headings and blocks every week page of `curriculum` shows alike."""
    routine, split, checkpoint = (
        curriculum.weekly_routine,
        curriculum.daily_split,
        curriculum.checkpoint,
    )
    return Shared(
        routine_heading=_heading(2, routine_heading(routine)) if routine else "",
        day_headings={
            tuple(block.days): _heading(3, escape_markdown(routine_label(block.days)))
            for block in (routine.blocks if routine else ())
        },
        split=(
            (_heading(2, split_heading(split)), split_list(split, study_days(curriculum)))
            if split
            else ()
        ),
        side_headings={
            side.id: _heading(2, side_track_heading(side, curriculum))
            for side in curriculum.side_tracks
        },
        checkpoint=(
            (_heading(2, checkpoint_heading(checkpoint)), checkpoint_prompt(checkpoint))
            if checkpoint
            else ()
        ),
    )


def week_markdown(
    curriculum: Curriculum,
    plan: TrackPlan,
    week: Week,
    planner: str,
    link: Callable[[str], str],
    options: paths.Options = paths.DEFAULT_OPTIONS,
    shared: Shared | None = None,
) -> str:
    """The body of a week page, its Markdown blocks one blank line apart (never two, so that
    it needs no tidying): `link` gives the relative link from it to another page, `planner` is
    the week's planner fragment, which closes the page, and `shared` the curriculum's
    `shared_blocks`, when the caller has them."""
    shared = shared or shared_blocks(curriculum)
    track, span = plan.track, week.span
    esc = escape_markdown
    title = t("Week %(number)s", number=week.label)
    blocks = [
        f'# {title} · {esc(span.title)} <span class="cp-title-track">'
        f'<span class="cp-title-sep">· </span>{esc(track.name)}</span>',
        _position(plan, week, link),
        f'<div class="cp-week-status" data-track="{attribute(track.id)}" '
        f'data-week="{week.number}" hidden></div>',
    ]
    add = blocks.append
    if before := next((b for b in plan.breaks if b.after == week.number - 1), None):
        add(
            nt(
                "**After a break:** this week follows %(title)s (%(num)s week off).",
                "**After a break:** this week follows %(title)s (%(num)s weeks off).",
                before.weeks,
                title=before.title,
            )
        )
    add(t("**Focus:** %(focus)s", focus=span.focus))
    add(_actions(track.id, week.number, link, options))
    if week.milestone:
        milestone_title = _element("p", t("Milestone due this week"), "admonition-title")
        add(
            f'<div class="admonition cp-milestone" data-track="{attribute(track.id)}" '
            f'data-sprint="{attribute(span.id)}" markdown>\n{milestone_title}'
        )
        add(f"{milestone_line(week.milestone)}\n\n</div>")

    add(_heading(2, t("Deliverables")))
    if week.due:
        add(deliverable_checklist(week.due, track.id, week.number))
    else:
        add(t("Nothing is due yet: build towards the deliverables due later in the sprint."))
    if week.later:
        add(_heading(3, t("Later in this sprint")))
        add(t("Not counted in this week's figure until they are due."))
        add(group_status(track.id, week.number, "later"))
        add(deliverable_checklist(week.later, track.id, week.number))

    add(_heading(2, t("This week's plan")))
    add(_plan(week))
    if after := next((b for b in plan.breaks if b.after == week.number), None):
        add(
            nt(
                "After this week: %(title)s, %(num)s week off.",
                "After this week: %(title)s, %(num)s weeks off.",
                after.weeks,
                title=after.title,
            )
        )
    if span.resources:
        add(_heading(2, t("Resources")))
        add(resource_list(span.resources))

    if week.extras:
        add(_heading(2, t("Also in this sprint")))
        if week.extras_due:
            add(t("Due this week, the last of the sprint."))
        else:
            add(
                t(
                    "Due by week %(week)s, the last of the sprint; not counted in this week's "
                    "figure until then.",
                    week=span.last_label,
                )
            )
            add(group_status(track.id, week.number, "extras"))
        if track.summary:
            add(esc(track.summary))
        add(checklist((extra.check for extra in week.extras), track.id))

    if week.routine:
        add(shared.routine_heading)
        for day in week.routine:
            add(shared.day_headings[day.days])
            add(checklist(day.checks, track.id))
    blocks += shared.split
    for due in week.side_tasks:
        add(shared.side_headings[due.side_track.id])
        add(checklist(due.checks, track.id))
    if week.checkpoint and (checkpoint := curriculum.checkpoint):
        blocks += shared.checkpoint
        add(checklist(week.checkpoint, track.id))
        if checkpoint.advice:
            add(f"> {esc(checkpoint.advice)}")
    add(planner)
    return "\n\n".join(str.rstrip(block, "\n") for block in blocks) + "\n"


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


def _element(tag: str, content: str, css: str) -> str:
    return f'<{tag} class="{css}">{content}</{tag}>'


def _position(plan: TrackPlan, week: Week, link: Callable[[str], str]) -> str:
    """Where the week is: its track (linked), its week of the track and of the sprint."""
    track, span = plan.track, week.span
    in_track = t(
        "track week **%(number)s** %(of_weeks)s", number=week.label, of_weeks=of_weeks(plan)
    )
    in_sprint = t(
        "sprint week **%(number)s** of %(weeks)s", number=week.week_in_sprint, weeks=span.weeks
    )
    track_link = f"[{escape_markdown(track.label)} · {escape_markdown(track.name)}]"
    return (
        '<div class="cp-position" markdown>\n\n'
        f"{track_link}({link(paths.track_page(track.id))}) · {in_track} · {in_sprint} "
        f"({escape_markdown(week_range(span))})\n\n</div>"
    )


def _actions(track_id: str, week: int, link: Callable[[str], str], options: paths.Options) -> str:
    """The week's print button (shown by the browser script) and its PDF downloads."""
    print_label = t("Print planner")
    lines = [
        '<div class="cp-planner-actions" markdown>',
        '<button type="button" class="md-button md-button--primary cp-print" '
        f'onclick="window.print()" hidden>{print_label}</button>',
    ]
    if options.planners:
        for size, paper in SIZES.items():
            pdf = paths.week_pdf(track_id, week, size)
            download = attribute(paths.download_name(pdf))
            label = t("PDF (%(paper)s)", paper=paper)
            lines.append(f'[{label}]({link(pdf)}){{ .md-button download="{download}" }}')
    lines.append("</div>")
    return "\n".join(lines)


def _plan(week: Week) -> str:
    """What to do this week: the YAML's note for it, or a list from the pacing rule."""
    span, plan = week.span, week.plan
    if plan.note:
        return escape_markdown(plan.note)
    steps = []
    if week.week_in_sprint == 1:
        steps.append(t("New sprint: get to grips with its focus (%(focus)s).", focus=span.focus))
    for deliverable in plan.due:
        shipped = entry_text(deliverable.check)
        steps.append(t("Finish and ship **%(deliverable)s**.", deliverable=shipped))
    for deliverable in plan.upcoming:
        values = {"deliverable": entry_text(deliverable.check), "week": deliverable.due_label}
        if plan.due:
            steps.append(t("Then start on **%(deliverable)s** (due week %(week)s).", **values))
        else:
            steps.append(t("Build towards **%(deliverable)s** (due week %(week)s).", **values))
    if plan.wrap_up and span.milestone:
        steps.append(
            t(
                "Last week of the sprint: finish anything still open, review what you built "
                "and ship the milestone: %(milestone)s.",
                milestone=milestone_line(span.milestone),
            )
        )
    elif plan.wrap_up:
        steps.append(
            t("Last week of the sprint: finish anything still open, review what you built.")
        )
    elif not plan.due and not plan.upcoming:
        steps.append(t("Keep building on the sprint's deliverables."))
    return "\n".join(f"- {step}" for step in steps)

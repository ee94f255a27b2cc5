"""Expand a curriculum into what every page shows: pure functions, no I/O.

Pacing rule (used when a sprint gives no per-week notes for a track): a sprint of `w` weeks
spreads its `n` deliverables in their written order over its first `w - 1` weeks, deliverable `i`
(counting from 1) being due in sprint week ceil(i × (w − 1) / n); the last week is kept for
finishing, review and the milestone. A one-week sprint has everything due in that week.

What a week counts: its own routine, side-track and checkpoint items, and every sprint item due by
that week (deliverables by the pacing rule, the track's sprint extras in the sprint's last week).
Sprint items due later are shown apart, under "Later in this sprint", with a figure of their own:
a week is done when everything it counts is ticked, never while a box it counts is open.

Checkpoints fall on every track week that is a multiple of `checkpoint.every_weeks`. A side-track
task is due from the side track's `start_week` on, every `every_weeks` weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import (
    WEEKDAYS,
    Curriculum,
    Item,
    Milestone,
    RoutineBlock,
    SideTrack,
    Sprint,
    Track,
)


@dataclass(frozen=True)
class Check:
    """A checklist entry on a page; `key` is stable and unique within a track."""

    key: str
    text: str


@dataclass(frozen=True)
class Deliverable:
    """A sprint deliverable (or sprint extra) as seen from one week of the sprint."""

    check: Check
    due_week: int
    due_now: bool

    def due_by(self, week: int) -> bool:
        """Whether it is due in track week `week` or was due before it."""
        return self.due_week <= week


@dataclass(frozen=True)
class Span:
    """A sprint placed on a track: its weeks and the milestone its last week ships."""

    sprint: Sprint
    number: int
    first_week: int
    last_week: int
    milestone: Milestone | None

    @property
    def weeks(self) -> int:
        """How many weeks the sprint lasts on this track."""
        return self.last_week - self.first_week + 1

    @property
    def schedule(self) -> tuple[Deliverable, ...]:
        """The sprint's deliverables with the track week each is due in."""
        return _deliverables(self, in_sprint=0)


@dataclass(frozen=True)
class Plan:
    """What to do this week: the YAML's note for the week, or the pacing rule's plan."""

    note: str | None
    due: tuple[Deliverable, ...]
    upcoming: tuple[Deliverable, ...]
    wrap_up: bool


@dataclass(frozen=True)
class RoutineDay:
    """A block of the weekly routine as checklist entries of one week."""

    label: str
    days: tuple[str, ...]
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class SideTasks:
    """The tasks of a side track due in one week."""

    side_track: SideTrack
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Week:
    """Everything one week page shows."""

    track: Track
    number: int
    span: Span
    week_in_sprint: int
    deliverables: tuple[Deliverable, ...]
    extras: tuple[Deliverable, ...]
    plan: Plan
    routine: tuple[RoutineDay, ...]
    side_tasks: tuple[SideTasks, ...]
    checkpoint: tuple[Check, ...]
    milestone: Milestone | None

    @property
    def due(self) -> tuple[Deliverable, ...]:
        """The sprint's deliverables due this week or before: counted in the week's figure."""
        return tuple(d for d in self.deliverables if d.due_by(self.number))

    @property
    def later(self) -> tuple[Deliverable, ...]:
        """The sprint's deliverables due after this week: shown apart, not counted."""
        return tuple(d for d in self.deliverables if not d.due_by(self.number))

    @property
    def extras_due(self) -> bool:
        """Whether the sprint extras are due this week (the sprint's last) and so counted."""
        return self.number == self.span.last_week

    @property
    def sprint_due(self) -> tuple[Deliverable, ...]:
        """Every sprint item due by this week: deliverables, and extras in the last week."""
        return (*self.due, *(self.extras if self.extras_due else ()))

    @property
    def sprint_later(self) -> tuple[Deliverable, ...]:
        """Every sprint item due after this week: shown apart, not counted."""
        return (*self.later, *(() if self.extras_due else self.extras))

    @property
    def counted(self) -> tuple[Check, ...]:
        """Every checklist entry the week's figure counts: a week is done when all are ticked."""
        own = [c for day in self.routine for c in day.checks]
        own += [c for due in self.side_tasks for c in due.checks]
        return (*(d.check for d in self.sprint_due), *own, *self.checkpoint)


@dataclass(frozen=True)
class TrackPlan:
    """A track with its sprints placed on weeks and every week expanded."""

    track: Track
    spans: tuple[Span, ...]
    weeks: tuple[Week, ...]

    def weeks_in(self, span: Span) -> tuple[Week, ...]:
        """The weeks of one sprint on this track."""
        return self.weeks[span.first_week - 1 : span.last_week]


@dataclass(frozen=True)
class Site:
    """The whole expanded curriculum."""

    curriculum: Curriculum
    tracks: tuple[TrackPlan, ...]


def expand_curriculum(curriculum: Curriculum) -> Site:
    """Expand every track of a (validated) curriculum."""
    return Site(curriculum, tuple(expand_track(curriculum, t) for t in curriculum.tracks))


def expand_track(curriculum: Curriculum, track: Track) -> TrackPlan:
    """Place the sprints on the track's weeks and expand each week."""
    spans = place_sprints(curriculum, track)
    weeks = tuple(
        expand_week(curriculum, track, span, week)
        for span in spans
        for week in range(span.first_week, span.last_week + 1)
    )
    return TrackPlan(track, spans, weeks)


def place_sprints(curriculum: Curriculum, track: Track) -> tuple[Span, ...]:
    """The sprints in order, each with its first and last week on `track`."""
    milestones = {m.id: m for m in curriculum.milestones.items}
    spans, first = [], 1
    for number, sprint in enumerate(curriculum.sprints, start=1):
        weeks = track.sprint_weeks.get(sprint.id, track.weeks_per_sprint)
        milestone = milestones.get(sprint.ships) if sprint.ships else None
        spans.append(Span(sprint, number, first, first + weeks - 1, milestone))
        first += weeks
    return tuple(spans)


def due_weeks(deliverables: int, weeks: int) -> tuple[int, ...]:
    """Sprint week (from 1) in which each deliverable is due, by the pacing rule."""
    working = max(weeks - 1, 1)
    return tuple(-(-(i * working) // deliverables) for i in range(1, deliverables + 1))


def is_checkpoint_week(week: int, every_weeks: int) -> bool:
    """Whether track week `week` holds a checkpoint."""
    return week % every_weeks == 0


def is_side_task_due(side_track: SideTrack, every_weeks: int, week: int) -> bool:
    """Whether a side-track task with this cadence is due in track week `week`."""
    since = week - side_track.start_week
    return since >= 0 and since % every_weeks == 0


def week_key(week: int) -> str:
    """The progress-key prefix of one week's own checklist entries."""
    return f"week-{week:02d}"


def expand_week(curriculum: Curriculum, track: Track, span: Span, week: int) -> Week:
    """Everything the page of track week `week` (inside `span`) shows."""
    in_sprint = week - span.first_week + 1
    deliverables = _deliverables(span, in_sprint)
    last = week == span.last_week
    return Week(
        track=track,
        number=week,
        span=span,
        week_in_sprint=in_sprint,
        deliverables=deliverables,
        extras=tuple(
            Deliverable(
                Check(f"extra/{span.sprint.id}/{item.key}", item.text), span.last_week, last
            )
            for item in track.sprint_extras
        ),
        plan=_plan(span, track, in_sprint, deliverables),
        routine=_routine(curriculum, week),
        side_tasks=_side_tasks(curriculum, week),
        checkpoint=_checkpoint(curriculum, week),
        milestone=span.milestone if last else None,
    )


def _deliverables(span: Span, in_sprint: int) -> tuple[Deliverable, ...]:
    items = span.sprint.deliverables
    return tuple(
        Deliverable(
            Check(f"deliverable/{item.key}", item.text),
            span.first_week + due - 1,
            due == in_sprint,
        )
        for item, due in zip(items, due_weeks(len(items), span.weeks), strict=True)
    )


def _plan(span: Span, track: Track, in_sprint: int, deliverables: tuple[Deliverable, ...]) -> Plan:
    notes = span.sprint.notes.get(track.id)
    week = span.first_week + in_sprint - 1
    return Plan(
        note=notes[in_sprint - 1] if notes else None,
        due=tuple(d for d in deliverables if d.due_now),
        upcoming=tuple(d for d in deliverables if d.due_week > week)[:1],
        wrap_up=week == span.last_week and span.weeks > 1,
    )


def routine_label(days: Sequence[str]) -> str:
    """`Monday`, or `Tuesday–Thursday` for a run of days."""
    names = [day.capitalize() for day in days]
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"


def _routine(curriculum: Curriculum, week: int) -> tuple[RoutineDay, ...]:
    if curriculum.weekly_routine is None:
        return ()
    blocks = sorted(curriculum.weekly_routine.blocks, key=lambda b: WEEKDAYS.index(b.days[0]))
    return tuple(_routine_day(block, week) for block in blocks)


def _routine_day(block: RoutineBlock, week: int) -> RoutineDay:
    checks = _checks(f"{week_key(week)}/routine", block.tasks)
    return RoutineDay(routine_label(block.days), tuple(block.days), checks)


def _checks(prefix: str, items: Sequence[Item]) -> tuple[Check, ...]:
    return tuple(Check(f"{prefix}/{item.key}", item.text) for item in items)


def _side_tasks(curriculum: Curriculum, week: int) -> tuple[SideTasks, ...]:
    result = []
    for side in curriculum.side_tracks:
        due = [task for task in side.tasks if is_side_task_due(side, task.every_weeks, week)]
        if due:
            result.append(SideTasks(side, _checks(f"{week_key(week)}/{side.id}", due)))
    return tuple(result)


def _checkpoint(curriculum: Curriculum, week: int) -> tuple[Check, ...]:
    checkpoint = curriculum.checkpoint
    if checkpoint is None or not is_checkpoint_week(week, checkpoint.every_weeks):
        return ()
    return _checks(f"{week_key(week)}/checkpoint", checkpoint.questions)

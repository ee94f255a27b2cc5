"""Expand a curriculum into what every page shows: pure functions, no I/O.

Pacing rule (for a deliverable without a `due` week on the track): a sprint of `w` weeks spreads
its `n` deliverables in their written order over its first `w - 1` weeks, deliverable `i`
(counting from 1) being due in sprint week ceil(i × (w − 1) / n); the last week is kept for
finishing, review and the milestone. A one-week sprint has everything due in that week. Sprints a
track takes together form one span: their deliverables are paced over the span's weeks as one.

Week numbers: a week's `number` counts from 1 on every track and names its page and its progress
keys (`week-01`); its `label` is the number the curriculum shows (from `first_week`, 0 or 1), and
its `offset` is how many calendar weeks after the track's first it falls (breaks add to it).

What a week counts: its own routine, side-track and checkpoint items, and every sprint item due by
that week (deliverables by the pacing rule, the track's sprint extras in the sprint's last week).
Sprint items due later are shown apart, under "Later in this sprint", with a figure of their own:
a week is done when everything it counts is ticked, never while a box it counts is open.

Checkpoints fall on every `checkpoint.every_weeks`-th week of a track. A side-track task is due
from the side track's first week on that track (`start_week`, or `start_sprint`'s first week) on,
every `every_weeks` weeks.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.i18n import _, day_name
from generator.model import (
    WEEKDAYS,
    Choice,
    Curriculum,
    DeliverableItem,
    Item,
    Milestone,
    Resource,
    SideTrack,
    Sprint,
    Track,
)


class Check(NamedTuple):
    """A checklist entry on a page; `key` is stable and unique within a track. `text` is the
    entry as one line of plain text; `lead`, `url` and `choices` let a page show its links.
    (A named tuple: a build makes one per entry per week, thousands, and a tuple is made in a
    third of a frozen dataclass's time.)"""

    key: str
    text: str
    url: str | None = None
    lead: str | None = None
    choices: tuple[Choice, ...] = ()


class Deliverable(NamedTuple):
    """A sprint deliverable (or sprint extra) as seen from one week of the sprint; `due_week` is
    the track week number, `due_label` the number shown for it. (A named tuple, as `Check`.)"""

    check: Check
    due_week: int
    due_now: bool
    due_label: int

    def due_by(self, week: int) -> bool:
        """Whether it is due in track week `week` or was due before it."""
        return self.due_week <= week


@dataclass(frozen=True)
class Span:
    """A sprint placed on a track (or sprints the track takes together): its weeks, shown as
    `first_label`–`last_label`, and the milestone its last week ships."""

    sprints: tuple[Sprint, ...]
    number: int
    first_week: int
    last_week: int
    milestone: Milestone | None
    track_id: str
    first_label: int

    @property
    def sprint(self) -> Sprint:
        """The sprint (the first, for sprints taken together): its id names the span."""
        return self.sprints[0]

    @property
    def id(self) -> str:
        """The span's id: its first sprint's."""
        return self.sprints[0].id

    @functools.cached_property
    def title(self) -> str:
        """`Arrays Sprint`, or `Arrays + Algorithms` for sprints taken together."""
        return " + ".join(sprint.title for sprint in self.sprints)

    @functools.cached_property
    def focus(self) -> str:
        """The sprints' focus, joined."""
        return "; ".join(sprint.focus for sprint in self.sprints)

    @functools.cached_property
    def resources(self) -> tuple[Resource, ...]:
        """The sprints' links, in order."""
        return tuple(resource for sprint in self.sprints for resource in sprint.resources)

    @functools.cached_property
    def notes(self) -> list[str] | None:
        """The YAML's per-week plan for this track, if a sprint of the span gives one."""
        return next(
            (s.notes[self.track_id] for s in self.sprints if self.track_id in s.notes), None
        )

    @functools.cached_property
    def weeks(self) -> int:
        """How many weeks the sprint lasts on this track."""
        return self.last_week - self.first_week + 1

    @functools.cached_property
    def last_label(self) -> int:
        """The number shown for the span's last week."""
        return self.first_label + self.weeks - 1

    @functools.cached_property
    def schedule(self) -> tuple[Deliverable, ...]:
        """The sprint's deliverables with the track week each is due in (none due now)."""
        items = [item for sprint in self.sprints for item in sprint.deliverables]
        return tuple(
            Deliverable(
                _deliverable_check(item),
                self.first_week + due - 1,
                False,
                self.first_label + due - 1,
            )
            for item, due in zip(items, sprint_due_weeks(self), strict=True)
        )


@dataclass(frozen=True)
class Pause:
    """Weeks off on a track, after track week `after` (a break from the YAML)."""

    title: str
    after: int
    after_label: int
    weeks: int
    offset: int
    """Calendar weeks from the track's first week to the break's first."""


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
    label: int
    offset: int
    span: Span
    week_in_sprint: int
    deliverables: tuple[Deliverable, ...]
    extras: tuple[Deliverable, ...]
    plan: Plan
    routine: tuple[RoutineDay, ...]
    side_tasks: tuple[SideTasks, ...]
    checkpoint: tuple[Check, ...]
    milestone: Milestone | None

    @functools.cached_property
    def due(self) -> tuple[Deliverable, ...]:
        """The sprint's deliverables due this week or before: counted in the week's figure."""
        return tuple(d for d in self.deliverables if d.due_by(self.number))

    @functools.cached_property
    def later(self) -> tuple[Deliverable, ...]:
        """The sprint's deliverables due after this week: shown apart, not counted."""
        return tuple(d for d in self.deliverables if not d.due_by(self.number))

    @property
    def extras_due(self) -> bool:
        """Whether the sprint extras are due this week (the sprint's last) and so counted."""
        return self.number == self.span.last_week

    @functools.cached_property
    def sprint_due(self) -> tuple[Deliverable, ...]:
        """Every sprint item due by this week: deliverables, and extras in the last week."""
        return (*self.due, *(self.extras if self.extras_due else ()))

    @functools.cached_property
    def sprint_later(self) -> tuple[Deliverable, ...]:
        """Every sprint item due after this week: shown apart, not counted."""
        return (*self.later, *(() if self.extras_due else self.extras))

    @functools.cached_property
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
    breaks: tuple[Pause, ...] = ()
    starts: Mapping[str, int] = field(default_factory=dict)
    """The track week each side track starts in, by side-track id."""

    def weeks_in(self, span: Span) -> tuple[Week, ...]:
        """The weeks of one sprint on this track."""
        return self.weeks[span.first_week - 1 : span.last_week]

    def break_after(self, span: Span) -> Pause | None:
        """The break that follows a sprint on this track, if any."""
        return next((b for b in self.breaks if b.after == span.last_week), None)

    @property
    def first_label(self) -> int:
        """The number shown for the track's first week."""
        return self.weeks[0].label

    @property
    def sprints_taken(self) -> int:
        """How many of the curriculum's sprints the track takes (those it skips aside)."""
        return sum(len(span.sprints) for span in self.spans)


@dataclass(frozen=True)
class Site:
    """The whole expanded curriculum."""

    curriculum: Curriculum
    tracks: tuple[TrackPlan, ...]


def expand_curriculum(curriculum: Curriculum) -> Site:
    """Expand every track of a (validated) curriculum."""
    return Site(curriculum, tuple(expand_track(curriculum, t) for t in curriculum.tracks))


def first_label(curriculum: Curriculum, track: Track) -> int:
    """The number a track shows for its first week."""
    return curriculum.first_week if track.first_week is None else track.first_week


def expand_track(curriculum: Curriculum, track: Track) -> TrackPlan:
    """Place the sprints on the track's weeks and expand each week."""
    spans = place_sprints(curriculum, track)
    breaks = place_breaks(track, first_label(curriculum, track))
    starts = {
        side.id: side_start(curriculum, track, spans, side) for side in curriculum.side_tracks
    }
    routine = routine_blocks(curriculum)
    weeks = tuple(
        expand_week(curriculum, track, span, week, _offset(week, breaks), starts, routine)
        for span in spans
        for week in range(span.first_week, span.last_week + 1)
    )
    return TrackPlan(track, spans, weeks, breaks, starts)


def sprint_groups(curriculum: Curriculum, track: Track) -> list[list[Sprint]]:
    """The sprints a track takes, in order, grouped where it takes several together."""
    skipped = set(track.skip_sprints)
    together = {group[0]: set(group[1:]) for group in track.combine_sprints}
    groups: list[list[Sprint]] = []
    joining: set[str] = set()
    for sprint in curriculum.sprints:
        if sprint.id in skipped:
            continue
        if sprint.id in joining and groups:
            groups[-1].append(sprint)
            joining.discard(sprint.id)
            continue
        groups.append([sprint])
        joining = set(together.get(sprint.id, ()))
    return groups


def place_sprints(curriculum: Curriculum, track: Track) -> tuple[Span, ...]:
    """The sprints in order, each with its first and last week on `track`."""
    milestones = {m.id: m for m in curriculum.milestones.items}
    shown = first_label(curriculum, track)
    spans, first = [], 1
    for number, group in enumerate(sprint_groups(curriculum, track), start=1):
        weeks = track.sprint_weeks.get(group[0].id, track.weeks_per_sprint)
        ships = next((s.ships for s in group if s.ships), None)
        milestone = milestones.get(ships) if ships else None
        spans.append(
            Span(tuple(group), number, first, first + weeks - 1, milestone, track.id, shown)
        )
        first += weeks
        shown += weeks
    return tuple(spans)


def place_breaks(track: Track, first: int) -> tuple[Pause, ...]:
    """The track's breaks in week order, each with the calendar offset of its first week."""
    breaks, taken = [], 0
    for entry in sorted(track.breaks, key=lambda b: b.after):
        after = entry.after - first + 1
        breaks.append(Pause(entry.title, after, entry.after, entry.weeks, after + taken))
        taken += entry.weeks
    return tuple(breaks)


def _offset(week: int, breaks: tuple[Pause, ...]) -> int:
    return week - 1 + sum(b.weeks for b in breaks if b.after < week)


def side_start(curriculum: Curriculum, track: Track, spans: Sequence[Span], side: SideTrack) -> int:
    """The track week (from 1) a side track starts in on `track`."""
    if side.start_sprint is not None:
        return next(
            (
                span.first_week
                for span in spans
                if side.start_sprint in {s.id for s in span.sprints}
            ),
            1,
        )
    if side.start_week is None:
        return 1
    return side.start_week - first_label(curriculum, track) + 1


def due_weeks(deliverables: int, weeks: int) -> tuple[int, ...]:
    """Sprint week (from 1) in which each deliverable is due, by the pacing rule."""
    working = max(weeks - 1, 1)
    return tuple(-(-(i * working) // deliverables) for i in range(1, deliverables + 1))


def is_checkpoint_week(week: int, every_weeks: int) -> bool:
    """Whether track week `week` holds a checkpoint."""
    return week % every_weeks == 0


def is_side_task_due(start: int, every_weeks: int, week: int) -> bool:
    """Whether a side-track task with this cadence, starting in track week `start`, is due in
    track week `week`."""
    since = week - start
    return since >= 0 and since % every_weeks == 0


def week_key(week: int) -> str:
    """The progress-key prefix of one week's own checklist entries."""
    return f"week-{week:02d}"


def expand_week(
    curriculum: Curriculum,
    track: Track,
    span: Span,
    week: int,
    offset: int | None = None,
    starts: dict[str, int] | None = None,
    routine: RoutineBlocks | None = None,
) -> Week:
    """Everything the page of track week `week` (inside `span`) shows (`routine`: the
    curriculum's `routine_blocks`, when the caller has them)."""
    in_sprint = week - span.first_week + 1
    deliverables = _deliverables(span, in_sprint)
    last = week == span.last_week
    return Week(
        track=track,
        number=week,
        label=span.first_label + in_sprint - 1,
        offset=week - 1 if offset is None else offset,
        span=span,
        week_in_sprint=in_sprint,
        deliverables=deliverables,
        extras=tuple(
            Deliverable(_check(f"extra/{span.id}", item), span.last_week, last, span.last_label)
            for item in track.sprint_extras
        ),
        plan=_plan(span, in_sprint, deliverables),
        routine=_routine(routine_blocks(curriculum) if routine is None else routine, week),
        side_tasks=_side_tasks(curriculum, week, starts or {}),
        checkpoint=_checkpoint(curriculum, week),
        milestone=span.milestone if last else None,
    )


def sprint_due_weeks(span: Span) -> tuple[int, ...]:
    """The span week (from 1) each of its deliverables is due in: its `due` week for this
    track, or the pacing rule's."""
    items = [item for sprint in span.sprints for item in sprint.deliverables]
    paced = due_weeks(len(items), span.weeks)
    return tuple(_due(item, span.track_id) or rule for item, rule in zip(items, paced, strict=True))


def _due(item: DeliverableItem, track_id: str) -> int | None:
    if isinstance(item.due, dict):
        return item.due.get(track_id)
    return item.due


def _deliverables(span: Span, in_sprint: int) -> tuple[Deliverable, ...]:
    week = span.first_week + in_sprint - 1
    return tuple(d._replace(due_now=True) if d.due_week == week else d for d in span.schedule)


def _plan(span: Span, in_sprint: int, deliverables: tuple[Deliverable, ...]) -> Plan:
    notes = span.notes
    week = span.first_week + in_sprint - 1
    return Plan(
        note=notes[in_sprint - 1] if notes else None,
        due=tuple(d for d in deliverables if d.due_now),
        upcoming=tuple(d for d in deliverables if d.due_week > week)[:1],
        wrap_up=week == span.last_week and span.weeks > 1,
    )


def study_days(curriculum: Curriculum) -> tuple[str, ...]:
    """The days the daily split applies to: its own `days`, or the routine's, or every day."""
    split, routine = curriculum.daily_split, curriculum.weekly_routine
    if split is not None and split.days:
        chosen = set(split.days)
    elif routine is not None:
        chosen = {day for block in routine.blocks for day in block.days}
    else:
        chosen = set(WEEKDAYS)
    return tuple(day for day in WEEKDAYS if day in chosen)


def join_days(days: Sequence[str]) -> str:
    """`Monday–Friday and Sunday`: days in week order, runs joined."""
    runs: list[list[str]] = []
    for day in days:
        if runs and WEEKDAYS.index(day) == WEEKDAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names: list[str] = []
    for run in runs:
        if len(run) > 2:
            names.append(routine_label(run))
        else:
            names += [day_name(day) for day in run]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]


def routine_label(days: Sequence[str]) -> str:
    """`Monday`, or `Tuesday–Thursday` for a run of days (in the language being rendered)."""
    names = [day_name(day) for day in days]
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"


RoutineBlocks = tuple[tuple[str, tuple[str, ...], tuple[Item, ...]], ...]


def routine_blocks(curriculum: Curriculum) -> RoutineBlocks:
    """The weekly routine's blocks in week order, each with its label and tasks: the same
    for every week (only the tasks' keys name the week)."""
    if curriculum.weekly_routine is None:
        return ()
    blocks = sorted(curriculum.weekly_routine.blocks, key=lambda b: WEEKDAYS.index(b.days[0]))
    return tuple((routine_label(b.days), tuple(b.days), tuple(b.tasks)) for b in blocks)


def _routine(blocks: RoutineBlocks, week: int) -> tuple[RoutineDay, ...]:
    prefix = f"{week_key(week)}/routine"
    return tuple(RoutineDay(label, days, _checks(prefix, tasks)) for label, days, tasks in blocks)


def _check(prefix: str, item: Item) -> Check:
    return Check(f"{prefix}/{item.key}", item.text, item.url)


def _deliverable_check(item: DeliverableItem) -> Check:
    return Check(f"deliverable/{item.key}", item.label, item.url, item.text, tuple(item.one_of))


def _checks(prefix: str, items: Sequence[Item]) -> tuple[Check, ...]:
    return tuple(_check(prefix, item) for item in items)


def _side_tasks(curriculum: Curriculum, week: int, starts: dict[str, int]) -> tuple[SideTasks, ...]:
    result = []
    for side in curriculum.side_tracks:
        start = starts.get(side.id, 1)
        due = [task for task in side.tasks if is_side_task_due(start, task.every_weeks, week)]
        if due:
            result.append(SideTasks(side, _checks(f"{week_key(week)}/{side.id}", due)))
    return tuple(result)


def _checkpoint(curriculum: Curriculum, week: int) -> tuple[Check, ...]:
    checkpoint = curriculum.checkpoint
    if checkpoint is None or not is_checkpoint_week(week, checkpoint.every_weeks):
        return ()
    return _checks(f"{week_key(week)}/checkpoint", checkpoint.questions)

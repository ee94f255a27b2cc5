"""Validate a loaded document into a `Curriculum`, or raise a `CurriculumError` naming every
problem with its file:line:col, key path, what was expected and what was found."""

from __future__ import annotations

import datetime
import difflib
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

import pydantic
from pydantic_core import ErrorDetails

from generator.errors import CurriculumError, Path, Problem
from generator.expand import due_weeks
from generator.load import Document
from generator.model import ID_PATTERN, WEEKDAYS, Curriculum, Item, Track

#: Top-level page slugs: a track or side track may not take them as its id.
RESERVED_SLUGS = frozenset(
    {
        "index",
        "milestones",
        "weekly-routine",
        "checkpoints",
        "downloads",
        "planners",
        "assets",
        "search",
        "schema",
    }
)
#: Names Windows reserves for devices: a track folder cannot have them.
DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
#: Side-track ids that would share progress keys with a week's routine or checkpoint items.
RESERVED_SIDE_TRACK_IDS = frozenset({"routine", "checkpoint"})

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def validate_document(document: Document) -> Curriculum:
    """The typed curriculum, once every structural and cross-reference check has passed."""
    problems = list(document.problems)
    try:
        curriculum = Curriculum.model_validate(document.data)
    except pydantic.ValidationError as error:
        problems += _structural_problems(document, error.errors())
        raise CurriculumError(problems) from None
    problems += check_curriculum(curriculum, document)
    if problems:
        raise CurriculumError(problems)
    return curriculum


# --- structural errors, from pydantic -------------------------------------------------------


def _structural_problems(document: Document, details: list[ErrorDetails]) -> list[Problem]:
    """Pydantic's errors as located problems, minus those that only echo another problem:
    a value the loader already refused, or a missing key that a typo'd key stands in for."""
    refused = document.refused
    problems = [
        _translate(document, detail)
        for detail in details
        if not any(_clean_loc(detail["loc"])[: len(path)] == path for path in refused)
    ]
    typos = {
        (problem.path[:-1], problem.message.split("`")[3])
        for problem in problems
        if "did you mean" in problem.message and problem.message.startswith("unknown key")
    }
    return [
        problem
        for problem in problems
        if not (
            problem.message.startswith("missing required key")
            and (problem.path, problem.message.split("`")[1]) in typos
        )
    ]


def _translate(document: Document, detail: ErrorDetails) -> Problem:
    path = _clean_loc(detail["loc"])
    if "[key]" in detail["loc"]:  # the key itself is wrong: point at the key
        return document.problem(path, _message(detail["type"], path[-1], detail), at_key=True)
    kind = detail["type"]
    found = detail.get("input")
    if kind == "missing":
        return document.problem(path[:-1], f"missing required key `{path[-1]}`")
    if kind == "extra_forbidden":
        return document.problem(path, _unknown_key(path), at_key=True)
    return document.problem(path, _message(kind, found, detail))


def _clean_loc(loc: tuple[int | str, ...]) -> Path:
    # Pydantic adds a `[key]` step for dictionary keys; the key itself is what we locate.
    return tuple(part for part in loc if part != "[key]")


def _message(kind: str, found: Any, detail: ErrorDetails) -> str:
    context = detail.get("ctx") or {}
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {describe(found)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = context.get("ge", context.get("le"))
        return f"expected a whole number of {bound} {limit}, found {describe(found)}"
    if kind == "string_pattern_mismatch":
        if context.get("pattern") == ID_PATTERN:
            odd = next((ch for ch in str(found) if not ch.isascii()), None)
            hint = f" (it holds the non-ASCII character U+{ord(odd):04X})" if odd else ""
            return (
                "expected an id (lowercase letters, digits and single hyphens, like "
                f"`sql-queries`), found {describe(found)}{hint}"
            )
        control = next(
            (ch for ch in str(found) if ch.isprintable() is False and ch not in "\t\n\r "), None
        )
        if control is not None:
            return f"expected printable text, found the control character U+{ord(control):04X}"
        return f"expected non-blank text, found {describe(found)}"
    if kind == "string_too_short":
        return "expected non-empty text, found an empty text"
    if kind == "string_too_long":
        return f"expected at most {context.get('max_length')} characters, found {len(found)}"
    if kind == "too_short":
        return f"expected at least {context.get('min_length')} item(s), found an empty list"
    if kind == "literal_error":
        return f"expected a weekday ({', '.join(WEEKDAYS)}), found {describe(found)}"
    return f"{detail['msg']}, found {describe(found)}"


def describe(value: Any) -> str:
    """How an error message names a value that was found."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}" if value else "an empty text"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _unknown_key(path: Path) -> str:
    key = str(path[-1])
    allowed = _allowed_keys(path[:-1])
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key `{key}` (did you mean `{close[0]}`?)"
    listed = ", ".join(f"`{name}`" for name in sorted(allowed))
    return f"unknown key `{key}`; expected one of: {listed}" if listed else f"unknown key `{key}`"


def _allowed_keys(path: Path) -> list[str]:
    """The keys the model accepts at `path`, by walking the model's annotations."""
    current: Any = Curriculum
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            current = typing.get_args(current)[0] if typing.get_args(current) else Any
        elif isinstance(current, type) and issubclass(current, pydantic.BaseModel):
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """`X | None` → `X`; `Annotated[X, ...]` → `X`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        else:
            return annotation


# --- cross-reference checks -----------------------------------------------------------------


def check_curriculum(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    """Every problem a well-typed curriculum can still have: ids, references, week counts."""
    yield from _check_ids(curriculum, document)
    yield from _check_milestones(curriculum, document)
    yield from _check_tracks(curriculum, document)
    yield from _check_notes(curriculum, document)
    yield from _check_routine(curriculum, document)
    yield from _check_daily_split(curriculum, document)
    yield from _check_side_tracks(curriculum, document)


def _duplicates(
    entries: Iterable[tuple[str, Path]], document: Document, what: str
) -> Iterator[Problem]:
    first_seen: dict[str, Path] = {}
    for key, path in entries:
        if key in first_seen:
            line = document.position(first_seen[key]).line
            yield document.problem(path, f"duplicate {what} id `{key}` (first used at line {line})")
        else:
            first_seen[key] = path


def _item_ids(items: list[Item] | list[Any], base: Path) -> Iterator[tuple[str, Path]]:
    for index, item in enumerate(items):
        yield item.key, (*base, index, "id") if item.id else (*base, index)


def _check_ids(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    pages = [(t.id, ("tracks", i, "id")) for i, t in enumerate(curriculum.tracks)]
    pages += [(s.id, ("side_tracks", i, "id")) for i, s in enumerate(curriculum.side_tracks)]
    yield from _duplicates(pages, document, "track")
    for slug, path in pages:
        if slug in RESERVED_SLUGS:
            yield document.problem(
                path, f"`{slug}` is the URL of a built-in page; choose another id"
            )
        elif slug in DEVICE_NAMES:
            message = f"`{slug}` is a device name on Windows and cannot name a folder"
            yield document.problem(path, message + "; choose another id")
        elif path[0] == "side_tracks" and slug in RESERVED_SIDE_TRACK_IDS:
            message = f"`{slug}` would mix this track's tasks with the week's {slug} items"
            yield document.problem(path, message + "; choose another id")
    milestones = curriculum.milestones.items
    ids = [(m.id, ("milestones", "items", i, "id")) for i, m in enumerate(milestones)]
    yield from _duplicates(ids, document, "milestone")
    yield from _duplicates(
        ((s.id, ("sprints", i, "id")) for i, s in enumerate(curriculum.sprints)), document, "sprint"
    )
    deliverables = [
        entry
        for i, sprint in enumerate(curriculum.sprints)
        for entry in _item_ids(sprint.deliverables, ("sprints", i, "deliverables"))
    ]
    yield from _duplicates(deliverables, document, "deliverable")
    for i, track in enumerate(curriculum.tracks):
        extras = _item_ids(track.sprint_extras, ("tracks", i, "sprint_extras"))
        yield from _duplicates(extras, document, "sprint extra")
    if curriculum.weekly_routine:
        tasks = [
            entry
            for b, block in enumerate(curriculum.weekly_routine.blocks)
            for entry in _item_ids(block.tasks, ("weekly_routine", "blocks", b, "tasks"))
        ]
        yield from _duplicates(tasks, document, "routine task")
    if curriculum.checkpoint:
        questions = _item_ids(curriculum.checkpoint.questions, ("checkpoint", "questions"))
        yield from _duplicates(questions, document, "question")
    for i, side in enumerate(curriculum.side_tracks):
        yield from _duplicates(_item_ids(side.tasks, ("side_tracks", i, "tasks")), document, "task")


def _check_milestones(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    known = [m.id for m in curriculum.milestones.items]
    shipped: dict[str, int] = {}
    for i, sprint in enumerate(curriculum.sprints):
        if sprint.ships is None:
            continue
        path: Path = ("sprints", i, "ships")
        if sprint.ships not in known:
            yield document.problem(path, _unknown_ref("milestone", sprint.ships, known))
        elif sprint.ships in shipped:
            other = curriculum.sprints[shipped[sprint.ships]].id
            yield document.problem(
                path, f"milestone `{sprint.ships}` is already shipped by sprint `{other}`"
            )
        else:
            shipped[sprint.ships] = i
    if any(sprint.ships and sprint.ships not in known for sprint in curriculum.sprints):
        return  # a broken reference is the problem to fix first; "not shipped" would echo it
    for i, milestone in enumerate(curriculum.milestones.items):
        if milestone.id not in shipped:
            message = f"milestone `{milestone.id}` is not shipped by any sprint (set `ships`)"
            yield document.problem(("milestones", "items", i, "id"), message)


def _unknown_ref(what: str, ref: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    listed = ", ".join(f"`{k}`" for k in known) or "none are defined"
    return f"expected the id of a {what} ({listed}), found `{ref}`{hint}"


def _check_tracks(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    sprint_ids = [s.id for s in curriculum.sprints]
    for i, track in enumerate(curriculum.tracks):
        for sprint_id in track.sprint_weeks:
            if sprint_id not in sprint_ids:
                path: Path = ("tracks", i, "sprint_weeks", sprint_id)
                yield document.problem(
                    path, _unknown_ref("sprint", sprint_id, sprint_ids), at_key=True
                )
        total = sum(track.sprint_weeks.get(s, track.weeks_per_sprint) for s in sprint_ids)
        if total != track.weeks:
            message = f"expected the sum of the sprints' weeks on this track ({total}), found "
            yield document.problem(("tracks", i, "weeks"), message + str(track.weeks))


def _check_notes(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    tracks = {t.id: t for t in curriculum.tracks}  # dicts keep file order for messages
    for i, sprint in enumerate(curriculum.sprints):
        for track_id, notes in sprint.notes.items():
            path: Path = ("sprints", i, "notes", track_id)
            track = tracks.get(track_id)
            if track is None:
                yield document.problem(path, _unknown_ref("track", track_id, tracks), at_key=True)
                continue
            weeks = track.sprint_weeks.get(sprint.id, track.weeks_per_sprint)
            if len(notes) != weeks:
                yield document.problem(
                    path,
                    f"expected one note per week of the sprint on `{track_id}` ({weeks}), "
                    f"found {len(notes)}",
                )


def _check_routine(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    if curriculum.weekly_routine is None:
        return
    taken: set[str] = set()
    for b, block in enumerate(curriculum.weekly_routine.blocks):
        path: Path = ("weekly_routine", "blocks", b, "days")
        positions = [WEEKDAYS.index(day) for day in block.days]
        if positions != list(range(positions[0], positions[0] + len(positions))):
            yield document.problem(path, "expected consecutive weekdays in week order")
        for day in block.days:
            if day in taken:
                yield document.problem(path, f"`{day}` is already covered by an earlier block")
            taken.add(day)


def _check_daily_split(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    split = curriculum.daily_split
    if split is None:
        return
    total = sum(block.minutes for block in split.blocks)
    if total != split.budget_minutes:
        yield document.problem(
            ("daily_split", "budget_minutes"),
            f"expected the blocks to add up to the budget ({total} minutes), "
            f"found {split.budget_minutes}",
        )


def _check_side_tracks(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    shortest = min(curriculum.tracks, key=lambda t: t.weeks)
    for i, side in enumerate(curriculum.side_tracks):
        if side.start_week > shortest.weeks:
            yield document.problem(
                ("side_tracks", i, "start_week"),
                f"expected a week inside every track (track `{shortest.id}` has "
                f"{shortest.weeks} weeks), found {side.start_week}",
            )


# --- warnings: worth a look, not a reason to refuse the file -----------------------------


def curriculum_warnings(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    """A week whose share of the deliverables' estimated hours exceeds the daily split's budget
    for the week (the budget times seven days). Each deliverable's hours are spread evenly over
    the weeks from the previous deliverable's due week to its own."""
    if curriculum.daily_split is None:
        return
    weekly = curriculum.daily_split.budget_minutes * 7 / 60
    for track in curriculum.tracks:
        for week, hours, path in _planned_hours(curriculum, track):
            if hours > weekly + 1e-9:
                yield document.problem(
                    path,
                    f"week {week} of `{track.id}` plans {hours:g} h of deliverables, more than "
                    f"the daily split's {weekly:g} h a week",
                )


def _planned_hours(curriculum: Curriculum, track: Track) -> Iterator[tuple[int, float, Path]]:
    first = 1
    for i, sprint in enumerate(curriculum.sprints):
        weeks = track.sprint_weeks.get(sprint.id, track.weeks_per_sprint)
        load = [0.0] * weeks
        where: list[Path | None] = [None] * weeks
        previous = 0
        for j, (item, due) in enumerate(
            zip(sprint.deliverables, due_weeks(len(sprint.deliverables), weeks), strict=True)
        ):
            span = range(previous, due) if due > previous else range(due - 1, due)
            for week in span:
                load[week] += (item.hours or 0) / len(span)
                where[week] = where[week] or ("sprints", i, "deliverables", j)
            previous = due
        for offset, hours in enumerate(load):
            path = where[offset]
            if path is not None:
                yield first + offset, round(hours, 2), path
        first += weeks

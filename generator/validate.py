"""Validate a loaded document into a `Curriculum`, or raise a `CurriculumError` naming every
problem with its file:line:col, key path, what was expected and what was found."""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
import urllib.parse
from collections.abc import Iterable, Iterator
from typing import Any

import pydantic
from pydantic_core import ErrorDetails

from generator.errors import CurriculumError, Path, Problem
from generator.expand import (
    first_label,
    place_sprints,
    sprint_due_weeks,
    sprint_groups,
    study_days,
)
from generator.load import Document
from generator.model import (
    ID_PATTERN,
    RESOURCE_KINDS,
    WEEKDAYS,
    Curriculum,
    DeliverableItem,
    Item,
    Track,
)
from generator.words import count

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
        allowed = str(context.get("expected", ""))
        if "'monday'" in allowed:
            return f"expected a weekday ({', '.join(WEEKDAYS)}), found {describe(found)}"
        options = allowed.replace("'", "").replace(" or ", ", ")
        close = difflib.get_close_matches(str(found), options.split(", "), n=1, cutoff=0.6)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        return f"expected one of {options}, found {describe(found)}{hint}"
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
    yield from _check_deliverables(curriculum, document)
    yield from _check_links(curriculum, document)
    yield from _check_milestones(curriculum, document)
    unsound: set[str] = set()
    for problem in _check_tracks(curriculum, document):
        if problem.path[-1] != "weeks":  # a wrong total still places every sprint on weeks
            unsound.add(curriculum.tracks[int(problem.path[1])].id)
        yield problem
    # The checks below place sprints on weeks, on the tracks whose plans are sound.
    sound = [track for track in curriculum.tracks if track.id not in unsound]
    yield from _check_notes(curriculum, document, sound)
    yield from _check_due_weeks(curriculum, document, sound)
    yield from _check_breaks(curriculum, document, sound)
    yield from _check_side_tracks(curriculum, document)
    yield from _check_routine(curriculum, document)
    yield from _check_daily_split(curriculum, document)


def _duplicates(
    entries: Iterable[tuple[str, Path] | tuple[str, Path, str | None]],
    document: Document,
    what: str,
) -> Iterator[Problem]:
    first_seen: dict[str, tuple[Path, str | None]] = {}
    for key, path, *derived in entries:
        text = derived[0] if derived else None
        if key not in first_seen:
            first_seen[key] = (path, text)
            continue
        other, other_text = first_seen[key]
        line = document.position(other).line
        if text is not None and other_text is not None:
            yield document.problem(
                path,
                f"duplicate {what} id `{key}`: {text!r} here and {other_text!r} at line {line} "
                "derive the same id; give one of them an `id`",
            )
        else:
            yield document.problem(path, f"duplicate {what} id `{key}` (first used at line {line})")


def _item_ids(items: list[Item] | list[Any], base: Path) -> Iterator[tuple[str, Path, str | None]]:
    """Each item's id and where it is; for an id derived from the text, the text too."""
    for index, item in enumerate(items):
        if item.id:
            yield item.key, (*base, index, "id"), None
        else:
            text = item.label if isinstance(item, DeliverableItem) else item.text
            yield item.key, (*base, index), text


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
    """Each track's plan: the sprints it skips or takes together, and weeks that add up."""
    sprint_ids = [s.id for s in curriculum.sprints]
    ships = {s.id: s.ships for s in curriculum.sprints}
    for i, track in enumerate(curriculum.tracks):
        base: Path = ("tracks", i)
        before = 0
        problems: list[Problem] = []
        skipped: set[str] = set()
        for j, sprint_id in enumerate(track.skip_sprints):
            path: Path = (*base, "skip_sprints", j)
            if sprint_id not in sprint_ids:
                problems.append(
                    document.problem(path, _unknown_ref("sprint", sprint_id, sprint_ids))
                )
            elif sprint_id in skipped:
                problems.append(document.problem(path, f"sprint `{sprint_id}` is already skipped"))
            elif ships[sprint_id]:
                message = (
                    f"sprint `{sprint_id}` ships the milestone `{ships[sprint_id]}`, which every "
                    "track ships; a track cannot skip it"
                )
                problems.append(document.problem(path, message))
            skipped.add(sprint_id)
        if skipped >= set(sprint_ids):
            message = "expected a track to take at least one sprint, found every sprint skipped"
            problems.append(document.problem((*base, "skip_sprints"), message))
        problems += _check_combined(curriculum, track, base, skipped, document)
        grouped = {sprint_id for group in track.combine_sprints for sprint_id in group[1:]}
        for sprint_id in track.sprint_weeks:
            path = (*base, "sprint_weeks", sprint_id)
            if sprint_id not in sprint_ids:
                message = _unknown_ref("sprint", sprint_id, sprint_ids)
                problems.append(document.problem(path, message, at_key=True))
            elif sprint_id in skipped:
                message = f"this track skips sprint `{sprint_id}`; it takes no weeks"
                problems.append(document.problem(path, message, at_key=True))
            elif sprint_id in grouped:
                first = next(g[0] for g in track.combine_sprints if sprint_id in g)
                message = (
                    f"sprint `{sprint_id}` is taken together with `{first}`; "
                    f"set the group's weeks on `{first}`"
                )
                problems.append(document.problem(path, message, at_key=True))
        yield from problems
        before += len(problems)
        if problems:
            continue
        groups = sprint_groups(curriculum, track)
        total = sum(track.sprint_weeks.get(g[0].id, track.weeks_per_sprint) for g in groups)
        if total != track.weeks:
            message = f"expected the sum of the sprints' weeks on this track ({total}), found "
            hint = ""
            if track.weeks < len(groups):
                hint = (
                    f"; {count(len(groups), 'sprint')} cannot fit in "
                    f"{count(track.weeks, 'week')}: skip some (`skip_sprints`) or take some "
                    "together (`combine_sprints`)"
                )
            yield document.problem((*base, "weeks"), message + str(track.weeks) + hint)


def _check_combined(
    curriculum: Curriculum, track: Track, base: Path, skipped: set[str], document: Document
) -> Iterator[Problem]:
    sprint_ids = [s.id for s in curriculum.sprints]
    taken = [sprint_id for sprint_id in sprint_ids if sprint_id not in skipped]
    ships = {s.id: s.ships for s in curriculum.sprints}
    seen: set[str] = set()
    for g, group in enumerate(track.combine_sprints):
        for j, sprint_id in enumerate(group):
            path: Path = (*base, "combine_sprints", g, j)
            if sprint_id not in sprint_ids:
                yield document.problem(path, _unknown_ref("sprint", sprint_id, sprint_ids))
                return
            if sprint_id in skipped:
                yield document.problem(path, f"this track skips sprint `{sprint_id}`")
                return
            if sprint_id in seen:
                yield document.problem(path, f"sprint `{sprint_id}` is already in a group")
                return
            seen.add(sprint_id)
            if j and taken.index(sprint_id) != taken.index(group[j - 1]) + 1:
                expected = taken[taken.index(group[j - 1]) + 1 :][:1] or ["nothing"]
                yield document.problem(
                    path,
                    f"expected the sprint that follows `{group[j - 1]}` on this track "
                    f"(`{expected[0]}`), found `{sprint_id}`",
                )
                return
        shipping = [sprint_id for sprint_id in group if ships[sprint_id]]
        if len(shipping) > 1:
            yield document.problem(
                (*base, "combine_sprints", g),
                f"sprints `{shipping[0]}` and `{shipping[1]}` both ship a milestone; "
                "sprints taken together can ship one",
            )


def _check_notes(
    curriculum: Curriculum, document: Document, sound: list[Track]
) -> Iterator[Problem]:
    tracks = {t.id: t for t in curriculum.tracks}  # dicts keep file order for messages
    spans = {t.id: place_sprints(curriculum, t) for t in sound}
    for i, sprint in enumerate(curriculum.sprints):
        for track_id, notes in sprint.notes.items():
            path: Path = ("sprints", i, "notes", track_id)
            track = tracks.get(track_id)
            if track is None:
                yield document.problem(path, _unknown_ref("track", track_id, tracks), at_key=True)
                continue
            if track_id not in spans:
                continue
            span = next((s for s in spans[track_id] if sprint in s.sprints), None)
            if span is None:
                message = f"track `{track_id}` skips this sprint"
                yield document.problem(path, message, at_key=True)
                continue
            others = [s.id for s in span.sprints if s is not sprint and track_id in s.notes]
            if others and span.sprints.index(sprint) > 0:
                message = (
                    f"track `{track_id}` takes this sprint together with `{span.id}`, "
                    f"which gives the notes for their weeks"
                )
                yield document.problem(path, message, at_key=True)
            elif len(notes) != span.weeks:
                what = "sprint" if len(span.sprints) == 1 else "sprints taken together"
                yield document.problem(
                    path,
                    f"expected one note per week of the {what} on `{track_id}` ({span.weeks}), "
                    f"found {len(notes)}",
                )


def _check_deliverables(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    """A deliverable has a text or its options (two at least), and names tracks that exist."""
    tracks = [t.id for t in curriculum.tracks]
    for i, sprint in enumerate(curriculum.sprints):
        for j, item in enumerate(sprint.deliverables):
            path: Path = ("sprints", i, "deliverables", j)
            if item.text is None and not item.one_of:
                yield document.problem(path, "missing required key `text` (or `one_of`)")
            elif len(item.one_of) == 1:
                message = "expected at least 2 options in `one_of`, found 1; use `text` for one"
                yield document.problem((*path, "one_of"), message)
            if isinstance(item.due, dict):
                for track_id in item.due:
                    if track_id not in tracks:
                        message = _unknown_ref("track", track_id, tracks)
                        yield document.problem((*path, "due", track_id), message, at_key=True)


def _check_due_weeks(
    curriculum: Curriculum, document: Document, sound: list[Track]
) -> Iterator[Problem]:
    """A deliverable's `due` week lies inside its sprint on every track it applies to."""
    too_late: dict[Path, list[tuple[str, int]]] = {}
    found: dict[Path, int] = {}
    for track in sound:
        for span in place_sprints(curriculum, track):
            for sprint in span.sprints:
                i = curriculum.sprints.index(sprint)
                for j, item in enumerate(sprint.deliverables):
                    due = item.due.get(track.id) if isinstance(item.due, dict) else item.due
                    if due is None or due <= span.weeks:
                        continue
                    path: Path = ("sprints", i, "deliverables", j, "due")
                    if isinstance(item.due, dict):
                        path = (*path, track.id)
                    too_late.setdefault(path, []).append((track.id, span.weeks))
                    found[path] = due
    for path, tracks in too_late.items():
        weeks = ", ".join(
            f"track `{track_id}` has " + ("week 1" if n == 1 else f"weeks 1–{n}")
            for track_id, n in tracks
        )
        per_track = path[-1] == "due" and len(curriculum.tracks) > 1
        hint = "; give a week per track: `due: {track-id: 2}`" if per_track else ""
        yield document.problem(
            path, f"expected a week of the sprint ({weeks}), found {found[path]}{hint}"
        )


def _check_breaks(
    curriculum: Curriculum, document: Document, sound: list[Track]
) -> Iterator[Problem]:
    """A break follows the last week of a sprint, not the track's last week, once."""
    for i, track in enumerate(curriculum.tracks):
        if track not in sound:
            continue
        first = first_label(curriculum, track)
        spans = place_sprints(curriculum, track)
        last = first + track.weeks - 1
        seen: set[int] = set()
        for j, entry in enumerate(track.breaks):
            path: Path = ("tracks", i, "breaks", j, "after")
            ends = [span.last_label for span in spans[:-1]]
            if entry.after in seen:
                yield document.problem(path, f"there is already a break after week {entry.after}")
            elif not first <= entry.after < last:
                yield document.problem(
                    path,
                    f"expected the last week of a sprint before the track's last week "
                    f"({_listed(ends)}), found {entry.after}",
                )
            elif entry.after not in ends:
                span = next(s for s in spans if s.first_label <= entry.after <= s.last_label)
                yield document.problem(
                    path,
                    f"week {entry.after} is inside sprint `{span.id}` (weeks {span.first_label}–"
                    f"{span.last_label}); a break goes between sprints, after week "
                    f"{span.last_label}",
                )
            seen.add(entry.after)


def _listed(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:6])
    return (shown + ", …") if len(numbers) > 6 else shown or "none: the track has one sprint"


def _check_links(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    """Every link is an absolute http(s) or mailto address (its form only; nothing is fetched),
    and every resource's kind is one of the known kinds."""
    for url, path in _urls(curriculum, ()):
        problem = link_problem(url)
        if problem:
            yield document.problem(path, problem)
    for i, sprint in enumerate(curriculum.sprints):
        for j, resource in enumerate(sprint.resources):
            if resource.kind is not None and resource.kind not in RESOURCE_KINDS:
                close = difflib.get_close_matches(resource.kind, RESOURCE_KINDS, n=1, cutoff=0.6)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                yield document.problem(
                    ("sprints", i, "resources", j, "kind"),
                    f"expected one of {', '.join(RESOURCE_KINDS)}, found "
                    f"{describe(resource.kind)}{hint}",
                )


def _urls(value: Any, path: Path) -> Iterator[tuple[str, Path]]:
    if isinstance(value, pydantic.BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name == "url" and isinstance(field, str):
                yield field, (*path, name)
            else:
                yield from _urls(field, (*path, name))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _urls(entry, (*path, index))


# A host name: dot-separated labels of letters (any script), digits and inner hyphens; or an
# IP address in brackets. Checked for form only: nothing is looked up.
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_HOST = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}\.?|\[[0-9a-fA-F:.]+\]|[0-9.]+")
_MAILTO = re.compile(r"[^@/?\s]+@[^@/?\s]+\.[^@/?\s]+(?:\?\S*)?")


def link_problem(url: str) -> str | None:
    """What is wrong with a link, or None: only `http(s)://host/…` and `mailto:address`."""
    scheme, colon, rest = url.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        hint = f" (write https://{url})" if _HOST.fullmatch(url.split("/")[0]) else ""
        found = describe(url)
        return f"expected a link starting with https://, http:// or mailto:, found {found}{hint}"
    if scheme.lower() not in ("http", "https", "mailto"):
        return f"expected an https://, http:// or mailto: link, found a `{scheme}:` link"
    if any(char.isspace() or not char.isprintable() for char in url):
        return f"expected a link without spaces, found {describe(url)} (write a space as %20)"
    if scheme.lower() == "mailto":
        if not _MAILTO.fullmatch(rest):
            return f"expected mailto:name@example.org, found {describe(url)}"
        return None
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if not rest.startswith("//") or not _HOST.fullmatch(host):
        expected = "a web address with a host name (https://example.org/…)"
        return f"expected {expected}, found {describe(url)}"
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        return f"expected a port number after the host name, found {describe(url)}"
    return None


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
    for day in set(split.days or ()):
        if (split.days or []).count(day) > 1:
            yield document.problem(("daily_split", "days"), f"`{day}` is listed twice")
    total = sum(block.minutes for block in split.blocks)
    if total != split.budget_minutes:
        yield document.problem(
            ("daily_split", "budget_minutes"),
            f"expected the blocks to add up to the budget ({total} minutes), "
            f"found {split.budget_minutes}",
        )


def _check_side_tracks(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    sprint_ids = [s.id for s in curriculum.sprints]
    for i, side in enumerate(curriculum.side_tracks):
        base: Path = ("side_tracks", i)
        if side.start_week is not None and side.start_sprint is not None:
            message = "expected `start_week` or `start_sprint`, found both"
            yield document.problem((*base, "start_sprint"), message, at_key=True)
        elif side.start_sprint is not None:
            if side.start_sprint not in sprint_ids:
                message = _unknown_ref("sprint", side.start_sprint, sprint_ids)
                yield document.problem((*base, "start_sprint"), message)
                continue
            for track in curriculum.tracks:
                if side.start_sprint in track.skip_sprints:
                    yield document.problem(
                        (*base, "start_sprint"),
                        f"track `{track.id}` skips sprint `{side.start_sprint}`; start with a "
                        "sprint every track takes",
                    )
        elif side.start_week is not None:
            for track in curriculum.tracks:
                first = first_label(curriculum, track)
                last = first + track.weeks - 1
                if not first <= side.start_week <= last:
                    yield document.problem(
                        (*base, "start_week"),
                        f"expected a week inside every track (track `{track.id}` has weeks "
                        f"{first}–{last}), found {side.start_week}",
                    )
                    break


# --- warnings: worth a look, not a reason to refuse the file -----------------------------


def curriculum_warnings(curriculum: Curriculum, document: Document) -> Iterator[Problem]:
    """A week whose share of the deliverables' estimated hours exceeds the daily split's budget
    for the week (the budget times its study days). Each deliverable's hours are spread evenly
    over the weeks from the previous deliverable's due week to its own."""
    split = curriculum.daily_split
    if split is None:
        return
    weekly = split.budget_minutes * len(study_days(curriculum)) / 60
    for track in curriculum.tracks:
        for week, hours, path in _planned_hours(curriculum, track):
            if hours > weekly + 1e-9:
                yield document.problem(
                    path,
                    f"week {week} of `{track.id}` plans {hours:g} h of deliverables, more than "
                    f"the daily split's {weekly:g} h a week",
                )


def _planned_hours(curriculum: Curriculum, track: Track) -> Iterator[tuple[int, float, Path]]:
    where_is = {
        id(item): ("sprints", i, "deliverables", j)
        for i, sprint in enumerate(curriculum.sprints)
        for j, item in enumerate(sprint.deliverables)
    }
    for span in place_sprints(curriculum, track):
        items = [item for sprint in span.sprints for item in sprint.deliverables]
        load = [0.0] * span.weeks
        where: list[Path | None] = [None] * span.weeks
        previous = 0
        for item, due in sorted(
            zip(items, sprint_due_weeks(span), strict=True), key=lambda pair: pair[1]
        ):
            weeks = range(previous, due) if due > previous else range(due - 1, due)
            for week in weeks:
                load[week] += (item.hours or 0) / len(weeks)
                where[week] = where[week] or where_is[id(item)]
            previous = due
        for offset, hours in enumerate(load):
            path = where[offset]
            if path is not None:
                yield span.first_label + offset, round(hours, 2), path

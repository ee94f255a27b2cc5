"""A curriculum's text in another language, from a translation file keyed by the source's ids.

`curriculum/translations/<lang>.yml` mirrors the curriculum, but every list of things with ids
becomes a mapping from the id (explicit, or derived from the source text) to the translated
text, so that a translator never repeats structure and a reordering of the source never moves
a translation onto the wrong item:

    title: Hoja de ruta …
    tracks:
      fast-track: {label: Vía A, name: Intensivo de 6 meses, sprint_extras: {more-drills: …}}
    sprints:
      foundations:
        title: Sprint de fundamentos
        deliverables: {sql-queries: 20 consultas SQL, …}
        notes: {fast-track: [… one per week …]}

Anything the file does not translate falls back to the source text and is counted as missing;
anything it names that the source lacks is a located error (with "did you mean"). The
translated curriculum keeps every id of the source, so a learner's ticks are the same in every
language. Pure: loading the file is the caller's (`generator.load`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.errors import Path, Problem
from generator.load import Document
from generator.model import (
    Checkpoint,
    Curriculum,
    DailySplit,
    DeliverableItem,
    Item,
    Milestone,
    Milestones,
    Resource,
    SideTrack,
    Sprint,
    Track,
    WeeklyRoutine,
)
from generator.validate import describe


@dataclass
class Translation:
    """A translated curriculum, with what the translation left to the source language."""

    language: str
    curriculum: Curriculum
    total: int = 0
    missing: list[str] = field(default_factory=list)
    """Where each untranslated text is, as a key path (`sprints.foundations.focus`)."""

    @property
    def coverage(self) -> float:
        """The share of the source's texts that are translated, from 0 to 1."""
        return 1.0 if not self.total else (self.total - len(self.missing)) / self.total


class _Translator:
    """Walks the source curriculum and the translation file side by side."""

    def __init__(self, document: Document, language: str) -> None:
        self.document = document
        self.language = language
        self.problems: list[Problem] = []
        self.total = 0
        self.missing: list[str] = []

    # --- reading the translation file -------------------------------------------------------

    def mapping(self, value: Any, path: Path, known: list[str], what: str) -> dict[str, Any]:
        """The translation's mapping at `path`; each key must be one of `known`."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problems.append(
                self.document.problem(path, f"expected a mapping, found {describe(value)}")
            )
            return {}
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                listed = ", ".join(f"`{k}`" for k in known[:8]) + (", …" if len(known) > 8 else "")
                message = f"unknown {what} `{key}`{hint}; expected one of: {listed or 'none'}"
                self.problems.append(self.document.problem((*path, key), message, at_key=True))
        return {k: v for k, v in value.items() if k in known}

    def text(self, source: str | None, value: Any, path: Path) -> str | None:
        """The translated text of one source text (the source's when it is not translated)."""
        if source is None:
            if value is not None:
                message = "the source has no text here to translate"
                self.problems.append(self.document.problem(path, message, at_key=True))
            return None
        self.total += 1
        if value is None:
            self.missing.append(".".join(str(part) for part in path))
            return source
        if not isinstance(value, str) or not value.strip():
            self.problems.append(
                self.document.problem(path, f"expected non-blank text, found {describe(value)}")
            )
            return source
        return value

    def fields(
        self, model: BaseModel, value: Any, path: Path, names: tuple[str, ...]
    ) -> dict[str, Any]:
        """The translated text fields of `model`, and the rest of the translation's mapping."""
        given = self.mapping(value, path, [*names, *self._children(model)], "key")
        update = {}
        for name in names:
            translated = self.text(getattr(model, name), given.get(name), (*path, name))
            if translated is not None:
                update[name] = translated
        return {**update, **{k: v for k, v in given.items() if k not in names}}

    @staticmethod
    def _children(model: BaseModel) -> list[str]:
        return list(_CHILDREN.get(type(model), ()))

    # --- the curriculum, section by section --------------------------------------------------

    def items(self, items: list[Any], value: Any, path: Path) -> list[Any]:
        """Checklist items keyed by id; each keeps its id (derived ones become explicit)."""
        keys = [item.key for item in items]
        given = self.mapping(value, path, keys, "item id")
        return [self.item(item, given.get(item.key), (*path, item.key)) for item in items]

    def item(self, item: Item, value: Any, path: Path) -> Item:
        if isinstance(item, DeliverableItem) and item.one_of:
            given = value if isinstance(value, dict) else {"text": value} if value else {}
            given = self.mapping(given, path, ["text", "one_of"], "key")
            lead = self.text(item.text, given.get("text"), (*path, "text"))
            count = len(item.one_of)
            options = self.in_order(
                given.get("one_of"),
                (*path, "one_of"),
                count,
                f"expected {count} options, as in the source",
            )
            choices = [
                choice.model_copy(update={"text": self.text(choice.text, options[i], (*path, i))})
                for i, choice in enumerate(item.one_of)
            ]
            return item.model_copy(update={"id": item.key, "text": lead, "one_of": choices})
        return item.model_copy(update={"id": item.key, "text": self.text(item.text, value, path)})

    def curriculum(self, source: Curriculum, data: Any) -> Curriculum:
        root = self.mapping(
            data,
            (),
            [
                "language", "title", "intro", "milestones", "tracks", "sprints",
                "weekly_routine", "daily_split", "checkpoint", "side_tracks",
            ],
            "key",
        )  # fmt: skip
        update: dict[str, Any] = {"title": self.text(source.title, root.get("title"), ("title",))}
        intro = self.fields(source.intro, root.get("intro"), ("intro",), ("lead", "outro"))
        update["intro"] = source.intro.model_copy(update=intro)
        update["milestones"] = self.milestones(source, root.get("milestones"))
        update["tracks"] = self.keyed(source.tracks, root.get("tracks"), ("tracks",), self.track)
        update["sprints"] = self.keyed(
            source.sprints, root.get("sprints"), ("sprints",), self.sprint
        )
        if source.weekly_routine:
            update["weekly_routine"] = self.routine(source, root.get("weekly_routine"))
        if source.daily_split:
            update["daily_split"] = self.split(source, root.get("daily_split"))
        if source.checkpoint:
            path: Path = ("checkpoint",)
            given = self.fields(
                source.checkpoint, root.get("checkpoint"), path, ("title", "advice")
            )
            questions = self.items(
                source.checkpoint.questions, given.pop("questions", None), (*path, "questions")
            )
            update["checkpoint"] = source.checkpoint.model_copy(
                update={**given, "questions": questions}
            )
        update["side_tracks"] = self.keyed(
            source.side_tracks, root.get("side_tracks"), ("side_tracks",), self.side_track
        )
        return source.model_copy(update=update)

    def keyed(
        self,
        models: list[Any],
        value: Any,
        path: Path,
        translate: Callable[[Any, Any, Path], Any],
    ) -> list[Any]:
        """Models with ids (tracks, sprints…), keyed by id in the translation."""
        what = {"tracks": "track", "sprints": "sprint", "items": "milestone"}.get(str(path[-1]))
        given = self.mapping(value, path, [m.id for m in models], f"{what or 'side track'} id")
        return [translate(m, given.get(m.id), (*path, m.id)) for m in models]

    def milestones(self, source: Curriculum, value: Any) -> Any:
        path: Path = ("milestones",)
        given = self.fields(source.milestones, value, path, ("title", "note"))
        items = self.keyed(
            source.milestones.items, given.pop("items", None), (*path, "items"), self.milestone
        )
        return source.milestones.model_copy(update={**given, "items": items})

    def milestone(self, milestone: Milestone, value: Any, path: Path) -> Milestone:
        return milestone.model_copy(update=self.fields(milestone, value, path, ("title", "detail")))

    def track(self, track: Track, value: Any, path: Path) -> Track:
        given = self.fields(track, value, path, ("label", "name", "tagline", "summary"))
        extras = self.items(
            track.sprint_extras, given.pop("sprint_extras", None), (*path, "sprint_extras")
        )
        breaks = self.breaks(track, given.pop("breaks", None), (*path, "breaks"))
        return track.model_copy(update={**given, "sprint_extras": extras, "breaks": breaks})

    def breaks(self, track: Track, value: Any, path: Path) -> list[Any]:
        """A track's breaks have no ids: their titles are a list, in the source's order."""
        count = len(track.breaks)
        message = f"expected {count} break titles, in the source's order, found {describe(value)}"
        titles = self.in_order(value, path, count, message)
        return [
            entry.model_copy(update={"title": self.text(entry.title, titles[i], (*path, i))})
            for i, entry in enumerate(track.breaks)
        ]

    def in_order(self, value: Any, path: Path, length: int, message: str) -> list[Any]:
        """A list the translation gives in the source's order, as long as the source's (None
        for each entry when it gives none; `message` is the problem when it is not such a list)."""
        if value is not None and (not isinstance(value, list) or len(value) != length):
            self.problems.append(self.document.problem(path, message))
            value = None
        return list(value) if value is not None else [None] * length

    def sprint(self, sprint: Sprint, value: Any, path: Path) -> Sprint:
        given = self.fields(sprint, value, path, ("title", "focus"))
        deliverables = self.items(
            sprint.deliverables, given.pop("deliverables", None), (*path, "deliverables")
        )
        resources = self.resources(sprint.resources, given.pop("resources", None), path)
        notes = self.notes(sprint, given.pop("notes", None), (*path, "notes"))
        return sprint.model_copy(
            update={
                **given,
                "deliverables": deliverables,
                "resources": resources,
                "notes": notes,
            }
        )

    def resources(self, resources: list[Resource], value: Any, path: Path) -> list[Resource]:
        """Resources keyed by their address (they have no ids)."""
        path = (*path, "resources")
        given = self.mapping(value, path, [r.url for r in resources], "resource address")
        return [
            r.model_copy(update={"title": self.text(r.title, given.get(r.url), (*path, r.url))})
            for r in resources
        ]

    def notes(self, sprint: Sprint, value: Any, path: Path) -> dict[str, list[str]]:
        given = self.mapping(value, path, list(sprint.notes), "track id")
        notes = {}
        for track_id, lines in sprint.notes.items():
            message = f"expected {len(lines)} notes, one per week, as in the source"
            translated = self.in_order(given.get(track_id), (*path, track_id), len(lines), message)
            notes[track_id] = [
                self.text(line, translated[i], (*path, track_id, i)) or line
                for i, line in enumerate(lines)
            ]
        return notes

    def routine(self, source: Curriculum, value: Any) -> Any:
        routine = source.weekly_routine
        assert routine is not None
        path: Path = ("weekly_routine",)
        given = self.fields(routine, value, path, ("title", "note"))
        tasks = [task for block in routine.blocks for task in block.tasks]
        translated = iter(self.items(tasks, given.pop("tasks", None), (*path, "tasks")))
        blocks = [
            block.model_copy(update={"tasks": [next(translated) for _ in block.tasks]})
            for block in routine.blocks
        ]
        return routine.model_copy(update={**given, "blocks": blocks})

    def split(self, source: Curriculum, value: Any) -> Any:
        split = source.daily_split
        assert split is not None
        path: Path = ("daily_split",)
        given = self.fields(split, value, path, ("title",))
        count = len(split.blocks)
        message = f"expected {count} blocks, in the source's order"
        blocks_given = self.in_order(given.pop("blocks", None), (*path, "blocks"), count, message)
        blocks = [
            block.model_copy(
                update=self.fields(
                    block, blocks_given[i], (*path, "blocks", i), ("activity", "detail")
                )
            )
            for i, block in enumerate(split.blocks)
        ]
        return split.model_copy(update={**given, "blocks": blocks})

    def side_track(self, side: SideTrack, value: Any, path: Path) -> SideTrack:
        given = self.fields(side, value, path, ("title", "why"))
        tasks = self.items(side.tasks, given.pop("tasks", None), (*path, "tasks"))
        return side.model_copy(update={**given, "tasks": tasks})


#: The keys of a translation that hold nested translations, by the model they translate.
_CHILDREN: dict[type, tuple[str, ...]] = {
    Milestones: ("items",),
    Track: ("sprint_extras", "breaks"),
    Sprint: ("deliverables", "resources", "notes"),
    WeeklyRoutine: ("tasks",),
    DailySplit: ("blocks",),
    Checkpoint: ("questions",),
    SideTrack: ("tasks",),
}


def translate(
    source: Curriculum, document: Document, language: str
) -> tuple[Translation, list[Problem]]:
    """The curriculum in `language`, from the translation file `document`; and the file's
    problems (unknown ids and keys, texts that are not text), located."""
    translator = _Translator(document, language)
    curriculum = translator.curriculum(source, document.data)
    translation = Translation(language, curriculum, translator.total, translator.missing)
    return translation, [*document.problems, *translator.problems]

"""The typed curriculum model: what the YAML may hold.

Field docstrings are the documentation of the file format (and, later, of its JSON Schema).
Cross-references (a sprint shipping a milestone that exists, weeks that add up) are checked in
`generator.validate`, where each problem can be located in the file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
"""A stable identifier: lowercase letters, digits and single hyphens, such as `sql-queries`."""

# Printable text: no control characters (tabs and line breaks aside; they fold into spaces).
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_PRINTABLE = rf"^[^{_CONTROL}]*[^{_CONTROL}\s][^{_CONTROL}]*$"

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=_PRINTABLE)]
"""Plain text shown to learners; Markdown and HTML in it are shown literally, never interpreted."""

Url = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
"""A link: `https://…`, `http://…` or `mailto:…` (`validate` checks its form)."""

RESOURCE_KINDS = (
    "video", "lecture", "reading", "notes", "slides", "exercise", "lab", "quiz", "tool", "other"
)  # fmt: skip
# Checked by `validate` with the other cross-references (so a typo is reported in one round with
# them, with a "did you mean"); the schema lists the kinds for editors.
ResourceKind = Annotated[str, Field(json_schema_extra={"enum": list(RESOURCE_KINDS)})]

WeekNumber = Annotated[int, Field(ge=0, le=520)]
"""A week number as the curriculum counts its weeks (from `first_week`, 1 unless set)."""

Count = Annotated[int, Field(ge=1, le=520)]
"""A whole number of weeks or minutes, at least 1."""

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


def derive_id(text: str) -> str:
    """The id of an item that has none: its text as a slug (or a hash when nothing is left).

    Letters and digits of every script are kept (`作业-1`, `café-setup`), so texts that differ
    in them never share an id; a text of ASCII letters and digits keeps the slug it always had.
    """
    lowered = text.lower()
    if any(char.isalnum() and not char.isascii() for char in lowered):
        words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", lowered))
    else:
        words = re.findall(r"[a-z0-9]+", lowered)
    slug = "-".join(words)[:48].strip("-")
    return slug or "item-" + hashlib.sha256(text.encode()).hexdigest()[:8]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True
    )


class Item(_Model):
    """A checklist item. Written as plain text, or as a mapping with an explicit `id`."""

    id: Id | None = None
    """Stable id that keeps a learner's tick on this item when items are added, removed or
    reordered. Without one, the id is derived from the text (so rewording resets the tick)."""

    text: Text
    """What to do, as the learner reads it."""

    url: Url | None = None
    """A page to open for it (the problem set, the reading): shown as a link on the site and as
    short text in the planner."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @property
    def key(self) -> str:
        """The item's id, explicit or derived."""
        return self.id or derive_id(self.text)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The model accepts plain text too (see `_from_plain_text`): say so in the schema.
        text = {"type": "string", "pattern": _PRINTABLE, "maxLength": 2000}
        return {
            "anyOf": [
                {**text, "description": "The item's text (its id derives from it)."},
                handler(core_schema),
            ]
        }


class Choice(_Model):
    """One of the options of a "choose one" deliverable."""

    text: Text
    """The option, as the learner reads it (`Mario, less comfortable`)."""

    url: Url | None = None
    """A page to open for it."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        text = {"type": "string", "pattern": _PRINTABLE, "maxLength": 2000}
        return {"anyOf": [{**text, "description": "The option's text."}, handler(core_schema)]}


class DeliverableItem(Item):
    """A sprint deliverable: a checklist item, with an optional effort estimate and due week."""

    text: Text | None = None  # type: ignore[assignment]
    """What to ship. Required, unless `one_of` lists the options (then it leads them)."""

    one_of: list[Choice] = []
    """Options of which the learner does one (`do A or B`): one checklist entry, done by either.
    At least two."""

    hours: Annotated[int, Field(ge=1, le=500)] | None = None
    """Estimated hours of work. With estimates, `validate` warns when a week's share of them
    exceeds the daily split's budget for the week."""

    due: Count | dict[Id, Count] | None = None
    """The week of the sprint it is due in (1 = the sprint's first week), for every track, or
    per track (`{fast: 1, steady: 2}`); without it (or for a track it does not name), the pacing
    rule decides."""

    @property
    def key(self) -> str:
        """The item's id, explicit or derived from its text (or its options' texts)."""
        if self.id:
            return self.id
        return derive_id(self.text or " ".join(choice.text for choice in self.one_of))

    @property
    def label(self) -> str:
        """Its text as one line: the lead, then the options (`Problem Set 1: one of A or B`)."""
        if not self.one_of:
            return self.text or ""
        options = " or ".join(choice.text for choice in self.one_of)
        return f"{self.text}: one of {options}" if self.text else f"One of {options}"


class Resource(_Model):
    """A link for a sprint's learners: a lecture video, a reading, an exercise."""

    title: Text
    """What it is (`Lecture 1: C`)."""

    url: Url
    """Where it is: `https://…` (or `mailto:…`)."""

    kind: ResourceKind | None = None
    """What kind of resource: video, lecture, reading, notes, slides, exercise, lab, quiz, tool
    or other."""

    minutes: Count | None = None
    """How long it takes, in minutes."""


class Milestone(_Model):
    """A portfolio milestone, shipped at the end of one sprint."""

    id: Id
    """Stable id; sprints name it in `ships`."""

    title: Text
    """Short name, shown in bold (`ML Foundations Project`)."""

    detail: Text | None = None
    """The rest of the line after the title (`shipped (baseline + evaluation)`)."""


class Milestones(_Model):
    """The milestones section."""

    title: Text = "Milestones"
    """Section heading."""

    note: Text | None = None
    """A note shown in brackets after the heading (`Same For Both Tracks`)."""

    items: list[Milestone] = []
    """The milestones, in the order they are shipped."""


class Break(_Model):
    """Weeks off between two sprints of a track."""

    after: WeekNumber
    """The track week it follows, as the track numbers it; the last week of a sprint."""

    title: Text
    """What it is (`Spring break`, `Reading week`)."""

    weeks: Count = 1
    """How many weeks it lasts."""


class Track(_Model):
    """A way through the curriculum at its own pace."""

    id: Id
    """Stable id; also the track's URL folder (`/fast-track/week-05/`)."""

    label: Text
    """Short label (`Track A`)."""

    name: Text
    """Name (`6-Month Fast-Track`)."""

    tagline: Text | None = None
    """One line on who it suits (`intense, project-heavy`)."""

    summary: Text | None = None
    """A sentence shown before `sprint_extras` (`Same milestones, but each sprint includes:`)."""

    weeks: Count
    """Length of the track in weeks (breaks aside); must equal the sum of its sprints' weeks."""

    first_week: WeekNumber | None = None
    """The number of the track's first week, when it differs from the curriculum's
    `first_week`. Page addresses and progress do not depend on it."""

    weeks_per_sprint: Count
    """Weeks each sprint takes on this track, unless `sprint_weeks` says otherwise."""

    sprint_weeks: dict[Id, Count] = {}
    """Per-sprint exceptions to `weeks_per_sprint`, by sprint id."""

    skip_sprints: list[Id] = []
    """Sprints this track leaves out (optional or advanced material), by id."""

    combine_sprints: list[Annotated[list[Id], Field(min_length=2)]] = []
    """Groups of sprints that follow each other and that this track takes together, in the
    weeks of the group's first sprint (`[[arrays, algorithms]]`: both in one week)."""

    breaks: list[Break] = []
    """Weeks off between sprints (a holiday, reading or exam week): no checklist, and the later
    weeks' dates move by the break's length."""

    sprint_extras: list[Item] = []
    """What this track adds to every sprint (more drills, more reading, …)."""


class Sprint(_Model):
    """A block of weeks with one focus, shared by all tracks (each paces it differently)."""

    id: Id
    """Stable id."""

    title: Text
    """Title (`Machine Learning Sprint`)."""

    focus: Text
    """The topics the sprint focuses on."""

    deliverables: list[DeliverableItem] = Field(min_length=1)
    """What the learner ships in this sprint; due in order over the sprint's weeks, unless a
    deliverable says its `due` week."""

    resources: list[Resource] = []
    """Links for the sprint: its lecture, readings, exercises; listed on its week pages."""

    ships: Id | None = None
    """Id of the milestone shipped in the sprint's last week, if any."""

    notes: dict[Id, list[Text]] = {}
    """Optional plan per track: track id → one note per week of the sprint. Replaces the
    generated plan on those weeks."""


class RoutineBlock(_Model):
    """One part of the weekly routine: a day, or several days with the same tasks."""

    days: list[Weekday] = Field(min_length=1)
    """The consecutive weekdays this block covers (`[tuesday, wednesday, thursday]`)."""

    tasks: list[Item] = Field(min_length=1)
    """What to do on those days."""


class WeeklyRoutine(_Model):
    """The routine that every week follows."""

    title: Text = "Weekly Structure"
    """Section heading."""

    note: Text | None = None
    """A note shown in brackets after the heading (`Use Every Week`)."""

    blocks: list[RoutineBlock] = Field(min_length=1)
    """The routine, Monday to Sunday."""


class SplitBlock(_Model):
    """One block of the daily time budget."""

    minutes: Count
    """Length of the block in minutes."""

    activity: Text
    """What the block is for (`learning`)."""

    detail: Text | None = None
    """How (`video/book`)."""


class DailySplit(_Model):
    """How a study day's time is split."""

    title: Text = "Recommended Daily Split"
    """Section heading."""

    budget_minutes: Count
    """The daily budget in minutes; the blocks must add up to it."""

    blocks: list[SplitBlock] = Field(min_length=1)
    """The blocks of the day, in order."""

    days: list[Weekday] | None = None
    """The study days it applies to; without it, the days the weekly routine covers (every day
    when there is no routine)."""


class Checkpoint(_Model):
    """The self-check every few weeks."""

    title: Text = "Are You On Track?"
    """Section heading, after `Checkpoint:`."""

    every_weeks: Count
    """A checkpoint falls on every `every_weeks`-th week of a track (the 4th, the 8th, …)."""

    questions: list[Item] = Field(min_length=1)
    """The questions to answer."""

    advice: Text | None = None
    """A line of advice shown with the questions."""


class SideTask(Item):
    """A task of a side track, repeated at its cadence."""

    every_weeks: Count = 1
    """Cadence: due every N weeks, counting from the side track's start week."""


class SideTrack(_Model):
    """A track that runs alongside the main one (the career track)."""

    id: Id
    """Stable id; also the page's URL (`/career-track/`)."""

    title: Text
    """Title (`Career Parallel Track`)."""

    optional: bool = False
    """Whether the learner may skip it."""

    start_week: WeekNumber | None = None
    """The track week its tasks start in, as the tracks number their weeks; must lie inside every
    track. Without it (and without `start_sprint`), the first week."""

    start_sprint: Id | None = None
    """Instead of `start_week`: the sprint whose first week it starts in, on each track."""

    tasks: list[SideTask] = Field(min_length=1)
    """The recurring tasks."""

    why: Text | None = None
    """Why it is worth doing."""


class Intro(_Model):
    """The lines around the track list on the home page."""

    lead: Text | None = None
    """Shown before the list of tracks (`You have two tracks:`)."""

    outro: Text | None = None
    """Shown after it."""


class Curriculum(_Model):
    """A week-by-week curriculum: its tracks, sprints, milestones and routines."""

    title: Text
    """Title of the home page."""

    first_week: WeekNumber = 1
    """The number of every track's first week: 1, or 0 for a course that starts at `Week 0`.
    Page addresses (`week-01`) and progress do not depend on it."""

    intro: Intro = Intro()
    """Lines around the track list on the home page."""

    tracks: list[Track] = Field(min_length=1)
    """The tracks a learner can choose from."""

    milestones: Milestones = Milestones()
    """The milestones, each shipped by one sprint."""

    sprints: list[Sprint] = Field(min_length=1)
    """The sprints, in order; every track runs through them, but for those it skips."""

    weekly_routine: WeeklyRoutine | None = None
    """The routine every week follows."""

    daily_split: DailySplit | None = None
    """How a study day is split."""

    checkpoint: Checkpoint | None = None
    """The recurring self-check."""

    side_tracks: list[SideTrack] = []
    """Tracks that run alongside (the optional career track)."""

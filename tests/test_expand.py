"""Expansion: weeks to sprints, pacing, checkpoints, side-track cadence, milestone weeks."""

from __future__ import annotations

import pytest

from generator.expand import Site, TrackPlan, due_weeks, expand_curriculum, join_days
from generator.pages import load_curriculum
from tests.conftest import FIXTURES, ROADMAP


@pytest.fixture(scope="module")
def roadmap() -> Site:
    return expand_curriculum(load_curriculum(ROADMAP))


def plan_of(site: Site, track_id: str) -> TrackPlan:
    return next(plan for plan in site.tracks if plan.track.id == track_id)


def sprint_of_each_week(site: Site, track_id: str) -> list[str]:
    return [week.span.sprint.id for week in plan_of(site, track_id).weeks]


SPRINTS = [
    "foundations",
    "machine-learning",
    "deep-learning",
    "llm-apps",
    "deployment-mlops",
    "job-readiness",
]


def test_fast_track_has_24_weeks_of_four_week_sprints(roadmap: Site) -> None:
    assert sprint_of_each_week(roadmap, "fast-track") == [s for s in SPRINTS for _ in range(4)]


def test_standard_track_has_36_weeks_of_six_week_sprints(roadmap: Site) -> None:
    assert sprint_of_each_week(roadmap, "standard") == [s for s in SPRINTS for _ in range(6)]


def test_week_five_of_the_fast_track_opens_the_machine_learning_sprint(roadmap: Site) -> None:
    week = plan_of(roadmap, "fast-track").weeks[4]
    assert (week.number, week.span.sprint.title, week.week_in_sprint) == (
        5,
        "Machine Learning Sprint",
        1,
    )
    assert [d.check.text for d in week.deliverables] == [
        "regression project + error analysis",
        "classification project + thresholding",
        "experiment report template used",
    ]


@pytest.mark.parametrize(("track_id", "weeks"), [("fast-track", 24), ("standard", 36)])
def test_checkpoints_fall_every_fourth_week(roadmap: Site, track_id: str, weeks: int) -> None:
    checkpoint_weeks = [w.number for w in plan_of(roadmap, track_id).weeks if w.checkpoint]
    assert checkpoint_weeks == list(range(4, weeks + 1, 4))
    week = plan_of(roadmap, track_id).weeks[3]
    assert week.checkpoint[0].text == "Can I demo something working?"


def test_career_tasks_start_in_week_six_at_their_cadence(roadmap: Site) -> None:
    weeks = plan_of(roadmap, "fast-track").weeks

    def due(number: int) -> list[str]:
        return [c.key.split("/")[-1] for s in weeks[number - 1].side_tasks for c in s.checks]

    assert due(5) == []
    assert due(6) == ["linkedin", "project-update", "networking", "track-jobs"]
    assert due(7) == ["linkedin", "networking", "track-jobs"]
    assert due(8) == ["linkedin", "project-update", "networking", "track-jobs"]
    assert due(24) == ["linkedin", "project-update", "networking", "track-jobs"]


@pytest.mark.parametrize(
    ("track_id", "expected"),
    [
        (
            "fast-track",
            {
                8: "ml-foundations",
                12: "deep-learning",
                16: "llm-rag",
                20: "deployed-app",
                24: "job-ready",
            },
        ),
        (
            "standard",
            {
                12: "ml-foundations",
                18: "deep-learning",
                24: "llm-rag",
                30: "deployed-app",
                36: "job-ready",
            },
        ),
    ],
)
def test_milestones_ship_in_the_last_week_of_their_sprint(
    roadmap: Site, track_id: str, expected: dict[int, str]
) -> None:
    weeks = plan_of(roadmap, track_id).weeks
    assert {w.number: w.milestone.id for w in weeks if w.milestone} == expected


def test_standard_week_36_is_a_checkpoint_and_ships_the_job_ready_package(roadmap: Site) -> None:
    week = plan_of(roadmap, "standard").weeks[35]
    assert week.checkpoint and week.milestone and week.milestone.title == "Job-ready package"


@pytest.mark.parametrize(
    ("deliverables", "weeks", "expected"),
    [
        (3, 4, (1, 2, 3)),
        (2, 4, (2, 3)),
        (3, 6, (2, 4, 5)),
        (2, 6, (3, 5)),
        (2, 1, (1, 1)),
        (1, 2, (1,)),
        (5, 3, (1, 1, 2, 2, 2)),
    ],
)
def test_pacing_rule_spreads_deliverables_before_the_last_week(
    deliverables: int, weeks: int, expected: tuple[int, ...]
) -> None:
    assert due_weeks(deliverables, weeks) == expected


def test_each_deliverable_is_due_exactly_once_per_sprint(roadmap: Site) -> None:
    for plan in roadmap.tracks:
        for span in plan.spans:
            due = [d.check.key for w in plan.weeks_in(span) for d in w.plan.due]
            assert sorted(due) == sorted(d.check.key for d in span.schedule)


def test_the_last_week_of_a_sprint_is_for_wrapping_up(roadmap: Site) -> None:
    weeks = plan_of(roadmap, "fast-track").weeks
    assert [w.number for w in weeks if w.plan.wrap_up] == [4, 8, 12, 16, 20, 24]
    assert not weeks[3].plan.due


def test_standard_track_adds_its_extras_to_every_sprint(roadmap: Site) -> None:
    week = plan_of(roadmap, "standard").weeks[6]
    assert [d.check.key for d in week.extras] == [
        "extra/machine-learning/drills",
        "extra/machine-learning/reading",
        "extra/machine-learning/repetition",
        "extra/machine-learning/mini-projects",
    ]
    assert not plan_of(roadmap, "fast-track").weeks[6].extras


def test_other_curricula_expand_by_their_own_rules() -> None:
    site = expand_curriculum(load_curriculum(FIXTURES / "three-tracks.yml"))
    assert [len(plan.weeks) for plan in site.tracks] == [8, 12, 18]
    weekend = plan_of(site, "weekend-pace")
    assert [span.weeks for span in weekend.spans] == [4, 4, 4, 6]
    assert [w.number for w in weekend.weeks if w.checkpoint] == [3, 6, 9, 12, 15, 18]
    assert all(not w.side_tasks for plan in site.tracks for w in plan.weeks)
    assert {w.number: w.milestone.id for w in weekend.weeks if w.milestone} == {
        8: "dashboard",
        18: "report",
    }


def test_per_week_notes_replace_the_generated_plan() -> None:
    site = expand_curriculum(load_curriculum(FIXTURES / "small.yml"))
    steady = plan_of(site, "steady")
    assert [w.plan.note for w in steady.weeks[:3]] == [
        "Read chapter 1.",
        "Read chapter 2 <b>and</b> do the drills.",
        "Catch up, then review.",
    ]
    assert plan_of(site, "quick").weeks[0].plan.note is None


def test_checklist_keys_are_unique_within_every_week(roadmap: Site) -> None:
    for plan in roadmap.tracks:
        for week in plan.weeks:
            keys = [d.check.key for d in week.deliverables] + [d.check.key for d in week.extras]
            keys += [c.key for day in week.routine for c in day.checks]
            keys += [c.key for s in week.side_tasks for c in s.checks]
            keys += [c.key for c in week.checkpoint]
            assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["monday"], "Monday"),
        (["saturday", "sunday"], "Saturday and Sunday"),
        (["monday", "wednesday", "saturday", "sunday"], "Monday, Wednesday, Saturday and Sunday"),
        (
            ["monday", "tuesday", "wednesday", "thursday", "friday", "sunday"],
            "Monday–Friday and Sunday",
        ),
        (
            ["monday", "tuesday", "wednesday", "friday", "saturday"],
            "Monday–Wednesday, Friday and Saturday",
        ),
    ],
)
def test_days_are_listed_one_by_one_and_runs_of_three_or_more_as_a_range(
    days: list[str], expected: str
) -> None:
    assert join_days(days) == expected

"""The command line's calendar: one all-day event per week, on the right dates, marked."""

from __future__ import annotations

import datetime
import subprocess
import sys

import icalendar
import pytest

from tests.conftest import ROOT, run_cli


def calendar_of(*args: str) -> icalendar.Calendar:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "ics", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return icalendar.Calendar.from_ical(result.stdout)


@pytest.fixture(scope="module")
def standard() -> list[icalendar.Event]:
    calendar = calendar_of(
        "--track", "standard", "--start-date", "2026-12-30", "--site-url", "https://x.org/r/"
    )
    assert str(calendar["version"]) == "2.0"
    return list(calendar.walk("VEVENT"))


def test_one_event_per_week(standard: list[icalendar.Event]) -> None:
    assert len(standard) == 36
    assert [str(e["summary"]).split(":")[0] for e in standard] == [
        f"Week {n}" for n in range(1, 37)
    ]
    assert len({str(e["uid"]) for e in standard}) == 36


def test_events_are_all_day_weeks_from_the_monday_of_the_start_date(
    standard: list[icalendar.Event],
) -> None:
    first_monday = datetime.date(2026, 12, 28)
    for number, event in enumerate(standard, start=1):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert not isinstance(start, datetime.datetime)
        assert start == first_monday + datetime.timedelta(weeks=number - 1)
        assert end - start == datetime.timedelta(days=7)
    assert standard[1].decoded("dtstart") == datetime.date(2027, 1, 4)


def test_checkpoint_and_milestone_weeks_are_marked(standard: list[icalendar.Event]) -> None:
    marks = {
        n: [str(c) for c in e.categories] for n, e in enumerate(standard, start=1) if e.categories
    }
    assert {n for n, m in marks.items() if "Checkpoint" in m} == set(range(4, 37, 4))
    assert {n for n, m in marks.items() if "Milestone" in m} == {12, 18, 24, 30, 36}
    assert str(standard[35]["summary"]) == (
        "Week 36: Job Readiness Sprint · Checkpoint · Milestone: Job-ready package"
    )


def test_an_event_describes_its_week_and_links_its_page(standard: list[icalendar.Event]) -> None:
    event = standard[6]
    description = str(event["description"])
    assert description.splitlines()[:5] == [
        "9-Month Standard, week 7 of 36",
        "Machine Learning Sprint, sprint week 1 of 6",
        "Focus: features, model selection, evaluation, pipelines",
        "Later in this sprint:",
        "- regression project + error analysis (due week 8)",
    ]
    assert "Due by this week:" not in description
    assert str(event["url"]) == "https://x.org/r/standard/week-07/"


def test_an_event_lists_what_its_week_page_counts(standard: list[icalendar.Event]) -> None:
    lines = str(standard[11]["description"]).splitlines()  # week 12, the sprint's last
    due = lines[lines.index("Due by this week:") + 1 :]
    assert due[:3] == [
        "- regression project + error analysis (was due week 8)",
        "- classification project + thresholding (was due week 10)",
        "- experiment report template used (was due week 11)",
    ]
    assert "- more drills (due this week)" in due
    assert "Later in this sprint:" not in lines


def test_an_unknown_track_is_refused() -> None:
    result = run_cli("ics", "--track", "nope", "--start-date", "2027-01-04")
    assert result.returncode == 2
    assert "unknown track 'nope'; the tracks are: fast-track, standard" in result.stderr

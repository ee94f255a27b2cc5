"""Learner progress in a real browser: ticks that persist, progress at a glance, export and
import, start dates and the calendar download, across reloads, instant navigation and rebuilds."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import icalendar
import pytest
import yaml

from generator import build_pages
from generator.ics import build_calendar
from tests.conftest import ROADMAP, Visit, make_project, run_build, serve

Page = object


@pytest.fixture
def site_url(engine_url: str) -> str:
    """Every test here runs on the MkDocs build and on the Zensical build."""
    return engine_url


def item(page, key: str):  # type: ignore[no-untyped-def]
    return page.locator(f"li.task-list-item[data-item-id='{key}'] input[type=checkbox]")


def tick(page, key: str) -> None:  # type: ignore[no-untyped-def]
    """Tick as a learner does: a click on the drawn box (it covers the real checkbox)."""
    item(page, key).click(force=True)


def stored(page) -> dict:  # type: ignore[no-untyped-def, type-arg]
    return page.evaluate(
        "() => JSON.parse(localStorage.getItem(Object.keys(localStorage)"
        ".find(k => k.startsWith('curriculum-progress:'))))"
    )


def test_a_tick_survives_a_reload(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    tick(page, "deliverable/regression-project")
    item(page, "week-05/routine/plan").focus()
    page.keyboard.press("Space")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert item(page, "deliverable/regression-project").is_checked()
    assert item(page, "week-05/routine/plan").is_checked()
    assert not item(page, "week-05/routine/issue-list").is_checked()
    data = stored(page)
    assert data["version"] == 1
    assert sorted(data["tracks"]["fast-track"]["done"]) == [
        "deliverable/regression-project",
        "week-05/routine/plan",
    ]


def test_checkboxes_are_named_by_their_text(visit: Visit) -> None:
    page = visit.open("standard/week-07/")
    box = page.get_by_role("checkbox", name="push commits daily")
    assert box.count() == 1
    assert page.get_by_role("checkbox", name="more drills").count() == 1


def test_ticks_survive_instant_navigation(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    tick(page, "deliverable/classification-project")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/week-06/")
    page.wait_for_selector(".cp-week-status:not([hidden])")
    assert item(page, "deliverable/classification-project").is_checked()
    tick(page, "week-06/career-track/linkedin")
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_url("**/week-05/")
    page.wait_for_selector(".cp-week-status:not([hidden])")
    assert item(page, "deliverable/classification-project").is_checked()
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    assert "week-06/career-track/linkedin" in stored(page)["tracks"]["fast-track"]["done"]


def test_progress_bars_show_the_right_fractions(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    assert "This week: 0 of 10 done (0%)" in page.locator(".cp-week-status").inner_text()
    tick(page, "deliverable/regression-project")
    tick(page, "week-05/routine/implement")
    assert "This week: 2 of 10 done (20%)" in page.locator(".cp-week-status").inner_text()
    page = visit.open("fast-track/week-08/")
    for key in ["deliverable/classification-project", "deliverable/experiment-report"]:
        tick(page, key)
    page = visit.open("fast-track/")
    panel = page.locator(".cp-track-panel").inner_text()
    assert "Track: 4 of 322 done (1%)" in panel
    sprint = page.locator(".cp-sprint-status[data-sprint='machine-learning']").inner_text()
    assert "Machine Learning Sprint: 4 of 54 done (7%)" in sprint
    weeks = {
        link.get_attribute("data-week"): link.get_attribute("class")
        for link in page.locator(".cp-week-link").all()
    }
    assert "cp-week--partial" in weeks["5"]
    assert "cp-week--partial" in weeks["6"]  # its deliverable, due week 6, is ticked
    assert "cp-week--todo" in weeks["9"]
    milestone = page.locator(".cp-milestone-status[data-sprint='machine-learning']")
    assert milestone.inner_text() == "✓ reached"
    other = page.locator(".cp-milestone-status[data-sprint='deep-learning']")
    assert other.inner_text() == "0 of 2 deliverables done"


def test_a_week_is_done_when_all_its_items_are_ticked(visit: Visit) -> None:
    page = visit.open("fast-track/week-01/")
    keys = page.evaluate(
        "() => [...document.querySelectorAll('li.task-list-item[data-item-id]')]"
        ".map(li => li.dataset.itemId)"
    )
    for key in keys:
        tick(page, key)
    page = visit.open("fast-track/")
    link = page.locator(".cp-week-link[data-week='1']")
    assert "cp-week--done" in str(link.get_attribute("class"))
    assert "(done)" in link.inner_text()
    page = visit.open("")
    panel = page.locator(".cp-continue").inner_text()
    assert "Continue where you left off: week 1" in panel
    assert "First unfinished week: week 2" in panel


def export_clear_import(page, tmp_path: Path) -> tuple[dict, str]:  # type: ignore[no-untyped-def, type-arg]
    """Export from a track overview, clear this browser, import the file: what the file held
    and the import's summary."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.wait_for_load_state("networkidle")
    page.locator(".cp-track-panel input[type=file]").set_input_files(str(exported))
    status = page.locator(".cp-track-panel .cp-status")
    status.filter(has_text="Imported").wait_for()
    return json.loads(exported.read_text(encoding="utf-8")), status.inner_text()


def test_export_clear_import_gives_the_same_state(visit: Visit, tmp_path: Path) -> None:
    page = visit.open("standard/week-02/")
    for key in ["deliverable/sql-queries", "week-02/routine/plan", "extra/foundations/drills"]:
        tick(page, key)
    page = visit.open("standard/")
    page.locator("#cp-start-standard").fill("2027-01-04")
    before = stored(page)
    data, summary = export_clear_import(page, tmp_path)
    assert data["format"] == "curriculum-progress" and data["orphaned"] == {}
    assert summary == (
        "Imported: 3 ticks added, 0 already here; start date set for 9-Month Standard."
    )
    after = stored(page)
    assert after["tracks"] == before["tracks"]
    page = visit.open("standard/week-02/")
    assert item(page, "week-02/routine/plan").is_checked()


def test_reset_asks_first_and_clears_only_that_track(visit: Visit) -> None:
    page = visit.open("fast-track/week-03/")
    tick(page, "deliverable/polished-readme")
    page = visit.open("standard/week-03/")
    tick(page, "deliverable/polished-readme")
    page = visit.open("fast-track/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset this track").click()
    assert stored(page)["tracks"]["fast-track"]["done"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset this track").click()
    data = stored(page)
    assert data["tracks"]["fast-track"]["done"] == {}
    assert list(data["tracks"]["standard"]["done"]) == ["deliverable/polished-readme"]


def set_start(visit: Visit, track: str, start: str):  # type: ignore[no-untyped-def]
    page = visit.open(f"{track}/")
    page.locator(f"#cp-start-{track}").fill(start)
    return page


def test_week_dates_follow_the_start_date_across_month_and_year(visit: Visit) -> None:
    page = set_start(visit, "fast-track", "2026-12-30")
    assert (
        "Start date set: week 1 begins Mon 28 Dec 2026." in page.locator(".cp-status").inner_text()
    )
    assert "Mon 28 Dec – Sun 3 Jan" in page.locator(".cp-week-link[data-week='1']").inner_text()
    page = visit.open("fast-track/week-01/")
    assert "Mon 28 Dec 2026 – Sun 3 Jan 2027" in page.locator(".cp-week-status").inner_text()
    page = visit.open("fast-track/week-05/")
    assert "Mon 25 Jan 2027 – Sun 31 Jan 2027" in page.locator(".cp-week-status").inner_text()
    page = visit.open("fast-track/week-06/")
    assert "Mon 1 Feb 2027 – Sun 7 Feb 2027" in page.locator(".cp-week-status").inner_text()


def test_this_week_is_marked_and_linked_from_home(visit: Visit) -> None:
    start = datetime.date.today() - datetime.timedelta(days=15)
    page = set_start(visit, "standard", start.isoformat())
    number = (
        datetime.date.today() - (start - datetime.timedelta(days=start.weekday()))
    ).days // 7 + 1
    link = page.locator(f".cp-week-link[data-week='{number}']")
    assert "cp-week--now" in str(link.get_attribute("class"))
    assert "this week" in link.inner_text()
    page = visit.open("")
    this_week = page.get_by_role("link", name=f"This week: week {number}")
    assert this_week.get_attribute("href", timeout=5000).endswith(f"/standard/week-{number:02d}/")


def test_without_a_start_date_nothing_breaks(visit: Visit) -> None:
    page = visit.open("standard/week-09/")
    assert page.locator(".cp-week-status .cp-dates").count() == 0
    page = visit.open("standard/")
    page.get_by_role("button", name="Calendar (.ics)").click()
    assert "Set a start date first" in page.locator(".cp-status").inner_text()


def events_of(ics: bytes) -> list[dict[str, object]]:
    calendar = icalendar.Calendar.from_ical(ics)
    return [
        {
            "summary": str(event["summary"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "description": str(event["description"]),
            "categories": [str(c) for c in event.categories],
            "url": str(event.get("url", "")),
            "uid": str(event["uid"]).split("@")[0],
        }
        for event in calendar.walk("VEVENT")
    ]


def test_browser_and_command_line_calendars_agree(visit: Visit, tmp_path: Path) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    with page.expect_download() as download:
        page.get_by_role("button", name="Calendar (.ics)").click()
    path = tmp_path / "fast-track.ics"
    download.value.save_as(path)
    browser_events = events_of(path.read_bytes())
    site = build_pages(ROADMAP).site
    cli_events = events_of(
        build_calendar(site, "fast-track", datetime.date(2027, 3, 3), site_url=visit.base)
    )
    assert browser_events == cli_events
    assert len(browser_events) == 24
    assert browser_events[0]["start"] == datetime.date(2027, 3, 1)
    assert browser_events[7]["categories"] == ["Checkpoint", "Milestone"]
    assert browser_events[7]["summary"] == (
        "Week 8: Machine Learning Sprint · Checkpoint · Milestone: ML Foundations Project"
    )


def test_ticks_stay_on_their_items_after_the_curriculum_changes(
    browser: object, tmp_path: Path
) -> None:
    project = make_project(tmp_path, ROADMAP)
    assert run_build(project).returncode == 0
    with serve(project / "site") as base:
        learner = Visit(browser, base)  # type: ignore[arg-type]
        page = learner.open("fast-track/week-05/")
        ticked = ["deliverable/classification-project", "week-05/routine/push-daily"]
        for key in ticked:
            tick(page, key)
        texts = {
            key: page.locator(f"li[data-item-id='{key}']").inner_text().split(" · ")[0]
            for key in ticked
        }
        data = yaml.safe_load(ROADMAP.read_text(encoding="utf-8"))
        data["sprints"][1]["deliverables"].insert(0, {"id": "warm-up", "text": "a warm-up kata"})
        routine = data["weekly_routine"]["blocks"][1]["tasks"]
        routine.reverse()
        (project / "curriculum" / "roadmap.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
        assert run_build(project).returncode == 0
        page.reload()
        page.wait_for_load_state("networkidle")
        checked = page.evaluate(
            "() => [...document.querySelectorAll('li.task-list-item')]"
            ".filter(li => li.querySelector('input').checked).map(li => li.dataset.itemId)"
        )
        assert sorted(checked) == sorted(ticked)
        for key in ticked:
            assert page.locator(f"li[data-item-id='{key}']").inner_text().startswith(texts[key])
        first = page.locator("li.task-list-item").first
        assert first.get_attribute("data-item-id") == "deliverable/warm-up"
        assert not first.locator("input").is_checked()
        assert learner.errors == []
        learner.context.close()
    shutil.rmtree(project / "site")


def test_a_malformed_import_is_cleaned_not_trusted(visit: Visit, tmp_path: Path) -> None:
    hostile = {
        "format": "curriculum-progress",
        "tracks": {
            "fast-track": {
                "start": 20270104,
                "done": {"deliverable/sql-queries": "2027-01-05", "<img src=x>": "y"},
            },
            "__proto__": {"done": {"polluted": "yes"}},
            "standard": None,
            "constructor": {"done": {"week-01/routine/plan": "x"}},
        },
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    page = visit.open("fast-track/")
    page.locator(".cp-track-panel input[type=file]").set_input_files(str(path))
    status = page.locator(".cp-track-panel .cp-status")
    status.filter(has_text="Imported").wait_for()
    assert status.inner_text() == "Imported: 2 ticks added, 0 already here."
    assert page.evaluate("() => ({}).done") is None  # no prototype pollution
    data = stored(page)
    assert data["tracks"]["fast-track"] == {"done": {"deliverable/sql-queries": "2027-01-05"}}
    page.reload()
    page.wait_for_selector(".cp-track-panel:not([hidden])")
    assert "Track: 1 of 322 done" in page.locator(".cp-track-panel").inner_text()

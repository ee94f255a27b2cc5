"""A plan that bends with the learner, in a real browser: pauses and catching up move every
later week (dates, this week, the calendar, the printed planner), reminders in the calendar,
and progress carried to another device in a link's fragment."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import icalendar
import pytest

from generator import build_pages
from generator.ics import build_calendar
from tests.conftest import ROADMAP, Visit
from tests.test_progress import events_of, export_clear_import, item, set_start, stored, tick

Page = object
FORTNIGHT = datetime.timedelta(days=14)


@pytest.fixture
def site_url(request: pytest.FixtureRequest, mkdocs_url: str) -> str:
    """The MkDocs build; the Zensical build too for the tests marked `BOTH` (the script is
    the same on both: those check it meets each engine's pages)."""
    if getattr(request, "param", "mkdocs") == "zensical":
        return str(request.getfixturevalue("zensical_url"))
    return mkdocs_url


BOTH = pytest.mark.parametrize("site_url", ["mkdocs", "zensical"], indirect=True)


def pause(page, track: str, before: int, weeks: int) -> None:  # type: ignore[no-untyped-def]
    page.locator(f"#cp-pause-week-{track}").select_option(str(before))
    page.locator(f"#cp-pause-weeks-{track}").fill(str(weeks))
    page.get_by_role("button", name="Pause", exact=True).click()


def calendar_of(page, tmp_path: Path, name: str, remind: bool = False) -> bytes:  # type: ignore[no-untyped-def]
    reminder = page.get_by_label("In the calendar, a reminder")
    if reminder.is_checked() != remind:
        reminder.click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Calendar (.ics)").click()
    path = tmp_path / name
    download.value.save_as(path)
    return path.read_bytes()


def week_dates(page) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {
        int(str(link.get_attribute("data-week"))): link.inner_text()
        for link in page.locator(".cp-week-link").all()
    }


@BOTH
def test_a_pause_moves_every_later_week_and_undo_restores(visit: Visit, tmp_path: Path) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    unpaused = week_dates(page)
    pause(page, "fast-track", 5, 2)
    status = page.locator(".cp-track-panel .cp-status")
    assert status.inner_text() == (
        "Paused 2 weeks before week 5. Week 5 now begins Mon 12 Apr 2027."
    )
    pauses = page.locator(".cp-pause-list")
    assert pauses.inner_text().startswith(
        "2 weeks off before week 5 (Mon 29 Mar 2027 – Sun 11 Apr 2027)"
    )
    paused = week_dates(page)
    assert [paused[n] for n in range(1, 5)] == [unpaused[n] for n in range(1, 5)]
    assert "Mon 29 Mar – Sun 4 Apr" in unpaused[5]
    assert "(not started, Mon 12 Apr – Sun 18 Apr) · after 2 weeks off" in paused[5]
    assert "Mon 23 Aug – Sun 29 Aug" in paused[24]

    # The calendar matches the command line's event by event, every week from 5 two weeks on.
    browser_events = events_of(calendar_of(page, tmp_path, "paused.ics"))
    site = build_pages(ROADMAP).site
    plain = events_of(
        build_calendar(site, "fast-track", datetime.date(2027, 3, 3), site_url=visit.base)
    )
    weeks = [e for e in browser_events if e["uid"] != "fast-track-pause-before-05"]
    assert len(weeks) == len(plain) == 24
    for number, (mine, theirs) in enumerate(zip(weeks, plain, strict=True), start=1):
        shift = FORTNIGHT if number >= 5 else datetime.timedelta(0)
        assert mine == {**theirs, "start": theirs["start"] + shift, "end": theirs["end"] + shift}
    paused_event = browser_events[4]
    assert paused_event["uid"] == "fast-track-pause-before-05"
    assert paused_event["summary"] == "Paused: 2 weeks"
    assert paused_event["categories"] == ["Paused"]
    assert (paused_event["start"], paused_event["end"]) == (
        datetime.date(2027, 3, 29),
        datetime.date(2027, 4, 12),
    )

    week = visit.open("fast-track/week-12/")
    assert "Mon 31 May 2027 – Sun 6 Jun 2027" in week.locator(".cp-week-status").inner_text()

    page = visit.open("fast-track/")
    page.get_by_role("button", name="Undo the pause before week 5").press("Enter")
    assert status.inner_text() == "Pause before week 5 undone. Week 5 now begins Mon 29 Mar 2027."
    # The keyboard goes on from the pause form, not from the top of the page.
    assert page.evaluate("() => document.activeElement.id") == "cp-pause-week-fast-track"
    assert not pauses.is_visible()
    assert week_dates(page) == unpaused
    assert events_of(calendar_of(page, tmp_path, "undone.ics")) == plain
    assert "pauses" not in stored(page)["tracks"]["fast-track"]


def test_pauses_combine_with_the_curriculums_breaks(visit: Visit, tmp_path: Path) -> None:
    """The shipped roadmap has no breaks: a learner's pause sits after a break it follows."""
    page = set_start(visit, "standard", "2027-01-04")
    pause(page, "standard", 1, 1)
    pause(page, "standard", 1, 2)  # pauses before the same week add up
    assert stored(page)["tracks"]["standard"]["pauses"] == [{"from": 1, "weeks": 3}]
    events = events_of(calendar_of(page, tmp_path, "standard.ics"))
    assert events[0]["summary"] == "Paused: 3 weeks"
    assert events[1]["start"] == datetime.date(2027, 1, 25)


def test_i_am_behind_makes_an_earlier_week_this_week(visit: Visit) -> None:
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    start = monday - datetime.timedelta(weeks=6)  # this is week 7
    page = set_start(visit, "standard", start.isoformat())
    assert "this week" in page.locator(".cp-week-link[data-week='7']").inner_text()
    page.get_by_label("I am behind by (weeks)").fill("2")
    page.get_by_role("button", name="Move my weeks").click()
    assert page.locator(".cp-status").inner_text() == (
        "Week 5 is now this week: it and every later week moved 2 weeks later."
    )
    assert "this week" in page.locator(".cp-week-link[data-week='5']").inner_text()
    assert "this week" not in page.locator(".cp-week-link[data-week='7']").inner_text()
    home = visit.open("")
    link = home.get_by_role("link", name="This week: week 5")
    assert str(link.get_attribute("href", timeout=5000)).endswith("/standard/week-05/")


def alarms_of(ics: bytes) -> list[tuple[str, object, str]]:
    return [
        (str(event["summary"]), alarm.decoded("trigger"), str(alarm["description"]))
        for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
        for alarm in event.walk("VALARM")
    ]


def test_behind_after_a_pause_counts_track_weeks_and_keeps_the_past_in_the_past(
    visit: Visit,
) -> None:
    """Paused a week before week 8, which is now this week, and still on week 7: week 7
    becomes this week, with both weeks off before it (both past), none left before week 8."""
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    page = set_start(visit, "standard", (monday - datetime.timedelta(weeks=8)).isoformat())
    pause(page, "standard", 8, 1)
    assert "this week" in page.locator(".cp-week-link[data-week='8']").inner_text()
    page.get_by_label("I am behind by (weeks)").fill("1")
    page.get_by_role("button", name="Move my weeks").click()
    assert page.locator(".cp-status").inner_text() == (
        "Week 7 is now this week: it and every later week moved 2 weeks later."
    )
    assert "this week" in page.locator(".cp-week-link[data-week='7']").inner_text()
    assert stored(page)["tracks"]["standard"]["pauses"] == [{"from": 7, "weeks": 2}]
    off = monday - datetime.timedelta(weeks=2)
    listed = f"2 weeks off before week 7 (Mon {off.day} {off:%b %Y}"
    assert page.locator(".cp-pause-list").inner_text().startswith(listed)
    page.get_by_role("button", name="Move my weeks").click()  # behind by 1 again: week 6
    assert "this week" in page.locator(".cp-week-link[data-week='6']").inner_text()


def test_the_calendar_can_ring_on_each_first_day(visit: Visit, tmp_path: Path) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    site = build_pages(ROADMAP).site
    cli = build_calendar(site, "fast-track", datetime.date(2027, 3, 3), reminder=True)
    assert alarms_of(calendar_of(page, tmp_path, "same.ics", remind=True)) == alarms_of(cli)
    assert len(alarms_of(cli)) == 24
    pause(page, "fast-track", 3, 1)
    calendar = icalendar.Calendar.from_ical(calendar_of(page, tmp_path, "r.ics", remind=True))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 25
    for event in events:
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        if "Paused" in [str(c) for c in event.categories]:
            assert alarms == []  # no reminder for a week off
            continue
        (alarm,) = alarms
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == datetime.timedelta(hours=9)
        assert str(alarm["description"]) == str(event["summary"])
    quiet = icalendar.Calendar.from_ical(calendar_of(page, tmp_path, "q.ics"))
    assert not [c for c in quiet.walk("VALARM")]


def test_pauses_travel_with_export_and_import(visit: Visit, tmp_path: Path) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    pause(page, "fast-track", 9, 3)
    data, summary = export_clear_import(page, tmp_path)
    assert data["tracks"]["fast-track"]["pauses"] == [{"from": 9, "weeks": 3}]
    assert summary.endswith("1 pause added.")
    assert "3 weeks off before week 9" in page.locator(".cp-pause-list").inner_text()


def test_print_shows_the_learners_dates_and_ticks(visit: Visit) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    pause(page, "fast-track", 2, 1)
    page = visit.open("fast-track/week-05/")
    ticked = ["deliverable/regression-project", "week-05/routine/plan"]
    for key in ticked:
        tick(page, key)
    page.emulate_media(media="print")
    planner = page.locator("section.cp-planner")
    assert planner.is_visible()
    meta = planner.locator(".cp-planner__meta").inner_text()
    assert "Mon 5 Apr 2027 – Sun 11 Apr 2027" in meta
    assert planner.locator("tr[data-day='0'] th").inner_text().split() == [
        "Monday",
        "Mon",
        "5",
        "Apr",
    ]
    assert planner.locator("tr[data-day='6'] th").inner_text().endswith("Sun 11 Apr")
    marked = page.evaluate(
        """() => [...document.querySelectorAll('section.cp-planner li')]
            .filter(li => getComputedStyle(li).backgroundImage.includes('path'))
            .map(li => li.dataset.key || 'week-05/' + li.dataset.weekKey)"""
    )
    assert marked == ["deliverable/regression-project", "week-05/routine/plan"]
    # Unticked on screen, unticked on paper.
    page.emulate_media(media="screen")
    tick(page, "week-05/routine/plan")
    assert not item(page, "week-05/routine/plan").is_checked()
    page.emulate_media(media="print")
    assert planner.locator("li.cp-ticked").count() == 1


#: The items of every track as progress.js counts them, and all of them ticked.
TICK_ALL = """async () => {
  const manifest = await (await fetch('../assets/curriculum.json')).json();
  const key = Object.keys(localStorage).find(k => k.startsWith('curriculum-progress:'));
  const state = JSON.parse(localStorage.getItem(key));
  for (const track of manifest.tracks) {
    const keys = new Set();
    for (const sprint of track.sprints) {
      for (const k of [...sprint.deliverables, ...sprint.extras]) keys.add(k);
      for (const week of track.weeks.filter(w => w.sprint === sprint.id)) {
        for (const k of week.items) keys.add(k);
      }
    }
    const entry = state.tracks[track.id] || {done: {}};
    for (const k of keys) entry.done[k] = '2027-03-04T10:00:00.000Z';
    state.tracks[track.id] = entry;
  }
  localStorage.setItem(key, JSON.stringify(state));
  return [...Object.values(state.tracks)].map(t => Object.keys(t.done).length);
}"""


def open_link(page) -> str:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Open on another device").click()
    return str(page.locator(".cp-transfer-link").input_value())


def without_times(state: dict) -> dict:  # type: ignore[type-arg]
    return {
        "lastTrack": state["lastTrack"],
        "tracks": {
            track: {**entry, "done": sorted(entry["done"])}
            for track, entry in state["tracks"].items()
        },
    }


@BOTH
def test_a_link_carries_all_progress_to_a_fresh_browser(
    visit: Visit, browser: object, tmp_path: Path
) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    pause(page, "fast-track", 5, 2)
    page = visit.open("standard/week-02/")
    tick(page, "deliverable/sql-queries")
    page = set_start(visit, "standard", "2026-12-30")
    pause(page, "standard", 30, 1)
    counts = page.evaluate(TICK_ALL)
    assert counts == [322, 508]  # every item of both tracks
    page.reload()
    page.wait_for_load_state("networkidle")
    link = open_link(page)
    assert link.startswith(visit.base + "standard/#progress=")
    assert len(link) <= 2000, len(link)
    fragment = link.split("#", 1)[1]
    published = "https://curriculum-publisher.github.io/ai-engineer-roadmap/standard/#"
    print(
        f"transfer link, both tracks fully ticked: {len(link)} characters here, a fragment of"
        f" {len(fragment)}: {len(published) + len(fragment)} at the published address"
    )
    assert len(published) + len(fragment) <= 2000
    assert f"{len(link)} characters." in page.locator(".cp-transfer-out").inner_text()

    # The same link as a QR code on screen, which a phone's camera reads.
    code = page.locator(".cp-transfer-code svg")
    code.screenshot(path=str(tmp_path / "code.png"))
    read = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "code.png")], capture_output=True, text=True
    )
    assert read.stdout.strip() == link

    before = without_times(stored(page))
    other = Visit(browser, visit.base)  # type: ignore[arg-type]
    there = other.open(link.removeprefix(visit.base))
    note = there.locator(".cp-transfer-in")
    assert (
        "This link carries 830 ticks. Start dates of 6-Month Fast-Track, 9-Month Standard. "
        "2 pauses. Adding it keeps everything this browser has."
    ) in note.inner_text()
    assert "#" not in there.evaluate("() => location.href")
    there.get_by_role("button", name="Add to this browser").click()
    note.filter(has_text="Imported").wait_for()
    assert "Imported: 830 ticks added, 0 already here" in note.inner_text()
    assert without_times(stored(there)) == before
    there = other.open("fast-track/")
    assert "Track: 322 of 322 done (100%)" in there.locator(".cp-track-panel").inner_text()
    assert "2 weeks off before week 5" in there.locator(".cp-pause-list").inner_text()
    assert other.errors == []
    other.context.close()


def test_a_link_never_replaces_this_browsers_start_date_and_says_so(
    visit: Visit, browser: object
) -> None:
    page = set_start(visit, "fast-track", "2027-03-03")
    link = open_link(page)
    other = Visit(browser, visit.base)  # type: ignore[arg-type]
    there = set_start(other, "fast-track", "2027-05-05")
    there = other.open(link.removeprefix(visit.base))
    there.get_by_role("button", name="Add to this browser").click()
    note = there.locator(".cp-transfer-in .cp-status")
    note.filter(has_text="Imported").wait_for()
    assert note.inner_text() == (
        "Imported: 0 ticks added, 0 already here. "
        "This browser's start date kept for 6-Month Fast-Track."
    )
    assert stored(there)["tracks"]["fast-track"]["start"] == "2027-05-05"
    other.context.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[:-1] + ("A" if text[-1] != "A" else "B"),  # one character changed
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: text + "<img src=x onerror=alert(1)>",  # not base64url
        lambda text: "",
    ],
    ids=["changed", "truncated", "hostile", "empty"],
)
def test_a_damaged_link_changes_nothing_and_says_so(visit: Visit, damage) -> None:  # type: ignore[no-untyped-def]
    page = set_start(visit, "fast-track", "2027-03-03")
    link = open_link(page)
    page = visit.open("fast-track/week-03/")
    tick(page, "deliverable/polished-readme")
    before = stored(page)
    base, fragment = link.split("#progress=")
    page = visit.open(base.removeprefix(visit.base) + "#progress=" + damage(fragment))
    note = page.locator(".cp-transfer-in .cp-status")
    assert note.inner_text() == (
        "Not added: this progress link is incomplete or has been changed. Nothing here was changed."
    )
    assert page.get_by_role("button", name="Add to this browser").count() == 0
    assert stored(page) == before
    page.get_by_role("button", name="Dismiss").click()
    assert page.locator(".cp-transfer-in").count() == 0

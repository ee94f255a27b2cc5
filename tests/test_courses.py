"""Real courses: a syllabus written from CS50x (tests/fixtures/cs50x.yml), a tiny workshop and a
Chinese course, as a learner meets them: the numbers, due weeks, breaks, links and options each
page states, in the generator, the real MkDocs build, the calendar and a real browser."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from generator import build_pages
from generator.expand import Site, TrackPlan
from generator.ics import build_calendar
from generator.model import derive_id
from generator.planner import plan_planner, render_planner
from generator.progress import build_manifest
from generator.words import short_url
from tests.a11y import blocking, open_in_mode, require_axe, run_axe
from tests.conftest import FIXTURES, ROADMAP, Build, Visit, make_project, run_build, run_cli, serve
from tests.test_progress import set_start

CS50X = FIXTURES / "cs50x.yml"


@pytest.fixture(scope="module")
def cs50x() -> Site:
    return build_pages(CS50X).site


def track(site: Site, track_id: str) -> TrackPlan:
    return next(plan for plan in site.tracks if plan.track.id == track_id)


@pytest.fixture(scope="module")
def cs50x_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(make_project(tmp_path_factory.mktemp("cs50x"), CS50X))
    assert build.returncode == 0, build.log
    return build


def events_of(ics: bytes) -> list[dict[str, object]]:
    """The calendar's events as plain data (a break has no page, so no URL)."""
    return [
        {
            "summary": str(event["summary"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "description": str(event["description"]),
            "categories": [str(c) for c in event.categories],
            "uid": str(event["uid"]).split("@")[0],
        }
        for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
    ]


# --- 1. weeks numbered from 0 ---------------------------------------------------------------


def test_a_course_counts_its_weeks_from_0_on_stable_urls(cs50x: Site) -> None:
    semester = track(cs50x, "semester")
    assert [week.label for week in semester.weeks[:3]] == [0, 1, 2]
    assert semester.weeks[-1].label == 13
    assert semester.weeks[0].number == 1  # the page is week-01, its progress keys week-01/…
    pages = build_pages(CS50X).pages
    assert "\n# Week 0 · Scratch <span" in pages["semester/week-01.md"]
    assert "track week **0** of 0–13" in pages["semester/week-01.md"]
    assert "| [Weeks 12–13](#final-project) | Final Project |" in pages["semester/index.md"]
    assert "[Start with week 0](semester/week-01.md)" in pages["index.md"]


def test_the_manifest_carries_labels_only_where_they_differ(cs50x: Site) -> None:
    semester = json.loads(build_manifest(cs50x))["tracks"][0]
    assert [(w["number"], w["label"]) for w in semester["weeks"][:2]] == [(1, 0), (2, 1)]
    assert [w.get("offset") for w in semester["weeks"][6:9]] == [None, 8, 9]
    assert semester["breaks"][0]["offset"] == 7
    for plan in json.loads(build_manifest(build_pages(ROADMAP).site))["tracks"]:
        assert all(week.keys().isdisjoint({"label", "offset"}) for week in plan["weeks"])


# --- 2. due weeks ---------------------------------------------------------------------------


def test_a_deliverable_is_due_in_the_week_the_course_says(cs50x: Site) -> None:
    semester, intensive = track(cs50x, "semester"), track(cs50x, "intensive")
    final = semester.spans[-1]
    assert [(d.check.key, d.due_label) for d in final.schedule] == [
        ("deliverable/project-idea", 12),
        ("deliverable/project", 13),  # `due: {semester: 2}`; the pacing rule would say 12
    ]
    # The intensive pace has one week for it: the per-track `due` leaves it to the pacing rule.
    assert [d.due_label for d in intensive.spans[-1].schedule] == [9, 9]
    week_12 = build_pages(CS50X).pages["semester/week-13.md"]
    assert (
        "Then start on **Final project, with a README.md and a video of up to 3 minutes** "
        "(due week 13)" in week_12
    )


# --- 3. skipped and combined sprints --------------------------------------------------------


def test_a_pace_skips_a_lecture_and_takes_two_in_one_week(cs50x: Site) -> None:
    intensive = track(cs50x, "intensive")
    titles = [span.title for span in intensive.spans]
    assert "Artificial Intelligence" not in titles and "Cybersecurity" not in titles
    assert titles[2] == "Arrays + Algorithms"
    week = intensive.weeks[2]
    assert week.label == 2 and week.span.weeks == 1
    assert [d.check.key.split("/")[1] for d in week.due] == [
        "scrabble",
        "readability",
        "caesar-or-substitution",
        "sort",
        "plurality",
        "runoff-or-tideman",
    ]
    assert [r.title for r in week.span.resources] == ["Lecture 2: Arrays", "Lecture 3: Algorithms"]


# --- 4. a side track that starts with a sprint -----------------------------------------------


def test_a_side_track_starts_with_its_sprint_on_each_pace(cs50x: Site) -> None:
    starts = {
        plan.track.id: plan.weeks[plan.starts["python-practice"] - 1] for plan in cs50x.tracks
    }
    assert {tid: (w.label, w.span.title) for tid, w in starts.items()} == {
        "semester": (6, "Python"),
        "intensive": (5, "Python"),
    }
    assert not track(cs50x, "semester").weeks[5].side_tasks
    page = build_pages(CS50X).pages["python-practice.md"]
    assert "Semester pace: weeks 6, 7, 8, …; Ten-week intensive: weeks 5, 6, 7, …" in page


# --- 5. days off ------------------------------------------------------------------------------


def test_the_daily_split_leaves_a_day_off_free(cs50x: Site) -> None:
    semester = track(cs50x, "semester")
    planner = plan_planner(cs50x.curriculum, semester, semester.weeks[0])
    study = {day.name: day.study for day in planner.days}
    assert study == {
        "Monday": True,
        "Tuesday": True,
        "Wednesday": True,
        "Thursday": True,
        "Friday": True,
        "Saturday": False,
        "Sunday": True,
    }
    html = render_planner(cs50x.curriculum, planner)
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\">(\w+).*?</tr>", html, re.S)
    assert rows == list(study)
    saturday = re.search(r"<th scope=\"row\">Saturday.*?</tr>", html, re.S)
    assert saturday and "cp-planner__block" not in saturday.group()
    assert html.count("45m learning") == 6


def test_the_weekly_budget_counts_study_days_only(tmp_path: Path) -> None:
    result = run_cli("validate", "tests/fixtures/small.yml")  # Saturday has no routine there
    assert "the daily split's 9 h a week" in result.stdout


# --- 6. links and resources -------------------------------------------------------------------


def test_links_are_real_links_that_open_safely(cs50x_build: Build) -> None:
    html = cs50x_build.html("semester/week-02")
    link = re.search(r'<a [^>]*href="https://cs50.harvard.edu/x/2024/psets/1/me/"[^>]*>', html)
    assert link, "the deliverable's url is a link"
    assert 'target="_blank"' in link.group() and 'rel="noopener"' in link.group()
    assert 'Hello, It\'s Me<span class="cp-sr-only"> (opens in a new tab)</span></a>' in html
    resources = html.split('id="resources"')[1].split("</ul>")[0]
    assert "Lecture 1: C" in resources and "lecture · 2 h 20 min" in resources
    mail = cs50x_build.html("semester/week-14")
    assert '<a class="cp-link" href="mailto:heads@cs50.harvard.edu">' in mail or (
        'href="mailto:heads@cs50.harvard.edu" class="cp-link">' in mail
    )
    assert not re.search(r'href="mailto:[^"]*"[^>]*target=', mail)


def test_planner_shows_links_as_short_text(cs50x: Site) -> None:
    semester = track(cs50x, "semester")
    html = render_planner(
        cs50x.curriculum, plan_planner(cs50x.curriculum, semester, semester.weeks[1])
    )
    assert '<span class="cp-planner__url">cs50.harvard.edu/x/2024/psets/1/mario/less</span>' in html
    assert (
        'Lecture 1: C</a> <span class="cp-planner__url">cs50.harvard.edu/x/2024/weeks/1</span>'
        " (lecture, 2 h 20 min)" in html
    )


def test_a_link_cannot_break_out_of_its_attribute(tmp_path: Path) -> None:
    text = CS50X.read_text(encoding="utf-8").replace(
        "https://cs50.harvard.edu/x/2024/psets/0/scratch/",
        'https://example.org/"onmouseover="alert(1)"<script>',
    )
    source = tmp_path / "course.yml"
    source.write_text(text, encoding="utf-8")
    page = build_pages(source).pages["semester/week-01.md"]
    assert 'href="https://example.org/&quot;onmouseover=&quot;alert(1)&quot;&lt;script&gt;"' in page
    assert "<script>" not in page


# --- 7. choose one ----------------------------------------------------------------------------


def test_a_choose_one_deliverable_is_one_box_showing_every_option(cs50x_build: Build) -> None:
    html = cs50x_build.html("semester/week-02")
    items = re.findall(
        r'<li class="task-list-item"[^>]*data-item-id="deliverable/mario"[^>]*>(.*?)</li>',
        html,
        re.S,
    )
    assert len(items) == 1
    assert items[0].count('type="checkbox"') == 1
    text = re.sub(r"<[^>]+>", "", items[0])
    assert (
        "Mario: one of Mario (less comfortable) (opens in a new tab) or Mario (more comfortable)"
        in text
    )


# --- 8. breaks --------------------------------------------------------------------------------


def test_a_break_moves_the_later_weeks_and_has_its_own_entry(cs50x: Site) -> None:
    semester = track(cs50x, "semester")
    assert [(w.label, w.offset) for w in semester.weeks[6:8]] == [(6, 6), (7, 8)]
    pages = build_pages(CS50X).pages
    overview = pages["semester/index.md"]
    assert "| After week 6 | Break: Spring break | 1 week off, no checklist | — |" in overview
    assert "**Break after week 6:** Spring break, 1 week off." in overview
    assert "After this week: Spring break, 1 week off." in pages["semester/week-07.md"]
    assert "this week follows Spring break (1 week off)" in pages["semester/week-08.md"]
    assert "Break" not in pages["intensive/index.md"]


def test_the_calendar_skips_the_break_and_marks_it(cs50x: Site) -> None:
    events = events_of(build_calendar(cs50x, "semester", datetime.date(2027, 1, 25)))
    assert len(events) == 15  # 14 weeks and the break
    by_summary = {str(e["summary"]).split(" · ")[0]: e for e in events}
    assert by_summary["Week 6: Python"]["start"] == datetime.date(2027, 3, 8)
    assert by_summary["Break: Spring break"]["start"] == datetime.date(2027, 3, 15)
    assert by_summary["Break: Spring break"]["end"] == datetime.date(2027, 3, 22)
    assert by_summary["Week 7: Artificial Intelligence"]["start"] == datetime.date(2027, 3, 22)


def test_a_dated_planner_follows_the_break(cs50x: Site) -> None:
    semester = track(cs50x, "semester")
    planner = plan_planner(
        cs50x.curriculum, semester, semester.weeks[7], datetime.date(2027, 1, 25)
    )
    assert planner.first_day == datetime.date(2027, 3, 22)


# --- 9. ids from non-Latin text ---------------------------------------------------------------


def test_non_latin_texts_keep_their_own_ids() -> None:
    assert derive_id("作业 1") == "作业-1" != derive_id("测验 1") == "测验-1"
    assert derive_id("Build a tested add() function") == "build-a-tested-add-function"
    site = build_pages(FIXTURES / "chinese.yml").site
    keys = [d.check.key for span in site.tracks[0].spans for d in span.schedule]
    assert keys[:2] == ["deliverable/作业-1", "deliverable/测验-1"]
    assert len(set(keys)) == len(keys)


# --- 10. small curricula ----------------------------------------------------------------------


def test_a_one_week_curriculum_has_no_empty_sections_and_speaks_singular(tmp_path: Path) -> None:
    result = run_cli("validate", "tests/fixtures/tiny.yml")
    assert "(1 track, 1 week page, 4 pages)" in result.stdout
    pages = build_pages(FIXTURES / "tiny.yml").pages
    assert "How a week works" not in pages["index.md"]
    assert "**Workshop** · 1 week · 1 sprint" in pages["index.md"]
    assert "(1 Week)" in pages["workshop/index.md"]
    assert "The week in one file:" in pages["downloads.md"] and "All 1" not in pages["downloads.md"]
    week = pages["workshop/week-01.md"]
    assert "cp-planner__grid" not in week and "## Weekly" not in week
    for text in pages.values():
        assert not re.search(r"\b1 (tracks|weeks|Weeks|sprints|items)\b", text)


# --- the course in a real browser -------------------------------------------------------------


@pytest.fixture(scope="module")
def cs50x_url(cs50x_build: Build) -> Iterator[str]:
    with serve(cs50x_build.site) as url:
        yield url


@pytest.fixture
def learner(browser: object, cs50x_url: str) -> Iterator[Visit]:
    visit = Visit(browser, cs50x_url)  # type: ignore[arg-type]
    yield visit
    assert visit.errors == []
    visit.context.close()


def test_dates_in_the_browser_count_from_week_0_and_skip_the_break(learner: Visit) -> None:
    page = set_start(learner, "semester", "2027-01-27")
    assert (
        "Start date set: week 0 begins Mon 25 Jan 2027." in page.locator(".cp-status").inner_text()
    )
    assert "Mon 8 Mar – Sun 14 Mar" in page.locator(".cp-week-link[data-week='7']").inner_text()
    assert "Mon 22 Mar – Sun 28 Mar" in page.locator(".cp-week-link[data-week='8']").inner_text()
    page = learner.open("semester/week-08/")
    assert "Mon 22 Mar 2027 – Sun 28 Mar 2027" in page.locator(".cp-week-status").inner_text()


def test_browser_and_command_line_calendars_agree_across_the_break(
    learner: Visit, cs50x: Site, tmp_path: Path
) -> None:
    page = set_start(learner, "semester", "2027-01-27")
    with page.expect_download() as download:
        page.get_by_role("button", name="Calendar (.ics)").click()
    path = tmp_path / "semester.ics"
    download.value.save_as(path)
    browser = events_of(path.read_bytes())
    cli = events_of(build_calendar(cs50x, "semester", datetime.date(2027, 1, 27)))
    assert browser == cli
    assert len(browser) == 15


def test_a_learners_pauses_combine_with_the_courses_break(
    learner: Visit, cs50x: Site, tmp_path: Path
) -> None:
    """Week 4 (the fifth) one week later, the spring break with it, and a second pause after
    the break: the calendar is the command line's with those shifts, plus the weeks off."""
    page = set_start(learner, "semester", "2027-01-27")
    for before in (5, 8):
        page.locator("#cp-pause-week-semester").select_option(str(before))
        page.get_by_role("button", name="Pause", exact=True).click()
    listed = page.locator(".cp-pause-list").inner_text()
    assert "1 week off before week 4 (Mon 22 Feb 2027 – Sun 28 Feb 2027)" in listed
    assert "1 week off before week 7 (Mon 29 Mar 2027 – Sun 4 Apr 2027)" in listed
    assert "Mon 15 Mar – Sun 21 Mar" in page.locator(".cp-week-link[data-week='7']").inner_text()
    assert "Mon 5 Apr – Sun 11 Apr" in page.locator(".cp-week-link[data-week='8']").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Calendar (.ics)").click()
    path = tmp_path / "semester.ics"
    download.value.save_as(path)
    mine = events_of(path.read_bytes())
    paused = [event for event in mine if event["categories"] == ["Paused"]]
    assert [(e["start"], e["end"]) for e in paused] == [
        (datetime.date(2027, 2, 22), datetime.date(2027, 3, 1)),
        (datetime.date(2027, 3, 29), datetime.date(2027, 4, 5)),
    ]
    cli = events_of(build_calendar(cs50x, "semester", datetime.date(2027, 1, 27)))
    shifted = [event for event in mine if event not in paused]
    week = datetime.timedelta(weeks=1)
    for position, (event, theirs) in enumerate(zip(shifted, cli, strict=True)):
        # Weeks 0-3 stay; weeks 4-6 and the break move one week; weeks 7 on move two.
        shift = 0 * week if position < 4 else week if position < 8 else 2 * week
        assert event == {**theirs, "start": theirs["start"] + shift, "end": theirs["end"] + shift}


def test_continue_names_the_week_as_the_course_does(learner: Visit) -> None:
    page = learner.open("semester/week-01/")
    page.locator("li.task-list-item[data-item-id='deliverable/pset-0'] input").click(force=True)
    page = learner.open("")
    link = page.get_by_role("link", name="Continue where you left off: week 0")
    assert link.get_attribute("href", timeout=5000).endswith("/semester/week-01/")


def test_a_track_may_number_its_weeks_on_its_own(tmp_path: Path) -> None:
    text = (FIXTURES / "small.yml").read_text(encoding="utf-8")
    text = text.replace("    name: Quick\n", "    name: Quick\n    first_week: 0\n", 1)
    source = tmp_path / "course.yml"
    source.write_text(text, encoding="utf-8")
    site = build_pages(source)
    quick, steady = site.site.tracks
    assert [w.label for w in quick.weeks[:2]] == [0, 1]
    assert [w.label for w in steady.weeks[:2]] == [1, 2]
    assert "\n# Week 0 · Basics Sprint <span" in site.pages["quick/week-01.md"]
    assert "\n# Week 1 · Basics Sprint <span" in site.pages["steady/week-01.md"]


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", ["semester/", "semester/week-02/", "semester/week-08/"])
def test_course_pages_pass_axe(browser: object, cs50x_url: str, path: str, mode: str) -> None:
    require_axe()
    visit = open_in_mode(browser, cs50x_url, path, mode)  # type: ignore[arg-type]
    try:
        found = blocking(run_axe(visit.page))
        assert not found, "\n".join(map(str, found))
        assert visit.errors == []
    finally:
        visit.context.close()


# --- what a first course author ran into ------------------------------------------------------


def test_a_pace_says_what_it_skips_and_counts_the_sprints_it_takes() -> None:
    pages = build_pages(CS50X).pages
    assert "**Intensive** · 10 weeks · 11 sprints (skips 2)" in pages["index.md"]
    assert "**Semester** · 14 weeks · 13 sprints\n" in pages["index.md"]
    assert (
        "**Not on this track:** Artificial Intelligence · Cybersecurity"
        in pages["intensive/index.md"]
    )


def test_a_track_name_that_states_its_length_is_not_repeated(tmp_path: Path) -> None:
    text = (FIXTURES / "tiny.yml").read_text(encoding="utf-8")
    source = tmp_path / "course.yml"
    source.write_text(text.replace("The workshop week", "Workshop (1 week)"), encoding="utf-8")
    overview = build_pages(source).pages["workshop/index.md"]
    assert "\n# Workshop — Workshop (1 week)\n" in overview


def test_the_planner_names_the_break_on_both_sides(cs50x: Site) -> None:
    semester = track(cs50x, "semester")
    before, after = (
        render_planner(cs50x.curriculum, plan_planner(cs50x.curriculum, semester, week))
        for week in semester.weeks[6:8]
    )
    assert "Next: Spring break, 1 week off" in before
    assert "After a break: Spring break" in after


def test_short_addresses_keep_the_part_that_tells_pages_apart() -> None:
    base = "https://ocw.mit.edu/courses/6-0001-introduction-to-computer-science-fall-2016/resources"
    assert short_url(f"{base}/lecture-1-what-is-computation/") == (
        "ocw.mit.edu/…/lecture-1-what-is-computation"
    )
    assert short_url(f"{base}/ps1/") == "ocw.mit.edu/…/resources/ps1"
    assert short_url("mailto:heads@cs50.harvard.edu") == "heads@cs50.harvard.edu"


def test_options_may_be_plain_text_in_the_schema_too() -> None:
    import jsonschema
    import yaml

    schema = json.loads((FIXTURES.parent.parent / "curriculum" / "roadmap.schema.json").read_text())
    data = yaml.safe_load((FIXTURES / "chinese.yml").read_text(encoding="utf-8"))
    assert data["sprints"][2]["deliverables"][1]["one_of"][0] == "作业 4：网页爬虫"
    jsonschema.validate(data, schema)

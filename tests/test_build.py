"""The real `mkdocs build --strict`, end to end, asserting on the built HTML and the log."""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.words import filesize
from tests.conftest import FIXTURES, ROADMAP, SEED, TESTS, Build, make_project, run_build


def soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(page), "html.parser")


def article(build: Build, page: str) -> BeautifulSoup:
    found = soup(build, page).select_one("article.md-content__inner")
    assert found is not None
    return found


def test_build_is_strict_clean(roadmap_build: Build) -> None:
    warnings = [line for line in roadmap_build.log.splitlines() if "WARNING" in line]
    assert warnings == []


@pytest.mark.parametrize(("track_id", "weeks"), [("fast-track", 24), ("standard", 36)])
def test_every_week_has_its_page(roadmap_build: Build, track_id: str, weeks: int) -> None:
    built = sorted(p.parent.name for p in (roadmap_build.site / track_id).glob("week-*/index.html"))
    assert built == [f"week-{n:02d}" for n in range(1, weeks + 1)]


def test_every_week_page_holds_its_planner_once_and_no_other_page_one(
    roadmap_build: Build,
) -> None:
    """The plugin hands MkDocs each week page without its planner and puts the planner back
    in the page's HTML (`set_aside`): in every language, once, where the Markdown had it."""
    pages = sorted(roadmap_build.site.rglob("*.html"))
    assert len(pages) > 2 * 60
    weeks = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "cp-planner-slot" not in html, page
        week = re.search(r"/(fast-track|standard)/week-(\d\d)/index\.html$", page.as_posix())
        planners = re.findall(r'<section class="cp-planner [^>]*id="planner-([\w-]+)"', html)
        if week:
            weeks += 1
            assert planners == [f"{week.group(1)}-week-{week.group(2)}"], page
            # The planner is the last thing of the page's content, as the Markdown has it.
            article = BeautifulSoup(html, "html.parser").select_one("article")
            assert article is not None
            assert article.find_all("section", recursive=False)[-1]["id"] == (
                f"planner-{planners[0]}"
            )
        else:
            assert planners == [], page
    assert weeks == 2 * 60


def test_fast_track_week_5_is_in_the_machine_learning_sprint(roadmap_build: Build) -> None:
    page = article(roadmap_build, "fast-track/week-05")
    assert page.h1 is not None and page.h1.get_text(strip=True).startswith(
        "Week 5 · Machine Learning Sprint"
    )
    items = {
        li["data-item-id"]: li.get_text(" ", strip=True)
        for li in page.select("li.task-list-item[data-item-id^='deliverable/']")
    }
    assert items == {
        "deliverable/regression-project": "regression project + error analysis · due this week",
        "deliverable/classification-project": "classification project + thresholding · due week 6",
        "deliverable/experiment-report": "experiment report template used · due week 7",
    }
    assert "features, model selection, evaluation, pipelines" in page.get_text()


def test_standard_week_36_is_a_checkpoint_and_ships_the_job_ready_package(
    roadmap_build: Build,
) -> None:
    text = article(roadmap_build, "standard/week-36").get_text(" ", strip=True)
    assert "Checkpoint: Are You On Track?" in text
    assert "Did I improve a baseline with evidence?" in text
    assert "Milestone due this week" in text  # "shipped" once its deliverables are ticked
    assert "Job-ready package (resume, LinkedIn, interview practice)" in text


def test_checklist_items_are_checkboxes_carrying_track_and_stable_id(roadmap_build: Build) -> None:
    items = article(roadmap_build, "standard/week-12").select("li.task-list-item")
    assert len(items) > 15
    for item in items:
        assert item["data-track"] == "standard"
        assert re.fullmatch(r"[a-z0-9/-]+", str(item["data-item-id"]))
        checkbox = item.select_one("input[type=checkbox]")
        assert checkbox is not None and not checkbox.has_attr("disabled")
    ids = [item["data-item-id"] for item in items]
    assert "week-12/routine/plan" in ids and "week-12/career-track/linkedin" in ids
    assert "{" not in article(roadmap_build, "standard/week-12").get_text()


def line_of(text: str) -> int:
    lines = ROADMAP.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip() == text)


def edit_link(build: Build, page: str) -> str:
    edit = soup(build, page).select_one("a.md-content__button")
    assert edit is not None
    return str(edit["href"])


@pytest.mark.parametrize(
    ("page", "first", "last"),
    [
        ("fast-track/week-05", "- id: machine-learning", "text: experiment report template used"),
        ("standard/week-36", "- id: job-readiness", "text: mock interview loop"),
        ("standard", "- id: standard", "text: 2 extra mini-projects (for confidence)"),
        ("weekly-routine", "weekly_routine:", "text: review and reset"),
        (
            "checkpoints",
            "checkpoint:",
            "advice: If you can’t demo, you’re studying too much and building too little.",
        ),
    ],
)
def test_generated_pages_link_the_yaml_lines_they_come_from(
    roadmap_build: Build, page: str, first: str, last: str
) -> None:
    assert edit_link(roadmap_build, page) == (
        "https://github.com/curriculum-publisher/ai-engineer-roadmap/blob/main/curriculum/"
        f"roadmap.yml#L{line_of(first)}-L{line_of(last)}"
    )


def test_the_contributing_page_is_edited_in_contributing_md(roadmap_build: Build) -> None:
    assert edit_link(roadmap_build, "contributing") == (
        "https://github.com/curriculum-publisher/ai-engineer-roadmap/edit/main/CONTRIBUTING.md"
    )


def test_downloads_name_the_paper_and_size_of_every_pdf(roadmap_build: Build) -> None:
    links = article(roadmap_build, "downloads").select("a[download][href$='.pdf']")
    assert len(links) == 2 * (24 + 36) + 4  # and the offline copy: tests/test_offline.py
    for link in links:
        pdf = roadmap_build.site / "downloads" / str(link["href"])
        size = pdf.resolve().stat().st_size
        paper = "US Letter" if pdf.name.endswith("-letter.pdf") else "A4"
        assert link.get_text() == f"{paper} PDF ({filesize(size)})"


def test_week_titles_name_their_track(roadmap_build: Build) -> None:
    heading = soup(roadmap_build, "standard/week-01").select_one("article h1")
    assert heading is not None
    assert heading.get_text(" ", strip=True).startswith(
        "Week 1 · Foundations Sprint · 9-Month Standard"
    )


def test_navigation_is_pruned_to_the_current_track(roadmap_build: Build) -> None:
    nav = soup(roadmap_build, "fast-track/week-05").select_one("nav.md-nav--primary")
    assert nav is not None
    links = {str(a["href"]) for a in nav.select("a[href]")}
    assert any("week-06" in href for href in links)
    assert not any("standard/week-" in href for href in links)


def test_week_pages_link_previous_and_next_week_in_the_footer(roadmap_build: Build) -> None:
    footer = soup(roadmap_build, "standard/week-07").select("a.md-footer__link")
    assert [(a["href"], a.get_text(" ", strip=True)) for a in footer] == [
        ("../week-06/", "Previous Week 6"),
        ("../week-08/", "Next Week 8"),
    ]


def test_home_shows_one_card_per_track_with_its_links(roadmap_build: Build) -> None:
    cards = article(roadmap_build, "").select(".grid.cards > ul > li")
    assert [card.get_text(" ", strip=True) for card in cards] == [
        "Track A · 24 weeks · 6 sprints 6-Month Fast-Track: intense, project-heavy "
        "Track overview · Start with week 1",
        "Track B · 36 weeks · 6 sprints 9-Month Standard: more repetition + deeper "
        "fundamentals Track overview · Start with week 1",
    ]
    assert [a["href"] for a in cards[1].select("a")] == ["standard/", "standard/week-01/"]


def test_track_overview_shows_the_sprint_timeline(roadmap_build: Build) -> None:
    page = article(roadmap_build, "standard")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in page.select("tr")]
    assert rows[1] == [
        "Weeks 1–6",
        "Foundations Sprint",
        "Python, pandas, SQL, baseline ML",
        "—",
    ]
    assert rows[2][3] == "ML Foundations Project (week 12)"


def normalise(text: str) -> str:
    """Text as a reader sees it: typography, emoji and Markdown markers aside."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate({0x2011: "-", 0x2010: "-", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "S" or ch in "+/|")
    text = re.sub(r"^\s*(#+|[-*>]|\d+\.)\s+", "", text)
    return " ".join(text.replace("**", "").split()).casefold()


def seed_lines() -> list[str]:
    if not SEED.exists():
        if os.environ.get("REQUIRE_SEED"):
            pytest.fail(f"the seed roadmap is missing: {SEED}")
        pytest.skip(f"the seed roadmap is not beside this checkout: {SEED}")
    lines = [normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and line != "---"]


def test_every_line_of_the_seed_reaches_the_site(roadmap_build: Build) -> None:
    site_text = normalise(
        " ".join(
            article(roadmap_build, page.parent.relative_to(roadmap_build.site).as_posix()).get_text(
                " "
            )
            for page in roadmap_build.site.rglob("index.html")
            if page.parent != roadmap_build.site / "search"
        )
    )
    site_text = " ".join(site_text.replace(" :", ":").split())
    missing = [line for line in seed_lines() if line not in site_text]
    assert len(seed_lines()) > 70
    assert missing == []


def test_a_curriculum_unlike_the_seed_builds(tmp_path: Path) -> None:
    build = run_build(make_project(tmp_path, FIXTURES / "three-tracks.yml"))
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    for track_id, weeks in [("sprint-pace", 8), ("evening-pace", 12), ("weekend-pace", 18)]:
        assert (build.site / track_id / f"week-{weeks:02d}" / "index.html").exists()
        assert not (build.site / track_id / f"week-{weeks + 1:02d}").exists()
    assert not (build.site / "career-track").exists()
    text = article(build, "weekend-pace/week-15").get_text(" ", strip=True)
    assert "Checkpoint: Still Curious?" in text and "Every 3 weeks, answer:" in text


def test_curriculum_text_cannot_inject_markup(tmp_path: Path) -> None:
    build = run_build(make_project(tmp_path, FIXTURES / "small.yml"))
    assert build.returncode == 0, build.log
    home = soup(build, "")
    assert home.h1 is not None and home.h1.get_text(strip=True).startswith(
        "Small <Course> & *Friends*"
    )
    assert home.select("script[src*='evil'], course") == []
    assert not home.select("a[href^='javascript:']")
    week = soup(build, "steady/week-02")
    assert "Read chapter 2 <b>and</b> do the drills." in week.get_text()
    assert not week.select("article b")


def test_a_bad_curriculum_aborts_with_a_located_error_and_keeps_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROADMAP)
    assert run_build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    shutil.copy(TESTS / "bad" / "unknown-key-typo.yml", project / "curriculum" / "roadmap.yml")
    build = run_build(project)
    assert build.returncode == 1
    assert (
        "curriculum/roadmap.yml:17:5: sprints[0].deliverabels: unknown key `deliverabels` "
        "(did you mean `deliverables`?)" in build.log
    )
    assert "Traceback" not in build.log
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize(
    ("handwritten", "generated"),
    [("milestones.md", "milestones.md"), ("career-track/index.md", "career-track.md")],
)
def test_a_hand_written_page_may_not_shadow_a_generated_one(
    tmp_path: Path, handwritten: str, generated: str
) -> None:
    project = make_project(tmp_path, ROADMAP)
    page = project / "curriculum" / handwritten
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Mine\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    build = run_build(project)
    assert build.returncode == 1
    assert (
        f"curriculum/{handwritten}: this hand-written page would be served at the URL of the "
        f"generated page {generated}; rename or move it" in build.log
    )
    assert "Traceback" not in build.log
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before


def test_hand_written_pages_join_the_navigation(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROADMAP)
    # It may link to a week's planner (MkDocs checks the anchor: --strict) and quote one.
    quoted = '<section class="cp-planner x" id="planner-fast-track-week-05"></section>'
    faq = (
        "# Questions\n\nAsk away, or print [week 5](fast-track/week-05.md"
        f"#planner-fast-track-week-05).\n\n```html\n{quoted}\n```\n"
    )
    (project / "curriculum" / "faq.md").write_text(faq, "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.log
    nav = soup(build, "").select_one("nav.md-nav--primary")
    assert nav is not None and nav.select_one("a[href='faq/']") is not None
    assert edit_link(build, "faq").endswith("/edit/main/curriculum/faq.md")
    page = soup(build, "faq")
    assert page.select_one("a[href='../fast-track/week-05/#planner-fast-track-week-05']")
    code = page.select_one("pre code")
    assert code is not None and code.get_text().strip() == quoted


def test_pdf_links_follow_the_url_style(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, FIXTURES / "small.yml", planners=True, use_directory_urls=False
    )
    build = run_build(project)
    assert build.returncode == 0, build.log
    week = build.site / "steady" / "week-02.html"
    links = re.findall(r'href="([^"]+\.pdf)"', week.read_text(encoding="utf-8"))
    assert links == ["../planners/steady/week-02-a4.pdf", "../planners/steady/week-02-letter.pdf"]
    assert all((week.parent / link).resolve().is_file() for link in links)
    manifest = json.loads((build.site / "assets" / "curriculum.json").read_text("utf-8"))
    assert manifest["tracks"][1]["weeks"][1]["url"] == "steady/week-02.html"


def test_without_planners_no_page_links_a_pdf(tmp_path: Path) -> None:
    build = run_build(make_project(tmp_path, FIXTURES / "small.yml", planners=False))
    assert build.returncode == 0, build.log
    assert not (build.site / "downloads").exists()
    assert ".pdf" not in build.html("steady/week-02")
    assert "Print planner" in build.html("steady/week-02")

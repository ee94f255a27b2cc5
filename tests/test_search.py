"""Site search finds the roadmap's own words: typed into the real search box in Chromium, on a
desktop, on a phone and in dark mode.

Expectations come from the built site itself: the pages whose text holds a term must be the
first results for it, before pages that hold only part of it (the theme shows those with a
"Missing:" line)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import Build, Visit

if TYPE_CHECKING:
    from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
TRACKS = {"fast-track/": "6-Month Fast-Track", "standard/": "9-Month Standard"}

# Every result shown, in order: its page (path from the site root), the page title shown as
# the result's heading, and any "Missing: ..." line among the entries shown for it.
READ = """(count) => [...document.querySelectorAll(".md-search-result__item")]
  .slice(0, count)
  .map((item) => ({
    path: new URL(item.querySelector("a").href).pathname.slice(1),
    title: item.querySelector("h1").innerText.trim(),
    missing: [...item.querySelectorAll(".md-search-result__terms")]
      .filter((terms) => !terms.closest("details"))
      .map((terms) => terms.innerText.trim()),
  }))"""

# The contrast ratio (WCAG) of an element's text against what is behind it: the backgrounds of
# the element and its ancestors laid over white, then the text colour over those.
CONTRAST = """(node) => {
  const parse = (value) => {
    const [r, g, b, a = 1] = value.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a];
  };
  const over = ([r, g, b, a], under) =>
    [r, g, b].map((c, i) => c * a + under[i] * (1 - a)).concat(1);
  const luminance = (color) => {
    const [R, G, B] = color.slice(0, 3).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const chain = [];
  for (let el = node; el; el = el.parentElement) chain.unshift(el);
  const back = chain.reduce(
    (under, el) => over(parse(getComputedStyle(el).backgroundColor), under),
    [255, 255, 255, 1],
  );
  const text = over(parse(getComputedStyle(node).color), back);
  const [a, b] = [luminance(text), luminance(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@dataclass(frozen=True)
class Result:
    path: str
    title: str
    missing: tuple[str, ...]


@cache
def _entries(site: Path) -> tuple[tuple[str, str], ...]:
    """(page path, plain text of title and body) for every entry of the built search index."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return tuple(
        (
            doc["location"].split("#")[0],
            html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")),
        )
        for doc in index["docs"]
    )


def holding(build: Build, words: str) -> set[str]:
    """The pages whose text holds `words` as written (any case, not inside a longer word)."""
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)", re.IGNORECASE)
    return {path for path, text in _entries(build.site) if pattern.search(text)}


def search(page: Page, query: str, count: int = 10) -> list[Result]:
    """Type `query` into the search box as a learner does and read the first `count` results
    (the theme shows 10, then 4 more each time the list is scrolled to its end)."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # a phone: the search box opens from the header's search icon
        opener.click()
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # the theme searches on keyup
    page.wait_for_function(
        "() => /matching document/.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    from playwright.sync_api import TimeoutError as Timeout

    items = page.locator(".md-search-result__item")
    while (shown := items.count()) < count:
        page.locator(".md-search__scrollwrap").evaluate("(el) => el.scrollTo(0, el.scrollHeight)")
        try:
            page.wait_for_function(
                "(n) => document.querySelectorAll('.md-search-result__item').length > n",
                arg=shown,
                timeout=3000,
            )
        except Timeout:  # no more results
            break
    return [
        Result(item["path"], item["title"], tuple(item["missing"]))
        for item in page.evaluate(READ, count)
    ]


def show(results: list[Result]) -> str:
    """The results as a reader sees them, for assertion messages."""
    return "\n".join(
        f"{n}. {r.title} <{r.path}>{' ' + ' '.join(r.missing) if r.missing else ''}"
        for n, r in enumerate(results, 1)
    )


@pytest.fixture
def phone(visit: Visit) -> Iterator[Visit]:
    """The same learner on a phone: 390 px wide, touch, mobile viewport."""
    context = visit.context.browser.new_context(  # type: ignore[union-attr]
        viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"),
        lambda route: route.fulfill(status=200, body="{}", content_type="application/json"),
    )
    desktop = visit.page
    visit.page = context.new_page()
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visit.page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    yield visit
    context.close()
    visit.page = desktop


def test_scikit_learn_lists_the_weeks_that_use_it_first(visit: Visit, roadmap_build: Build) -> None:
    want = holding(roadmap_build, "scikit-learn")
    assert {"fast-track/week-01/", "fast-track/week-04/", "standard/week-06/"} <= want
    results = search(visit.open(""), "scikit-learn", len(want))
    assert {r.path for r in results} == want, show(results)
    assert [r for r in results if r.missing] == [], show(results)


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("scikit", "scikit-learn"),
        ("UI/API", "UI/API"),
        ("Render/Fly", "Render/Fly"),
        ("Fly", "Render/Fly"),
    ],
)
def test_a_term_with_a_hyphen_or_slash_is_found_whole_and_by_its_parts(
    visit: Visit, roadmap_build: Build, query: str, written: str
) -> None:
    want = holding(roadmap_build, written)
    assert len(want) >= 4
    results = search(visit.open(""), query, len(want))
    assert {r.path for r in results} == want, show(results)
    assert [r for r in results if r.missing] == [], show(results)


def test_api_alone_finds_the_weeks_of_the_ui_api_first(visit: Visit, roadmap_build: Build) -> None:
    weeks = {path for path in holding(roadmap_build, "UI/API") if "/week-" in path}
    assert weeks == {"fast-track/week-16/", "standard/week-24/"}
    results = search(visit.open(""), "API")
    assert {r.path for r in results[:2]} == weeks, show(results)


@pytest.mark.parametrize(
    ("query", "words"), [("PyTorch", "PyTorch"), ("pytorch", "PyTorch"), ("RAG", "RAG")]
)
def test_a_tool_lists_the_weeks_that_use_it_first(
    visit: Visit, roadmap_build: Build, query: str, words: str
) -> None:
    """Overviews (track, milestones) that name the tool may sit among its weeks, not before."""
    weeks = {path for path in holding(roadmap_build, words) if "/week-" in path}
    assert len(weeks) >= 10
    results = search(visit.open(""), query, len(weeks) + 2)
    assert results[0].path in weeks, show(results)
    assert weeks <= {r.path for r in results}, show(results)
    assert all(r.path in holding(roadmap_build, words) for r in results), show(results)


def test_fast_track_lists_fast_track_pages_first(visit: Visit) -> None:
    results = search(visit.open(""), "Fast-Track")
    assert len(results) == 10
    for result in results:
        assert result.path.startswith("fast-track/"), show(results)
        assert "Fast-Track" in result.title, show(results)
        assert not result.missing, show(results)


def test_each_week_result_names_its_track(visit: Visit, roadmap_build: Build) -> None:
    """SQL queries are due in week 1 of both tracks: the two results must not read the same."""
    want = holding(roadmap_build, "SQL queries")
    results = search(visit.open(""), "SQL queries", len(want))
    assert {r.path for r in results} == want, show(results)
    weeks = [r for r in results if "/week-" in r.path]
    assert {r.path for r in weeks} >= {"fast-track/week-01/", "standard/week-01/"}
    for result in weeks:
        track = TRACKS[result.path.split("/")[0] + "/"]
        assert track in result.title, show(results)
    titles = [r.title for r in results]
    assert len(set(titles)) == len(titles), show(results)


def test_search_works_on_a_phone(phone: Visit, roadmap_build: Build) -> None:
    page = phone.open("")
    assert not page.locator("#__search").is_checked()  # the search box starts closed
    want = holding(roadmap_build, "Render/Fly")
    results = search(page, "Render/Fly", len(want))
    assert page.locator("#__search").is_checked()
    assert {r.path for r in results} == want, show(results)
    # Open, the search box spans the phone's screen (it slides in from the right).
    page.wait_for_function(
        """(width) => window.innerWidth === width
          && document.querySelector("input.md-search__input").getBoundingClientRect().width
             === width""",
        arg=PHONE["width"],
        timeout=5000,
    )
    first = page.locator(".md-search-result__item").first.locator("a").first
    box = first.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["y"] + box["height"] <= PHONE["height"]
    first.tap()
    page.wait_for_url(re.compile(re.escape(phone.base + results[0].path) + r"(\?|#|$)"))
    assert page.locator("h1").first.is_visible()


def test_search_works_in_dark_mode(visit: Visit) -> None:
    page = visit.open("")
    page.get_by_title("Switch to dark mode").click()
    page.reload()  # the theme keeps the choice
    page.wait_for_load_state("networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    results = search(page, "api")
    assert {r.path for r in results[:2]} == {"fast-track/week-16/", "standard/week-24/"}
    item = page.locator(".md-search-result__item").first
    assert item.locator("h1").evaluate(CONTRAST) >= 4.5
    assert item.locator(".md-search-result__article :is(p, li)").first.evaluate(CONTRAST) >= 4.5

"""The site on a phone (390 px wide) and opened from disk: nothing cut off, and a clear word
instead of silently missing search and progress."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import Build, Visit

PAGES = [
    "",
    "fast-track/",
    "fast-track/week-08/",
    "standard/week-36/",
    "checkpoints/",
    "downloads/",
    "contributing/",
    "milestones/",
]

# Every element that reaches past the right edge of the viewport, unless a scroll container
# (overflow-x auto/scroll/hidden) holds it.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  for (const node of document.querySelectorAll("body *")) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = node.parentElement;
    let held = false;
    for (; parent; parent = parent.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(parent).overflowX)) {
        held = true;
        break;
      }
    }
    if (!held) cut.push(`${node.tagName}.${node.className} ${Math.round(box.right)}px`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, cut };
}"""


@pytest.fixture
def phone(visit: Visit) -> Iterator[Visit]:
    visit.page.close()
    visit.page = visit.context.browser.new_page(  # type: ignore[union-attr]
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    yield visit
    visit.page.close()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off_on_a_phone(phone: Visit, path: str) -> None:
    page = phone.open(path)
    result = page.evaluate(OVERFLOWING)
    assert result["cut"] == []
    assert result["scrollWidth"] <= result["width"]


def test_wide_tables_scroll_inside_their_block_on_a_phone(phone: Visit) -> None:
    page = phone.open("fast-track/")
    wrap = page.locator(".cp-timeline .md-typeset__scrollwrap")
    assert wrap.evaluate("(node) => node.scrollWidth > node.clientWidth")
    assert wrap.evaluate("(node) => getComputedStyle(node).overflowX") == "auto"


def test_the_phone_drawer_marks_weeks_not_the_headings_of_this_page(phone: Visit) -> None:
    page = phone.open("fast-track/week-08/")
    page.wait_for_selector(".md-sidebar--primary .cp-nav-state", state="attached")
    marked = page.locator(".md-sidebar--primary a.md-nav__link:has(.cp-nav-state)")
    hrefs = marked.evaluate_all("(links) => links.map((link) => link.getAttribute('href'))")
    assert len(hrefs) == 24
    assert not [href for href in hrefs if "#" in href]
    headings = page.locator(".md-sidebar--primary a.md-nav__link[href*='#']")
    assert headings.count() > 0  # the drawer does hold this page's headings


def test_opened_from_disk_the_site_says_how_to_view_it(visit: Visit, roadmap_build: Build) -> None:
    page = visit.page
    page.goto((roadmap_build.site / "fast-track" / "week-05" / "index.html").as_uri())
    note = page.locator(".cp-from-disk")
    note.wait_for()
    text = note.inner_text()
    assert "search and progress" in text
    assert "make serve" in text
    assert "python3 -m http.server -d site" in text
    visit.errors.clear()  # the browser refuses file:// fetches; that is what the note is about


# The space an h1 takes below its last line of text (its permalink, when it wraps, is a line).
BELOW_TITLE = """() => {
  const title = document.querySelector("article h1");
  const text = document.createRange();
  text.setStart(title, 0);
  const link = title.querySelector(".headerlink");
  if (link) text.setEndBefore(link); else text.setEnd(title, title.childNodes.length);
  return title.getBoundingClientRect().bottom - text.getBoundingClientRect().bottom;
}"""


@pytest.mark.parametrize("path", ["fast-track/week-08/", "fast-track/", "standard/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_a_page_title_leaves_no_blank_band_below_it(visit: Visit, path: str, width: int) -> None:
    visit.page.set_viewport_size({"width": width, "height": 900})
    page = visit.open(path)
    assert page.evaluate(BELOW_TITLE) < 4
    assert not page.locator("article h1 .headerlink").is_visible()

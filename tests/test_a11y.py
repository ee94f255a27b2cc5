"""WCAG 2.1 A/AA in a real browser: axe-core on the key pages of the real roadmap, light, dark,
on a phone and with boxes ticked, and the scroll regions the theme fixes make for the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.a11y import (
    CHECKBOX,
    MODES,
    PAGES,
    PHONE,
    blocking,
    open_in_mode,
    require_axe,
    run_axe,
)
from tests.conftest import Visit, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SCHEMES = {"light": "default", "dark": "slate", "phone": "default", "ticked": "default"}


@pytest.fixture(scope="session")
def axe() -> Path:
    return require_axe()


def _page_id(path: str) -> str:
    return path.strip("/") or "home"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_no_serious_or_critical_axe_findings(
    axe: Path, browser: Browser, site_url: str, path: str, mode: str
) -> None:
    visit = open_in_mode(browser, site_url, path, mode)
    try:
        scheme = visit.page.get_attribute("body", "data-md-color-scheme")
        assert scheme == SCHEMES[mode]
        if mode == "ticked" and "/week-" in path:
            assert visit.page.locator(f"{CHECKBOX}:checked").count() >= 3
        assert_no_blocking_findings(visit, f"/{path} ({mode})")
    finally:
        visit.context.close()


def assert_no_blocking_findings(visit: Visit, where: str) -> None:
    """axe finds nothing serious or critical on the page as it is now, and nothing broke."""
    found = blocking(run_axe(visit.page))
    assert not found, f"{where}:\n" + "\n".join(map(str, found))
    assert visit.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_findings_with_search_results_open(
    axe: Path, browser: Browser, site_url: str, scheme: str
) -> None:
    visit = Visit(browser, site_url, color_scheme=scheme)
    page = visit.open("fast-track/week-08/")
    page.keyboard.press("/")
    page.keyboard.type("SQL")
    page.locator(".md-search-result__item").first.wait_for()
    assert_no_blocking_findings(visit, f"search results ({scheme})")
    visit.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_findings_with_the_drawer_open_on_a_phone(
    axe: Path, browser: Browser, site_url: str, scheme: str
) -> None:
    visit = Visit(browser, site_url, color_scheme=scheme, **PHONE)
    page = visit.open("fast-track/week-08/")
    page.locator("label.md-header__button[for=__drawer]").click()
    title = page.locator(".md-sidebar--primary .md-nav__title", has_text="Machine Learning Sprint")
    title.wait_for()
    page.wait_for_function(
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    assert_no_blocking_findings(visit, f"drawer on a phone ({scheme})")
    visit.context.close()


def test_axe_finds_what_it_should(axe: Path, browser: Browser, tmp_path: Path) -> None:
    """A page with faint text and an image without a text alternative fails, so a silent axe
    (not injected, wrong tags) cannot pass the tests above."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Bad</title><main>'
        '<p style="color:#bbb;background:#fff">faint words</p><img src="x.png"></main></html>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        visit = Visit(browser, url)
        visit.open("")
        rules = {finding.rule for finding in blocking(run_axe(visit.page))}
        visit.context.close()
    assert {"color-contrast", "image-alt"} <= rules


@pytest.fixture(params=["light", "dark"])
def phone(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Visit]:
    visit = Visit(browser, site_url, color_scheme=request.param, **PHONE)
    yield visit
    assert visit.errors == []
    visit.context.close()


def test_a_wide_table_on_a_phone_is_a_named_region_the_keyboard_scrolls(phone: Visit) -> None:
    page = phone.open("fast-track/")
    wrap = page.locator(".cp-timeline .md-typeset__scrollwrap")
    assert wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("aria-label") == "Sprint timeline: table, scrolls sideways"
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")


def test_a_wide_table_on_a_phone_shows_edge_shadows(phone: Visit) -> None:
    page = phone.open("fast-track/")
    wrap = page.locator(".cp-timeline .md-typeset__scrollwrap")
    style = wrap.evaluate("(node) => getComputedStyle(node).backgroundImage")
    assert style.count("radial-gradient") == 2
    table = wrap.locator("table")
    assert table.evaluate("(node) => getComputedStyle(node).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_a_table_that_fits_is_not_a_tab_stop(visit: Visit) -> None:
    page = visit.open("fast-track/")
    wrap = page.locator(".cp-timeline .md-typeset__scrollwrap")
    assert wrap.evaluate("(node) => node.scrollWidth <= node.clientWidth")
    assert wrap.get_attribute("tabindex") is None
    assert wrap.get_attribute("role") is None
    assert wrap.evaluate("(node) => getComputedStyle(node).backgroundImage") == "none"


def test_wide_code_on_a_phone_can_be_focused(phone: Visit) -> None:
    page = phone.open("contributing/")
    wide = page.locator("pre > code").evaluate_all(
        "(nodes) => nodes.filter((node) => node.scrollWidth > node.clientWidth + 1)"
        ".map((node) => node.getAttribute('tabindex'))"
    )
    assert wide
    assert set(wide) == {"0"}


def test_the_loading_bar_has_a_name_after_instant_navigation(visit: Visit) -> None:
    page = visit.open("")
    page.locator(".md-tabs__link", has_text="6-Month Fast-Track").click()
    page.wait_for_url("**/fast-track/")
    assert page.get_attribute(".md-progress", "aria-label") == "Page loading"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_focused_or_hovered_outlined_button_keeps_its_contrast(
    axe: Path, browser: Browser, site_url: str, mode: str
) -> None:
    visit = open_in_mode(browser, site_url, "fast-track/week-05/", mode)
    try:
        button = visit.page.locator(".cp-planner-actions a.md-button").first
        button.hover()
        assert_no_blocking_findings(visit, f"hovered PDF button ({mode})")
        visit.page.mouse.move(0, 0)
        visit.page.keyboard.press("Tab")  # keyboard focus, as :focus-visible needs
        button.focus()
        assert button.evaluate("(node) => node.matches(':focus-visible')")
        assert_no_blocking_findings(visit, f"focused PDF button ({mode})")
    finally:
        visit.context.close()


@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
def test_pauses_and_the_transfer_link_pass_axe(
    axe: Path, browser: Browser, site_url: str, mode: str
) -> None:
    """The controls a learner opens on a track overview: a pause listed with its undo, the
    link to another device with its QR code, and the banner the link shows on arrival."""
    visit = open_in_mode(browser, site_url, "fast-track/", mode)
    try:
        page = visit.page
        page.locator("#cp-start-fast-track").fill("2027-03-03")
        page.locator("#cp-pause-weeks-fast-track").fill("2")
        page.get_by_role("button", name="Pause", exact=True).click()
        page.get_by_role("button", name="Open on another device").click()
        code = page.locator(".cp-transfer-code svg")
        assert code.get_attribute("role") == "img"
        box = code.bounding_box()
        assert (
            box and box["width"] >= 120 and box["x"] + box["width"] <= page.viewport_size["width"]
        )
        assert_no_blocking_findings(visit, f"pause and transfer link ({mode})")
        link = page.locator(".cp-transfer-link").input_value()
        page.goto(link.replace("/fast-track/", "/fast-track/week-02/"))
        page.get_by_role("button", name="Add to this browser").wait_for()
        assert_no_blocking_findings(visit, f"a received link ({mode})")
    finally:
        visit.context.close()


def test_the_plan_controls_are_reached_by_the_keyboard_with_a_visible_focus(
    visit: Visit,
) -> None:
    page = visit.open("fast-track/")
    page.locator("#cp-start-fast-track").fill("2027-03-03")
    page.get_by_role("button", name="Pause", exact=True).click()
    page.locator("#cp-start-fast-track").focus()
    wanted = [
        "#cp-pause-week-fast-track",
        "#cp-pause-weeks-fast-track",
        "button:text-is('Pause')",
        "#cp-behind-fast-track",
        "button:text-is('Move my weeks')",
        "button.cp-undo",
        "#cp-remind-fast-track",
        "button:text-is('Calendar (.ics)')",
        "button:text-is('Export progress')",
        "button:text-is('Import progress')",
        "button:text-is('Open on another device')",
    ]
    for selector in wanted:
        for _ in range(12):  # a date field holds several stops of its own
            page.keyboard.press("Tab")
            if page.locator(selector).evaluate("(node) => node === document.activeElement"):
                break
        else:
            raise AssertionError(f"Tab never reached {selector}")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }"
        )
        assert (outline[0] != "none" and outline[1] >= 1) or outline[2] != "none", (
            selector,
            outline,
        )
    page.keyboard.press("Enter")  # on "Open on another device"
    assert page.locator(".cp-transfer-link").is_visible()

"""The built site in a real browser: Debian's Chromium, driven by Playwright, over HTTP."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site_url(roadmap_build: Build) -> Iterator[str]:
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(roadmap_build.site)
    )
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is missing: {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize(("size", "points"), [("A4", (595.28, 841.89)), ("Letter", (612, 792))])
def test_printing_a_week_page_gives_exactly_the_planner(
    browser: object, site_url: str, tmp_path: Path, size: str, points: tuple[float, float]
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "fast-track/week-08/")
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format=size, print_background=True)
    page.close()
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(points, abs=1)
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in [
        "Week 8 of 24",
        "Machine Learning Sprint",
        "regression project + error analysis",
        "Can I demo something working?",
        "ML Foundations Project",
        "Sunday",
        "NOTES",
    ]:
        assert expected in text
    for chrome in [
        "9-Month Standard",
        "Table of contents",
        "Search",
        "Material for MkDocs",
        "Print planner",
        "Deep Learning Sprint",
        "Previous",
    ]:
        assert chrome not in text
    assert errors == []


def test_the_planner_is_hidden_on_screen(browser: object, site_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(site_url + "standard/week-12/")
    assert page.locator(".cp-planner").count() == 1
    assert not page.locator(".cp-planner").is_visible()
    assert page.get_by_role("button", name="Print planner").is_visible()
    assert page.get_by_role("link", name="PDF (A4)").is_visible()
    page.close()

"""The built site in a real browser: Debian's Chromium, driven by Playwright, over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Visit


@pytest.fixture
def site_url(engine_url: str) -> str:
    """Every test here runs on the MkDocs build and on the Zensical build."""
    return engine_url


@pytest.mark.parametrize(("size", "points"), [("A4", (595.28, 841.89)), ("Letter", (612, 792))])
def test_printing_a_week_page_gives_exactly_the_planner(
    visit: Visit, tmp_path: Path, size: str, points: tuple[float, float]
) -> None:
    page = visit.open("fast-track/week-08/")
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format=size, print_background=True)
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


def test_the_planner_is_hidden_on_screen(visit: Visit) -> None:
    page = visit.open("standard/week-12/")
    assert page.locator(".cp-planner").count() == 1
    assert not page.locator(".cp-planner").is_visible()
    assert page.get_by_role("button", name="Print planner").is_visible()
    assert page.get_by_role("link", name="PDF (A4)").is_visible()

"""Valid HTML: the Nu Html Checker (vnu) over every built page. Errors in our markup fail; the
theme's known ones pass only while they still occur (tests/a11y.py, ALLOWED)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.a11y import ALLOWED, Message, require_vnu, run_vnu, sort_errors
from tests.conftest import Build


@pytest.fixture(scope="module")
def vnu_errors(roadmap_build: Build) -> list[Message]:
    require_vnu()
    return run_vnu(roadmap_build.site)


def test_our_markup_has_no_vnu_errors(vnu_errors: list[Message]) -> None:
    ours, _ = sort_errors(vnu_errors)
    assert ours == []


def test_every_allowed_theme_error_still_occurs(
    vnu_errors: list[Message], record_property: Callable[[str, object], None]
) -> None:
    _, theirs = sort_errors(vnu_errors)
    for entry in ALLOWED:
        pages = sorted({error.page for error in vnu_errors if entry.matches(error)})
        record_property(entry.message, f"{theirs[entry]} in {len(pages)} pages: {pages}")
    assert [entry.message for entry in ALLOWED if not theirs[entry]] == []


def test_vnu_tells_our_errors_from_the_themes(tmp_path: Path) -> None:
    require_vnu()
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Page</title></head><body>'
        '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">Weeks</label>'
        '<input type="checkbox" id="__nav_2"><p id="twice">a</p><p id="twice">b</p>'
        "</body></html>",
        encoding="utf-8",
    )
    ours, theirs = sort_errors(run_vnu(tmp_path))
    assert [(error.page, error.message) for error in ours] == [
        ("page/index.html", "Duplicate ID “twice”.")
    ]
    assert theirs == {ALLOWED[0]: 1}

"""Rendering: golden Markdown for the fixture curricula, and escaping of curriculum text.

After an intended change to the output, refresh the goldens with `make golden` and review
`git diff tests/golden`.
"""

from __future__ import annotations

import html as html_module
from pathlib import Path

import markdown
import pytest

from generator import build_pages
from generator.markdown import escape_markdown
from generator.words import count, filesize
from tests.conftest import FIXTURES
from tests.update_golden import golden_dir

CURRICULA = sorted(FIXTURES.glob("*.yml"))


def golden_pages(fixture: Path) -> dict[str, str]:
    root = golden_dir(fixture)
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.md"))
    }


@pytest.mark.parametrize("fixture", CURRICULA, ids=[path.stem for path in CURRICULA])
def test_rendered_pages_match_the_golden_files(fixture: Path) -> None:
    rendered = build_pages(fixture).pages
    golden = golden_pages(fixture)
    assert sorted(rendered) == sorted(golden), "pages added or removed: run `make golden`"
    for path, text in golden.items():
        assert rendered[path] == text, f"{path} differs from its golden file: run `make golden`"


def test_rendering_is_deterministic() -> None:
    assert build_pages(FIXTURES / "small.yml").pages == build_pages(FIXTURES / "small.yml").pages


def to_html(text: str) -> str:
    return markdown.markdown(
        escape_markdown(text), extensions=["attr_list", "md_in_html", "tables"]
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        "<https://evil.example>",
        "*bold* _it_ `code` **strong**",
        "{: onclick=alert(1) }",
        "# heading",
        "1. not a list",
        "- not a list",
        "a | b",
        "&amp; &lt;",
        "back\\slash",
        "line one\n\n<div>two</div>",
        '!!! danger "Injected"',
        "??? note",
        "Learn C#",
        ": a definition",
        "~~~ fence",
        "=== tab",
    ],
)
def test_text_renders_as_exactly_itself(text: str) -> None:
    html = to_html(text)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<em>" not in html and "<strong>" not in html and "<code>" not in html
    assert "<h1" not in html and "<ol" not in html and "<ul" not in html and "<div" not in html
    assert "<details" not in html and "<dl" not in html and "<pre" not in html
    unescaped = html.removeprefix("<p>").removesuffix("</p>")
    expected = " ".join(text.split())
    assert html_module.unescape(unescaped) == expected


@pytest.mark.parametrize(
    ("size", "text"),
    [(1, "1 byte"), (999, "999 bytes"), (1000, "1 kB"), (52_345, "52 kB"), (1_289_000, "1.3 MB")],
)
def test_file_sizes_read_as_a_file_manager_shows_them(size: int, text: str) -> None:
    assert filesize(size) == text


@pytest.mark.parametrize(("number", "text"), [(0, "0 weeks"), (1, "1 week"), (2, "2 weeks")])
def test_counts_are_singular_for_one(number: int, text: str) -> None:
    assert count(number, "week") == text

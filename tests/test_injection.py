"""Escaping: payloads put into every text field of the curriculum never become an element, an
attribute or a URL of the built site (pages, navigation, titles, planners, PDFs)."""

from __future__ import annotations

import concurrent.futures
import copy
import re
from pathlib import Path

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup

from generator import build_pages
from generator.pdf import build_planners
from tests.conftest import ROADMAP, Build, make_project, run_build
from tests.test_fuzz import ORIGINAL, parent_of, text_paths

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    "<img src=x onerror=alert('xss-2')>",
    "<svg onload=alert('xss-3')>",
    "<a href=\"javascript:alert('xss-4')\">click</a>",
    "[click](javascript:alert('xss-5'))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](https://evil.example/xss-7.png)",
    "<https://evil.example/xss-8>",
    "{{ 7*7 }} {{ config }}",
    "{% if true %}xss-10{% endif %}",
    "&lt;script&gt;alert('xss-11')&lt;/script&gt;",
    "&#60;script&#62;alert('xss-12')&#60;/script&#62;",
    "\u202eexe.txt xss-13 \u202c",
    "\"><script>alert('xss-14')</script>",
    "' onmouseover='alert(\"xss-15\")",
    '<iframe src="https://evil.example/xss-16"></iframe>',
    "<style>body{display:none}</style> xss-17",
    "{: onclick=\"alert('xss-18')\" }",
    '!!! danger "xss-19"',
    "<!-- xss-20 --><b>bold</b>",
    "javascript:alert('xss-21')",
    "[ref]: https://evil.example/xss-22",
    "<details open><summary>xss-23</summary></details>",
    "`code` **bold** _em_ ~~del~~ ==mark== xss-24",
    "<form action=https://evil.example/xss-25><input name=x></form>",
]


def inject(payload: str, folder: Path) -> Path:
    """The roadmap with `payload` in every text field."""
    data = copy.deepcopy(ORIGINAL)
    fields = text_paths(data)
    for path in fields:
        parent_of(data, path)[path[-1]] = payload
    target = folder / "roadmap.yml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_every_payload_reaches_many_fields() -> None:
    assert len(PAYLOADS) >= 20
    fields = text_paths(copy.deepcopy(ORIGINAL))
    assert len(fields) >= 80
    names = {str(path[-1]) for path in fields if isinstance(path[-1], str)}
    assert names >= {
        "title",
        "lead",
        "outro",
        "note",
        "detail",
        "label",
        "name",
        "tagline",
        "summary",
        "text",
        "focus",
        "activity",
        "advice",
        "why",
    }


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "poster", "xlink:href"}


def offences(html: str) -> list[str]:
    """Whatever in a page could only have come from a payload."""
    page = BeautifulSoup(html, "html.parser")
    found = []
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") and text != "window.print()":
                found.append(f"<{element.name} {name}={text!r}>")
            if (
                name in URL_ATTRIBUTES
                and not text.startswith("#")
                and re.search(r"evil\.example|xss|^\s*(javascript|data):", text, re.I)
            ):
                found.append(f"<{element.name} {name}={text!r}>")
            if name == "style":
                found.append(f"<{element.name} style={text!r}>")
        if element.name in {"iframe", "svg", "details", "b", "img", "form"} and (
            "xss" in str(element) or "evil.example" in str(element)
        ):
            found.append(f"<{element.name}>")
        if element.name in {"script", "style"} and "xss" in (element.string or ""):
            found.append(f"<{element.name}> {element.string!r}")
    for admonition in page.select(".admonition.danger"):
        found.append(f"admonition {admonition.get_text()!r}")
    return found


def built(tmp_path: Path, index: int) -> tuple[str, Build]:
    folder = tmp_path / f"payload-{index}"
    folder.mkdir()
    project = make_project(folder, inject(PAYLOADS[index], folder))
    return PAYLOADS[index], run_build(project)


def test_no_payload_becomes_markup_in_the_built_site(tmp_path: Path) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        builds = list(pool.map(lambda i: built(tmp_path, i), range(len(PAYLOADS))))
    for payload, build in builds:
        assert build.returncode == 0, (payload, build.log[-800:])
        pages = list(build.site.rglob("*.html"))
        assert len(pages) > 60
        problems = {
            page.relative_to(build.site).as_posix(): offences(page.read_text(encoding="utf-8"))
            for page in pages
        }
        assert {page: found for page, found in problems.items() if found} == {}, payload
        week = BeautifulSoup(build.html("fast-track/week-05"), "html.parser")
        shown = " ".join(week.get_text(" ").split())
        assert " ".join(payload.split()) in shown, payload
        assert week.title is not None and " ".join(payload.split()) in week.title.get_text()


@pytest.mark.parametrize("index", [0, 1, 3, 6, 15])
def test_no_payload_becomes_a_link_or_image_in_a_planner_pdf(tmp_path: Path, index: int) -> None:
    site = build_pages(inject(PAYLOADS[index], tmp_path)).site
    planners = build_planners(site, tmp_path / "cache", tracks=["fast-track"], sizes=["a4"])
    with pikepdf.open(planners.files["planners/fast-track/week-08-a4.pdf"]) as pdf:
        page = pdf.pages[0]
        assert "/Annots" not in page.obj  # no link of any kind
        assert list(page.get_images()) == []
    with pikepdf.open(planners.files["planners/fast-track-a4.pdf"]) as bundle:
        assert all("/Annots" not in page.obj for page in bundle.pages)


def test_the_real_roadmap_builds_unchanged_by_these_checks(roadmap_build: Build) -> None:
    assert all(
        offences(page.read_text("utf-8")) == [] for page in roadmap_build.site.rglob("*.html")
    )
    assert ROADMAP.exists()

"""Fonts of the planner PDFs: what the installed fonts cover (asked of fontconfig), Chinese text
and emoji laid out in the Noto fonts, and the build's warning for characters no font has."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from generator import build_pages, fonts
from generator.fonts import Coverage, describe, html_text, parse_charsets, unshowable
from generator.pdf import PlannerSet, build_planners

PRIVATE = "\U0010fffd"  # the last private-use code point: no font has a glyph for it
HOMEWORK = "作业 1：排序算法"
NOTO = ("Noto Sans CJK SC", "Noto Color Emoji")
INSTALL = "apt-get install fonts-noto-cjk fonts-noto-color-emoji"


def require(found: bool, reason: str) -> None:
    """Skip without a system package, except in CI (which installs them all)."""
    if not found:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def coverage() -> Coverage:
    found = fonts.installed_coverage()
    require(isinstance(found, Coverage), f"fontconfig cannot be asked: {found}")
    assert isinstance(found, Coverage)
    return found


@pytest.fixture(scope="module")
def noto(coverage: Coverage) -> None:
    listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    missing = [family for family in NOTO if family not in listing]
    require(not missing, f"{', '.join(missing)} not installed ({INSTALL})")


# --- coverage, from fontconfig's charsets -------------------------------------------------


def test_charsets_merge_into_ranges() -> None:
    found = parse_charsets("20-7e a0-ff\n41-5a 100-17f 4f5c\n\n20-7e a0-ff\n")
    assert (found.starts, found.ends) == ((0x20, 0xA0, 0x4F5C), (0x7E, 0x17F, 0x4F5C))
    assert [found.covers(c) for c in " A~\x7f\xa0ſƀ作"] == [1, 1, 1, 0, 1, 1, 0, 1]


def test_white_space_controls_and_invisible_marks_need_no_font() -> None:
    latin = parse_charsets("41-5a")
    text = "A\tB\n\u00a0\u200d\ufe0f\u00ad\x07C\U000e0067" + PRIVATE + "\ue000" + PRIVATE
    assert unshowable(text, latin) == ["\ue000", PRIVATE]


def test_no_font_has_a_private_use_code_point(coverage: Coverage) -> None:
    assert unshowable(f"Week 5 {PRIVATE}", coverage) == [PRIVATE]


def test_latin_chinese_and_emoji_are_covered(coverage: Coverage, noto: None) -> None:
    assert unshowable("A é 作业 日本語 한국어 🚀 ❤️ 👍🏽 👨‍👩‍👧", coverage) == []


def test_fontconfig_is_asked_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    run = subprocess.run

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return run(*args, **kwargs)  # type: ignore[call-overload]

    fonts.installed_coverage.cache_clear()
    monkeypatch.setattr(subprocess, "run", counted)
    first = fonts.installed_coverage()
    assert fonts.installed_coverage() is first
    assert len(calls) == (1 if shutil.which("fc-list") else 0)


def test_the_text_of_a_fragment_has_its_references_resolved() -> None:
    fragment = '<p aria-label="x&#x10FFFD;">a &amp; <b>&#x4F5C;&#20316;</b><br>b</p>'
    assert html_text(fragment) == "a & 作作b"


def test_a_message_lists_the_first_characters_by_code_point() -> None:
    assert describe([PRIVATE]) == r"'\U0010fffd' (U+10FFFD)"
    assert describe("ABCDEFGHIJKL").endswith("'J' (U+004A) and 2 more")


# --- a real planner PDF -------------------------------------------------------------------


CURRICULUM: dict[str, Any] = {
    "title": "Algorithms",
    "tracks": [
        {"id": "fast-track", "label": "Fast", "name": "Fast", "weeks": 2, "weeks_per_sprint": 1}
    ],
    "sprints": [
        {
            "id": "sorting",
            "title": "排序 Sprint",
            "focus": "sorting",
            "deliverables": [
                {"id": "hw-1", "text": HOMEWORK},
                {"id": "demo", "text": "Demo day 🚀 ✅"},
            ],
        },
        {
            "id": "odd",
            "title": "Odd Sprint",
            "focus": "text no font has",
            "deliverables": [{"id": "odd-1", "text": f"read {PRIVATE} twice"}],
        },
    ],
}


@dataclass
class Built:
    folder: Path
    planners: PlannerSet
    messages: list[str]

    def week(self, number: int) -> Path:
        return self.planners.files[f"planners/fast-track/week-{number:02d}-a4.pdf"]


def write_curriculum(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "roadmap.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The planners of a two-week track: Chinese and emoji in week 1, U+10FFFD in week 2."""
    folder = tmp_path_factory.mktemp("fonts")
    site = build_pages(write_curriculum(folder, CURRICULUM)).site
    messages: list[str] = []
    planners = build_planners(site, folder / "cache", sizes=["a4"], report=messages.append)
    return Built(folder, planners, messages)


def drawn_with(path: Path) -> dict[str, set[str]]:
    """Each font of a PDF's first page (`Noto-Sans-CJK-SC`) → the characters drawn in it,
    read from its ToUnicode map (fonts are subset: the map lists only the glyphs used)."""
    drawn: dict[str, set[str]] = {}
    with pikepdf.open(path) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes().decode("ascii")
            chars = drawn.setdefault(str(font.BaseFont).split("+")[-1], set())
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for target in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", block):
                    chars.add(bytes.fromhex(target).decode("utf-16-be"))
            assert "bfrange" not in cmap  # WeasyPrint maps glyph by glyph
    return drawn


def test_chinese_is_set_in_noto_sans_cjk_and_latin_stays_in_dejavu(
    built: Built, noto: None
) -> None:
    drawn = drawn_with(built.week(1))
    assert set(HOMEWORK.replace(" 1", "")) <= drawn["Noto-Sans-CJK-SC"]
    assert set("Week 1 of 2 Demo day") <= drawn["DejaVu-Sans"] | drawn["DejaVu-Sans-Bold"]
    assert drawn["Noto-Color-Emoji"] == {"🚀", "✅"}  # not the digits or spaces (see planner.css)
    assert {font for font in drawn if not font.startswith(("DejaVu-Sans", "Noto-"))} == set()
    text = " ".join(PdfReader(built.week(1)).pages[0].extract_text().split())
    assert HOMEWORK in text and "Demo day 🚀 ✅" in text


def test_emoji_are_drawn_in_colour(built: Built, noto: None, tmp_path: Path) -> None:
    """The planner is black, white and grey: coloured pixels can only come from the emoji."""
    require(
        shutil.which("pdftoppm") is not None, "pdftoppm is missing (apt-get install poppler-utils)"
    )
    subprocess.run(["pdftoppm", "-png", "-r", "60", built.week(1), tmp_path / "page"], check=True)
    with Image.open(tmp_path / "page-1.png") as page:
        saturation = page.convert("RGB").convert("HSV").getchannel("S").histogram()
    assert sum(saturation[100:]) > 20


WARNING = (
    "planners: track fast-track week 2 uses characters no installed font can show: "
    r"'\U0010fffd' (U+10FFFD)"
)


def test_a_character_no_font_has_is_named_with_its_week(built: Built, coverage: Coverage) -> None:
    assert WARNING in built.planners.unshowable
    assert "WARNING " + WARNING in built.messages


def test_chinese_and_emoji_raise_no_warning(built: Built, noto: None) -> None:
    assert built.planners.unshowable == [WARNING]
    assert [m for m in built.messages if m.startswith("WARNING ")] == ["WARNING " + WARNING]


def test_the_warnings_come_again_with_every_week_from_the_cache(
    built: Built, coverage: Coverage
) -> None:
    site = build_pages(built.folder / "roadmap.yml").site
    again = build_planners(site, built.folder / "cache", sizes=["a4"])
    assert (again.rendered, again.cached) == (0, 2)
    assert again.unshowable == built.planners.unshowable


def test_without_fontconfig_the_check_is_skipped_with_one_notice(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = {**CURRICULUM["tracks"][0], "id": "second"}
    path = write_curriculum(tmp_path, {**CURRICULUM, "tracks": [*CURRICULUM["tracks"], second]})
    monkeypatch.setenv("PATH", str(tmp_path))
    fonts.installed_coverage.cache_clear()
    messages: list[str] = []
    try:
        site = build_pages(path).site
        planners = build_planners(
            site, built.folder / "cache", sizes=["a4"], report=messages.append
        )
    finally:
        fonts.installed_coverage.cache_clear()
    assert [m for m in messages if "fc-list" in m] == [
        "Planners: fc-list (fontconfig) is not installed; "
        "characters no font can show are not looked for"
    ]
    assert planners.unshowable == [] and len(planners.files) == 6

"""The QR code encoder of the learner pages (overrides/assets/javascripts/qrcode.js), run in a
real browser: its symbols module for module against segno's, its automatic mask against the
penalty rules of ISO/IEC 18004, its choice of version and level, and its SVG read back by zbar."""

from __future__ import annotations

import base64
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import segno
from PIL import Image
from segno import consts, encoder

from tests.a11y import require
from tests.conftest import ROOT, Visit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "qrcode.js"
LEVELS = "LMQH"
PIXELS = 5  # screen pixels per module in the screenshots
QUIET = 4  # modules of quiet zone the SVG draws on each side


def base64url(seed: int, length: int) -> str:
    """`length` base64url characters, the same on every run."""
    data = random.Random(seed).randbytes(length)
    return base64.urlsafe_b64encode(data).decode("ascii")[:length]


def url(prefix: str, seed: int, length: int) -> str:
    return prefix + base64url(seed, length - len(prefix))


SHORT = "Week 5: done"
PROGRESS_URL = url("https://curriculum.example.org/fast-track/week-05/#progress=", 1, 300)
LONG_URL = url("https://curriculum.example.org/#progress=", 2, 1900)
NON_ASCII = "Semana 5 · 第5周 · ✓"
TEXTS = {"short": SHORT, "progress-url": PROGRESS_URL, "long-url": LONG_URL, "non-ascii": NON_ASCII}
FALLS_BACK = {("long-url", "Q"), ("long-url", "H")}

Rows = list[str]  # a symbol's rows, "1" for a dark module, without the quiet zone


# --- the reference: segno, and the standard's penalty score ---------------------------------


@pytest.fixture
def standard_segno(monkeypatch: pytest.MonkeyPatch) -> None:
    """segno with its one departure from the standard mended. After the terminator segno pads the
    bits to a codeword boundary with 8 zero bits even when they already end on one (segno 1.6.6,
    heuer/segno#148), which puts a 0x00 codeword where ISO/IEC 18004, 7.4.10, has the pad
    codeword 0xEC. In byte mode the bits always end on a boundary after a whole terminator, so
    without this nearly every symbol here would differ from the standard's in its data."""

    def padding_bits(buff: Any, version: int, length: int) -> None:
        buff.extend([0] * (-length % 8))

    monkeypatch.setattr(encoder, "write_padding_bits", padding_bits)


def segno_code(text: str, level: str, **options: Any) -> segno.QRCode:
    return segno.make(
        text,
        error=level,
        mode="byte",
        encoding="utf-8",
        boost_error=False,
        micro=False,
        **options,
    )


def rows_of(code: segno.QRCode) -> Rows:
    return ["".join(str(module) for module in row) for row in code.matrix]


def max_bytes(version: int, level: str) -> int:
    """The most bytes a version holds at a level in byte mode (segno's capacity table, in bits,
    less the mode indicator and the character count)."""
    capacities: dict[int, dict[int, int]] = consts.SYMBOL_CAPACITY  # type: ignore[assignment]
    bits = capacities[version][consts.ERROR_MAPPING[level]]
    return (bits - 4 - (8 if version < 10 else 16)) // 8


def penalty(rows: Rows) -> int:
    """The penalty score of a complete symbol, by ISO/IEC 18004:2015, 7.8.3.1, table 11 (the whole
    symbol is evaluated, format and version information included): 3 + i for each run of 5 + i
    modules of one colour in a row or column; 3 for each 2 × 2 block of one colour; 40 for each
    1:1:3:1:1 (dark:light:dark:light:dark) pattern with 4 light modules before or after it (the
    quiet zone is light); 10 for each whole 5% the dark modules are away from half."""
    size = len(rows)
    lines = [*rows, *("".join(row[x] for row in rows) for x in range(size))]
    score = 0
    for line in lines:
        run = 1
        for before, module in zip(line, line[1:] + "x", strict=True):
            if module == before:
                run += 1
                continue
            score += run - 2 if run >= 5 else 0
            run = 1
        quiet = "0000" + line + "0000"
        for start in range(4, size - 2):
            before, after = quiet[start - 4 : start], quiet[start + 7 : start + 11]
            if quiet[start : start + 7] == "1011101" and "0000" in (before, after):
                score += 40
    for y in range(size - 1):
        for x in range(size - 1):
            block = {rows[y][x], rows[y][x + 1], rows[y + 1][x], rows[y + 1][x + 1]}
            score += 3 if len(block) == 1 else 0
    dark = sum(row.count("1") for row in rows)
    return score + 10 * (abs(dark * 20 - size * size * 10) // (size * size))


# --- the script in a blank page ---------------------------------------------------------------


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A blank page with qrcode.js loaded (no errors allowed)."""
    visit = Visit(browser, "", viewport={"width": 1100, "height": 1100})
    visit.page.set_content(
        "<!doctype html><html lang='en'><title>QR</title><body style='margin:0'>"
    )
    visit.page.add_script_tag(path=str(SCRIPT))
    yield visit.page
    assert visit.errors == []
    visit.context.close()


MATRIX = """([text, options]) => {
  const code = cpQRCode.matrix(text, options);
  const rows = code.modules.map((row) => row.map((dark) => (dark ? "1" : "0")).join(""));
  return { ...code, modules: rows };
}"""


def encode(page: Page, text: str, **options: Any) -> dict[str, Any]:
    """`cpQRCode.matrix(text, options)`, its modules as rows of 0 and 1."""
    return dict(page.evaluate(MATRIX, [text, options]))


def every_mask(page: Page, text: str, version: int, level: str) -> list[Rows]:
    return list(
        page.evaluate(
            f"([text, options]) => [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => ({MATRIX})"
            "([text, { ...options, mask }]).modules)",
            [text, {"ecl": level, "version": version}],
        )
    )


def error_of(page: Page, text: str, **options: Any) -> str | None:
    """The error `cpQRCode.matrix` throws, as `Name: message`, or None."""
    return page.evaluate(  # type: ignore[no-any-return]
        """([text, options]) => {
          try {
            cpQRCode.matrix(text, options);
          } catch (error) {
            return `${error.name}: ${error.message}`;
          }
          return null;
        }""",
        [text, options],
    )


# --- symbols ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("standard_segno")
@pytest.mark.parametrize(
    ("name", "level"),
    # The long URL does not fit at Q or H: test_lower_levels_when_the_text_does_not_fit.
    [(name, level) for name in TEXTS for level in LEVELS if (name, level) not in FALLS_BACK],
)
def test_symbols_match_segno_and_the_mask_is_the_standards(
    page: Page, name: str, level: str
) -> None:
    """For each mask, the same modules as segno's symbol of the same version and level; the
    smallest version that holds the text; and the mask with the lowest penalty score (the first
    of equals), never scoring more than the one segno picks itself.

    segno's own pick can differ: it scores each mask before drawing the format and version
    information (7.8.3.1 evaluates the complete symbol), and misses a finder-like pattern that
    shares its first module with the last of one it has just counted."""
    text = TEXTS[name]
    auto = encode(page, text, ecl=level)
    assert auto["ecl"] == level
    reference = segno_code(text, level)
    assert auto["version"] == reference.version
    assert auto["size"] == len(auto["modules"]) == 17 + 4 * auto["version"]

    symbols = every_mask(page, text, auto["version"], level)
    for mask, rows in enumerate(symbols):
        assert rows == rows_of(segno_code(text, level, version=auto["version"], mask=mask)), mask
    scores = [penalty(rows) for rows in symbols]
    assert auto["mask"] == scores.index(min(scores)), scores
    assert auto["modules"] == symbols[auto["mask"]]
    assert scores[auto["mask"]] <= penalty(rows_of(reference))


@pytest.mark.usefixtures("standard_segno")
def test_every_version_and_level_matches_segno(page: Page) -> None:
    """All 160 versions and levels, each filled to or near its capacity (at capacity the
    terminator is cut short) with a two-byte character first, under a forced mask (all eight in
    turn)."""
    for version in range(1, 41):
        cases = []
        for index, level in enumerate(LEVELS):
            size = max_bytes(version, level) - version % 3
            cases.append(
                ("é" + base64url(version * 4 + index, size - 2), level, (version + index) % 8)
            )
        found = page.evaluate(
            f"([cases, version]) => cases.map(([text, ecl, mask]) => "
            f"({MATRIX})([text, {{ version, ecl, mask }}]))",
            [cases, version],
        )
        for (text, level, mask), code in zip(cases, found, strict=True):
            expected = segno_code(text, level, version=version, mask=mask)
            assert (code["version"], code["ecl"], code["mask"]) == (version, level, mask)
            assert code["modules"] == rows_of(expected), (version, level, mask)


@pytest.mark.parametrize("version", [1, 2, 9, 10, 26, 39, 40])
def test_the_smallest_version_that_holds_the_text(page: Page, version: int) -> None:
    """A version's capacity fits in it and one byte more does not (from version 10 the
    character count takes 16 bits instead of 8)."""
    for level in LEVELS:
        full = max_bytes(version, level)
        assert encode(page, "a" * full, ecl=level)["version"] == version
        if version < 40:
            assert encode(page, "a" * (full + 1), ecl=level)["version"] == version + 1
            assert encode(page, "é" * (full // 2 + 1), ecl=level)["version"] == version + 1


def test_lower_levels_when_the_text_does_not_fit(page: Page) -> None:
    """A text too long for its level at version 40 falls back to the next level down that holds
    it, at the smallest version there."""
    assert max_bytes(40, "Q") < len(LONG_URL.encode()) <= max_bytes(40, "M")
    for level in "QH":
        code = encode(page, LONG_URL, ecl=level)
        assert (code["ecl"], code["version"]) == ("M", segno_code(LONG_URL, "M").version)
    only_low = "b" * (max_bytes(40, "M") + 1)
    code = encode(page, only_low, ecl="H")
    assert (code["ecl"], code["version"]) == ("L", segno_code(only_low, "L").version)
    assert encode(page, SHORT)["ecl"] == "M"  # the default
    assert encode(page, "c" * max_bytes(5, "Q"), ecl="Q", version=5)["ecl"] == "Q"
    assert encode(page, "c" * max_bytes(5, "Q"), ecl="H", version=5)["ecl"] == "Q"


def test_a_text_too_long_for_any_symbol_is_a_range_error(page: Page) -> None:
    assert encode(page, "d" * 2953, ecl="L")["version"] == 40
    assert error_of(page, "d" * 2954, ecl="L") == "RangeError: Too long for a QR code: 2954 bytes"
    assert error_of(page, "e" * 3000, ecl="L") == "RangeError: Too long for a QR code: 3000 bytes"
    assert error_of(page, "✓" * 1000, ecl="H") == "RangeError: Too long for a QR code: 3000 bytes"
    assert (error_of(page, "f" * 200, version=5) or "").startswith("RangeError: Too long")
    wrong: list[dict[str, Any]] = [{"ecl": "X"}, {"version": 0}, {"version": 41}, {"mask": 8}]
    for options in [*wrong, {"mask": 1.5}, {"version": "2"}]:
        assert (error_of(page, SHORT, **options) or "").startswith("RangeError: "), options


# --- the SVG ----------------------------------------------------------------------------------


def render(page: Page, text: str, folder: Path, **options: Any) -> tuple[Path, Rows]:
    """Draw `cpQRCode.svg(text, options)` at PIXELS screen pixels a module and screenshot it."""
    rows = encode(page, text, **{k: v for k, v in options.items() if k != "label"})["modules"]
    page.evaluate(
        """([text, options, pixels]) => {
          const svg = cpQRCode.svg(text, options);
          const side = svg.viewBox.baseVal.width * pixels;
          svg.style.cssText = `display: block; width: ${side}px; height: ${side}px`;
          document.body.replaceChildren(svg);
        }""",
        [text, options, PIXELS],
    )
    path = folder / "code.png"
    page.locator("svg").screenshot(path=str(path))
    return path, rows


def test_the_svg_is_one_path_on_white_with_a_name(page: Page) -> None:
    """An SVG element sized by CSS (no width or height), its viewBox in modules with the quiet
    zone, named by its label (aria-label and title), a white square and one black path."""
    svg = page.evaluate(
        """() => {
          const svg = cpQRCode.svg("Week 5: done", { label: "Week 5 on your phone" });
          const named = cpQRCode.svg("x");
          return {
            namespace: svg.namespaceURI, tag: svg.tagName, isSvg: svg instanceof SVGSVGElement,
            attributes: Object.fromEntries([...svg.attributes].map((a) => [a.name, a.value])),
            children: [...svg.children].map((child) => ({
              tag: child.tagName, text: child.textContent,
              attributes: Object.fromEntries([...child.attributes].map((a) => [a.name, a.value])),
            })),
            defaultLabel: [
              named.getAttribute("aria-label"), named.querySelector("title").textContent
            ],
          };
        }"""
    )
    size = encode(page, SHORT)["size"]
    side = size + 2 * QUIET
    assert (svg["namespace"], svg["tag"], svg["isSvg"]) == (
        "http://www.w3.org/2000/svg",
        "svg",
        True,
    )
    assert svg["attributes"] == {
        "viewBox": f"0 0 {side} {side}",
        "role": "img",
        "aria-label": "Week 5 on your phone",
        "shape-rendering": "crispEdges",
    }
    title, rect, path = svg["children"]
    assert (title["tag"], title["text"]) == ("title", "Week 5 on your phone")
    assert rect == {
        "tag": "rect",
        "text": "",
        "attributes": {"width": str(side), "height": str(side), "fill": "#fff"},
    }
    assert (path["tag"], path["attributes"]["fill"], sorted(path["attributes"])) == (
        "path",
        "#000",
        ["d", "fill"],
    )
    assert svg["defaultLabel"] == ["QR code", "QR code"]


def test_the_svg_draws_each_module_in_its_place(page: Page, tmp_path: Path) -> None:
    """Every module's pixels dark or white as the matrix says, in a white quiet zone."""
    path, rows = render(page, PROGRESS_URL, tmp_path)
    size = len(rows)
    image = Image.open(path).convert("L")
    assert image.size == ((size + 2 * QUIET) * PIXELS,) * 2
    for y in range(-QUIET, size + QUIET):
        for x in range(-QUIET, size + QUIET):
            dark = 0 <= x < size and 0 <= y < size and rows[y][x] == "1"
            box = ((x + QUIET) * PIXELS, (y + QUIET) * PIXELS)
            colours = image.crop((*box, box[0] + PIXELS, box[1] + PIXELS)).getcolors() or []
            assert [colour for _, colour in colours] == [0 if dark else 255], (x, y)


@pytest.mark.parametrize("name", ["long-url", "non-ascii", "progress-url", "short"])
def test_zbar_reads_the_text_back(page: Page, tmp_path: Path, name: str) -> None:
    """zbar guesses byte mode's character set, and can guess wrong (the UTF-8 of "Semana 5 · ok"
    comes out as "Semana 5 繚 ok"), so it is asked for the bytes as they are (`-Sbinary`: no
    newline after them either) and they are read as UTF-8."""
    zbarimg = require(
        Path(shutil.which("zbarimg") or "/usr/bin/zbarimg"), "zbarimg", "apt-get install zbar-tools"
    )
    text = TEXTS[name]
    path, _ = render(page, text, tmp_path, label="The link")
    read = subprocess.run(
        [str(zbarimg), "--raw", "-q", "-Sbinary", str(path)], capture_output=True, timeout=60
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.decode("utf-8") == text

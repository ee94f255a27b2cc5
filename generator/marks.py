"""The marks of a laid-out planner page that WeasyPrint draws slowly, drawn as PDF operators.

A planner's boxes to tick (a background image of each item) and its QR code (an inline SVG) are
SVG drawn by WeasyPrint's Python SVG renderer, once per box: together about a third of a
planner's PDF time. WeasyPrint still lays them out as the stylesheet says; `take_marks` then
takes them out of its drawing, keeping where and how large each one is, and `operators` draws
the same shapes as a few rectangle operators a mark, which the PDF step adds to the page.

This reads WeasyPrint's box tree (a page's boxes, their `background` layers and `element`), which
is not public API: the version is pinned, and `tests/test_planners.py` compares pages drawn both
ways, pixel by pixel. A QR code whose path is not the one `segno` writes is left to WeasyPrint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: The box to tick, as planner.css draws it for the browser: in a 10 × 10 view box, a white
#: square from 0.67 to 9.33 with a black border 1.33 wide.
TICK_INSET, TICK_SIDE, TICK_LINE = 0.67, 8.67, 1.33
TICK_CLASS = "cp-planner__block"
QR_CLASS = "cp-planner__qr"
SVG = "{http://www.w3.org/2000/svg}"
PX_TO_PT = 0.75


@dataclass(frozen=True)
class Tick:
    """A box to tick: its image's place and size on the page (CSS px, y down), and the area
    its box paints (the image is cut to it, as WeasyPrint cuts a background)."""

    x: float
    y: float
    width: float
    height: float
    area: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class QRCode:
    """A QR code: its box on the page (CSS px, y down), its size in modules, and its dark
    modules as runs along a row (column, row, length)."""

    x: float
    y: float
    width: float
    height: float
    modules: int
    runs: tuple[tuple[int, int, int], ...]


Mark = Tick | QRCode


class _Drawn:
    """Stands in for an image this module draws: the same image to WeasyPrint (its size), but
    nothing to draw."""

    def __init__(self, image: Any) -> None:
        self._image = image

    def __getattr__(self, name: str) -> Any:
        return getattr(self._image, name)

    def draw(self, *args: object, **kwargs: object) -> None:
        pass


def take_marks(page: Any, seen: set[int]) -> list[Mark]:
    """The tick boxes and QR codes of a laid-out WeasyPrint page, in page order; WeasyPrint no
    longer draws them. `seen` holds the items met on earlier pages of the document: an item
    that continues from one has no second box (a page may start with the rest of an item)."""
    marks: list[Mark] = []
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is None or not isinstance(element.tag, str):
            continue
        classes = element.get("class", "").split()
        if element.tag == "li" or TICK_CLASS in classes:
            ticks = _ticks(box)
            if id(element) not in seen:
                marks += ticks
            seen.add(id(element))
        elif element.tag == f"{SVG}svg" and QR_CLASS in classes and (code := _qr_code(box)):
            marks.append(code)
            box.replacement = _Drawn(box.replacement)
    return marks


def _ticks(box: Any) -> list[Tick]:
    """The box to tick of a planner item: its background's one image, square and not repeated
    (a layer of any other kind is left to WeasyPrint). The layer stays, without its image, so
    the item's background colour and shadow, were it given any, are drawn as before."""
    background = getattr(box, "background", None)
    if background is None:
        return []
    ticks, layers = [], []
    for layer in background.layers:
        width, height = layer.size
        if (
            type(layer.image).__name__ == "SVGImage"
            and layer.repeat == ("no-repeat", "no-repeat")
            and abs(width - height) < 0.01
        ):
            x = layer.positioning_area[0] + layer.position[0]
            y = layer.positioning_area[1] + layer.position[1]
            area = None if layer.unbounded else tuple(layer.painting_area)
            ticks.append(Tick(x, y, width, height, area))
            layer = layer._replace(image=None)
        layers.append(layer)
    if ticks:
        box.background = background._replace(layers=layers)
    return ticks


def _qr_code(box: Any) -> QRCode | None:
    """A QR code's box and modules: none (WeasyPrint draws it) unless its SVG is the one segno
    draws, a square of modules in a square box, one path in black without a transform."""
    view = box.element.get("viewBox", "").split()
    children = list(box.element)
    if len(view) != 4 or view[:2] != ["0", "0"] or view[2] != view[3] or not view[2].isdigit():
        return None
    if len(children) != 1 or children[0].tag != f"{SVG}path" or abs(box.width - box.height) > 0.01:
        return None
    path = children[0]
    if set(path.keys()) != {"d", "stroke"} or path.get("stroke") not in ("#000", "#000000"):
        return None
    size = int(view[2])
    runs = qr_runs(path.get("d", ""))
    if not runs or max(c + n for c, _, n in runs) > size or max(r for _, r, _ in runs) >= size:
        return None
    x, y = box.content_box_x(), box.content_box_y()
    return QRCode(x, y, box.width, box.height, size, runs)


_PATH = re.compile(r"([Mmh])(-?\d+(?:\.\d+)?)(?: (-?\d+(?:\.\d+)?))?")


def qr_runs(path: str) -> tuple[tuple[int, int, int], ...] | None:
    """The dark modules of a QR code as runs (column, row, length), from the SVG path segno
    writes: `M0 0.5h7m2 0h4…`, each `h` a line one module wide along the row the pen is on.
    None for a path of any other shape."""
    if not path or _PATH.sub("", path):  # something other than M, m and h
        return None
    x = y = 0.0
    runs = []
    for command, first, second in _PATH.findall(path):
        if command == "h":
            if second or float(first) <= 0:
                return None
            runs.append((x, y - 0.5, float(first)))
            x += float(first)
        elif not second:
            return None
        elif command == "M":
            x, y = float(first), float(second)
        else:
            x, y = x + float(first), y + float(second)
    if not all(value.is_integer() for run in runs for value in run):
        return None
    return tuple((int(c), int(r), int(n)) for c, r, n in runs)


def operators(marks: list[Mark], page_height_pt: float) -> bytes:
    """The marks as a PDF content stream in the page's default space (its origin at the bottom
    left): white squares with a black border, and black rectangles for the dark modules."""
    lines = ["q", f"{PX_TO_PT} 0 0 {-PX_TO_PT} 0 {_n(page_height_pt)} cm"]
    ticks = [mark for mark in marks if isinstance(mark, Tick)]
    if ticks:
        lines += ["1 g", "0 G"]
        for tick in ticks:
            scale = tick.width / 10
            if tick.area:
                lines += ["q", " ".join(map(_n, tick.area)) + " re W n"]
            lines += [
                f"{_n(TICK_LINE * scale)} w",
                f"{_n(tick.x + TICK_INSET * scale)} {_n(tick.y + TICK_INSET * scale)} "
                f"{_n(TICK_SIDE * scale)} {_n(TICK_SIDE * tick.height / 10)} re B",
            ]
            if tick.area:
                lines.append("Q")
    for code in (mark for mark in marks if isinstance(mark, QRCode)):
        scale = code.width / code.modules
        lines += ["q", f"{_n(scale)} 0 0 {_n(scale)} {_n(code.x)} {_n(code.y)} cm", "0 g"]
        lines += [f"{column} {row} {length} 1 re" for column, row, length in code.runs]
        lines += ["f", "Q"]
    lines.append("Q")
    return "\n".join(lines).encode("ascii")


def _n(value: float) -> str:
    """A number as short as PDF allows, to a thousandth of a unit."""
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"

"""The accessibility and markup checkers the tests share: axe-core in a real browser, in four
modes, and the Nu Html Checker (vnu) over the built files, with the theme's known errors set
apart by an explicit allow-list."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT, Visit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.1 A and AA: the level the site promises (DESIGN.md).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
PAGES = [
    "",
    "fast-track/",
    "fast-track/week-01/",
    "fast-track/week-08/",
    "standard/week-36/",
    "checkpoints/",
    "downloads/",
    "contributing/",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# Each mode is a browser context; "ticked" starts light and ticks boxes before the check.
MODES: dict[str, dict[str, Any]] = {
    "light": {"color_scheme": "light"},
    "dark": {"color_scheme": "dark"},
    "phone": {"color_scheme": "light", **PHONE},
    "ticked": {"color_scheme": "light"},
}
# Week pages of both tracks, ticked before a "ticked" check, so every progress figure moves.
TICK_FIRST = ["fast-track/week-01/", "standard/week-01/"]
CHECKBOX = "li.task-list-item input[type=checkbox]"
CONTENT = "article.md-content__inner"


def require(path: Path | None, what: str, hint: str) -> Path:
    """`path` if it exists; else a skip, or a failure when CI says the checkers must run
    (REQUIRE_BROWSER, as for the browser)."""
    if path is not None and path.exists():
        return path
    message = f"{what} is missing: {hint}"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def require_axe() -> Path:
    return require(AXE_JS, "axe-core", "run `npm ci` (make test does)")


def require_vnu() -> tuple[Path, Path]:
    """The `java` command and vnu.jar."""
    java = shutil.which("java")
    return (
        require(Path(java) if java else None, "java", "apt-get install default-jre-headless"),
        require(VNU_JAR, "vnu.jar", "run `npm ci` (make test does)"),
    )


# --- axe-core ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One element that breaks one axe rule."""

    rule: str
    impact: str
    target: str
    content: bool  # inside the article (our markup) rather than the theme's chrome
    html: str

    def __str__(self) -> str:
        where = "content" if self.content else "theme"
        return f"{self.rule} [{self.impact}, {where}] {self.target}: {self.html}"


# axe's violations, one entry per element, each told whether it sits inside the article.
_RUN_AXE = r"""async ([tags, content]) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
  });
  const inside = (target) => {
    const node = typeof target[0] === "string" ? document.querySelector(target[0]) : null;
    return Boolean(node && node.closest(content));
  };
  return result.violations.flatMap((rule) => rule.nodes.map((node) => ({
    rule: rule.id, impact: node.impact || rule.impact, target: node.target.join(" >>> "),
    content: inside(node.target), html: node.html.replace(/\s+/g, " ").slice(0, 160),
  })));
}"""


# No transition still running (the theme fades its tabs back in at the top of the page).
_SETTLED = (
    """() => document.getAnimations().every((animation) => animation.playState !== "running")"""
)


def open_in_mode(browser: Browser, base: str, path: str, mode: str) -> Visit:
    """A fresh learner opening `path` in `mode`: light, dark, phone, or ticked (boxes ticked on
    week pages of both tracks and on `path` itself when it has any)."""
    visit = Visit(browser, base, **MODES[mode])
    if mode == "ticked":
        for week in TICK_FIRST:
            tick_boxes(visit.open(week))
    page = visit.open(path)
    if mode == "ticked":
        tick_boxes(page)
        # Ticking scrolls, and the theme hides its tabs below the top: check the page as opened.
        page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_function(_SETTLED)
    return visit


def tick_boxes(page: Page, count: int = 3) -> int:
    """Tick the first `count` unticked checklist boxes of the page; how many it ticked."""
    unticked = page.locator(f"{CHECKBOX}:not(:checked)")
    for ticked in range(count):
        if not unticked.count():
            return ticked
        unticked.first.click(force=True)
    return count


def run_axe(page: Page) -> list[Finding]:
    """Every WCAG 2.1 A/AA violation axe finds on the page as it is now, one per element."""
    page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(_RUN_AXE, [WCAG_TAGS, CONTENT])
    return [Finding(**item) for item in found]


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings of impact serious or critical."""
    return [finding for finding in findings if finding.impact in BLOCKING]


# --- the Nu Html Checker ------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One vnu error in one built page."""

    page: str
    line: int
    message: str
    extract: str


@dataclass(frozen=True)
class Allowed:
    """An error the theme's own markup causes: its exact message, a pattern for the markup it is
    found in, and why we let it pass."""

    message: str
    extract: str
    reason: str

    def matches(self, error: Message) -> bool:
        return error.message == self.message and bool(re.search(self.extract, error.extract))


# Every entry must still occur (see test_markup.py), so the list cannot outlive its cause.
ALLOWED = [
    Allowed(
        "Bad value “” for attribute “tabindex” on element “label”: "
        "The empty string is not a valid integer.",
        r'class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex=""',
        'Material\'s nav-item partial writes tabindex="" on section titles (navigation.tabs '
        "and .sections): browsers ignore the empty value, keeping titles that toggle nothing "
        "out of the tab order, as Material means to.",
    ),
    Allowed(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "Material's drawer and search toggles are checkboxes with autocomplete=off, which stops "
        "Firefox restoring an open drawer; harmless in every browser.",
    ),
    Allowed(
        "The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
        r'<label class="md-nav__title" for="__toc">',
        "Material's table-of-contents partial labels the __toc toggle, which its nav only "
        "writes for pages that are not section indexes (navigation.indexes).",
    ),
]


def run_vnu(site: Path) -> list[Message]:
    """Every error vnu finds in the site's HTML files (warnings and notes left out)."""
    java, jar = require_vnu()
    result = subprocess.run(
        [java, "-jar", jar, "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    return [
        Message(
            page=_page_of(item.get("url", ""), site),
            line=item.get("lastLine", 0),
            message=item["message"],
            extract=item.get("extract", ""),
        )
        for item in report["messages"]
        if item["type"] != "info"
    ]


def _page_of(url: str, site: Path) -> str:
    """The built file a vnu message is about (a `file:` URL), relative to the site."""
    path = Path(unquote(urlsplit(url).path))
    return path.relative_to(site.resolve()).as_posix() if path.is_absolute() else url


def sort_errors(errors: list[Message]) -> tuple[list[Message], Counter[Allowed]]:
    """The errors in our markup, and how often each allowed theme error occurred."""
    ours: list[Message] = []
    theirs: Counter[Allowed] = Counter()
    for error in errors:
        allowed = next((entry for entry in ALLOWED if entry.matches(error)), None)
        if allowed is None:
            ours.append(error)
        else:
            theirs[allowed] += 1
    return ours, theirs

"""A Markdown report of every accessibility and markup check on a built site: axe-core per page
and mode, vnu errors (ours and the theme's), and broken links.

    python -m tests.a11y_report SITE_DIR > report.md
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.a11y import ALLOWED, MODES, PAGES, blocking, open_in_mode, run_axe, run_vnu, sort_errors
from tests.conftest import ARGS, CHROMIUM, serve
from tests.links import broken_links


def axe_section(site: Path) -> Iterator[str]:
    """A table of serious and critical findings per page and mode, then each distinct one."""
    yield "## axe-core: serious + critical findings (WCAG 2.1 A/AA)\n"
    yield "| page | mode | total | theme | content | by rule (theme/content) |"
    yield "| --- | --- | ---: | ---: | ---: | --- |"
    seen: dict[str, list[str]] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in PAGES:
            for mode in MODES:
                visit = open_in_mode(browser, base, path, mode)
                found = blocking(run_axe(visit.page))
                visit.context.close()
                rules = Counter((item.rule, item.content) for item in found)
                theme = sum(not item.content for item in found)
                summary = ", ".join(
                    f"{rule} {'content' if content else 'theme'} ×{count}"
                    for (rule, content), count in sorted(rules.items())
                )
                counts = f"{len(found)} | {theme} | {len(found) - theme}"
                yield f"| /{path} | {mode} | {counts} | {summary} |"
                for item in found:
                    seen.setdefault(str(item), []).append(f"/{path} {mode}")
        browser.close()
    yield "\n### Each finding, with where it occurs\n"
    for finding, where in seen.items():
        yield f"- `{finding}` — {len(where)}×: {', '.join(where)}"


def vnu_section(site: Path) -> Iterator[str]:
    """vnu errors: ours (unexplained) and the theme's, per allow-list entry and page."""
    errors = run_vnu(site)
    ours, theirs = sort_errors(errors)
    pages = len(list(site.rglob("*.html")))
    yield f"\n## vnu: {len(errors)} errors in {pages} pages"
    yield f"\nOurs: {len(ours)}; the theme's (allow-listed): {len(errors) - len(ours)}.\n"
    for entry in ALLOWED:
        hit = {error.page for error in errors if entry.matches(error)}
        yield f"- theme ×{theirs[entry]} in {len(hit)} pages: {entry.message} — {entry.reason}"
    for error in ours:
        yield f"- OURS {error.page}:{error.line}: {error.message} `{error.extract.strip()[:120]}`"
    per_page = Counter(error.page for error in errors)
    yield "\n| page | errors | ours |\n| --- | ---: | ---: |"
    mine = Counter(error.page for error in ours)
    for page, count in sorted(per_page.items()):
        yield f"| {page} | {count} | {mine[page]} |"


def links_section(site: Path) -> Iterator[str]:
    broken = broken_links(site)
    yield f"\n## Links and anchors: {len(broken)} broken\n"
    yield from (f"- {item}" for item in broken)


def main(site: Path) -> None:
    print(f"# Accessibility and markup checks of {site}\n")
    for section in (axe_section, vnu_section, links_section):
        for line in section(site):
            print(line, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""Refresh the golden Markdown after an intended change: `make golden`.

Writes the pages of every curriculum in tests/fixtures/ to tests/golden/<fixture>/, and the
week-by-week report of every before/after pair in tests/diffs/<case>/ to its expected.md,
replacing what was there; review the change with `git diff tests` before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import build_pages
from generator.diff import diff_sites

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
DIFFS = TESTS / "diffs"


def golden_dir(fixture: Path) -> Path:
    """Where the golden pages of a fixture curriculum live."""
    return GOLDEN / fixture.stem


def main() -> None:
    """Rewrite every golden folder from the current generator."""
    for fixture in sorted(FIXTURES.glob("*.yml")):
        target = golden_dir(fixture)
        shutil.rmtree(target, ignore_errors=True)
        for path, text in build_pages(fixture).pages.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(text, encoding="utf-8")
        print(f"refreshed {target.relative_to(TESTS.parent)}")
    for case in sorted(path for path in DIFFS.iterdir() if path.is_dir()):
        (case / "expected.md").write_text(diff_report(case), encoding="utf-8")
        print(f"refreshed {(case / 'expected.md').relative_to(TESTS.parent)}")


def diff_report(case: Path) -> str:
    """The week-by-week report of one before/after pair."""
    return diff_sites(build_pages(case / "old.yml").site, build_pages(case / "new.yml").site)


if __name__ == "__main__":
    main()

"""Refresh the golden Markdown after an intended change: `make golden`.

Writes the pages of every curriculum in tests/fixtures/ to tests/golden/<fixture>/, replacing
what was there; review the change with `git diff tests/golden` before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import build_pages

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"


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


if __name__ == "__main__":
    main()

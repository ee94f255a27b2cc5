"""`python -m generator diff`: golden reports for before/after pairs in tests/diffs/ (refresh
with `make golden`), and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TESTS, run_cli
from tests.update_golden import diff_report

CASES = sorted(path for path in (TESTS / "diffs").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[path.name for path in CASES])
def test_report_matches_its_golden_file(case: Path) -> None:
    assert diff_report(case) == (case / "expected.md").read_text(encoding="utf-8")


def test_the_command_line_prints_the_report() -> None:
    case = TESTS / "diffs" / "deliverables"
    result = run_cli("diff", str(case / "old.yml"), str(case / "new.yml"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (case / "expected.md").read_text(encoding="utf-8")
    assert (
        "- **Week 5** (Wrap-up Sprint)\n    - deliverable added: “a changelog”\n" in result.stdout
    )


def test_a_broken_new_version_is_reported_not_diffed() -> None:
    result = run_cli("diff", "curriculum/roadmap.yml", "tests/bad/weeks-do-not-add-up.yml")
    assert result.returncode == 1
    assert "tests/bad/weeks-do-not-add-up.yml:6:12: tracks[0].weeks" in result.stderr

"""`make bench`, run once with one run a figure and twice (not ten times) the weeks, so that it
cannot rot: every figure is measured and printed with its target. No timing is asserted."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.bench import ISSUE_CODE
from tests.conftest import ROOT

FIGURES = [
    "generator alone",
    "generator at 2× the weeks",
    "planner PDFs, empty cache",
    "planner PDFs, one sprint changed",
    "planner PDFs, nothing changed",
    "plugin / plain MkDocs, roadmap",
    "plugin / plain MkDocs, 2× the weeks",
    "make serve: save the YAML",
    "make serve-zensical: save the YAML",
    "whole site, both languages: MkDocs + plugin",
    "whole site, both languages: Zensical alone",
]


def test_the_benchmark_measures_every_figure() -> None:
    env = {**os.environ, "BENCH_RUNS": "1", "BENCH_SCALE": "2"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"On \d+ cores, .+; 1 runs a figure", done.stdout), done.stdout
    rows = {line.split("  ")[0]: line for line in done.stdout.splitlines()}
    history = subprocess.run(["git", "cat-file", "-e", f"{ISSUE_CODE}^{{commit}}"], cwd=ROOT)
    beside = ["generator alone, scaled to the issue's speed"] if history.returncode == 0 else []
    for figure in FIGURES + beside:
        row = next((line for name, line in rows.items() if name.startswith(figure)), None)
        assert row is not None, f"{figure!r} missing from:\n{done.stdout}"
        assert re.search(r"\s\d[\d.]*\s+(ms|s|×)\s", row), row  # a measured value and its unit

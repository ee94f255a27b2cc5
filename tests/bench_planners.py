"""`make bench`: how long the planner PDFs take, against the targets of the planners issue.

Cold: every planner of both tracks in both sizes, from an empty cache. Warm: the same again,
nothing changed. One sprint changed: a sprint's focus edited, so only its weeks are laid out
again. Each is run several times; the median is reported with its ratio to the target.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from generator import build_pages
from generator.expand import Site
from generator.pdf import build_planners
from tests.conftest import ROADMAP

RUNS = {"cold": 3, "warm": 5, "one sprint changed": 3}
TARGETS = {"cold": 10.0, "warm": 0.5, "one sprint changed": 2.0}


def timed(site: Site, cache: Path) -> float:
    began = time.perf_counter()
    build_planners(site, cache)
    return time.perf_counter() - began


def edited_site(work: Path, run: int) -> Site:
    data = yaml.safe_load(ROADMAP.read_text(encoding="utf-8"))
    data["sprints"][2]["focus"] += f" (edit {run})"
    path = work / f"edited-{run}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return build_pages(path).site


def main() -> None:
    """Run every case and print a table of medians."""
    site = build_pages(ROADMAP).site
    results: dict[str, list[float]] = {name: [] for name in RUNS}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for run in range(RUNS["cold"]):
            cache = work / f"cold-{run}"
            results["cold"].append(timed(site, cache))
        warm = work / "cold-0"
        for _ in range(RUNS["warm"]):
            results["warm"].append(timed(site, warm))
        for run in range(RUNS["one sprint changed"]):
            cache = work / f"edit-{run}"
            shutil.copytree(warm, cache)
            edited = edited_site(work, run)
            results["one sprint changed"].append(timed(edited, cache))
    print(f"Planner PDFs of {ROADMAP.name}, both tracks and sizes, on {os.cpu_count()} cores")
    print(f"{'case':<20} {'median':>9} {'target':>8} {'ratio':>7}  runs")
    for name, times in results.items():
        median = statistics.median(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        ratio = median / TARGETS[name]
        print(f"{name:<20} {median:>8.2f}s {TARGETS[name]:>7.1f}s {ratio:>7.2f}  {runs}")


if __name__ == "__main__":
    main()

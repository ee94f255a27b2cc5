"""`make bench`: the whole site of the shipped roadmap (both languages, planners from a warm
cache) built by each engine, side by side. The runs alternate engine by engine in one loop, so
a busy moment of the machine falls on all of them; each row gives the median and its ratio to
MkDocs with our plugin (the published build).

- MkDocs + plugin: `mkdocs build --strict`, as `make site` runs it.
- ProperDocs + plugin: `properdocs build --strict` on the same configuration.
- Zensical: `python -m generator build --engine zensical`, as `make site-zensical` runs it
  (writing the generated project included), and Zensical alone on that project.
- MkDocs, no plugin: `python -m generator build --engine mkdocs` on the generated project.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.engines import environment
from generator.project import config_name
from tests.conftest import ROOT

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def cases(work: Path) -> dict[str, list[list[str]]]:
    """Each case as the commands it runs, one after the other."""
    python = sys.executable
    project = work / "project"
    return {
        "MkDocs + plugin": [[python, "-m", "mkdocs", "build", "--strict", "-d", str(work / "m")]],
        "ProperDocs + plugin": [
            [python, "-m", "properdocs", "build", "--strict", "-d", str(work / "p")]
        ],
        "Zensical (generate + build)": [
            [
                python,
                "-m",
                "generator",
                "build",
                "--engine",
                "zensical",
                "--work",
                str(project),
                "--site-dir",
                str(work / "z"),
            ]
        ],
        "Zensical alone": [
            [python, "-m", "zensical", "build", "--strict", "-f", str(project / config_name(lang))]
            for lang in ("en", "es")
        ],
        "MkDocs, no plugin (generate + build)": [
            [
                python,
                "-m",
                "generator",
                "build",
                "--engine",
                "mkdocs",
                "--work",
                str(work / "plain"),
                "--site-dir",
                str(work / "n"),
            ]
        ],
    }


def timed(commands: list[list[str]]) -> float:
    began = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=environment())
    return time.perf_counter() - began


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def measure(work: Path, runs: int, warm: bool = True) -> dict[str, list[float]]:
    """Every case `runs` times, alternating (after one warm-up run each): case → seconds."""
    work.mkdir(parents=True, exist_ok=True)
    commands = cases(work)
    for case in commands.values() if warm else ():  # planners cached, the project written
        timed(case)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, case in commands.items():
            results[name].append(timed(case))
    return results


def main() -> None:
    """Run every case RUNS times, alternating, and print a table of medians."""
    with tempfile.TemporaryDirectory() as folder:
        results = measure(Path(folder), RUNS)
    print(f"\nThe whole site (English and Spanish, planners cached), {RUNS} runs each")
    print(f"on {os.cpu_count()} cores, {cpu()}")
    base = statistics.median(results["MkDocs + plugin"])
    print(f"{'engine':<38} {'median':>8} {'vs MkDocs':>10}  runs")
    for name, times in results.items():
        median = statistics.median(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:<38} {median:>7.2f}s {median / base:>9.2f}×  {runs}")


if __name__ == "__main__":
    main()

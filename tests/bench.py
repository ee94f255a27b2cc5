"""`make bench`: every speed figure of the project in one table, each with its target.

- Planner PDFs of the shipped roadmap in one language (both tracks and papers): from an empty
  cache, after one sprint's text changed, and with nothing changed.
- The generator alone (load, validate, expand, render), in-process: the first build of a fresh
  process (its templates compiled on another curriculum first), on the roadmap and on the roadmap
  with ten times the weeks; and, run beside it, the code the speed issue measured (from git
  history): today's figure at the issue's speed is the issue's figure times their ratio.
- The plugin's cost: `mkdocs build` with the plugin (planners off, English and Spanish) against
  plain MkDocs on the project `generate` wrote from the same curriculum (same pages, nav and
  theme), the runs alternating in one loop; on the roadmap and at ten times the weeks.
- `make serve`: from saving the YAML to the changed text on the page in Chromium (livereload).
- The whole site by each engine (`tests/bench_engines.py`), for reference.

`BENCH_RUNS` sets the runs per figure (default 5; 3 at most for the ten-times builds, 40 s each);
`BENCH_SCALE` the "ten times" (default 10). It takes about ten minutes on two cores.
`make test` runs it once with small settings (`tests/test_bench.py`) so that it cannot rot.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from generator import build_pages
from generator.engines import environment
from generator.paths import Options
from generator.pdf import build_planners
from generator.project import read_config
from tests import bench_engines
from tests.conftest import CHROMIUM, ROADMAP, ROOT, make_project

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SCALE = int(os.environ.get("BENCH_SCALE", "10"))
BIG_RUNS = min(RUNS, 3)  # a build of ten times the weeks takes 40 s


@dataclass
class Figure:
    """One row of the table: what was measured, its runs, the target and the baseline."""

    name: str
    runs: list[float]
    target: float | None
    unit: str
    before: str = ""
    """The figure the speed issue measured when it set the target, as it gave it."""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def scaled(curriculum: Path, factor: int, folder: Path) -> Path:
    """The curriculum with `factor` times the weeks: every track and sprint that much longer."""
    data = yaml.safe_load(curriculum.read_text(encoding="utf-8"))
    for track in data["tracks"]:
        track["weeks"] *= factor
        track["weeks_per_sprint"] *= factor
    path = folder / f"roadmap-x{factor}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    translations = folder / "translations"
    translations.mkdir(exist_ok=True)
    for translation in (curriculum.parent / "translations").glob("*.yml"):
        shutil.copy(translation, translations / translation.name)
    return path


def env() -> dict[str, str]:
    """The commands' environment, as a learner's or contributor's machine has it: Python keeps
    the modules it compiled (some sandboxes set PYTHONDONTWRITEBYTECODE, which would charge
    every run for compiling the generator's modules again)."""
    return {k: v for k, v in environment().items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path = ROOT) -> float:
    """Seconds a command takes (it must succeed)."""
    began = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env())
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - began


# Planner PDFs ---------------------------------------------------------------------------------


def planners(work: Path) -> list[Figure]:
    """As the site builds them: with each week's QR code (the roadmap's `site_url`)."""
    site = build_pages(ROADMAP).site
    options = Options(site_url=str(read_config(ROOT / "mkdocs.yml")["site_url"]))
    data = yaml.safe_load(ROADMAP.read_text(encoding="utf-8"))
    cold, changed, warm = [], [], []
    for number in range(RUNS):
        cache = work / f"planners-{number}"
        began = time.perf_counter()
        build_planners(site, cache, options=options)
        cold.append(time.perf_counter() - began)
        began = time.perf_counter()
        build_planners(site, cache, options=options)
        warm.append(time.perf_counter() - began)
        data["sprints"][2]["focus"] += f" (edit {number})"
        edited = work / f"edited-{number}.yml"
        edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        edited_site = build_pages(edited).site
        began = time.perf_counter()
        build_planners(edited_site, cache, options=options)
        changed.append(time.perf_counter() - began)
        shutil.rmtree(cache)
    weeks = sum(len(plan.weeks) for plan in site.tracks)
    pages = f"{weeks * 2} week pages"
    return [
        Figure(f"planner PDFs, empty cache ({pages})", cold, 5.0, "s", "8.9 s"),
        Figure("planner PDFs, one sprint changed", changed, 1.0, "s", "1.9 s"),
        Figure("planner PDFs, nothing changed", warm, 0.1, "s", "0.02 s"),
    ]


# The generator alone --------------------------------------------------------------------------

_FIRST_BUILD = """
import sys, time
from generator import build_pages
build_pages(sys.argv[2])  # templates compiled, catalogs read: on another curriculum
began = time.perf_counter()
build_pages(sys.argv[1])
print(time.perf_counter() - began)
"""


#: The code the speed issue measured its figures on, and its figures for the generator.
ISSUE_CODE = "d54e946"
ISSUE_GENERATOR = {1: 0.055, 10: 0.527}


def issue_code(work: Path) -> Path | None:
    """The generator as the speed issue measured it (from the repository's history), to run
    beside today's; None where the history lacks it (a shallow clone)."""
    folder = work / f"issue-code-{ISSUE_CODE}"
    paths = ["generator", "tests/fixtures/small.yml"]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ISSUE_CODE, *paths], cwd=ROOT, capture_output=True
    )
    if archive.returncode:
        return None
    folder.mkdir()
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def generator(big: Path, work: Path) -> list[Figure]:
    """The first build of a fresh process, today's code and (alternating with it, so that a
    busy moment falls on both) the code the issue measured, whose figures this machine may
    not reproduce: their ratio, times the issue's figure, is the figure at the issue's speed."""

    def first_build(curriculum: Path, code: Path = ROOT) -> float:
        small = code / "tests" / "fixtures" / "small.yml"
        command = [sys.executable, "-c", _FIRST_BUILD, str(curriculum), str(small)]
        done = subprocess.run(
            command, cwd=code, capture_output=True, text=True, check=True, env=env()
        )
        return float(done.stdout)

    then = issue_code(work)
    runs: dict[int, list[float]] = {1: [], SCALE: []}
    ratios: dict[int, list[float]] = {1: [], SCALE: []}
    for _ in range(max(RUNS, 5) if RUNS > 1 else 1):  # cheap: more runs steady the median
        for scale, curriculum in ((1, ROADMAP), (SCALE, big)):
            runs[scale].append(first_build(curriculum))
            if then is not None:
                ratios[scale].append(runs[scale][-1] / first_build(curriculum, then))
    figures = [
        Figure("generator alone (load → render)", runs[1], 0.020, "ms", "55 ms"),
        Figure(f"generator at {SCALE}× the weeks", runs[SCALE], SCALE * 0.020, "ms", "527 ms"),
    ]
    for scale, shares in ratios.items():
        if shares and scale in ISSUE_GENERATOR:
            at = " alone" if scale == 1 else f" at {scale}× the weeks"
            figures.append(
                Figure(
                    f"generator{at}, scaled to the issue's speed",
                    [share * ISSUE_GENERATOR[scale] for share in shares],
                    scale * 0.020,
                    "ms",
                    f"{ISSUE_GENERATOR[scale] * 1000:.0f} ms",
                )
            )
    return figures


# The plugin against plain MkDocs --------------------------------------------------------------


def plugin_cost(curriculum: Path, work: Path, label: str, runs: int) -> Figure:
    """`mkdocs build` with the plugin over plain MkDocs on what `generate` writes: the ratio of
    their medians (the runs alternate, so a busy moment falls on both)."""
    folder = work / label.split()[0]
    project = make_project(folder, curriculum, languages=("es",))
    floor = folder / "floor"
    run(
        [sys.executable, "-m", "generator", "generate", "--out", str(floor), "--no-planners"],
        project,
    )
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    with_plugin = [[*mkdocs, "-d", str(folder / "site")]]
    plain = [
        [*mkdocs, "-f", str(floor / "mkdocs.yml"), "-d", str(folder / "floor-site")],
        [*mkdocs, "-f", str(floor / "mkdocs-es.yml"), "-d", str(folder / "floor-site" / "es")],
    ]
    ours: list[float] = []
    theirs: list[float] = []
    warm = runs > 1  # (not in the one-run smoke test)
    for _ in range(runs + warm):
        ours.append(sum(run(command, project) for command in with_plugin))
        theirs.append(sum(run(command, project) for command in plain))
    ours, theirs = ours[warm:], theirs[warm:]  # the first of each warms the disk cache
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    plugin, floor = statistics.median(ours), statistics.median(theirs)
    name = f"plugin / plain MkDocs, {label} ({plugin:.2f} s / {floor:.2f} s)"
    return Figure(name, ratios, 1.05, "×", "1.12×" if label == "roadmap" else "")


# make serve -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(command: list[str], project: Path) -> Iterator[None]:
    server = subprocess.Popen(
        command, cwd=project, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve(work: Path, engine: str) -> Figure:
    """Saving the YAML to the new text on the open page, in Chromium (the preview reloads it):
    `make serve` (MkDocs and the plugin) or `make serve-zensical`."""
    project = make_project(work / f"serve-{engine}", ROADMAP)
    yaml_file = project / "curriculum" / "roadmap.yml"
    original = yaml_file.read_text(encoding="utf-8")
    port = free_port()
    address = f"127.0.0.1:{port}"
    commands = {
        "mkdocs": [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", address],
        "zensical": [sys.executable, "-m", "generator", "serve", "--dev-addr", address],
    }
    # MkDocs serves under the path of `site_url`, as GitHub Pages serves a project.
    mount = urllib.parse.urlsplit(str(read_config(project / "mkdocs.yml").get("site_url") or "/"))
    root = mount.path
    url = f"http://{address}{root.rstrip('/')}/fast-track/week-09/"
    times = []
    with serving(commands[engine], project), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        wait_until(lambda: _loads(page, url), 120)
        time.sleep(3)  # the preview's first build done and its watcher running
        for number in range(RUNS):
            marker = f"benchmark edit {number}"
            edited = original.replace("focus: PyTorch", f"focus: {marker} PyTorch", 1)
            assert edited != original, "the roadmap no longer has the sprint this edits"
            began = time.perf_counter()
            yaml_file.write_text(edited, encoding="utf-8")
            page.get_by_text(marker).first.wait_for(timeout=60_000)
            times.append(time.perf_counter() - began)
            time.sleep(1)  # let the server settle before the next save
        browser.close()
    name = {"mkdocs": "make serve", "zensical": "make serve-zensical"}[engine]
    return Figure(f"{name}: save the YAML → page updated", times, 2.0, "s")


def _loads(page: Page, url: str) -> bool:
    try:
        page.goto(url)
    except PlaywrightError:  # the server is still starting
        return False
    return True


def wait_until(ready: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the server did not start")
        time.sleep(0.2)


# The table ------------------------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    header = f"{'figure':<58} {'median':>9} {'target':>8} {'ratio':>6}  {'the issue':<14} runs"
    lines = [header, "-" * len(header)]
    for figure in figures:
        scale = 1000 if figure.unit == "ms" else 1
        shown = figure.median * scale
        target = f"{figure.target * scale:.3g} {figure.unit}" if figure.target else "—"
        ratio = f"{figure.median / figure.target:.2f}" if figure.target else "—"
        runs = ", ".join(f"{value * scale:.3g}" for value in figure.runs)
        lines.append(
            f"{figure.name:<58} {shown:>6.3g} {figure.unit:<2} {target:>8} {ratio:>6}  "
            f"{figure.before:<14} {runs}"
        )
    return "\n".join(lines)


def main() -> None:
    """Measure every figure and print the table."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big = scaled(ROADMAP, SCALE, work)
        figures += generator(big, work)
        figures += planners(work)
        figures.append(plugin_cost(ROADMAP, work, "roadmap", RUNS))
        figures.append(plugin_cost(big, work, f"{SCALE}× the weeks", BIG_RUNS))
        figures += [serve(work, engine) for engine in ("mkdocs", "zensical")]
        engines = bench_engines.measure(work / "engines", RUNS, warm=RUNS > 1)
    base = statistics.median(engines["MkDocs + plugin"])
    for name, runs in engines.items():
        figures.append(Figure(f"whole site, both languages: {name}", runs, None, "s"))
    print(f"\nOn {os.cpu_count()} cores, {bench_engines.cpu()}; {RUNS} runs a figure; ratio is")
    print("median / target (≤ 1 meets it). Engines' ratio to MkDocs + plugin: ", end="")
    print(", ".join(f"{n} {statistics.median(r) / base:.2f}×" for n, r in engines.items()))
    print(table(figures))


if __name__ == "__main__":
    main()

"""Hostile and broken input: every bad file is refused by `validate` and by `mkdocs build` with a
located message, no traceback, in bounded time and memory, writing nothing; a failed or
interrupted build keeps the previous site byte for byte."""

from __future__ import annotations

import concurrent.futures
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROADMAP, TESTS, make_project, run_build

BAD = sorted((TESTS / "bad").glob("*.yml"))
LOCATED = re.compile(r"^\S+\.yml:\d+:\d+: ", re.MULTILINE)
MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for a refusal is a generous bound
TIME_LIMIT = 60  # seconds; a refusal takes well under one


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run with bounded memory and time: an expansion bomb would fail this, not hang CI."""
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def ten_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "ten-megabytes.yml"
    path.write_text("title: big\n" + "# padding to make the file huge\n" * 340_000, "utf-8")
    assert path.stat().st_size > 10_000_000
    return path


def test_the_corpus_has_forty_bad_files_at_least() -> None:
    assert len(BAD) >= 40


@pytest.mark.parametrize("bad", BAD, ids=[path.stem for path in BAD])
def test_validate_refuses_with_a_located_message(bad: Path) -> None:
    result = run_limited([sys.executable, "-m", "generator", "validate", str(bad)], TESTS.parent)
    assert result.returncode == 1, result.stdout
    assert LOCATED.search(result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_validate_refuses_a_ten_megabyte_file(ten_megabytes: Path) -> None:
    started = time.perf_counter()
    result = run_limited([sys.executable, "-m", "generator", "validate", str(ten_megabytes)], TESTS)
    assert result.returncode == 1
    assert ":1:1: expected a file of at most 1 MB, found 10.9 MB" in result.stderr
    assert time.perf_counter() - started < TIME_LIMIT


def build_refuses(tmp_path: Path, bad: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = make_project(tmp_path / bad.stem, ROADMAP)
    shutil.copy(bad, project / "curriculum" / "roadmap.yml")
    result = run_limited([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    return project, result


def test_mkdocs_build_refuses_every_bad_file_and_writes_nothing(
    tmp_path: Path, ten_megabytes: Path
) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda bad: build_refuses(tmp_path, bad), [*BAD, ten_megabytes]))
    for project, result in outcomes:
        name = project.parent.name
        assert result.returncode == 1, (name, result.stderr[-500:])
        assert re.search(r"curriculum/roadmap\.yml:\d+:\d+: ", result.stderr), name
        assert "Traceback" not in result.stderr, name
        leftovers = sorted(p.name for p in project.iterdir())
        assert leftovers == ["curriculum", "mkdocs.yml", "overrides"], (name, leftovers)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROADMAP)
    assert run_build(project).returncode == 0
    before = snapshot(project / "site")
    shutil.copy(TESTS / "bad" / "weeks-do-not-add-up.yml", project / "curriculum" / "roadmap.yml")
    assert run_build(project).returncode == 1
    assert snapshot(project / "site") == before
    (project / "curriculum" / "milestones.md").write_text("# Shadow\n", encoding="utf-8")
    shutil.copy(ROADMAP, project / "curriculum" / "roadmap.yml")
    assert run_build(project).returncode == 1  # fails after the files are gathered
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_strict_build_with_a_warning_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROADMAP)
    assert run_build(project).returncode == 0
    before = snapshot(project / "site")
    (project / "curriculum" / "notes.md").write_text("# Notes\n\n[x](nowhere.md)\n", "utf-8")
    build = run_build(project)
    assert build.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in build.log
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_a_pdf_failure_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, TESTS / "fixtures" / "small.yml", planners=True)
    assert run_build(project).returncode == 0
    before = snapshot(project / "site")
    (project / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("planners: true", "planners: true\n    cache_dir: blocked/cache"), "utf-8"
    )
    build = run_build(project)
    assert build.returncode == 1
    assert "the planner PDFs could not be written" in build.log
    assert "Traceback" not in build.log
    assert snapshot(project / "site") == before


def test_an_interrupted_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROADMAP, planners=True)
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text("utf-8").replace("planners: true", "planners: false"),
        "utf-8",
    )
    assert run_build(project).returncode == 0
    before = snapshot(project / "site")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text("utf-8").replace("planners: false", "planners: true"),
        "utf-8",
    )
    # As from a terminal, where Ctrl-C interrupts: a command started in the background (as a
    # CI runner may start this suite) inherits SIGINT ignored, and Python keeps it ignored.
    interruptible = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv = ['mkdocs', 'build', '--strict']; "
        "runpy.run_module('mkdocs', run_name='__main__')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", interruptible],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert process.stdout is not None
    for line in process.stdout:  # interrupt while the PDFs are being laid out
        if "laying out" in line:
            break
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-building")] == []

"""The command line: `validate` exit codes and messages, `generate` writes what MkDocs publishes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator import build_pages
from generator.plugin import CurriculumPlugin
from tests.conftest import FIXTURES, ROADMAP, ROOT, TESTS


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_accepts_the_roadmap() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("curriculum/roadmap.yml: valid (2 tracks, 60 week pages, 68 pages)\n")


def test_validate_reports_located_problems_and_exits_1() -> None:
    result = run_cli("validate", "tests/bad/weeks-do-not-add-up.yml")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "1 problem in the curriculum:\n"
        "tests/bad/weeks-do-not-add-up.yml:6:12: tracks[0].weeks: expected the sum of the "
        "sprints' weeks on this track (2), found 3\n"
    )


def test_validate_reports_a_missing_file_without_a_traceback() -> None:
    result = run_cli("validate", "nowhere.yml")
    assert result.returncode == 1
    assert "nowhere.yml:1:1: cannot read the file: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_generate_writes_every_page(tmp_path: Path) -> None:
    result = run_cli("generate", str(FIXTURES / "three-tracks.yml"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = {
        p.relative_to(tmp_path).as_posix(): p.read_text("utf-8")
        for p in tmp_path.rglob("*")
        if p.is_file()
    }
    rendered = build_pages(FIXTURES / "three-tracks.yml")
    assert written == {**rendered.pages, **rendered.assets}


def test_generate_writes_nothing_for_a_bad_curriculum(tmp_path: Path) -> None:
    result = run_cli("generate", str(TESTS / "bad" / "many-problems.yml"), "--out", str(tmp_path))
    assert result.returncode == 1
    assert list(tmp_path.iterdir()) == []


def test_the_plugin_publishes_exactly_what_generate_writes() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert isinstance(config.plugins["curriculum"], CurriculumPlugin)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    published = {
        f.src_uri: f.content_string for f in files if f.generated_by and f.src_uri.endswith(".md")
    }
    assert published == build_pages(ROADMAP).pages
    assert str(ROADMAP) in config.watch

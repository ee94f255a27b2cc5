"""The command line: `validate` exit codes and messages, `generate` writes what MkDocs publishes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator import build_pages
from generator.pages import publish_planners
from generator.paths import Options
from generator.plugin import CurriculumPlugin
from tests.conftest import FIXTURES, ROADMAP, ROOT, TESTS, run_cli


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
    fixture = FIXTURES / "three-tracks.yml"
    result = run_cli("generate", str(fixture), "--out", str(tmp_path), "--no-planners")
    assert result.returncode == 0, result.stderr
    written = {
        p.relative_to(tmp_path).as_posix(): p.read_text("utf-8")
        for p in tmp_path.rglob("*")
        if p.is_file()
    }
    rendered = build_pages(fixture, options=Options(planners=False))
    assert written == {**rendered.pages, **rendered.assets}
    assert "downloads.md" not in written
    assert f"wrote {len(rendered.pages)} pages to" in result.stdout


def test_generate_writes_the_planners_and_their_sizes(tmp_path: Path) -> None:
    result = run_cli("generate", str(FIXTURES / "small.yml"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdfs = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf"))
    assert "planners/steady/week-09-letter.pdf" in pdfs
    assert "planners/quick-a4.pdf" in pdfs
    assert f"and {len(pdfs)} PDFs to" in result.stdout
    downloads = (tmp_path / "downloads.md").read_text("utf-8")
    size = (tmp_path / "planners/steady/week-09-letter.pdf").stat().st_size
    assert f'week-09-letter.pdf" download>US Letter PDF ({round(size / 1000)} kB)</a>' in downloads


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
    rendered = build_pages(ROADMAP)
    publish_planners(rendered, ROOT / ".cache" / "planners")
    assert published == rendered.pages
    assert "US Letter PDF (" in published["downloads.md"]
    assert str(ROADMAP) in config.watch


MANY = (
    (
        "3",
        "9",
        "tracks[0].id",
        "expected an id (lowercase letters, digits and single hyphens, "
        "like `sql-queries`), found the text 'Fast'",
    ),
    ("12", "12", "sprints[0].focus", "expected text, found a list"),
    ("16", "9", "sprints[0].deliverables[0].txt", "unknown key `txt` (did you mean `text`?)"),
)


def test_validate_reports_every_problem_as_text() -> None:
    result = run_cli("validate", "tests/bad/many-problems.yml")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "4 problems in the curriculum:"
    for line, col, path, message in MANY:
        assert f"tests/bad/many-problems.yml:{line}:{col}: {path}: {message}" in lines


def github_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("::")]


def test_validate_speaks_github_annotations() -> None:
    result = run_cli("validate", "--format", "github", "tests/bad/many-problems.yml")
    assert result.returncode == 1
    lines = github_lines(result)
    assert len(lines) == 4
    for line, col, path, message in MANY:
        expected = (
            f"::error file=tests/bad/many-problems.yml,line={line},col={col},title={path}::"
            f"{message}"
        )
        assert expected in lines


def test_github_annotations_are_the_default_on_github_actions() -> None:
    result = run_cli(
        "validate", "tests/bad/weeks-do-not-add-up.yml", env={"GITHUB_ACTIONS": "true"}
    )
    assert result.returncode == 1
    assert github_lines(result) == [
        "::error file=tests/bad/weeks-do-not-add-up.yml,line=6,col=12,title=tracks[0].weeks::"
        "expected the sum of the sprints' weeks on this track (2), found 3"
    ]


def test_too_much_planned_work_is_a_warning_not_an_error() -> None:
    result = run_cli("validate", "tests/fixtures/small.yml")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "warning: tests/fixtures/small.yml:41:9: sprints[0].deliverables[0]: week 1 of `quick` "
        "plans 18 h of deliverables, more than the daily split's 9 h a week"
    )
    github = run_cli("validate", "--format", "github", "tests/fixtures/small.yml")
    assert github.returncode == 0
    assert github_lines(github)[0].startswith(
        "::warning file=tests/fixtures/small.yml,line=41,col=9,title=sprints[0].deliverables[0]::"
    )


def test_schema_command_prints_the_committed_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "curriculum" / "roadmap.schema.json").read_text("utf-8")

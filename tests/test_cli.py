"""The command line: `validate` exit codes and messages, `generate` writes what MkDocs publishes."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from generator import build_pages
from generator.paths import Options
from generator.planner import planner_slot
from generator.plugin import CurriculumPlugin
from generator.project import read_config
from tests.conftest import FIXTURES, ROADMAP, ROOT, TESTS, make_project, run_cli


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


def test_generate_writes_a_project_that_engines_build(tmp_path: Path) -> None:
    fixture = FIXTURES / "three-tracks.yml"
    result = run_cli("generate", str(fixture), "--out", str(tmp_path), "--no-planners")
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "docs"
    written = {
        p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*") if p.is_file()
    }
    # As the configuration says: no PDFs, and QR codes to the pages at its site_url.
    options = Options(planners=False, site_url=read_config(ROOT / "mkdocs.yml")["site_url"])
    rendered = build_pages(fixture, options=options)
    assert "cp-planner__qr" in rendered.pages["sprint-pace/week-01.md"]
    handwritten = {"contributing.md", "roadmap.schema.json"}  # curriculum/ holds these
    assert set(written) == {*rendered.pages, *rendered.assets, *handwritten}
    for path, markdown in rendered.pages.items():
        # Each page as rendered, with its edit link (the YAML lines it comes from) put first.
        edit, rest = written[path].removeprefix("---\n").split("\n", 1)
        assert edit.startswith('edit_url: "https://github.com/'), path
        assert "---\n" + rest == markdown
    assert written[min(p for p in written if "/week-" in p)].startswith(
        'edit_url: "https://github.com/curriculum-publisher/ai-engineer-roadmap/blob/main/'
        "tests/fixtures/three-tracks.yml#L",
        4,
    )
    assert "# Contributing to the roadmap" in written["contributing.md"]  # the include resolved
    assert "--8<--" not in written["contributing.md"]
    assert "downloads.md" not in written
    config = (tmp_path / "mkdocs.yml").read_text("utf-8")
    assert "docs_dir: docs\n" in config and "curriculum" not in config.split("plugins:")[1]
    assert (tmp_path / "overrides" / "main.html").is_file()
    assert f"wrote {len(rendered.pages) + 1} pages to" in result.stdout


def test_generate_removes_what_it_no_longer_writes(tmp_path: Path) -> None:
    assert run_cli("generate", "--out", str(tmp_path), "--no-planners").returncode == 0
    assert (tmp_path / "docs-es" / "standard" / "week-36.md").is_file()
    mine = tmp_path / "site" / "index.html"  # an engine's output is not generate's to remove
    mine.parent.mkdir()
    mine.write_text("built", "utf-8")
    fixture = str(FIXTURES / "three-tracks.yml")
    assert run_cli("generate", fixture, "--out", str(tmp_path), "--no-planners").returncode == 0
    assert not (tmp_path / "docs" / "standard").exists()
    assert not (tmp_path / "docs-es").exists() and not (tmp_path / "mkdocs-es.yml").exists()
    assert mine.read_text("utf-8") == "built"


def test_generate_writes_the_planners_and_their_sizes(tmp_path: Path) -> None:
    result = run_cli("generate", str(FIXTURES / "small.yml"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "docs"
    pdfs = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.pdf"))
    assert "planners/steady/week-09-letter.pdf" in pdfs
    assert "planners/quick-a4.pdf" in pdfs
    assert f"and {len(pdfs)} PDFs to" in result.stdout
    downloads = (tmp_path / "docs" / "downloads.md").read_text("utf-8")
    size = (tmp_path / "docs/planners/steady/week-09-letter.pdf").stat().st_size
    assert (
        f"[US Letter PDF ({round(size / 1000)} kB)](planners/steady/week-09-letter.pdf)"
        '{ download="steady-week-09-letter.pdf" }' in downloads
    )


def test_generate_writes_nothing_for_a_bad_curriculum(tmp_path: Path) -> None:
    result = run_cli("generate", str(TESTS / "bad" / "many-problems.yml"), "--out", str(tmp_path))
    assert result.returncode == 1
    assert list(tmp_path.iterdir()) == []


def test_the_plugin_publishes_exactly_what_generate_writes(tmp_path: Path) -> None:
    assert run_cli("generate", "--out", str(tmp_path)).returncode == 0
    docs = tmp_path / "docs"
    written = {p.relative_to(docs).as_posix(): p for p in docs.rglob("*") if p.is_file()}
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["curriculum"]
    assert isinstance(plugin, CurriculumPlugin)
    config = config.plugins.on_config(config)
    files = get_files(config)
    files = config.plugins.on_files(files, config=config)
    published = {
        f.src_uri: f
        for f in files
        if f.generated_by or Path(f.abs_src_path or "").is_relative_to(ROOT / "curriculum")
    }
    published = {path: f for path, f in published.items() if f.inclusion.is_included()}
    assert sorted(published) == sorted(written)
    for path, file in published.items():
        # Week pages reach Markdown without their planner, which goes back into their HTML.
        content = file.content_bytes
        if aside := plugin.planners_aside.get(path):
            slot, planner = (part.encode() for part in aside)
            assert content.count(slot) == 1
            content = content.replace(slot, planner)
        assert content == written[path].read_bytes(), path
    assert len(plugin.planners_aside) == 60
    assert "US Letter PDF (" in published["downloads.md"].content_string
    assert config.nav == yaml.safe_load((tmp_path / "mkdocs.yml").read_text("utf-8"))["nav"]
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


def test_a_failed_engine_build_leaves_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site-zensical"
    site.mkdir()
    (site / "index.html").write_text("the last good site", "utf-8")
    bad = str(TESTS / "bad" / "many-problems.yml")
    work = str(tmp_path / "w")
    result = run_cli("build", bad, "--no-planners", "--work", work, "--site-dir", str(site))
    assert result.returncode == 1
    assert "tests/bad/many-problems.yml:3:9: tracks[0].id: expected an id" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["site-zensical"]  # nothing written
    assert (site / "index.html").read_text("utf-8") == "the last good site"


def test_a_hand_written_page_in_a_generated_place_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "small.yml")
    (project / "curriculum" / "milestones.md").write_text("# Mine\n", "utf-8")
    config = str(project / "mkdocs.yml")
    result = run_cli("generate", "--config", config, "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        "curriculum/milestones.md: this hand-written page would be served at the URL of the "
        "generated page milestones.md; rename or move it\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_planner_that_cannot_go_back_into_its_page_is_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Were a plugin before ours to change the slot in a week page's HTML (a minifier), the
    build says so, which fails a strict build, rather than lose the planner."""
    plugin = CurriculumPlugin()
    slot = planner_slot("planner-fast-track-week-05")
    planner = '<section class="cp-planner x" id="planner-fast-track-week-05"></section>'
    plugin.planners_aside = {"fast-track/week-05.md": (slot, planner)}
    week = SimpleNamespace(file=SimpleNamespace(src_uri="fast-track/week-05.md"))
    config = load_config(str(ROOT / "mkdocs.yml"))
    kept = plugin.on_post_page(f"<main>{slot}</main>", page=week, config=config)  # type: ignore[arg-type]
    assert kept == f"<main>{planner}</main>"
    assert caplog.records == []
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.generator.plugin"):
        dropped = plugin.on_post_page("<main></main>", page=week, config=config)  # type: ignore[arg-type]
    assert dropped == "<main></main>"
    assert "fast-track/week-05.md: its printable planner could not be put back" in caplog.text

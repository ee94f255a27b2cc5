"""Shared helpers: fixture paths and a real `mkdocs build --strict` in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
SEED = ROOT.parent / "shared" / "seed" / "roadmap.md"
ROADMAP = ROOT / "curriculum" / "roadmap.yml"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict`."""

    returncode: int
    log: str
    site: Path

    def html(self, page: str) -> str:
        """The HTML of a built page, by URL path (`fast-track/week-05/`)."""
        return (self.site / page / "index.html").read_text(encoding="utf-8")


def make_project(
    tmp_path: Path, curriculum: Path, *, planners: bool = False, **overrides: object
) -> Path:
    """A project folder with the repository's mkdocs.yml and overrides, building `curriculum`
    (without planner PDFs unless asked: they have tests of their own)."""
    project = tmp_path / "project"
    (project / "curriculum").mkdir(parents=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(curriculum, project / "curriculum" / "roadmap.yml")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(overrides)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "curriculum" in plugin:
            plugin["curriculum"]["planners"] = planners
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return project


def run_build(project: Path, site: Path | None = None) -> Build:
    """Run the real MkDocs command line on `project`."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def roadmap_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real curriculum built once with the repository's own configuration."""
    site = tmp_path_factory.mktemp("roadmap") / "site"
    build = run_build(ROOT, site)
    assert build.returncode == 0, build.log
    return build

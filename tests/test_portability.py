"""Determinism and portability: the same inputs give the same site byte for byte, ProperDocs
builds the same pages as MkDocs, and the project `generate` writes builds the same pages without
our plugin."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, ROADMAP, ROOT, make_project

EPOCH = "1767225600"  # 2026-01-01: a fixed build date, as `make site` takes from git


def build_with(tool: str, project: Path, site: Path, config: str = "mkdocs.yml") -> str:
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-f", config, "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical_pdfs_included(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "small.yml", planners=True)
    build_with("mkdocs", project, tmp_path / "one")
    shutil.rmtree(project / ".cache")  # the second build lays every PDF out again
    build_with("mkdocs", project, tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert any(path.endswith(".pdf") for path in one)
    assert [path for path in one if one[path] != two[path]] == []


def article(html: str) -> str:
    page = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert page is not None
    return str(page)  # the edit link included: every engine links the YAML's lines


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): article(p.read_text(encoding="utf-8"))
        for p in site.rglob("index.html")
        if p.parent.name != "search" and "404" not in p.name
    }


def without_generator(html: str) -> str:
    return re.sub(r'<meta name="generator" content="[^"]*">', "", html)


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROADMAP)
    build_with("mkdocs", project, tmp_path / "mkdocs")
    build_with("properdocs", project, tmp_path / "properdocs")
    mkdocs, properdocs = tree(tmp_path / "mkdocs"), tree(tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    differ = [
        path
        for path in mkdocs
        if without_generator(mkdocs[path].decode("utf-8", "replace"))
        != without_generator(properdocs[path].decode("utf-8", "replace"))
    ]
    assert differ == []


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_generated_project_builds_the_same_pages_without_the_plugin(
    tmp_path: Path, engine: str
) -> None:
    project = make_project(tmp_path, ROADMAP, planners=True)
    build_with("mkdocs", project, tmp_path / "with-plugin")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--engine",
            engine,
            "--config",
            str(project / "mkdocs.yml"),
            "--work",
            str(tmp_path / "work"),
            "--site-dir",
            str(tmp_path / "without-plugin"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.returncode == 0, result.stderr
    with_plugin = pages(tmp_path / "with-plugin")
    without_plugin = pages(tmp_path / "without-plugin")
    assert sorted(with_plugin) == sorted(without_plugin)
    assert [page for page in with_plugin if with_plugin[page] != without_plugin[page]] == []
    assert (
        tree(tmp_path / "with-plugin")["planners/standard-a4.pdf"]
        == (tree(tmp_path / "without-plugin")["planners/standard-a4.pdf"])
    )

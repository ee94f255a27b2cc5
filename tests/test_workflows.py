"""The contributor tooling around the generator: GitHub workflows, pre-commit hooks, the
published contributing guide."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, Build

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED_OFFICIAL = re.compile(r"^actions/[a-z-]+@[0-9a-f]{40}$")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def documented_make_targets() -> set[str]:
    """`make X` in the README's inline code, or at the start of a line of its code blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pairs = re.findall(r"`make ([\w-]+)`|^make ([\w-]+)", text, flags=re.MULTILINE)
    return {target for pair in pairs for target in pair if target}


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z-]+):", text, flags=re.MULTILINE))


def test_there_is_a_ci_and_a_pages_workflow() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "pages.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_use_only_official_actions_pinned_to_a_commit(path: Path) -> None:
    uses = [step["uses"] for step in steps(load(path)) if "uses" in step]
    assert uses
    assert [use for use in uses if not PINNED_OFFICIAL.match(use)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_call_the_make_targets_the_readme_documents(path: Path) -> None:
    called = {
        target
        for step in steps(load(path))
        for target in re.findall(r"\bmake ([\w-]+)", step.get("run", ""))
    }
    assert called
    assert called <= documented_make_targets() <= makefile_targets()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_keep_the_planner_cache_between_runs(path: Path) -> None:
    names = [step.get("uses", "") + step.get("run", "") for step in steps(load(path))]
    caches = [step for step in steps(load(path)) if "actions/cache@" in step.get("uses", "")]
    assert len(caches) == 1
    settings = caches[0]["with"]
    assert settings["path"] == ".cache/planners"
    assert settings["restore-keys"] == "planners-"  # any earlier cache: entries are hashed
    assert settings["key"].startswith("planners-${{ hashFiles(")
    first_build = next(i for i, name in enumerate(names) if "make " in name)
    assert names.index(caches[0]["uses"]) < first_build


def test_ci_validates_tests_builds_diffs_and_uploads_on_pull_requests() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as true
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    for command in [
        "make validate",
        "make test",
        "make site",
        "make site-zensical",
        "python -m generator diff",
    ]:
        assert command in runs
    assert "$GITHUB_STEP_SUMMARY" in runs
    assert any("upload-artifact" in step.get("uses", "") for step in steps(workflow))


def test_pages_deploys_the_built_site_from_main() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert any(use.startswith("actions/deploy-pages@") for use in uses)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_pre_commit_hooks_validate_the_curriculum() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["validate-curriculum"]["entry"] == ".venv/bin/python -m generator validate"
    shared = load(ROOT / ".pre-commit-hooks.yaml")
    assert shared[0]["id"] == "validate-curriculum"
    assert shared[0]["entry"] == "python -m generator validate"
    assert shared[0]["language"] == "python"


def test_the_contributing_guide_is_published(roadmap_build: Build) -> None:
    html = roadmap_build.html("contributing")
    assert "Worked example: change a deliverable" in html
    assert "What CI checks on your pull request" in html
    assert (roadmap_build.site / "roadmap.schema.json").is_file()

"""Shared helpers: fixture paths and a real `mkdocs build --strict` in a temporary folder."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


class _Relative(str):
    """MkDocs' `!relative` tag, kept as it is when a test copies mkdocs.yml."""


class ConfigLoader(yaml.SafeLoader):
    pass


class ConfigDumper(yaml.SafeDumper):
    pass


ConfigLoader.add_constructor(
    "!relative", lambda loader, node: _Relative(loader.construct_scalar(node))
)
ConfigDumper.add_representer(
    _Relative, lambda dumper, value: dumper.represent_scalar("!relative", str(value))
)


def make_project(
    tmp_path: Path,
    curriculum: Path,
    *,
    planners: bool = False,
    languages: tuple[str, ...] = (),
    offline_copy: bool = False,
    **overrides: object,
) -> Path:
    """A project folder with the repository's mkdocs.yml and overrides, building `curriculum`
    (without planner PDFs unless asked: they have tests of their own; in its source language
    only, unless `languages` names translations, copied from curriculum/translations/; without
    the offline copy unless asked, a second build)."""
    project = tmp_path / "project"
    (project / "curriculum").mkdir(parents=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(curriculum, project / "curriculum" / "roadmap.yml")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    config.update(overrides)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "curriculum" in plugin:
            plugin["curriculum"]["planners"] = planners
            plugin["curriculum"]["languages"] = list(languages)
            plugin["curriculum"]["offline_copy"] = offline_copy
    for language in languages:
        translation = ROOT / "curriculum" / "translations" / f"{language}.yml"
        (project / "curriculum" / "translations").mkdir(exist_ok=True)
        shutil.copy(translation, project / "curriculum" / "translations" / translation.name)
    text = yaml.dump(config, Dumper=ConfigDumper, allow_unicode=True, sort_keys=False)
    (project / "mkdocs.yml").write_text(text, "utf-8")
    if offline_copy:  # its worker shim comes from the project's npm packages
        (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
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


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` from the repository root, as a contributor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def roadmap_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real curriculum built once with the repository's own configuration."""
    site = tmp_path_factory.mktemp("roadmap") / "site"
    build = run_build(ROOT, site)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real curriculum built once with Zensical, from the project `generate` writes (the
    same configuration, planners and languages as `roadmap_build`)."""
    folder = tmp_path_factory.mktemp("zensical")
    site = folder / "site"
    result = run_cli(
        "build", "--engine", "zensical", "--work", str(folder / "work"), "--site-dir", str(site)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(result.returncode, result.stdout + result.stderr, site)


# --- a real browser: Debian's Chromium driven by Playwright ------------------------------

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 900}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def mkdocs_url(roadmap_build: Build) -> Iterator[str]:
    with serve(roadmap_build.site) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(mkdocs_url: str) -> str:
    """The site the browser tests visit: the MkDocs build, unless a module says otherwise."""
    return mkdocs_url


@pytest.fixture(scope="session")
def zensical_url(zensical_build: Build) -> Iterator[str]:
    with serve(zensical_build.site) as url:
        yield url


ENGINES = ("mkdocs", "zensical")


@pytest.fixture(params=ENGINES)
def engine_url(request: pytest.FixtureRequest) -> str:
    """The site built by each engine in turn: a module whose `site_url` returns this runs its
    browser tests against both (MkDocs with our plugin, Zensical from `generate`)."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is missing: {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser context of one learner: its own storage, console errors collected."""

    def __init__(self, browser: Browser, base: str, **options: Any) -> None:
        """`options` go to the browser context (a phone's viewport, a dark colour scheme)."""
        self.base = base
        self.context = browser.new_context(
            **{"accept_downloads": True, "viewport": VIEWPORT, **options}
        )
        # No network here: the theme's call for the repository's facts gets an empty answer.
        self.context.route(
            re.compile(r"^https?://(?!127\.0\.0\.1)"),
            lambda route: route.fulfill(status=200, body="{}", content_type="application/json"),
        )
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def visit(browser: Browser, site_url: str) -> Iterator[Visit]:
    learner = Visit(browser, site_url)
    yield learner
    assert learner.errors == []
    learner.context.close()

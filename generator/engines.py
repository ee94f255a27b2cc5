"""Building and previewing a generated project (`generator.project`) with a site engine:
MkDocs or ProperDocs without our plugin, or Zensical, which runs no MkDocs plugin at all."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from generator import offline
from generator.pdf import Report
from generator.project import config_name, generate_project, read_config, write_project
from generator.staging import StagedSite

ENGINES = ("mkdocs", "properdocs", "zensical")


class EngineError(Exception):
    """An engine failed to build the generated project; the message is what it said."""


def command(engine: str, verb: str, config: str, *extra: str) -> list[str]:
    """The engine's command line, run with this Python (the engine is installed beside us)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; the engines are: {', '.join(ENGINES)}")
    strict = ["--strict"] if verb == "build" else []
    return [sys.executable, "-m", engine, verb, "-f", config, *strict, *extra]


def environment() -> dict[str, str]:
    """The engines' environment: MkDocs 1.x's notice of MkDocs 2 is noise in our logs."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(engine: str, project: Path, languages: list[str]) -> Path:
    """Build every language of a generated project, the source's first (the others go into
    folders of its site); returns the built site. `EngineError` if the engine fails."""
    shutil.rmtree(project / "site", ignore_errors=True)  # not every engine cleans it
    for language in languages:
        result = subprocess.run(
            command(engine, "build", config_name(language)),
            cwd=project,
            capture_output=True,
            text=True,
            env=environment(),
            check=False,
        )
        if result.returncode != 0:
            said = (result.stdout + result.stderr).strip()
            raise EngineError(f"{engine} could not build {config_name(language)}:\n{said}")
    return project / "site"


def build_offline_copy(
    config_file: Path,
    work: Path,
    *,
    cache_dir: Path | None = None,
    report: Report = lambda message: None,
) -> Path:
    """The whole site, every language, as a zip that works opened from disk: the project
    `generate` writes for the copy (`generator.offline`) in `work/project/`, built with MkDocs
    (Material's `offline` plugin), zipped into `work/`. `EngineError` if the build fails."""
    project = work / "project"
    generated = generate_project(config_file, cache_dir=cache_dir, report=report, offline=True)
    write_project(project, generated.files)
    site = build("mkdocs", project, generated.languages)
    stem = offline.zip_stem(str(read_config(config_file).get("site_name", "")))
    target = work / f"{stem}.zip"
    offline.write_zip(site, target, stem)
    return target


def publish(built: Path, site_dir: Path) -> None:
    """Put a built site in place of `site_dir` in one step: a failed copy leaves the previous
    site as it was."""
    staging = StagedSite(site_dir)
    try:
        shutil.copytree(built, staging.folder, dirs_exist_ok=True)
        staging.publish()
    finally:
        staging.discard()


def port_free(address: str) -> bool:
    """Whether a server could listen at `address` (`127.0.0.1:8000`) now."""
    host, _, port = address.rpartition(":")
    with socket.socket() as probe:
        try:
            probe.bind((host or "127.0.0.1", int(port)))
        except OSError:
            return False
    return True


def changes(
    paths: Callable[[], Iterator[Path]],
    interval: float = 0.3,
    alive: Callable[[], bool] = lambda: True,
) -> Iterator[None]:
    """Yields each time a file among `paths()` is added, removed or modified (polled: no
    watcher library, and editors that replace files are seen too); ends when `alive()` no
    longer holds."""

    def snapshot() -> dict[Path, int]:
        seen = {}
        for path in paths():
            try:
                seen[path] = path.stat().st_mtime_ns
            except OSError:
                continue
        return seen

    last = snapshot()
    while alive():
        time.sleep(interval)
        now = snapshot()
        if now != last:
            last = now
            yield None

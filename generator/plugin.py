"""The MkDocs plugin: a thin adapter that adds the generated pages and planners to the build."""

from __future__ import annotations

import datetime
import logging
import posixpath
import re
import urllib.parse
from pathlib import Path
from typing import Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.errors import CurriculumError
from generator.nav import build_nav
from generator.pages import RenderedSite, build_pages, publish_planners
from generator.paths import Options
from generator.staging import StagedSite

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


_SNIPPET = re.compile(r'\A\s*--8<--\s+"([^"\n]+)"\s*\Z')


def included_file(markdown: str) -> str | None:
    """The file a page is made of when its whole text is one snippet include
    (`--8<-- "CONTRIBUTING.md"`), relative to the snippets' base path."""
    match = _SNIPPET.match(markdown)
    return match.group(1) if match else None


def _snippets_base(config: MkDocsConfig) -> Path:
    """Where pymdownx.snippets looks for included files (its first base path)."""
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ".")
    first = base[0] if isinstance(base, list) and base else base
    root = Path(config.config_file_path or ".").resolve().parent
    return root / str(first)


def _warnings_so_far() -> bool:
    """Whether MkDocs has counted warnings in this build (its strict-mode counter)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


class PluginConfig(Config):
    """Options of the `curriculum` plugin in `mkdocs.yml`."""

    curriculum = c.Type(str, default="curriculum/roadmap.yml")
    """The curriculum YAML file, relative to `mkdocs.yml`."""

    planners = c.Type(bool, default=True)
    """Render the planner PDFs with the site."""

    planners_on_serve = c.Type(bool, default=False)
    """Render them under `mkdocs serve` too (off: previews stay fast)."""

    cache_dir = c.Type(str, default=".cache/planners")
    """Where rendered planner PDFs are kept between builds, relative to `mkdocs.yml`."""

    start_date = c.Optional(c.Type((str, datetime.date)))
    """Date the site's planners (`YYYY-MM-DD`, week 1 is the week holding it); undated if unset."""


class CurriculumPlugin(BasePlugin[PluginConfig]):
    """Publishes a curriculum YAML file as pages of the site, with planner PDFs."""

    def __init__(self) -> None:
        self.rendered: RenderedSite | None = None
        self.source: Path | None = None
        self.command: str = "build"
        self.staging: StagedSite | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before MkDocs cleans the site folder, so a bad file leaves the last site be.
        self.source = self._root(config) / self.config.curriculum
        options = Options(config.use_directory_urls, planners=self._want_planners())
        try:
            self.rendered = build_pages(self.source, self.config.curriculum, options)
        except CurriculumError as error:
            if self.command == "serve":
                # MkDocs drops a repeated message; the same typo made twice in one session
                # would show no location the second time. Our logger is not filtered.
                log.error(str(error))
            raise PluginError(str(error)) from None
        config.watch.append(str(self.source))
        if self.command != "serve":  # serve builds into a temporary folder of its own
            try:
                self.staging = StagedSite(Path(config.site_dir))
            except OSError as error:
                log.info("Building in place: no staging folder beside the site (%s)", error)
            else:
                config.site_dir = str(self.staging.folder)
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.staging:
            return
        if config.strict and _warnings_so_far():
            # MkDocs aborts a strict build with warnings only after this event: the build
            # failed, so the previous site stays.
            self.staging.discard()
        else:
            try:
                self.staging.publish()
            except OSError as error:
                message = f"the new site could not replace {config.site_dir}: {error}"
                raise PluginError(message) from None
            config.site_dir = str(self.staging.target)
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging:
            self.staging.discard()
            self.staging = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.rendered is not None
        handwritten = {f.dest_uri: f.src_uri for f in files.documentation_pages()}
        edit_uri = self._edit_uri(config)
        if self.rendered.options.planners:
            self._add_planners(files, config)
        for path, markdown in sorted(self.rendered.pages.items()):
            file = File.generated(config, path, content=markdown)
            if file.dest_uri in handwritten:
                raise PluginError(
                    f"{config.docs_dir}/{handwritten[file.dest_uri]}: this hand-written page "
                    f"would be served at the URL of the generated page {path}; rename or move it"
                )
            file.edit_uri = edit_uri
            files.append(file)
        for path, text in self.rendered.assets.items():
            files.append(File.generated(config, path, content=text))
        if config.nav is None:
            extra = sorted(handwritten.values())
            config.nav = build_nav(self.rendered.site, extra, self.rendered.options.planners)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # A page that only includes another file (CONTRIBUTING.md) is edited in that file.
        included = included_file(markdown)
        if included and page.edit_url and not page.file.generated_by:
            docs = Path(config.docs_dir).resolve()
            source = _snippets_base(config) / included
            target = posixpath.relpath(source.as_posix(), docs.as_posix())
            base = page.edit_url.removesuffix(page.file.src_uri)
            page.edit_url = urllib.parse.urljoin(base, target)
        # A generated page's "edit" link opens the YAML on GitHub at the lines it comes from.
        if self.rendered and page.edit_url and page.file.generated_by:
            lines = self.rendered.source_lines(page.file.src_uri)
            if lines and "/edit/" in page.edit_url:
                view = page.edit_url.replace("/edit/", "/blob/", 1)
                page.edit_url = f"{view}#L{lines[0]}-L{lines[1]}"
        return markdown

    def _want_planners(self) -> bool:
        if not self.config.planners:
            return False
        if self.command == "serve" and not self.config.planners_on_serve:
            log.info("Planner PDFs are skipped under `mkdocs serve` (set planners_on_serve)")
            return False
        return True

    def _add_planners(self, files: Files, config: MkDocsConfig) -> None:
        assert self.rendered is not None
        try:
            planners = publish_planners(
                self.rendered,
                self._root(config) / self.config.cache_dir,
                start=self._start_date(),
                report=log.info,
            )
        except (OSError, RuntimeError) as error:
            raise PluginError(f"the planner PDFs could not be written: {error}") from None
        for message in (*planners.overflowing, *planners.unshowable):
            log.warning(message)
        for path, source in sorted(planners.files.items()):
            files.append(File.generated(config, path, abs_src_path=str(source)))

    def _start_date(self) -> datetime.date | None:
        value = self.config.start_date
        if value is None or isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise PluginError(
                f"plugins.curriculum.start_date: expected a date like 2025-01-06, found {value!r}"
            ) from None

    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _edit_uri(self, config: MkDocsConfig) -> str | None:
        assert self.source is not None
        if not config.edit_uri:
            return None
        return posixpath.relpath(self.source.as_posix(), Path(config.docs_dir).resolve().as_posix())

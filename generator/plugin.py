"""The MkDocs plugin: a thin adapter that adds the generated pages and planners to the build."""

from __future__ import annotations

import datetime
import logging
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Literal

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator import i18n
from generator.docs import DocsError, Project, docs_folder, edit_uri, language_extra
from generator.engines import EngineError, build_offline_copy
from generator.errors import CurriculumError
from generator.jinja import THEME_CACHE
from generator.offline import offer, zip_path
from generator.pages import RenderedSite, build_pages, load_translation, publish_planners
from generator.paths import Options, language_site_url, week_page
from generator.planner import NO_SITE_URL, planner_anchor, planner_slot, set_aside
from generator.project import ConfigError
from generator.render import OfflineCopy
from generator.staging import StagedSite
from generator.words import filesize

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def _snippets_base(config: MkDocsConfig) -> Path | None:
    """Where pymdownx.snippets looks for included files (its first base path), if it is on."""
    if "pymdownx.snippets" not in config.markdown_extensions:
        return None
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

    languages = c.Type(list, default=[])
    """Other languages to publish the site in, each at `/<lang>/` (`[es]`): each needs
    `translations/<lang>.yml` beside the curriculum and a catalog of the generator's words."""

    language = c.Optional(c.Type(str))
    """The language this build renders: set for the builds of `languages`; the source's if unset."""

    offline_copy = c.Type(bool, default=False)
    """Also publish the whole site, every language, as one zip that works opened from disk,
    at `downloads/<site-name>-offline.zip`, offered on the downloads page: a second build with
    MkDocs (and Material's `offline` plugin). Needs the planners; skipped under `mkdocs serve`."""


class CurriculumPlugin(BasePlugin[PluginConfig]):
    """Publishes a curriculum YAML file as pages of the site, with planner PDFs."""

    def __init__(self) -> None:
        self.rendered: RenderedSite | None = None
        self.source: Path | None = None
        self.command: str = "build"
        self.staging: StagedSite | None = None
        self._source_only: list[str] = []
        self._prepared: dict[str, RenderedSite] = {}
        self._offline: tuple[Path, str, str | None] | None = None
        """The offline copy of this build: the built zip, and the source language's site name
        and `site_url`."""
        self.planners_aside: dict[str, tuple[str, str]] = {}
        """The planner of each week page of this build, set aside from the page's Markdown
        (`set_aside`) and put back in its HTML: page → (its slot, the planner)."""
        self._offline_work: Path | None = None
        """The pages of each translation, made while checking it, for its build."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before MkDocs cleans the site folder, so a bad file leaves the last site be.
        self.source = self._root(config) / self.config.curriculum
        # A translation's build has its language's site_url already (`_build_language`).
        options = Options(config.use_directory_urls, self._want_planners(), config.site_url)
        language = self.config.language or i18n.SOURCE
        try:
            if not self.config.language:  # a new build (or a rebuild under serve)
                self._prepared = {}
            prepared = self._prepared.pop(language, None)
            if prepared is None or prepared.options != options:  # its build's own settings
                prepared = build_pages(self.source, self.config.curriculum, options, language)
            self.rendered = prepared
            # Every language is checked before anything is written, the source's first; each
            # translation's build takes the pages made here.
            # Under `mkdocs serve`, which previews the source's language, they are checked only.
            for other in self._languages():
                if self.command == "serve":
                    translation = load_translation(
                        self.source, prepared.curriculum, other, self.config.curriculum
                    )
                else:
                    theirs = replace(options, site_url=language_site_url(config.site_url, other))
                    rendered = build_pages(self.source, self.config.curriculum, theirs, other)
                    self._prepared[other] = rendered
                    assert rendered.translation is not None
                    translation = rendered.translation
                log.info(
                    "Translation %s: %.1f%% of %d texts%s",
                    other,
                    100 * translation.coverage,
                    translation.total,
                    "".join(f"\n  missing: {where}" for where in translation.missing),
                )
        except CurriculumError as error:
            if self.command == "serve":
                # MkDocs drops a repeated message; the same typo made twice in one session
                # would show no location the second time. Our logger is not filtered.
                log.error(str(error))
            raise PluginError(str(error)) from None
        config.watch.append(str(self.source))
        if not self.config.language and not config.site_url:
            # Information, not a warning: a site may have no address yet (a fork, a local
            # copy), and `--strict` would fail its build for that. Once: translations take
            # the source's address.
            log.info(NO_SITE_URL)
        if self.config.language:
            config.site_name = self.rendered.curriculum.title  # the header's name, translated
        if self.command != "serve":  # serve builds into a temporary folder of its own
            try:
                self.staging = StagedSite(Path(config.site_dir))
            except OSError as error:
                log.info("Building in place: no staging folder beside the site (%s)", error)
            else:
                config.site_dir = str(self.staging.folder)
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._languages() and self.command != "serve":
            for language in self._languages():
                self._build_language(config, language)
        if not self.config.language:
            self._drop_offline_copy()
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
        if not self.config.language:
            self._drop_offline_copy()
        if self.staging:
            self.staging.discard()
            self.staging = None

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        env.bytecode_cache = THEME_CACHE
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The docs folder that `generate` writes, published as it is: the generated pages, the
        # hand-written ones as the folder holds them, the assets and the planners.
        assert self.rendered is not None and self.source is not None
        docs_dir = Path(config.docs_dir).resolve()
        handwritten = [
            file
            for file in files
            if not file.generated_by
            and file.inclusion.is_included()
            and file.abs_src_path
            and Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
        ]
        project = Project(
            root=self._root(config),
            docs_dir=Path(config.docs_dir),
            curriculum=self.source,
            edit_uri=edit_uri(config.repo_url, config.edit_uri),
            handwritten=tuple(page.src_uri for page in handwritten),
            snippets_base=_snippets_base(config),
            nav=config.nav is None,
        )
        if not self.config.language:  # made once, for every language's downloads page
            self._offline = self._offline_copy(config) if self._want_offline() else None
        planners = self._planners(config) if self.rendered.options.planners else {}
        try:
            docs = docs_folder(self.rendered, project, planners)
        except DocsError as error:
            raise PluginError(str(error)) from None
        for page in handwritten:
            files.remove(page)
        self.planners_aside = {}
        anchors = {
            week_page(plan.track.id, week.number): planner_anchor(plan.track.id, week.number)
            for plan in self.rendered.site.tracks
            for week in plan.weeks
        }
        for path, markdown in docs.pages.items():  # the hand-written ones come back from here
            if path in anchors:
                markdown, planner = set_aside(markdown, anchors[path])
                if planner:
                    self.planners_aside[path] = (planner_slot(anchors[path]), planner)
            files.append(File.generated(config, path, content=markdown))
        for path, text in docs.assets.items():
            files.append(File.generated(config, path, content=text))
        for path, source in docs.files.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        if self._offline and not self.config.language:
            built, site_name, _ = self._offline
            files.append(File.generated(config, zip_path(site_name), abs_src_path=str(built)))
        if docs.nav is not None:
            config.nav = docs.nav
        if not self.config.language:  # the source's build: what its translations link to
            self._source_only = docs.source_only
        everyone = [i18n.SOURCE, *map(str, self.config.languages)]
        config.extra.update(language_extra(self.rendered.language, everyone, self._source_only))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # A week's planner goes back where its Markdown had it (`on_files`): Markdown passes
        # raw HTML through unchanged, so the page is the same, made a fifth faster.
        aside = self.planners_aside.get(page.file.src_uri)
        if aside is None:
            return output
        slot, planner = aside
        if slot not in output:  # another plugin, before this one, changed it
            log.warning(
                "%s: its printable planner could not be put back (a plugin listed before "
                "`curriculum` in mkdocs.yml changed the element %s); list `curriculum` first",
                page.file.src_uri,
                slot,
            )
            return output
        return output.replace(slot, planner, 1)

    def _languages(self) -> list[str]:
        """The other languages this build publishes (none in a build of one of them)."""
        return [] if self.config.language else [str(lang) for lang in self.config.languages]

    def _build_language(self, config: MkDocsConfig, language: str) -> None:
        """The site in `language`, built by MkDocs into `<site>/<language>/`."""
        log.info("Building the site in %s at /%s/", language, language)
        built = load_config(
            config.config_file_path,
            site_dir=str(Path(config.site_dir) / language),
            strict=config.strict,
        )
        built.theme["language"] = language
        built.site_url = language_site_url(config.site_url, language)
        search = built.plugins.get("material/search") or built.plugins.get("search")
        if search is not None:
            search.config["lang"] = [language]
        # MkDocs hands the nested build this very plugin object (it caches plugins that have
        # startup hooks): keep this build's state aside and put it back afterwards.
        saved = (self.config, self.rendered, self.source, self.staging, self.planners_aside)
        try:
            ours = built.plugins["curriculum"]
            assert isinstance(ours, CurriculumPlugin)
            ours.config["language"] = language
            build(built)
        finally:
            self.config, self.rendered, self.source, self.staging, self.planners_aside = saved

    def _want_offline(self) -> bool:
        if not self.config.offline_copy:
            return False
        if self.command == "serve":
            log.info("The offline copy is skipped under `mkdocs serve`")
            return False
        if not self.config.planners:
            log.info("No offline copy: it is offered on the downloads page, which needs planners")
            return False
        return True

    def _offline_copy(self, config: MkDocsConfig) -> tuple[Path, str, str | None]:
        """Build the zip of the whole site for use from disk (`engines.build_offline_copy`)."""
        began = time.perf_counter()
        self._drop_offline_copy()
        self._offline_work = Path(tempfile.mkdtemp(prefix="curriculum-offline-"))
        config_file = Path(config.config_file_path or "mkdocs.yml")
        try:
            built = build_offline_copy(
                config_file,
                self._offline_work,
                cache_dir=self._root(config) / self.config.cache_dir,
                report=lambda message: log.info("Offline copy: %s", message),
            )
        except (EngineError, ConfigError, CurriculumError, DocsError, OSError) as error:
            raise PluginError(f"the offline copy could not be built: {error}") from None
        took = time.perf_counter() - began
        size = filesize(built.stat().st_size)
        log.info("Offline copy of the site: %s in %.1f s", size, took)
        return built, config.site_name, config.site_url

    def _offline_link(self) -> OfflineCopy | None:
        """The offline copy as this language's downloads page offers it."""
        if self._offline is None:
            return None
        assert self.rendered is not None
        built, site_name, site_url = self._offline
        options = self.rendered.options
        return offer(built, site_name, self.rendered.language, options.directory_urls, site_url)

    def _drop_offline_copy(self) -> None:
        if self._offline_work is not None:
            shutil.rmtree(self._offline_work, ignore_errors=True)
            self._offline_work = None

    def _want_planners(self) -> bool:
        if not self.config.planners:
            return False
        if self.command == "serve" and not self.config.planners_on_serve:
            log.info("Planner PDFs are skipped under `mkdocs serve` (set planners_on_serve)")
            return False
        return True

    def _planners(self, config: MkDocsConfig) -> dict[str, Path]:
        assert self.rendered is not None
        try:
            planners = publish_planners(
                self.rendered,
                self._root(config) / self.config.cache_dir,
                start=self._start_date(),
                report=log.info,
                offline=self._offline_link(),
            )
        except (OSError, RuntimeError) as error:
            raise PluginError(f"the planner PDFs could not be written: {error}") from None
        for message in (*planners.overflowing, *planners.unshowable):
            log.warning(message)
        return planners.files

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

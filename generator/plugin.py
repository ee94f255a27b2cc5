"""The MkDocs plugin: a thin adapter that adds the generated pages and planners to the build."""

from __future__ import annotations

import datetime
import logging
import posixpath
import re
import urllib.parse
from pathlib import Path
from typing import Literal

from babel import Locale
from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from generator import i18n
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


def alternates(languages: list[str], current: str) -> list[dict[str, str]]:
    """The site's languages for Material's switcher: each named in itself, with the root of its
    site relative to the root of the site being built (`es/`, or `../` from a translation)."""
    up = "" if current == i18n.SOURCE else "../"
    result = []
    for language in languages:
        name = Locale.parse(language).get_display_name(language) or language
        folder = "" if language == i18n.SOURCE else f"{language}/"
        result.append(
            {
                "name": name[:1].upper() + name[1:],
                "lang": language,
                "root": up + folder or "./",
                "folder": folder,
            }
        )
    return result


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


class CurriculumPlugin(BasePlugin[PluginConfig]):
    """Publishes a curriculum YAML file as pages of the site, with planner PDFs."""

    def __init__(self) -> None:
        self.rendered: RenderedSite | None = None
        self.source: Path | None = None
        self.command: str = "build"
        self.staging: StagedSite | None = None
        self._alternates: list[dict[str, str]] = []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before MkDocs cleans the site folder, so a bad file leaves the last site be.
        self.source = self._root(config) / self.config.curriculum
        options = Options(config.use_directory_urls, planners=self._want_planners())
        language = self.config.language or i18n.SOURCE
        try:
            self.rendered = build_pages(self.source, self.config.curriculum, options, language)
            # Every language is checked before anything is written, the source's first.
            for other in self._languages():
                translation = build_pages(
                    self.source, self.config.curriculum, options, other
                ).translation
                assert translation is not None
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
        if self.config.language:
            config.extra["progress_root"] = "../"  # progress is kept under the source's key
            config.site_name = self.rendered.curriculum.title  # the header's name, translated
        if self._languages() or self.config.language:
            self._alternates = alternates(
                [i18n.SOURCE, *(self.config.languages or self._languages())],
                language,
            )
        if self.command != "serve":  # serve builds into a temporary folder of its own
            try:
                self.staging = StagedSite(Path(config.site_dir))
            except OSError as error:
                log.info("Building in place: no staging folder beside the site (%s)", error)
            else:
                config.site_dir = str(self.staging.folder)
        return config

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The language switcher leads to this page in each language; so do the hreflang links
        # when the site's address is known (MkDocs' `url` filter cannot leave a language's
        # folder, so without `site_url` they name each language's home, as Material's do).
        if self._alternates:
            here = page.url if page.file.generated_by else ""
            depth = here.count("/") if page.file.generated_by else page.url.count("/")
            up = "../" * depth + ("../" if self.config.language else "")
            site_url = config.site_url or ""
            config.extra["alternate"] = [
                {
                    **alt,
                    "href": (up + alt["folder"] + here) or "./",
                    "link": site_url + alt["folder"] + here if site_url else alt["root"],
                }
                for alt in self._alternates
            ]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._languages() and self.command != "serve":
            for language in self._languages():
                self._build_language(config, language)
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
        if self.config.language:
            # Hand-written pages (the contributing guide) are in the source language only.
            for page in files.documentation_pages():
                files.remove(page)
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
            with i18n.language(self.rendered.language):
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
        search = built.plugins.get("material/search") or built.plugins.get("search")
        if search is not None:
            search.config["lang"] = [language]
        # MkDocs hands the nested build this very plugin object (it caches plugins that have
        # startup hooks): keep this build's state aside and put it back afterwards.
        saved = (self.config, self.rendered, self.source, self.staging, self._alternates)
        try:
            ours = built.plugins["curriculum"]
            assert isinstance(ours, CurriculumPlugin)
            ours.config["language"] = language
            build(built)
        finally:
            self.config, self.rendered, self.source, self.staging, self._alternates = saved

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

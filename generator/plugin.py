"""The MkDocs plugin: a thin adapter that adds the generated pages to the build."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import CurriculumError
from generator.nav import build_nav
from generator.pages import RenderedSite, build_pages

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PluginConfig(Config):
    """Options of the `curriculum` plugin in `mkdocs.yml`."""

    curriculum = c.Type(str, default="curriculum/roadmap.yml")
    """The curriculum YAML file, relative to `mkdocs.yml`."""


class CurriculumPlugin(BasePlugin[PluginConfig]):
    """Publishes a curriculum YAML file as pages of the site."""

    def __init__(self) -> None:
        self.rendered: RenderedSite | None = None
        self.source: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before MkDocs cleans the site folder, so a bad file leaves the last site be.
        root = Path(config.config_file_path or ".").resolve().parent
        self.source = root / self.config.curriculum
        try:
            self.rendered = build_pages(self.source, self.config.curriculum)
        except CurriculumError as error:
            raise PluginError(str(error)) from None
        config.watch.append(str(self.source))
        log.debug("Rendered %d pages from %s", len(self.rendered.pages), self.config.curriculum)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.rendered is not None and self.source is not None
        handwritten = [f.src_uri for f in files.documentation_pages()]
        for path, markdown in sorted(self.rendered.pages.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{path}: a hand-written page has the path of a generated "
                    "page; rename or remove it"
                )
            file = File.generated(config, path, content=markdown)
            file.edit_uri = self._edit_uri(config)
            files.append(file)
        if config.nav is None:
            config.nav = build_nav(self.rendered.site, sorted(handwritten))
        return files

    def _edit_uri(self, config: MkDocsConfig) -> str | None:
        assert self.source is not None
        if not config.edit_uri:
            return None
        return posixpath.relpath(self.source.as_posix(), Path(config.docs_dir).resolve().as_posix())

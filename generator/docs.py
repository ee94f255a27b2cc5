"""The docs folder: every file a site engine needs to build the site, by path, with no engine in
the loop. `python -m generator generate` writes it with a configuration beside it (MkDocs,
ProperDocs and Zensical build it as it is), and the MkDocs plugin publishes these very files, so
the two cannot drift.

What an engine would otherwise have to be told by a plugin is written into the files:
- each generated page's edit link (to the YAML lines it comes from) as `edit_url` in its front
  matter, which `overrides/partials/actions.html` prefers to the engine's own;
- a hand-written page that only includes another file (`--8<-- "CONTRIBUTING.md"`) holds that
  file's text, so no engine needs pymdownx.snippets for it;
- the navigation, the language switcher and the progress key's root as configuration
  (`site_config`).
"""

from __future__ import annotations

import json
import posixpath
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from generator import i18n, paths
from generator.nav import NavItem, build_nav
from generator.pages import RenderedSite

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_SNIPPET = re.compile(r'\A\s*--8<--\s+"([^"\n]+)"\s*\Z')


class DocsError(Exception):
    """The docs folder cannot be made: a hand-written page in a generated page's place, or a
    page that includes a file that is not there."""


def included_file(markdown: str) -> str | None:
    """The file a page is made of when its whole text is one snippet include
    (`--8<-- "CONTRIBUTING.md"`), relative to the snippets' base path."""
    match = _SNIPPET.match(markdown)
    return match.group(1) if match else None


def split_front_matter(markdown: str) -> tuple[str, str]:
    """A page's front matter block (with its `---` lines; empty if it has none) and its body."""
    match = _FRONT_MATTER.match(markdown)
    return (match.group(0), markdown[match.end() :]) if match else ("", markdown)


def with_meta(markdown: str, meta: Mapping[str, str]) -> str:
    """`markdown` with `meta` first in its front matter (a block is added if it has none)."""
    if not meta:
        return markdown
    lines = "".join(f"{key}: {json.dumps(meta[key], ensure_ascii=False)}\n" for key in meta)
    front, body = split_front_matter(markdown)
    if front:
        return "---\n" + lines + front.split("\n", 1)[1] + body
    return f"---\n{lines}---\n\n{body}"


@dataclass(frozen=True)
class Project:
    """What the docs folder takes from a site's configuration: where things are, and where its
    files are edited."""

    root: Path
    """The folder of the site's configuration (`mkdocs.yml`)."""
    docs_dir: Path
    """The hand-written pages' folder (MkDocs' `docs_dir`), which holds the curriculum."""
    curriculum: Path
    """The curriculum YAML file."""
    edit_uri: str | None = None
    """The absolute URL that a file of `docs_dir` is edited at when its path is appended
    (`repo_url` joined with `edit_uri`), or None for no edit links."""
    handwritten: tuple[str, ...] = ()
    """Hand-written files of `docs_dir` to publish, by path (pages and anything else)."""
    snippets_base: Path | None = None
    """Where a page's whole-page include is looked up (pymdownx.snippets' first base path)."""
    nav: bool = True
    """Whether the site's navigation is generated (False when the configuration has its own)."""

    def edit_url(self, file: Path) -> str | None:
        """The edit link of a file, inside `docs_dir` or out of it (`../CONTRIBUTING.md`)."""
        if not self.edit_uri:
            return None
        relative = posixpath.relpath(file.resolve().as_posix(), self.docs_dir.resolve().as_posix())
        return urllib.parse.urljoin(self.edit_uri, urllib.parse.quote(relative))


def edit_uri(repo_url: str | None, edit_uri: str | None) -> str | None:
    """Where files are edited, as MkDocs works it out: `edit_uri` taken relative to `repo_url`."""
    if not edit_uri or not (repo_url or "://" in edit_uri):
        return None
    base = urllib.parse.urljoin((repo_url or "").rstrip("/") + "/", edit_uri)
    return base if base.endswith("/") else base + "/"


@dataclass
class DocsFolder:
    """One language's docs folder, by path."""

    pages: dict[str, str]
    """Every Markdown page: the generated ones, then the hand-written ones."""
    assets: dict[str, str]
    """Other generated text files (the planner stylesheet, the progress manifest)."""
    files: dict[str, Path] = field(default_factory=dict)
    """Files published as they are: planner PDFs, hand-written files that are not pages."""
    nav: list[NavItem] | None = None
    """The navigation, or None if the configuration has its own."""
    source_only: list[str] = field(default_factory=list)
    """URLs of the pages that are in the source language only (the hand-written ones)."""


def docs_folder(
    rendered: RenderedSite, project: Project, planners: Mapping[str, Path] = {}
) -> DocsFolder:
    """The docs folder of a rendered site in its language, with its planner PDFs."""
    pages: dict[str, str] = {}
    lines_of = rendered.source_lines
    edit = project.edit_url(project.curriculum)
    for path, markdown in sorted(rendered.pages.items()):
        # A week is edited at its sprint's lines; a page made of no block of its own (the
        # downloads) in the file. Always set, so that no engine puts a link of its own.
        lines = lines_of(path)
        link = f"{_blob(edit)}#L{lines[0]}-L{lines[1]}" if edit and lines else edit
        pages[path] = with_meta(markdown, {"edit_url": link or ""})
    files = dict(sorted(planners.items()))
    assets = rendered.assets  # made on each access: the manifest is built once here
    source_only: list[str] = []
    extra: list[str] = []
    if rendered.language == i18n.SOURCE:  # hand-written pages are in the source language only
        directory_urls = rendered.options.directory_urls
        generated = {paths.page_url(page, directory_urls): page for page in pages}
        generated.update({path: path for path in [*assets, *files]})
        for path in project.handwritten:
            served = paths.page_url(path, directory_urls) if path.endswith(".md") else path
            if served in generated:
                raise DocsError(
                    f"{_shown(project, project.docs_dir / path)}: this hand-written page would "
                    f"be served at the URL of the generated page {generated[served]}; "
                    "rename or move it"
                )
            if path.endswith(".md"):
                pages[path] = _handwritten_page(project, path)
                source_only.append(paths.page_url(path, directory_urls))
                extra.append(path)
            else:
                files[path] = project.docs_dir / path
    nav = None
    if project.nav:
        with i18n.language(rendered.language):
            nav = build_nav(rendered.site, sorted(extra), rendered.options.planners)
    return DocsFolder(pages, assets, files, nav, source_only)


def _handwritten_page(project: Project, path: str) -> str:
    """A hand-written page as published: a whole-page include replaced by the included file,
    and its edit link leading to the file its text is in."""
    source = project.docs_dir / path
    markdown = source.read_text(encoding="utf-8-sig")
    front, body = split_front_matter(markdown)
    included = included_file(body)
    if included and project.snippets_base is not None:
        source = project.snippets_base / included
        try:
            body = "\n" + source.read_text(encoding="utf-8-sig")
        except OSError as error:
            shown = _shown(project, project.docs_dir / path)
            raise DocsError(f"{shown}: cannot include {included}: {error.strerror}") from None
        markdown = front + body
    edit = project.edit_url(source)
    return with_meta(markdown, {"edit_url": edit} if edit else {})


def _blob(url: str | None) -> str | None:
    """A GitHub-style edit URL turned into the one that shows the file (where lines can be
    pointed at); other URLs as they are."""
    return url.replace("/edit/", "/blob/", 1) if url and "/edit/" in url else url


def _shown(project: Project, path: Path) -> str:
    """A path as a contributor would type it, from the site's folder."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def alternates(languages: list[str], current: str) -> list[dict[str, str]]:
    """The site's languages for the switcher: each named in itself, with `root` the way from the
    root of the site being built to the root of the language's (`es/`, or `../` from a
    translation), and `link` its home page from that root. Relative, never from `site_url`:
    a preview, a test server or an offline copy stays on the site it shows (and the theme's
    script reads each language's sitemap from there)."""
    up = "" if current == i18n.SOURCE else "../"
    result = []
    for language in languages:
        name = Locale.parse(language).get_display_name(language) or language
        folder = "" if language == i18n.SOURCE else f"{language}/"
        root = up + folder
        result.append(
            {
                "name": name[:1].upper() + name[1:],
                "lang": language,
                "root": root,
                "link": root or "./",
            }
        )
    return result


def language_extra(
    language: str, languages: list[str], source_only: list[str]
) -> dict[str, object]:
    """The theme's `extra` settings of the site in `language`, one of `languages` (the source's
    first): the switcher's entries, the pages without a translation, and where the progress
    kept by the browser lives (the source site's root, so every language shares one)."""
    if len(languages) < 2:
        return {}
    extra: dict[str, object] = {
        "alternate": alternates(languages, language),
        "source_only": source_only,
    }
    if language != i18n.SOURCE:
        extra["progress_root"] = "../"
    return extra

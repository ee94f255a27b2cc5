"""A site project without an engine: its `mkdocs.yml` read as data, and the configuration an
engine needs beside a generated docs folder.

`generate --out DIR` writes `DIR/mkdocs.yml` and `DIR/docs/` (and, per translation,
`DIR/mkdocs-<lang>.yml` and `DIR/docs-<lang>/`). Any engine that reads `mkdocs.yml` builds
them: MkDocs and ProperDocs with no plugin of ours, Zensical (which runs no MkDocs plugin).
"""

from __future__ import annotations

import copy
import datetime
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator import i18n
from generator.docs import DocsFolder, Project, docs_folder, edit_uri, language_extra
from generator.offline import (
    MANIFEST_SCRIPT,
    WORKER_SHIM,
    manifest_script,
    offer,
    offline_config,
    worker_shim,
    zip_path,
)
from generator.pages import build_pages, publish_planners
from generator.paths import Options, language_site_url
from generator.pdf import Report
from generator.planner import NO_SITE_URL
from generator.progress import MANIFEST

PLUGIN = "curriculum"
"""The name of our MkDocs plugin in `plugins:`."""


class ConfigError(Exception):
    """The site's configuration cannot be read."""


class Tagged:
    """A YAML value with a tag this module does not interpret (`!!python/name:…`), kept so
    that the generated configuration carries it unchanged."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag = tag
        self.node = node


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads its configuration: `!ENV` and `!relative` resolved, other tags
    kept as they are."""

    root: Path


def _env(loader: _Loader, node: yaml.Node) -> Any:
    names = (
        [loader.construct_scalar(item) for item in node.value]
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    )
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)]) if os.environ[str(name)] else ""
    return default


def _relative(loader: _Loader, node: yaml.Node) -> str:
    value = loader.construct_scalar(node)  # type: ignore[arg-type]
    if str(value) not in ("$config_dir", ""):
        raise ConfigError(f"`!relative {value}`: only `!relative $config_dir` can be resolved")
    return str(loader.root)


def _keep(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    return Tagged(node.tag, node)


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)
_Loader.add_multi_constructor("!", _keep)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Tagged, lambda dumper, value: value.node)


def read_config(path: Path) -> dict[str, Any]:
    """The site's configuration as written, environment variables and `!relative` resolved."""
    loader = _Loader(path.read_text(encoding="utf-8-sig"))
    loader.root = path.resolve().parent
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: {error}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected the settings of a site, found {type(data).__name__}")
    return data


@dataclass(frozen=True)
class Settings:
    """The `curriculum` plugin's options, as `mkdocs.yml` sets them (the same defaults)."""

    curriculum: str = "curriculum/roadmap.yml"
    planners: bool = True
    cache_dir: str = ".cache/planners"
    start_date: datetime.date | None = None
    languages: tuple[str, ...] = ()
    offline_copy: bool = False


def plugin_settings(config: dict[str, Any]) -> Settings:
    """Our plugin's options from a configuration (the defaults when it does not name it)."""
    options: dict[str, Any] = {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            options = dict(entry[PLUGIN] or {})
    start = options.get("start_date")
    if start is not None and not isinstance(start, datetime.date):
        try:
            start = datetime.date.fromisoformat(str(start))
        except ValueError:
            raise ConfigError(
                f"plugins.curriculum.start_date: expected a date like 2025-01-06, found {start!r}"
            ) from None
    return Settings(
        curriculum=str(options.get("curriculum", Settings.curriculum)),
        planners=bool(options.get("planners", True)),
        cache_dir=str(options.get("cache_dir", Settings.cache_dir)),
        start_date=start,
        languages=tuple(str(language) for language in options.get("languages") or ()),
        offline_copy=bool(options.get("offline_copy", False)),
    )


def project_of(config: dict[str, Any], config_file: Path, curriculum: Path) -> Project:
    """What the docs folder needs to know of a project: its folders, its hand-written files
    (everything in `docs_dir` but the curriculum's YAML, hidden files and `exclude_docs`)
    and where its files are edited."""
    import pathspec

    root = config_file.resolve().parent
    docs_dir = root / str(config.get("docs_dir", "docs"))
    excluded = pathspec.GitIgnoreSpec.from_lines(
        [".*", "/templates/", *str(config.get("exclude_docs") or "").splitlines()]
    )
    handwritten = tuple(
        sorted(
            path.relative_to(docs_dir).as_posix()
            for path in docs_dir.rglob("*")
            if path.is_file()
            and not excluded.match_file(path.relative_to(docs_dir).as_posix())
            and path.resolve() != curriculum.resolve()
            and path.parent.resolve() != (curriculum.parent / "translations").resolve()
        )
    )
    snippets = _extension_options(config, "pymdownx.snippets")
    snippets_base = None
    if snippets is not None:
        base = snippets.get("base_path", ".")
        first = base[0] if isinstance(base, list) and base else base
        snippets_base = root / str(first)
    return Project(
        root=root,
        docs_dir=docs_dir,
        curriculum=curriculum,
        edit_uri=edit_uri(config.get("repo_url"), config.get("edit_uri", _default_edit(config))),
        handwritten=handwritten,
        snippets_base=snippets_base,
        nav=config.get("nav") is None,
    )


def _default_edit(config: dict[str, Any]) -> str | None:
    """MkDocs' `edit_uri` for a known host when the configuration names none."""
    repo = str(config.get("repo_url") or "")
    if "github.com" in repo or "gitlab.com" in repo:
        return "edit/master/docs/"
    if "bitbucket.org" in repo:
        return "src/default/docs/"
    return None


def _extension_options(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    for entry in config.get("markdown_extensions") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return None


def docs_name(language: str) -> str:
    """The docs folder of a language in the generated project."""
    return "docs" if language == i18n.SOURCE else f"docs-{language}"


def config_name(language: str) -> str:
    """The configuration file of a language in the generated project."""
    return "mkdocs.yml" if language == i18n.SOURCE else f"mkdocs-{language}.yml"


def site_config(
    config: dict[str, Any],
    docs: DocsFolder,
    language: str,
    languages: list[str],
    source_only: list[str],
    site_name: str | None = None,
) -> dict[str, Any]:
    """The configuration that builds one language's docs folder, from the site's own: our
    plugin's work done (navigation, language switcher, progress root), the folders of the
    generated project, the theme overrides copied beside it."""
    result = copy.deepcopy(config)
    result["docs_dir"] = docs_name(language)
    result["site_dir"] = "site" if language == i18n.SOURCE else f"site/{language}"
    result.pop("watch", None)
    if docs.nav is not None:
        result["nav"] = docs.nav
    theme = result.get("theme")
    if isinstance(theme, dict):
        if theme.get("custom_dir"):
            theme["custom_dir"] = "overrides"
        if language != i18n.SOURCE:
            theme["language"] = language
    if language != i18n.SOURCE:
        if site_name:
            result["site_name"] = site_name
        if result.get("site_url"):
            result["site_url"] = language_site_url(str(result["site_url"]), language)
    plugins = []
    for entry in result.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry), None)
        if name == PLUGIN:
            continue
        if name in ("search", "material/search") and language != i18n.SOURCE:
            options = dict(entry[name] or {}) if isinstance(entry, dict) else {}
            entry = {name: {**options, "lang": [language]}}
        plugins.append(entry)
    result["plugins"] = plugins
    extra = dict(result.get("extra") or {})
    extra.update(language_extra(language, languages, source_only))
    if extra:
        result["extra"] = extra
    return result


def dump_config(config: dict[str, Any]) -> str:
    """A configuration as YAML that MkDocs and Zensical both read."""
    header = "# Generated by `python -m generator generate`: edit the project's mkdocs.yml.\n"
    return header + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


#: What `generate` owns in its output folder, and removes when it no longer writes it.
_OWNED = ("docs", "overrides", "mkdocs.yml")


def _owned(name: str) -> bool:
    return name in _OWNED or name.startswith(("docs-", "mkdocs-"))


def write_project(out: Path, files: dict[str, str | Path]) -> list[str]:
    """Make the generated parts of `out` hold exactly `files` (text, or a file to copy), by
    path. A file whose bytes are already there is not touched, so an engine watching the folder
    sees only what changed; what an earlier run wrote and this one does not is removed. Nothing
    else in `out` (the built site, an engine's cache) is touched. Returns the paths written."""
    written = []
    for path, content in sorted(files.items()):
        target = out / path
        data = content.encode("utf-8") if isinstance(content, str) else content.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
        written.append(path)
    if out.is_dir():
        for entry in out.iterdir():
            if not _owned(entry.name):
                continue
            stale = [entry] if entry.is_file() else sorted(entry.rglob("*"), reverse=True)
            for item in stale:
                relative = item.relative_to(out).as_posix()
                if item.is_file() and relative not in files:
                    item.unlink()
                elif item.is_dir() and not any(item.iterdir()):
                    item.rmdir()
            if entry.is_dir() and not any(entry.iterdir()):
                entry.rmdir()
    return written


@dataclass(frozen=True)
class Generated:
    """A generated project, by path: one docs folder and configuration per language."""

    files: dict[str, str | Path]
    languages: list[str]
    """The languages, the source's first: the order to build them in (each but the first is
    built into a folder of the first's site)."""
    pages: int
    pdfs: int


def generate_project(
    config_file: Path,
    curriculum: Path | None = None,
    *,
    display_name: str | None = None,
    planners: bool = True,
    languages: list[str] | None = None,
    cache_dir: Path | None = None,
    report: Report = lambda message: None,
    offline: bool = False,
    offline_zip: Path | None = None,
) -> Generated:
    """Everything an engine needs to build the site that `config_file` describes, without our
    plugin: every language is validated before anything is laid out. `offline`: the copy
    that works opened from disk (`generator.offline`); `offline_zip`: that copy, built, to
    publish and offer on the downloads page."""
    config = read_config(config_file)
    settings = plugin_settings(config)
    # The published site's URL style: the offline copy's planners are the site's own.
    published = Options(bool(config.get("use_directory_urls", True)))
    if offline:
        config = offline_config(config)
    root = config_file.resolve().parent
    source = curriculum or root / settings.curriculum
    shown = display_name or (settings.curriculum if curriculum is None else str(curriculum))
    # Another curriculum than the configured one is built in its source language unless asked.
    wanted = languages or [i18n.SOURCE, *(settings.languages if curriculum is None else ())]
    options = Options(bool(config.get("use_directory_urls", True)), settings.planners and planners)
    site_url = str(config.get("site_url") or "") or None
    if not site_url:
        report(NO_SITE_URL)
    rendered = {}
    planner_options = {}
    for lang in wanted:
        address = language_site_url(site_url, lang)  # each language's planners lead to its pages
        planner_options[lang] = replace(published, site_url=address)
        # Offline, a page's QR code would lead to a `….html` address the site does not have.
        ours = replace(options, site_url=None if offline else address)
        rendered[lang] = build_pages(source, shown, ours, lang)
    project = project_of(config, config_file, source)
    folders = {}
    pdfs = 0
    for language, site in rendered.items():
        files = {}
        if options.planners:
            cache = cache_dir or root / settings.cache_dir
            told = report if len(wanted) == 1 else _prefixed(report, f"{language}: ")
            name, address = str(config.get("site_name", "")), config.get("site_url")
            offered = (
                offer(offline_zip, name, language, options.directory_urls, address)
                if offline_zip
                else None
            )
            files = publish_planners(
                site,
                cache,
                start=settings.start_date,
                report=told,
                planner_options=planner_options[language] if offline else None,
                offline=offered,
            ).files
            pdfs += len(files)
        folders[language] = docs_folder(site, project, files)
        if offline:
            assets = folders[language].assets
            assets[MANIFEST_SCRIPT] = manifest_script(assets[MANIFEST])
            assets[WORKER_SHIM] = worker_shim(root)
    if offline_zip is not None and options.planners:
        folders[wanted[0]].files[zip_path(str(config.get("site_name", "")))] = offline_zip
    source_only = folders[wanted[0]].source_only
    result: dict[str, str | Path] = {}
    everyone = [i18n.SOURCE, *settings.languages] if curriculum is None else wanted
    for language, docs in folders.items():
        folder = docs_name(language)
        for path, text in {**docs.pages, **docs.assets}.items():
            result[f"{folder}/{path}"] = text
        for path, file in docs.files.items():
            result[f"{folder}/{path}"] = file
        name = rendered[language].curriculum.title
        settings_of = site_config(config, docs, language, everyone, source_only, name)
        if offline:  # pages on disk: no canonical links and sitemap of `….html` addresses
            settings_of.pop("site_url", None)
        result[config_name(language)] = dump_config(settings_of)
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom:
        overrides = root / str(custom)
        for file in sorted(overrides.rglob("*")):
            if file.is_file():
                result[f"overrides/{file.relative_to(overrides).as_posix()}"] = file
    pages = sum(len(docs.pages) for docs in folders.values())
    return Generated(result, wanted, pages, pdfs)


def _prefixed(report: Report, prefix: str) -> Report:
    """`report` with each message starting `prefix` (the language it is about)."""
    return lambda message: report(prefix + message)

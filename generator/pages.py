"""The whole pipeline in one place: load → validate → expand → render."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import i18n, paths
from generator.errors import CurriculumError, Problem
from generator.errors import Path as KeyPath
from generator.expand import Site, expand_curriculum
from generator.load import Document, load_document
from generator.model import Curriculum
from generator.pdf import PlannerSet, Report, build_planners
from generator.planner import planner_css
from generator.progress import MANIFEST, build_manifest
from generator.render import OfflineCopy, render_downloads, render_site
from generator.translate import Translation, translate
from generator.validate import validate_document


@dataclass(frozen=True)
class RenderedSite:
    """A curriculum turned into pages, with what it was made from."""

    document: Document
    curriculum: Curriculum
    site: Site
    pages: dict[str, str]
    options: paths.Options
    language: str = i18n.SOURCE
    translation: Translation | None = None
    """What the translation covers, for a site in another language than the source's."""

    def source_lines(self, page: str) -> tuple[int, int] | None:
        """The lines of the YAML that a generated page is made from, if it has some."""
        path = self._sources.get(page)
        return self.document.lines(path) if path and path in self.document.values else None

    @functools.cached_property
    def _sources(self) -> dict[str, KeyPath]:
        return page_sources(self.site)

    @property
    def assets(self) -> dict[str, str]:
        """Files the pages need besides themselves: the planner stylesheet and the manifest
        the browser tracks progress with."""
        with i18n.language(self.language):
            manifest = build_manifest(self.site, self.options)
        return {paths.PLANNER_CSS: planner_css(), MANIFEST: manifest}


def load_curriculum(path: Path | str, display_name: str | None = None) -> Curriculum:
    """Load and validate a curriculum file; raises `CurriculumError` with every problem."""
    return validate_document(load_document(path, display_name))


def translation_file(curriculum: Path | str, language: str) -> Path:
    """Where the translation of a curriculum file into `language` lives."""
    return Path(curriculum).parent / "translations" / f"{language}.yml"


def translations_of(curriculum: Path | str) -> list[str]:
    """The languages a curriculum file has translations into."""
    folder = Path(curriculum).parent / "translations"
    return sorted(path.stem for path in folder.glob("*.yml"))


def load_translation(
    path: Path | str, curriculum: Curriculum, language: str, display_name: str | None = None
) -> Translation:
    """A curriculum in `language`, from its translation file; `CurriculumError` names every
    problem of the file (an unknown id, a list of the wrong length), located."""
    file = translation_file(path, language)
    if language not in i18n.available():
        name = display_name or str(file)
        message = (
            f"no catalog of the generator's words for `{language}` "
            f"(generator/locale/{language}/LC_MESSAGES/messages.po)"
        )
        raise CurriculumError([Problem(name, 1, 1, (), message)])
    shown = str(translation_file(display_name, language)) if display_name else None
    if not file.is_file():
        message = f"no translation into `{language}`: expected the file {shown or file}"
        raise CurriculumError([Problem(shown or str(file), 1, 1, (), message)])
    translation, problems = translate(curriculum, load_document(file, shown), language)
    if problems:
        raise CurriculumError(problems)
    return translation


def build_pages(
    path: Path | str,
    display_name: str | None = None,
    options: paths.Options = paths.DEFAULT_OPTIONS,
    language: str = i18n.SOURCE,
) -> RenderedSite:
    """Every page of the site for the curriculum file at `path`, in `language` (the source's,
    or one the curriculum has a translation into)."""
    with _no_cycle_collection():
        return _build_pages(path, display_name, options, language)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Building pages allocates tens of
    thousands of objects, nearly none of them in cycles (reference counting frees them), and
    every few hundred allocations CPython's collector would walk them, and now and then every
    object the process holds, MkDocs' and the theme's included: a third of a first build's
    time. What cycles the build leaves are collected as usual afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _build_pages(
    path: Path | str, display_name: str | None, options: paths.Options, language: str
) -> RenderedSite:
    document = load_document(path, display_name)
    curriculum = validate_document(document)
    translation = None
    if language != i18n.SOURCE:
        translation = load_translation(path, curriculum, language, display_name)
        curriculum = translation.curriculum
    site = expand_curriculum(curriculum)
    with i18n.language(language):
        pages = render_site(site, options)
    return RenderedSite(document, curriculum, site, pages, options, language, translation)


def publish_planners(
    rendered: RenderedSite,
    cache_dir: Path,
    *,
    start: datetime.date | None = None,
    jobs: int | None = None,
    report: Report = lambda message: None,
    planner_options: paths.Options | None = None,
    offline: OfflineCopy | None = None,
) -> PlannerSet:
    """Lay out (or take from the cache) every planner PDF of the site, and give the downloads
    page each file's size, known now that the files exist, and the offline copy's link.
    `planner_options` are the published site's when the pages are built otherwise (the
    offline copy's planners are the site's own, their QR codes leading to its pages)."""
    with i18n.language(rendered.language):
        options = planner_options or rendered.options
        planners = build_planners(
            rendered.site, cache_dir, start=start, options=options, jobs=jobs, report=report
        )
        sizes = {path: source.stat().st_size for path, source in planners.files.items()}
        rendered.pages[paths.DOWNLOADS] = render_downloads(
            rendered.site, rendered.options, sizes, offline
        )
    return planners


def page_sources(site: Site) -> dict[str, KeyPath]:
    """The YAML block each generated page is made from: a week page from its sprint, a track
    overview from its track, the shared pages from their sections."""
    curriculum = site.curriculum
    sources: dict[str, KeyPath] = {
        paths.HOME: ("intro",) if "intro" in curriculum.model_fields_set else ("title",),
        paths.MILESTONES: ("milestones",),
        paths.ROUTINE: ("weekly_routine",) if curriculum.weekly_routine else ("daily_split",),
        paths.CHECKPOINTS: ("checkpoint",),
    }
    for i, side in enumerate(curriculum.side_tracks):
        sources[paths.side_track_page(side.id)] = ("side_tracks", i)
    sprint_index = {sprint.id: i for i, sprint in enumerate(curriculum.sprints)}
    for i, plan in enumerate(site.tracks):
        sources[paths.track_page(plan.track.id)] = ("tracks", i)
        for week in plan.weeks:
            page = paths.week_page(plan.track.id, week.number)
            sources[page] = ("sprints", sprint_index[week.span.sprint.id])
    return sources

"""The whole pipeline in one place: load → validate → expand → render."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from generator import paths
from generator.errors import Path as KeyPath
from generator.expand import Site, expand_curriculum
from generator.load import Document, load_document
from generator.model import Curriculum
from generator.pdf import PlannerSet, Report, build_planners
from generator.planner import planner_css
from generator.progress import MANIFEST, build_manifest
from generator.render import render_downloads, render_site
from generator.validate import validate_document


@dataclass(frozen=True)
class RenderedSite:
    """A curriculum turned into pages, with what it was made from."""

    document: Document
    curriculum: Curriculum
    site: Site
    pages: dict[str, str]
    options: paths.Options

    def source_lines(self, page: str) -> tuple[int, int] | None:
        """The lines of the YAML that a generated page is made from, if it has some."""
        path = page_sources(self.site).get(page)
        return self.document.lines(path) if path and path in self.document.values else None

    @property
    def assets(self) -> dict[str, str]:
        """Files the pages need besides themselves: the planner stylesheet and the manifest
        the browser tracks progress with."""
        manifest = build_manifest(self.site, self.options)
        return {paths.PLANNER_CSS: planner_css(), MANIFEST: manifest}


def load_curriculum(path: Path | str, display_name: str | None = None) -> Curriculum:
    """Load and validate a curriculum file; raises `CurriculumError` with every problem."""
    return validate_document(load_document(path, display_name))


def build_pages(
    path: Path | str,
    display_name: str | None = None,
    options: paths.Options = paths.DEFAULT_OPTIONS,
) -> RenderedSite:
    """Every page of the site for the curriculum file at `path`."""
    document = load_document(path, display_name)
    curriculum = validate_document(document)
    site = expand_curriculum(curriculum)
    return RenderedSite(document, curriculum, site, render_site(site, options), options)


def publish_planners(
    rendered: RenderedSite,
    cache_dir: Path,
    *,
    start: datetime.date | None = None,
    jobs: int | None = None,
    report: Report = lambda message: None,
) -> PlannerSet:
    """Lay out (or take from the cache) every planner PDF of the site, and give the downloads
    page each file's size, known now that the files exist."""
    planners = build_planners(rendered.site, cache_dir, start=start, jobs=jobs, report=report)
    sizes = {path: source.stat().st_size for path, source in planners.files.items()}
    rendered.pages[paths.DOWNLOADS] = render_downloads(rendered.site, rendered.options, sizes)
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

"""Where each page lives in the docs folder. URLs follow from these (`fast-track/week-05.md` is
served at `/fast-track/week-05/`); people bookmark and print them, so they stay stable."""

from __future__ import annotations

from dataclasses import dataclass

HOME = "index.md"
MILESTONES = "milestones.md"
ROUTINE = "weekly-routine.md"
CHECKPOINTS = "checkpoints.md"
DOWNLOADS = "downloads.md"
PLANNER_CSS = "assets/stylesheets/planner.css"


def week_pdf(track_id: str, week: int, size: str) -> str:
    """Where a week's planner PDF is published."""
    return f"planners/{track_id}/week-{week:02d}-{size}.pdf"


def track_pdf(track_id: str, size: str) -> str:
    """Where a track's bundle of planners is published."""
    return f"planners/{track_id}-{size}.pdf"


def track_page(track_id: str) -> str:
    """The overview page of a track."""
    return f"{track_id}/index.md"


def week_page(track_id: str, week: int) -> str:
    """The page of one week of a track."""
    return f"{track_id}/week-{week:02d}.md"


def side_track_page(side_track_id: str) -> str:
    """The page of a side track (the career track)."""
    return f"{side_track_id}.md"


@dataclass(frozen=True)
class Options:
    """How the site is built: its URL style, and whether planner PDFs are published with it."""

    directory_urls: bool = True
    planners: bool = True


def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL a page is served at, relative to the site root: `fast-track/week-05/`
    (`fast-track/week-05.html` without directory URLs)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def download_name(path: str) -> str:
    """The name a planner PDF is saved under: unique across tracks (`fast-track-week-05-a4.pdf`)."""
    return path.removeprefix("planners/").replace("/", "-")


DEFAULT_OPTIONS = Options()

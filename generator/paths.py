"""Where each page lives in the docs folder. URLs follow from these (`fast-track/week-05.md` is
served at `/fast-track/week-05/`); people bookmark and print them, so they stay stable."""

from __future__ import annotations

from dataclasses import dataclass

from generator import i18n

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
    """How the site is built: its URL style, whether planner PDFs are published with it, and
    the address it is published at."""

    directory_urls: bool = True
    planners: bool = True
    site_url: str | None = None
    """The address of the site in its language (MkDocs' `site_url`, with `es/` for Spanish),
    which the planners' QR codes lead to; None for none."""


def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL a page is served at, relative to the site root: `fast-track/week-05/`
    (`fast-track/week-05.html` without directory URLs)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_address(page: str, options: Options) -> str | None:
    """The absolute address a page is published at, or None if the site's address is unknown."""
    if not options.site_url:
        return None
    return options.site_url.rstrip("/") + "/" + page_url(page, options.directory_urls)


def language_site_url(site_url: str | None, language: str) -> str | None:
    """The address of the site in `language`, from the source language's: a translation is
    published at `<lang>/` below it."""
    if not site_url:
        return None
    root = site_url.rstrip("/") + "/"
    return root if language == i18n.SOURCE else f"{root}{language}/"


def download_name(path: str) -> str:
    """The name a planner PDF is saved under: unique across tracks (`fast-track-week-05-a4.pdf`)."""
    return path.removeprefix("planners/").replace("/", "-")


DEFAULT_OPTIONS = Options()

"""Planner PDFs: every PDF concern sits behind `build_planners`.

A track's planners are laid out by WeasyPrint once, on the area every paper holds
(`LAYOUT_MM`), and split into one PDF per week; each week's PDF is then centred on each paper by
pikepdf, which only widens the page's boxes (content, links and bookmarks stay where they are).
The track bundle joins those pages in order. Each week's PDFs are cached under a hash of
everything that shapes them (its HTML, the stylesheet, the WeasyPrint version), so a rebuild
after editing one sprint lays out only that sprint's weeks. Documents are laid out in parallel
processes, one per core.

Fit rule: a week whose planner does not fit on one page is laid out again with smaller type, down
to `DENSITIES[-1]`; a week still too full then continues on a second page (and a warning says so).
Text is never cut.

Every week's text is checked against the fonts installed (`generator.fonts`), cached or not: a
character that no font has would print as an empty box, so the build warns, naming it.
"""

from __future__ import annotations

import collections
import concurrent.futures
import datetime
import functools
import hashlib
import importlib.metadata
import io
import itertools
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import i18n
from generator.expand import Site, TrackPlan
from generator.fonts import Coverage, describe, html_text, installed_coverage, unshowable
from generator.i18n import _
from generator.marks import Mark, operators, take_marks
from generator.paths import DEFAULT_OPTIONS, Options, track_pdf, week_pdf
from generator.planner import (
    DENSITIES,
    LAYOUT_MM,
    PAGE_MARGIN_MM,
    PAPER_MM,
    SIZES,
    planner_anchor,
    planner_css,
    planner_document_template,
    render_planner,
    render_planner_document,
    track_planners,
    with_density,
)
from generator.words import count

CACHE_VERSION = "4"
#: Weeks a layout job takes at most: WeasyPrint takes longer a page the longer its document
#: (0.14 s a week in a document of 3 weeks, 0.17 s in 12, 0.19 s in 36, one core), and short
#: jobs keep every core busy to the end.
MAX_CHUNK_WEEKS = 6


@functools.cache
def _renderer() -> str:
    """The code and versions behind the PDFs: a change to any of them renders everything anew."""
    return repr(
        (
            CACHE_VERSION,
            importlib.metadata.version("weasyprint"),
            importlib.metadata.version("pikepdf"),
            PAGE_MARGIN_MM,
            PAPER_MM,
            DENSITIES,
        )
    )


Report = Callable[[str], None]


@dataclass(frozen=True)
class _WeekSource:
    track_id: str
    number: int
    key: str
    fragment: str
    label: int
    """The week's number as the curriculum shows it (messages name it so)."""
    titles: tuple[tuple[str, str], ...]
    """Each paper size, and the title its PDFs carry."""

    @property
    def anchor(self) -> str:
        return planner_anchor(self.track_id, self.number)

    def path(self, cache_dir: Path, size: str) -> Path:
        return cache_dir / f"{self.key}-{size}.pdf"


@dataclass(frozen=True)
class _Job:
    """Weeks laid out in one document: of one track or of several (a document's fixed cost is
    shared, and every core gets an even share of the weeks)."""

    weeks: tuple[_WeekSource, ...]
    language: str = i18n.SOURCE

    @property
    def tracks(self) -> set[str]:
        return {week.track_id for week in self.weeks}


@dataclass
class PlannerSet:
    """The planner PDFs of a build: output path (`planners/...`) → file in the cache."""

    files: dict[str, Path] = field(default_factory=dict)
    rendered: int = 0
    cached: int = 0
    shrunk: list[str] = field(default_factory=list)
    overflowing: list[str] = field(default_factory=list)
    unshowable: list[str] = field(default_factory=list)


def build_planners(
    site: Site,
    cache_dir: Path,
    *,
    tracks: Sequence[str] | None = None,
    sizes: Sequence[str] = tuple(SIZES),
    start: datetime.date | None = None,
    options: Options = DEFAULT_OPTIONS,
    jobs: int | None = None,
    report: Report = lambda message: None,
) -> PlannerSet:
    """Render (or take from the cache) every planner PDF asked for, each with a QR code to its
    week's page when `options` know the site's address (part of the HTML, so of the cache key)."""
    began = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    plans = [plan for plan in site.tracks if tracks is None or plan.track.id in tracks]
    result = PlannerSet()
    missing: list[_WeekSource] = []
    coverage = _font_coverage(report)
    for plan in plans:
        fragments = {
            planner.week.number: render_planner(site.curriculum, planner)
            for planner in track_planners(site, plan, start, options)
        }
        labels = {week.number: week.label for week in plan.weeks}
        _check_fonts(plan.track.id, fragments, labels, coverage, result, report)
        titles = _titles(plan)
        weeks = [
            _WeekSource(plan.track.id, n, _cache_key(text, i18n.current()), text, labels[n], titles)
            for n, text in fragments.items()
        ]
        for week in weeks:
            for size in sizes:
                result.files[week_pdf(plan.track.id, week.number, size)] = week.path(
                    cache_dir, size
                )
        laid = [w for w in weeks if not all(w.path(cache_dir, s).exists() for s in sizes)]
        result.cached += len(weeks) - len(laid)
        missing += laid
    chunk = _chunk_size(len(missing), jobs)
    work = [
        _Job(tuple(missing[first : first + chunk]), i18n.current())
        for first in range(0, len(missing), chunk)
    ]
    bundles = [_bundle_job(plan, size, result, cache_dir) for plan in plans for size in sizes]
    for bundle in bundles:
        result.files[bundle.path] = bundle.target
    _run(work, [b for b in bundles if not b.target.exists()], cache_dir, result, jobs, report)
    elapsed = time.perf_counter() - began
    report(
        f"Planners: {count(len(result.files), 'PDF')} ({count(result.rendered, 'week')} laid out, "
        f"{result.cached} from the cache) in {elapsed:.1f} s"
    )
    return result


def _font_coverage(report: Report) -> Coverage | None:
    coverage = installed_coverage()
    if isinstance(coverage, str):
        report(f"Planners: {coverage}; characters no font can show are not looked for")
        return None
    return coverage


def _check_fonts(
    track_id: str,
    fragments: dict[int, str],
    labels: dict[int, int],
    coverage: Coverage | None,
    result: PlannerSet,
    report: Report,
) -> None:
    """Warn of characters no installed font has: a PDF would show them as empty boxes."""
    if coverage is None:
        return
    for number, fragment in fragments.items():
        if missing := unshowable(html_text(fragment), coverage):
            message = (
                f"planners: track {track_id} week {labels[number]} uses characters no installed "
                f"font can show: {describe(missing)}"
            )
            result.unshowable.append(message)
            report("WARNING " + message)


def _titles(plan: TrackPlan) -> tuple[tuple[str, str], ...]:
    return tuple((size, _title(plan, size)) for size in SIZES)


def _title(plan: TrackPlan, size: str) -> str:
    return _("%(track)s: weekly planners (%(paper)s)") % {
        "track": plan.track.name,
        "paper": SIZES[size],
    }


def _cache_key(fragment: str, language: str) -> str:
    """A hash of everything that shapes a week's PDFs."""
    digest = hashlib.sha256()
    for part in (_renderer(), language, planner_css(), planner_document_template(), fragment):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _chunk_size(weeks: int, jobs: int | None) -> int:
    """How many weeks a layout job takes: an even share for each core (jobs take weeks of any
    track, so they are the same size), at most `MAX_CHUNK_WEEKS`."""
    cores = jobs or len(os.sched_getaffinity(0))
    return max(1, min(MAX_CHUNK_WEEKS, -(-weeks // cores)))


def _run(
    work: list[_Job],
    bundles: list[_BundleJob],
    cache_dir: Path,
    result: PlannerSet,
    jobs: int | None,
    report: Report,
) -> None:
    """Lay out the weeks, then join the bundles, on every core."""
    if not work and not bundles:
        return
    workers = max(1, min(jobs or len(os.sched_getaffinity(0)), max(len(work), len(bundles))))
    if threading.active_count() > 1:
        # Forking a process that runs other threads (`mkdocs serve`) could copy a held lock,
        # and spawned workers would re-import the caller's __main__: lay out in-process.
        workers = 1
    if work:
        weeks = count(sum(len(job.weeks) for job in work), "week")
        report(f"Planners: laying out {weeks} on {count(workers, 'core')}…")
    if workers == 1:
        outcomes = map(_layout, work)
        _collect(zip(work, outcomes, strict=True), cache_dir, result, report)
        for bundle in bundles:
            _join(bundle)
        return
    # Fork: workers inherit the loaded modules, WeasyPrint included (imported once, here).
    import weasyprint  # noqa: F401

    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        longest_first = sorted(work, key=lambda job: -len(job.weeks))
        futures = {pool.submit(_layout, job): job for job in longest_first}
        # A track's bundles are joined as soon as its weeks are written, while a core is free.
        left = collections.Counter(track for job in work for track in job.tracks)
        joins = [pool.submit(_join, b) for b in bundles if not left[b.track_id]]
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            _collect([(job, future.result())], cache_dir, result, report)
            for track in job.tracks:
                left[track] -= 1
                if not left[track]:
                    joins += [pool.submit(_join, b) for b in bundles if b.track_id == track]
        for join in joins:
            join.result()


# Per job, by the week's place in the job: paper → PDF bytes, the density step used, pages;
# and the seconds taken.
_Outcome = tuple[dict[int, dict[str, bytes]], dict[int, int], dict[int, int], float]


def _collect(
    done: Iterable[tuple[_Job, _Outcome]], cache_dir: Path, result: PlannerSet, report: Report
) -> None:
    for job, (pdfs, densities, pages, seconds) in done:
        for index, week in enumerate(job.weeks):
            for size, pdf in pdfs[index].items():
                _write_atomic(week.path(cache_dir, size), pdf)
        result.rendered += len(job.weeks)
        for index, density in sorted(densities.items()):
            week = job.weeks[index]
            where = f"{week.track_id} week {week.label}"
            if pages[index] > 1:
                message = (
                    f"{where}: the planner does not fit on one page even in the smallest type; "
                    f"it continues over {pages[index]} pages"
                )
                result.overflowing.append(message)
                report("WARNING " + message)
            elif density:
                result.shrunk.append(where)
                report(f"Planners: {where} is set in smaller type (step {density}) to fit its page")
        report(f"Planners: {_spans(job.weeks)}: laid out in {seconds:.1f} s")


def _spans(weeks: Sequence[_WeekSource]) -> str:
    """The weeks of a job, as `fast-track, weeks 9–12; standard, weeks 13–14`."""
    spans = []
    for track_id, group in itertools.groupby(weeks, key=lambda week: week.track_id):
        labels = [week.label for week in group]
        first, last = labels[0], labels[-1]
        span = f"week {first}" if first == last else f"weeks {first}–{last}"
        spans.append(f"{track_id}, {span}")
    return "; ".join(spans)


def _layout(job: _Job) -> _Outcome:
    """Lay out a job's weeks (in a worker process): paper → PDF bytes, for each week."""
    import weasyprint

    began = time.perf_counter()
    density = dict.fromkeys(range(len(job.weeks)), 0)
    pdfs: dict[int, dict[str, bytes]] = {}
    used: dict[int, int] = {}
    page_counts: dict[int, int] = {}
    while density:
        todo = sorted(density)
        weeks = [job.weeks[index] for index in todo]
        html = render_planner_document(
            [with_density(job.weeks[index].fragment, density[index]) for index in todo],
            weeks[0].titles[0][1],
            job.language,
        )
        document = weasyprint.HTML(string=html).render()
        seen: set[int] = set()
        marks = [take_marks(page, seen) for page in document.pages]
        starts = _first_pages(document, [week.anchor for week in weeks])
        retry: dict[int, int] = {}
        for place, (index, week) in enumerate(zip(todo, weeks, strict=True)):
            end = starts[place + 1] if place + 1 < len(todo) else len(document.pages)
            pages = document.pages[starts[place] : end]
            if len(pages) > 1 and density[index] < DENSITIES[-1]:
                retry[index] = density[index] + 1
                continue
            used[index], page_counts[index] = density[index], len(pages)
            identifier = week.key.encode("ascii")
            laid_out = document.copy(pages).write_pdf(pdf_identifier=identifier)
            pdfs[index] = _on_papers(laid_out, marks[starts[place] : end], week.titles)
        density = retry
    return pdfs, used, page_counts, time.perf_counter() - began


def _on_papers(
    laid_out: bytes, marks: list[list[Mark]], titles: tuple[tuple[str, str], ...]
) -> dict[str, bytes]:
    """A PDF laid out on `LAYOUT_MM`, its marks drawn (`generator.marks`), centred on each
    paper: each page's boxes grow evenly on every side (a box may start below zero), so the
    content, links and bookmarks stay as they are."""
    import pikepdf

    points = 72 / 25.4
    papers = {}
    with pikepdf.open(io.BytesIO(laid_out)) as pdf:
        for page, page_marks in zip(pdf.pages, marks, strict=True):
            if page_marks:
                # WeasyPrint's drawing in a saved state of its own, then the marks.
                page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
                height = float(page.obj.MediaBox[3])
                drawn = b"Q\n" + operators(page_marks, height)
                page.contents_add(pikepdf.Stream(pdf, drawn))
        laid = [[float(v) for v in page.obj.MediaBox] for page in pdf.pages]
        for size, title in titles:
            grow = [
                (paper - layout) / 2 * points
                for paper, layout in zip(PAPER_MM[size], LAYOUT_MM, strict=True)
            ]
            for page, (x0, y0, x1, y1) in zip(pdf.pages, laid, strict=True):
                box = pikepdf.Array([x0 - grow[0], y0 - grow[1], x1 + grow[0], y1 + grow[1]])
                for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
                    page.obj[name] = box
            pdf.docinfo["/Title"] = title
            buffer = io.BytesIO()
            pdf.save(buffer, deterministic_id=True)
            papers[size] = buffer.getvalue()
    return papers


def _first_pages(document: Any, anchors: list[str]) -> list[int]:
    """The index of the page each week's planner (by its anchor) starts on."""
    pages = document.pages
    return [next(i for i, page in enumerate(pages) if anchor in page.anchors) for anchor in anchors]


@dataclass(frozen=True)
class _BundleJob:
    """A track's planners on one paper, joined into one PDF with a bookmark per week."""

    track_id: str
    path: str
    """Where the site publishes it."""
    target: Path
    """Where it is cached."""
    weeks: tuple[Path, ...]
    bookmarks: tuple[str, ...]
    title: str
    language: str


def _bundle_job(plan: TrackPlan, size: str, result: PlannerSet, cache_dir: Path) -> _BundleJob:
    """The bundle of a track on a paper, cached under the keys of its weeks' PDFs."""
    weeks = tuple(result.files[week_pdf(plan.track.id, w.number, size)] for w in plan.weeks)
    language = i18n.current()
    bookmarks = tuple(
        _("Week %(number)s") % {"number": week.label} + f" · {week.span.title}"
        for week in plan.weeks
    )
    parts = [_renderer(), size, language, plan.track.name, *bookmarks, *(p.stem for p in weeks)]
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
    target = cache_dir / f"bundle-{digest}.pdf"
    path = track_pdf(plan.track.id, size)
    title = _title(plan, size)
    return _BundleJob(plan.track.id, path, target, weeks, bookmarks, title, language)


def _join(job: _BundleJob) -> None:
    """Join a bundle's weeks (in a worker process)."""
    import pikepdf

    with pikepdf.new() as bundle:
        starts = []
        for path in job.weeks:
            starts.append(len(bundle.pages))
            with pikepdf.open(path) as week:
                bundle.pages.extend(week.pages)
        with bundle.open_outline() as outline:
            outline.root.extend(
                pikepdf.OutlineItem(title, first)
                for title, first in zip(job.bookmarks, starts, strict=True)
            )
        bundle.docinfo["/Title"] = job.title
        bundle.Root.Lang = pikepdf.String(job.language)
        buffer = io.BytesIO()
        # Object streams pack the weeks' many small objects (fonts' widths and descriptors):
        # the bundle is half the size and written in half the time.
        bundle.save(
            buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
    _write_atomic(job.target, buffer.getvalue())


def _write_atomic(target: Path, data: bytes) -> None:
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)


def copy_planners(planners: PlannerSet, out_dir: Path) -> list[Path]:
    """Copy a planner set into a folder (without its `planners/` prefix)."""
    written = []
    for path, source in sorted(planners.files.items()):
        target = out_dir / path.removeprefix("planners/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        written.append(target)
    return written

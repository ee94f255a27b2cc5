"""Planner PDFs, read back with pypdf: one page per week at the right size, the week's content,
bundles in order, the cache, the fit rule for crowded weeks, and dated planners."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import segno
import yaml
from PIL import Image, ImageChops, ImageOps
from pypdf import PdfReader

from generator import build_pages, pdf
from generator.expand import Site
from generator.marks import qr_runs
from generator.paths import Options
from generator.pdf import PlannerSet, build_planners
from generator.planner import (
    NO_SITE_URL,
    planner_anchor,
    planner_slot,
    render_planner,
    set_aside,
    track_planners,
)
from generator.project import generate_project, read_config
from tests.conftest import FIXTURES, ROADMAP, ROOT, Build, Visit, make_project, run_build

SIZES_PT = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
#: The published address (`site_url` in mkdocs.yml): every planner's QR code leads below it.
SITE_URL = str(read_config(ROOT / "mkdocs.yml")["site_url"])
#: How the site builds its planners: with the QR code, which takes room in the header.
PUBLISHED = Options(site_url=SITE_URL)
QUESTIONS = [
    "Can I demo something working?",
    "Can I explain metrics and tradeoffs?",
    "Did I write at least one test?",
    "Did I improve a baseline with evidence?",
]


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def roadmap_site() -> Site:
    return build_pages(ROADMAP).site


@pytest.fixture(scope="session")
def roadmap_planners(roadmap_build: Build) -> Path:
    """The planners the real site build published."""
    return roadmap_build.site / "planners"


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_every_week_has_one_page_of_the_right_size(
    roadmap_planners: Path, roadmap_site: Site, size: str
) -> None:
    for plan in roadmap_site.tracks:
        for week in plan.weeks:
            reader = PdfReader(
                roadmap_planners / plan.track.id / f"week-{week.number:02d}-{size}.pdf"
            )
            assert len(reader.pages) == 1
            box = reader.pages[0].mediabox
            assert float(box.width) == pytest.approx(SIZES_PT[size][0], abs=1)
            assert float(box.height) == pytest.approx(SIZES_PT[size][1], abs=1)


@pytest.mark.parametrize("week", [1, 8, 24])
def test_both_papers_carry_the_same_layout_centred_and_uncut(
    roadmap_planners: Path, week: int, tmp_path: Path
) -> None:
    """One layout serves both papers: the same drawing, placed in the middle of each page with
    at least the 10 mm margin all round, nothing cut (read back as pixels)."""
    require_pdftoppm()
    a4, letter = (
        roadmap_planners / "fast-track" / f"week-{week:02d}-{size}.pdf" for size in SIZES_PT
    )
    assert PdfReader(a4).pages[0].get_contents().get_data() == (  # type: ignore[union-attr]
        PdfReader(letter).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    )
    margins = {}
    for size, path in (("a4", a4), ("letter", letter)):
        subprocess.run(["pdftoppm", "-png", "-r", "100", path, tmp_path / size], check=True)
        with Image.open(tmp_path / f"{size}-1.png") as page:
            ink = ImageOps.invert(page.convert("L")).point(lambda v: 255 if v > 40 else 0)
            left, top, right, bottom = ink.getbbox()  # type: ignore[misc]
            width, height = page.size
        mm = 100 / 25.4  # pixels a millimetre
        margins[size] = [left / mm, top / mm, (width - right) / mm, (height - bottom) / mm]
        assert min(margins[size]) >= 9.5, (size, margins)
        assert margins[size][0] == pytest.approx(margins[size][2], abs=1), (size, margins)
    # A4 is 17.6 mm taller, Letter 5.9 mm wider: each gets half of it on either side.
    assert margins["a4"][1] - margins["letter"][1] == pytest.approx(8.8, abs=0.5)
    assert margins["letter"][0] - margins["a4"][0] == pytest.approx(2.95, abs=0.5)


def require_pdftoppm() -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing (apt-get install poppler-utils)")


def test_each_week_holds_its_number_sprint_and_deliverables(
    roadmap_planners: Path, roadmap_site: Site
) -> None:
    for plan in roadmap_site.tracks:
        for week in plan.weeks:
            text = text_of(roadmap_planners / plan.track.id / f"week-{week.number:02d}-a4.pdf")
            assert re.search(rf"\bWeek {week.number} of {plan.track.weeks}\b", text)
            assert week.span.sprint.title in text
            for deliverable in week.deliverables:
                assert deliverable.check.text in text
            for question in QUESTIONS:
                assert (question in text) == bool(week.checkpoint), (plan.track.id, week.number)


def test_a_milestone_week_names_its_milestone(roadmap_planners: Path) -> None:
    text = text_of(roadmap_planners / "standard" / "week-36-letter.pdf")
    assert "MILESTONE THIS WEEK Job-ready package (resume, LinkedIn, interview practice)" in text


def test_career_tasks_appear_from_week_six(roadmap_planners: Path) -> None:
    assert "Update LinkedIn weekly" not in text_of(roadmap_planners / "fast-track/week-05-a4.pdf")
    week_7 = text_of(roadmap_planners / "fast-track/week-07-a4.pdf")
    assert "Update LinkedIn weekly" in week_7
    assert "Post 1 project update every 2 weeks" not in week_7


@pytest.mark.parametrize(("track_id", "weeks"), [("fast-track", 24), ("standard", 36)])
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_track_bundle_has_every_week_in_order(
    roadmap_planners: Path, track_id: str, weeks: int, size: str
) -> None:
    reader = PdfReader(roadmap_planners / f"{track_id}-{size}.pdf")
    assert len(reader.pages) == weeks
    for number, page in enumerate(reader.pages, start=1):
        assert re.search(rf"\bWeek {number} of {weeks}\b", " ".join(page.extract_text().split()))
    assert [item.title for item in reader.outline][:2] == [
        "Week 1 · Foundations Sprint",
        "Week 2 · Foundations Sprint",
    ]


def test_week_pages_and_downloads_link_existing_pdfs(roadmap_build: Build) -> None:
    for page in ["fast-track/week-05", "standard/week-36", "downloads"]:
        html = roadmap_build.html(page)
        links = re.findall(r'href="([^"]+\.pdf)"', html)
        assert links
        for link in links:
            assert (roadmap_build.site / page / link).resolve().is_file(), (page, link)


def build(site: Site, cache: Path, **options: object) -> PlannerSet:
    """The planners of `site`, with QR codes to the published site unless `options` say."""
    settings = {"jobs": 2, "options": PUBLISHED, **options}
    return build_planners(site, cache, **settings)  # type: ignore[arg-type]


def test_rebuild_reuses_the_cache_and_lays_out_only_a_changed_sprint(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    site = build_pages(ROADMAP).site
    first = build(site, cache)
    assert (first.rendered, first.cached) == (60, 0)  # each week laid out once, for both papers
    assert first.shrunk == [] and first.overflowing == []
    again = build(site, cache)
    assert (again.rendered, again.cached) == (0, 60)
    assert again.files == first.files
    data = yaml.safe_load(ROADMAP.read_text(encoding="utf-8"))
    data["sprints"][2]["focus"] = "PyTorch fundamentals + one serious model, from scratch"
    changed = tmp_path / "changed.yml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    edited = build(build_pages(changed).site, cache)
    assert edited.rendered == 4 + 6
    assert "from scratch" in text_of(edited.files["planners/standard/week-13-a4.pdf"])
    assert "from scratch" in text_of(edited.files["planners/standard-a4.pdf"])


def test_marks_drawn_after_layout_fall_where_weasyprint_draws_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The boxes to tick and the QR code, which the PDF step draws as a few operators after
    layout (`generator.marks`), cover the pixels WeasyPrint's own SVG drawing gives them, to a
    pixel at 200 dpi: every dark pixel of one has a dark pixel of the other beside it."""
    require_pdftoppm()
    site = build_pages(FIXTURES / "small.yml").site  # deliverables, checkpoint, grid and split
    ours = build(site, tmp_path / "ours", tracks=["quick"], sizes=["a4"], jobs=1)
    monkeypatch.setattr(pdf, "take_marks", lambda page, seen: [])  # WeasyPrint draws every mark
    theirs = build(site, tmp_path / "theirs", tracks=["quick"], sizes=["a4"], jobs=1)
    weeks = sorted(path for path in ours.files if re.search(r"/week-\d+-a4\.pdf$", path))
    assert len(weeks) == 5
    for path in weeks[::2]:
        mine, weasyprints = (dark_pixels(pdfs.files[path], tmp_path) for pdfs in (ours, theirs))
        assert stray(mine, weasyprints) == 0 and stray(weasyprints, mine) == 0, path
        assert sum(mine.histogram()[255:]) > 10_000  # text, rules, boxes and the code
    assert decoded_qr_codes(ours.files[weeks[0]], tmp_path) == [f"{SITE_URL}quick/week-01/"]
    # The marks are drawn by us, not by WeasyPrint: no image or form object for them.
    assert not PdfReader(ours.files[weeks[0]]).pages[0]["/Resources"].get("/XObject")
    assert PdfReader(theirs.files[weeks[0]]).pages[0]["/Resources"].get("/XObject")


@pytest.mark.parametrize("url", [f"{SITE_URL}quick/week-01/", "https://example.org/" + "x" * 300])
def test_the_qr_codes_modules_are_read_back_from_segnos_path(url: str) -> None:
    code = segno.make(url, micro=False)
    path = re.search(r' d="([^"]+)"', code.svg_inline(border=0, lineclass=None))
    assert path
    runs = qr_runs(path.group(1))
    assert runs
    size = len(code.matrix)
    modules = [[0] * size for _ in range(size)]
    for column, row, length in runs:
        modules[row][column : column + length] = [1] * length
    assert modules == [[int(bool(module)) for module in row] for row in code.matrix]
    # Any other shape of path is left to WeasyPrint to draw.
    assert qr_runs("M0 0.5h7l3 4") is None
    assert qr_runs("M0 0.5h7 z") is None
    assert qr_runs("M0 0.5h0.5") is None
    assert qr_runs("") is None


def test_a_week_pages_planner_is_set_aside_whole_and_put_back_the_same(
    roadmap_site: Site,
) -> None:
    plan = roadmap_site.tracks[0]
    fragment = render_planner(roadmap_site.curriculum, track_planners(roadmap_site, plan)[4])
    anchor = planner_anchor("fast-track", 5)
    markdown = f"# Week 5\n\n- [ ] a task\n\n{fragment}\n"
    rest, planner = set_aside(markdown, anchor)
    assert planner == fragment
    slot = planner_slot(anchor)
    assert rest == f"# Week 5\n\n- [ ] a task\n\n{slot}\n"
    assert f'id="{anchor}"' in slot  # MkDocs still knows the anchor
    assert rest.replace(slot, planner) == markdown
    # Left as they are: a page without it, with another week's, with it twice.
    assert set_aside("# Home\n\nNo planner.\n", anchor) == ("# Home\n\nNo planner.\n", None)
    assert set_aside(markdown, planner_anchor("fast-track", 6)) == (markdown, None)
    twice = markdown + fragment
    assert set_aside(twice, anchor) == (twice, None)


def dark_pixels(pdf: Path, folder: Path) -> Image.Image:
    subprocess.run(["pdftoppm", "-gray", "-r", "200", "-singlefile", pdf, folder / "p"], check=True)
    with Image.open(folder / "p.pgm") as page:
        return page.convert("L").point(lambda v: 255 if v < 128 else 0)


def stray(one: Image.Image, other: Image.Image) -> int:
    """Dark pixels of `one` with no dark pixel of `other` within a pixel."""
    near = other
    for dx, dy in ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)):
        near = ImageChops.lighter(near, ImageChops.offset(other, dx, dy))
    return sum(ImageChops.subtract(one, near).histogram()[255:])


def test_planners_are_byte_identical_across_builds(tmp_path: Path) -> None:
    site = build_pages(FIXTURES / "small.yml").site
    one = build(site, tmp_path / "one")
    two = build(site, tmp_path / "two")
    for path, source in one.files.items():
        assert source.read_bytes() == two.files[path].read_bytes(), path


def crowded(tmp_path: Path, extra_deliverables: int) -> Site:
    data = yaml.safe_load((FIXTURES / "crowded.yml").read_text(encoding="utf-8"))
    data["sprints"][0]["deliverables"] += [
        f"extra deliverable number {n} with a few words" for n in range(extra_deliverables)
    ]
    path = tmp_path / "crowded.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return build_pages(path).site


@pytest.mark.parametrize("extra", [0, 10])
def test_a_crowded_week_still_fits_on_one_page(tmp_path: Path, extra: int) -> None:
    site = crowded(tmp_path, extra)
    planners = build(site, tmp_path / "cache")
    assert planners.overflowing == []
    assert "dense week 1" in planners.shrunk
    for size in ("a4", "letter"):
        path = planners.files[f"planners/dense/week-01-{size}.pdf"]
        assert len(PdfReader(path).pages) == 1
        text = text_of(path)
        assert "supercalifragilisticexpialidocious" in text.replace(" ", "")
        assert all(f"extra deliverable number {n} " in text + " " for n in range(extra))


def test_a_week_too_full_for_a_page_continues_without_losing_text(tmp_path: Path) -> None:
    site = crowded(tmp_path, 120)
    messages: list[str] = []
    planners = build(site, tmp_path / "cache", report=messages.append)
    path = planners.files["planners/dense/week-01-a4.pdf"]
    pages = len(PdfReader(path).pages)
    assert pages >= 2
    assert (
        f"WARNING dense week 1: the planner does not fit on one page even in the "
        f"smallest type; it continues over {pages} pages" in messages
    )
    text = text_of(path)
    assert all(f"extra deliverable number {n} " in text + " " for n in range(120))
    bundle = PdfReader(planners.files["planners/dense-a4.pdf"])
    week_2 = PdfReader(planners.files["planners/dense/week-02-a4.pdf"])
    assert len(bundle.pages) == pages + len(week_2.pages)


def test_dated_planners_show_monday_to_sunday(tmp_path: Path) -> None:
    import datetime

    site = build_pages(ROADMAP).site
    planners = build(
        site,
        tmp_path / "cache",
        tracks=["standard"],
        sizes=["letter"],
        start=datetime.date(2026, 12, 30),
    )
    assert sorted(planners.files) == sorted(
        [f"planners/standard/week-{n:02d}-letter.pdf" for n in range(1, 37)]
        + ["planners/standard-letter.pdf"]
    )
    first = text_of(planners.files["planners/standard/week-01-letter.pdf"])
    assert "Mon 28 Dec 2026 – Sun 3 Jan 2027" in first
    assert "Thursday Thu 31 Dec" in first and "Friday Fri 1 Jan" in first
    last = text_of(planners.files["planners/standard/week-36-letter.pdf"])
    assert "Mon 30 Aug 2027 – Sun 5 Sep 2027" in last


def test_planners_cli_writes_the_pdfs(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "planners",
            str(FIXTURES / "three-tracks.yml"),
            "--out",
            str(out),
            "--track",
            "sprint-pace",
            "--size",
            "a4",
            "--cache",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == sorted(
        [f"sprint-pace/week-{n:02d}-a4.pdf" for n in range(1, 9)] + ["sprint-pace-a4.pdf"]
    )
    shutil.rmtree(out)


# --- the QR code to the week's page ------------------------------------------------------


def decoded_qr_codes(pdf: Path | bytes, folder: Path) -> list[str]:
    """The QR codes on a PDF's first page, read by zbar from a 300 dpi rendering."""
    require_pdftoppm()
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is missing (apt-get install zbar-tools)")
    if isinstance(pdf, bytes):
        (folder / "page.pdf").write_bytes(pdf)
        pdf = folder / "page.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", pdf, folder / "qr"])
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", folder / "qr-1.png"],
        capture_output=True,
        text=True,
    )
    return result.stdout.split()


@pytest.mark.parametrize(
    ("language", "track", "week", "size"),
    [
        ("", "fast-track", 5, "a4"),
        ("", "standard", 36, "letter"),
        ("es/", "fast-track", 5, "letter"),
    ],
)
def test_the_qr_code_of_a_planner_pdf_leads_to_its_week_page(
    roadmap_build: Build, language: str, track: str, week: int, size: str, tmp_path: Path
) -> None:
    pdf = roadmap_build.site / language / "planners" / track / f"week-{week:02d}-{size}.pdf"
    expected = f"{SITE_URL}{language}{track}/week-{week:02d}/"
    assert decoded_qr_codes(pdf, tmp_path) == [expected]
    assert expected.startswith("https://curriculum-publisher.github.io/ai-engineer-roadmap/")


def test_the_qr_code_is_drawn_not_an_image(roadmap_build: Build) -> None:
    """Vector: no image in the PDF, and one SVG path in the planner (no bitmap, no rects)."""
    pdf = PdfReader(roadmap_build.site / "planners/fast-track/week-05-a4.pdf")
    assert len(pdf.pages[0].images) == 0  # image XObjects and inline images alike
    html = roadmap_build.html("es/fast-track/week-05/")
    svgs = re.findall(r"<svg [^>]*class=\"cp-planner__qr\"[^>]*>.*?</svg>", html)
    assert len(svgs) == 1
    svg = svgs[0]
    assert re.match(r'<svg role="img" aria-label="([^"]*)" viewBox="0 0 37 37" ', svg)
    label = re.search(r'aria-label="([^"]*)"', svg)
    assert label and label.group(1) == (
        f"Código QR de la página de esta semana: {SITE_URL}es/fast-track/week-05/"
    )
    assert svg.count("<path") == 1 and "<rect" not in svg and "<?xml" not in html
    assert "Escanea para ver esta semana en línea" in html


@pytest.fixture
def site_url(engine_url: str) -> str:
    """The browser test here runs on the MkDocs build and on the Zensical build."""
    return engine_url


def test_the_browser_print_of_a_week_page_shows_the_qr_code(visit: Visit, tmp_path: Path) -> None:
    page = visit.open("fast-track/week-05/")
    page.emulate_media(media="print")
    code = page.locator("svg.cp-planner__qr")
    assert code.is_visible()
    box = code.bounding_box()
    assert box is not None
    assert box["width"] == pytest.approx(16 * 96 / 25.4, abs=0.5)  # 16 mm, square
    assert box["height"] == pytest.approx(box["width"], abs=0.5)
    printed = page.pdf(format="A4", print_background=True)
    expected = f"{SITE_URL}fast-track/week-05/"
    assert decoded_qr_codes(printed, tmp_path) == [expected]


def test_planners_have_no_qr_code_without_site_url_and_the_build_says_so_once(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, ROADMAP, languages=("es",), site_url=None)
    build = run_build(project)
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    said = [line for line in build.log.splitlines() if NO_SITE_URL in line]
    assert said == [f"INFO    -  {NO_SITE_URL}"]
    for page in ("fast-track/week-05", "es/standard/week-36"):
        html = build.html(page)
        assert "cp-planner__week" in html  # the planner is there, without its code
        assert "cp-planner__scan" not in html and "cp-planner__qr" not in html
    messages: list[str] = []
    generate_project(project / "mkdocs.yml", planners=False, report=messages.append)
    assert messages.count(NO_SITE_URL) == 1


def test_the_address_is_part_of_the_pdf_cache_key(tmp_path: Path) -> None:
    site = build_pages(FIXTURES / "tiny.yml").site
    cache = tmp_path / "cache"
    here = build(site, cache, sizes=["a4"], options=Options(site_url="https://example.org/here"))
    there = build(site, cache, sizes=["a4"], options=Options(site_url="https://example.org/there/"))
    assert there.rendered == here.rendered == 1 and there.cached == 0
    week = "planners/workshop/week-01-a4.pdf"
    assert here.files[week] != there.files[week]
    assert decoded_qr_codes(here.files[week], tmp_path) == [
        "https://example.org/here/workshop/week-01/"
    ]
    assert decoded_qr_codes(there.files[week], tmp_path) == [
        "https://example.org/there/workshop/week-01/"
    ]

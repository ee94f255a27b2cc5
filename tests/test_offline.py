"""The offline copy: the whole site as one zip on /downloads/, unpacked and opened from disk
(file://, no server) in Chromium: its links lead to files that are there, search finds a
deliverable, a tick survives a reload and shows on the track's overview, PDFs are in it."""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from generator.docs import DocsError
from generator.offline import manifest_script, worker_shim, write_zip, zip_stem
from generator.words import filesize
from tests.conftest import FIXTURES, ROOT, Build, Visit, make_project, run_build
from tests.test_progress import item, stored, tick
from tests.test_search import search

if TYPE_CHECKING:
    from playwright.sync_api import Browser

STEM = zip_stem("AI Engineer Learning Roadmap")  # the site_name of mkdocs.yml, which tests copy
ZIP = f"downloads/{STEM}.zip"


def resolve(page: str, href: str) -> str:
    """Where a link of a page leads, from the site's root (`downloads/x.zip`)."""
    return urllib.parse.urljoin("http://host/" + page, href).removeprefix("http://host/")


def published_url() -> str | None:
    """The site's address (`site_url` in mkdocs.yml), if it has one."""
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    return found.group(1) if found else None


def unpack(site: Path, into: Path) -> Path:
    """The zip of `site`, unpacked into `into`: the folder it makes."""
    with zipfile.ZipFile(site / ZIP) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{STEM}/") for name in names)
        archive.extractall(into)
    return into / STEM


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A small curriculum built with its planners and the offline copy."""
    project = make_project(
        tmp_path_factory.mktemp("offline"), FIXTURES / "small.yml", planners=True, offline_copy=True
    )
    build = run_build(project)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def copy(small: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unpack(small.site, tmp_path_factory.mktemp("unzipped"))


@pytest.fixture
def offline(browser: Browser, copy: Path) -> Iterator[Visit]:
    """A learner with the unpacked copy, opened from disk."""
    learner = Visit(browser, copy.as_uri() + "/")
    yield learner
    assert learner.errors == []
    learner.context.close()


def test_the_downloads_page_offers_the_zip_with_its_size(small: Build) -> None:
    size = (small.site / ZIP).stat().st_size
    soup = BeautifulSoup(small.html("downloads"), "html.parser")
    link = soup.select_one("article a[href$='.zip']")
    assert link is not None and resolve("downloads/", str(link["href"])) == ZIP
    assert link["download"] == f"{STEM}.zip"
    assert f"(zip, {filesize(size)})" in link.get_text()
    assert "open index.html in the folder it makes" in " ".join(soup.get_text().split())
    assert "Offline copy" in small.log  # the build says what it made, and how long it took


def test_the_zip_holds_the_site_for_disk_and_nothing_else(small: Build, copy: Path) -> None:
    files = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}
    # No directory URLs: a week is a file, a track's overview its folder's index page.
    assert {"index.html", "quick/index.html", "quick/week-01.html", "downloads.html"} <= files
    assert "search/search_index.js" in files  # the index as a script (Material's offline plugin)
    assert "assets/curriculum.js" in files
    assert not [name for name in files if name.endswith(".zip") or ".cache" in name]
    # The planner PDFs are the site's own, byte for byte.
    pdfs = sorted(name for name in files if name.endswith(".pdf"))
    assert len(pdfs) == len(list((small.site / "planners").rglob("*.pdf"))) > 0
    for name in pdfs:
        assert (copy / name).read_bytes() == (small.site / name).read_bytes(), name
    # Its downloads page does not offer the copy itself.
    assert ".zip" not in (copy / "downloads.html").read_text("utf-8")


def test_the_manifest_script_is_the_manifest(copy: Path) -> None:
    script = (copy / "assets" / "curriculum.js").read_text("utf-8")
    manifest = json.loads((copy / "assets" / "curriculum.json").read_text("utf-8"))
    prefix, suffix = "window.CURRICULUM_MANIFEST = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    assert json.loads(script.removeprefix(prefix).removesuffix(suffix)) == manifest
    assert "<" not in script  # the fixture's title is `Small <Course> & *Friends*`


def test_a_manifest_cannot_end_its_script() -> None:
    text = manifest_script(json.dumps({"title": "</script><script>alert(1)</script>\u2028&"}))
    assert "</" not in text and "\u2028" not in text and "&" not in text
    data = json.loads(text.removeprefix("window.CURRICULUM_MANIFEST = ").removesuffix(";\n"))
    assert data == {"title": "</script><script>alert(1)</script>\u2028&"}


def site_links(copy: Path) -> Iterator[tuple[str, str]]:
    """Every link and resource of every page of the copy: (page, address)."""
    for page in sorted(copy.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                if element.get(attribute):
                    yield page.relative_to(copy).as_posix(), str(element[attribute])


def test_every_link_leads_to_a_file_of_the_copy(copy: Path) -> None:
    broken = []
    for page, address in site_links(copy):
        parts = urllib.parse.urlsplit(address)
        if parts.scheme or address.startswith("#"):
            continue
        target = (copy / page).parent / urllib.parse.unquote(parts.path)
        # A folder would show a file listing from disk, not its page.
        if not target.resolve().is_file():
            broken.append((page, address))
    assert broken == []


def test_nothing_leads_to_the_site_online(copy: Path) -> None:
    hosts = {"unpkg.com", "fonts.googleapis.com"}  # the theme's CDN for its worker shim, fonts
    address = published_url()
    if address:
        hosts.add(urllib.parse.urlsplit(address).netloc)
    online = [
        (page, address)
        for page, address in site_links(copy)
        if urllib.parse.urlsplit(address).netloc in hosts
    ]
    assert online == []


def test_the_zip_is_the_same_bytes_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "page.html").write_text("<p>b</p>")
    (folder / "a.png").write_bytes(b"\x89PNG")
    write_zip(folder, tmp_path / "one.zip", "x")
    os.utime(folder / "a.png", (1, 1))  # another time on disk changes nothing
    write_zip(folder, tmp_path / "two.zip", "x")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["x/a.png", "x/b/page.html"]


# --- opened from disk in Chromium ----------------------------------------------------------


def test_search_finds_a_deliverable_from_disk(offline: Visit, copy: Path) -> None:
    page = offline.open("index.html")
    results = search(page, "command-line app")
    # Results are files on disk; among the first, the weeks that have the deliverable.
    paths = [result.path.removeprefix(copy.as_posix().lstrip("/") + "/") for result in results]
    weeks = [path for path in paths[:3] if re.fullmatch(r"(quick|steady)/week-\d\d\.html", path)]
    assert weeks, paths
    path = weeks[0]
    page.locator(".md-search-result__item").nth(paths.index(path)).locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0] == (copy / path).as_uri()
    assert page.get_by_role("checkbox", name="a command-line app").count() == 1


def test_a_tick_survives_a_reload_and_shows_on_the_overview(offline: Visit, copy: Path) -> None:
    page = offline.open("quick/week-01.html")
    page.wait_for_selector(".cp-week-status:not([hidden])")
    assert page.locator(".cp-from-disk").count() == 0  # no "search and progress are off"
    tick(page, "deliverable/hello")
    page.reload()
    page.wait_for_selector(".cp-week-status:not([hidden])")
    assert item(page, "deliverable/hello").is_checked()
    assert list(stored(page)["tracks"]["quick"]["done"]) == ["deliverable/hello"]
    # The track's overview, reached by its link on the page, counts it.
    page.locator("nav.md-tabs a", has_text="Quick").first.click()
    page.wait_for_load_state("load")
    assert page.url == (copy / "quick" / "index.html").as_uri()
    page.wait_for_selector(".cp-track-panel")
    assert re.search(r"Track: 1 of \d+ done", page.locator(".cp-track-panel").inner_text())


def test_ticks_stay_when_the_copy_is_unzipped_somewhere_else(
    offline: Visit, copy: Path, tmp_path: Path
) -> None:
    page = offline.open("quick/week-01.html")
    page.wait_for_selector(".cp-week-status:not([hidden])")
    tick(page, "deliverable/hello")
    moved = tmp_path / "elsewhere" / copy.name
    shutil.copytree(copy, moved)
    page.goto(moved.as_uri() + "/quick/week-01.html")
    page.wait_for_selector(".cp-week-status:not([hidden])")
    assert item(page, "deliverable/hello").is_checked()


def test_the_link_to_another_device_leads_to_the_published_site(offline: Visit) -> None:
    page = offline.open("quick/index.html")
    page.wait_for_selector(".cp-track-panel:not([hidden])")
    page.get_by_role("button", name="Open on another device").click()
    link = page.locator(".cp-transfer-link").input_value()
    site = "https://curriculum-publisher.github.io/ai-engineer-roadmap/"
    assert link.startswith(f"{site}quick/index.html#progress="), link


def test_a_week_page_leads_to_its_pdfs_in_the_copy(offline: Visit, copy: Path) -> None:
    page = offline.open("quick/week-02.html")
    links = page.locator("article a[href$='.pdf']")
    assert links.count() >= 2
    for href in links.evaluate_all("(links) => links.map((a) => a.href)"):
        file = Path(urllib.parse.unquote(urllib.parse.urlsplit(href).path))
        assert file.is_file() and file.is_relative_to(copy), href
        assert file.read_bytes().startswith(b"%PDF")


# --- the shipped roadmap, both languages --------------------------------------------------


@pytest.fixture(scope="module")
def roadmap_copy(roadmap_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unpack(roadmap_build.site, tmp_path_factory.mktemp("roadmap-unzipped"))


def test_the_roadmap_copy_has_both_languages(roadmap_build: Build, roadmap_copy: Path) -> None:
    size = filesize((roadmap_build.site / ZIP).stat().st_size)
    # The Spanish page leads to the one zip, of both languages, in the source's site: at the
    # site's address (no Markdown link reaches out of a translation's docs folder).
    address = published_url()
    spanish = urllib.parse.urljoin(address, ZIP) if address else f"../../{ZIP}"
    for page, target in (("downloads", ZIP), ("es/downloads", spanish)):
        link = BeautifulSoup(roadmap_build.html(page), "html.parser").select_one("a[href$='.zip']")
        assert link is not None and resolve(page + "/", str(link["href"])) == target, page
        assert size.replace(".", ",") in link.get_text() or size in link.get_text()
    assert not (roadmap_build.site / "es" / "downloads" / f"{STEM}.zip").exists()
    for language in ("", "es/"):
        assert (roadmap_copy / f"{language}search/search_index.js").is_file()
        assert (roadmap_copy / f"{language}assets/curriculum.js").is_file()
        assert (roadmap_copy / f"{language}fast-track/week-05.html").is_file()
    assert len(list(roadmap_copy.rglob("*.pdf"))) == 2 * 124


def test_the_spanish_copy_shares_the_ticks_from_disk(browser: Browser, roadmap_copy: Path) -> None:
    learner = Visit(browser, roadmap_copy.as_uri() + "/")
    try:
        page = learner.open("es/fast-track/week-05.html")
        page.wait_for_selector(".cp-week-status:not([hidden])")
        assert page.locator(".cp-from-disk").count() == 0
        tick(page, "deliverable/regression-project")
        page = learner.open("fast-track/week-05.html")  # the same ticks in English
        page.wait_for_selector(".cp-week-status:not([hidden])")
        assert item(page, "deliverable/regression-project").is_checked()
        # The language switcher leads to the same page's file in the other language.
        switch = page.locator("a.md-select__link[hreflang='es']")
        target = urllib.parse.urlsplit(str(switch.evaluate("(a) => a.href"))).path
        assert Path(urllib.parse.unquote(target)) == roadmap_copy / "es/fast-track/week-05.html"
        assert learner.errors == []
    finally:
        learner.context.close()


def test_without_the_npm_package_the_copy_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(DocsError, match=r"node_modules/iframe-worker/shim/index.js .* `npm ci"):
        worker_shim(tmp_path)
    assert "Worker" in worker_shim(ROOT)  # the pinned package, as `make site` installs it

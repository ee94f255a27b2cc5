"""Engines: the site Zensical builds from the project `generate` writes, against the site MkDocs
builds with our plugin. The same files at the same URLs, the same words on every page, the same
planners, the same search results. (The browser tests of ticks, navigation, dates, export and
print run on both sites too: see `site_url` in test_progress.py and test_browser.py.)"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from tests.a11y import CHECKBOX, MODES, blocking, open_in_mode, require_axe, run_axe
from tests.conftest import FIXTURES, ROOT, Build, Visit, make_project
from tests.test_search import holding, search

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: Files that are each engine's own: its theme bundle, its search index, a gzipped sitemap.
ENGINE_OWN = re.compile(
    r"^(es/)?(assets/javascripts/|assets/stylesheets/(main|palette)\.|"
    r"assets/stylesheets/(classic|modern)/|search/search_index\.json$|search\.json$|"
    r"sitemap\.xml\.gz$)"
)


def published(site: Path) -> dict[str, Path]:
    return {
        path.relative_to(site).as_posix(): path
        for path in site.rglob("*")
        if path.is_file() and not ENGINE_OWN.match(path.relative_to(site).as_posix())
    }


def test_both_engines_publish_the_same_files(roadmap_build: Build, zensical_build: Build) -> None:
    mkdocs, zensical = published(roadmap_build.site), published(zensical_build.site)
    assert sorted(mkdocs) == sorted(zensical)
    assert len([p for p in mkdocs if p.endswith("index.html")]) == 69 + 68  # the Spanish too
    for ours in ("assets/curriculum.json", "es/assets/curriculum.json", "roadmap.schema.json"):
        assert mkdocs[ours].read_bytes() == zensical[ours].read_bytes(), ours
    # Each has its own search index, both in Spanish under /es/.
    assert (zensical_build.site / "search.json").is_file()
    assert (zensical_build.site / "es" / "search.json").is_file()


def test_the_planners_are_the_same_files(roadmap_build: Build, zensical_build: Build) -> None:
    mkdocs, zensical = published(roadmap_build.site), published(zensical_build.site)
    pdfs = [path for path in mkdocs if path.endswith(".pdf")]
    assert len(pdfs) == 2 * 124
    assert [p for p in pdfs if mkdocs[p].read_bytes() != zensical[p].read_bytes()] == []


#: Where the sites are taken to be served: under a folder, as GitHub Pages serves a project,
#: so that a link with one `../` too many leaves the site instead of being clamped at the root.
BASE = "http://host/sub/"


def links(soup: BeautifulSoup, selector: str, page: str) -> list[tuple[str, str]]:
    """The links under `selector`: each one's words and the page it leads to (engines spell
    the same address differently: `.`, `` and `./x/` against `x/`)."""
    here = BASE + page
    found = []
    for link in soup.select(f"{selector} a[href]"):
        target = urllib.parse.urljoin(here, str(link["href"])).removesuffix("index.html")
        found.append((" ".join(link.get_text(" ").split()), target))
    return found


def page_facts(path: str, html: str) -> dict[str, object]:
    """What a reader gets from a page: its title, the words of its article, where its edit
    link, its language switcher and its navigation (sidebar, tabs, previous and next) lead."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert article is not None
    edit = article.select_one("a[rel=edit]")
    return {
        "title": soup.title.get_text() if soup.title else None,
        "lang": soup.html.get("lang") if soup.html else None,
        "text": " ".join(article.get_text(" ").split()),
        "edit": edit.get("href") if edit else None,
        "languages": [a.get("href") for a in soup.select("a.md-select__link[hreflang]")],
        "sidebar": links(soup, "nav.md-nav--primary", path),
        "tabs": links(soup, "nav.md-tabs", path),
        "previous and next": links(soup, "nav.md-footer__inner", path),
        "article links": links(soup, "article", path),
    }


def test_every_page_says_the_same(roadmap_build: Build, zensical_build: Build) -> None:
    mkdocs = published(roadmap_build.site)
    zensical = published(zensical_build.site)
    differ = []
    for path in sorted(p for p in mkdocs if p.endswith(".html") and "404" not in p):
        one = page_facts(path, mkdocs[path].read_text("utf-8"))
        two = page_facts(path, zensical[path].read_text("utf-8"))
        if one != two:
            differ.append((path, {k: (one[k], two[k]) for k in one if one[k] != two[k]}))
    assert differ == []
    # Every link of an article leads to a file of the site (or out of it, with a scheme).
    for path in sorted(p for p in zensical if p.endswith("index.html")):
        html = zensical[path].read_text("utf-8")
        for _, target in page_facts(path, html)["article links"]:  # type: ignore[attr-defined]
            if target.startswith(BASE):
                inside = urllib.parse.urlsplit(target).path.removeprefix("/sub/")
                file = zensical_build.site / (inside or ".")
                assert file.is_file() or (file / "index.html").is_file(), (path, target)
            else:
                assert not target.startswith("http://host/"), (path, target)
    path = "es/fast-track/week-05/index.html"
    week = page_facts(path, mkdocs[path].read_text("utf-8"))
    assert str(week["edit"]).endswith("/blob/main/curriculum/roadmap.yml#L69-L79")
    assert week["lang"] == "es" and "Entregables" in str(week["text"])
    assert ("Semana 4", BASE + "es/fast-track/week-04/") in week["sidebar"]  # type: ignore[operator]
    assert len(week["previous and next"]) == 2  # type: ignore[arg-type]


def zensical_search(page: Page, query: str) -> list[str]:
    """Type `query` into Zensical's search dialog as a learner does; the pages of every result
    in the order shown (the dialog shows 10 and more as its list is scrolled)."""
    page.locator(".md-search__button").click()
    page.locator("dialog input").fill(query)
    options = page.locator("dialog [role=listbox] a[role=option]")
    # The dialog (in a shadow root) says "20 results" or "No results": wait until it has
    # said the same for a while, so the count is the query's and not an earlier keystroke's.
    said = page.locator("dialog").get_by_text(re.compile(r"^(\d+|No) results?$"))
    seen = [said.inner_text()]
    while len(seen) < 4 or len(set(seen[-4:])) > 1:
        page.wait_for_timeout(150)
        seen.append(said.inner_text())
    total = int(seen[-1].split()[0].replace("No", "0"))
    for _ in range(50):  # scrolled to its end, the list shows more, until it shows them all
        if options.count() >= total:
            break
        options.last.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    assert options.count() == total
    pages: list[str] = []
    for href in options.evaluate_all("(links) => links.map((a) => a.href)"):
        path = urllib.parse.urlsplit(href).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages


#: Queries whose results hold the same pages on both engines (in another order: Zensical ranks
#: with its own engine and ignores the lunr tuning in mkdocs.yml).
SAME_PAGES = ["SQL queries", "pytorch", "Render/Fly", "docker", "error analysis", "RAG", "FastAPI"]
#: Queries where MkDocs also lists pages holding only some of the words ("Missing: scikit");
#: Zensical lists only pages that hold them all ("vector database": none does).
FEWER = ["scikit-learn", "vector database"]


@pytest.mark.parametrize("query", SAME_PAGES + FEWER)
def test_search_finds_the_same_pages(
    browser: Browser, roadmap_build: Build, mkdocs_url: str, zensical_url: str, query: str
) -> None:
    learner = Visit(browser, mkdocs_url)
    mkdocs = [r.path for r in search(learner.open(""), query, 200)]
    learner.context.close()
    learner = Visit(browser, zensical_url)
    zensical = zensical_search(learner.open(""), query)
    learner.context.close()
    assert learner.errors == []
    # Every page holding the words as written is found by both.
    written = holding(roadmap_build, query)
    assert written <= set(mkdocs) and written <= set(zensical), query
    if query in SAME_PAGES:
        assert written and sorted(mkdocs) == sorted(zensical)
    else:
        assert set(zensical) < set(mkdocs)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", ["", "fast-track/week-05/", "es/standard/week-12/"])
def test_the_zensical_site_has_no_serious_axe_findings(
    browser: Browser, zensical_url: str, path: str, mode: str
) -> None:
    require_axe()
    visit = open_in_mode(browser, zensical_url, path, mode)
    try:
        if mode == "ticked" and "/week-" in path:
            assert visit.page.locator(f"{CHECKBOX}:checked").count() >= 3
        found = blocking(run_axe(visit.page))
        assert not found, f"/{path} ({mode}):\n" + "\n".join(map(str, found))
        assert visit.errors == []
    finally:
        visit.context.close()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_serve_follows_the_yaml_and_survives_a_mistake(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "small.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--config",
            str(project / "mkdocs.yml"),
            "--dev-addr",
            address,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        week = f"http://{address}/steady/week-01/"
        assert wait_for(lambda: "<h1" in fetch(week), 60), "the preview never came up"
        yaml_file = project / "curriculum" / "roadmap.yml"
        text = yaml_file.read_text("utf-8")
        focus = re.search(r"focus: (.+)", text)
        assert focus is not None
        yaml_file.write_text(text.replace(focus.group(1), "Edited while serving", 1), "utf-8")
        assert wait_for(lambda: "Edited while serving" in fetch(week), 15)
        yaml_file.write_text(text.replace("focus:", "fokus:", 1), "utf-8")
        time.sleep(2)
        assert "Edited while serving" in fetch(week)  # the last good pages stay
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "roadmap.yml:" in output and "unknown key `fokus`" in output, output
    assert "Traceback" not in output
    assert fetch(week) == ""  # the engine's server stopped with it

"""Every internal link and anchor of the built site resolves (tests/links.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from generator.project import read_config
from tests.conftest import ROOT, Build
from tests.links import Broken, broken_links


def test_every_internal_link_and_anchor_of_the_roadmap_resolves(roadmap_build: Build) -> None:
    """Served where it is published: under the path of `site_url`."""
    base = urlsplit(str(read_config(ROOT / "mkdocs.yml")["site_url"])).path
    assert base == "/ai-engineer-roadmap/"
    assert broken_links(roadmap_build.site, base) == []


def _write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="en"><body>{body}</body></html>', "utf-8")


def test_a_broken_link_and_a_broken_anchor_are_reported(tmp_path: Path) -> None:
    _write(
        tmp_path / "index.html",
        '<a href="week/">ok</a> <a href="week/#plan">ok</a> <a href="#top">top</a>'
        '<a href="missing/">gone</a> <a href="week/#nowhere">no anchor</a>'
        '<a href="https://example.com/x#y">external</a> <a href="mailto:a@b.c">mail</a>'
        '<img src="assets/logo.png" alt=""> <a name="old">legacy</a> <a href="#old">ok</a>',
    )
    _write(tmp_path / "week" / "index.html", '<h2 id="plan">Plan</h2><a href="../#old">ok</a>')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(b"")
    assert broken_links(tmp_path) == [
        Broken("index.html", "missing/", "no such file"),
        Broken("index.html", "week/#nowhere", "no id 'nowhere' on the page"),
    ]


def test_links_between_sibling_pages_and_encoded_names_resolve(tmp_path: Path) -> None:
    _write(
        tmp_path / "a" / "index.html", '<a href="../b/#caf%C3%A9">b</a> <a href="../c.html">c</a>'
    )
    _write(tmp_path / "b" / "index.html", '<h2 id="café">Café</h2>')
    assert broken_links(tmp_path) == [Broken("a/index.html", "../c.html", "no such file")]


def test_a_site_served_under_a_folder_resolves_its_links_there(tmp_path: Path) -> None:
    _write(
        tmp_path / "404.html",
        '<a href="/project/">home</a> <a href="/project/week/">ok</a> <a href="/week/">gone</a>',
    )
    _write(tmp_path / "week" / "index.html", '<a href="../../elsewhere/">up too far</a>')
    (tmp_path / "index.html").write_text("<!doctype html>", "utf-8")
    assert broken_links(tmp_path, "/project/") == [
        Broken("404.html", "/week/", "outside the site"),
        Broken("week/index.html", "../../elsewhere/", "outside the site"),
    ]

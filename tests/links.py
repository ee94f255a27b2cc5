"""Every internal link of a built site resolves: each `href`/`src` in each HTML page to a built
file, and each `#fragment` to an element id on the page it points at."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# A made-up origin to resolve relative links against; anything outside it is external.
ORIGIN = "http://site.invalid/"
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
# Fragments every page has without an id: HTML scrolls to the top for "#" and "#top".
TOP = {"", "top"}


@dataclass(frozen=True)
class Broken:
    """A link from `page` that leads nowhere: the file is missing, or the id on it is."""

    page: str
    link: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} ({self.problem})"


class _Page(HTMLParser):
    """The ids a page defines and the URLs it refers to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        self.links += [values[name] for name in ("href", "src") if name in values]


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path, base: str = "/") -> list[Broken]:
    """Every internal link of every HTML page under `site` that does not resolve, the site
    served at the URL path `base` (the path of its `site_url`: GitHub Pages serves a project's
    site under `/<repository>/`, and MkDocs writes the 404 page's links from that path)."""
    _parse.cache_clear()
    root = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    problems: list[Broken] = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        for link in _parse(path).links:
            problem = _check(site, root, page, link)
            if problem:
                problems.append(Broken(page, link, problem))
    return problems


def _check(site: Path, root: str, page: str, link: str) -> str | None:
    """Why `link` on `page` is broken, or None when it resolves (or is external)."""
    if link.startswith(SKIPPED_SCHEMES):
        return None
    url = urlsplit(urljoin(ORIGIN + root.lstrip("/") + page, link.strip()))
    if f"{url.scheme}://{url.netloc}/" != ORIGIN:
        return None
    path = unquote(url.path)
    if not path.startswith(root):
        return "outside the site"
    target = _file(site, path.removeprefix(root))
    if target is None:
        return "no such file"
    fragment = unquote(url.fragment)
    if fragment in TOP or target.suffix != ".html":
        return None
    return None if fragment in _parse(target).ids else f"no id {fragment!r} on the page"


def _file(site: Path, path: str) -> Path | None:
    """The built file a URL path serves, as a static server finds it (`dir/` → `dir/index.html`)."""
    target = site / path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None

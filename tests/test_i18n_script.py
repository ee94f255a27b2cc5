"""The browser script speaks the site's language: its words and dates come from the manifest's
`language`, `messages` and `plural` rule (written by the build), English without them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.conftest import Build, Visit, serve
from tests.test_progress import tick

if TYPE_CHECKING:
    pass

#: A few messages as a Spanish catalog gives them: a plain one, one with a `%%`, a plural one.
MESSAGES = {
    "This week": "Esta semana",
    "%(label)s: %(done)s of %(total)s done (%(percent)s%%)": (
        "%(label)s: %(done)s de %(total)s hechas (%(percent)s %%)"
    ),
    "Start date set: week %(number)s begins %(date)s.": (
        "Fecha de inicio: la semana %(number)s empieza el %(date)s."
    ),
    "%(track)s: %(num)s item done.": [
        "%(track)s: %(num)s tarea hecha.",
        "%(track)s: %(num)s tareas hechas.",
    ],
}


@pytest.fixture(scope="module")
def spanish_url(roadmap_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The roadmap's site (a copy), its manifest carrying a Spanish catalog."""
    site = tmp_path_factory.mktemp("spanish") / "site"
    shutil.copytree(roadmap_build.site, site)
    path = site / "assets" / "curriculum.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for key in ("language", "messages", "plural"):
        assert key not in manifest  # English carries none of them
    manifest.update(language="es", plural={"one": 0, "other": 1, "many": 1}, messages=MESSAGES)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with serve(site) as url:
        yield url


@pytest.fixture
def site_url(spanish_url: str) -> str:
    """The learners here visit the site whose browser script speaks Spanish."""
    return spanish_url


@pytest.fixture
def learner(visit: Visit) -> Visit:
    return visit


def test_the_week_page_speaks_spanish(learner: Visit) -> None:
    page = learner.open("fast-track/week-05/")
    status = page.locator(".cp-week-status").inner_text()
    assert "Esta semana: 0 de 10 hechas (0 %)" in status
    assert "This week" not in status and "done" not in status
    later = page.locator(".cp-group-status[data-group='later']").inner_text()
    # Not in this catalog: the English message, in the Spanish template around it.
    assert later == "Later in this sprint: 0 de 2 hechas (0 %)"


def test_the_plural_form_follows_the_number(learner: Visit) -> None:
    page = learner.open("fast-track/week-05/")
    tick(page, "week-05/routine/plan")
    panel = learner.open("").locator(".cp-continue")
    assert panel.inner_text().count("6-Month Fast-Track: 1 tarea hecha.") == 1
    assert panel.locator("strong").inner_text() == "6-Month Fast-Track"  # the name keeps its markup
    page = learner.open("fast-track/week-05/")
    tick(page, "week-05/routine/implement")
    text = learner.open("").locator(".cp-continue").inner_text()
    assert "6-Month Fast-Track: 2 tareas hechas." in text
    assert "item" not in text and "tarea hecha." not in text


def test_dates_are_written_the_spanish_way(learner: Visit) -> None:
    page = learner.open("fast-track/")
    page.locator("#cp-start-fast-track").fill("2026-12-30")
    status = page.locator(".cp-track-panel .cp-status").inner_text()
    assert status == "Fecha de inicio: la semana 1 empieza el lun, 28 dic 2026."
    week = page.locator(".cp-week-link[data-week='1'] .cp-week-note").inner_text()
    assert "lun, 28 dic – dom, 3 ene" in week
    assert "Start date set" not in status and "Mon" not in status and "Dec" not in week
    page = learner.open("fast-track/week-01/")
    dates = page.locator(".cp-week-status .cp-dates").inner_text()
    assert dates.startswith("lun, 28 dic 2026 – dom, 3 ene 2027")

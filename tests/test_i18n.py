"""One curriculum in several languages: the generator's words from gettext catalogs, the
curriculum's text from a translation keyed by ids, a site per language sharing one progress."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from generator import i18n
from generator.errors import CurriculumError
from generator.expand import Check
from generator.load import load_document
from generator.markdown import markdown_plural
from generator.model import Choice
from generator.pages import build_pages, load_curriculum
from generator.translate import translate
from generator.words import entry_text
from tests.conftest import MKDOCS, ROADMAP, ROOT, Build, make_project, run_cli

SPANISH = ROOT / "curriculum" / "translations" / "es.yml"
CATALOG = i18n.catalog_path("es")


def extracted_messages(tmp_path: Path) -> set[str]:
    """Every message the templates, the Python code and the browser script use, as
    `make translations` extracts them."""
    pot = tmp_path / "messages.pot"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    keywords = re.search(r"^MESSAGE_KEYWORDS := (.+)$", makefile, re.MULTILINE)
    assert keywords, "the Makefile names the message keywords in MESSAGE_KEYWORDS"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
            *keywords.group(1).split(), "--no-location", "-o", str(pot), ".",
        ],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as source:
        template = read_po(source)
    return {message.id if isinstance(message.id, str) else message.id[0] for message in template}


def test_the_spanish_catalog_translates_every_message(tmp_path: Path) -> None:
    wanted = extracted_messages(tmp_path) - {""}
    assert len(wanted) > 150
    with CATALOG.open("rb") as source:
        catalog = read_po(source, locale="es")
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert sorted(wanted - translated) == []


def test_every_message_of_the_catalog_is_still_extracted(tmp_path: Path) -> None:
    """A message the code still shows but extraction no longer finds (a call inside an
    f-string, a helper not among the keywords) would drop out of the catalog at the next
    `make translations`, and its translation with it."""
    with CATALOG.open("rb") as source:
        catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id}
    assert sorted(catalog - extracted_messages(tmp_path)) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ["0 weeks", "1 week", "2 weeks"]), ("es", ["0 semanas", "1 semana", "2 semanas"])],
)
def test_plural_forms_come_from_the_catalog(language: str, expected: list[str]) -> None:
    with i18n.language(language):
        shown = [str(markdown_plural("%(num)s week", "%(num)s weeks", n)) for n in (0, 1, 2)]
    assert shown == expected


def test_a_missing_translation_falls_back_and_is_named(tmp_path: Path) -> None:
    text = SPANISH.read_text(encoding="utf-8")
    partial = re.sub(r"(?m)^    focus: .*\n", "", text, count=1)
    assert partial != text
    file = tmp_path / "es.yml"
    file.write_text(partial, encoding="utf-8")
    source = load_curriculum(ROADMAP)
    translation, problems = translate(source, load_document(file), "es")
    assert problems == []
    assert translation.missing == ["sprints.foundations.focus"]
    assert translation.curriculum.sprints[0].focus == source.sprints[0].focus
    assert 0.98 < translation.coverage < 1


def test_a_translation_of_an_unknown_id_is_a_located_error(tmp_path: Path) -> None:
    project = tmp_path / "curriculum"
    (project / "translations").mkdir(parents=True)
    (project / "roadmap.yml").write_text(ROADMAP.read_text(encoding="utf-8"), encoding="utf-8")
    text = SPANISH.read_text(encoding="utf-8").replace("  foundations:", "  fundations:", 1)
    (project / "translations" / "es.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CurriculumError) as error:
        build_pages(project / "roadmap.yml", language="es")
    (problem,) = error.value.problems
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row == "  fundations:")
    assert (problem.line, problem.column) == (line, 3)
    assert problem.message.startswith(
        "unknown sprint id `fundations` (did you mean `foundations`?)"
    )


def test_translations_command_reports_coverage() -> None:
    result = run_cli("translations")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "es: 100.0% of 83 texts translated (83)"


def test_progress_ids_are_the_same_in_every_language() -> None:
    english = build_pages(ROADMAP).site
    spanish = build_pages(ROADMAP, language="es").site

    def keys(site: object) -> list[str]:
        return [c.key for plan in site.tracks for week in plan.weeks for c in week.counted]  # type: ignore[attr-defined]

    assert keys(english) == keys(spanish)
    assert english.curriculum.sprints[0].title != spanish.curriculum.sprints[0].title


# --- the built Spanish site ------------------------------------------------------------------


def english_messages(tmp_path: Path) -> list[str]:
    """English words the generator adds that must not reach a Spanish page: its messages
    (placeholders and Markdown aside) whose Spanish differs."""
    with CATALOG.open("rb") as source:
        catalog = read_po(source, locale="es")
    found = []
    for message in catalog:
        singular = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string if isinstance(message.string, str) else message.string[0]
        plain = re.sub(r"%\(\w+\)[sd]|\*\*", "", singular).strip(" .:()")
        if plain and string and plain not in string:
            found.append(plain)
    return found


def article_text(html: str) -> str:
    """What a learner reads: the page's body (header, navigation, article, footer) as text,
    without the language switcher's names and the script."""
    body = html.split("<body", 1)[1]
    body = re.sub(r'<div class="md-select__inner">.*?</div>', " ", body, flags=re.S)
    body = re.sub(r"<(script|svg)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_no_english_word_of_ours_reaches_the_spanish_site(
    roadmap_build: Build, tmp_path: Path
) -> None:
    english = english_messages(tmp_path)
    assert len(english) > 40
    pages = sorted((roadmap_build.site / "es").rglob("index.html"))
    assert len(pages) > 60
    for page in pages:
        text = article_text(page.read_text(encoding="utf-8"))
        leaked = [m for m in english if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text)]
        assert not leaked, f"{page.relative_to(roadmap_build.site)}: {leaked}"


def test_the_spanish_site_is_a_spanish_site(roadmap_build: Build) -> None:
    html = roadmap_build.html("es/fast-track/week-05")
    assert '<html lang="es"' in html
    assert "Entregables" in html
    switcher = re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link" target="_self">',
        html,
    )
    assert switcher == [
        ("../../../fast-track/week-05/", "en"),
        ("../../../es/fast-track/week-05/", "es"),
    ]
    index = (roadmap_build.site / "es" / "search" / "search_index.json").read_text("utf-8")
    assert '"lang":["es"]' in index
    assert (roadmap_build.site / "es" / "planners" / "fast-track" / "week-05-a4.pdf").exists()
    assert not (roadmap_build.site / "es" / "contributing").exists()


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_spanish_planners_speak_spanish(roadmap_build: Build, tmp_path: Path) -> None:
    text = pdf_text(roadmap_build.site / "es" / "planners" / "fast-track" / "week-05-a4.pdf")
    shown = text.upper()  # headings are set in capitals
    assert "SEMANA 5" in shown and "ENTREGABLES" in shown and "REPARTO DIARIO" in shown
    for english in ("DELIVERABLES", "NOTES", "DAILY SPLIT", "WEEK 5", "FOCUS"):
        assert english not in shown
    # The PDFs say their language (a screen reader reads them in Spanish), the bundle's
    # bookmarks too.
    planners = roadmap_build.site / "es" / "planners"
    week = PdfReader(planners / "fast-track" / "week-05-a4.pdf")
    assert week.trailer["/Root"]["/Lang"] == "es"
    bundle = PdfReader(planners / "fast-track-a4.pdf")
    assert bundle.trailer["/Root"]["/Lang"] == "es"
    marks = [item.title for item in bundle.outline if not isinstance(item, list)]
    assert marks[0] == "Semana 1 · Sprint de fundamentos"
    english = PdfReader(roadmap_build.site / "planners" / "fast-track-a4.pdf")
    assert english.trailer["/Root"]["/Lang"] == "en"


# --- in a browser: one progress, two languages -----------------------------------------------


@pytest.fixture
def learner(visit: object) -> Iterator[object]:
    yield visit


def test_a_tick_in_english_shows_on_the_spanish_week_and_back(learner: object) -> None:
    from tests.test_progress import item, tick

    visit = learner
    page = visit.open("fast-track/week-05/")  # type: ignore[attr-defined]
    key = "deliverable/regression-project"
    tick(page, key)
    page.locator(".md-header__option .md-select button").hover()  # the switcher, as a learner
    page.locator(".md-header__option .md-select__link[hreflang='es']").first.click()
    page.wait_for_url(re.compile(r"/es/fast-track/week-05/$"))
    page.wait_for_load_state("networkidle")
    assert item(page, key).is_checked()
    assert "Semana 5" in page.locator("h1").inner_text()
    page = visit.open("es/fast-track/")  # type: ignore[attr-defined]
    page.locator("#cp-start-fast-track").fill("2027-01-06")
    page = visit.open("es/fast-track/week-05/")  # type: ignore[attr-defined]
    assert "lun, 1 feb 2027" in page.locator(".cp-week-status").inner_text().lower().replace(
        ".", ""
    )


def test_spanish_search_finds_a_spanish_deliverable_on_its_week(visit: object) -> None:
    page = visit.open("es/")  # type: ignore[attr-defined]
    field = page.locator("input.md-search__input")
    field.fill("regresión")
    field.press("End")  # the theme searches on keyup
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item a").evaluate_all(
        "(links) => links.map((link) => new URL(link.href).pathname)"
    )
    assert links, "no result"
    assert all(link.startswith("/es/") for link in links)
    assert "/es/fast-track/week-05/" in [link.split("#")[0] for link in links[:5]]


def test_each_language_keeps_its_own_build_settings(tmp_path: Path) -> None:
    """A translation's pages are made once, while it is checked; its build takes them only if
    its settings are the same (`--no-directory-urls` is given to the source's build alone)."""
    project = make_project(tmp_path, ROADMAP, languages=("es",))
    site = tmp_path / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--no-directory-urls", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    for language, root in (("en", site), ("es", site / "es")):
        manifest = json.loads((root / "assets" / "curriculum.json").read_text(encoding="utf-8"))
        urls = re.findall(r'"(fast-track/week-\d\d(?:/|\.html))"', json.dumps(manifest))
        assert urls, language
        for url in urls:
            page = root / (url + "index.html" if url.endswith("/") else url)
            assert page.is_file(), (language, url)


def _marked_inside_f_strings(source: str) -> list[str]:
    """The messages a Python source marks for translation inside an f-string, where Babel
    does not look (they would never reach the catalog, and stay in English)."""
    keywords = {"_", "t", "nt", "_t", "_nt", "N_", "gettext", "ngettext"}
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in keywords
                and call.args
                and isinstance(call.args[0], ast.Constant)
            ):
                found.append(f"line {call.lineno}: {call.func.id}({call.args[0].value!r})")
    return found


def test_no_message_is_marked_inside_an_f_string() -> None:
    marked = {
        path.name: found
        for path in sorted((ROOT / "generator").glob("*.py"))
        if (found := _marked_inside_f_strings(path.read_text(encoding="utf-8")))
    }
    assert marked == {}


def test_a_message_marked_inside_an_f_string_is_found() -> None:
    source = 'label = f"<p>{t(\'Print planner\')}</p>"\nplain = t("Deliverables")\n'
    assert _marked_inside_f_strings(source) == ["line 1: t('Print planner')"]


def test_a_one_of_deliverable_is_named_in_the_page_language() -> None:
    """The plan ("Finish and ship …") and the calendar name a deliverable by its plain text: for
    "one of" options that text is the generator's words, not the model's English label."""
    choices = (Choice(text="Caesar"), Choice(text="Substitution"))
    options = Check("deliverable/x", "One of Caesar or Substitution", choices=choices)
    led = Check(
        "deliverable/y",
        "Problem Set 2: one of Caesar or Substitution",
        None,
        "Problem Set 2",
        choices,
    )
    with i18n.language("es"):
        assert entry_text(options) == "Una de Caesar o Substitution"
        assert entry_text(led) == "Problem Set 2: una de Caesar o Substitution"
    assert entry_text(options) == options.text
    assert entry_text(led) == led.text

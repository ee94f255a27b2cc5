"""The words the generator adds to a curriculum, in the learner's language (gettext, by Babel).

English is the source language: its messages are the msgids themselves, so it needs no catalog.
Every other language has `generator/locale/<lang>/LC_MESSAGES/messages.po` (managed with
`make translations`: `pybabel extract` into `messages.pot`, then `pybabel update`). The `.po` is
compiled when a build first asks for the language, in memory: no `.mo` file is committed.

Which language a page is being rendered in is set with `language("es")` around the rendering
(a context variable, so the pure render functions keep their signatures).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import gettext as _gettext
import io
from collections.abc import Iterator
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

SOURCE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=SOURCE)


def available() -> tuple[str, ...]:
    """Every language the generator speaks: the source language and those with a catalog."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE, *found)


def catalog_path(lang: str) -> Path:
    """Where a language's catalog lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalog(lang: str) -> Catalog:
    """A language's catalog, as its `.po` file has it."""
    with catalog_path(lang).open("rb") as source:
        return read_po(source, locale=lang, domain=DOMAIN)


@functools.cache
def translations(lang: str) -> _gettext.NullTranslations:
    """A language's messages, compiled from its `.po` (the source language translates nothing)."""
    if lang == SOURCE:
        return _gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalog(lang))
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def script_messages(lang: str) -> dict[str, object]:
    """What the browser script needs to speak `lang`: its translated messages (a plural message
    as the list of its forms), and which form each CLDR plural category takes."""
    if lang == SOURCE:
        return {}
    messages: dict[str, str | list[str]] = {}
    for message in catalog(lang):
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            strings = [str(form) for form in message.string]
            if all(strings):
                messages[str(message.id[0])] = strings
        else:
            messages[str(message.id)] = str(message.string)
    rule = Locale.parse(lang).plural_form
    chosen = translations(lang)
    samples = [*range(0, 1001), 1_000_000, 2_000_000]
    categories = {rule(n): _form_index(chosen, n) for n in samples}
    return {"language": lang, "messages": messages, "plural": dict(sorted(categories.items()))}


def _form_index(chosen: _gettext.NullTranslations, number: int) -> int:
    plural = getattr(chosen, "plural", None)
    return int(plural(number)) if plural else int(number != 1)


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Render in `lang` inside the block."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    """The language being rendered in."""
    return _current.get()


def gettext(message: str) -> str:
    """`message` in the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The form of a message for `number`, by the current language's plural rule."""
    return translations(_current.get()).ngettext(singular, plural, number)


_ = gettext


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later (by `_(variable)`)."""
    return message


#: The resource kinds, as the pages name them (`kind: video` is shown as `_("video")`).
RESOURCE_KIND_NAMES = (
    N_("video"), N_("lecture"), N_("reading"), N_("notes"), N_("slides"),
    N_("exercise"), N_("lab"), N_("quiz"), N_("tool"), N_("other"),
)  # fmt: skip

#: Date patterns (Unicode CLDR): a day in a planner's grid, and a full date.
SHORT_DATE = "EEE d MMM"
LONG_DATE = "EEE d MMM y"


def short_date(day: datetime.date) -> str:
    """`Mon 1 Feb` in English; in another language its own form (`lun, 1 feb`), as the
    browser's `Intl.DateTimeFormat` writes it on the same pages."""
    lang = _current.get()
    if lang == SOURCE:
        return format_date(day, SHORT_DATE, locale=lang)
    return format_skeleton("MMMEd", day, locale=lang)


def long_date(day: datetime.date) -> str:
    """`Mon 1 Feb 2027` in English, `lun, 1 feb 2027` in Spanish."""
    lang = _current.get()
    if lang == SOURCE:
        return format_date(day, LONG_DATE, locale=lang)
    return format_skeleton("yMMMEd", day, locale=lang)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def day_name(day: str) -> str:
    """A weekday (`monday`) as the current language writes it in a heading: `Monday`, `Lunes`."""
    return _day_name(day, _current.get())


@functools.cache
def _day_name(day: str, language: str) -> str:
    name = str(get_day_names("wide", locale=language)[_WEEKDAYS.index(day)])
    return name[:1].upper() + name[1:]

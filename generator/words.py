"""Wording shared by the pages, the planners, the calendars and the command line."""

from __future__ import annotations

import urllib.parse

from babel.numbers import get_decimal_symbol

from generator.expand import Check, Deliverable, TrackPlan
from generator.i18n import _, current, ngettext


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`1 week`, `2 weeks`, `0 weeks`: a number with its noun in the right form."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def filesize(size: int) -> str:
    """`870 bytes`, `52 kB`, `1.3 MB` (decimal units, as browsers and file managers show)."""
    if size < 1000:
        return ngettext("%(num)s byte", "%(num)s bytes", size) % {"num": size}
    if size < 999_500:
        return _("%(size)s kB") % {"size": round(size / 1000)}
    megabytes = f"{size / 1_000_000:.1f}".replace(".", get_decimal_symbol(current()))
    return _("%(size)s MB") % {"size": megabytes}


def entry_text(check: Check) -> str:
    """A checklist entry as one line of plain text in the current language: its text, or its
    options (`Problem Set 1: one of Caesar or Substitution`)."""
    if not check.choices:
        return check.text
    options = _(" or ").join(choice.text for choice in check.choices)
    if check.lead:
        return _("%(lead)s: one of %(options)s") % {"lead": check.lead, "options": options}
    return _("One of %(options)s") % {"options": options}


def due_text(deliverable: Deliverable, week: int) -> str:
    """When a sprint item is due, seen from track week `week` (its number from 1)."""
    if deliverable.due_week == week:
        return _("due this week")
    if deliverable.due_week < week:
        return _("was due week %(week)s") % {"week": deliverable.due_label}
    return _("due week %(week)s") % {"week": deliverable.due_label}


def of_weeks(plan: TrackPlan) -> str:
    """What follows `week 5` in `week 5 of 24`: the track's length, or its numbers when they do
    not start at 1 (`of 0–10`)."""
    first = plan.first_label
    last = first + len(plan.weeks) - 1
    if first == 1:
        return _("of %(last)s") % {"last": last}
    return _("of %(first)s–%(last)s") % {"first": first, "last": last}


def short_url(url: str) -> str:
    """A link as short text for paper: `cs50.harvard.edu/x/psets/1`, `help@example.org`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() == "mailto":
        return parts.path
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
    if len(host + path) <= 48:
        return host + path
    # The end of an address tells pages of one site apart: keep the host and the last parts.
    tail = ""
    for part in reversed(path.split("/")):
        if not part or len(host) + len(tail) + len(part) + 3 > 48:
            break
        tail = f"/{part}{tail}"
    return f"{host}/…{tail}" if tail else (host + path)[:47] + "…"


def minutes(value: int) -> str:
    """`45 min`, `2 h`, `1 h 45 min`."""
    hours, rest = divmod(value, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}

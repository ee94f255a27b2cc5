"""Wording shared by the pages, the planners, the calendars and the command line."""

from __future__ import annotations

from generator.expand import Deliverable


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`1 week`, `2 weeks`, `0 weeks`: a number with its noun in the right form."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def filesize(size: int) -> str:
    """`870 bytes`, `52 kB`, `1.3 MB` (decimal units, as browsers and file managers show)."""
    if size < 1000:
        return count(size, "byte")
    if size < 999_500:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB"


def due_text(deliverable: Deliverable, week: int) -> str:
    """When a sprint item is due, seen from track week `week`."""
    if deliverable.due_week == week:
        return "due this week"
    if deliverable.due_week < week:
        return f"was due week {deliverable.due_week}"
    return f"due week {deliverable.due_week}"

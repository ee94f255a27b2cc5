"""Calendars: one all-day event per week of a track (RFC 5545, with the icalendar library).

The events' text comes from `week_event`, which also feeds the browser's calendar download
(through the progress manifest), so the two calendars agree.
"""

from __future__ import annotations

import datetime
import urllib.parse
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from generator import paths
from generator.expand import Pause, Site, TrackPlan, Week
from generator.i18n import _, ngettext
from generator.planner import first_monday
from generator.words import due_text, entry_text, of_weeks

if TYPE_CHECKING:
    import icalendar

PRODID = "-//curriculum-publisher//weekly plan//EN"


@dataclass(frozen=True)
class WeekEvent:
    """The dateless part of a week's calendar event."""

    uid: str
    summary: str
    description: str
    categories: tuple[str, ...]
    path: str

    def as_dict(self) -> dict[str, object]:
        """Plain data for the browser."""
        return {**asdict(self), "categories": list(self.categories)}


def _with_url(text: str, url: str | None) -> str:
    return f"{text} <{url}>" if url else text


def week_event(plan: TrackPlan, week: Week, directory_urls: bool = True) -> WeekEvent:
    """A week as a calendar event: its title, sprint, deliverables, checkpoint and milestone."""
    track, span = plan.track, week.span
    categories = [_("Checkpoint")] if week.checkpoint else []
    marks = list(categories)
    if week.milestone:
        categories.append(_("Milestone"))
        marks.append(_("Milestone: %(title)s") % {"title": week.milestone.title})
    title = _("Week %(number)s: %(sprint)s") % {"number": week.label, "sprint": span.title}
    summary = " · ".join([title, *marks])
    lines = [
        _("%(track)s, week %(number)s %(of_weeks)s")
        % {"track": track.name, "number": week.label, "of_weeks": of_weeks(plan)},
        _("%(sprint)s, sprint week %(number)s of %(weeks)s")
        % {"sprint": span.title, "number": week.week_in_sprint, "weeks": span.weeks},
        _("Focus: %(focus)s") % {"focus": span.focus},
    ]
    for heading, items in (
        (_("Due by this week:"), week.sprint_due),
        (_("Later in this sprint:"), week.sprint_later),
    ):
        if items:
            lines += [heading]
            lines += [
                f"- {_with_url(entry_text(d.check), d.check.url)} ({due_text(d, week.number)})"
                for d in items
            ]
    if span.resources:
        lines += [_("Resources:"), *(f"- {_with_url(r.title, r.url)}" for r in span.resources)]
    if week.checkpoint:
        lines += [_("Checkpoint:"), *(f"- {c.text}" for c in week.checkpoint)]
    if week.milestone:
        detail = f" {week.milestone.detail}" if week.milestone.detail else ""
        lines.append(_("Milestone: %(title)s") % {"title": week.milestone.title} + detail)
    path = paths.page_url(paths.week_page(track.id, week.number), directory_urls)
    return WeekEvent(
        f"{track.id}-week-{week.number:02d}", summary, "\n".join(lines), tuple(categories), path
    )


def week_dates(
    start: datetime.date, offset: int, weeks: int = 1
) -> tuple[datetime.date, datetime.date]:
    """Monday and the exclusive end of the calendar week `offset` weeks after the first (of
    `weeks` weeks, for a break)."""
    monday = first_monday(start) + datetime.timedelta(weeks=offset)
    return monday, monday + datetime.timedelta(days=7 * weeks)


def break_event(plan: TrackPlan, pause: Pause) -> WeekEvent:
    """A break as a calendar event: weeks off, between two weeks of the track."""
    description = ngettext(
        "%(track)s: %(title)s, %(num)s week off (after week %(week)s).",
        "%(track)s: %(title)s, %(num)s weeks off (after week %(week)s).",
        pause.weeks,
    ) % {
        "track": plan.track.name,
        "title": pause.title,
        "num": pause.weeks,
        "week": pause.after_label,
    }
    return WeekEvent(
        f"{plan.track.id}-break-after-{pause.after:02d}",
        _("Break: %(title)s") % {"title": pause.title},
        description,
        (_("Break"),),
        "",
    )


def _uid_domain(site_url: str | None) -> str:
    """What follows the @ of a week's UID: the site's host and path, so that two curricula on
    one host differ, but not the start date, so that a calendar which honours updates moves
    the events when the learner imports the calendar again."""
    parts = urllib.parse.urlsplit(site_url or "")
    return parts.hostname + (parts.path or "/") if parts.hostname else "curriculum-publisher"


def _alarm(summary: str) -> icalendar.Alarm:
    """A reminder 9 hours after an all-day event begins: 9:00 on its first day."""
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", datetime.timedelta(hours=9))
    return alarm


def build_calendar(
    site: Site,
    track_id: str,
    start: datetime.date,
    site_url: str | None = None,
    stamp: datetime.datetime | None = None,
    reminder: bool = False,
) -> bytes:
    """The .ics file of one track, starting in the week that holds `start`; with `reminder`,
    each week's event rings at 9:00 on its first day (breaks do not)."""
    import icalendar

    plan = next(plan for plan in site.tracks if plan.track.id == track_id)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{plan.track.label} — {plan.track.name}")
    stamp = stamp or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    domain = _uid_domain(site_url)
    entries = [(week_event(plan, week), week.offset, 1, True) for week in plan.weeks]
    entries += [
        (break_event(plan, pause), pause.offset, pause.weeks, False) for pause in plan.breaks
    ]
    for event, offset, weeks, is_week in sorted(entries, key=lambda entry: entry[1]):
        first, end = week_dates(start, offset, weeks)
        entry = icalendar.Event()
        entry.add("uid", f"{event.uid}@{domain}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", first)
        entry.add("dtend", end)
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        if event.categories:
            entry.add("categories", list(event.categories))
        if site_url and event.path:
            entry.add("url", site_url.rstrip("/") + "/" + event.path)
        if reminder and is_week:
            entry.add_component(_alarm(event.summary))
        calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data

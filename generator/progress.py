"""What the browser needs to track progress: the checklist items of every week and sprint,
the weeks' calendar events, as one JSON manifest (pure; the plugin publishes it)."""

from __future__ import annotations

import json
from typing import Any

from generator import paths
from generator.expand import Pause, Site, Span, TrackPlan, Week
from generator.i18n import current, script_messages
from generator.ics import break_event, week_event

MANIFEST = "assets/curriculum.json"
VERSION = 1


def week_items(week: Week) -> list[str]:
    """The items that make a week done: every box its page counts (see `Week.counted`)."""
    return [check.key for check in week.counted]


def week_groups(week: Week) -> dict[str, list[str]]:
    """The boxes a week page sets apart under their own heading, each with its own figure:
    deliverables due later in the sprint, and sprint extras before the sprint's last week."""
    groups = {"later": [d.check.key for d in week.later]}
    if not week.extras_due:
        groups["extras"] = [d.check.key for d in week.extras]
    return {name: keys for name, keys in groups.items() if keys}


def _sprint(plan: TrackPlan, span: Span) -> dict[str, Any]:
    """A sprint's own items; its weeks' items are in the weeks."""
    milestone = span.milestone
    return {
        "id": span.id,
        "title": span.title,
        "first": span.first_week,
        "last": span.last_week,
        "deliverables": [d.check.key for d in span.schedule],
        "extras": [d.check.key for d in plan.weeks_in(span)[0].extras],
        "milestone": {"id": milestone.id, "title": milestone.title} if milestone else None,
    }


def _break(plan: TrackPlan, pause: Pause) -> dict[str, Any]:
    """A break: its place in the calendar and its event (no items)."""
    return {
        "after": pause.after,
        "weeks": pause.weeks,
        "offset": pause.offset,
        "event": break_event(plan, pause).as_dict(),
    }


def _track(plan: TrackPlan, options: paths.Options) -> dict[str, Any]:
    track = plan.track
    directory_urls = options.directory_urls
    return {
        "id": track.id,
        "label": track.label,
        "name": track.name,
        "length": track.weeks,
        "url": paths.page_url(paths.track_page(track.id), directory_urls),
        "sprints": [_sprint(plan, span) for span in plan.spans],
        **({"breaks": [_break(plan, pause) for pause in plan.breaks]} if plan.breaks else {}),
        "weeks": [
            {
                "number": week.number,
                **({"label": week.label} if week.label != week.number else {}),
                **({"offset": week.offset} if week.offset != week.number - 1 else {}),
                "sprint": week.span.sprint.id,
                "url": paths.page_url(paths.week_page(track.id, week.number), directory_urls),
                "items": week_items(week),
                "apart": week_groups(week),
                "event": week_event(plan, week, directory_urls).as_dict(),
            }
            for week in plan.weeks
        ],
    }


def build_manifest(site: Site, options: paths.Options = paths.DEFAULT_OPTIONS) -> str:
    """The manifest as JSON text (stable key order, so builds are byte-identical)."""
    manifest = {
        "version": VERSION,
        "tracks": [_track(plan, options) for plan in site.tracks],
        **script_messages(current()),
    }
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

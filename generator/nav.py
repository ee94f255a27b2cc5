"""The site navigation: a tab for the roadmap and one per track, sprints as sections.

Titles are HTML-escaped here because themes print navigation titles as they are.
"""

from __future__ import annotations

from typing import Any

from generator import paths
from generator.expand import Site, TrackPlan
from generator.i18n import _
from generator.markdown import attribute

NavItem = str | dict[str, Any]


def _title(text: str) -> str:
    return str(attribute(text))


def build_nav(
    site: Site, extra_pages: list[str] | tuple[str, ...] = (), downloads: bool = True
) -> list[NavItem]:
    """The `nav` MkDocs should use: generated pages in reading order, then `extra_pages`."""
    curriculum = site.curriculum
    roadmap: list[NavItem] = [{_("Overview"): paths.HOME}]
    if curriculum.milestones.items:
        roadmap.append({_title(curriculum.milestones.title): paths.MILESTONES})
    if curriculum.weekly_routine or curriculum.daily_split:
        routine = curriculum.weekly_routine or curriculum.daily_split
        assert routine is not None
        roadmap.append({_title(routine.title): paths.ROUTINE})
    if curriculum.checkpoint:
        roadmap.append({_("Checkpoints"): paths.CHECKPOINTS})
    roadmap += [{_title(s.title): paths.side_track_page(s.id)} for s in curriculum.side_tracks]
    if downloads:
        roadmap.append({_("Downloads"): paths.DOWNLOADS})
    roadmap += list(extra_pages)
    return [{_("Roadmap"): roadmap}, *(_track_nav(plan) for plan in site.tracks)]


def _track_nav(plan: TrackPlan) -> NavItem:
    track = plan.track
    sections: list[NavItem] = [{_("Overview"): paths.track_page(track.id)}]
    for span in plan.spans:
        weeks = [
            {_("Week %(number)s") % {"number": week.label}: paths.week_page(track.id, week.number)}
            for week in plan.weeks_in(span)
        ]
        sections.append({_title(span.title): weeks})
    return {_title(track.name): sections}

"""Markdown building blocks of the pages: text from the YAML escaped, links, messages in the
current language, checklists (no I/O).

Every value a page prints is escaped for Markdown and HTML unless it is `Markup` made here
(links between pages, attribute values): text from the YAML is always shown as written, so a
contributor cannot inject markup, links or script.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup

from generator.expand import Check, Deliverable, Span, join_days
from generator.i18n import _, current, ngettext
from generator.model import (
    Checkpoint,
    Curriculum,
    DailySplit,
    Milestone,
    Resource,
    SideTrack,
    WeeklyRoutine,
)
from generator.words import due_text, minutes

# Characters Python-Markdown honours a backslash escape for, minus those harmless mid-text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
# What opens a block at the start of a line: a list number, or a marker such as `-`, `+`,
# `!!!` (admonition), `???` (details), `:` (definition), `~~~` (fence), `=` (setext).
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([+\-=!?:~])")
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_markdown(value: Any) -> str:
    """Plain text as inline Markdown that renders to exactly that text: one line, no markup."""
    if isinstance(value, Markup):
        return value
    return _escape_text(str(value))


def safe(text: str) -> Markup:
    """`text`, made here and escaped already, as `Markup` (without `Markup()`'s look for an
    `__html__` method, a third of the cost of the messages a build writes by the thousand)."""
    return str.__new__(Markup, text)


@functools.lru_cache(maxsize=8192)
def _escape_text(value: str) -> str:
    """(Cached: a curriculum's texts come back on many pages.)"""
    text = " ".join(value.split())
    text = text.translate(_HTML_SPECIAL)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(_escape_block_start, text, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(3):
        return f"&#{ord(match.group(3))};"
    return f"{match.group(1)}\\{match.group(2)}"


def attribute(value: object) -> Markup:
    """A value safe inside a double-quoted HTML attribute (or attr_list value)."""
    return _attribute(str(value))


@functools.lru_cache(maxsize=8192)
def _attribute(value: str) -> Markup:
    return safe(html.escape(" ".join(value.split()), quote=True))


def week_range(span: Span) -> str:
    """`Weeks 5–8`, or `Week 5` for a one-week sprint (as the track numbers its weeks)."""
    if span.weeks == 1:
        return _("Week %(number)s") % {"number": span.first_label}
    return _("Weeks %(first)s–%(last)s") % {"first": span.first_label, "last": span.last_label}


def link_to(text: str, url: str | None) -> Markup:
    """Text from the YAML as a link to its `url` (escaped both), or as plain text without one.
    Web links open in a new tab, without giving the opened page a handle on this one."""
    return _link_to(text, url, current())


@functools.lru_cache(maxsize=8192)
def _link_to(text: str, url: str | None, language: str) -> Markup:
    """(Cached: a routine's tasks come back on every week page.)"""
    shown = escape_markdown(text)
    if not url:
        return safe(shown)
    href = attribute(url)
    if url.lower().startswith("mailto:"):
        return safe(f'<a href="{href}" class="cp-link">{shown}</a>')
    new_tab = html.escape(_("(opens in a new tab)"))
    return safe(
        f'<a href="{href}" class="cp-link" target="_blank" rel="noopener">{shown}'
        f'<span class="cp-sr-only"> {new_tab}</span></a>'
    )


def duration(minutes: int) -> str:
    """`2 Hours`, `90 Minutes`: a daily budget as the seed words it."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(num)s Hour", "%(num)s Hours", hours) % {"num": hours}
    return ngettext("%(num)s Minute", "%(num)s Minutes", minutes) % {"num": minutes}


def side_track_heading(side: SideTrack, curriculum: Curriculum) -> Markup:
    """`Optional “Career Parallel Track” (Start Week 1)`, or `(Starts With Python)`."""
    title = _("Optional “%(title)s”") % {"title": side.title} if side.optional else side.title
    if side.start_sprint is not None:
        sprint = next(s for s in curriculum.sprints if s.id == side.start_sprint)
        start = _("Starts With %(sprint)s") % {"sprint": sprint.title}
    else:
        week = side.start_week if side.start_week is not None else curriculum.first_week
        start = _("Start Week %(number)s") % {"number": week}
    return safe(escape_markdown(f"{title} ({start})"))


def markdown_message(message: str, **values: Any) -> Markup:
    """A message in the current language, as Markdown: the translation may hold Markdown (`**`),
    the values from the YAML are escaped."""
    if not values:
        return _plain_message(message, current())
    return safe(_(message) % {k: escape_markdown(v) for k, v in values.items()})


@functools.lru_cache(maxsize=1024)
def _plain_message(message: str, language: str) -> Markup:
    """(Cached: a heading's words come back on every week page.)"""
    return safe(_(message))


def markdown_plural(singular: str, plural: str, number: int, **values: Any) -> Markup:
    """The form of a message for `number` (as `%(num)s`), as `markdown_message` gives it."""
    text = ngettext(singular, plural, number)
    return safe(text % {"num": number, **{k: escape_markdown(v) for k, v in values.items()}})


def choice_links(choices: Any) -> Markup:
    """The options of a "one of" deliverable: `**A** or **B**`, each linked where it has a url."""
    joined = _(" or ").join(f"**{link_to(choice.text, choice.url)}**" for choice in choices)
    return safe(joined)


def entry(check: Check) -> Markup:
    """A checklist entry's text as Markdown, its links made (`One of **A** or **B**`)."""
    if not check.choices:
        return link_to(check.text, check.url)
    options = choice_links(check.choices)
    if check.lead:
        return markdown_message("%(lead)s: one of %(options)s", lead=check.lead, options=options)
    return markdown_message("One of %(options)s", options=options)


def _check_item(check: Check, track: str, status: str = "") -> str:
    """One task-list item: the entry (and `status`), with the ids progress is kept under
    (`track`: the track's id as an attribute value)."""
    return (
        f"- [ ] {entry(check)}{status}\n"
        f'    {{ data-track="{track}" data-item-id="{attribute(check.key)}" }}\n'
    )


def checklist(checks: Iterable[Check], track_id: str) -> Markup:
    """Checks as a task list that remembers its ticks."""
    track = attribute(track_id)
    return safe("".join(_check_item(check, track) for check in checks))


def deliverable_checklist(deliverables: Iterable[Deliverable], track_id: str, week: int) -> Markup:
    """Deliverables as a task list, each saying when it is due, seen from track week `week`."""
    due_now = f" · **{markdown_message('due this week')}**"
    track = attribute(track_id)
    items = (
        _check_item(
            d.check, track, due_now if d.due_now else f" · {escape_markdown(due_text(d, week))}"
        )
        for d in deliverables
    )
    return safe("".join(items))


# Blocks shared by the week pages (`generator.weekpage`) and the templates (as globals). -------

t = markdown_message
nt = markdown_plural


def group_status(track_id: str, week: int, group: str) -> Markup:
    """Where the browser shows how much of a group of a week's items is ticked."""
    return safe(
        f'<div class="cp-group-status" data-track="{attribute(track_id)}" data-week="{week}" '
        f'data-group="{attribute(group)}" hidden></div>'
    )


def bullet_list(items: Iterable[Any]) -> Markup:
    """Items with a `text` and maybe a `url`, as a list."""
    return safe("".join(f"- {link_to(item.text, item.url)}\n" for item in items))


def resource_list(resources: Iterable[Resource]) -> Markup:
    """A sprint's resources, each linked, with its kind and its length."""
    lines = []
    for resource in resources:
        kind = f" · {t(resource.kind)}" if resource.kind else ""
        length = f" · {escape_markdown(minutes(resource.minutes))}" if resource.minutes else ""
        lines.append(f"- {link_to(resource.title, resource.url)}{kind}{length}\n")
    return safe("".join(lines))


def milestone_line(milestone: Milestone) -> Markup:
    """`**Title** detail`."""
    detail = f" {escape_markdown(milestone.detail)}" if milestone.detail else ""
    return safe(f"**{escape_markdown(milestone.title)}**{detail}")


def routine_heading(routine: WeeklyRoutine) -> Markup:
    """`Weekly Routine (Repeat Every Week)`."""
    note = f" ({escape_markdown(routine.note)})" if routine.note else ""
    return safe(f"{escape_markdown(routine.title)}{note}")


def split_heading(split: DailySplit) -> Markup:
    """`Daily Split (If You Have 2 Hours)`."""
    return t(
        "%(title)s (If You Have %(duration)s)",
        title=split.title,
        duration=duration(split.budget_minutes),
    )


def split_list(split: DailySplit, days: Sequence[str]) -> Markup:
    """The daily split's blocks, and the days it applies on when not every day."""
    lines = []
    if len(days) < 7:
        on_days = t("On %(days)s:", days=join_days(days))
        lines.append(f"{on_days}\n\n")
    for block in split.blocks:
        detail = f" ({escape_markdown(block.detail)})" if block.detail else ""
        lines.append(f"- {block.minutes}m: {escape_markdown(block.activity)}{detail}\n")
    return safe("".join(lines))


def checkpoint_heading(checkpoint: Checkpoint) -> Markup:
    """`Checkpoint: Every Two Weeks`."""
    return t("Checkpoint: %(title)s", title=checkpoint.title)


def checkpoint_prompt(checkpoint: Checkpoint) -> Markup:
    """`Every 2 weeks, answer:`."""
    return nt("Every week, answer:", "Every %(num)s weeks, answer:", checkpoint.every_weeks)

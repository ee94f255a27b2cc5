"""What a curriculum change does to learners, week by week: `python -m generator diff`.

Compares the expanded weeks of two versions of a curriculum, track by track, and reports in
Markdown (for a pull-request comment or a job summary) which week pages change and how.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.expand import Site, TrackPlan, Week
from generator.markdown import escape_markdown, week_range
from generator.words import count


@dataclass(frozen=True)
class WeekFacts:
    """What a learner sees of one week, reduced to what a reviewer compares."""

    sprint_id: str
    sprint_title: str
    focus: str
    deliverables: dict[str, tuple[str, int]]
    links: dict[str, str]
    resources: tuple[tuple[str, str], ...]
    offset: int
    extras: dict[str, str]
    side_tasks: dict[str, str]
    checkpoint: bool
    milestone: str | None
    note: str | None


def week_facts(week: Week) -> WeekFacts:
    """The comparable facts of a week."""
    return WeekFacts(
        sprint_id=week.span.id,
        sprint_title=week.span.title,
        focus=week.span.focus,
        deliverables={d.check.key: (d.check.text, d.due_week) for d in week.deliverables},
        links=_links(week),
        resources=tuple((r.title, r.url) for r in week.span.resources),
        offset=week.offset,
        extras={d.check.key.split("/")[-1]: d.check.text for d in week.extras},
        side_tasks={c.key.split("/", 1)[1]: c.text for s in week.side_tasks for c in s.checks},
        checkpoint=bool(week.checkpoint),
        milestone=week.milestone.title if week.milestone else None,
        note=week.plan.note,
    )


def _links(week: Week) -> dict[str, str]:
    """Each deliverable's link (and each of its options'), by item key (and option text)."""
    links = {}
    for deliverable in week.deliverables:
        check = deliverable.check
        if check.url:
            links[check.key] = check.url
        links |= {f"{check.key}/{c.text}": c.url for c in check.choices if c.url}
    return links


def _q(text: str) -> str:
    """Curriculum text, quoted and escaped: the report is Markdown too."""
    return f"“{escape_markdown(text)}”"


def _items(kind: str, old: dict[str, str], new: dict[str, str]) -> list[str]:
    changes = [f"{kind} added: {_q(new[k])}" for k in new if k not in old]
    changes += [f"{kind} removed: {_q(old[k])}" for k in old if k not in new]
    changes += [
        f"{kind} renamed: {_q(old[k])} → {_q(new[k])}" for k in new if k in old and old[k] != new[k]
    ]
    return changes


def compare_weeks(old: WeekFacts, new: WeekFacts, shift: int = 0) -> list[str]:
    """How one week's page changes, in a reviewer's words (week numbers as the new version
    shows them: track week n is shown as n + `shift`)."""
    if old.sprint_id != new.sprint_id:
        # Everything else follows from the move; the sprint's own changes show on its weeks.
        changes = [f"now in the {_q(new.sprint_title)}, was in the {_q(old.sprint_title)}"]
        return changes + _marks(old, new)
    changes = []
    if old.sprint_title != new.sprint_title:
        changes.append(f"sprint renamed: {_q(old.sprint_title)} → {_q(new.sprint_title)}")
    if old.focus != new.focus:
        changes.append(f"focus: {_q(old.focus)} → {_q(new.focus)}")
    titles_old = {k: text for k, (text, _) in old.deliverables.items()}
    titles_new = {k: text for k, (text, _) in new.deliverables.items()}
    changes += _items("deliverable", titles_old, titles_new)
    changes += [
        f"{_q(text)} now due week {due + shift} (was week {old.deliverables[key][1] + shift})"
        for key, (text, due) in new.deliverables.items()
        if key in old.deliverables and old.deliverables[key][1] != due
    ]
    if old.links != new.links:
        changes.append("deliverable links changed")
    if old.resources != new.resources:
        titles_old = {title: title for title, _ in old.resources}
        titles_new = {title: title for title, _ in new.resources}
        changes += _items("resource", titles_old, titles_new) or ["resource links changed"]
    if old.offset != new.offset:
        moved = new.offset - old.offset
        later = "later" if moved > 0 else "earlier"
        changes.append(f"dates move {count(abs(moved), 'week')} {later} (a break before it)")
    changes += _items("sprint extra", old.extras, new.extras)
    changes += _items("side-track task", old.side_tasks, new.side_tasks)
    if old.note != new.note:
        changes.append("plan note changed")
    return changes + _marks(old, new)


def _marks(old: WeekFacts, new: WeekFacts) -> list[str]:
    """Checkpoint and milestone changes of a week."""
    changes = []
    if old.checkpoint != new.checkpoint:
        changes.append("now a checkpoint week" if new.checkpoint else "no longer a checkpoint week")
    if old.milestone != new.milestone:
        if new.milestone:
            changes.append(f"now ships the milestone {_q(new.milestone)}")
        if old.milestone:
            changes.append(f"no longer ships the milestone {_q(old.milestone)}")
    return changes


def _sprint_moves(old: TrackPlan, new: TrackPlan, shift: int) -> list[str]:
    before = {span.id: span for span in old.spans}
    lines = []
    for span in new.spans:
        was = before.get(span.id)
        if was is None:
            lines.append(f"- sprint added: {_q(span.title)}, {week_range(span)}")
        elif (was.first_week, was.last_week) != (span.first_week, span.last_week):
            moved = dataclasses.replace(was, first_label=was.first_week + shift)
            lines.append(f"- {_q(span.title)}: {week_range(moved)} → {week_range(span)}")
    after = {span.id for span in new.spans}
    lines += [f"- sprint removed: {_q(s.title)}" for s in old.spans if s.id not in after]
    breaks_old = {(b.after_label, b.title, b.weeks) for b in old.breaks}
    breaks_new = {(b.after_label, b.title, b.weeks) for b in new.breaks}
    for after_label, title, weeks in sorted(breaks_new - breaks_old):
        lines.append(f"- break added after week {after_label}: {_q(title)}, {count(weeks, 'week')}")
    for after_label, title, _ in sorted(breaks_old - breaks_new):
        lines.append(f"- break removed after week {after_label}: {_q(title)}")
    return lines


def diff_track(old: TrackPlan, new: TrackPlan) -> list[str]:
    """The Markdown lines for one track present in both versions."""
    lines = []
    shift = new.first_label - 1
    if old.first_label != new.first_label:
        lines.append(f"- weeks numbered from {new.first_label} (were from {old.first_label})")
    if old.track.weeks != new.track.weeks:
        lines.append(f"- length: {old.track.weeks} → {new.track.weeks} weeks")
    lines += _sprint_moves(old, new, shift)
    entries: list[tuple[int, str, list[str]]] = []
    for number in range(1, max(len(old.weeks), len(new.weeks)) + 1):
        if number > len(new.weeks):
            entries.append((number, "", ["removed"]))
        elif number > len(old.weeks):
            entries.append((number, new.weeks[number - 1].span.title, ["added"]))
        else:
            before, after = old.weeks[number - 1], new.weeks[number - 1]
            changes = compare_weeks(week_facts(before), week_facts(after), shift)
            if changes:
                entries.append((number, after.span.title, changes))
    return lines + _grouped([(n + shift, sprint, changes) for n, sprint, changes in entries])


def _grouped(entries: list[tuple[int, str, list[str]]]) -> list[str]:
    """Consecutive weeks with the same changes in the same sprint are reported once."""
    lines: list[str] = []
    index = 0
    while index < len(entries):
        first, sprint, changes = entries[index]
        last = first
        while index + 1 < len(entries) and entries[index + 1] == (last + 1, sprint, changes):
            index += 1
            last += 1
        weeks = f"Week {first}" if first == last else f"Weeks {first}–{last}"
        where = f" ({escape_markdown(sprint)})" if sprint else ""
        lines.append(f"- **{weeks}**{where}")
        lines += [f"    - {change}" for change in changes]
        index += 1
    return lines


def _routine(site: Site) -> dict[str, str]:
    routine = site.curriculum.weekly_routine
    blocks = routine.blocks if routine else []
    return {f"{'-'.join(b.days)}/{t.key}": t.text for b in blocks for t in b.tasks}


def _shared(old: Site, new: Site) -> list[str]:
    """Changes every week (or every checkpoint week) shows: routine, daily split, checkpoint
    questions and advice, milestone wording."""
    changes = _items("routine task", _routine(old), _routine(new))
    split_old, split_new = old.curriculum.daily_split, new.curriculum.daily_split
    if split_old != split_new:
        changes.append("daily split changed")
    check_old, check_new = old.curriculum.checkpoint, new.curriculum.checkpoint
    questions_old = {q.key: q.text for q in check_old.questions} if check_old else {}
    questions_new = {q.key: q.text for q in check_new.questions} if check_new else {}
    changes += _items("checkpoint question", questions_old, questions_new)
    if check_old and check_new and check_old.advice != check_new.advice:
        changes.append("checkpoint advice changed")
    milestones_old = {m.id: m for m in old.curriculum.milestones.items}
    for milestone in new.curriculum.milestones.items:
        was = milestones_old.get(milestone.id)
        if was and (was.title, was.detail) != (milestone.title, milestone.detail):
            changes.append(f"milestone reworded: {_q(milestone.title)}")
    return changes


def diff_sites(old: Site, new: Site) -> str:
    """The report: every track's changed weeks, then changes shared by every week."""
    out = ["## What changes for learners, week by week", ""]
    old_tracks = {plan.track.id: plan for plan in old.tracks}
    new_ids = {plan.track.id for plan in new.tracks}
    changed = False
    for plan in new.tracks:
        before = old_tracks.get(plan.track.id)
        title = f"### {escape_markdown(f'{plan.track.label} — {plan.track.name}')}"
        if before is None:
            out += [title, "", f"- new track: {count(len(plan.weeks), 'week')}", ""]
            changed = True
            continue
        lines = diff_track(before, plan)
        if lines:
            out += [title, "", *lines, ""]
            changed = True
    for plan in old.tracks:
        if plan.track.id not in new_ids:
            name = escape_markdown(f"{plan.track.label} — {plan.track.name}")
            out += [f"### {name}", "", "- track removed", ""]
            changed = True
    shared = _shared(old, new)
    if shared:
        out += ["### Every week", "", *(f"- {line}" for line in shared), ""]
        changed = True
    if not changed:
        out += ["No week page changes.", ""]
    return "\n".join(out)

"""What a learner reads must mean what it says: every box a week shows counts or is set apart,
continue goes back to where the learner was, the home page follows ticks, not visits, the
milestone is shipped only once its deliverables are ticked, and the whole row is the control."""

from __future__ import annotations

from tests.conftest import Visit
from tests.test_progress import item, tick


def all_keys(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "() => [...document.querySelectorAll('li.task-list-item[data-item-id]')]"
        ".map(li => li.dataset.itemId)"
    )


def figure(page, selector: str = ".cp-week-status") -> str:  # type: ignore[no-untyped-def]
    return page.locator(selector).inner_text().strip()


def test_a_week_with_open_deliverables_is_not_done(visit: Visit) -> None:
    page = visit.open("fast-track/week-08/")
    keys = all_keys(page)
    assert len(keys) == 20
    for key in keys:
        if not key.startswith("deliverable/"):
            tick(page, key)
    assert figure(page) == "This week: 17 of 20 done (85%)"
    page = visit.open("fast-track/")
    assert "(partly done)" in page.locator(".cp-week-link[data-week='8']").inner_text()
    page = visit.open("fast-track/week-08/")
    for key in keys:
        if key.startswith("deliverable/"):
            tick(page, key)
    assert figure(page) == "This week: 20 of 20 done (100%)"
    page = visit.open("fast-track/")
    assert "(done)" in page.locator(".cp-week-link[data-week='8']").inner_text()


def test_every_box_on_a_week_page_is_counted_or_set_apart(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    assert len(all_keys(page)) == 12
    assert figure(page) == "This week: 0 of 10 done (0%)"
    later = ".cp-group-status[data-group='later']"
    assert figure(page, later) == "Later in this sprint: 0 of 2 done (0%)"
    # The deliverable due week 6 sits under "Later in this sprint" and moves that figure.
    heading = page.locator("h3#later-in-this-sprint")
    assert heading.is_visible()
    tick(page, "deliverable/classification-project")
    assert figure(page) == "This week: 0 of 10 done (0%)"
    assert figure(page, later) == "Later in this sprint: 1 of 2 done (50%)"
    # On week 6 it is due, so it counts there.
    page = visit.open("fast-track/week-06/")
    assert figure(page).startswith("This week: 1 of ")


def test_sprint_extras_count_in_the_sprints_last_week(visit: Visit) -> None:
    page = visit.open("standard/week-07/")
    extras = ".cp-group-status[data-group='extras']"
    assert figure(page, extras) == "Also in this sprint: 0 of 4 done (0%)"
    tick(page, "extra/machine-learning/drills")
    assert figure(page, extras) == "Also in this sprint: 1 of 4 done (25%)"
    assert figure(page).startswith("This week: 0 of ")
    page = visit.open("standard/week-12/")
    assert page.locator(extras).count() == 0
    total = len(all_keys(page))
    assert figure(page).startswith(f"This week: 1 of {total} done")


def test_continue_goes_back_to_the_week_last_worked_on(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    tick(page, "week-05/routine/plan")
    page = visit.open("")
    panel = page.locator(".cp-continue")
    continue_link = panel.get_by_role("link", name="Continue where you left off: week 5")
    assert continue_link.get_attribute("href", timeout=2000).endswith("/fast-track/week-05/")
    assert panel.get_by_role("link", name="First unfinished week: week 1").count() == 1
    assert "6-Month Fast-Track: 1 item done." in panel.inner_text()


def test_visiting_another_track_does_not_take_over_the_home_page(visit: Visit) -> None:
    page = visit.open("fast-track/week-02/")
    tick(page, "week-02/routine/plan")
    visit.open("standard/")
    visit.open("standard/week-03/")
    page = visit.open("")
    tracks = page.locator(".cp-continue__track")
    assert tracks.count() == 1
    assert "6-Month Fast-Track" in tracks.first.inner_text()
    page = visit.open("standard/week-03/")
    tick(page, "week-03/routine/plan")
    page = visit.open("")
    names = [t.get_attribute("aria-label") for t in tracks.all()]
    assert names == ["9-Month Standard", "6-Month Fast-Track"]  # the one ticked last first
    assert "Continue where you left off: week 2" in tracks.nth(1).inner_text()


def test_the_milestone_is_due_until_its_deliverables_are_ticked(visit: Visit) -> None:
    page = visit.open("fast-track/week-08/")
    box = page.locator(".cp-milestone")
    assert box.locator(".admonition-title").inner_text() == "Milestone due this week"
    assert "success" not in str(box.get_attribute("class"))
    tick(page, "deliverable/regression-project")
    tick(page, "deliverable/classification-project")
    assert box.locator(".admonition-title").inner_text() == "Milestone due this week"
    tick(page, "deliverable/experiment-report")
    assert box.locator(".admonition-title").inner_text() == "Milestone shipped this week"
    assert "success" in str(box.get_attribute("class"))


def test_a_click_on_the_text_toggles_the_item(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    row = page.locator("li.task-list-item[data-item-id='week-05/routine/implement']")
    text = row.locator(".cp-item-text")
    assert text.inner_text().strip() == "implement + test"
    text.click(position={"x": 40, "y": 5})
    assert item(page, "week-05/routine/implement").is_checked()
    text.click(position={"x": 40, "y": 5})
    assert not item(page, "week-05/routine/implement").is_checked()
    # The text names the box for screen readers through its label.
    assert page.get_by_role("checkbox", name="implement + test").count() == 1


def test_a_focused_box_shows_a_focus_ring(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    row = page.locator("li.task-list-item[data-item-id='week-05/routine/implement']")
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    assert box is not None
    clip = {"x": box["x"] - 40, "y": box["y"] - 8, "width": 400, "height": box["height"] + 16}
    before = page.screenshot(clip=clip)
    item(page, "week-05/routine/push-daily").focus()
    page.keyboard.press("Shift+Tab")  # keyboard focus, so :focus-visible applies
    assert page.evaluate("() => document.activeElement.closest('li').dataset.itemId") == (
        "week-05/routine/implement"
    )
    assert page.screenshot(clip=clip) != before


def test_the_sidebar_shows_each_weeks_state(visit: Visit) -> None:
    page = visit.open("fast-track/week-05/")
    tick(page, "week-05/routine/plan")
    nav = page.locator(".md-sidebar--primary a.md-nav__link[href$='week-05/'] .cp-nav-state")
    nav_here = page.locator(".md-sidebar--primary .md-nav__link--active .cp-nav-state")
    states = nav.all() + nav_here.all()
    assert states, "no state mark next to week 5 in the sidebar"
    assert any("cp-week--partial" in str(s.get_attribute("class")) for s in states)
    assert "(partly done)" in states[0].inner_text() or "(partly done)" in states[-1].inner_text()
    week_6 = page.locator(".md-sidebar--primary a.md-nav__link[href$='week-06/'] .cp-nav-state")
    assert "cp-week--todo" in str(week_6.get_attribute("class"))

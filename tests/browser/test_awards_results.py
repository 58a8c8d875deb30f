"""Issue 14's results browser test: an administrator opens a category's results,
shortlists (deciding a tie at the cut explicitly), records the panel's winner, writes a
citation and publishes; the public results page is axe-clean at 1280 and 390 px, signed
in or not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.awards.models import (
    Assignment,
    Category,
    Consent,
    Criterion,
    Cycle,
    Entry,
    EntryStatus,
    Outcome,
    Panel,
    Route,
    Score,
)
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _judged_category():
    start = timezone.now() - timedelta(days=60)
    cycle = Cycle.objects.create(
        name="Upward Awards 2026", entries_open_at=start,
        entries_close_at=start + timedelta(days=20), judging_starts_at=start + timedelta(days=21),
        judging_ends_at=start + timedelta(days=30),
        finalists_announced_at=start + timedelta(days=31),
        winners_announced_at=start + timedelta(days=40))
    category = Category.objects.create(cycle=cycle, name="Mentor of the Year",
                                       eligibility="Anyone in the network.")
    impact = Criterion.objects.create(category=category, name="Outcomes and impact", weight=2)
    judges = [person(roles=["judge"], email=f"judge{i}@northbridge.example",
                     display_name=f"Judge {i}") for i in (1, 2)]
    panel = Panel.objects.create(category=category, name="Mentor panel", lead_judge=judges[0])
    panel.judges.set(judges)
    for i, (title, marks) in enumerate([("Tuesday mentoring", (9, 8)),
                                        ("Saturday club", (6, 5)),
                                        ("Open doors", (6, 5))], start=1):
        nominee = person(roles=["member"], email=f"nominee{i}@northbridge.example",
                         display_name=f"Nominee {i}")
        entry = Entry.objects.create(category=category, route=Route.SELF, nominee=nominee,
                                     title=title, consent=Consent.GIVEN,
                                     status=EntryStatus.SUBMITTED, submitted_at=start)
        for judge, mark in zip(judges, marks, strict=True):
            assignment = Assignment.objects.create(panel=panel, entry=entry, judge=judge,
                                                   submitted_at=timezone.now())
            Score.objects.create(assignment=assignment, criterion=impact, value=mark)
    return cycle, category


def test_shortlist_confirm_a_winner_and_publish(page, url, sign_in, assert_accessible):
    person(roles=["admin"], email="admin@northbridge.example", display_name="Sam Adeyemi")
    cycle, category = _judged_category()
    sign_in(page, "admin@northbridge.example")
    assert_accessible(page, "admin home")
    page.goto(url(f"/awards/manage/categories/{category.pk}/"))
    assert_accessible(page, "category")
    page.get_by_role("link", name="Results", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Mentor of the Year")
    assert_accessible(page, "results")
    expect(page.get_by_text("Tied").first).to_be_visible()

    page.get_by_role("link", name="Shortlist finalists for Mentor panel").click()
    assert_accessible(page, "shortlist form")
    page.get_by_label("The top entries by rank").check()
    page.get_by_label("How many finalists").fill("2")
    page.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_role("alert").first).to_contain_text("tie at the cut")
    assert_accessible(page, "shortlist: decide the tie")
    page.get_by_label("Open doors").check()
    page.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_text("2 finalists shortlisted.")).to_be_visible()
    assert_accessible(page, "results with finalists")
    assert set(Entry.objects.filter(outcome=Outcome.FINALIST)
               .values_list("title", flat=True)) == {"Tuesday mentoring", "Open doors"}

    page.get_by_role("link", name="Record the panel's winner for Mentor panel").click()
    assert_accessible(page, "winner form")
    page.get_by_label("Tuesday mentoring").check()
    page.get_by_label("How the panel agreed").fill("Unanimous at the panel meeting.")
    page.get_by_role("button", name="Record the confirmation").click()
    expect(page.get_by_text("The panel's confirmation is recorded.")).to_be_visible()
    assert_accessible(page, "results with a winner")
    assert Entry.objects.get(title="Tuesday mentoring").outcome == Outcome.WINNER

    page.get_by_role("link", name="Citation for Tuesday mentoring").click()
    assert_accessible(page, "citation form")
    page.get_by_label("Citation").fill("Three years of Tuesdays that changed careers.")
    page.get_by_role("button", name="Save the citation").click()
    expect(page.get_by_text("Citation saved.")).to_be_visible()
    assert_accessible(page, "results with a citation")

    page.goto(url(f"/awards/manage/cycles/{cycle.pk}/"))
    assert_accessible(page, "cycle")
    page.get_by_role("link", name="Publish the results").click()
    assert_accessible(page, "publish confirmation")
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upward Awards 2026: results")
    assert_accessible(page, "public results, signed in")
    expect(page.get_by_text("Three years of Tuesdays that changed careers.")).to_be_visible()
    expect(page.get_by_text("Saturday club")).to_have_count(0)

    page.context.clear_cookies()
    for size in (None, PHONE):
        if size:
            page.set_viewport_size(size)
        page.goto(url(f"/awards/results/{cycle.pk}/"))
        assert_accessible(page, f"public results, anonymous, {size or 1280}")
        expect(page.get_by_text("Nominee 1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= "
                             f"{(size or {'width': 1280})['width']}")

"""Judging in the browser: an administrator makes a panel and assigns its judge to two
entries; the judge declares a conflict on one, scores the other (an out-of-range score
refused first) and submits. axe-core checks every page at 1280 px and the judge's pages
again at 390 px; the blind answer and the entrants' names never appear."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.awards.models import Assignment, ConflictDeclaration
from upward.web.awards.selectors import panel_scores
from upward.web.awards.services.entries import entry_save, entry_start, entry_submit
from upward.web.awards.services.setup import (
    category_save,
    criterion_save,
    cycle_save,
    question_save,
)
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BLIND_TEXT = "Payroll number 55501"


def _blind_category(admin):
    now = timezone.now()
    close = now + timedelta(days=20)
    cycle = cycle_save(actor=admin, name="Awards 2026", entries_open_at=now - timedelta(days=5),
                       entries_close_at=close, judging_starts_at=close + timedelta(days=1),
                       judging_ends_at=close + timedelta(days=14),
                       finalists_announced_at=close + timedelta(days=15),
                       winners_announced_at=close + timedelta(days=30))
    star = category_save(actor=admin, cycle=cycle, name="Rising Star", eligibility="Anyone.")
    question_save(actor=admin, category=star, label="Impact", required=True, word_limit=100)
    question_save(actor=admin, category=star, label="Background details", required=True,
                  blind=True)
    criterion_save(actor=admin, category=star, name="Outcomes", weight=2, scale_min=0,
                   scale_max=10)
    return star


def _submitted(star, nominee, title):
    entry = entry_start(actor=nominee, category=star, title=title)
    entry_save(actor=nominee, entry=entry, answers={
        q.pk: BLIND_TEXT if q.blind else "Forty mentees placed." for q in star.questions.all()})
    return entry_submit(actor=nominee, entry=entry)


def test_admin_assigns_and_a_judge_recuses_then_scores(page, url, sign_in,
                                                       assert_accessible):
    admin = person(roles=["admin"], email="admin@northbridge.example", display_name="Ada Admin")
    judge = person(roles=["judge"], email="judge@northbridge.example",
                   display_name="Jude Judge")
    star = _blind_category(admin)
    people = [person(roles=["member"], email=f"e{i}@northbridge.example",
                     display_name=f"Entrant Person{i}") for i in (1, 2)]
    entries = [_submitted(star, p, f"Title {p.profile.display_name}") for p in people]

    # The administrator makes a panel and assigns (balanced, one judge per entry).
    sign_in(page, admin.email)
    assert_accessible(page, "admin home")
    page.goto(url(f"/awards/manage/categories/{star.pk}/"))
    assert_accessible(page, "category with no panel")
    page.get_by_role("link", name="Add a judging panel").click()
    assert_accessible(page, "new panel")
    page.get_by_label("Jude Judge").first.check()
    page.get_by_label("Lead judge").select_option(label="Jude Judge")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Panel saved.")).to_be_visible()
    assert_accessible(page, "panel")
    page.get_by_label("Balanced").check()
    page.get_by_label("Judges per entry").fill("1")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("2 assignments made.")).to_be_visible()
    assert_accessible(page, "panel with assignments")
    assert Assignment.objects.filter(judge=judge).count() == 2

    # The judge declares a conflict on one entry and scores the other.
    page.context.clear_cookies()
    sign_in(page, judge.email)
    assert_accessible(page, "judge home")
    page.goto(url("/awards/judging/"))
    assert_accessible(page, "judging home")
    first, second = (f"Entry #{e.pk}" for e in entries)
    page.get_by_role("link", name=first, exact=True).click()
    assert_accessible(page, "assignment")
    page.get_by_role("link", name="Declare a conflict of interest").click()
    assert_accessible(page, "conflict")
    page.get_by_label("Reason").fill("Entrant 1 is my manager.")
    page.get_by_role("button", name="Declare a conflict").click()
    expect(page.get_by_text("Conflict declared")).to_be_visible()
    assert_accessible(page, "judging home after recusal")

    page.get_by_role("link", name=second, exact=True).click()
    assert_accessible(page, "second assignment")
    page.get_by_label("Outcomes (weight 2)").fill("11")
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_role("alert").first).to_contain_text("Outcomes must be 10 or less")
    assert_accessible(page, "score error")
    page.get_by_label("Outcomes (weight 2)").fill("8")
    page.get_by_label("Comment on Outcomes").fill("Clear results.")
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_text("Scores saved.")).to_be_visible()
    assert_accessible(page, "scores saved")
    page.get_by_role("link", name="Submit your scores").click()
    assert_accessible(page, "submit confirmation")
    page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_text("Scores submitted.")).to_be_visible()
    assert_accessible(page, "locked scores")
    html = page.content()
    for hidden in (BLIND_TEXT, "Entrant Person", "Title Entrant"):
        assert hidden not in html

    assert ConflictDeclaration.objects.filter(judge=judge, entry=entries[0]).exists()
    scores = panel_scores(Assignment.objects.first().panel)
    assert scores.values == [8.0] and scores.entry_ids == [entries[1].pk]

    page.set_viewport_size(PHONE)
    mine = Assignment.objects.get(judge=judge, entry=entries[1])
    for path in ("/awards/judging/", f"/awards/judging/assignments/{mine.pk}/",
                 f"/awards/judging/panels/{mine.panel_id}/"):
        page.goto(url(path))
        assert_accessible(page, f"{path} at 390 px")
        assert page.evaluate("document.documentElement.scrollWidth <= 390")

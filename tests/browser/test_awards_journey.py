"""Issue 14's end-to-end browser journey, through the pages only: a member nominates a
colleague; the colleague opens the notification, consents, completes and submits the
entry; an administrator makes a panel of two judges and assigns (balanced); the lead
judge declares a conflict on one entry and scores the others, the second judge scores
everything; the administrator opens the results (raw and normalised side by side) and
shortlists; the lead judge confirms the winner; the administrator writes the citation and
publishes; the public page, signed out, shows the winner, the method and the weights, and
nothing about a nomination its nominee never agreed to.

Services are called only in the setup (the cycle, its form and criteria, two other
entries and an unanswered nomination). axe-core checks every page at 1280 px; the judge's
and the public pages also at 390 px.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.awards.models import Consent, Entry, EntryStatus, Outcome
from upward.web.awards.services.entries import (
    entry_save,
    entry_start,
    entry_submit,
    nomination_create,
)
from upward.web.awards.services.setup import (
    category_save,
    criterion_save,
    cycle_save,
    question_save,
)
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TITLE = "Three years of Tuesday mentoring"
CITATION = "Three years of Tuesdays that opened doors for a dozen colleagues."
OUTCOMES = "Outcomes and impact (weight 2)"
ACTIVITY = "Activity (weight 1)"


def _cycle_open_for_entries(admin):
    now = timezone.now()
    close = now + timedelta(days=10)
    cycle = cycle_save(actor=admin, name="Upward Awards 2026",
                       entries_open_at=now - timedelta(days=5), entries_close_at=close,
                       judging_starts_at=close + timedelta(days=1),
                       judging_ends_at=close + timedelta(days=14),
                       finalists_announced_at=close + timedelta(days=15),
                       winners_announced_at=close + timedelta(days=30))
    mentor = category_save(actor=admin, cycle=cycle, name="Mentor of the Year",
                           eligibility="Anyone in the network who mentors colleagues.",
                           self_entry_allowed=True, nominations_allowed=True)
    question_save(actor=admin, category=mentor, label="How they mentored", required=True,
                  word_limit=300)
    criterion_save(actor=admin, category=mentor, name="Outcomes and impact", weight=2,
                   scale_min=0, scale_max=10)
    criterion_save(actor=admin, category=mentor, name="Activity", weight=1, scale_min=1,
                   scale_max=5)
    return cycle, mentor


def _self_entry(mentor, who, title):
    entry = entry_start(actor=who, category=mentor, title=title)
    entry_save(actor=who, entry=entry, answers={
        q.pk: "Weekly sessions, all year." for q in mentor.questions.all()})
    return entry_submit(actor=who, entry=entry)


def _sign_in_as(page, sign_in, assert_accessible, email, what):
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, email)
    assert_accessible(page, f"{what}'s home")


def _score_and_submit(page, url, assert_accessible, title, outcomes, activity):
    page.goto(url("/awards/judging/"))
    assert_accessible(page, f"judging home before scoring {title}")
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page, f"assignment: {title}")
    page.get_by_label(OUTCOMES).fill(str(outcomes))
    page.get_by_label("Comment on Outcomes and impact").fill("Clear evidence.")
    page.get_by_label(ACTIVITY).fill(str(activity))
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_text("Scores saved.")).to_be_visible()
    assert_accessible(page, f"scores saved: {title}")
    page.get_by_role("link", name="Submit your scores").click()
    assert_accessible(page, f"submit confirmation: {title}")
    page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_text("Scores submitted.")).to_be_visible()
    assert_accessible(page, f"scores locked: {title}")


def _fits(page, width):
    assert page.evaluate(f"document.documentElement.scrollWidth <= {width}")


def test_nominate_consent_judge_shortlist_publish(page, url, sign_in, assert_accessible):
    admin = person(roles=["admin"], email="admin@northbridge.example",
                   display_name="Sam Adeyemi")
    ada = person(roles=["judge"], email="ada.judge@northbridge.example",
                 display_name="Ada Lovell")
    person(roles=["judge"], email="ben.judge@northbridge.example", display_name="Ben Carter")
    jo = person(roles=["member"], email="jo.bell@northbridge.example", display_name="Jo Bell")
    sam = person(roles=["member"], email="sam.okafor@northbridge.example",
                 display_name="Sam Okafor")
    priya = person(roles=["member"], email="priya.nair@northbridge.example",
                   display_name="Priya Nair")
    tom = person(roles=["member"], email="tom.reid@northbridge.example",
                 display_name="Tom Reid")
    ana = person(roles=["member"], email="ana.silva@northbridge.example",
                 display_name="Ana Silva")
    lee = person(roles=["member"], email="lee.quinn@northbridge.example",
                 display_name="Lee Quinn")
    cycle, mentor = _cycle_open_for_entries(admin)
    _self_entry(mentor, priya, "Saturday coding club")
    _self_entry(mentor, tom, "Open doors week")
    # A nomination Lee never answers: it must reach neither judging nor the public page.
    unanswered = nomination_create(actor=ana, category=mentor, email=lee.email,
                                   title="Quiet lunchtime coaching", reason="Ask anyone.")

    # Jo nominates Sam.
    _sign_in_as(page, sign_in, assert_accessible, jo.email, "Jo")
    page.goto(url("/awards/"))
    assert_accessible(page, "awards home")
    page.get_by_role("link", name="Nominate someone for Mentor of the Year").click()
    assert_accessible(page, "nominate")
    page.get_by_label("Their work email address").fill(sam.email)
    page.get_by_label("Nomination title").fill(TITLE)
    page.get_by_label("Why you are nominating them").fill("Sam got me through my exams.")
    page.get_by_role("button", name="Nominate them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page, "nomination waiting for consent")
    expect(page.get_by_text("We are waiting for Sam Okafor to agree")).to_be_visible()

    # Sam opens the notification, agrees, completes the entry and submits it.
    _sign_in_as(page, sign_in, assert_accessible, sam.email, "Sam")
    page.goto(url("/community/notifications/"))
    assert_accessible(page, "Sam's notifications")
    page.get_by_role("link", name="Jo Bell nominated you for Mentor of the Year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have been nominated for Mentor of the Year")
    assert_accessible(page, "consent")
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page, "entry after consent")
    page.get_by_label("How they mentored").fill("Every Tuesday for three years, with Jo.")
    page.get_by_role("button", name="Submit the entry").click()
    expect(page.get_by_text("Entry submitted.")).to_be_visible()
    assert_accessible(page, "submitted entry")
    nominated = Entry.objects.get(title=TITLE)
    assert (nominated.consent, nominated.status) == (Consent.GIVEN, EntryStatus.SUBMITTED)

    # The administrator makes a panel of two judges and assigns them (balanced).
    _sign_in_as(page, sign_in, assert_accessible, admin.email, "the administrator")
    page.goto(url(f"/awards/manage/categories/{mentor.pk}/"))
    assert_accessible(page, "category")
    page.get_by_role("link", name="Add a judging panel").click()
    assert_accessible(page, "new panel")
    page.get_by_label("Panel name").fill("Mentor panel")
    page.get_by_label("Ada Lovell").first.check()
    page.get_by_label("Ben Carter").first.check()
    page.get_by_label("Lead judge").select_option(label="Ada Lovell")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Panel saved.")).to_be_visible()
    assert_accessible(page, "panel")
    page.get_by_label("Balanced").check()
    page.get_by_label("Judges per entry").fill("2")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("6 assignments made.")).to_be_visible()
    assert_accessible(page, "panel with assignments")
    expect(page.get_by_role("main")).not_to_contain_text("Quiet lunchtime coaching")

    # Ada, the lead judge, declares a conflict on one entry and scores the other two.
    _sign_in_as(page, sign_in, assert_accessible, ada.email, "Ada")
    page.goto(url("/awards/judging/"))
    assert_accessible(page, "Ada's judging")
    expect(page.get_by_role("main")).not_to_contain_text("Quiet lunchtime coaching")
    page.get_by_role("link", name="Open doors week", exact=True).click()
    assert_accessible(page, "assignment before the conflict")
    page.get_by_role("link", name="Declare a conflict of interest").click()
    assert_accessible(page, "declare a conflict")
    page.get_by_label("Reason").fill("Tom is in my team.")
    page.get_by_role("button", name="Declare a conflict").click()
    expect(page.get_by_text("Conflict declared")).to_be_visible()
    assert_accessible(page, "judging after the conflict")
    _score_and_submit(page, url, assert_accessible, TITLE, 9, 5)
    _score_and_submit(page, url, assert_accessible, "Saturday coding club", 6, 3)

    # Ben scores all three.
    _sign_in_as(page, sign_in, assert_accessible, "ben.judge@northbridge.example", "Ben")
    _score_and_submit(page, url, assert_accessible, TITLE, 8, 4)
    _score_and_submit(page, url, assert_accessible, "Saturday coding club", 7, 3)
    _score_and_submit(page, url, assert_accessible, "Open doors week", 5, 2)
    # The judge's pages on a phone.
    page.set_viewport_size(PHONE)
    page.goto(url("/awards/judging/"))
    assert_accessible(page, "judging at 390 px")
    _fits(page, 390)
    page.get_by_role("link", name=TITLE, exact=True).click()
    assert_accessible(page, "locked assignment at 390 px")
    _fits(page, 390)

    # The administrator reads the results and shortlists the top two.
    _sign_in_as(page, sign_in, assert_accessible, admin.email, "the administrator")
    page.goto(url(f"/awards/manage/categories/{mentor.pk}/"))
    assert_accessible(page, "category after judging")
    page.get_by_role("link", name="Results", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Mentor of the Year")
    assert_accessible(page, "results")
    table = page.get_by_role("table", name="Entries of Mentor panel by rank")
    for column in ("Raw mean", "Normalised mean"):
        expect(table.get_by_role("columnheader", name=column)).to_be_visible()
    # (2 × 90 + 100) / 3 and (2 × 80 + 75) / 3 on 0–100: mean 85.83, first.
    first_row = table.get_by_role("row").nth(1)
    expect(first_row).to_contain_text(TITLE)
    expect(first_row).to_contain_text("85.83")
    expect(page.get_by_text("Normalisation not applied")).to_contain_text("2 judges")
    page.get_by_role("link", name="Shortlist finalists for Mentor panel").click()
    assert_accessible(page, "shortlist")
    page.get_by_label("The top entries by rank").check()
    page.get_by_label("How many finalists").fill("2")
    page.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_text("2 finalists shortlisted.")).to_be_visible()
    assert_accessible(page, "results with finalists")

    # Ada records the panel's winner.
    _sign_in_as(page, sign_in, assert_accessible, ada.email, "Ada")
    page.goto(url("/awards/judging/"))
    assert_accessible(page, "Ada's judging after shortlisting")
    page.get_by_role("link", name="Mentor panel").click()
    assert_accessible(page, "panel progress")
    page.get_by_role("link", name="confirm the panel's winner").click()
    assert_accessible(page, "winner form")
    page.get_by_label(TITLE).check()
    page.get_by_label("How the panel agreed").fill("Unanimous at the panel meeting.")
    page.get_by_role("button", name="Record the confirmation").click()
    expect(page.get_by_text("The panel's confirmation is recorded.")).to_be_visible()
    assert_accessible(page, "winner recorded")
    nominated.refresh_from_db()
    assert nominated.outcome == Outcome.WINNER

    # The administrator writes the citation and publishes.
    _sign_in_as(page, sign_in, assert_accessible, admin.email, "the administrator")
    page.goto(url(f"/awards/manage/categories/{mentor.pk}/results/"))
    assert_accessible(page, "results with a winner")
    page.get_by_role("link", name=f"Citation for {TITLE}").click()
    assert_accessible(page, "citation")
    page.get_by_label("Citation").fill(CITATION)
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

    # Anyone, signed out, on a desktop and on a phone.
    page.context.clear_cookies()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url(f"/awards/results/{cycle.pk}/"))
        assert_accessible(page, f"public results, signed out, {width} px")
        main = page.get_by_role("main")
        winners = main.get_by_role("list").filter(has_text=CITATION)
        expect(winners).to_contain_text("Sam Okafor")
        expect(main.get_by_text(CITATION)).to_be_visible()
        expect(main).to_contain_text("Saturday coding club")  # a finalist
        criteria = main.get_by_role("table", name="Criteria and weights: Mentor of the Year")
        expect(criteria.get_by_role("row", name="Outcomes and impact")).to_contain_text("2")
        expect(criteria.get_by_role("row", name="Activity")).to_contain_text("1 to 5")
        expect(main.get_by_role("heading", name="Method")).to_be_visible()
        for absent in ("Quiet lunchtime coaching", "Lee Quinn", "Open doors week"):
            expect(main).not_to_contain_text(absent)
        _fits(page, width)
    unanswered.refresh_from_db()
    assert unanswered.consent == Consent.PENDING and not unanswered.outcome

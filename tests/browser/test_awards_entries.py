"""Issue 14's first browser test: a member nominates a colleague; the colleague opens the
nomination from the awards page, consents, completes the entry (word limit refused, then
kept) and submits it. axe-core checks every page loaded at 1280 px, and the awards pages
again at 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.web.awards.models import Consent, Entry, EntryStatus
from upward.web.awards.selectors import entries_for_judging
from upward.web.demo.awards_seed import seed_awards
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_nominate_consent_complete_and_submit(page, url, sign_in, assert_accessible):
    jo = person(roles=["member"], email="jo.bell@northbridge.example", display_name="Jo Bell")
    sam = person(roles=["member"], email="sam.okafor@northbridge.example",
                 display_name="Sam Okafor")
    cycle = seed_awards()
    mentor = cycle.categories.get(name="Mentor of the Year")
    Entry.objects.all().delete()  # the seed's sample entries are not this story's

    # Jo nominates Sam.
    sign_in(page, jo.email)
    assert_accessible(page, "Jo's home")
    page.goto(url("/awards/"))
    assert_accessible(page, "awards home")
    page.get_by_role("link", name="Nominate someone for Mentor of the Year").click()
    assert_accessible(page, "nominate")
    page.get_by_label("Their work email address").fill(sam.email)
    page.get_by_label("Nomination title").fill("Three years of Tuesday mentoring")
    page.get_by_label("Why you are nominating them").fill("Sam got me through my exams.")
    page.get_by_role("button", name="Nominate them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Three years of Tuesday mentoring")
    assert_accessible(page, "nomination draft")
    expect(page.get_by_text("We are waiting for Sam Okafor to agree")).to_be_visible()
    expect(page.get_by_role("button", name="Submit the entry")).to_have_count(0)
    entry = Entry.objects.get(category=mentor)
    assert entry.consent == Consent.PENDING

    # Sam is asked, consents and completes the entry.
    page.context.clear_cookies()
    sign_in(page, sam.email)
    assert_accessible(page, "Sam's home")
    page.goto(url("/awards/"))
    assert_accessible(page, "awards home with a nomination waiting")
    page.get_by_role("link", name="Three years of Tuesday mentoring").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have been nominated for Mentor of the Year")
    assert_accessible(page, "consent")
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Three years of Tuesday mentoring")
    assert_accessible(page, "entry after consent")
    entry.refresh_from_db()
    assert entry.consent == Consent.GIVEN and entry.consent_at

    page.get_by_label("How they mentored").fill("word " * 301)
    page.get_by_label("The difference it made").fill("Jo passed her exams.")
    page.get_by_role("button", name="Save draft").click()
    assert_accessible(page, "entry with a word-limit error")
    expect(page.get_by_role("alert").first).to_contain_text("use 300 words or fewer")
    page.get_by_label("How they mentored").fill("Every Tuesday for three years.")
    page.get_by_role("button", name="Submit the entry").click()
    expect(page.get_by_text("Entry submitted.")).to_be_visible()
    assert_accessible(page, "submitted entry")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert list(entries_for_judging(mentor)) == [entry]

    # The awards pages on a phone.
    page.set_viewport_size(PHONE)
    for path in ("/awards/", f"/awards/entries/{entry.pk}/"):
        page.goto(url(path))
        assert_accessible(page, f"{path} at 390 px")
        assert page.evaluate("document.documentElement.scrollWidth <= 390")


def test_without_javascript_a_member_enters_and_saves_a_draft(page_without_js, url, sign_in,
                                                               assert_accessible):
    page = page_without_js
    member = person(roles=["member"], email="jo.bell@northbridge.example",
                    display_name="Jo Bell")
    cycle = seed_awards()
    Entry.objects.all().delete()
    sign_in(page, member.email)
    assert_accessible(page, "home")
    page.goto(url("/awards/"))
    assert_accessible(page, "awards home")
    page.get_by_role("link", name="Enter Social Mobility Champion").click()
    assert_accessible(page, "enter")
    page.get_by_label("Entry title").fill("Lunchtime CV clinics")
    page.get_by_role("button", name="Start your entry").click()
    assert_accessible(page, "new draft")
    page.get_by_label("What they did").fill("Forty clinics in a year.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert_accessible(page, "saved draft")
    entry = Entry.objects.get(category__cycle=cycle)
    assert entry.answers.get(question__label="What they did").text == "Forty clinics in a year."
    assert entry.status == EntryStatus.DRAFT


def test_the_admin_pages_are_accessible(page, url, sign_in, assert_accessible):
    person(roles=["admin"], email="admin@northbridge.example", display_name="Sam Adeyemi")
    cycle = seed_awards()
    category = cycle.categories.first()
    sign_in(page, "admin@northbridge.example")
    assert_accessible(page, "admin home")
    for path in ("/awards/manage/", f"/awards/manage/cycles/{cycle.pk}/",
                 f"/awards/manage/cycles/{cycle.pk}/edit/",
                 f"/awards/manage/categories/{category.pk}/",
                 f"/awards/manage/categories/{category.pk}/edit/",
                 f"/awards/manage/categories/{category.pk}/questions/new/",
                 f"/awards/manage/categories/{category.pk}/criteria/new/"):
        page.goto(url(path))
        assert_accessible(page, path)
    page.get_by_label("Highest score").fill("0")
    page.get_by_label("Name").fill("Reach")
    page.get_by_role("button", name="Save").click()
    assert_accessible(page, "criterion form with an error")
    expect(page.get_by_role("alert").first).to_contain_text("top of the scale")

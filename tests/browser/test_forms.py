"""Forms in a real browser: a character count that states the limit without JavaScript and
counts with it, text over the limit refused with a specific message (never cut), and an
error summary linking to the fields, axe-clean throughout."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.web.community.defaults import ensure_defaults
from upward.web.community.models import Story
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRITER = "amara.okafor@northbridge.example"


@pytest.fixture
def writer(db):
    ensure_defaults()
    return person(roles=["member"], email=WRITER, display_name="Amara Okafor")


def test_character_count_counts_as_people_type(writer, page, url, sign_in,
                                               assert_accessible):
    sign_in(page, WRITER)
    assert_accessible(page, "home")
    page.goto(url("/community/stories/new/"))
    assert_accessible(page, "story form")
    title = page.get_by_label("Title")
    count = page.locator("#id_title_count")
    expect(count).to_have_text("You have 120 characters remaining")
    title.fill("Hull, 1998")
    expect(count).to_have_text("You have 110 characters remaining")
    title.fill("x" * 121)  # nothing stops the typing: the count says what is wrong
    expect(count).to_have_text("You have 1 character too many")
    expect(title).to_have_value("x" * 121)
    assert_accessible(page, "story form over the limit")


def test_a_pasted_long_story_is_refused_with_a_message_not_cut(writer, page_without_js,
                                                               url, sign_in,
                                                               assert_accessible):
    page = page_without_js
    sign_in(page, WRITER)
    assert_accessible(page, "home (no JavaScript)")
    page.goto(url("/community/stories/new/"))
    assert_accessible(page, "story form (no JavaScript)")
    expect(page.locator("#id_body_count")).to_have_text(
        "You can enter up to 20,000 characters")
    page.get_by_label("Title").fill("Checkout to boardroom")
    body = "word " * 40_000  # 200,000 characters, as if pasted
    page.get_by_label("Your story in your own words").fill(body)
    assert len(page.get_by_label("Your story in your own words").input_value()) == len(body)
    page.get_by_role("button", name="Publish").click()
    summary = page.locator(".error-summary")
    message = "Your story in your own words must be 20,000 characters or fewer"
    expect(summary.get_by_role("link")).to_have_text([message])
    field = page.get_by_label("Your story in your own words")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert field.input_value() == body, "the text comes back whole"
    assert_accessible(page, "story form with a too-long body (no JavaScript)")
    summary.get_by_role("link", name=message).click()
    expect(field).to_be_focused()
    assert not Story.objects.exists()

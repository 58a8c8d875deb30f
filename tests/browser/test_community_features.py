"""Search grouped by discussion, "ask me about" topics, asking for a conversation, the
story preview and confirmation pages — at 390 px and 1280 px, with axe-core on every
page and no page wider than the screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.accounts.services import profile_update
from upward.web.community import services
from upward.web.community.defaults import ensure_defaults
from upward.web.community.models import Category, ConversationRequest, Story
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
ASKER = "amara.okafor@northbridge.example"
ASKED = "ben.hughes@northbridge.example"


@pytest.fixture
def people(db, settings):
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 0
    ensure_defaults()
    asker = person(roles=["member"], email=ASKER, display_name="Amara Okafor")
    asked = person(roles=["member"], email=ASKED, display_name="Ben Hughes")
    profile_update(profile=asked.profile, ask_me_about=["Night school", "Apprenticeships"])
    return {"asker": asker, "asked": asked}


def _fits(page, what: str) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{what} is {width[0]} px wide in a {width[1]} px window"


def _check(page, assert_accessible, what: str, viewport) -> None:
    assert_accessible(page, f"{what}, {viewport['width']} px")
    _fits(page, f"{what} at {viewport['width']} px")


def _sign_out(page):
    # On a phone "Sign out" is in the header's menu (tests/browser/test_shell.py opens
    # it); here the next person simply starts a new session.
    page.context.clear_cookies()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_search_lists_a_discussion_once_with_its_matching_replies(
        viewport, page, url, sign_in, assert_accessible, people):
    category = Category.objects.get(slug="careers-and-progression")
    thread = services.thread_create(actor=people["asked"], category=category,
                                    title="Studying while working", body="Who has done it?")
    for n in range(4):
        services.reply_create(actor=people["asker"], thread=thread,
                              body=f"Evening classes at the college, year {n + 1}.")
    page.set_viewport_size(viewport)
    sign_in(page, ASKER)
    assert_accessible(page, "home")
    page.goto(url("/community/search/?q=evening"))
    results = page.locator("#search-results")
    expect(results.get_by_role("heading", level=2)).to_have_text("1 result for “evening”")
    expect(results.get_by_role("link", name="Studying while working")).to_have_count(1)
    expect(results).to_contain_text("4 matching replies, the first 3 shown")
    expect(results.locator(".search-hit__matches li")).to_have_count(3)
    _check(page, assert_accessible, "grouped search results", viewport)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_ask_for_a_conversation_and_reply(viewport, page, url, sign_in, assert_accessible,
                                          people):
    page.set_viewport_size(viewport)
    sign_in(page, ASKER)
    assert_accessible(page, "home")
    page.goto(url(f"/people/{people['asked'].profile.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ben Hughes")
    _check(page, assert_accessible, "a profile with topics", viewport)
    # A topic is a people search for it.
    page.get_by_role("link", name="Night school").click()
    expect(page).to_have_url(re.compile(r"/people/\?q=Night%20school$"))
    expect(page.locator("#people-results").get_by_role("heading", level=2)).to_have_text(
        ["Ben Hughes"])
    _check(page, assert_accessible, "people search for a topic", viewport)
    page.get_by_role("link", name="Ben Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ben Hughes")
    assert_accessible(page, "the profile again")
    page.get_by_role("link", name="Ask for a conversation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ask Ben Hughes for a conversation")
    _check(page, assert_accessible, "ask for a conversation", viewport)
    page.get_by_label("A short message").fill("Could we talk about night school?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("Your request was sent to Ben Hughes.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conversations")
    _check(page, assert_accessible, "conversations (asker)", viewport)
    assert ConversationRequest.objects.get().message == "Could we talk about night school?"
    _sign_out(page)

    sign_in(page, ASKED)

    assert_accessible(page, "home")
    page.goto(url("/community/notifications/"))
    _check(page, assert_accessible, "notifications", viewport)
    page.get_by_role("link", name=re.compile("Amara Okafor asked you for a conversation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Amara Okafor asked you for a conversation")
    expect(page.get_by_role("main")).to_contain_text("Could we talk about night school?")
    _check(page, assert_accessible, "a request to answer", viewport)
    page.get_by_role("button", name="Send your reply").click()  # empty: refused
    expect(page.locator(".error-summary")).to_be_visible()
    _check(page, assert_accessible, "a request to answer, with an error", viewport)
    page.get_by_label("When and how could you meet?").fill("Coffee on Thursday at 10?")
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply was sent.")
    _check(page, assert_accessible, "an answered request", viewport)
    _sign_out(page)

    sign_in(page, ASKER)

    assert_accessible(page, "home")
    page.goto(url("/community/conversations/"))
    expect(page.get_by_role("main")).to_contain_text("Replied")
    assert_accessible(page, "conversations after the reply")
    page.get_by_role("link", name="You asked Ben Hughes").click()
    expect(page.get_by_role("main")).to_contain_text("Coffee on Thursday at 10?")
    _check(page, assert_accessible, "the reply, as the asker sees it", viewport)


def test_preview_then_withdraw_and_delete_without_javascript(page_without_js, url, sign_in,
                                                             assert_accessible, people):
    page = page_without_js
    sign_in(page, ASKER)
    assert_accessible(page, "home")
    page.goto(url("/community/stories/new/"))
    assert_accessible(page, "write a story (no JavaScript)")
    page.get_by_label("Title").fill("From the tills to head office")
    page.get_by_label("Where I started").fill("Hull, **1998**.")
    page.get_by_label("Where I am now").fill("I lead a team of six.")
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "From the tills to head office")
    expect(preview.locator("article.story").get_by_role("heading", level=2)).to_have_text(
        ["Where I started", "Where I am now"])
    assert_accessible(page, "story preview (no JavaScript)")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("Your story is published.")
    article = page.locator("article.story")
    expect(article.get_by_role("heading", level=2)).to_have_text(
        ["Where I started", "Where I am now"])
    assert_accessible(page, "published story (no JavaScript)")
    story = Story.objects.get()

    page.get_by_role("link", name="Withdraw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Withdraw “From the tills to head office”?")
    assert_accessible(page, "confirm withdrawing (no JavaScript)")
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("From the tills to head office")
    assert_accessible(page, "story after cancelling (no JavaScript)")
    page.get_by_role("link", name="Withdraw").click()
    assert_accessible(page, "confirm withdrawing again (no JavaScript)")
    page.get_by_role("button", name="Withdraw the story").click()
    expect(page.get_by_role("status")).to_contain_text("Your story is withdrawn")
    assert_accessible(page, "my stories after withdrawing (no JavaScript)")
    story.refresh_from_db()
    assert story.status == "withdrawn"

    page.goto(url(f"/community/stories/{story.pk}/"))
    assert_accessible(page, "withdrawn story (no JavaScript)")
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delete “From the tills to head office”?")
    assert_accessible(page, "confirm deleting (no JavaScript)")
    page.get_by_role("button", name="Delete the story for good").click()
    expect(page.get_by_role("status")).to_contain_text("have been deleted")
    assert_accessible(page, "my stories after deleting (no JavaScript)")
    assert not Story.objects.exists()

"""Community journeys in a real browser, with axe-core on every page: write and publish
a story (named and anonymous), react, comment, flag, moderate and search."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.community.defaults import ensure_defaults
from upward.web.community.models import Reaction, Status, Story, StoryComment
from upward.web.core.flags.models import Flag
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRITER = "amara.okafor@northbridge.example"
READER = "ben.hughes@northbridge.example"
MODERATOR = "tomasz.nowak@northbridge.example"


@pytest.fixture
def people(db):
    # Browser tests flush the database between tests, taking the migration's tags,
    # reactions and categories with it.
    ensure_defaults()
    return {
        "writer": person(roles=["member"], email=WRITER, display_name="Amara Okafor"),
        "reader": person(roles=["member"], email=READER, display_name="Ben Hughes"),
        "moderator": person(roles=["member", "moderator"], email=MODERATOR,
                            display_name="Tomasz Nowak"),
    }


def _sign_out(page, assert_accessible):
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    assert_accessible(page, "signed out")


def test_write_react_comment_flag_moderate_and_search(page, url, sign_in, assert_accessible,
                                                     people):
    # --- the writer publishes a named story, previewing it first ---------------------------
    sign_in(page, WRITER)
    assert_accessible(page, "home after signing in")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Community").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories")
    assert_accessible(page, "story feed (empty)")
    page.get_by_role("link", name="Write your story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write your story")
    assert_accessible(page, "write a story")
    page.get_by_label("Title").fill("From the night shift to the trading floor")
    page.get_by_label("Cover quote").fill("Nobody told me how promotion works.")
    page.get_by_label("Where I started").fill("I grew up in **Grimsby**; Dad was on the "
                                              "trawlers.")
    page.get_by_label("What was hard").fill("Nobody had heard of a graduate scheme.")
    page.get_by_label("Apprenticeship").check()
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_contain_text("From the night shift to the trading floor")
    expect(preview.locator("strong")).to_have_text("Grimsby")
    expect(page.get_by_role("complementary", name="Exactly who can see what")).to_contain_text(
        "Your name is shown with the story")
    assert_accessible(page, "story preview")
    assert not Story.objects.exists()  # a preview saves nothing
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "From the night shift to the trading floor")
    expect(page.get_by_role("status")).to_contain_text("Your story is published.")
    assert_accessible(page, "published story")
    story = Story.objects.get()
    assert story.status == Status.PUBLISHED and not story.is_anonymous

    # --- and an anonymous one: the notice changes, and it waits for a moderator -----------
    page.goto(url("/community/stories/new/"))
    assert_accessible(page, "write a second story")
    page.get_by_label("Title").fill("What I couldn't say in my appraisal")
    page.get_by_label("What was hard").fill("I was a young carer and nobody at work knew.")
    page.get_by_label(re.compile(r"^Anonymous")).check()
    page.get_by_role("button", name="Preview").click()
    notice = page.get_by_role("complementary", name="Exactly who can see what")
    expect(notice).to_contain_text("Your name is not shown to anyone")
    expect(notice).to_contain_text("A moderator reads the story before it appears")
    assert_accessible(page, "anonymous story preview")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("A moderator will read it")
    assert_accessible(page, "anonymous story waiting")
    anonymous = Story.objects.get(is_anonymous=True)
    assert anonymous.status == Status.PENDING
    _sign_out(page, assert_accessible)

    # --- a reader reacts (htmx), comments and flags --------------------------------------
    sign_in(page, READER)
    assert_accessible(page, "home after signing in")
    page.goto(url("/community/"))
    assert_accessible(page, "feed for the reader")
    page.get_by_role("link", name="From the night shift to the trading floor").click()
    assert_accessible(page, "story for the reader")
    helped = page.get_by_role("button", name=re.compile(r"^This helped me"))
    expect(helped).to_have_attribute("aria-pressed", "false")
    helped.click()
    helped = page.get_by_role("button", name=re.compile(r"^This helped me"))
    expect(helped).to_have_attribute("aria-pressed", "true")
    expect(helped).to_contain_text("1")
    assert Reaction.objects.filter(story=story, user=people["reader"]).count() == 1
    page.get_by_label("Add a comment").fill("This is my story too — thank you.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("region", name=re.compile("Comments"))).to_contain_text(
        "This is my story too")
    assert_accessible(page, "story with a comment")
    assert StoryComment.objects.filter(story=story).count() == 1
    page.get_by_role("link", name="Flag this story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flag this story")
    assert_accessible(page, "flag a story")
    page.get_by_label("Off-topic").check()
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_role("status")).to_contain_text("A moderator will look at it")
    assert_accessible(page, "story after flagging")
    assert Flag.objects.filter(story=story, reporter=people["reader"]).exists()

    # --- search, with highlighted matches ------------------------------------------------
    page.get_by_role("navigation", name="Community").get_by_role("link", name="Search").click()
    assert_accessible(page, "search page")
    page.get_by_role("searchbox", name="Search stories and discussions").fill("trawlers")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("#search-results")
    expect(results.get_by_role("heading", level=2)).to_have_text('1 result for “trawlers”')
    expect(results.locator("mark").first).to_have_text(re.compile("trawlers", re.I))
    assert_accessible(page, "search results")
    _sign_out(page, assert_accessible)

    # --- the moderator approves the anonymous story and hides the flagged one ---------------
    sign_in(page, MODERATOR)
    assert_accessible(page, "home after signing in")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    assert_accessible(page, "review queue")
    waiting = page.get_by_role("region", name=re.compile("Waiting for approval"))
    expect(waiting).to_contain_text("What I couldn't say in my appraisal")
    expect(waiting).to_contain_text("Anonymous member")
    expect(waiting).not_to_contain_text("Amara")
    waiting.get_by_role("button", name=re.compile("^Approve")).click()
    expect(page.get_by_role("status")).to_contain_text("Approved and published.")
    assert_accessible(page, "queue after approving")
    assert Story.objects.get(pk=anonymous.pk).status == Status.PUBLISHED
    flagged = page.get_by_role("region", name=re.compile("Flagged"))
    expect(flagged).to_contain_text("Off-topic")
    flagged.get_by_label("Reason for hiding").fill("Moved to the right category")
    flagged.get_by_role("button", name="Hide").click()
    expect(page.get_by_role("status")).to_contain_text("Hidden")
    assert_accessible(page, "queue after hiding")
    assert Story.objects.get(pk=story.pk).hidden_at is not None


def test_react_and_comment_without_javascript(page_without_js, url, sign_in, assert_accessible,
                                              people):
    from upward.web.community import services

    story = services.story_create(actor=people["writer"], submit=True, title="No script needed",
                                  body="Forms work without JavaScript.")
    page = page_without_js
    sign_in(page, READER)
    assert_accessible(page, "home after signing in")
    page.goto(url(f"/community/stories/{story.pk}/"))
    assert_accessible(page, "story without JavaScript")
    page.get_by_role("button", name=re.compile(r"^Me too")).click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your reaction.")
    expect(page.get_by_role("button", name=re.compile(r"^Me too"))).to_have_attribute(
        "aria-pressed", "true")
    assert_accessible(page, "story after reacting without JavaScript")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a comment")
    assert_accessible(page, "comment error without JavaScript")
    page.get_by_label("Add a comment").fill("Read with scripts off.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment")).to_contain_text("Read with scripts off.")
    assert_accessible(page, "story with a comment without JavaScript")


def test_every_community_page_passes_axe(page, url, sign_in, assert_accessible, people):
    from upward.web.community import services
    from upward.web.community.models import Category, Tag

    lead = person(roles=["member", "lead"], email="priya.shah@northbridge.example",
                  display_name="Priya Shah")
    writer, reader = people["writer"], people["reader"]
    story = services.story_create(actor=writer, submit=True, title="Public and proud",
                                  audience="public", prompt_started="I grew up in Hull.",
                                  tags=["apprenticeship"], include_timeline=True)
    services.story_update(actor=writer, story=story, prompt_now="I lead a team of six.")
    services.story_public_decide(actor=lead, story=story, approve=True)
    comment = services.comment_create(actor=reader, story=story, body="Thank you @priya.shah")
    services.post_edit(actor=lead, post=comment, reason="Tidied", body="Thank you, Priya")
    category = Category.objects.get(slug="careers-and-progression")
    thread = services.thread_create(actor=reader, category=category, kind="question",
                                    title="How do secondments work?", body="Where are they?")
    reply = services.reply_create(actor=lead, thread=thread, body="On the jobs board.")
    services.reply_accept(actor=reader, thread=thread, reply=reply)
    services.flag_create(actor=reader, post=reply, reason="other", note="Checking the queue")
    services.post_edit(actor=people["moderator"], post=reply, reason="A clearer place",
                       body="On the jobs board, under secondments.")
    services.watched_word_add(actor=lead, phrase="payslip", action="hold")
    services.member_suspend(actor=lead, member=people["moderator"], days=2, reason="Test")
    sign_in(page, "priya.shah@northbridge.example")
    assert_accessible(page, "home after signing in")
    for path, heading in [
        ("/community/", "Stories"),
        (f"/community/stories/{story.pk}/", "Public and proud"),
        (f"/community/stories/{story.pk}/history/", "Edit history"),
        ("/community/stories/mine/", "My stories"),
        ("/community/bookmarks/", "Bookmarks"),
        ("/community/discussions/", "Discussions"),
        (f"/community/discussions/{category.slug}/", category.name),
        (f"/community/discussions/{category.slug}/new/", f"Start a discussion in {category.name}"),
        (f"/community/threads/{thread.pk}/", "How do secondments work?"),
        (f"/community/threads/{thread.pk}/?quote={reply.pk}", "How do secondments work?"),
        ("/community/search/?q=secondments", "Search stories and discussions"),
        ("/community/notifications/", "Notifications"),
        ("/community/settings/", "Community settings"),
        ("/community/manage/", "Manage the community"),
        ("/community/manage/categories/new/", "Add a category"),
        (f"/community/manage/tags/{Tag.objects.get(slug='apprenticeship').pk}/",
         "Edit the tag"),
        # Someone else's profile, with its "In the community" mute panel.
        (f"/people/{reader.profile.pk}/", reader.profile.display_name),
        ("/moderation/", "Review queue"),
        ("/moderation/watched-words/", "Watched words"),
        ("/moderation/members/?q=tomasz", "Members and suspensions"),
        (f"/moderation/reply/{reply.pk}/edit/", "Edit this reply"),
        (f"/community/history/reply/{reply.pk}/", "Earlier versions of your reply"),
        (f"/community/history/comment/{comment.pk}/", "Earlier versions of this comment"),
        (f"/community/history/thread/{thread.pk}/", "Earlier versions of this discussion"),
        (f"/community/flag/story/{story.pk}/", "Flag this story"),
        ("/stories/", "Stories from Upward"),
        (f"/stories/{story.pk}/", "Public and proud"),
    ]:
        page.goto(url(path))
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_accessible(page, path)

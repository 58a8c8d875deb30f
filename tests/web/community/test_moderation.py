"""Moderation and safety: flags, the review queue, hide/restore, edit with a reason,
locking, suspensions, watched words, new-member rate limits and mutes — all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from upward.web.accounts.models import User
from upward.web.community import services
from upward.web.community.models import (
    PostRevision,
    Status,
    Story,
    StoryComment,
    Thread,
)
from upward.web.community.selectors.discussions import thread_replies
from upward.web.community.selectors.history import post_get_for_history, post_history
from upward.web.community.selectors.moderation import (
    flagged_posts,
    hidden_posts,
    pending_posts,
    public_requests,
)
from upward.web.community.selectors.stories import can_see_story, story_comments, story_feed
from upward.web.core.errors import ApplicationError
from upward.web.core.flags.models import Flag
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def _audited(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_flags_need_a_reason_and_reach_the_queue(personas, make_story):
    story = make_story(personas["member"])
    with pytest.raises(ApplicationError, match="Reason"):
        services.flag_create(actor=personas["lead"], post=story, reason="boring")
    with pytest.raises(ApplicationError, match="Note"):
        services.flag_create(actor=personas["lead"], post=story, reason="other")
    with pytest.raises(ApplicationError, match="own post"):
        services.flag_create(actor=personas["member"], post=story, reason="spam")
    services.flag_create(actor=personas["lead"], post=story, reason="personal_data",
                         note="It names her manager")
    with pytest.raises(ApplicationError, match="already flagged"):
        services.flag_create(actor=personas["lead"], post=story, reason="spam")
    [item] = flagged_posts(viewer=personas["moderator"])
    assert item.post == story and item.flags[0].note == "It names her manager"
    with pytest.raises(Http404):
        flagged_posts(viewer=personas["member"])


def test_enough_flags_hide_a_post_until_a_moderator_looks(personas, make_story, settings):
    settings.UPWARD_COMMUNITY_FLAGS_TO_HIDE = 2
    story = make_story(personas["member"])
    comment = services.comment_create(actor=personas["lead"], story=story, body="Rude words")
    services.flag_create(actor=personas["member"], post=comment, reason="unkind")
    services.flag_create(actor=personas["moderator"], post=comment, reason="unkind")
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    assert story_comments(viewer=person(roles=["member"]), story=story) == []
    auto = _audited("community.hide")[0]
    assert auto.actor_id is None and auto.detail["automatic"] is True
    # Dismissing the flags shows it again.
    services.flags_dismiss(actor=personas["moderator"], post=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert not Flag.objects.filter(resolved_at=None).exists()
    assert _audited("community.flags")


def test_pending_posts_are_approved_or_declined_with_a_reason(personas, publish_anonymous,
                                                              make_story, anonymous_category):
    pending_story = make_story(personas["member"], is_anonymous=True, title="Waiting")
    thread = services.thread_create(actor=personas["lead"], category=anonymous_category,
                                    title="Anon", body="?", is_anonymous=True)
    kinds = {item.kind for item in pending_posts(viewer=personas["moderator"])}
    assert kinds == {"story", "thread"}
    with pytest.raises(ApplicationError, match="Reason"):
        services.post_reject(actor=personas["moderator"], post=pending_story, reason=" ")
    services.post_reject(actor=personas["moderator"], post=pending_story,
                         reason="It names your team; could you leave that out?")
    pending_story.refresh_from_db()
    assert pending_story.status == Status.REJECTED
    note = Notification.objects.get(recipient=personas["member"], kind="moderation")
    assert "leave that out" in note.text
    # The author can change it and send it again.
    services.story_update(actor=personas["member"], story=pending_story, body="Changed.")
    services.story_submit(actor=personas["member"], story=pending_story)
    assert Story.objects.get(pk=pending_story.pk).status == Status.PENDING
    with pytest.raises(ApplicationError):
        services.post_approve(actor=personas["member"], post=thread)
    services.post_approve(actor=personas["moderator"], post=thread)
    assert Thread.objects.get(pk=thread.pk).status == Status.PUBLISHED
    assert len(_audited("community.reject")) == 1 and len(_audited("community.approve")) == 1


def test_hide_and_restore(personas, make_story):
    story = make_story(personas["member"])
    with pytest.raises(ApplicationError):
        services.post_hide(actor=personas["member"], post=story, reason="x")
    services.post_hide(actor=personas["moderator"], post=story, reason="Shares a colleague's "
                                                                        "health details")
    assert not can_see_story(viewer=personas["lead"], story=story)
    assert list(story_feed(viewer=personas["lead"])) == []
    assert [i.post for i in hidden_posts(viewer=personas["moderator"])] == [story]
    services.post_restore(actor=personas["moderator"], post=story)
    assert list(story_feed(viewer=personas["lead"])) == [Story.objects.get(pk=story.pk)]
    assert [e.action for e in AuditEntry.objects.order_by("at", "id")] == [
        "community.hide", "community.restore"]


def test_moderators_edit_with_a_reason_kept_in_history(personas, make_story, category):
    story = make_story(personas["member"], title="My manager, Dave Smith, said no")
    with pytest.raises(ApplicationError, match="Reason"):
        services.post_edit(actor=personas["moderator"], post=story, reason="",
                           title="My manager said no")
    services.post_edit(actor=personas["moderator"], post=story, reason="Removed a name",
                       title="My manager said no")
    story.refresh_from_db()
    assert story.title == "My manager said no"
    revision = story.revisions.get()
    assert revision.by_moderator and revision.reason == "Removed a name"
    assert revision.snapshot["title"].startswith("My manager, Dave")
    thread = services.thread_create(actor=personas["member"], category=category, title="T",
                                    body="Call me on 07700 900123")
    reply = services.reply_create(actor=personas["lead"], thread=thread, body="ok")
    services.post_edit(actor=personas["moderator"], post=thread, reason="Phone number",
                       body="Call me (number removed)")
    thread.refresh_from_db()
    assert "07700" not in thread.body and "Phone number" in thread.moderation_note
    with pytest.raises(ApplicationError):
        services.post_edit(actor=personas["moderator"], post=reply, reason="x", title="nope")
    assert _audited("community.edit")[0].detail["reason"] in {"Removed a name", "Phone number"}


def test_a_moderators_edit_of_a_comment_reply_or_discussion_keeps_the_old_words(
        personas, make_story, category):
    moderator, member, lead = personas["moderator"], personas["member"], personas["lead"]
    story = make_story(lead)
    comment = services.comment_create(actor=member, story=story, body="Ring Dave on 07700 900123")
    thread = services.thread_create(actor=member, category=category, title="Dave Smith's team",
                                    body="Ask Dave")
    reply = services.reply_create(actor=member, thread=thread, body="His email is dave@x.example")
    services.post_edit(actor=moderator, post=comment, reason="Phone number",
                       body="Ring Dave (number removed)")
    services.post_edit(actor=moderator, post=thread, reason="A name", title="A team",
                       body="Ask them")
    services.post_edit(actor=moderator, post=reply, reason="Email address",
                       body="(address removed)")
    services.post_edit(actor=moderator, post=reply, reason="Tidier", body="(removed)")
    [kept] = PostRevision.objects.filter(comment=comment)
    assert (kept.body, kept.reason, kept.by_moderator, kept.editor) == (
        "Ring Dave on 07700 900123", "Phone number", True, moderator)
    [kept] = PostRevision.objects.filter(thread=thread)
    assert (kept.title, kept.body) == ("Dave Smith's team", "Ask Dave")
    # Newest first, each keeping the words just before that edit.
    assert [(r.body, r.reason) for r in PostRevision.objects.filter(reply=reply)] == [
        ("(address removed)", "Tidier"), ("His email is dave@x.example", "Email address")]
    # The reason is still shown with the post, and the edit is still audited.
    comment.refresh_from_db()
    assert comment.body == "Ring Dave (number removed)"
    assert comment.moderation_note == "Edited by a moderator: Phone number"
    assert sorted(e.detail["reason"] for e in _audited("community.edit")) == [
        "A name", "Email address", "Phone number", "Tidier"]
    # An "edit" that changes nothing keeps nothing.
    services.post_edit(actor=moderator, post=comment, reason="Checked",
                       body="Ring Dave (number removed)")
    assert PostRevision.objects.filter(comment=comment).count() == 1


def test_earlier_versions_are_for_the_author_and_moderators_only(personas, make_story):
    moderator, member, lead = personas["moderator"], personas["member"], personas["lead"]
    comment = services.comment_create(actor=member, story=make_story(lead), body="Old words")
    services.post_edit(actor=moderator, post=comment, reason="Kinder", body="New words")
    for viewer in (moderator, lead, member):  # lead moderates; member wrote it
        assert post_get_for_history(viewer=viewer, kind="comment", post_id=comment.pk) == comment
        [view] = post_history(viewer=viewer, post=comment)
        assert view.revision.body == "Old words" and view.editor_label == "A moderator"
    other = person(roles=["member"], email="other@northbridge.example")
    for viewer in (other, personas["analyst"], personas["admin"]):
        with pytest.raises(Http404):
            post_get_for_history(viewer=viewer, kind="comment", post_id=comment.pk)
        assert post_history(viewer=viewer, post=comment) == []
    with pytest.raises(Http404):
        post_get_for_history(viewer=moderator, kind="story", post_id=comment.story_id)


def test_suspension_stops_posting_for_a_period_then_lifts(personas, make_story, category):
    member = personas["member"]
    suspension = services.member_suspend(actor=personas["moderator"], member=member, days=7,
                                         reason="Repeated personal remarks")
    for attempt in (lambda: make_story(member),
                    lambda: services.thread_create(actor=member, category=category, title="T",
                                                   body="B")):
        with pytest.raises(ApplicationError, match="suspended"):
            attempt()
    with pytest.raises(ApplicationError, match="Only a network lead"):
        services.member_suspend(actor=personas["moderator"], member=personas["lead"], days=1,
                                reason="x")
    with pytest.raises(ApplicationError, match="Length"):
        services.member_suspend(actor=personas["lead"], member=member, days=400, reason="x")
    with pytest.raises(ApplicationError):
        services.member_suspend(actor=personas["member"], member=personas["lead"], days=1,
                                reason="x")
    services.suspension_lift(actor=personas["lead"], suspension=suspension)
    make_story(member)
    # A suspension that has run its course is over on its own.
    ended = services.member_suspend(actor=personas["lead"], member=member, days=1, reason="x")
    type(ended).objects.filter(pk=ended.pk).update(ends_at=timezone.now() - timedelta(
        minutes=1))
    make_story(member, title="Back again")
    assert len(_audited("community.suspend")) == 2
    assert len(_audited("community.unsuspend")) == 1


def test_watched_words_block_hold_and_replace(personas, make_story):
    moderator = personas["moderator"]
    services.watched_word_add(actor=moderator, phrase="scroung*", action="block")
    services.watched_word_add(actor=moderator, phrase="payslip", action="hold")
    services.watched_word_add(actor=moderator, phrase="posh", action="replace",
                              replacement="well-off")
    with pytest.raises(ApplicationError, match="“scroung\\*”"):
        make_story(personas["member"], body="They called us scroungers.")
    assert not Story.objects.exists()
    held = make_story(personas["member"], body="Here is my payslip.")
    assert held.status == Status.PENDING
    replaced = make_story(personas["member"], body="Everyone was so POSH.")
    assert "well-off" in replaced.body and "POSH" not in replaced.body
    story = make_story(personas["lead"], title="Clean")
    comment = services.comment_create(actor=personas["member"], story=story,
                                      body="my payslip says")
    assert comment.status == Status.PENDING
    with pytest.raises(ApplicationError, match="Replacement"):
        services.watched_word_add(actor=moderator, phrase="x", action="replace")
    with pytest.raises(ApplicationError):
        services.watched_word_add(actor=personas["member"], phrase="y", action="block")
    assert len(_audited("community.watched_word")) == 3


def test_new_members_are_rate_limited_with_a_clear_message(personas, make_story, settings,
                                                          category):
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 7
    settings.UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR = 3
    newcomer = personas["member"]
    story = make_story(personas["lead"])
    for n in range(3):
        services.comment_create(actor=newcomer, story=story, body=f"Comment {n}")
    with pytest.raises(ApplicationError, match="3 times an hour") as error:
        services.thread_create(actor=newcomer, category=category, title="T", body="B")
    assert error.value.status == 429 and "not been lost" in error.value.message
    assert StoryComment.objects.filter(author=newcomer).count() == 3
    # Moderators and long-standing members are not limited.
    for n in range(4):
        services.comment_create(actor=personas["moderator"], story=story, body=f"M {n}")
    User.objects.filter(pk=newcomer.pk).update(date_joined=timezone.now() - timedelta(days=30))
    newcomer.refresh_from_db()
    services.thread_create(actor=newcomer, category=category, title="T", body="B")


def test_muting_hides_named_posts_but_never_anonymous_ones(personas, make_story, category,
                                                           publish_anonymous):
    lead, member = personas["lead"], personas["member"]
    named = make_story(member, title="Named")
    anonymous = publish_anonymous(title="Anonymous")
    thread = services.thread_create(actor=lead, category=category, title="T", body="B")
    reply = services.reply_create(actor=member, thread=thread, body="From the muted member")
    services.mute_set(actor=lead, member=member, muted=True)
    titles = [s.title for s in story_feed(viewer=lead)]
    # Hiding the anonymous story too would tell the lead who wrote it.
    assert titles == ["Anonymous"]
    assert reply.pk not in [v.reply.pk for v in thread_replies(viewer=lead, thread=thread)]
    # No notifications from a muted member.
    before = Notification.objects.filter(recipient=lead).count()
    services.reply_create(actor=member, thread=thread, body="Another")
    assert Notification.objects.filter(recipient=lead).count() == before
    services.mute_set(actor=lead, member=member, muted=False)
    assert {s.title for s in story_feed(viewer=lead)} == {"Named", "Anonymous"}
    with pytest.raises(ApplicationError):
        services.mute_set(actor=lead, member=lead, muted=True)
    assert named.pk and anonymous.pk


def test_public_page_requests_are_for_leads(personas, make_story):
    make_story(personas["member"], audience="public")
    assert len(public_requests(viewer=personas["lead"])) == 1
    assert public_requests(viewer=personas["moderator"]) == []


def test_nobody_moderates_their_own_posts(personas, make_story, category):
    """A moderator's own anonymous story waits for someone else: it is not in their
    queue, and approving, declining, hiding, restoring, editing or dismissing flags
    on it is refused, so pre-moderation cannot be skipped and no audit entry ties a
    moderator to their own anonymous post."""
    moderator, lead, member = personas["moderator"], personas["lead"], personas["member"]
    own = make_story(moderator, is_anonymous=True, title="My own road")
    own_thread = services.thread_create(actor=moderator, category=category, title="Mine",
                                        body="Asking for myself")
    services.flag_create(actor=member, post=own_thread, reason="spam")
    assert pending_posts(viewer=moderator) == []
    assert flagged_posts(viewer=moderator) == []
    assert [item.post for item in pending_posts(viewer=lead)] == [own]
    assert [item.post for item in flagged_posts(viewer=lead)] == [own_thread]
    refused = [
        lambda: services.post_approve(actor=moderator, post=own),
        lambda: services.post_reject(actor=moderator, post=own, reason="No"),
        lambda: services.post_hide(actor=moderator, post=own_thread, reason="Mine"),
        lambda: services.post_edit(actor=moderator, post=own_thread, reason="Tidy",
                                   title="Mine", body="Edited"),
        lambda: services.flags_dismiss(actor=moderator, post=own_thread),
    ]
    for action in refused:
        with pytest.raises(ApplicationError, match="nobody moderates their own") as error:
            action()
        assert error.value.status == 403
    assert Story.objects.get(pk=own.pk).status == Status.PENDING
    assert Thread.objects.get(pk=own_thread.pk).body == "Asking for myself"
    assert Flag.objects.filter(resolved_at=None).count() == 1
    assert AuditEntry.objects.count() == 0
    # Someone else can; and a hidden post of one's own cannot be put back by oneself.
    services.post_approve(actor=lead, post=own)
    services.post_hide(actor=lead, post=own_thread, reason="Off-topic")
    assert hidden_posts(viewer=moderator) == []
    with pytest.raises(ApplicationError, match="nobody moderates their own"):
        services.post_restore(actor=moderator, post=own_thread)
    assert [(e.action, e.actor_id) for e in AuditEntry.objects.order_by("at", "id")] == [
        ("community.approve", lead.pk), ("community.hide", lead.pk)]


def test_leads_do_not_decide_their_own_public_page(personas, make_story):
    lead = personas["lead"]
    other_lead = person(roles=["member", "lead"], email="lead2@northbridge.example")
    story = make_story(lead, audience="public")
    assert public_requests(viewer=lead) == []
    with pytest.raises(ApplicationError, match="nobody moderates their own"):
        services.story_public_decide(actor=lead, story=story, approve=True)
    assert Story.objects.get(pk=story.pk).public_approved_at is None
    assert [item.post for item in public_requests(viewer=other_lead)] == [story]
    services.story_public_decide(actor=other_lead, story=story, approve=True)
    assert Story.objects.get(pk=story.pk).public_approved_at is not None


def test_the_queue_page_refuses_a_moderators_own_post(personas, make_story, client_for):
    moderator = personas["moderator"]
    own = make_story(moderator, is_anonymous=True, title="Mine to wait")
    client = client_for(moderator)
    assert "Mine to wait" not in client.get("/moderation/").content.decode()
    response = client.post(f"/moderation/story/{own.pk}/approve/", follow=True)
    assert "nobody moderates their own posts" in response.content.decode()
    assert Story.objects.get(pk=own.pk).status == Status.PENDING

"""Comments (one level), reactions, bookmarks and sharing with a colleague."""

from __future__ import annotations

import pytest
from django.core import mail

from upward.web.community import services
from upward.web.community.models import (
    Audience,
    NotificationKind,
    ReactionKind,
    Status,
    Story,
    StoryComment,
)
from upward.web.community.selectors.stories import (
    bookmarked_stories,
    reaction_summary,
    story_comments,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_comments_thread_one_level_and_notify_the_right_people(
        personas, make_story, django_capture_on_commit_callbacks):
    member, lead, moderator = personas["member"], personas["lead"], personas["moderator"]
    story = make_story(member)
    with django_capture_on_commit_callbacks(execute=True):
        top = services.comment_create(actor=lead, story=story, body="This is me too.")
        answer = services.comment_create(actor=moderator, story=story, body="Same", parent=top)
        deeper = services.comment_create(actor=member, story=story, body="Thanks!",
                                         parent=answer)
    assert answer.parent_id == top.pk and deeper.parent_id == top.pk  # never deeper than one
    tree = story_comments(viewer=lead, story=story)
    assert [v.comment.pk for v in tree] == [top.pk]
    assert [a.comment.pk for a in tree[0].answers] == [answer.pk, deeper.pk]
    story.refresh_from_db()
    assert story.comment_count == 3
    texts = {n.recipient.email: n.text for n in Notification.objects.filter(
        kind=NotificationKind.REPLY)}
    assert "commented on your story" in texts[member.email]
    assert "answered your comment" in texts[lead.email]
    # Replies are emailed at once (everyone has the default settings).
    assert {m.to[0] for m in mail.outbox} >= {member.email, lead.email}


def test_the_anonymous_author_comments_anonymously_and_is_premoderated(personas,
                                                                       publish_anonymous):
    story = publish_anonymous()
    comment = services.comment_create(actor=personas["member"], story=story,
                                      body="Thank you all for reading.")
    assert comment.is_anonymous and comment.status == Status.PENDING
    assert story_comments(viewer=personas["analyst"], story=story) == []
    services.post_approve(actor=personas["moderator"], post=comment)
    [view] = story_comments(viewer=personas["lead"], story=story)
    assert view.byline.label == "Anonymous member" and view.by_story_author


def test_closed_comments_refuse_new_ones(personas, make_story):
    story = make_story(personas["member"])
    services.lock_set(actor=personas["moderator"], post=story, locked=True)
    story.refresh_from_db()
    with pytest.raises(ApplicationError, match="closed"):
        services.comment_create(actor=personas["lead"], story=story, body="Hello")
    assert not StoryComment.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_bad_comments_are_refused(personas, make_story, body):
    story = make_story(personas["member"])
    with pytest.raises(ApplicationError, match="Comment"):
        services.comment_create(actor=personas["lead"], story=story, body=body)
    assert not StoryComment.objects.exists()


def test_nobody_comments_on_a_story_they_cannot_see(personas, make_story):
    story = make_story(personas["member"])  # network only
    with pytest.raises(ApplicationError) as error:
        services.comment_create(actor=personas["analyst"], story=story, body="Hi")
    assert error.value.status == 404


def test_reactions_toggle_count_and_stay_positive(personas, make_story):
    story = make_story(personas["member"])
    lead = personas["lead"]
    assert services.reaction_toggle(actor=lead, story=story, kind="helped") is True
    assert services.reaction_toggle(actor=lead, story=story, kind="me-too") is True
    story.refresh_from_db()
    assert story.reaction_count == 2
    summary = {r.kind.key: (r.count, r.mine) for r in reaction_summary(viewer=lead, story=story)}
    assert summary["helped"] == (1, True) and summary["thank-you"] == (0, False)
    assert services.reaction_toggle(actor=lead, story=story, kind="helped") is False
    story.refresh_from_db()
    assert story.reaction_count == 1
    with pytest.raises(ApplicationError, match="not one of"):
        services.reaction_toggle(actor=lead, story=story, kind="angry")
    with pytest.raises(ApplicationError, match="own story"):
        services.reaction_toggle(actor=personas["member"], story=story, kind="helped")


def test_leads_configure_the_reaction_set(personas, make_story):
    kind = services.reaction_kind_save(actor=personas["lead"], label="Proud of you")
    story = make_story(personas["member"])
    services.reaction_toggle(actor=personas["moderator"], story=story, kind=kind.key)
    services.reaction_kind_save(actor=personas["lead"], kind=kind, label=kind.label,
                                is_active=False)
    assert kind.key not in [r.kind.key for r in reaction_summary(viewer=personas["lead"],
                                                                   story=story)]
    with pytest.raises(ApplicationError):
        services.reaction_kind_save(actor=personas["moderator"], label="Nope")
    assert ReactionKind.objects.filter(label="Nope").count() == 0


def test_bookmarks_are_private_and_follow_visibility(personas, make_story):
    story = make_story(personas["member"])
    lead = personas["lead"]
    assert services.bookmark_toggle(actor=lead, story=story) is True
    assert list(bookmarked_stories(viewer=lead)) == [story]
    assert list(bookmarked_stories(viewer=personas["moderator"])) == []
    services.story_withdraw(actor=personas["member"], story=story)
    assert list(bookmarked_stories(viewer=lead)) == []
    assert services.bookmark_toggle(actor=personas["member"], story=story) is True  # own


def test_sharing_notifies_a_colleague_who_can_read_the_story(personas, make_story):
    member, lead = personas["member"], personas["lead"]
    story = make_story(member)
    services.story_share(actor=lead, story=story, email=personas["moderator"].email,
                         note="You said this was you too")
    note = Notification.objects.get(recipient=personas["moderator"], kind=NotificationKind.SHARE)
    assert "Lead Persona shared" in note.text and "this was you too" in note.text
    assert not mail.outbox  # shares wait for the digest
    # A network-only story cannot go to someone outside the network, nor to an unknown
    # address, and the two refusals are worded the same (membership stays private).
    refusals = set()
    for email in (personas["analyst"].email, "nobody@northbridge.example"):
        with pytest.raises(ApplicationError) as error:
            services.story_share(actor=lead, story=story, email=email)
        refusals.add(error.value.message)
    assert len(refusals) == 1


def test_the_anonymous_author_sharing_their_story_is_not_named(personas, publish_anonymous):
    story = publish_anonymous(audience=Audience.ORGANISATION)
    services.story_share(actor=personas["member"], story=story, email=personas["analyst"].email)
    note = Notification.objects.get(recipient=personas["analyst"])
    assert note.text.startswith("A colleague shared") and note.sender_id is None
    assert "Member Persona" not in note.text


def test_suspended_members_cannot_respond(personas, make_story):
    story = make_story(personas["member"])
    services.member_suspend(actor=personas["lead"], member=personas["moderator"], days=3,
                            reason="Cooling off after a heated thread")
    for attempt in (
        lambda: services.comment_create(actor=personas["moderator"], story=story, body="Hi"),
        lambda: services.reaction_toggle(actor=personas["moderator"], story=story,
                                         kind="helped"),
        lambda: services.story_share(actor=personas["moderator"], story=story,
                                     email=personas["lead"].email),
    ):
        with pytest.raises(ApplicationError, match="suspended"):
            attempt()
    assert Story.objects.get(pk=story.pk).reaction_count == 0


@pytest.mark.parametrize("muted", ["author", "sharer"])
def test_sharing_answers_the_same_whoever_the_colleague_mutes(personas, make_story, client_for,
                                                              muted):
    """Whom a colleague mutes is private: sharing with them is accepted exactly as with
    anyone else, and they are simply not told."""
    from django.contrib.messages import get_messages
    from django.urls import reverse

    member, lead = personas["member"], personas["lead"]
    story = make_story(member, audience=Audience.ORGANISATION)
    muting, other = personas["moderator"], personas["admin"]
    services.mute_set(actor=muting, member=member if muted == "author" else lead, muted=True)
    answers = []
    for recipient in (muting, other):
        response = client_for(lead).post(reverse("community:share", args=[story.pk]),
                                         {"email": recipient.email, "note": "Read this"})
        answers.append((response.status_code, response.get("Location"),
                        [str(m) for m in get_messages(response.wsgi_request)]))
    assert answers[0] == answers[1]
    assert answers[0][0] == 302
    assert services.story_share(actor=lead, story=story, email=muting.email) == muting
    assert not Notification.objects.filter(recipient=muting, kind=NotificationKind.SHARE)
    assert Notification.objects.filter(recipient=other, kind=NotificationKind.SHARE).count() == 1

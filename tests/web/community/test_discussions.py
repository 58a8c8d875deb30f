"""Discussions: categories, threads, quotes, @mentions, accepted answers,
subscriptions, and notifications in the app, by email and in the weekly digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from upward.web.community import services
from upward.web.community.models import (
    Category,
    NotificationKind,
    Status,
    Story,
    Thread,
)
from upward.web.community.selectors.discussions import (
    can_see_thread,
    categories_visible_to,
    thread_list,
    thread_replies,
)
from upward.web.community.selectors.history import post_history
from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification, NotificationSettings
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def test_categories_are_managed_by_leads_and_audited(personas):
    created = services.category_save(actor=personas["lead"], name="Money talk",
                                     description="Pay, pensions and asking for more.")
    assert created.slug == "money-talk"
    assert AuditEntry.objects.filter(action="community.category").count() == 1
    for role in ("moderator", "member", "admin"):
        with pytest.raises(ApplicationError) as error:
            services.category_save(actor=personas[role], name="Not allowed")
        assert error.value.status == 403
    with pytest.raises(ApplicationError, match="already"):
        services.category_save(actor=personas["lead"], name="money talk")
    assert not Category.objects.filter(name="Not allowed").exists()


def test_category_audience_decides_who_takes_part(personas, category, org_category):
    analyst = personas["analyst"]
    assert set(categories_visible_to(viewer=analyst)) == {org_category}
    with pytest.raises(ApplicationError) as error:
        services.thread_create(actor=analyst, category=category, title="Hi", body="Hello")
    assert error.value.status == 404
    thread = services.thread_create(actor=analyst, category=org_category,
                                    title="Volunteering at my old school",
                                    body="Who has done a careers talk?")
    assert can_see_thread(viewer=personas["member"], thread=thread)


def test_archived_categories_are_read_only(personas, category):
    services.category_save(actor=personas["lead"], category=category, name=category.name,
                           is_archived=True)
    category.refresh_from_db()
    with pytest.raises(ApplicationError, match="archived"):
        services.thread_create(actor=personas["member"], category=category, title="T", body="B")


def test_anonymous_posts_only_where_allowed_and_always_premoderated(
        personas, category, anonymous_category):
    with pytest.raises(ApplicationError, match="does not allow anonymous"):
        services.thread_create(actor=personas["member"], category=category, title="Secret",
                               body="Shh", is_anonymous=True)
    thread = services.thread_create(actor=personas["member"], category=anonymous_category,
                                    title="Is it OK to not know what a PLC is?",
                                    body="Everyone says it in meetings.", is_anonymous=True)
    assert thread.status == Status.PENDING
    assert not can_see_thread(viewer=personas["lead"], thread=thread)
    services.post_approve(actor=personas["moderator"], post=thread)
    assert can_see_thread(viewer=personas["lead"], thread=thread)
    # Its author replying in it stays anonymous, even without asking.
    reply = services.reply_create(actor=personas["member"], thread=thread, body="Thanks all")
    assert reply.is_anonymous and reply.status == Status.PENDING


def test_replies_quote_mention_and_notify(personas, category,
                                          django_capture_on_commit_callbacks):
    member, lead, moderator = personas["member"], personas["lead"], personas["moderator"]
    thread = services.thread_create(actor=member, category=category,
                                    title="Asking for a promotion", body="How did you do it?")
    services.thread_subscription_set(actor=moderator, thread=thread, subscribed=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.reply_create(actor=lead, thread=thread, body="Ask @moderator too.")
        second = services.reply_create(actor=moderator, thread=thread, body="> Ask\n\nYes!",
                                       quote_of=first)
    kinds = {(n.recipient.email, n.kind) for n in Notification.objects.all()}
    assert (member.email, NotificationKind.REPLY) in kinds  # reply to your thread
    assert (moderator.email, NotificationKind.MENTION) in kinds  # @moderator
    assert (lead.email, NotificationKind.REPLY) in kinds  # your reply was quoted
    emailed = {m.to[0] for m in mail.outbox}
    assert {member.email, moderator.email, lead.email} <= emailed
    assert 'class="mention"' in first.body_html
    views = thread_replies(viewer=member, thread=thread)
    assert [v.reply.pk for v in views] == [first.pk, second.pk]
    assert views[1].quote_byline.label == "Lead Persona"
    thread.refresh_from_db()
    assert thread.reply_count == 2


def test_mentions_reach_only_network_members_who_can_see_the_post(personas, category):
    services.thread_create(actor=personas["member"], category=category, title="Hello",
                           body="Hi @analyst and @lead")
    recipients = set(Notification.objects.filter(kind=NotificationKind.MENTION)
                     .values_list("recipient__email", flat=True))
    assert recipients == {personas["lead"].email}


def test_questions_have_one_accepted_answer(personas, category):
    member, lead = personas["member"], personas["lead"]
    thread = services.thread_create(actor=member, category=category, kind="question",
                                    title="What is a business partner?", body="In HR?")
    answer = services.reply_create(actor=lead, thread=thread, body="Someone who advises a team.")
    with pytest.raises(ApplicationError) as error:
        services.reply_accept(actor=personas["analyst"], thread=thread, reply=answer)
    assert error.value.status == 404  # cannot even see it
    other = person(roles=["member"])
    with pytest.raises(ApplicationError, match="Only the person who asked"):
        services.reply_accept(actor=other, thread=thread, reply=answer)
    services.reply_accept(actor=member, thread=thread, reply=answer)
    thread.refresh_from_db()
    assert thread.accepted_reply == answer
    assert [v.is_accepted for v in thread_replies(viewer=lead, thread=thread)] == [True]
    discussion = services.thread_create(actor=member, category=category, title="Chat",
                                        body="Hi")
    with pytest.raises(ApplicationError, match="Only questions"):
        services.reply_accept(actor=member, thread=discussion, reply=None)


def test_the_authors_own_edits_keep_the_old_words_too(personas, category,
                                                      anonymous_category):
    member = personas["member"]
    thread = services.thread_create(actor=member, category=category, title="First title",
                                    body="First body")
    reply = services.reply_create(actor=member, thread=thread, body="First reply")
    services.thread_update(actor=member, thread=thread, title="Second title", body="First body")
    services.reply_update(actor=member, reply=reply, body="Second reply")
    services.reply_update(actor=member, reply=reply, body="Second reply")  # no change
    [kept] = thread.revisions.all()
    assert (kept.title, kept.body, kept.by_moderator, kept.editor, kept.reason) == (
        "First title", "First body", False, member, "")
    assert [r.body for r in reply.revisions.all()] == ["First reply"]
    # An anonymous reply: the edit goes back to the moderators, the old words are kept,
    # and the history says "the author", never who.
    anonymous = services.thread_create(actor=member, category=anonymous_category,
                                       is_anonymous=True, title="Quietly", body="Asking")
    anonymous = services.post_approve(actor=personas["moderator"], post=anonymous)
    services.thread_update(actor=member, thread=anonymous, title="Quietly", body="Asking again")
    anonymous.refresh_from_db()
    assert anonymous.status == Status.PENDING
    [view] = post_history(viewer=personas["moderator"], post=anonymous)
    assert view.revision.body == "Asking" and view.editor_label == "The author"


def test_locked_threads_refuse_replies_and_edits(personas, category):
    thread = services.thread_create(actor=personas["member"], category=category, title="T",
                                    body="B")
    services.lock_set(actor=personas["moderator"], post=thread, locked=True)
    thread.refresh_from_db()
    with pytest.raises(ApplicationError, match="locked"):
        services.reply_create(actor=personas["lead"], thread=thread, body="Late")
    with pytest.raises(ApplicationError, match="locked"):
        services.thread_update(actor=personas["member"], thread=thread, title="T2", body="B2")


def test_category_subscribers_hear_of_new_threads_in_the_digest(personas, category):
    services.category_subscription_set(actor=personas["lead"], category=category,
                                       subscribed=True)
    services.thread_create(actor=personas["member"], category=category, title="New idea",
                           body="What about a book club?")
    note = Notification.objects.get(recipient=personas["lead"])
    assert note.kind == NotificationKind.ACTIVITY and "started “New idea”" in note.text
    assert not mail.outbox


def test_preferences_turn_off_immediate_email(personas, category,
                                              django_capture_on_commit_callbacks):
    member = personas["member"]
    services.member_settings_update(user=member, email_mentions=False, email_replies=False,
                                    weekly_digest=True, on_account_deletion="erase")
    thread = services.thread_create(actor=member, category=category, title="T", body="B")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(actor=personas["lead"], thread=thread, body="Hello @member")
    assert Notification.objects.filter(recipient=member).exists()
    assert not [m for m in mail.outbox if member.email in m.to]


def test_send_digests_emails_each_person_once_a_week(personas, category, make_story,
                                                     django_capture_on_commit_callbacks):
    services.thread_subscription_set(
        actor=personas["moderator"], subscribed=True,
        thread=services.thread_create(actor=personas["member"], category=category,
                                      title="Study leave", body="Who has had it?"))
    thread = Thread.objects.get(title="Study leave")
    services.reply_create(actor=personas["lead"], thread=thread, body="I did, for my CIPD.")
    story = make_story(personas["member"], title="Night school at forty")
    services.reaction_toggle(actor=personas["lead"], story=story, kind="helped")
    NotificationSettings.objects.update_or_create(user=personas["judge"],
                                                  defaults={"weekly_digest": False})
    mail.outbox.clear()
    call_command("send_digests")
    sent = {m.to[0]: m.body for m in mail.outbox}
    assert "I did" not in sent[personas["moderator"].email]  # texts, not post bodies
    assert "replied in “Study leave”" in sent[personas["moderator"].email]
    assert "Night school at forty" in sent[personas["moderator"].email]  # top story
    assert personas["judge"].email not in sent
    # Run again the same week: nobody gets a second digest.
    mail.outbox.clear()
    call_command("send_digests")
    assert mail.outbox == []
    # A week later, only people with something new since their last digest hear from us.
    week_ago = timezone.now() - timedelta(days=8)
    NotificationSettings.objects.update(last_digest_at=week_ago)
    Notification.objects.update(created_at=week_ago - timedelta(hours=1))
    Story.objects.update(visible_from=week_ago - timedelta(hours=1))
    call_command("send_digests")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):  # the author is emailed at once
        services.reply_create(actor=personas["lead"], thread=thread, body="It was worth it.")
    mail.outbox.clear()
    call_command("send_digests")
    assert [m.to[0] for m in mail.outbox] == [personas["moderator"].email]


def test_notifications_are_read_one_or_all(personas, category):
    member = personas["member"]
    thread = services.thread_create(actor=member, category=category, title="T", body="B")
    services.reply_create(actor=personas["lead"], thread=thread, body="One")
    services.reply_create(actor=personas["moderator"], thread=thread, body="Two")
    first = Notification.objects.filter(recipient=member).first()
    assert services.notification_mark_read(user=member, notification_id=first.pk) == 1
    assert services.notification_mark_read(user=member) == 1
    other = Notification.objects.filter(recipient=personas["lead"]).first() or \
        Notification.objects.create(recipient=personas["lead"], kind="activity", text="x")
    with pytest.raises(ApplicationError):
        services.notification_mark_read(user=member, notification_id=other.pk)
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_thread_list_filters(personas, category):
    services.thread_create(actor=personas["member"], category=category, title="Q",
                           body="?", kind="question")
    services.thread_create(actor=personas["member"], category=category, title="D", body="!")
    titles = [t.title for t in thread_list(viewer=personas["lead"], category=category,
                                           kind="question")]
    assert titles == ["Q"]


def test_replying_through_the_api_returns_the_new_counts(personas, category, api_for):
    thread = services.thread_create(actor=personas["lead"], category=category,
                                    title="Commuting costs", body="How do you manage?")
    response = api_for(personas["member"]).post(
        f"/api/v1/threads/{thread.pk}/replies", {"body": "A railcard, and an early train."},
        content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert data["reply_count"] == 1
    assert [reply["body_html"].strip() for reply in data["replies"]] == [
        "<p>A railcard, and an early train.</p>"]

"""The community's part of "download my data", what happens to a person's posts
when they delete their account — erased, or kept without their name, whichever
they chose in their community settings (erased unless they chose) — and what
follows when they change their display name."""

from __future__ import annotations

from django.db.models import Count

from upward.web.accounts.services import (
    ACCOUNT_ERASERS,
    DISPLAY_NAME_FOLLOWERS,
    personal_data_section,
)
from upward.web.community import caching
from upward.web.community.models import (
    PROMPTS,
    Bookmark,
    CategorySubscription,
    MemberSettings,
    Mute,
    OnDeletion,
    PostRevision,
    Reaction,
    Reply,
    Status,
    Story,
    StoryComment,
    StoryRevision,
    Suspension,
    Thread,
    ThreadSubscription,
)
from upward.web.community.posts import POST_KINDS
from upward.web.community.selectors.conversations import (
    conversations_received,
    conversations_sent,
)
from upward.web.community.selectors.notifications import community_settings
from upward.web.community.services import search_index
from upward.web.community.services.discussions import refresh_thread_counts
from upward.web.community.services.responses import refresh_comment_count
from upward.web.core.content import identity
from upward.web.core.flags.selectors import flags_raised_by
from upward.web.core.notifications.models import NotificationSettings
from upward.web.core.notifications.selectors import notifications_export
from upward.web.core.notifications.services import notifications_sender_renamed
from upward.web.core.search.services import search_author_renamed


def _when(value):
    return value.isoformat() if value else None


def _story(story: Story) -> dict:
    return {
        "id": story.pk, "title": story.title, "status": story.status,
        "anonymous": story.is_anonymous, "audience": story.audience,
        "public_page_approved": story.public_approved_at is not None,
        "created_at": _when(story.created_at), "published_at": _when(story.published_at),
        "embargo_until": _when(story.embargo_until), "edited_at": _when(story.edited_at),
        "cover_quote": story.cover_quote,
        **{field: getattr(story, field) for field in PROMPTS},
        "body": story.body, "include_timeline": story.include_timeline,
        "tags": [tag.name for tag in story.tags.all()],
        "moderation_note": story.moderation_note,
        "history": [
            {"number": r.number, "edited_at": _when(r.edited_at),
             "edited_by": "a moderator" if r.by_moderator else "you", "reason": r.reason,
             "before": r.snapshot}
            for r in story.revisions.all()
        ],
    }


def _post(post, **extra) -> dict:
    return {"id": post.pk, "anonymous": post.is_anonymous, "status": post.status,
            "hidden": post.hidden_at is not None, "created_at": _when(post.created_at),
            "edited_at": _when(post.edited_at), "body": post.body, **extra,
            "history": [
                {"edited_at": _when(r.edited_at),
                 "edited_by": "a moderator" if r.by_moderator else "you", "reason": r.reason,
                 "before": {"title": r.title, "body": r.body} if r.thread_id
                 else {"body": r.body}}
                for r in post.revisions.all()
            ]}


@personal_data_section("community")
def community_section(user) -> dict:
    chose = MemberSettings.objects.filter(user=user).exists() or \
        NotificationSettings.objects.filter(user=user).exists()
    settings = community_settings(viewer=user)
    return {
        "settings": {
            "email_mentions": settings.email_mentions, "email_replies": settings.email_replies,
            "email_conversations": settings.email_conversations,
            "weekly_digest": settings.weekly_digest,
            "on_account_deletion": settings.on_account_deletion,
        } if chose else None,
        "stories": [_story(s) for s in Story.objects.filter(author=user)
                    .prefetch_related("tags", "revisions")],
        "comments": [_post(c, story_id=c.story_id, story_title=c.story.title)
                     for c in StoryComment.objects.filter(author=user).select_related("story")
                     .prefetch_related("revisions")],
        "discussions": [_post(t, title=t.title, category=t.category.name)
                        for t in Thread.objects.filter(author=user).select_related("category")
                        .prefetch_related("revisions")],
        "replies": [_post(r, discussion_id=r.thread_id, discussion_title=r.thread.title)
                    for r in Reply.objects.filter(author=user).select_related("thread")
                    .prefetch_related("revisions")],
        "reactions": [{"story_id": r.story_id, "reaction": r.kind.label,
                       "at": _when(r.created_at)}
                      for r in Reaction.objects.filter(user=user).select_related("kind")],
        "bookmarks": [{"story_id": b.story_id, "at": _when(b.created_at)}
                      for b in Bookmark.objects.filter(user=user)],
        "subscriptions": {
            "discussions": list(ThreadSubscription.objects.filter(user=user)
                                .values_list("thread_id", flat=True)),
            "categories": list(CategorySubscription.objects.filter(user=user)
                               .values_list("category__name", flat=True)),
        },
        "muted_members": list(Mute.objects.filter(user=user)
                              .values_list("muted__profile__display_name", flat=True)),
        "flags_you_raised": [{"about": about, "reason": f.reason, "note": f.note,
                              "at": _when(f.created_at), "resolution": f.resolution}
                             for about, f in flags_raised_by(user=user, kinds=list(POST_KINDS))],
        "suspensions": [{"from": _when(s.starts_at), "until": _when(s.ends_at),
                         "reason": s.reason, "lifted_at": _when(s.lifted_at)}
                        for s in Suspension.objects.filter(user=user)],
        "conversation_requests": {
            "you_asked": [{"asked": r.recipient.display_name, "message": r.message,
                           "at": _when(r.created_at), "state": r.state, "answer": r.answer}
                          for r in conversations_sent(viewer=user)],
            "asked_of_you": [{"asked_by": r.sender.display_name, "message": r.message,
                              "at": _when(r.created_at), "state": r.state,
                              "your_answer": r.answer}
                             for r in conversations_received(viewer=user)],
        },
        # As the notifications page shows them: to the day when no named person sent it.
        "notifications": [{"text": n.text, "at": _when(identity.shown_time(n.created_at, n)),
                           "read": n.read_at is not None}
                          for n in notifications_export(user=user)],
    }


def _anonymise(user) -> None:
    """Keep published posts, without the person's name; erase everything unpublished."""
    for model in (Story, StoryComment, Thread, Reply):
        model.objects.filter(author=user).exclude(status=Status.PUBLISHED).delete()
    StoryRevision.objects.filter(editor=user).update(editor=None)
    PostRevision.objects.filter(editor=user).update(editor=None)
    kept = {model: list(model.objects.filter(author=user).values_list("pk", flat=True))
            for model in (Story, StoryComment, Thread, Reply)}
    for model, ids in kept.items():
        model.objects.filter(pk__in=ids).update(author=None, is_anonymous=True)
    for story in Story.objects.filter(pk__in=kept[Story]).prefetch_related("tags"):
        search_index.index_story(story)
    for thread in Thread.objects.filter(pk__in=kept[Thread]):
        search_index.index_thread(thread)
    for reply in Reply.objects.filter(pk__in=kept[Reply]).select_related("thread"):
        search_index.index_reply(reply)


def _erase(user) -> None:
    """Delete the person's posts. Others' answers and replies stay where they are."""
    Story.objects.filter(author=user).delete()
    mine = StoryComment.objects.filter(author=user)
    stories = set(mine.values_list("story_id", flat=True))
    StoryComment.objects.filter(parent__in=mine).exclude(author=user).update(parent=None)
    mine.delete()
    replies = Reply.objects.filter(author=user)
    threads = set(replies.values_list("thread_id", flat=True))
    replies.delete()
    own_threads = Thread.objects.filter(author=user).annotate(others=Count("replies"))
    own_threads.filter(others=0).delete()
    for thread in Thread.objects.filter(author=user):
        # Others replied: keep their replies, remove every word the person wrote.
        thread.title = "Deleted discussion"
        thread.body = thread.body_html = ""
        thread.author, thread.is_anonymous = None, False
        thread.save()
        thread.revisions.all().delete()  # the earlier versions are their words too
        search_index.index_thread(thread)  # and its replies' title
        threads.add(thread.pk)
    StoryRevision.objects.filter(editor=user).update(editor=None)
    PostRevision.objects.filter(editor=user).update(editor=None)
    for story in Story.objects.filter(pk__in=stories):
        refresh_comment_count(story)
    for thread in Thread.objects.filter(pk__in=threads):
        refresh_thread_counts(thread)


def erase_community_data(user) -> None:
    caching.bump()  # bylines and posts change with ``QuerySet.update`` below
    settings = MemberSettings.objects.filter(user=user).first()
    if settings is not None and settings.on_account_deletion == OnDeletion.ANONYMISE:
        _anonymise(user)
    else:
        _erase(user)
    reacted = set(Reaction.objects.filter(user=user).values_list("story_id", flat=True))
    Reaction.objects.filter(user=user).delete()
    for story_id in reacted:
        Story.objects.filter(pk=story_id).update(
            reaction_count=Reaction.objects.filter(story_id=story_id).count())
    caching.bump()
    # Bookmarks, subscriptions, notifications, mutes, settings and suspensions go
    # with the account itself (their foreign keys cascade).


if erase_community_data not in ACCOUNT_ERASERS:
    ACCOUNT_ERASERS.append(erase_community_data)


def follow_display_name(user, old_name: str) -> None:
    """``user`` changed their display name: search finds their named posts by the new
    name and no longer by the old one, and the notifications they caused show the new
    one. (Pages read names as they are now; the profile's save refreshes the cache.)"""
    name = user.profile.display_name
    search_author_renamed(user=user, name=name)
    notifications_sender_renamed(user=user, old_name=old_name, new_name=name)


if follow_display_name not in DISPLAY_NAME_FOLLOWERS:
    DISPLAY_NAME_FOLLOWERS.append(follow_display_name)

"""Moderation: flags, approving held posts, hiding and restoring, editing with a
reason, locking, suspensions, watched words and mutes.

Every moderator action is written to the audit log. Audit labels name the post
("Story #12: …"), never its author, so the log cannot unmask anyone.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from upward.web.community import caching
from upward.web.community.access import is_moderator, is_signed_in
from upward.web.community.models import (
    Mute,
    NotificationKind,
    Reply,
    Status,
    Story,
    StoryComment,
    Suspension,
    Thread,
    WatchedAction,
    WatchedWord,
)
from upward.web.community.posts import KIND_LABELS, POST_KINDS, kind_of, post_title, post_url
from upward.web.community.services import revisions, search_index
from upward.web.community.services.discussions import (
    refresh_thread_counts,
    reply_went_live,
    thread_went_live,
)
from upward.web.community.services.notifications import mention_links, notify
from upward.web.community.services.posting import ensure_can_take_part
from upward.web.community.services.responses import comment_went_live, refresh_comment_count
from upward.web.community.services.stories import (
    announce_story,
    apply_changes,
    persist,
    snapshot,
    store_revision,
    story_go_live,
)
from upward.web.core.audit import audit_record
from upward.web.core.content.rendering import render_markdown
from upward.web.core.errors import ApplicationError
from upward.web.core.flags import services as flags
from upward.web.core.flags.services import require_moderator as _require_moderator
from upward.web.core.flags.services import require_not_own
from upward.web.core.permissions import can

__all__ = ["KIND_LABELS", "POST_KINDS", "kind_of", "post_title", "post_url", "require_not_own"]
MAX_SUSPENSION_DAYS = 365


def _reason(reason: str, *, what: str = "Reason") -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ApplicationError(f"{what}: say why, so the author and other moderators "
                               "understand.", field="reason")
    if len(reason) > 300:
        raise ApplicationError(f"{what}: use at most 300 characters.", field="reason")
    return reason


def _locked(post):
    return type(post).objects.select_for_update().get(pk=post.pk)


def _tell_author(post, text: str) -> None:
    if post.author_id is not None:
        notify(recipient=post.author, kind=NotificationKind.MODERATION, text=text,
               url=post_url(post))


def refresh_counts(post) -> None:
    """Recount what a post that appeared or disappeared counts towards."""
    if isinstance(post, StoryComment):
        refresh_comment_count(post.story)
    elif isinstance(post, Reply):
        refresh_thread_counts(post.thread)


def _reindex(post) -> None:
    if isinstance(post, Story):
        search_index.index_story(post)
    elif isinstance(post, Thread):
        search_index.index_thread(post)
    elif isinstance(post, Reply):
        search_index.index_reply(post)


# --- held posts ---------------------------------------------------------------------------


@transaction.atomic
def post_approve(*, actor, post, request=None):
    """Publish a post that was waiting for a moderator."""
    _require_moderator(actor)
    post = _locked(post)
    require_not_own(actor, post)
    if post.status != Status.PENDING:
        raise ApplicationError("This post is not waiting for review any more.")
    now = timezone.now()
    if isinstance(post, Story):
        story_go_live(post, now=now)
        post.save()
        announce_story(post)
    else:
        post.status = Status.PUBLISHED
        post.save(update_fields=["status"])
        {StoryComment: comment_went_live, Thread: thread_went_live,
         Reply: reply_went_live}[type(post)](post)
    audit_record(actor=actor, action="community.approve", target=post, request=request,
                 detail={"kind": kind_of(post)})
    _tell_author(post, f"Your {KIND_LABELS[kind_of(post)]} in “{post_title(post)}” "
                       "was approved and is now published")
    return post


@transaction.atomic
def post_reject(*, actor, post, reason: str, request=None):
    """Decline a waiting post; the author sees the reason and may change and resubmit
    a story."""
    _require_moderator(actor)
    reason = _reason(reason)
    post = _locked(post)
    require_not_own(actor, post)
    if post.status != Status.PENDING:
        raise ApplicationError("This post is not waiting for review any more.")
    post.status = Status.REJECTED
    post.moderation_note = reason
    post.save(update_fields=["status", "moderation_note"])
    audit_record(actor=actor, action="community.reject", target=post, request=request,
                 detail={"kind": kind_of(post), "reason": reason})
    _tell_author(post, f"A moderator did not approve your {KIND_LABELS[kind_of(post)]} in "
                       f"“{post_title(post)}”: {reason}")
    return post


# --- hiding, restoring, editing ------------------------------------------------------------


@transaction.atomic
def post_hide(*, actor, post, reason: str, request=None):
    _require_moderator(actor)
    reason = _reason(reason)
    post = _locked(post)
    require_not_own(actor, post)
    if post.status != Status.PUBLISHED or post.hidden_at is not None:
        raise ApplicationError("Only a published, visible post can be hidden.")
    post.hidden_at = timezone.now()
    post.hidden_reason = post.moderation_note = reason
    post.save(update_fields=["hidden_at", "hidden_reason", "moderation_note"])
    if isinstance(post, Story):
        Story.objects.filter(pk=post.pk).update(featured_at=None)
        caching.bump(caching.STORIES, caching.story_scope(post.pk))
    refresh_counts(post)
    _resolve_flags(post, actor=actor, resolution=f"Hidden: {reason}")
    audit_record(actor=actor, action="community.hide", target=post, request=request,
                 detail={"kind": kind_of(post), "reason": reason})
    _tell_author(post, f"A moderator hid your {KIND_LABELS[kind_of(post)]} in "
                       f"“{post_title(post)}”: {reason}")
    return post


@transaction.atomic
def post_restore(*, actor, post, request=None):
    _require_moderator(actor)
    post = _locked(post)
    require_not_own(actor, post)
    if post.hidden_at is None:
        raise ApplicationError("This post is not hidden.")
    post.hidden_at = None
    post.hidden_reason = post.moderation_note = ""
    post.save(update_fields=["hidden_at", "hidden_reason", "moderation_note"])
    refresh_counts(post)
    _resolve_flags(post, actor=actor, resolution="Restored")
    audit_record(actor=actor, action="community.restore", target=post, request=request,
                 detail={"kind": kind_of(post)})
    return post


@transaction.atomic
def post_edit(*, actor, post, reason: str, request=None, **changes):
    """A moderator edits someone's post, saying why (shown with the post).

    The old words go into the post's history with the reason, for the author and
    other moderators to check (and, if need be, put back).
    """
    _require_moderator(actor)
    reason = _reason(reason)
    post = _locked(post)
    require_not_own(actor, post)
    now = timezone.now()
    if isinstance(post, Story):
        allowed = {"title", "cover_quote", "body", "prompt_started", "prompt_hard",
                   "prompt_turning", "prompt_now", "prompt_advice"}
        if set(changes) - allowed:
            raise ApplicationError("Moderators can change a story's words only.")
        before = snapshot(post)
        apply_changes(post, changes)
        post.edited_at = now
        persist(post, None)
        store_revision(post, before, editor=actor, by_moderator=True, reason=reason)
    else:
        allowed = {"title", "body"} if isinstance(post, Thread) else {"body"}
        if set(changes) - allowed or not changes.get("body", "x").strip():
            raise ApplicationError("Give the new text of the post.", field="body")
        before = revisions.words(post)
        for field, value in changes.items():
            setattr(post, field, value.strip())
        post.body_html = render_markdown(post.body, mentions=mention_links(post.body))
        post.edited_at = now
        post.moderation_note = f"Edited by a moderator: {reason}"
        post.full_clean(exclude=["author"])
        post.save()
        revisions.store_post_revision(post, before, editor=actor, by_moderator=True,
                                      reason=reason)
        _reindex(post)
    audit_record(actor=actor, action="community.edit", target=post, request=request,
                 detail={"kind": kind_of(post), "reason": reason,
                         "fields": sorted(changes)})
    _tell_author(post, f"A moderator edited your {KIND_LABELS[kind_of(post)]} in "
                       f"“{post_title(post)}”: {reason}")
    return post


@transaction.atomic
def lock_set(*, actor, post: Story | Thread, locked: bool, request=None):
    """Close (or reopen) a discussion, or the comments on a story."""
    _require_moderator(actor)
    post = _locked(post)
    field = "comments_locked_at" if isinstance(post, Story) else "locked_at"
    if (getattr(post, field) is not None) == locked:
        raise ApplicationError("It is already " + ("locked." if locked else "open."))
    setattr(post, field, timezone.now() if locked else None)
    post.save(update_fields=[field])
    audit_record(actor=actor, action="community.lock" if locked else "community.unlock",
                 target=post, request=request, detail={"kind": kind_of(post)})
    return post


# --- flags ---------------------------------------------------------------------------------
# Flags are the shared platform's (upward.web.core.flags); these add the community's
# rules: suspended members cannot flag.


@transaction.atomic
def flag_create(*, actor, post, reason: str, note: str = "", request=None):
    """Report a post to the moderators. Enough reports from different people hide it
    until a moderator looks."""
    ensure_can_take_part(actor)
    return flags.flag_create(actor=actor, target=post, reason=reason, note=note,
                             request=request)


def _resolve_flags(post, *, actor, resolution: str) -> int:
    return flags.flags_resolve(target=post, actor=actor, resolution=resolution)


def flags_dismiss(*, actor, post, request=None) -> int:
    """Close the flags on a post that needs no action (and show it again if the
    flags alone had hidden it)."""
    return flags.flags_dismiss(actor=actor, target=post, request=request)


# --- members --------------------------------------------------------------------------------


@transaction.atomic
def member_suspend(*, actor, member: AbstractBaseUser, days: int, reason: str,
                   request=None) -> Suspension:
    """Stop a member posting for ``days`` days. Moderators cannot suspend moderators
    or leads; a lead can."""
    _require_moderator(actor)
    reason = _reason(reason)
    if member.pk == actor.pk:
        raise ApplicationError("You cannot suspend yourself.")
    if is_moderator(member) and not can(actor, "moderate_moderators"):
        raise ApplicationError("Only a network lead can suspend a moderator or lead.",
                               status=403)
    if not isinstance(days, int) or not 1 <= days <= MAX_SUSPENSION_DAYS:
        raise ApplicationError(f"Length: choose between 1 and {MAX_SUSPENSION_DAYS} days.",
                               field="days")
    now = timezone.now()
    suspension = Suspension.objects.create(user=member, starts_at=now,
                                           ends_at=now + timedelta(days=days), reason=reason,
                                           suspended_by=actor)
    audit_record(actor=actor, action="community.suspend", target=member, request=request,
                 detail={"days": days, "reason": reason, "until": suspension.ends_at.isoformat()})
    notify(recipient=member, kind=NotificationKind.MODERATION,
           url=reverse("community:settings"),
           text=f"A moderator suspended your posting for {days} day(s): {reason}")
    return suspension


@transaction.atomic
def suspension_lift(*, actor, suspension: Suspension, request=None) -> Suspension:
    _require_moderator(actor)
    if suspension.lifted_at is not None or suspension.ends_at <= timezone.now():
        raise ApplicationError("This suspension has already ended.")
    suspension.lifted_at = timezone.now()
    suspension.save(update_fields=["lifted_at"])
    audit_record(actor=actor, action="community.unsuspend", target=suspension.user,
                 request=request, detail={"suspension": suspension.pk})
    return suspension


@transaction.atomic
def watched_word_add(*, actor, phrase: str, action: str, replacement: str = "",
                     request=None) -> WatchedWord:
    _require_moderator(actor)
    phrase = " ".join((phrase or "").split()).lower()
    if not phrase or phrase.strip("*") == "":
        raise ApplicationError("Word or phrase: enter the words to watch for.", field="phrase")
    if len(phrase) > 100:
        raise ApplicationError("Word or phrase: use at most 100 characters.", field="phrase")
    if action not in WatchedAction.values:
        raise ApplicationError("Action: choose block, hold or replace.", field="action")
    replacement = (replacement or "").strip()
    if action == WatchedAction.REPLACE and not replacement:
        raise ApplicationError("Replacement: say what to put instead.", field="replacement")
    if WatchedWord.objects.filter(phrase=phrase).exists():
        raise ApplicationError(f"“{phrase}” is already watched.", field="phrase")
    word = WatchedWord.objects.create(phrase=phrase, action=action,
                                      replacement=replacement[:100])
    audit_record(actor=actor, action="community.watched_word", target=word, request=request,
                 detail={"phrase": phrase, "action": action, "change": "added"})
    return word


@transaction.atomic
def watched_word_remove(*, actor, word: WatchedWord, request=None) -> None:
    _require_moderator(actor)
    audit_record(actor=actor, action="community.watched_word", target=word, request=request,
                 detail={"phrase": word.phrase, "action": word.action, "change": "removed"})
    word.delete()


@transaction.atomic
def mute_set(*, actor, member: AbstractBaseUser, muted: bool) -> bool:
    """Stop (or start again) seeing a member's named posts and hearing from them.
    Mutes are private: the muted member is not told."""
    if not is_signed_in(actor):
        raise ApplicationError("Sign in first.", status=403)
    if member.pk == actor.pk:
        raise ApplicationError("You cannot mute yourself.")
    if muted:
        Mute.objects.get_or_create(user=actor, muted=member)
    else:
        Mute.objects.filter(user=actor, muted=member).delete()
    return muted

"""Responding to stories: comments (threaded one level), reactions, bookmarks and
sharing with a colleague."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from upward.web.accounts.selectors import active_person_by_email
from upward.web.community import caching
from upward.web.community.models import (
    MAX_COMMENT,
    Bookmark,
    NotificationKind,
    Reaction,
    ReactionKind,
    Status,
    Story,
    StoryComment,
)
from upward.web.community.posts import comment_url
from upward.web.community.services.notifications import mention_links, notify, notify_mentions
from upward.web.community.services.posting import (
    ensure_can_take_part,
    ensure_within_rate_limit,
    screen,
)
from upward.web.core.content import identity
from upward.web.core.content.rendering import render_markdown
from upward.web.core.errors import ApplicationError, validation_message


def _visible_story(actor, story: Story) -> Story:
    from upward.web.community.selectors.stories import can_see_story

    if not can_see_story(viewer=actor, story=story):
        raise ApplicationError("That story does not exist.", status=404)
    return story


def _text(body: str, *, limit: int, what: str) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ApplicationError(f"{what}: write something first.", field="body")
    if len(body) > limit:
        raise ApplicationError(f"{what}: use at most {limit:,} characters "
                               f"(this has {len(body):,}).", field="body")
    return body.strip()


@transaction.atomic
def comment_create(*, actor, story: Story, body: str,
                   parent: StoryComment | None = None) -> StoryComment:
    """Comment on a story or answer a comment.

    The author of an anonymous story comments anonymously on it (so a reply
    cannot give them away), and anonymous comments wait for a moderator.
    """
    ensure_can_take_part(actor)
    story = _visible_story(actor, story)
    if story.comments_locked_at is not None:
        raise ApplicationError("Comments on this story are closed.", status=403)
    body = _text(body, limit=MAX_COMMENT, what="Comment")
    if parent is not None:
        if parent.story_id != story.pk or not parent.is_live:
            raise ApplicationError("The comment you are answering is not there any more.",
                                   status=404)
        parent = parent.parent or parent  # one level: answers attach to the top comment
    ensure_within_rate_limit(actor)
    texts, held = screen({"body": body})
    anonymous = story.is_anonymous and identity.is_author(story, actor)
    comment = StoryComment(
        story=story, parent=parent, author=actor, body=texts["body"], is_anonymous=anonymous,
        status=Status.PENDING if anonymous or held else Status.PUBLISHED,
    )
    comment.body_html = render_markdown(comment.body, mentions=mention_links(comment.body))
    try:
        comment.full_clean(exclude=["author"])
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error
    comment.save()
    if comment.status == Status.PUBLISHED:
        comment_went_live(comment)
    return comment


def refresh_comment_count(story: Story) -> None:
    count = StoryComment.objects.filter(story=story, status=Status.PUBLISHED,
                                        hidden_at=None).count()
    Story.objects.filter(pk=story.pk).update(comment_count=count)
    caching.bump(caching.STORIES, caching.story_scope(story.pk))


def comment_went_live(comment: StoryComment) -> None:
    """Count a newly visible comment and tell the people it concerns."""
    from upward.web.community.selectors.stories import can_see_story

    story = comment.story
    refresh_comment_count(story)
    label = identity.public_name(comment)
    sender = None if comment.is_anonymous else comment.author
    url = comment_url(comment)
    told = {comment.author_id}
    if story.author_id and story.author_id not in told:
        notify(recipient=story.author, kind=NotificationKind.REPLY, url=url, sender=sender,
               text=f"{label} commented on your story “{story.title}”")
        told.add(story.author_id)
    parent = comment.parent
    if parent is not None and parent.author_id and parent.author_id not in told:
        notify(recipient=parent.author, kind=NotificationKind.REPLY, url=url, sender=sender,
               text=f"{label} answered your comment on “{story.title}”")
        told.add(parent.author_id)
    notify_mentions(text=comment.body, title=story.title, url=url, author_label=label,
                    sender=sender, can_see=lambda user: can_see_story(viewer=user, story=story),
                    skip=told)


@transaction.atomic
def reaction_toggle(*, actor, story: Story, kind: str) -> bool:
    """Add the reaction, or take it back if it is there. Returns True when added."""
    ensure_can_take_part(actor)
    story = _visible_story(actor, story)
    if identity.is_author(story, actor):
        raise ApplicationError("You cannot react to your own story.")
    reaction_kind = ReactionKind.objects.filter(key=kind, is_active=True).first()
    if reaction_kind is None:
        choices = ", ".join(ReactionKind.objects.filter(is_active=True)
                            .values_list("key", flat=True))
        raise ApplicationError(f"Reaction: {kind!r} is not one of {choices}.", field="kind")
    existing = Reaction.objects.filter(story=story, user=actor, kind=reaction_kind)
    added = not existing.exists()
    if added:
        Reaction.objects.create(story=story, user=actor, kind=reaction_kind)
    else:
        existing.delete()
    Story.objects.filter(pk=story.pk).update(
        reaction_count=Reaction.objects.filter(story=story).count())
    caching.bump(caching.STORIES, caching.story_scope(story.pk))
    return added


@transaction.atomic
def bookmark_toggle(*, actor, story: Story) -> bool:
    """Bookmark the story, or remove the bookmark. Returns True when added."""
    if not identity.is_author(story, actor):
        story = _visible_story(actor, story)
    existing = Bookmark.objects.filter(story=story, user=actor)
    if existing.exists():
        existing.delete()
        return False
    Bookmark.objects.create(story=story, user=actor)
    return True


@transaction.atomic
def story_share(*, actor, story: Story, email: str, note: str = "") -> AbstractBaseUser:
    """Send a colleague a link to a story, with a short note.

    The colleague must be able to read the story. The answer is the same whether
    the address has no account or cannot see the story, so sharing cannot be used
    to learn who belongs to the network; and it does not depend on whom the
    colleague mutes (that is private): a colleague who mutes the story's author or
    the sharer is simply not told.
    """
    from upward.web.community.selectors.stories import can_see_story, story_open_to

    ensure_can_take_part(actor)
    story = _visible_story(actor, story)
    note = " ".join((note or "").split())
    if len(note) > 200:
        raise ApplicationError("Note: use at most 200 characters.", field="note")
    recipient = active_person_by_email(email)
    if recipient is None or not story_open_to(viewer=recipient, story=story):
        raise ApplicationError(
            "We cannot share this story with that address: check it is a colleague's work "
            "address, and remember some stories are only for network members.", field="email")
    if recipient.pk == actor.pk:
        raise ApplicationError("That is your own address.", field="email")
    # The author of an anonymous story sharing it would give themselves away.
    sharer = "A colleague" if story.is_anonymous and identity.is_author(story, actor) \
        else actor.display_name
    text = f"{sharer} shared “{story.title}” with you" + (f": “{note}”" if note else "")
    if can_see_story(viewer=recipient, story=story):  # not if they mute its named author
        notify(recipient=recipient, kind=NotificationKind.SHARE, text=text,
               url=reverse("community:story", args=[story.pk]),
               sender=None if sharer == "A colleague" else actor)
    return recipient

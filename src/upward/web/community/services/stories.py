"""Writing stories: drafts, submitting, editing with history, withdrawing, deleting.

Anonymous stories always wait for a moderator; so does any post a watched word
holds. A story asking for a public page is shown to the organisation until a
network lead approves it.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from upward.web.community import caching
from upward.web.community.access import is_network_member
from upward.web.community.models import (
    MAX_TITLE,
    PROMPTS,
    STORY_TEXT_FIELDS,
    Audience,
    Status,
    Story,
    StoryRevision,
    Tag,
)
from upward.web.community.services import search_index
from upward.web.community.services.notifications import mention_links, notify_mentions
from upward.web.community.services.posting import (
    ensure_can_take_part,
    ensure_within_rate_limit,
    screen,
)
from upward.web.core.content import identity
from upward.web.core.content.rendering import render_markdown
from upward.web.core.errors import ApplicationError, validation_message

MARKDOWN_FIELDS = (*PROMPTS, "body")
EDITABLE = (*STORY_TEXT_FIELDS, "is_anonymous", "audience", "embargo_until",
            "include_timeline", "tags")
MAX_TAGS = 6


def _own_story(actor, story: Story) -> Story:
    """The story, locked for writing, if ``actor`` wrote it; 404 otherwise."""
    if not identity.is_author(story, actor):
        raise ApplicationError("That story does not exist.", status=404)
    return Story.objects.select_for_update().get(pk=story.pk)


def _tags(values) -> list[Tag]:
    if values is None:
        return []
    slugs = [v.slug if isinstance(v, Tag) else str(v) for v in values]
    tags = list(Tag.objects.filter(slug__in=slugs, is_active=True))
    unknown = set(slugs) - {t.slug for t in tags}
    if unknown:
        raise ApplicationError(f"Tags: {', '.join(sorted(unknown))} is not a tag here; "
                               "choose from the list.", field="tags")
    if len(tags) > MAX_TAGS:
        raise ApplicationError(f"Tags: choose at most {MAX_TAGS}.", field="tags")
    return tags


def _render(story: Story) -> None:
    links = mention_links("\n".join(getattr(story, f) for f in MARKDOWN_FIELDS))
    story.rendered = {f: render_markdown(getattr(story, f), mentions=links)
                      for f in MARKDOWN_FIELDS}


def apply_changes(story: Story, changes: dict) -> tuple[bool, list[Tag] | None]:
    """Copy validated changes onto the story. Returns (text changed, new tags or None)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ApplicationError(f"Unknown story field(s): {', '.join(sorted(unknown))}.")
    text_changed = False
    for field in STORY_TEXT_FIELDS:
        if field in changes:
            value = changes[field]
            if not isinstance(value, str):
                raise ApplicationError(f"{field.replace('_', ' ').capitalize()} must be text.",
                                       field=field)
            value = value.strip() if field in ("title", "cover_quote") else value
            if getattr(story, field) != value:
                setattr(story, field, value)
                text_changed = True
    if "is_anonymous" in changes:
        story.is_anonymous = bool(changes["is_anonymous"])
    if "include_timeline" in changes:
        story.include_timeline = bool(changes["include_timeline"])
    if "audience" in changes:
        if changes["audience"] not in Audience.values:
            raise ApplicationError("Who can read it: choose network members, everyone in the "
                                   "organisation, or a public web page.", field="audience")
        if changes["audience"] != story.audience:
            story.audience = changes["audience"]
            story.public_approved_at = None
    if "embargo_until" in changes:
        embargo = changes["embargo_until"]
        if embargo is not None and not isinstance(embargo, datetime):
            raise ApplicationError("Embargo: give a date and time.", field="embargo_until")
        story.embargo_until = embargo
    tags = _tags(changes["tags"]) if "tags" in changes else None
    if not story.title:
        raise ApplicationError("Title: give your story a title.", field="title")
    if len(story.title) > MAX_TITLE:
        raise ApplicationError(f"Title: use at most {MAX_TITLE} characters.", field="title")
    if story.is_anonymous and story.include_timeline:
        raise ApplicationError(
            "Career timeline: an anonymous story cannot show your timeline — it would "
            "tell people who you are. Untick one of the two.", field="include_timeline")
    return text_changed, tags


def _check_complete(story: Story) -> None:
    if not any(getattr(story, f).strip() for f in MARKDOWN_FIELDS):
        raise ApplicationError("Your story is empty: answer at least one prompt or write "
                               "in the free text before publishing.", field="body")


def persist(story: Story, tags: list[Tag] | None) -> None:
    try:
        story.full_clean(exclude=["author", "tags"])
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error
    _render(story)
    story.save()
    if tags is not None:
        story.tags.set(tags)
    search_index.index_story(story)


def _screen(story: Story) -> bool:
    texts, held = screen({f: getattr(story, f) for f in STORY_TEXT_FIELDS})
    for field, value in texts.items():
        setattr(story, field, value)
    return held


@transaction.atomic
def story_create(*, actor, submit: bool = False, **fields) -> Story:
    """Start a story (a draft), or write and submit it in one go with ``submit=True``."""
    if not is_network_member(actor):
        raise ApplicationError("Stories are written by members of the network.", status=403)
    ensure_can_take_part(actor)
    story = Story(author=actor, status=Status.DRAFT)
    _, tags = apply_changes(story, fields)
    _screen(story)
    persist(story, tags or [])
    if submit:
        story_submit(actor=actor, story=story)
        story.refresh_from_db()
    return story


def _visible_from(story: Story, now: datetime) -> datetime:
    """Publication, or the end of an embargo that came after it (so an edit after the
    embargo ended keeps the story where it is in the feed)."""
    start = story.published_at or now
    if story.embargo_until and story.embargo_until > start:
        return story.embargo_until
    return start


@transaction.atomic
def story_submit(*, actor, story: Story) -> Story:
    """Publish a draft (or a withdrawn or declined story), or send it to moderators first."""
    story = _own_story(actor, story)
    if story.status not in (Status.DRAFT, Status.WITHDRAWN, Status.REJECTED):
        raise ApplicationError("This story has already been submitted.")
    ensure_can_take_part(actor)
    _check_complete(story)
    ensure_within_rate_limit(actor)
    held = _screen(story)
    now = timezone.now()
    story.moderation_note = ""
    if story.is_anonymous or held:
        story.status = Status.PENDING
    else:
        story_go_live(story, now=now)
    persist(story, None)
    if story.status == Status.PUBLISHED:
        announce_story(story)
    return story


def story_go_live(story: Story, *, now: datetime) -> None:
    """Mark a story published (the caller saves it)."""
    story.status = Status.PUBLISHED
    story.published_at = story.published_at or now
    story.visible_from = _visible_from(story, now)


def announce_story(story: Story, *, now: datetime | None = None) -> bool:
    """Tell the people a story mentions, once others can see it. A story under an
    embargo is announced when the embargo ends, by :func:`stories_release_due`.
    Returns whether it was announced now."""
    from upward.web.community.selectors.stories import can_see_story

    now = now or timezone.now()
    if story.status != Status.PUBLISHED or story.hidden_at is not None \
            or story.visible_from is None or story.visible_from > now:
        return False
    notify_mentions(
        text="\n".join(getattr(story, f) for f in MARKDOWN_FIELDS), title=story.title,
        url=reverse("community:story", args=[story.pk]),
        author_label=identity.public_name(story),
        sender=None if story.is_anonymous else story.author,
        can_see=lambda user: can_see_story(viewer=user, story=story),
        skip=[story.author_id] if story.author_id else [],
    )
    story.announced_at = now
    Story.objects.filter(pk=story.pk).update(announced_at=now)
    return True


def stories_release_due(*, now: datetime | None = None, batch: int = 100) -> int:
    """Announce every story whose embargo has ended since it was published (also one
    that was hidden when its embargo ended and has been put back), and refresh the
    feed. Only embargoed stories wait for this (the rest are announced as they go
    live), so stories created in bulk are never announced by surprise. Safe to run
    from several places at once. Returns how many were announced."""
    now = now or timezone.now()
    announced = 0
    while True:
        with transaction.atomic():
            due = list(Story.objects.select_for_update(skip_locked=True, of=("self",)).filter(
                status=Status.PUBLISHED, hidden_at=None, announced_at=None,
                embargo_until__isnull=False, visible_from__lte=now)
                .select_related("author__profile")
                .order_by("visible_from", "pk")[:batch])
            done = sum(announce_story(story, now=now) for story in due)
        announced += done
        if len(due) < batch or not done:
            break
    if announced:
        caching.bump(caching.STORIES)
    return announced


def snapshot(story: Story) -> dict:
    """The story's text and tags as they are now."""
    kept = {f: getattr(story, f) for f in STORY_TEXT_FIELDS}
    kept["tags"] = sorted(story.tags.values_list("name", flat=True)) if story.pk else []
    return kept


def store_revision(story: Story, before: dict, *, editor, by_moderator: bool = False,
                   reason: str = "") -> StoryRevision | None:
    """Keep ``before`` in the history if the story's text or tags changed since."""
    after = snapshot(story)
    if after == before:
        return None
    number = (story.revisions.order_by("-number").values_list("number", flat=True).first()
              or 0) + 1
    return StoryRevision.objects.create(story=story, number=number, snapshot=before,
                                        editor=editor, by_moderator=by_moderator,
                                        reason=reason[:300])


@transaction.atomic
def story_update(*, actor, story: Story, **changes) -> Story:
    """The author edits their story.

    Edits after publication are kept in the history. A published anonymous story
    goes back to the moderators, and a public page needs a lead's approval again
    when its text changes.
    """
    story = _own_story(actor, story)
    ensure_can_take_part(actor)
    if story.published_at is not None and "is_anonymous" in changes \
            and bool(changes["is_anonymous"]) != story.is_anonymous:
        raise ApplicationError(
            "You cannot switch a published story between named and anonymous: people "
            "have already read it one way. Withdraw it and write a new one instead.",
            field="is_anonymous")
    was_published = story.published_at is not None
    before = snapshot(story)
    text_changed, tags = apply_changes(story, changes)
    held = _screen(story)
    if story.status in (Status.PUBLISHED, Status.PENDING):
        _check_complete(story)
    now = timezone.now()
    if text_changed:
        story.public_approved_at = None
    if story.status == Status.PUBLISHED:
        if story.is_anonymous or held:
            story.status = Status.PENDING
        else:
            story.visible_from = _visible_from(story, now)
    persist(story, tags)
    if story.announced_at is None:
        announce_story(story)  # an embargo taken off, or moved to a date already past
    if was_published and store_revision(story, before, editor=actor):
        story.edited_at = now
        story.save(update_fields=["edited_at"])
    return story


@transaction.atomic
def story_withdraw(*, actor, story: Story) -> Story:
    """Unpublish at once. The story stays with its author, who may change and resubmit it."""
    story = _own_story(actor, story)
    if story.status not in (Status.PUBLISHED, Status.PENDING):
        raise ApplicationError("Only a published or waiting story can be withdrawn.")
    story.status = Status.WITHDRAWN
    story.featured_at = None
    story.save(update_fields=["status", "featured_at"])
    return story


@transaction.atomic
def story_delete(*, actor, story: Story) -> None:
    """Erase the story, its comments, reactions and history, for good."""
    story = _own_story(actor, story)
    story.delete()

"""What network leads curate: the tag vocabulary, the reaction set, featured
stories, which stories get a public web page, and a story's tags."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from upward.web.community.access import is_lead
from upward.web.community.models import (
    Audience,
    NotificationKind,
    ReactionKind,
    Status,
    Story,
    Tag,
)
from upward.web.community.services import search_index
from upward.web.community.services.notifications import notify
from upward.web.community.services.stories import MAX_TAGS
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.flags.services import require_not_own

MAX_FEATURED = 3


def _require_lead(actor) -> None:
    if not is_lead(actor):
        raise ApplicationError("Only network leads can do this.", status=403)


def _seen_story(actor, story: Story) -> Story:
    """The story, locked for writing, if ``actor`` may see it; 404 for missing and
    hidden alike (a lead's tools must not confirm, or write to the audit log, a
    draft's or a withdrawn story's title)."""
    from upward.web.community.selectors.stories import story_get_for_viewer

    try:
        story_get_for_viewer(viewer=actor, story_id=story.pk)
    except Http404:
        raise ApplicationError("That story does not exist.", status=404) from None
    return Story.objects.select_for_update().get(pk=story.pk)


def _name(value: str, *, what: str, limit: int) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ApplicationError(f"{what}: enter a name.", field="name")
    if len(value) > limit:
        raise ApplicationError(f"{what}: use at most {limit} characters.", field="name")
    return value


@transaction.atomic
def tag_save(*, actor, name: str, description: str = "", tag: Tag | None = None,
             is_active: bool = True, request=None) -> Tag:
    _require_lead(actor)
    name = _name(name, what="Tag", limit=60)
    slug = slugify(name)[:60]
    if not slug:
        raise ApplicationError("Tag: use letters or numbers in the name.", field="name")
    tag = tag or Tag()
    if Tag.objects.filter(slug=slug).exclude(pk=tag.pk).exists():
        raise ApplicationError(f"Tag: “{name}” already exists.", field="name")
    created = tag.pk is None
    renamed_from = tag.name if not created and tag.name != name else None
    tag.name, tag.slug, tag.is_active = name, slug, bool(is_active)
    tag.description = " ".join((description or "").split())[:200]
    tag.full_clean()
    tag.save()
    detail = {"created": created, "active": tag.is_active}
    if renamed_from is not None:
        detail["renamed_from"] = renamed_from
        # Stories are found by their tags' names too.
        for story in Story.objects.filter(tags=tag).prefetch_related("tags"):
            search_index.index_story(story)
    audit_record(actor=actor, action="community.tag", target=tag, request=request,
                 detail=detail)
    return tag


@transaction.atomic
def reaction_kind_save(*, actor, label: str, kind: ReactionKind | None = None,
                       is_active: bool = True, request=None) -> ReactionKind:
    """Add or rename a reaction. Reactions stay positive: there is no "dislike"."""
    _require_lead(actor)
    label = _name(label, what="Reaction", limit=40)
    kind = kind or ReactionKind(key=slugify(label)[:30] or "reaction")
    if ReactionKind.objects.filter(label__iexact=label).exclude(pk=kind.pk).exists() or (
            kind.pk is None and ReactionKind.objects.filter(key=kind.key).exists()):
        raise ApplicationError(f"Reaction: “{label}” already exists.", field="name")
    created = kind.pk is None
    kind.label, kind.is_active = label, bool(is_active)
    kind.full_clean()
    kind.save()
    audit_record(actor=actor, action="community.reaction", target=kind, request=request,
                 detail={"created": created, "active": kind.is_active, "reaction": True})
    return kind


@transaction.atomic
def story_feature_set(*, actor, story: Story, featured: bool, request=None) -> Story:
    """Put a story in (or take it out of) the featured slot at the top of the feed."""
    _require_lead(actor)
    story = _seen_story(actor, story)
    if featured and not (story.is_live and story.visible_from is not None):
        raise ApplicationError("Only a published story can be featured.")
    if featured and Story.objects.filter(featured_at__isnull=False).exclude(
            pk=story.pk).count() >= MAX_FEATURED:
        raise ApplicationError(f"There are already {MAX_FEATURED} featured stories: "
                               "take one out first.")
    story.featured_at = timezone.now() if featured else None
    story.save(update_fields=["featured_at"])
    audit_record(actor=actor, action="community.feature", target=story, request=request,
                 detail={"featured": featured})
    return story


@transaction.atomic
def story_public_decide(*, actor, story: Story, approve: bool, reason: str = "",
                        request=None) -> Story:
    """Approve a story for the public web, or keep it inside the organisation."""
    _require_lead(actor)
    story = _seen_story(actor, story)
    require_not_own(actor, story)
    if story.audience != Audience.PUBLIC or story.public_approved_at is not None \
            or story.status != Status.PUBLISHED:
        raise ApplicationError("This story is not waiting for a public-page decision.")
    reason = " ".join((reason or "").split())[:300]
    if approve:
        story.public_approved_at = timezone.now()
        story.save(update_fields=["public_approved_at"])
        text = f"Your story “{story.title}” now has a public web page"
    else:
        if not reason:
            raise ApplicationError("Reason: tell the author why it stays inside the "
                                   "organisation.", field="reason")
        story.audience = Audience.ORGANISATION
        story.save(update_fields=["audience"])
        text = f"Your story “{story.title}” stays inside the organisation: {reason}"
    audit_record(actor=actor, action="community.public", target=story, request=request,
                 detail={"approved": approve, "reason": reason})
    if story.author_id:
        notify(recipient=story.author, kind=NotificationKind.MODERATION, text=text,
               url=reverse("community:story", args=[story.pk]))
    return story


@transaction.atomic
def story_retag(*, actor, story: Story, tags: list[str], request=None) -> Story:
    """A lead corrects a story's tags."""
    _require_lead(actor)
    story = _seen_story(actor, story)
    chosen = list(Tag.objects.filter(slug__in=tags))
    if len(chosen) != len(set(tags)):
        raise ApplicationError("Tags: choose from the list.", field="tags")
    if len(chosen) > MAX_TAGS:
        raise ApplicationError(f"Tags: choose at most {MAX_TAGS}.", field="tags")
    before = sorted(story.tags.values_list("slug", flat=True))
    story.tags.set(chosen)
    search_index.index_story(story)
    audit_record(actor=actor, action="community.retag", target=story, request=request,
                 detail={"before": before, "after": sorted(t.slug for t in chosen)})
    return story

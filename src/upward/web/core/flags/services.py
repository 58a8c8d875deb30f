"""Reporting content to the moderators, and closing the reports.

Any registered flaggable content (``upward.web.core.content.registry``) can be
flagged. Flags from enough different people hide it until a moderator looks; a
moderator dismissing the flags shows it again. Audit entries name the content
("Story #12: …"), never its author, under the kind's ``audit_prefix``
(``community.hide``, ``community.flags``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from upward.web.core.audit import audit_record
from upward.web.core.content import identity
from upward.web.core.content.registry import ContentKind, kind_of
from upward.web.core.errors import ApplicationError
from upward.web.core.flags.models import Flag, FlagReason
from upward.web.core.permissions import can


def _flaggable(target) -> ContentKind:
    kind = kind_of(target)
    if kind.flaggable is None:
        raise LookupError(f"{kind.model._meta.label} is not registered as flaggable.")
    return kind


def flags_on(target):
    """The flags on ``target`` (any registered content)."""
    return Flag.objects.filter(content_type=ContentType.objects.get_for_model(target),
                               object_id=target.pk)


def require_moderator(actor) -> None:
    if not can(actor, "moderate"):
        raise ApplicationError("Only moderators and network leads can do this.", status=403)


def require_not_own(actor, post) -> None:
    """Nobody reviews their own post: approving one's own anonymous post would skip
    pre-moderation, and the audit log would tie the moderator to it."""
    if post.author_id is not None and post.author_id == getattr(actor, "pk", None):
        raise ApplicationError("Another moderator needs to do this: nobody moderates "
                               "their own posts.", status=403)


def _locked(target):
    return type(target).objects.select_for_update().get(pk=target.pk)


@transaction.atomic
def flag_create(*, actor, target, reason: str, note: str = "", request=None) -> Flag:
    """Report ``target`` to the moderators. Enough reports from different people hide
    it until a moderator looks (``UPWARD_COMMUNITY_FLAGS_TO_HIDE``, 0: never)."""
    kind = _flaggable(target)
    if not kind.flaggable.can_flag(viewer=actor, obj=target):
        raise ApplicationError("That post does not exist.", status=404)
    if identity.is_author(target, actor):
        raise ApplicationError("You cannot flag your own post; edit or withdraw it instead.")
    if reason not in FlagReason.values:
        raise ApplicationError("Reason: choose why you are flagging this post.", field="reason")
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ApplicationError("Note: use at most 500 characters.", field="note")
    if reason == FlagReason.OTHER and not note:
        raise ApplicationError("Note: tell the moderators what is wrong.", field="note")
    if flags_on(target).filter(reporter=actor, resolved_at=None).exists():
        raise ApplicationError("You have already flagged this post; a moderator will look "
                               "at it soon.")
    flag = Flag(reporter=actor, reason=reason, note=note, target=target)
    flag.full_clean(exclude=["reporter", "resolved_by"])
    flag.save()
    threshold = int(getattr(settings, "UPWARD_COMMUNITY_FLAGS_TO_HIDE", 3))
    reporters = flags_on(target).filter(resolved_at=None).values("reporter").distinct()
    if threshold and reporters.count() >= threshold:
        locked = _locked(target)
        if kind.flaggable.hide_until_reviewed(
                locked, reason=f"Hidden automatically after {threshold} flags, until a "
                               "moderator reviews it"):
            audit_record(actor=None, action=f"{kind.audit_prefix}.hide", target=locked,
                         request=request,
                         detail={"kind": kind.key, "automatic": True, "flags": threshold})
    return flag


def flags_resolve(*, target, actor, resolution: str) -> int:
    """Close the open flags on ``target`` (a moderator acted on it). Returns how many."""
    return flags_on(target).filter(resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution=resolution[:300])


@transaction.atomic
def flags_dismiss(*, actor, target, request=None) -> int:
    """Close the flags on content that needs no action (and show it again if the flags
    alone had hidden it). Returns how many flags were closed."""
    kind = _flaggable(target)
    require_moderator(actor)
    require_not_own(actor, target)
    count = flags_resolve(target=target, actor=actor, resolution="No action needed")
    if not count:
        raise ApplicationError("There are no open flags on this post.")
    kind.flaggable.show_after_review(_locked(target))
    audit_record(actor=actor, action=f"{kind.audit_prefix}.flags", target=target,
                 request=request,
                 detail={"kind": kind.key, "flags": count, "outcome": "dismissed"})
    return count

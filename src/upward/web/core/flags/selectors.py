"""The flags in the review queue, for every registered kind of flaggable content.
Authors appear only through their bylines, so an anonymous author stays anonymous to
moderators too."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from upward.web.core.content import identity
from upward.web.core.content.registry import content_kind, content_kinds, kind_of
from upward.web.core.flags.models import Flag
from upward.web.core.permissions import can


@dataclass
class QueueItem:
    """One piece of content in the review queue, as moderators see it."""

    kind: str  # the registered key: "story", "comment", …
    kind_label: str
    post: object
    byline: identity.Byline
    title: str
    text: str
    url: str
    history_url: str | None = None
    flags: list[Flag] = field(default_factory=list)

    @property
    def can_suspend_author(self) -> bool:
        # Suspending the author of an anonymous post would tell moderators who it is.
        return not self.post.is_anonymous and self.post.author_id is not None


def review_item(post, viewer, flags=()) -> QueueItem:
    """How the review queue shows ``post`` (registered flaggable content) to ``viewer``."""
    kind = kind_of(post)
    facts = kind.flaggable.review(post)
    return QueueItem(kind=kind.key, kind_label=kind.label, post=post,
                     byline=identity.byline(post, viewer), title=facts.title, text=facts.text,
                     url=facts.url, history_url=facts.history_url, flags=list(flags))


def _require_moderator(viewer) -> None:
    if not can(viewer, "moderate"):
        raise Http404("No such page.")


def flagged_items(*, viewer) -> list[QueueItem]:
    """Content with open flags, most flagged first, leaving out the viewer's own (nobody
    moderates their own)."""
    _require_moderator(viewer)
    grouped: dict[tuple[int, int], list[Flag]] = {}
    for flag in Flag.objects.filter(resolved_at=None).select_related("reporter__profile"):
        grouped.setdefault((flag.content_type_id, flag.object_id), []).append(flag)
    items = []
    for kind in content_kinds(flaggable=True):
        type_id = ContentType.objects.get_for_model(kind.model).pk
        ids = [pk for (t, pk) in grouped if t == type_id]
        if not ids:
            continue
        for post in kind.flaggable.for_review(ids):
            if post.author_id is not None and post.author_id == viewer.pk:
                continue
            items.append(review_item(post, viewer, grouped[(type_id, post.pk)]))
    return sorted(items, key=lambda item: (-len(item.flags), item.flags[0].created_at))


def flagged_for_moderation(*, viewer, kind: str, pk: int):
    """Registered flaggable content for a moderator acting on its flags (404 for others,
    unknown kinds and missing content)."""
    _require_moderator(viewer)
    found = content_kind(kind)
    post = found.flaggable.get_for_moderation(pk=pk) \
        if found is not None and found.flaggable is not None else None
    if post is None:
        raise Http404("No such post.")
    return post


def flaggable_for_reader(*, viewer, kind: str, pk: int):
    """Content of a registered kind that ``viewer`` may read, to flag it (404 otherwise)."""
    found = content_kind(kind)
    if found is None or found.flaggable is None:
        raise Http404("No such post.")
    return found.flaggable.get_for_reader(viewer=viewer, pk=pk)


def flags_raised_by(*, user, kinds: list[str] | None = None) -> list[tuple[str, Flag]]:
    """The flags ``user`` raised, each with "<kind> #<id>" (for their data download),
    on content of ``kinds`` (registered keys; None: every kind)."""
    wanted = {ContentType.objects.get_for_model(kind.model).pk: kind.key
              for kind in content_kinds(flaggable=True)
              if kinds is None or kind.key in kinds}
    return [(f"{wanted[flag.content_type_id]} #{flag.object_id}", flag)
            for flag in Flag.objects.filter(reporter=user, content_type_id__in=list(wanted))]

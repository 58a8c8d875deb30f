"""Reading stories. Who sees what is decided here and nowhere else.

A story is visible when it is published, not hidden, past any embargo, and
meant for an audience the viewer belongs to. Authors always see their own;
moderators see posts waiting for them or hidden by them. Muting hides a
member's *named* posts only: hiding anonymous ones would tell the muter who
wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone

from upward.web.community.access import is_moderator, is_network_member, is_signed_in
from upward.web.community.models import (
    Audience,
    Bookmark,
    Mute,
    Reaction,
    ReactionKind,
    Status,
    Story,
    StoryComment,
    StoryRevision,
    Tag,
)
from upward.web.core.content import identity
from upward.web.core.prepared import Prepared, prepared_ids

FEED_SORTS = {"newest": "Newest first", "helpful": "Most helpful"}


def muted_ids(viewer_id: int) -> QuerySet:
    """The ids of the members ``viewer_id`` mutes, as a subquery."""
    return Mute.objects.filter(user_id=viewer_id).values("muted_id")


def muted_named_posts(viewer_id: int) -> Q:
    """Named posts by members ``viewer_id`` mutes: hidden from them. Anonymous posts
    never are — hiding them would tell the muter who wrote them."""
    return Q(is_anonymous=False, author_id__in=muted_ids(viewer_id))


def _live(queryset: QuerySet, now=None) -> QuerySet:
    now = now or timezone.now()
    return queryset.filter(status=Status.PUBLISHED, hidden_at=None, visible_from__lte=now)


def audience_of(viewer) -> str:
    """Which audience ``viewer`` reads as: "network", "organisation" or "public"."""
    if not is_signed_in(viewer):
        return Audience.PUBLIC.value
    if is_network_member(viewer):
        return Audience.NETWORK.value
    return Audience.ORGANISATION.value


def _audience_q(audience: str) -> Q:
    if audience == Audience.NETWORK:
        return Q()
    if audience == Audience.ORGANISATION:
        return Q(audience__in=[Audience.ORGANISATION, Audience.PUBLIC])
    return Q(audience=Audience.PUBLIC, public_approved_at__isnull=False)


def audience_filter(viewer) -> Q:
    """The audiences ``viewer`` belongs to, as a filter on stories."""
    return _audience_q(audience_of(viewer))


def stories_for_audience(audience: str) -> QuerySet[Story]:
    """Stories everyone in ``audience`` may read (before any one viewer's mutes): what a
    shared cache may hold for all of them."""
    return _live(Story.objects.all()).filter(_audience_q(audience))


def stories_visible(*, audience: str, viewer_id: int | None, now=None) -> QuerySet[Story]:
    """Stories a viewer with id ``viewer_id`` (None: not signed in) reading as
    ``audience`` may read: the rule itself, in terms a prepared query can reuse."""
    stories = _live(Story.objects.all(), now).filter(_audience_q(audience))
    if viewer_id is not None:
        stories = stories.exclude(muted_named_posts(viewer_id))
    return stories


# Compiled once per audience (see upward.web.core.prepared): these run on every
# view of a cached page.
def _visible_authors_query(audience: str):
    def build(viewer_id, now, ids):
        return stories_visible(audience=audience, viewer_id=viewer_id, now=now) \
            .filter(pk__in=ids).order_by().values_list("pk", "author_id")
    return build


_VISIBLE_AUTHORS = {a.value: Prepared(_visible_authors_query(a.value)) for a in Audience}


def visible_authors(*, viewer, ids) -> dict[int, int | None]:
    """{story id: author id} for those of ``ids`` that ``viewer`` may read now — one
    query, to check a cached page against the database before it is served."""
    ids = prepared_ids(ids)
    if not ids:
        return {}
    if not is_signed_in(viewer):
        return dict(stories_visible_to(viewer=viewer).filter(pk__in=ids)
                    .values_list("pk", "author_id"))
    return dict(_VISIBLE_AUTHORS[audience_of(viewer)].rows(viewer.pk, timezone.now(), ids))


def stories_visible_to(*, viewer, now=None) -> QuerySet[Story]:
    """Stories ``viewer`` may read in the feed, search and API (not counting their own
    unpublished ones)."""
    return stories_visible(audience=audience_of(viewer),
                           viewer_id=viewer.pk if is_signed_in(viewer) else None, now=now)


def can_see_story(*, viewer, story: Story) -> bool:
    return stories_visible_to(viewer=viewer).filter(pk=story.pk).exists()


def story_open_to(*, viewer, story: Story) -> bool:
    """Whether ``story`` is live and meant for an audience ``viewer`` belongs to, whoever
    they mute. For what someone else asks of ``viewer`` (sharing a story with them):
    the answer must not depend on ``viewer``'s private mutes."""
    return stories_visible(audience=audience_of(viewer), viewer_id=None) \
        .filter(pk=story.pk).exists()


def _with_people(stories: QuerySet) -> QuerySet:
    return stories.select_related("author__profile").prefetch_related("tags")


def story_get_for_viewer(*, viewer, story_id: int) -> Story:
    """Fetch and authorise in one step: 404 for missing and not-allowed alike."""
    story = _with_people(stories_visible_to(viewer=viewer)).filter(pk=story_id).first()
    if story is None and is_signed_in(viewer):
        others = Q(author=viewer)
        if is_moderator(viewer):
            others |= Q(status=Status.PENDING) | Q(status=Status.PUBLISHED,
                                                   hidden_at__isnull=False)
        story = _with_people(Story.objects.filter(others)).filter(pk=story_id).first()
    if story is None:
        raise Http404("No such story.")
    return story


def story_get_glanced(*, glance: Glance, story_id: int) -> Story:
    """The story a ``story_glance`` in this request found visible to its viewer, loaded
    for its page without applying the visibility rules a second time (404 if it has
    gone since)."""
    if not isinstance(glance, Glance):
        raise TypeError("story_get_glanced needs the Glance that found the story visible")
    story = _with_people(Story.objects.filter(pk=story_id)).first()
    if story is None:
        raise Http404("No such story.")
    return story


def comment_get_for_viewer(*, viewer, comment_id: int) -> StoryComment:
    """A live comment on a story the viewer can read (404 otherwise)."""
    comment = StoryComment.objects.select_related("story").filter(
        pk=comment_id, story__in=stories_visible_to(viewer=viewer)).first()
    if comment is None or not comment.is_live:
        raise Http404("No such comment.")
    return comment


def story_get_own(*, viewer, story_id: int) -> Story:
    story = _with_people(Story.objects.filter(pk=story_id)).first() if is_signed_in(viewer) \
        else None
    if story is None or not identity.is_author(story, viewer):
        raise Http404("No such story.")
    return story


def story_feed(*, viewer, tag: str = "", sort: str = "newest",
               audience: str | None = None) -> QuerySet[Story]:
    """The feed as ``viewer`` sees it, or (``audience`` given) as the whole audience does."""
    stories = _with_people(stories_for_audience(audience) if audience is not None
                           else stories_visible_to(viewer=viewer))
    if tag:
        stories = stories.filter(tags__slug=tag)
    if sort == "helpful":
        return stories.order_by("-reaction_count", "-visible_from", "-pk")
    return stories.order_by("-visible_from", "-pk")


def featured_stories(*, viewer, limit: int = 3, audience: str | None = None) -> list[Story]:
    stories = stories_for_audience(audience) if audience is not None \
        else stories_visible_to(viewer=viewer)
    return list(_with_people(stories)
                .filter(featured_at__isnull=False).order_by("-featured_at")[:limit])


def public_stories() -> QuerySet[Story]:
    """Stories a lead approved for the public web, for the public pages and Atom feed."""
    return _with_people(stories_visible_to(viewer=None)).order_by("-visible_from", "-pk")


def own_stories(*, viewer) -> QuerySet[Story]:
    if not is_signed_in(viewer):
        return Story.objects.none()
    return Story.objects.filter(author=viewer).prefetch_related("tags").order_by(
        "-created_at", "-pk")


def active_tags() -> QuerySet[Tag]:
    return Tag.objects.filter(is_active=True)


# --- a story's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentView:
    comment: StoryComment
    byline: identity.Byline
    by_story_author: bool  # written by the story's (possibly anonymous) author
    is_pending: bool
    is_hidden: bool
    answers: list[CommentView]


def _comment_visible(comment: StoryComment, *, viewer, muted: set[int], moderator: bool) -> bool:
    mine = identity.is_author(comment, viewer)
    if comment.status == Status.PENDING:
        return mine or moderator
    if comment.status != Status.PUBLISHED:
        return False
    if comment.hidden_at is not None:
        return mine or moderator
    return comment.is_anonymous or comment.author_id not in muted


def story_comments(*, viewer, story: Story) -> list[CommentView]:
    """The story's comments as a one-level tree, as ``viewer`` may see them."""
    muted = set(muted_ids(viewer.pk).values_list("muted_id", flat=True)) \
        if is_signed_in(viewer) else set()
    moderator = is_moderator(viewer)
    comments = list(StoryComment.objects.filter(story=story)
                    .select_related("author__profile").order_by("created_at", "pk"))

    def view(comment, answers):
        return CommentView(
            comment=comment, byline=identity.byline(comment, viewer),
            by_story_author=comment.author_id is not None
            and comment.author_id == story.author_id
            and comment.is_anonymous == story.is_anonymous,
            is_pending=comment.status == Status.PENDING,
            is_hidden=comment.hidden_at is not None, answers=answers)

    visible = [c for c in comments
               if _comment_visible(c, viewer=viewer, muted=muted, moderator=moderator)]
    answers: dict[int, list] = {}
    for comment in visible:
        if comment.parent_id:
            answers.setdefault(comment.parent_id, []).append(view(comment, []))
    return [view(c, answers.get(c.pk, [])) for c in visible if c.parent_id is None]


@dataclass(frozen=True)
class ViewerState:
    """What is ``viewer``'s own on a story's page."""

    own_comment_view: bool  # sees the comments unlike others: mutes someone, or wrote one
    bookmarked: bool
    reactions: frozenset[int]  # kinds (ids) of the reactions they gave


@dataclass(frozen=True)
class Glance:
    """A story ``viewer`` may read, seen without loading it: enough to serve a shared page."""

    author_id: int | None
    is_visible: bool  # live and past any embargo (always live: it passed the visibility rules)
    state: ViewerState


def _glance_query(audience: str):
    def build(viewer_id, now, story_id):
        is_open = Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
        return stories_visible(audience=audience, viewer_id=viewer_id, now=now).filter(
            pk=story_id).order_by().annotate(
            is_open=ExpressionWrapper(is_open, output_field=BooleanField()),
            muting=Exists(Mute.objects.filter(user_id=viewer_id)),
            commented=Exists(StoryComment.objects.filter(story=OuterRef("pk"),
                                                         author_id=viewer_id)),
            marked=Exists(Bookmark.objects.filter(story=OuterRef("pk"), user_id=viewer_id)),
            reacted=Exists(Reaction.objects.filter(story=OuterRef("pk"), user_id=viewer_id)),
        ).values_list("author_id", "is_open", "muting", "commented", "marked", "reacted")
    return build


_GLANCE = {a.value: Prepared(_glance_query(a.value)) for a in Audience}
_MY_REACTIONS = Prepared(lambda viewer_id, story_id: Reaction.objects.filter(
    story_id=story_id, user_id=viewer_id).order_by().values_list("kind_id"))


def story_glance(*, viewer, story_id: int) -> Glance | None:
    """One light query (two if ``viewer`` reacted to it): is the story visible to
    ``viewer`` (the same rules as ``story_get_for_viewer``'s first step), who wrote it,
    and ``viewer``'s own state on it. None when it is not visible to them."""
    if not is_signed_in(viewer):
        return None
    rows = _GLANCE[audience_of(viewer)].rows(viewer.pk, timezone.now(), int(story_id))
    if not rows:
        return None
    author_id, is_open, muting, commented, marked, reacted = rows[0]
    # Most readers have not reacted: their reactions need no second query.
    reactions = frozenset(kind for (kind,) in _MY_REACTIONS.rows(viewer.pk, int(story_id))) \
        if reacted else frozenset()
    return Glance(author_id, bool(is_open),
                  ViewerState(bool(muting or commented), bool(marked), reactions))


def viewer_story_state(*, viewer, story: Story) -> ViewerState:
    """Two queries: whether ``viewer`` mutes anyone, commented here (their comments say
    "you", and they see their own while it waits or is hidden) or bookmarked the
    story, and their reactions to it."""
    if not is_signed_in(viewer):
        return ViewerState(False, False, frozenset())
    flags = Story.objects.filter(pk=story.pk).annotate(
        muting=Exists(Mute.objects.filter(user=viewer)),
        commented=Exists(StoryComment.objects.filter(story=OuterRef("pk"), author=viewer)),
        marked=Exists(Bookmark.objects.filter(story=OuterRef("pk"), user=viewer)),
    ).values_list("muting", "commented", "marked").first() or (False, False, False)
    return ViewerState(bool(flags[0] or flags[1]), bool(flags[2]),
                       frozenset(my_reactions(viewer=viewer, story=story)))


@dataclass(frozen=True)
class ReactionCount:
    kind: ReactionKind
    count: int
    mine: bool


def my_reactions(*, viewer, story: Story) -> set[int]:
    """The kinds (ids) of reaction ``viewer`` gave ``story``."""
    if not is_signed_in(viewer):
        return set()
    return set(Reaction.objects.filter(story=story, user=viewer).values_list("kind_id",
                                                                               flat=True))


def reaction_summary(*, viewer, story: Story, mine: set[int] | None = None
                     ) -> list[ReactionCount]:
    counts = dict(Reaction.objects.filter(story=story).values("kind_id")
                  .annotate(n=Count("pk")).values_list("kind_id", "n"))
    if mine is None:
        mine = my_reactions(viewer=viewer, story=story)
    return [ReactionCount(kind, counts.get(kind.pk, 0), kind.pk in mine)
            for kind in ReactionKind.objects.filter(is_active=True)]


def is_bookmarked(*, viewer, story: Story) -> bool:
    return is_signed_in(viewer) and Bookmark.objects.filter(user=viewer, story=story).exists()


def bookmarked_stories(*, viewer) -> QuerySet[Story]:
    if not is_signed_in(viewer):
        return Story.objects.none()
    marked = Bookmark.objects.filter(user=viewer, story=OuterRef("pk"))
    return story_feed(viewer=viewer).filter(Exists(marked))


def timeline_for(story: Story) -> list:
    """The author's career timeline, when a named story chose to show it."""
    if story.is_anonymous or not story.include_timeline or story.author_id is None:
        return []
    profile = getattr(story.author, "profile", None)
    return list(profile.career.all()) if profile else []


@dataclass(frozen=True)
class RevisionView:
    revision: StoryRevision
    editor_label: str  # "The author" or "A moderator": never a name
    snapshot: dict | None  # the old text, for the author and moderators only


def story_history(*, viewer, story: Story) -> list[RevisionView]:
    can_read_old_text = identity.is_author(story, viewer) or is_moderator(viewer)
    return [
        RevisionView(revision=r, editor_label="A moderator" if r.by_moderator else "The author",
                     snapshot=r.snapshot if can_read_old_text else None)
        for r in story.revisions.all()
    ]



def audience_sizes():
    """How many people each audience is, for the author's notice."""
    from upward.web.accounts.selectors import active_people, network_members
    from upward.web.community.notices import AudienceSizes

    return AudienceSizes(
        network=network_members().count(),
        organisation=active_people().count(),
    )

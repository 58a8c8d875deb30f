"""The community's search: stories, discussions and replies, through the one search of
the shared platform (``upward.web.core.search.selectors``), with tag, category and kind
filters — and results shared between viewers through the community's page cache.

Both backends search only what the viewer may read: the candidate entries are checked
against the same selectors every page uses (``upward.web.community.content``).
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import QuerySet
from django.utils import timezone

from upward.web.community import caching
from upward.web.community.access import is_network_member, is_signed_in
from upward.web.community.models import Audience, Mute, Reply, SearchKind, Status
from upward.web.community.selectors.discussions import threads_visible
from upward.web.community.selectors.stories import muted_named_posts, stories_visible
from upward.web.core.permissions import user_roles
from upward.web.core.prepared import Prepared, prepared_ids
from upward.web.core.search import selectors as core_search
from upward.web.core.search.selectors import (  # noqa: F401 — the community's API
    CANDIDATES,
    MAX_QUERY,
    SearchHit,
    SearchResults,
    clean_query,
    fts5_query,
)

KINDS = tuple(SearchKind.values)


def replies_visible_to(viewer) -> QuerySet[Reply]:
    if not is_signed_in(viewer):
        return Reply.objects.none()
    return _replies_visible(network=is_network_member(viewer), viewer_id=viewer.pk)


_replies_visible_to = replies_visible_to


def _replies_visible(*, network: bool, viewer_id: int) -> QuerySet[Reply]:
    return Reply.objects.filter(
        status=Status.PUBLISHED, hidden_at=None,
        thread__in=threads_visible(network=network, viewer_id=viewer_id),
    ).exclude(muted_named_posts(viewer_id))


def search_shared(*, viewer, query: str, kind: str = "", tag: str = "", category: str = "",
                  page: int = 1) -> SearchResults:
    """``search``, grouped (each discussion once, with its matching replies), through the
    shared cache when it is safe.

    A results page is shared by viewers with the same roles who mute nobody, with
    bylines rendered for no one in particular; before it is served, the database
    confirms that every post on it is still visible to this viewer and none is
    theirs (their own carry a "you" tag). Otherwise it is searched afresh."""
    version = caching.content_version(caching.STORIES, caching.DISCUSSIONS)
    if version and is_signed_in(viewer) and not Mute.objects.filter(user=viewer).exists():
        name = caching.key("search", version, ",".join(sorted(user_roles(viewer))),
                           clean_query(query), kind, tag, category, max(1, page))
        results = caching.get(name)
        if results is None:
            results = search(viewer=viewer, query=query, kind=kind, tag=tag,
                             category=category, page=page, neutral=True, grouped=True)
            caching.put(name, results)
        if shared_results_still_visible(viewer=viewer, posts=results.posts):
            return replace(results, shared=True)
    return search(viewer=viewer, query=query, kind=kind, tag=tag, category=category,
                  page=page, grouped=True)


def _others_visible(kind: str, network: bool) -> Prepared:
    """The posts among ``ids`` of ``kind`` that a signed-in viewer may read and did
    not write, as a prepared query (these run on every view of a cached result page)."""
    if kind == "story":
        audience = Audience.NETWORK if network else Audience.ORGANISATION
        return Prepared(lambda viewer_id, now, ids: stories_visible(
            audience=audience, viewer_id=viewer_id, now=now).filter(pk__in=ids)
            .exclude(author_id=viewer_id).order_by().values_list("pk"))
    visible = threads_visible if kind == "thread" else _replies_visible
    return Prepared(lambda viewer_id, ids: visible(network=network, viewer_id=viewer_id)
                    .filter(pk__in=ids).exclude(author_id=viewer_id).order_by()
                    .values_list("pk"))


_OTHERS_VISIBLE = {(kind, network): _others_visible(kind, network)
                   for kind in KINDS for network in (True, False)}
_MUTES_ANYONE = Prepared(lambda viewer_id: Mute.objects.filter(user_id=viewer_id)
                         .order_by().values_list("pk")[:1])


def others_visible(*, viewer, kind: str, ids: list[int]) -> set[int]:
    """Those of ``ids`` (posts of ``kind``) that signed-in ``viewer`` may read now and did
    not write: one prepared query."""
    ids = prepared_ids(ids)
    if not ids:
        return set()
    values = (viewer.pk, timezone.now(), ids) if kind == "story" else (viewer.pk, ids)
    return {row[0] for row in _OTHERS_VISIBLE[(kind, is_network_member(viewer))].rows(*values)}


def shared_results_still_visible(*, viewer, posts) -> bool:
    """Whether shared results may be shown to ``viewer``: they mute nobody, may read every
    post on the page now (the same rules as every page), and wrote none of them (their
    own carry a "you" tag). One query per kind of post on the page, plus one."""
    if not is_signed_in(viewer) or _MUTES_ANYONE.rows(viewer.pk):
        return False
    for kind in KINDS:
        ids = prepared_ids(pk for k, pk in posts if k == kind)
        if ids and len(others_visible(viewer=viewer, kind=kind, ids=ids)) != len(ids):
            return False
    return not any(k not in KINDS for k, _ in posts)


def discussion_of(kind: str, ids: list[int]) -> dict[int, tuple[str, int]]:
    """Replies are listed under their discussion in a grouped search."""
    if kind != SearchKind.REPLY:
        return {}
    return {pk: (SearchKind.THREAD.value, thread_id) for pk, thread_id in
            Reply.objects.filter(pk__in=ids).values_list("pk", "thread_id")}


def search(*, viewer, query: str, kind: str = "", tag: str = "", category: str = "",
           page: int = 1, per_page: int = 20, neutral: bool = False,
           grouped: bool = False) -> SearchResults:
    """Rank, among the most recent ``CANDIDATES`` matches, the stories, discussions and
    replies ``viewer`` may read. ``tag`` finds stories only, ``category`` discussions and
    replies only. ``grouped`` lists each discussion once, with its matching replies (the
    search page); otherwise each reply is a result of its own (the API)."""
    return core_search.search(viewer=viewer, query=query, kinds=KINDS, kind=kind,
                              filters={"tag": tag, "category": category}, page=page,
                              per_page=per_page, neutral=neutral,
                              parents=discussion_of if grouped else None)

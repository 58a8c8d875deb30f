"""One search over stories, discussions and replies.

PostgreSQL full-text search (weighted tsvector, ``websearch_to_tsquery``,
``ts_rank``, ``ts_headline``) on PostgreSQL; SQLite FTS5 (porter stemming, BM25
with the same weights, ``snippet()``) on SQLite. Both search only what the
viewer may read: the candidate entries are the visible posts from the same
selectors every page uses. Snippets are escaped before matches are marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from upward.web.community import caching, identity
from upward.web.community.access import is_network_member, is_signed_in
from upward.web.community.models import (
    Audience,
    Mute,
    Reply,
    SearchEntry,
    SearchKind,
    Status,
)
from upward.web.community.rendering import MARK_END, MARK_START, excerpt, highlighted
from upward.web.community.selectors.discussions import threads_visible, threads_visible_to
from upward.web.community.selectors.stories import (
    muted_named_posts,
    stories_visible,
    stories_visible_to,
)
from upward.web.community.services.search_index import SEARCH_CONFIG
from upward.web.core.permissions import user_roles
from upward.web.core.prepared import Prepared, prepared_ids

MAX_QUERY = 200
MAX_TERMS = 12
# Ranking looks at the most recent matches only: enough for any useful page of
# results, and it keeps a very common word from ranking half the index.
CANDIDATES = 2000
WEIGHTS = (10.0, 4.0, 2.0)  # title, text, author name (the same order on both backends)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    url: str
    title_html: str
    snippet_html: str
    byline: identity.Byline
    when: datetime | None
    context: str  # the category of a discussion, or the tags of a story


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    capped: bool = False  # more posts matched than were ranked (the most recent ones)
    entry_ids: tuple[int, ...] = ()  # the index entries of ``hits``
    posts: tuple[tuple[str, int], ...] = ()  # (kind, post id) of ``hits``
    shared: bool = False  # the same for everyone with the viewer's roles (no "you" tags)

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1


def _replies_visible_to(viewer) -> QuerySet[Reply]:
    if not is_signed_in(viewer):
        return Reply.objects.none()
    return _replies_visible(network=is_network_member(viewer), viewer_id=viewer.pk)


def _replies_visible(*, network: bool, viewer_id: int) -> QuerySet[Reply]:
    return Reply.objects.filter(
        status=Status.PUBLISHED, hidden_at=None,
        thread__in=threads_visible(network=network, viewer_id=viewer_id),
    ).exclude(muted_named_posts(viewer_id))


def visible_entry_ids(*, viewer, candidates: list[int], kind: str = "", tag: str = "",
                      category: str = "") -> set[int]:
    """Those of ``candidates`` (index entry ids) whose posts ``viewer`` may read, narrowed
    by the filters. The rules are the selectors every page uses, applied to the posts
    of these entries only, so the check stays cheap however large the index grows."""
    wanted = {kind} if kind in SearchKind.values else set(SearchKind.values)
    if tag:
        wanted &= {SearchKind.STORY}
    if category:
        wanted -= {SearchKind.STORY}
    rows = list(SearchEntry.objects.filter(pk__in=candidates, kind__in=wanted)
                .values_list("pk", "story_id", "thread_id", "reply_id"))
    stories = stories_visible_to(viewer=viewer).filter(
        pk__in=[r[1] for r in rows if r[1]])
    threads = threads_visible_to(viewer=viewer).filter(
        pk__in=[r[2] for r in rows if r[2]])
    replies = _replies_visible_to(viewer).filter(pk__in=[r[3] for r in rows if r[3]])
    if tag:
        stories = stories.filter(tags__slug=tag)
    if category:
        threads = threads.filter(category__slug=category)
        replies = replies.filter(thread__category__slug=category)
    allowed_stories = set(stories.values_list("pk", flat=True))
    allowed_threads = set(threads.values_list("pk", flat=True))
    allowed_replies = set(replies.values_list("pk", flat=True))
    return {pk for pk, story, thread, reply in rows
            if story in allowed_stories or thread in allowed_threads
            or reply in allowed_replies}


def clean_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY]


def search_shared(*, viewer, query: str, kind: str = "", tag: str = "", category: str = "",
                  page: int = 1) -> SearchResults:
    """``search``, through the shared cache when it is safe.

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
                             category=category, page=page, neutral=True)
            caching.put(name, results)
        if shared_results_still_visible(viewer=viewer, posts=results.posts):
            return replace(results, shared=True)
    return search(viewer=viewer, query=query, kind=kind, tag=tag, category=category,
                  page=page)


def _others_visible(kind: str, network: bool) -> Prepared:
    """The posts among ``ids`` of ``kind`` that a signed-in viewer may read and did
    not write, as a prepared query (these run on every view of a cached result page)."""
    if kind == SearchKind.STORY:
        audience = Audience.NETWORK if network else Audience.ORGANISATION
        return Prepared(lambda viewer_id, now, ids: stories_visible(
            audience=audience, viewer_id=viewer_id, now=now).filter(pk__in=ids)
            .exclude(author_id=viewer_id).order_by().values_list("pk"))
    visible = threads_visible if kind == SearchKind.THREAD else _replies_visible
    return Prepared(lambda viewer_id, ids: visible(network=network, viewer_id=viewer_id)
                    .filter(pk__in=ids).exclude(author_id=viewer_id).order_by()
                    .values_list("pk"))


_OTHERS_VISIBLE = {(kind, network): _others_visible(kind, network)
                   for kind in SearchKind.values for network in (True, False)}
_MUTES_ANYONE = Prepared(lambda viewer_id: Mute.objects.filter(user_id=viewer_id)
                         .order_by().values_list("pk")[:1])


def shared_results_still_visible(*, viewer, posts) -> bool:
    """Whether shared results may be shown to ``viewer``: they mute nobody, may read every
    post on the page now (the same rules as every page), and wrote none of them (their
    own carry a "you" tag). One query per kind of post on the page, plus one."""
    if not is_signed_in(viewer) or _MUTES_ANYONE.rows(viewer.pk):
        return False
    network = is_network_member(viewer)
    now = timezone.now()
    for kind in SearchKind.values:
        ids = prepared_ids(pk for k, pk in posts if k == kind)
        if not ids:
            continue
        values = (viewer.pk, now, ids) if kind == SearchKind.STORY else (viewer.pk, ids)
        if len(_OTHERS_VISIBLE[(kind, network)].rows(*values)) != len(ids):
            return False
    return True


def search(*, viewer, query: str, kind: str = "", tag: str = "", category: str = "",
           page: int = 1, per_page: int = 20, neutral: bool = False) -> SearchResults:
    """Rank, among the most recent ``CANDIDATES`` matches, those ``viewer`` may read."""
    query = clean_query(query)
    page = max(1, page)
    backend = _Postgres(query) if connection.vendor == "postgresql" else _Sqlite(query)
    candidates = backend.newest_matches(CANDIDATES + 1) if query else []
    visible = visible_entry_ids(viewer=viewer, candidates=candidates[:CANDIDATES], kind=kind,
                                tag=tag, category=category) if candidates else set()
    offset = (page - 1) * per_page
    ranked = backend.rank(visible, offset, per_page) if visible else []
    hits, posts = _hits(ranked, backend.marks(ranked) if ranked else {},
                        None if neutral else viewer)
    return SearchResults(query, hits, len(visible), page, per_page,
                         capped=len(candidates) > CANDIDATES, entry_ids=tuple(ranked),
                         posts=posts)


class _Postgres:
    """Full-text search: weighted tsvector, websearch_to_tsquery, ts_rank, ts_headline."""

    def __init__(self, query: str):
        self.tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)

    def newest_matches(self, limit: int) -> list[int]:
        # For a common word PostgreSQL walks the primary key backwards and stops early;
        # for a rare one it reads the GIN index.
        return list(SearchEntry.objects.filter(document=self.tsquery).order_by("-pk")
                    .values_list("pk", flat=True)[:limit])

    def rank(self, ids: set[int], offset: int, limit: int) -> list[int]:
        return list(SearchEntry.objects.filter(pk__in=ids)
                    .annotate(rank=SearchRank(F("document"), self.tsquery,
                                              weights=[0.1, 0.2, 0.4, 1.0]))
                    .order_by("-rank", "-pk").values_list("pk", flat=True)[offset:offset + limit])

    def marks(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        marked = SearchEntry.objects.filter(pk__in=ids).annotate(
            title_marked=SearchHeadline("title", self.tsquery, config=SEARCH_CONFIG,
                                        start_sel=MARK_START, stop_sel=MARK_END,
                                        highlight_all=True),
            text_marked=SearchHeadline("text", self.tsquery, config=SEARCH_CONFIG,
                                       start_sel=MARK_START, stop_sel=MARK_END,
                                       max_words=40, min_words=20, max_fragments=2,
                                       fragment_delimiter=" … "),
        ).values_list("pk", "title_marked", "text_marked")
        return {pk: (title, text) for pk, title, text in marked}


def fts5_query(query: str) -> str:
    """The user's words as an FTS5 query: every word must appear (as a prefix), and
    FTS5 operators in the input are treated as plain words."""
    terms = re.findall(r"\w+", query.lower())[:MAX_TERMS]
    return " ".join(f'"{term}"*' for term in terms)


class _Sqlite:
    """FTS5: porter stemming, BM25 with the same weights, snippet() and highlight()."""

    def __init__(self, query: str):
        self.match = fts5_query(query)

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def newest_matches(self, limit: int) -> list[int]:
        if not self.match:
            return []
        return [row[0] for row in self._rows(
            "SELECT rowid FROM community_search_fts WHERE community_search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s", [self.match, limit])]

    def rank(self, ids: set[int], offset: int, limit: int) -> list[int]:
        weights = ", ".join(str(w) for w in WEIGHTS)
        placeholders = ", ".join(["%s"] * len(ids))
        return [row[0] for row in self._rows(
            "SELECT rowid FROM community_search_fts WHERE community_search_fts MATCH %s "
            f"AND rowid IN ({placeholders}) "
            f"ORDER BY bm25(community_search_fts, {weights}), rowid DESC LIMIT %s OFFSET %s",
            [self.match, *sorted(ids), limit, offset])]

    def marks(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._rows(
            "SELECT rowid, highlight(community_search_fts, 0, %s, %s), "
            "snippet(community_search_fts, 1, %s, %s, ' … ', 40) FROM community_search_fts "
            f"WHERE community_search_fts MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, MARK_START, MARK_END, self.match, *ids])
        return {row[0]: (row[1], row[2]) for row in rows}


# --- results ---------------------------------------------------------------------------------


def _hits(ranked: list[int], marks: dict, viewer
          ) -> tuple[list[SearchHit], tuple[tuple[str, int], ...]]:
    entries = {e.pk: e for e in SearchEntry.objects.filter(pk__in=ranked).select_related(
        "story__author__profile", "thread__author__profile", "thread__category",
        "reply__author__profile", "reply__thread__category",
    ).prefetch_related("story__tags")}
    hits, posts = [], []
    for pk in ranked:
        entry = entries.get(pk)
        if entry is None:
            continue
        title_marked, text_marked = marks.get(pk, (entry.title, ""))
        snippet = text_marked if text_marked and MARK_START in text_marked else None
        if entry.kind == SearchKind.STORY:
            post, url = entry.story, reverse("community:story", args=[entry.story_id])
            context = ", ".join(tag.name for tag in post.tags.all())
            when = post.visible_from
        elif entry.kind == SearchKind.THREAD:
            post, url = entry.thread, reverse("community:thread", args=[entry.thread_id])
            context, when = post.category.name, post.created_at
        else:
            post = entry.reply
            url = reverse("community:thread", args=[post.thread_id]) + f"#reply-{post.pk}"
            context, when = post.thread.category.name, post.created_at
        posts.append((entry.kind, post.pk))
        hits.append(SearchHit(
            kind=entry.kind, url=url,
            title_html=highlighted(title_marked or entry.title),
            snippet_html=highlighted(snippet) if snippet else highlighted(
                excerpt(entry.text, 240)),
            byline=identity.byline(post, viewer), when=identity.shown_time(when, post),
            context=context,
        ))
    return hits, tuple(posts)

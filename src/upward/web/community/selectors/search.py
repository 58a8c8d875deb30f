"""One search over stories, discussions and replies.

PostgreSQL full-text search (weighted tsvector, ``websearch_to_tsquery``,
``ts_rank``, ``ts_headline``) on PostgreSQL; SQLite FTS5 (porter stemming, BM25
with the same weights, ``snippet()``) on SQLite. Both search only what the
viewer may read: the candidate entries are the visible posts from the same
selectors every page uses. Snippets are escaped before matches are marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from upward.web.community import identity
from upward.web.community.access import is_signed_in
from upward.web.community.models import (
    Mute,
    Reply,
    SearchEntry,
    SearchKind,
    Status,
)
from upward.web.community.rendering import MARK_END, MARK_START, excerpt, highlighted
from upward.web.community.selectors.discussions import threads_visible_to
from upward.web.community.selectors.stories import stories_visible_to
from upward.web.community.services.search_index import SEARCH_CONFIG

MAX_QUERY = 200
MAX_TERMS = 12
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
    replies = Reply.objects.filter(status=Status.PUBLISHED, hidden_at=None,
                                   thread__in=threads_visible_to(viewer=viewer))
    if is_signed_in(viewer):
        muted = Mute.objects.filter(user=viewer).values("muted_id")
        replies = replies.exclude(Q(is_anonymous=False) & Q(author_id__in=muted))
    return replies


def searchable_entries(*, viewer, kind: str = "", tag: str = "",
                       category: str = "") -> QuerySet[SearchEntry]:
    """The index entries of posts ``viewer`` may read, narrowed by the filters."""
    stories = stories_visible_to(viewer=viewer)
    threads = threads_visible_to(viewer=viewer)
    replies = _replies_visible_to(viewer)
    if tag:
        stories = stories.filter(tags__slug=tag)
    if category:
        threads = threads.filter(category__slug=category)
        replies = replies.filter(thread__category__slug=category)
    wanted = {kind} if kind in SearchKind.values else set(SearchKind.values)
    if tag:
        wanted &= {SearchKind.STORY}
    if category:
        wanted -= {SearchKind.STORY}
    match = Q(pk__in=[])
    if SearchKind.STORY in wanted:
        match |= Q(kind=SearchKind.STORY, story__in=stories)
    if SearchKind.THREAD in wanted:
        match |= Q(kind=SearchKind.THREAD, thread__in=threads)
    if SearchKind.REPLY in wanted:
        match |= Q(kind=SearchKind.REPLY, reply__in=replies)
    return SearchEntry.objects.filter(match)


def clean_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY]


def search(*, viewer, query: str, kind: str = "", tag: str = "", category: str = "",
           page: int = 1, per_page: int = 20) -> SearchResults:
    query = clean_query(query)
    page = max(1, page)
    if not query:
        return SearchResults(query, [], 0, page, per_page)
    entries = searchable_entries(viewer=viewer, kind=kind, tag=tag, category=category)
    offset = (page - 1) * per_page
    if connection.vendor == "postgresql":
        total, ranked, marked = _postgres(entries, query, offset, per_page)
    else:
        total, ranked, marked = _sqlite(entries, query, offset, per_page)
    return SearchResults(query, _hits(ranked, marked, viewer), total, page, per_page)


# --- PostgreSQL ------------------------------------------------------------------------------


def _postgres(entries, query, offset, limit):
    tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    matching = entries.filter(document=tsquery)
    total = matching.count()
    ranked = list(matching.annotate(rank=SearchRank(F("document"), tsquery,
                                                    weights=[0.1, 0.2, 0.4, 1.0]))
                  .order_by("-rank", "-pk").values_list("pk", flat=True)[offset:offset + limit])
    marks = dict(
        (row[0], (row[1], row[2]))
        for row in SearchEntry.objects.filter(pk__in=ranked).annotate(
            title_marked=SearchHeadline("title", tsquery, config=SEARCH_CONFIG,
                                        start_sel=MARK_START, stop_sel=MARK_END,
                                        highlight_all=True),
            text_marked=SearchHeadline("text", tsquery, config=SEARCH_CONFIG,
                                       start_sel=MARK_START, stop_sel=MARK_END,
                                       max_words=40, min_words=20, max_fragments=2,
                                       fragment_delimiter=" … "),
        ).values_list("pk", "title_marked", "text_marked")
    )
    return total, ranked, marks


# --- SQLite FTS5 ----------------------------------------------------------------------------


def fts5_query(query: str) -> str:
    """The user's words as an FTS5 query: every word must appear (as a prefix), and
    FTS5 operators in the input are treated as plain words."""
    terms = re.findall(r"\w+", query.lower())[:MAX_TERMS]
    return " ".join(f'"{term}"*' for term in terms)


def _sqlite(entries, query, offset, limit):
    match = fts5_query(query)
    if not match:
        return 0, [], {}
    visible_sql, visible_params = entries.values("pk").query.sql_with_params()
    where = (f"community_search_fts MATCH %s AND community_search_fts.rowid IN ({visible_sql})")
    params = [match, *visible_params]
    weights = ", ".join(str(w) for w in WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM community_search_fts WHERE {where}", params)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT rowid FROM community_search_fts WHERE {where} "
            f"ORDER BY bm25(community_search_fts, {weights}), rowid DESC LIMIT %s OFFSET %s",
            [*params, limit, offset])
        ranked = [row[0] for row in cursor.fetchall()]
        marks = {}
        if ranked:
            placeholders = ", ".join(["%s"] * len(ranked))
            cursor.execute(
                "SELECT rowid, highlight(community_search_fts, 0, %s, %s), "
                "snippet(community_search_fts, 1, %s, %s, ' … ', 40) "
                f"FROM community_search_fts WHERE community_search_fts MATCH %s "
                f"AND rowid IN ({placeholders})",
                [MARK_START, MARK_END, MARK_START, MARK_END, match, *ranked])
            marks = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
    return total, ranked, marks


# --- results ---------------------------------------------------------------------------------


def _hits(ranked: list[int], marks: dict, viewer) -> list[SearchHit]:
    entries = {e.pk: e for e in SearchEntry.objects.filter(pk__in=ranked).select_related(
        "story__author__profile", "thread__author__profile", "thread__category",
        "reply__author__profile", "reply__thread__category",
    ).prefetch_related("story__tags")}
    hits = []
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
        hits.append(SearchHit(
            kind=entry.kind, url=url,
            title_html=highlighted(title_marked or entry.title),
            snippet_html=highlighted(snippet) if snippet else highlighted(
                excerpt(entry.text, 240)),
            byline=identity.byline(post, viewer), when=when, context=context,
        ))
    return hits

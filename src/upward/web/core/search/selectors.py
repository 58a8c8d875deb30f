"""One search over every registered kind of searchable content.

PostgreSQL full-text search (weighted tsvector, ``websearch_to_tsquery``,
``ts_rank``, ``ts_headline``) on PostgreSQL; SQLite FTS5 (porter stemming, BM25
with the same weights, ``snippet()``) on SQLite. Both search only what the
viewer may read: each kind says which of the candidate entries the viewer may
read now, with the same rules as its pages. Snippets are escaped before matches
are marked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from upward.web.core.content import identity
from upward.web.core.content.registry import ContentKind, content_kind, content_kinds
from upward.web.core.content.rendering import MARK_END, MARK_START, excerpt, highlighted
from upward.web.core.search.models import SEARCH_CONFIG, SearchEntry

MAX_QUERY = 200
MAX_TERMS = 12
# Ranking looks at the most recent matches only: enough for any useful page of
# results, and it keeps a very common word from ranking half the index.
CANDIDATES = 2000
WEIGHTS = (10.0, 4.0, 2.0)  # title, text, author name (the same order on both backends)
# A grouped result shows the snippets of this many of its matching parts (e.g. replies).
MATCHES_SHOWN = 3

# For grouped searches: given a kind and object ids, the (kind, id) each object is listed
# under, e.g. a reply under its discussion. Objects left out are listed on their own.
ParentsOf = Callable[[str, list[int]], dict[int, tuple[str, int]]]


@dataclass(frozen=True)
class SearchMatch:
    """One matching part of a grouped result (e.g. a reply in a discussion)."""

    kind: str
    url: str
    snippet_html: str
    byline: identity.Byline
    when: datetime | None


@dataclass(frozen=True)
class SearchHit:
    kind: str
    url: str
    title_html: str
    snippet_html: str  # empty when only its parts matched (grouped searches)
    byline: identity.Byline
    when: datetime | None
    context: str  # e.g. the category of a discussion, or the tags of a story
    matches: tuple[SearchMatch, ...] = ()  # the first matching parts (grouped searches)
    match_count: int = 0  # how many of its parts matched


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    capped: bool = False  # more posts matched than were ranked (the most recent ones)
    entry_ids: tuple[int, ...] = ()  # the index entries of ``hits``
    posts: tuple[tuple[str, int], ...] = ()  # (kind, object id) of ``hits``
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


def clean_query(query: str) -> str:
    return " ".join((query or "").split())[:MAX_QUERY]


def searched_kinds(*, kinds: Sequence[str] | None = None, kind: str = "",
                   filters: dict[str, str] | None = None) -> dict[str, ContentKind]:
    """The registered kinds a search covers: those of ``kinds`` (None: every searchable
    kind), only ``kind`` if it is one of them, and only those that understand every
    filter given."""
    used = {name for name, value in (filters or {}).items() if value}
    found = {k.key: k for k in content_kinds(searchable=True)
             if (kinds is None or k.key in kinds) and used <= k.searchable.filters}
    if kind in found:
        return {kind: found[kind]}
    return found


def visible_entry_ids(*, viewer, candidates: list[int], kinds: dict[str, ContentKind],
                      filters: dict[str, str] | None = None) -> set[int]:
    """Those of ``candidates`` (index entry ids) whose content ``viewer`` may read, of
    ``kinds`` and narrowed by ``filters``. Each kind applies the rules its pages use to
    these entries' objects only, so the check stays cheap however large the index grows."""
    rows = list(SearchEntry.objects.filter(pk__in=candidates, kind__in=list(kinds))
                .values_list("pk", "kind", "object_id"))
    allowed: dict[str, set[int]] = {}
    for key, found in kinds.items():
        ids = [object_id for _, k, object_id in rows if k == key]
        allowed[key] = found.searchable.visible_ids(viewer=viewer, ids=ids,
                                                    filters=dict(filters or {})) \
            if ids else set()
    return {pk for pk, key, object_id in rows if object_id in allowed[key]}


def search(*, viewer, query: str, kinds: Sequence[str] | None = None, kind: str = "",
           filters: dict[str, str] | None = None, page: int = 1, per_page: int = 20,
           neutral: bool = False, parents: ParentsOf | None = None) -> SearchResults:
    """Rank, among the most recent ``CANDIDATES`` matches, those ``viewer`` may read.

    ``kinds`` limits the search to those registered keys (None: every searchable
    kind); ``kind`` to one of them; ``filters`` (e.g. ``{"tag": "apprentices"}``) to the
    kinds that understand them. ``neutral`` renders bylines for no one in particular
    (no "you" tag), for results shared between viewers. With ``parents`` the results
    are grouped: each object is listed once under its parent (when the viewer may read
    the parent), with its matching parts and their number (``SearchHit.matches``)."""
    query = clean_query(query)
    page = max(1, page)
    covered = searched_kinds(kinds=kinds, kind=kind, filters=filters)
    backend = _Postgres(query) if connection.vendor == "postgresql" else _Sqlite(query)
    candidates = backend.newest_matches(CANDIDATES + 1) if query and covered else []
    visible = visible_entry_ids(viewer=viewer, candidates=candidates[:CANDIDATES],
                                kinds=covered, filters=filters) if candidates else set()
    offset = (page - 1) * per_page
    if parents is not None:
        return _grouped(viewer=viewer, query=query, backend=backend, visible=visible,
                        covered=covered, filters=filters or {}, page=page,
                        per_page=per_page, neutral=neutral, parents=parents,
                        capped=len(candidates) > CANDIDATES)
    ranked = backend.rank(visible, offset, per_page) if visible else []
    hits, posts = _hits(ranked, backend.marks(ranked) if ranked else {},
                        None if neutral else viewer, covered)
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
            "SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s", [self.match, limit])]

    def rank(self, ids: set[int], offset: int, limit: int) -> list[int]:
        weights = ", ".join(str(w) for w in WEIGHTS)
        placeholders = ", ".join(["%s"] * len(ids))
        return [row[0] for row in self._rows(
            "SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH %s "
            f"AND rowid IN ({placeholders}) "
            f"ORDER BY bm25(core_search_fts, {weights}), rowid DESC LIMIT %s OFFSET %s",
            [self.match, *sorted(ids), limit, offset])]

    def marks(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._rows(
            "SELECT rowid, highlight(core_search_fts, 0, %s, %s), "
            "snippet(core_search_fts, 1, %s, %s, ' … ', 40) FROM core_search_fts "
            f"WHERE core_search_fts MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, MARK_START, MARK_END, self.match, *ids])
        return {row[0]: (row[1], row[2]) for row in rows}


# --- results ---------------------------------------------------------------------------------


def _hits(ranked: list[int], marks: dict, viewer, kinds: dict[str, ContentKind]
          ) -> tuple[list[SearchHit], tuple[tuple[str, int], ...]]:
    entries = {e.pk: e for e in SearchEntry.objects.filter(pk__in=ranked)
               .only("pk", "kind", "object_id", "title", "text")}
    objects: dict[str, dict[int, object]] = {}
    for key, found in kinds.items():
        ids = [e.object_id for e in entries.values() if e.kind == key]
        objects[key] = found.searchable.results(ids) if ids else {}
    hits, posts = [], []
    for pk in ranked:
        entry = entries.get(pk)
        post = objects.get(entry.kind, {}).get(entry.object_id) if entry is not None else None
        if post is None:
            continue
        title_marked, text_marked = marks.get(pk, (entry.title, ""))
        snippet = text_marked if text_marked and MARK_START in text_marked else None
        facts = kinds[entry.kind].searchable.facts(post)
        posts.append((entry.kind, post.pk))
        hits.append(SearchHit(
            kind=entry.kind, url=facts.url,
            title_html=highlighted(title_marked or entry.title),
            snippet_html=highlighted(snippet) if snippet else highlighted(
                excerpt(entry.text, 240)),
            byline=identity.byline(post, viewer), when=identity.shown_time(facts.when, post),
            context=facts.context,
        ))
    return hits, tuple(posts)


# --- grouped results -------------------------------------------------------------------------


def _readable_parents(*, viewer, wanted: set[tuple[str, int]], filters: dict[str, str]
                      ) -> set[tuple[str, int]]:
    """Those of ``wanted`` parents that ``viewer`` may read, by the rules of their kind."""
    readable: set[tuple[str, int]] = set()
    for key in {key for key, _ in wanted}:
        found = content_kind(key)
        if found is None or found.searchable is None:
            continue
        ids = sorted(pk for k, pk in wanted if k == key)
        understood = {name: value for name, value in filters.items()
                      if name in found.searchable.filters}
        readable |= {(key, pk) for pk in found.searchable.visible_ids(
            viewer=viewer, ids=ids, filters=understood)}
    return readable


def _grouped(*, viewer, query: str, backend, visible: set[int], covered: dict[str, ContentKind],
             filters: dict[str, str], page: int, per_page: int, neutral: bool,
             parents: ParentsOf, capped: bool) -> SearchResults:
    """Every readable match ranked, then listed once per parent (in the order of its best
    match) with its matching parts. A parent the viewer may not read is never shown: its
    parts are then listed on their own, as in an ungrouped search."""
    rows = {pk: (key, object_id) for pk, key, object_id in SearchEntry.objects.filter(
        pk__in=visible).values_list("pk", "kind", "object_id")}
    ranked = backend.rank(visible, 0, len(visible)) if visible else []
    parent_of: dict[tuple[str, int], tuple[str, int]] = {}
    for key in {key for key, _ in rows.values()}:
        ids = [object_id for k, object_id in rows.values() if k == key]
        parent_of.update({(key, pk): parent for pk, parent in parents(key, ids).items()})
    readable = _readable_parents(viewer=viewer, wanted=set(parent_of.values()),
                                 filters=filters)
    groups: dict[tuple[str, int], list[int]] = {}
    for pk in ranked:
        head = parent_of.get(rows[pk])
        groups.setdefault(head if head in readable else rows[pk], []).append(pk)
    shown = list(groups)[(page - 1) * per_page:page * per_page]
    matched = {post: pk for pk, post in rows.items()}
    entries = {e.pk: e for e in SearchEntry.objects.filter(
        pk__in=[pk for head in shown for pk in groups[head]]).only(
        "pk", "kind", "object_id", "title", "text")}
    for head in shown:  # parents that did not match themselves: their own index entry
        if head not in matched:
            entry = SearchEntry.objects.filter(kind=head[0], object_id=head[1]).only(
                "pk", "kind", "object_id", "title", "text").first()
            if entry is not None:
                entries[entry.pk] = entry
    head_entries = {(e.kind, e.object_id): e for e in entries.values()}
    marks = backend.marks(list(entries)) if entries else {}
    objects: dict[str, dict[int, object]] = {}
    for key in {e.kind for e in entries.values()}:
        found = content_kind(key)
        objects[key] = found.searchable.results(
            [e.object_id for e in entries.values() if e.kind == key]) if found else {}

    def text_html(entry) -> tuple[str, bool]:
        text = marks.get(entry.pk, (entry.title, ""))[1]
        if text and MARK_START in text:
            return highlighted(text), True
        return highlighted(excerpt(entry.text, 240)), False

    hits, posts = [], []
    for head in shown:
        entry = head_entries.get(head)
        post = objects.get(head[0], {}).get(head[1])
        if entry is None or post is None:
            continue
        parts = [entries[pk] for pk in groups[head] if rows[pk] != head]
        head_matched = head in matched
        found_parts = []
        for part in parts:
            part_post = objects.get(part.kind, {}).get(part.object_id)
            snippet, in_text = text_html(part)
            # A part that matched only through its parent's title (indexed with it) is
            # no match of its own when the parent is listed for that title.
            if part_post is not None and (in_text or not head_matched):
                found_parts.append((part, part_post, snippet))
        title = marks.get(entry.pk, (entry.title, ""))[0] or entry.title
        facts = covered.get(head[0], content_kind(head[0])).searchable.facts(post)
        shown_viewer = None if neutral else viewer
        matches = []
        for part, part_post, snippet in found_parts[:MATCHES_SHOWN]:
            part_facts = content_kind(part.kind).searchable.facts(part_post)
            matches.append(SearchMatch(
                kind=part.kind, url=part_facts.url, snippet_html=snippet,
                byline=identity.byline(part_post, shown_viewer),
                when=identity.shown_time(part_facts.when, part_post)))
        posts.append(head)
        posts.extend(rows[pk] for pk in groups[head] if rows[pk] != head)
        hits.append(SearchHit(
            kind=head[0], url=facts.url, title_html=highlighted(title),
            snippet_html=text_html(entry)[0] if head_matched else "",
            byline=identity.byline(post, shown_viewer),
            when=identity.shown_time(facts.when, post), context=facts.context,
            matches=tuple(matches), match_count=len(found_parts)))
    return SearchResults(query, hits, len(groups), page, per_page, capped=capped,
                         entry_ids=tuple(entries), posts=tuple(posts))

"""API: stories, comments, reactions, discussions, replies, flags and search.

The same selectors and services as the pages, so the same people see and do the
same things. Authors are given as ``author`` (name and profile id) only for
named posts; anonymous posts have ``author: null`` and ``anonymous: true``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema

try:  # django-ninja ≥ 1.5 wants an explicit Status for non-200 answers
    from ninja import Status
except ImportError:  # pragma: no cover - older django-ninja takes a (status, body) tuple
    def Status(status_code, value):  # noqa: N802
        return status_code, value
from pydantic import ConfigDict, Field

from upward.web.community import services
from upward.web.community.access import is_moderator
from upward.web.community.models import (
    MAX_BODY,
    MAX_COMMENT,
    MAX_PROMPT,
    MAX_QUOTE,
    MAX_TITLE,
    PROMPTS,
    Audience,
    ReactionKind,
    ThreadKind,
)
from upward.web.community.selectors import discussions as discussion_selectors
from upward.web.community.selectors import search as search_selectors
from upward.web.community.selectors import stories as story_selectors
from upward.web.community.views.paging import window
from upward.web.core.content import identity
from upward.web.core.flags.models import FlagReason
from upward.web.core.flags.selectors import flaggable_for_reader

router = Router(tags=["community"])


class AuthorOut(Schema):
    name: str
    profile_id: int | None


class PostMeta(Schema):
    author: AuthorOut | None
    anonymous: bool
    byline: str


def _meta(post, viewer) -> dict:
    line = identity.byline(post, viewer)
    author = None if line.is_anonymous or line.profile_id is None else {
        "name": line.label, "profile_id": line.profile_id}
    return {"author": author, "anonymous": line.is_anonymous, "byline": line.label}


# --- stories ------------------------------------------------------------------------------


class StoryOut(PostMeta):
    id: int
    title: str
    cover_quote: str
    audience: str
    tags: list[str]
    published_at: datetime | None
    reaction_count: int
    comment_count: int
    url: str


class StoryDetailOut(StoryOut):
    status: str
    prompts_html: dict[str, str]
    body_html: str
    mine: bool
    reactions: dict[str, int]
    my_reactions: list[str]
    # The Markdown source, for the author only.
    source: dict[str, str] | None


class StoryPage(Schema):
    items: list[StoryOut]
    page: int
    next_page: int | None


def _story(story, viewer) -> dict:
    return {
        **_meta(story, viewer), "id": story.pk, "title": story.title,
        "cover_quote": story.cover_quote, "audience": story.effective_audience,
        "tags": [t.slug for t in story.tags.all()],
        "published_at": identity.shown_time(story.visible_from, story),
        "reaction_count": story.reaction_count, "comment_count": story.comment_count,
        "url": reverse("community:story", args=[story.pk]),
    }


def _story_detail(story, viewer) -> dict:
    mine = identity.is_author(story, viewer)
    summary = story_selectors.reaction_summary(viewer=viewer, story=story)
    return {
        # Others read only live stories; the author and moderators see where it stands.
        **_story(story, viewer),
        "status": story.status if mine or is_moderator(viewer) else "published",
        "prompts_html": {f: story.rendered.get(f, "") for f in PROMPTS
                         if getattr(story, f).strip()},
        "body_html": story.rendered.get("body", ""), "mine": mine,
        "reactions": {r.kind.key: r.count for r in summary},
        "my_reactions": [r.kind.key for r in summary if r.mine],
        "source": {f: getattr(story, f) for f in (*PROMPTS, "body")} if mine else None,
    }


class StoryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(..., min_length=1, max_length=MAX_TITLE)
    cover_quote: str = Field("", max_length=MAX_QUOTE)
    prompt_started: str = Field("", max_length=MAX_PROMPT)
    prompt_hard: str = Field("", max_length=MAX_PROMPT)
    prompt_turning: str = Field("", max_length=MAX_PROMPT)
    prompt_now: str = Field("", max_length=MAX_PROMPT)
    prompt_advice: str = Field("", max_length=MAX_PROMPT)
    body: str = Field("", max_length=MAX_BODY)
    tags: list[str] = Field(default_factory=list, max_length=6)
    anonymous: bool = False
    audience: Audience = Audience.NETWORK
    embargo_until: datetime | None = None
    include_timeline: bool = False
    submit: bool = Field(False, description="Publish now (or send to the moderators), "
                                            "instead of keeping a draft.")


class StoryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=MAX_TITLE)
    cover_quote: str | None = Field(None, max_length=MAX_QUOTE)
    prompt_started: str | None = Field(None, max_length=MAX_PROMPT)
    prompt_hard: str | None = Field(None, max_length=MAX_PROMPT)
    prompt_turning: str | None = Field(None, max_length=MAX_PROMPT)
    prompt_now: str | None = Field(None, max_length=MAX_PROMPT)
    prompt_advice: str | None = Field(None, max_length=MAX_PROMPT)
    body: str | None = Field(None, max_length=MAX_BODY)
    tags: list[str] | None = Field(None, max_length=6)
    audience: Audience | None = None
    embargo_until: datetime | None = None
    include_timeline: bool | None = None


def _changes(payload: Schema) -> dict:
    changes = payload.model_dump(exclude_unset=True)
    if "anonymous" in changes:
        changes["is_anonymous"] = changes.pop("anonymous")
    if changes.get("audience") is not None:
        changes["audience"] = str(Audience(changes["audience"]).value)
    return {k: v for k, v in changes.items() if v is not None or k == "embargo_until"}


@router.get("/stories", response=StoryPage, summary="The story feed")
def story_list(request, tag: str = "", sort: Literal["newest", "helpful"] = "newest",
               page: int = 1):
    found = window(story_selectors.story_feed(viewer=request.auth, tag=tag, sort=sort), page)
    return {"items": [_story(s, request.auth) for s in found.items], "page": found.number,
            "next_page": found.next_number if found.has_next else None}


@router.post("/stories", response={201: StoryDetailOut}, summary="Write a story")
def story_create(request, payload: StoryIn):
    changes = _changes(payload)
    submit = changes.pop("submit", False)
    story = services.story_create(actor=request.auth, submit=submit, **changes)
    return Status(201, _story_detail(story, request.auth))


@router.get("/stories/{story_id}", response=StoryDetailOut, summary="One story")
def story_read(request, story_id: int):
    story = story_selectors.story_get_for_viewer(viewer=request.auth, story_id=story_id)
    return _story_detail(story, request.auth)


@router.patch("/stories/{story_id}", response=StoryDetailOut, summary="Edit your story")
def story_update(request, story_id: int, payload: StoryPatch):
    story = story_selectors.story_get_own(viewer=request.auth, story_id=story_id)
    story = services.story_update(actor=request.auth, story=story, **_changes(payload))
    return _story_detail(story, request.auth)


@router.post("/stories/{story_id}/submit", response=StoryDetailOut,
             summary="Publish your draft (or send it to the moderators)")
def story_submit(request, story_id: int):
    story = story_selectors.story_get_own(viewer=request.auth, story_id=story_id)
    return _story_detail(services.story_submit(actor=request.auth, story=story), request.auth)


@router.post("/stories/{story_id}/withdraw", response=StoryDetailOut,
             summary="Withdraw your story (unpublishes at once)")
def story_withdraw(request, story_id: int):
    story = story_selectors.story_get_own(viewer=request.auth, story_id=story_id)
    return _story_detail(services.story_withdraw(actor=request.auth, story=story),
                         request.auth)


@router.delete("/stories/{story_id}", response={204: None}, summary="Delete your story")
def story_delete(request, story_id: int):
    story = story_selectors.story_get_own(viewer=request.auth, story_id=story_id)
    services.story_delete(actor=request.auth, story=story)
    return Status(204, None)


# --- comments and reactions ---------------------------------------------------------------


class CommentOut(PostMeta):
    id: int
    body_html: str
    created_at: datetime
    by_story_author: bool
    pending: bool
    answers: list[CommentOut] = []


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(..., min_length=1, max_length=MAX_COMMENT)
    parent: int | None = None


def _comment(view, viewer) -> dict:
    return {**_meta(view.comment, viewer), "id": view.comment.pk,
            "body_html": view.comment.body_html,
            "created_at": identity.shown_time(view.comment.created_at, view.comment),
            "by_story_author": view.by_story_author, "pending": view.is_pending,
            "answers": [_comment(a, viewer) for a in view.answers]}


@router.get("/stories/{story_id}/comments", response=list[CommentOut],
            summary="A story's comments, threaded one level")
def comment_list(request, story_id: int):
    story = story_selectors.story_get_for_viewer(viewer=request.auth, story_id=story_id)
    return [_comment(v, request.auth)
            for v in story_selectors.story_comments(viewer=request.auth, story=story)]


@router.post("/stories/{story_id}/comments", response={201: CommentOut},
             summary="Comment on a story")
def comment_create(request, story_id: int, payload: CommentIn):
    story = story_selectors.story_get_for_viewer(viewer=request.auth, story_id=story_id)
    parent = None
    if payload.parent is not None:
        parent = story.comments.filter(pk=payload.parent).first()
        if parent is None:
            raise Http404
    comment = services.comment_create(actor=request.auth, story=story, body=payload.body,
                                      parent=parent)
    view = story_selectors.CommentView(
        comment=comment, byline=identity.byline(comment, request.auth),
        by_story_author=comment.author_id == story.author_id
        and comment.is_anonymous == story.is_anonymous,
        is_pending=comment.status == "pending",
        is_hidden=False, answers=[])
    return Status(201, _comment(view, request.auth))


class ReactionsOut(Schema):
    reactions: dict[str, int]
    my_reactions: list[str]


def _reactions(story, viewer) -> dict:
    summary = story_selectors.reaction_summary(viewer=viewer, story=story)
    return {"reactions": {r.kind.key: r.count for r in summary},
            "my_reactions": [r.kind.key for r in summary if r.mine]}


@router.get("/reactions", response=list[dict[str, str]], summary="The reactions on offer")
def reaction_kinds(request):
    return [{"key": k.key, "label": k.label}
            for k in ReactionKind.objects.filter(is_active=True)]


@router.put("/stories/{story_id}/reactions/{kind}", response=ReactionsOut,
            summary="React to a story")
def reaction_add(request, story_id: int, kind: str):
    story = story_selectors.story_get_for_viewer(viewer=request.auth, story_id=story_id)
    if kind not in _reactions(story, request.auth)["my_reactions"]:
        services.reaction_toggle(actor=request.auth, story=story, kind=kind)
    return _reactions(story, request.auth)


@router.delete("/stories/{story_id}/reactions/{kind}", response=ReactionsOut,
               summary="Take back a reaction")
def reaction_remove(request, story_id: int, kind: str):
    story = story_selectors.story_get_for_viewer(viewer=request.auth, story_id=story_id)
    if kind in _reactions(story, request.auth)["my_reactions"]:
        services.reaction_toggle(actor=request.auth, story=story, kind=kind)
    return _reactions(story, request.auth)


# --- discussions ------------------------------------------------------------------------------


class CategoryOut(Schema):
    slug: str
    name: str
    description: str
    audience: str
    allow_anonymous: bool
    archived: bool


class ThreadOut(PostMeta):
    id: int
    title: str
    category: str
    kind: str
    reply_count: int
    last_activity_at: datetime
    locked: bool
    url: str


class ReplyOut(PostMeta):
    id: int
    body_html: str
    created_at: datetime
    accepted: bool
    pending: bool
    quote_of: int | None


class ThreadDetailOut(ThreadOut):
    body_html: str
    accepted_reply: int | None
    replies: list[ReplyOut]


class ThreadPage(Schema):
    items: list[ThreadOut]
    page: int
    next_page: int | None


class ThreadIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str
    title: str = Field(..., min_length=1, max_length=MAX_TITLE)
    body: str = Field(..., min_length=1, max_length=MAX_BODY)
    kind: ThreadKind = ThreadKind.DISCUSSION
    anonymous: bool = False


class ReplyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(..., min_length=1, max_length=MAX_COMMENT)
    quote_of: int | None = None
    anonymous: bool = False


def _thread(thread, viewer) -> dict:
    return {**_meta(thread, viewer), "id": thread.pk, "title": thread.title,
            "category": thread.category.slug, "kind": thread.kind,
            "reply_count": thread.reply_count,
            # To the day for every discussion: the last activity may be an anonymous reply.
            "last_activity_at": identity.shown_time(thread.last_activity_at, True),
            "locked": thread.locked_at is not None,
            "url": reverse("community:thread", args=[thread.pk])}


def _reply(view, viewer) -> dict:
    return {**_meta(view.reply, viewer), "id": view.reply.pk, "body_html": view.reply.body_html,
            "created_at": identity.shown_time(view.reply.created_at, view.reply),
            "accepted": view.is_accepted,
            "pending": view.is_pending, "quote_of": view.reply.quote_of_id}


def _thread_detail(thread, viewer) -> dict:
    return {**_thread(thread, viewer), "body_html": thread.body_html,
            "accepted_reply": thread.accepted_reply_id,
            "replies": [_reply(v, viewer) for v in
                        discussion_selectors.thread_replies(viewer=viewer, thread=thread)]}


@router.get("/categories", response=list[CategoryOut], summary="Discussion categories")
def category_list(request):
    return [{"slug": c.slug, "name": c.name, "description": c.description,
             "audience": c.audience, "allow_anonymous": c.allow_anonymous,
             "archived": c.is_archived}
            for c in discussion_selectors.categories_visible_to(viewer=request.auth)]


@router.get("/threads", response=ThreadPage, summary="Discussions, most recently active first")
def thread_list(request, category: str = "", kind: Literal["", "discussion", "question"] = "",
                page: int = 1):
    found = discussion_selectors.category_get_for_viewer(viewer=request.auth, slug=category) \
        if category else None
    threads = window(discussion_selectors.thread_list(viewer=request.auth, category=found,
                                                      kind=kind), page)
    return {"items": [_thread(t, request.auth) for t in threads.items], "page": threads.number,
            "next_page": threads.next_number if threads.has_next else None}


@router.post("/threads", response={201: ThreadDetailOut}, summary="Start a discussion")
def thread_create(request, payload: ThreadIn):
    category = discussion_selectors.category_get_for_viewer(viewer=request.auth,
                                                            slug=payload.category)
    thread = services.thread_create(actor=request.auth, category=category, title=payload.title,
                                    body=payload.body, kind=str(ThreadKind(payload.kind).value),
                                    is_anonymous=payload.anonymous)
    return Status(201, _thread_detail(thread, request.auth))


@router.get("/threads/{thread_id}", response=ThreadDetailOut, summary="A discussion and replies")
def thread_read(request, thread_id: int):
    thread = discussion_selectors.thread_get_for_viewer(viewer=request.auth, thread_id=thread_id)
    return _thread_detail(thread, request.auth)


@router.post("/threads/{thread_id}/replies", response={201: ThreadDetailOut},
             summary="Reply to a discussion")
def reply_create(request, thread_id: int, payload: ReplyIn):
    thread = discussion_selectors.thread_get_for_viewer(viewer=request.auth, thread_id=thread_id)
    quote = None
    if payload.quote_of is not None:
        quote = thread.replies.filter(pk=payload.quote_of).first()
        if quote is None:
            raise Http404
    services.reply_create(actor=request.auth, thread=thread, body=payload.body,
                          quote_of=quote, is_anonymous=payload.anonymous)
    thread.refresh_from_db()  # the counts the reply changed
    return Status(201, _thread_detail(thread, request.auth))


# --- flags and search -----------------------------------------------------------------------


class FlagIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["story", "comment", "thread", "reply"]
    id: int
    reason: FlagReason
    note: str = Field("", max_length=500)


class FlagOut(Schema):
    id: int
    reason: str
    created_at: datetime


@router.post("/flags", response={201: FlagOut}, summary="Report a post to the moderators")
def flag_create(request, payload: FlagIn):
    post = flaggable_for_reader(viewer=request.auth, kind=payload.kind, pk=payload.id)
    flag = services.flag_create(actor=request.auth, post=post, reason=str(payload.reason.value),
                                note=payload.note)
    return Status(201, {"id": flag.pk, "reason": flag.reason, "created_at": flag.created_at})


class SearchHitOut(Schema):
    kind: str
    url: str
    title_html: str
    snippet_html: str
    author: AuthorOut | None
    anonymous: bool
    byline: str
    context: str
    when: datetime | None


class SearchOut(Schema):
    query: str
    total: int
    page: int
    next_page: int | None
    results: list[SearchHitOut]


class SearchParams(Schema):
    q: str = Field(..., max_length=search_selectors.MAX_QUERY)
    kind: Literal["", "story", "thread", "reply"] = ""
    tag: str = ""
    category: str = ""
    page: int = Field(1, ge=1, le=10_000)


@router.get("/search", response=SearchOut,
            summary="Search stories, discussions and replies you can read")
def search(request, params: Query[SearchParams]):
    found = search_selectors.search(viewer=request.auth, query=params.q, kind=params.kind,
                                    tag=params.tag, category=params.category, page=params.page)
    results = []
    for hit in found.hits:
        line = hit.byline
        results.append({
            "kind": hit.kind, "url": hit.url, "title_html": hit.title_html,
            "snippet_html": hit.snippet_html, "context": hit.context, "when": hit.when,
            "author": None if line.is_anonymous or line.profile_id is None else
            {"name": line.label, "profile_id": line.profile_id},
            "anonymous": line.is_anonymous, "byline": line.label,
        })
    return {"query": found.query, "total": found.total, "page": found.page,
            "next_page": found.page + 1 if found.has_next else None, "results": results}


"""A shared cache for the community's pages: rendered HTML, never a decision.

What is cached is what every member of one audience would see the same way —
the story cards of a feed page, a story's article, its published comments, a
search's ranked hits — rendered without a viewer (no “you” tag, no CSRF token:
a placeholder stands in for it, see "placeholders" below). Who may see what is
still decided on every request, in the database, by the selectors: a cached feed
page or search page is used only when a fresh query confirms that every post on
it is visible to this viewer (withdrawn, hidden, muted and the viewer's own posts
all fail the check and the page is built afresh); a story page always fetches its
story through ``story_get_for_viewer``.

Every key includes the *content version* of what the page shows: a site-wide
version (profiles and names, career timelines, tags, categories, reaction kinds,
deletions of people) joined with a version per scope — "stories" (every story,
comment and reaction: the feed and search), "discussions" (threads and replies:
search) and one per story (that story, its comments and reactions: its page).
Every write bumps the versions it touches — at once and again when the
transaction commits, so a page built between the write and the commit from the
old data is stored under a version nobody reads any more. So a reaction on one
story leaves every other story's page warm, and a changed name still reaches
every page. Entries also expire after ``TTL`` seconds (a story whose embargo
ends appears by then at the latest).

Enabled by ``UPWARD_COMMUNITY_CACHE`` (settings: on with a shared Redis cache,
or in development and tests with the local-memory one; off in production
without Redis, where one worker could not tell the others about a change). If
the cache fails, pages are built from the database as if it were empty.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

log = logging.getLogger(__name__)

VERSION_KEY = "community:content-version"
TTL = 300
# Part of every page key: bumped when what is stored changes shape, so a new release
# never reads an entry an older one wrote.
STORED_FORMAT = 3


def enabled() -> bool:
    return bool(getattr(settings, "UPWARD_COMMUNITY_CACHE", False))


def _cache():
    return caches["default"]


def _scope_key(scope: str) -> str:
    return f"{VERSION_KEY}:{scope}"


def story_scope(story_id) -> str:
    return f"story:{int(story_id)}"


STORIES = "stories"
DISCUSSIONS = "discussions"


def content_version(*scopes: str) -> str | None:
    """The site-wide content version joined with those of ``scopes`` (one round trip),
    or None when caching is off or failing."""
    if not enabled():
        return None
    keys = [VERSION_KEY, *(_scope_key(scope) for scope in scopes)]
    try:
        cache = _cache()
        found = cache.get_many(keys)
        missing = [name for name in keys if name not in found]
        if missing:
            for name in missing:
                cache.add(name, uuid.uuid4().hex, None)
            found.update(cache.get_many(missing))
        return "-".join(found[name] for name in keys)
    except Exception:  # noqa: BLE001 — a cache outage must not take the pages down
        log.warning("community cache unavailable", exc_info=True)
        return None


def _new_versions(scopes: tuple[str, ...]) -> None:
    names = [_scope_key(scope) for scope in scopes] if scopes else [VERSION_KEY]
    try:
        _cache().set_many({name: uuid.uuid4().hex for name in names}, None)
    except Exception:  # noqa: BLE001
        log.error("community cache: could not bump the content version", exc_info=True)


def bump(*scopes: str) -> None:
    """Invalidate the cached pages of ``scopes`` (none: every cached community page),
    now and again after the commit."""
    if not enabled():
        return
    _new_versions(scopes)
    transaction.on_commit(lambda: _new_versions(scopes))


def key(*parts) -> str:
    """A cache key from ``parts`` (hashed, so user input cannot make it too long)."""
    raw = "\x1f".join(str(p) for p in (STORED_FORMAT, *parts))
    return "community:page:" + hashlib.sha256(raw.encode()).hexdigest()


# A small per-process copy of what was read from or written to the shared cache.
# Safe because every key names the content version it was built from (a changed
# post means a new version, so new keys); entries keep the expiry they were given.
LOCAL_ENTRIES = 512
_local: OrderedDict[str, tuple[float, object]] = OrderedDict()
_local_lock = threading.Lock()


def _remember(name: str, expires: float, value) -> None:
    with _local_lock:
        _local[name] = (expires, value)
        _local.move_to_end(name)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def clear_local() -> None:
    """Forget this process's copy (the shared cache is untouched)."""
    with _local_lock:
        _local.clear()


def get(name: str):
    with _local_lock:
        entry = _local.get(name)
    if entry is not None:
        if entry[0] > time.time():
            return entry[1]
        with _local_lock:
            _local.pop(name, None)
    try:
        stored = _cache().get(name)
    except Exception:  # noqa: BLE001
        log.warning("community cache unavailable", exc_info=True)
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 \
            or not isinstance(stored[0], float) or stored[0] <= time.time():
        return None
    _remember(name, *stored)
    return stored[1]


def put(name: str, value) -> None:
    expires = time.time() + TTL
    _remember(name, expires, value)
    try:
        _cache().set(name, (expires, value), TTL)
    except Exception:  # noqa: BLE001
        log.warning("community cache unavailable", exc_info=True)


# --- invalidation -----------------------------------------------------------------------------


def _scopes(sender, instance) -> tuple[str, ...]:
    """What a write of ``instance`` changes (empty: it may change any page)."""
    from upward.web.community import models

    if sender is models.Story:
        return (STORIES, story_scope(instance.pk))
    if sender in (models.StoryComment, models.Reaction):
        return (STORIES, story_scope(instance.story_id))
    if sender in (models.Thread, models.Reply):
        return (DISCUSSIONS,)
    if sender is models.Story.tags.through and isinstance(instance, models.Story):
        return (STORIES, story_scope(instance.pk))
    return ()


def _changed(sender, instance=None, **kwargs) -> None:
    bump(*_scopes(sender, instance))


def connect_signals() -> None:
    """Bump the content versions on every save or delete of what the pages show.
    (The few services that write with ``QuerySet.update`` call ``bump`` themselves.)"""
    from upward.web.community import models
    from upward.web.core.people import public_details_changed

    for model in (models.Story, models.StoryComment, models.Reaction, models.ReactionKind,
                  models.Tag, models.Thread, models.Reply, models.Category):
        post_save.connect(_changed, sender=model, dispatch_uid=f"community-cache-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"community-cache-d-{model}")
    # Names, profiles and career timelines (accounts'), and deleted people: every page.
    public_details_changed.connect(_changed, dispatch_uid="community-cache-people")
    m2m_changed.connect(_changed, sender=models.Story.tags.through,
                        dispatch_uid="community-cache-story-tags")


# --- placeholders ------------------------------------------------------------------------------

# What differs per person on a shared page — their name and unread count in the site
# chrome, their CSRF token in every form — is rendered as placeholders and filled in
# for each viewer. The placeholders hold a random token drawn afresh for every
# rendering and never sent to anyone, and the HTML is cut at them once, right after it
# is rendered: filling in never searches the HTML again, so text a member wrote (a
# story, comment, reply, display name or search query) can never be taken for one.
NAME, UNREAD, CSRF = "name", "unread", "csrf"


class Holes(NamedTuple):
    """HTML cut where its template put a per-viewer value: ``parts[0]``, the value for
    ``slots[0]``, ``parts[1]``, … (one more part than slots)."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    def fill(self, values: dict[str, str]) -> str:
        """The HTML with ``values`` (by slot) in the holes, in one pass."""
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out.append(values[slot])
            out.append(part)
        return "".join(out)


class Placeholders:
    """The placeholders of one rendering, and how to cut its HTML at them."""

    def __init__(self) -> None:
        token = secrets.token_hex(16)
        self.name, self.unread, self.csrf = (f"upw{token}{slot}" for slot in (NAME, UNREAD, CSRF))
        self._pattern = re.compile(f"upw{token}({NAME}|{UNREAD}|{CSRF})")

    def cut(self, html: str) -> Holes:
        pieces = self._pattern.split(html)
        return Holes(tuple(pieces[0::2]), tuple(pieces[1::2]))


def render_with_placeholders(render) -> Holes:
    """``render(placeholders)``'s HTML, cut at its placeholders (for a cached fragment)."""
    placeholders = Placeholders()
    return placeholders.cut(render(placeholders))


# --- whole pages --------------------------------------------------------------------------------


class _Someone:
    """The signed-in person a shared page is rendered for: placeholders only."""

    is_authenticated = True
    is_anonymous = False
    pk = id = None

    def __init__(self, display_name: str) -> None:
        self.display_name = display_name


def _roles(request) -> str:
    from upward.web.core.permissions import user_roles

    return ",".join(sorted(user_roles(request.user)))


def may_share(request) -> bool:
    """Whether this request may get a shared page: signed in, no flash messages."""
    from django.contrib.messages import get_messages

    return bool(getattr(request.user, "is_authenticated", False)) \
        and not len(get_messages(request))


def page_key(request, version: str, parts: tuple) -> str:
    return key("page", version, request.path, request.GET.urlencode(), _roles(request), *parts)


def placeholder_context() -> dict:
    """Template context that renders the site chrome for no one in particular."""
    placeholders = Placeholders()
    return {"user": _Someone(placeholders.name), "csrf_token": placeholders.csrf,
            "unread_placeholder": placeholders.unread, "messages": (),
            "placeholders": placeholders}


def cut(context: dict, html: str) -> Holes:
    """``html``, rendered with ``context`` from :func:`placeholder_context`, cut at its
    placeholders."""
    return context["placeholders"].cut(html)


def shared_page(request, parts: tuple, build, *, version: str | None, extra=None):
    """A whole page shared by every viewer with the same roles and ``parts``, as
    ``(Holes, extra)``.

    The caller decides that the page's content is the same for this viewer as for
    anyone with the same ``parts`` (and has checked visibility); what differs per
    person in the site chrome — their name, unread count, CSRF token, flash
    messages — is rendered as placeholders and filled in by :func:`fill`.
    ``build(context)`` renders the page with ``context`` added. Returns None (render
    normally) when caching is off, the request carries flash messages or the built
    page is not a 200. ``extra`` is stored with the page and returned with it."""
    if not version or not may_share(request):
        return None
    name = page_key(request, version, parts)
    stored = get(name)
    if stored is None:
        context = placeholder_context()
        response = build(context)
        if response.status_code != 200:
            return None
        stored = (cut(context, response.content.decode()),
                  extra() if callable(extra) else extra)
        put(name, stored)
    return stored


def csrf_value(request, extra: dict | None = None) -> str:
    """The CSRF token to put in a fragment: the page's placeholder when ``extra`` is a
    :func:`placeholder_context`, else this request's token."""
    if extra and "placeholders" in extra:
        return extra["placeholders"].csrf
    from django.middleware.csrf import get_token

    return get_token(request)


def fill(request, page: Holes):
    """A shared page with this viewer's name, unread count and CSRF token."""
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.utils.html import escape

    from upward.web.community.selectors.notifications import name_and_unread
    from upward.web.community.templatetags.community import unread_badge_html

    name, unread = name_and_unread(viewer=request.user)
    values = {NAME: escape(name)}
    if UNREAD in page.slots:
        values[UNREAD] = unread_badge_html(request.user, unread)
    if CSRF in page.slots:
        values[CSRF] = get_token(request)
    return HttpResponse(page.fill(values))

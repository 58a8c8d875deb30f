"""A shared cache for the community's pages: rendered HTML, never a decision.

What is cached is what every member of one audience would see the same way —
the story cards of a feed page, a story's article, its published comments, a
search's ranked hits — rendered without a viewer (no “you” tag, no CSRF token:
a placeholder stands in for it). Who may see what is still decided on every
request, in the database, by the selectors: a cached feed page or search page is
used only when a fresh query confirms that every post on it is visible to this
viewer (withdrawn, hidden, muted and the viewer's own posts all fail the check
and the page is built afresh); a story page always fetches its story through
``story_get_for_viewer``.

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
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

log = logging.getLogger(__name__)

VERSION_KEY = "community:content-version"
TTL = 300
CSRF_PLACEHOLDER = "__upward_csrf_placeholder__"


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
    raw = "\x1f".join(str(p) for p in parts)
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


def with_csrf(html: str, request) -> str:
    """Put this request's CSRF token where the cached HTML has the placeholder."""
    if CSRF_PLACEHOLDER not in html:
        return html
    from django.middleware.csrf import get_token

    return html.replace(CSRF_PLACEHOLDER, get_token(request))


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
    from upward.web.accounts.models import CareerEntry, Profile, User
    from upward.web.community import models

    for model in (models.Story, models.StoryComment, models.Reaction, models.ReactionKind,
                  models.Tag, models.Thread, models.Reply, models.Category, Profile,
                  CareerEntry):
        post_save.connect(_changed, sender=model, dispatch_uid=f"community-cache-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"community-cache-d-{model}")
    # Not on every save of a user: signing in saves ``last_login``.
    post_delete.connect(_changed, sender=User, dispatch_uid="community-cache-d-user")
    m2m_changed.connect(_changed, sender=models.Story.tags.through,
                        dispatch_uid="community-cache-story-tags")


# --- whole pages --------------------------------------------------------------------------------

NAME_PLACEHOLDER = "__upward_viewer_name__"
UNREAD_PLACEHOLDER = "__upward_unread_badge__"


class _Someone:
    """The signed-in person a shared page is rendered for: placeholders only."""

    is_authenticated = True
    is_anonymous = False
    display_name = NAME_PLACEHOLDER
    pk = id = None


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


def shared_page(request, parts: tuple, build, *, version: str | None, extra=None):
    """A whole page (HTML) shared by every viewer with the same roles and ``parts``.

    The caller decides that the page's content is the same for this viewer as for
    anyone with the same ``parts`` (and has checked visibility); what differs per
    person in the site chrome — their name, unread count, CSRF token, flash
    messages — is rendered as placeholders and filled in here. ``build(context)``
    renders the page with ``context`` added. Returns None (render normally) when
    caching is off or the request carries flash messages. ``extra`` is stored with
    the page and returned with it as ``(response, extra)``."""
    if not version or not may_share(request):
        return None
    name = page_key(request, version, parts)
    stored = get(name)
    if stored is None:
        response = build({"user": _Someone(), "csrf_token": CSRF_PLACEHOLDER,
                          "unread_placeholder": True, "messages": ()})
        if response.status_code != 200:
            return None
        stored = (response.content.decode(), extra() if callable(extra) else extra)
        put(name, stored)
    return stored


def fill(request, html: str):
    """A shared page's HTML with this viewer's name, unread count and CSRF token."""
    from django.http import HttpResponse
    from django.utils.html import escape

    from upward.web.community.selectors.notifications import name_and_unread
    from upward.web.community.templatetags.community import unread_badge_html

    name, unread = name_and_unread(viewer=request.user)
    html = html.replace(NAME_PLACEHOLDER, escape(name))
    if UNREAD_PLACEHOLDER in html:
        html = html.replace(UNREAD_PLACEHOLDER, unread_badge_html(request.user, unread))
    return HttpResponse(with_csrf(html, request))

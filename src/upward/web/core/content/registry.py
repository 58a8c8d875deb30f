"""The content registry: how an app's models plug into the shared platform — search,
flags and the review queue, notifications — without core importing the app.

An app registers each kind of content once, from its ``AppConfig.ready()``::

    from upward.web.core.content.registry import register

    register(Story, key="story", label="story",
             searchable=StorySearch(), flaggable=StoryFlags(), notifiable=StoryLinks())

Each adapter is a small object the app writes (in its own module, next to its
selectors and services) that answers core's questions about that kind of content:
who may read it, what text search indexes, where it lives, how to hide it until a
moderator looks. The protocols below say what each must offer; ``register`` checks
it at start-up and names what is missing.

Core keeps references as ``(content type, object id)`` (Django's contenttypes), so
one ``Flag`` or ``SearchEntry`` table serves every app. Content is expected to be
*authored* the way :mod:`upward.web.core.content.identity` reads it: ``author``
(a user or None), ``author_id`` and ``is_anonymous``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

# --- what search needs ---------------------------------------------------------------


@dataclass(frozen=True)
class SearchDocument:
    """The text of one object as search sees it. ``author_name`` is the name a search
    may match: leave it empty for anonymous content (``identity.indexed_author_name``)."""

    title: str
    text: str
    author_name: str = ""


@dataclass(frozen=True)
class SearchFacts:
    """What a result shows besides the matched text."""

    url: str
    when: datetime | None  # shown through ``identity.shown_time`` (to the day if anonymous)
    context: str = ""  # e.g. a story's tags, a discussion's category


@runtime_checkable
class Searchable(Protocol):
    """A kind of content people can find with the one search.

    ``filters`` names the filters (beyond the query and the kind) it understands, e.g.
    ``frozenset({"tag"})``; a search using any other filter leaves this kind out.
    Visibility is never stored in the index: ``visible_ids`` is asked on every search,
    so content that was withdrawn or hidden a moment ago is not found.
    """

    filters: frozenset[str]

    def document(self, obj: Any) -> SearchDocument:
        """The searchable text of ``obj`` (called when it is written)."""

    def visible_ids(self, *, viewer: Any, ids: list[int], filters: dict[str, str]) -> set[int]:
        """Those of ``ids`` that ``viewer`` may read now, narrowed by ``filters``."""

    def results(self, ids: list[int]) -> dict[int, Any]:
        """The objects with these ids, loaded for result rows (bylines, context)."""

    def facts(self, obj: Any) -> SearchFacts:
        """Where a result links to, its time and context."""

    def everything(self) -> Iterable[Any]:
        """Every object to index, loaded for ``document`` (rebuilding the index)."""

    def named_by(self, user_id: int) -> QuerySet:
        """The ids (a ``values("pk")`` queryset) of objects whose indexed author name
        is this person's: re-indexed when they change their display name."""


# --- what flags and the review queue need ----------------------------------------------


@dataclass(frozen=True)
class ReviewFacts:
    """How the review queue shows one object."""

    title: str
    text: str
    url: str
    history_url: str | None = None  # earlier versions, for moderators


@runtime_checkable
class Flaggable(Protocol):
    """A kind of content members can report to the moderators.

    Flags from enough different people hide it until a moderator looks
    (``UPWARD_COMMUNITY_FLAGS_TO_HIDE``); a moderator dismissing the flags shows it
    again. Nobody flags their own content or moderates it.
    """

    def get_for_reader(self, *, viewer: Any, pk: int) -> Any:
        """The object, if ``viewer`` may read it (to flag it); ``Http404`` otherwise."""

    def can_flag(self, *, viewer: Any, obj: Any) -> bool:
        """Whether ``viewer`` may read ``obj`` now and it is live (not held or hidden)."""

    def get_for_moderation(self, *, pk: int) -> Any:
        """The object for a moderator acting on it, or None."""

    def for_review(self, ids: list[int]) -> Iterable[Any]:
        """The objects with these ids, loaded for the review queue."""

    def review(self, obj: Any) -> ReviewFacts:
        """How the review queue shows ``obj``."""

    def hide_until_reviewed(self, obj: Any, *, reason: str) -> bool:
        """Hide ``obj`` until a moderator looks (``obj`` is locked for writing). False
        when it was hidden already."""

    def show_after_review(self, obj: Any) -> bool:
        """Show ``obj`` again if only flags had hidden it. Whether it changed."""


# --- what notifications need -----------------------------------------------------------


@runtime_checkable
class Notifiable(Protocol):
    """A kind of content people are told about (``notify_about``): the notification
    links to it, and names whoever caused it only if the content is named."""

    def url(self, obj: Any) -> str:
        """Where a notification about ``obj`` takes the person (a path)."""


# --- the registry ----------------------------------------------------------------------


@dataclass(frozen=True)
class ContentKind:
    """One registered kind of content."""

    key: str  # in URLs, the API and search results: "story", "thread", …
    model: type[Model]
    label: str  # how people call one: "story", "discussion"
    audit_prefix: str  # audit actions about it are "<prefix>.hide", "<prefix>.flags"
    searchable: Searchable | None = None
    flaggable: Flaggable | None = None
    notifiable: Notifiable | None = None


_KEY = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
_KINDS: dict[str, ContentKind] = {}
_BY_MODEL: dict[type, ContentKind] = {}
_PROTOCOLS = {"searchable": Searchable, "flaggable": Flaggable, "notifiable": Notifiable}


def _missing(adapter, protocol) -> list[str]:
    needed = [name for name in dir(protocol) if not name.startswith("_")]
    needed += list(getattr(protocol, "__annotations__", {}))
    return sorted({name for name in needed if not hasattr(adapter, name)})


def register(model: type[Model], *, key: str, label: str, audit_prefix: str | None = None,
             searchable: Searchable | None = None, flaggable: Flaggable | None = None,
             notifiable: Notifiable | None = None) -> ContentKind:
    """Register ``model`` as a kind of content (call once, from ``AppConfig.ready``).

    Registering the same model again under the same key replaces it (Django may call
    ``ready`` twice in tests); anything else that clashes is an error."""
    if not _KEY.match(key):
        raise ImproperlyConfigured(f"Content key {key!r}: use lower-case letters, digits and "
                                   "underscores, starting with a letter (at most 30).")
    clash = _KINDS.get(key)
    if clash is not None and clash.model is not model:
        raise ImproperlyConfigured(f"Content key {key!r} is already used by "
                                   f"{clash.model._meta.label}.")
    if model in _BY_MODEL and _BY_MODEL[model].key != key:
        raise ImproperlyConfigured(f"{model._meta.label} is already registered as "
                                   f"{_BY_MODEL[model].key!r}.")
    adapters = {"searchable": searchable, "flaggable": flaggable, "notifiable": notifiable}
    for role, adapter in adapters.items():
        if adapter is not None:
            missing = _missing(adapter, _PROTOCOLS[role])
            if missing:
                raise ImproperlyConfigured(
                    f"{model._meta.label} {role}: {type(adapter).__name__} lacks "
                    f"{', '.join(missing)}.")
    kind = ContentKind(key=key, model=model, label=label,
                       audit_prefix=audit_prefix or model._meta.app_label, **adapters)
    _KINDS[key] = kind
    _BY_MODEL[model] = kind
    return kind


def unregister(key: str) -> None:
    """Forget a kind (for tests that register one of their own)."""
    kind = _KINDS.pop(key, None)
    if kind is not None:
        _BY_MODEL.pop(kind.model, None)


def content_kind(key: str) -> ContentKind | None:
    return _KINDS.get(key)


def kind_of(obj_or_model: Model | type[Model]) -> ContentKind:
    """The kind ``obj_or_model`` was registered as (``LookupError`` if it was not)."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    model = getattr(model._meta, "concrete_model", model)
    try:
        return _BY_MODEL[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered as content "
                          "(upward.web.core.content.registry.register).") from None


def content_kinds(*, searchable: bool = False, flaggable: bool = False,
                  notifiable: bool = False) -> list[ContentKind]:
    """Registered kinds, in registration order, offering every role asked for."""
    return [kind for kind in _KINDS.values()
            if (not searchable or kind.searchable is not None)
            and (not flaggable or kind.flaggable is not None)
            and (not notifiable or kind.notifiable is not None)]

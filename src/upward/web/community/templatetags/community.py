
"""Template helpers for community pages. Bylines come only from here, so a template
cannot show a post's author by mistake."""

from __future__ import annotations

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from upward.web.community.access import links_people
from upward.web.community.selectors.notifications import unread_count, unread_for_header
from upward.web.core.content import identity
from upward.web.core.content.rendering import mentions_unlinked

register = template.Library()


def _link_people(context) -> bool:
    # A fragment rendered for no one in particular (and shared by the cache) says
    # whether it links names in ``link_people``; otherwise it is for the request's viewer.
    chosen = context.get("link_people")
    if chosen is not None:
        return bool(chosen)
    return links_people(getattr(context.get("request"), "user", None))


@register.inclusion_tag("community/_byline.html", takes_context=True)
def byline(context, post, author_badge: str = ""):
    """“by <name>” (linked for named authors, to viewers who may see people), or
    “Anonymous member”."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {"line": identity.byline(post, viewer), "author_badge": author_badge,
            "link": _link_people(context)}


@register.inclusion_tag("community/_byline.html", takes_context=True)
def show_byline(context, line, author_badge: str = ""):
    """Render a byline a selector already worked out."""
    return {"line": line, "author_badge": author_badge, "link": _link_people(context)}


@register.simple_tag(takes_context=True)
def post_html(context, rendered: str) -> str:
    """A post's rendered text (sanitised when it was saved), its @mentions linked to
    profiles only for viewers who may see people (see ``_link_people``)."""
    rendered = rendered or ""
    return mark_safe(rendered if _link_people(context)  # noqa: S308 — sanitised on save
                     else mentions_unlinked(rendered))


@register.simple_tag
def post_time(when, anonymous, fmt: str = "j M Y") -> str:
    """``<time>`` for ``when`` in format ``fmt``; for something anonymous (``anonymous``:
    a bool, or a post, byline or notification) only its day, in the text and in the
    ``datetime`` attribute (see ``identity.shown_time``)."""
    if when is None:
        return ""
    when = timezone.localtime(when)
    if identity.day_only(anonymous):
        day = when.date()
        return format_html('<time datetime="{}">{}</time>', day.isoformat(),
                           dateformat.format(day, fmt.replace(", H:i", "")))
    return format_html('<time datetime="{}">{}</time>', when.isoformat(),
                       dateformat.format(when, fmt))


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    return unread_count(viewer=getattr(request, "user", None))


def unread_badge_html(viewer, unread: int | None = None) -> str:
    unread = unread_for_header(viewer=viewer) if unread is None else unread
    if not unread:
        return ""
    return format_html(' <span class="count">{}<span class="visually-hidden"> unread</span>'
                       '</span>', unread)


@register.simple_tag(takes_context=True)
def unread_badge(context) -> str:
    """The unread count after "Notifications" (a placeholder in a shared page)."""
    placeholder = context.get("unread_placeholder")
    if placeholder:
        return placeholder  # letters and digits: the same escaped or not
    request = context.get("request")
    return unread_badge_html(getattr(request, "user", None))


@register.filter
def public_name(post) -> str:
    """The name anyone may see for a post (no link): for public pages."""
    return identity.public_name(post)


@register.inclusion_tag("community/_conversation_control.html", takes_context=True)
def conversation_control(context, profile, name: str):
    """"Ask for a conversation" on someone else's profile (for network members), or the
    request the viewer made of them lately."""
    from upward.web.community.access import is_network_member
    from upward.web.community.selectors.conversations import conversation_last_asked

    request = context.get("request")
    viewer = getattr(request, "user", None)
    shown = is_network_member(viewer) and profile.user_id != viewer.pk
    return {
        "shown": shown, "profile": profile, "name": name,
        "earlier": conversation_last_asked(viewer=viewer, recipient_id=profile.user_id)
        if shown else None,
    }


@register.inclusion_tag("community/_mute_control.html", takes_context=True)
def mute_control(context, profile, name: str):
    """Mute or unmute the person whose profile this is (for anyone else signed in:
    everyone in the organisation takes part in organisation-wide discussions)."""
    from upward.web.community.selectors.stories import muted_ids

    request = context.get("request")
    viewer = getattr(request, "user", None)
    shown = bool(getattr(viewer, "is_authenticated", False)) and profile.user_id != viewer.pk
    return {
        "shown": shown, "profile": profile, "name": name, "request": request,
        "csrf_token": context.get("csrf_token"),
        "muted": shown and muted_ids(viewer.pk).filter(muted_id=profile.user_id).exists(),
    }

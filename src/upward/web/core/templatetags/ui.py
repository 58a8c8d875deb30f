"""Template helpers for the design system's components."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def query_with(request, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()

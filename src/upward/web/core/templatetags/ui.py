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


@register.simple_tag
def form_element_id(base: str, form) -> str:
    """An id for an element that belongs to ``form`` (its error summary's heading), unique
    on a page that shows several forms: the base, then the form's prefix or class."""
    name = form.prefix or type(form).__name__
    return f"{base}-{''.join(c if c.isalnum() else '-' for c in name.lower())}"

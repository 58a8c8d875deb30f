"""Template helpers for the design system's components."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    """Render a field's input with ``aria-describedby`` for its hint and error,
    and ``aria-invalid`` when it has an error."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def query_with(request, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()

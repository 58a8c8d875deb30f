"""``{{ value|in_zone:event.time_zone }}``: a UTC time as the event's local time."""

from django import template
from django.utils import timezone

from upward.web.events.occurrences import local, next_occurrence

register = template.Library()


@register.filter
def in_zone(value, time_zone: str):
    return local(value, time_zone) if value else value


@register.filter
def next_start(event):
    """When a list shows the event: a series' next date (its first, once it is over)."""
    upcoming = next_occurrence(event, timezone.now()) if event.is_series else None
    return upcoming.starts_at if upcoming else event.starts_at


@register.filter
def markdown(source: str):
    """Sanitised HTML from Markdown (core rendering cleans it with nh3)."""
    from django.utils.safestring import mark_safe

    from upward.web.core.content.rendering import render_markdown

    return mark_safe(render_markdown(source or ""))  # noqa: S308 (sanitised by nh3)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None

"""Template helpers for the insights pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from upward.reports.charts import render_chart

register = template.Library()


@register.simple_tag
def insights_chart(table, prefix: str = "chart"):
    """The table's accessible SVG chart. Safe: built by our code with every text escaped."""
    return mark_safe(render_chart(table, id_prefix=prefix))  # noqa: S308

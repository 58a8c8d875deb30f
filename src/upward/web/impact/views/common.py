"""What the impact pages share: the year being looked at."""

from __future__ import annotations

from django.utils import timezone

from upward.web.impact.models import FIRST_YEAR, LAST_YEAR


def year_from(request, name: str = "year") -> int:
    """The year asked for in the query string, or this year (a bad value: this year)."""
    text = request.GET.get(name, "")
    if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return timezone.localdate().year

"""Periods of whole days as UK people count them: a day runs from midnight to midnight
in Europe/London, so a period's edges move with BST and GMT. Reports, KPIs and totals
over "1 January to 31 December" all turn dates into times here."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")


def uk_days(start: date, end: date) -> tuple[datetime, datetime]:
    """The half-open range of times ``[start 00:00, the day after end 00:00)`` in UK time:
    every moment of the days from ``start`` to ``end``, both included.

    >>> low, high = uk_days(date(2026, 6, 1), date(2026, 6, 30))
    >>> low.isoformat(), high.isoformat()
    ('2026-06-01T00:00:00+01:00', '2026-07-01T00:00:00+01:00')
    """
    return (datetime.combine(start, time.min, tzinfo=UK_TIME),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=UK_TIME))

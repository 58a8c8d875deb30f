"""When an event happens: its occurrences, worked out in the event's own time zone.

A series is stored as an RRULE without DTSTART. The rule is expanded from the first
start *as a wall-clock time in the event's zone* (a ``zoneinfo`` aware datetime), so
each occurrence keeps the local time — 18:00 in London is 17:00 UTC in summer and 18:00
UTC in winter. UNTIL is written in UTC, as RFC 5545 requires when DTSTART has a TZID.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil.rrule import rrulestr

#: How often a series may repeat (form choice → RRULE part).
REPEATS = {"weekly": "FREQ=WEEKLY", "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
           "monthly": "FREQ=MONTHLY"}
MAX_OCCURRENCES = 60


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime  # aware, UTC
    ends_at: datetime


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"Unknown time zone {name!r}.") from error


def is_time_zone(name: str) -> bool:
    return name in available_timezones()


def local_to_utc(day: date, at: time, time_zone: str) -> datetime:
    """``day`` at ``at`` in ``time_zone`` as UTC. A time the clocks skip (01:30 on the
    March change in London) raises ValueError; an hour that happens twice is taken the
    first time."""
    tz = zone(time_zone)
    local = datetime.combine(day, at, tzinfo=tz)
    back = local.astimezone(UTC).astimezone(tz)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError(f"{at:%H:%M} does not exist on {day:%-d %B %Y} in {time_zone}: "
                         "the clocks go forward then.")
    return local.astimezone(UTC)


def recurrence_rule(repeat: str, *, count: int | None = None,
                    until: date | None = None, time_zone: str = "UTC") -> str:
    """The RRULE for a form's choice: ``until`` is a last day, in the event's zone."""
    if not repeat:
        return ""
    if repeat not in REPEATS:
        raise ValueError(f"Unknown repeat {repeat!r}: choose one of {', '.join(REPEATS)}.")
    if (count is None) == (until is None):
        raise ValueError("A series ends after a number of times or on a date (one of them).")
    if count is not None:
        return f"{REPEATS[repeat]};COUNT={count}"
    end_of_day = datetime.combine(until, time(23, 59, 59), tzinfo=zone(time_zone))
    return f"{REPEATS[repeat]};UNTIL={end_of_day.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def occurrences(*, starts_at: datetime, ends_at: datetime, time_zone: str,
                recurrence: str = "") -> list[Occurrence]:
    """Every occurrence (at most ``MAX_OCCURRENCES``), in order, as UTC."""
    length = ends_at - starts_at
    if not recurrence:
        return [Occurrence(starts_at.astimezone(UTC), ends_at.astimezone(UTC))]
    first = starts_at.astimezone(zone(time_zone))
    rule = rrulestr(recurrence, dtstart=first)
    found = []
    for start in rule:
        # dateutil keeps the wall-clock fields and the zone; the offset follows the date
        start_utc = start.astimezone(UTC)
        found.append(Occurrence(start_utc, start_utc + length))
        if len(found) >= MAX_OCCURRENCES:
            break
    return found


def event_occurrences(event) -> list[Occurrence]:
    return occurrences(starts_at=event.starts_at, ends_at=event.ends_at,
                       time_zone=event.time_zone, recurrence=event.recurrence)


def occurrences_between(event, start: datetime, end: datetime) -> list[Occurrence]:
    """Occurrences starting in (start, end]."""
    return [o for o in event_occurrences(event) if start < o.starts_at <= end]


def next_occurrence(event, now: datetime) -> Occurrence | None:
    """The occurrence happening now or next (None when the series is over)."""
    return next((o for o in event_occurrences(event) if o.ends_at > now), None)


def local(value: datetime, time_zone: str) -> datetime:
    return value.astimezone(zone(time_zone))


REMINDER_AHEAD = timedelta(hours=24)

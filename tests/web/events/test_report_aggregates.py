"""events_report: events held in a period and who came, for the impact report — raw
counts equal to a hand count."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from upward.web.events.models import RSVP, EventStatus, RSVPStatus
from upward.web.events.selectors import events_report

from .helpers import make_event, members

pytestmark = pytest.mark.django_db

LOW, HIGH = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _rsvp(event, who, *, status=RSVPStatus.CONFIRMED, attended=None):
    return RSVP.objects.create(event=event, person=who, status=status, attended=attended)


def test_counts_equal_a_hand_count():
    ann, bo, cy, di = members(4)
    breakfast = make_event(starts_at=datetime(2025, 3, 4, 8, tzinfo=UTC))
    talk = make_event(starts_at=datetime(2025, 11, 4, 18, tzinfo=UTC))
    cancelled = make_event(starts_at=datetime(2025, 5, 4, 18, tzinfo=UTC))
    cancelled.status = EventStatus.CANCELLED
    cancelled.save(update_fields=["status"])
    later = make_event(starts_at=datetime(2026, 1, 4, 18, tzinfo=UTC))
    _rsvp(breakfast, ann, attended=True)
    _rsvp(breakfast, bo)  # not marked: counted
    _rsvp(breakfast, cy, attended=False)  # marked absent
    _rsvp(breakfast, di, status=RSVPStatus.WAITLISTED)
    _rsvp(talk, ann)
    _rsvp(cancelled, bo)
    _rsvp(later, cy)

    found = events_report(start_at=LOW, end_at=HIGH, now=NOW)
    assert found.events_held == 2  # breakfast and talk
    assert (found.attendances, found.attendees) == (3, 2)  # ann twice, bo once
    # an event not yet over has not been held
    early = events_report(start_at=LOW, end_at=HIGH, now=datetime(2025, 6, 1, tzinfo=UTC))
    assert (early.events_held, early.attendances, early.attendees) == (1, 2, 2)

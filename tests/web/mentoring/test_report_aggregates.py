"""mentoring_report: every programme's counts for a period, for the impact report — raw
counts equal to a hand count on a small fixture, bounded by UK dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from upward.web.mentoring.models import Feedback, Meeting, PairStatus, Side
from upward.web.mentoring.selectors.report import mentoring_report

from .pairs_factories import make_pair, programme

pytestmark = pytest.mark.django_db

START, END = date(2025, 1, 1), date(2025, 12, 31)


def _pair(prog, started: datetime, *, ended: datetime | None = None, reason: str = ""):
    pair = make_pair(prog)
    pair.started_at = started
    if ended is not None:
        pair.status, pair.ended_at, pair.end_reason = PairStatus.ENDED, ended, reason
    pair.save()
    return pair


def _feedback(pair, satisfaction: int, when: datetime, side=Side.MENTEE):
    author = (pair.mentee if side == Side.MENTEE else pair.mentor).user
    Feedback.objects.create(pair=pair, author=author, side=side, satisfaction=satisfaction,
                            created_at=when)


def test_counts_equal_a_hand_count_within_the_year():
    one, two = programme(), programme()
    # 31 December 2024 23:30 UTC is still 2024 in London; 31 Dec 2025 23:30 UTC is 2025
    a = _pair(one, datetime(2025, 2, 1, tzinfo=UTC), ended=datetime(2025, 9, 1, tzinfo=UTC),
              reason="completed")
    b = _pair(two, datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
              ended=datetime(2025, 12, 31, 23, 45, tzinfo=UTC), reason="no_time")
    c = _pair(one, datetime(2024, 12, 31, 23, 30, tzinfo=UTC),
              ended=datetime(2025, 6, 1, tzinfo=UTC), reason="goals_met")
    _pair(two, datetime(2026, 1, 1, 0, 0, tzinfo=UTC))  # a later year
    for pair, day in ((a, date(2025, 3, 1)), (a, date(2025, 4, 1)), (c, date(2025, 1, 1)),
                      (c, date(2024, 12, 31)), (b, date(2026, 1, 1))):
        Meeting.objects.create(pair=pair, held_on=day)
    _feedback(a, 5, datetime(2025, 9, 2, tzinfo=UTC))
    _feedback(a, 2, datetime(2025, 9, 2, tzinfo=UTC), side=Side.MENTOR)
    _feedback(c, 4, datetime(2025, 6, 2, tzinfo=UTC))
    _feedback(b, 1, datetime(2026, 1, 2, tzinfo=UTC))  # a later year

    found = mentoring_report(start=START, end=END)
    assert found.pairs_started == 2  # a and b
    assert (found.meetings_logged, found.pairs_meeting) == (3, 2)  # a twice, c once
    assert (found.pairs_ended, found.pairs_ended_positive) == (3, 2)  # a and c ended well
    assert found.feedback_people == 3
    assert found.mean_satisfaction == pytest.approx(11 / 3)
    assert found.promotions is None  # no HR snapshots
    assert found.promotions_since == date(2025, 2, 1)


def test_an_empty_year_is_all_zeros():
    found = mentoring_report(start=START, end=END)
    assert (found.pairs_started, found.meetings_logged, found.pairs_ended,
            found.feedback_people) == (0, 0, 0, 0)
    assert found.mean_satisfaction is None and found.promotions_since is None

"""awards_report: entries, finalists and winners of the cycles whose winners were
announced in a period, published cycles only, for the impact report."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from upward.web.awards.models import EntryStatus, Outcome
from upward.web.awards.selectors.report import awards_report
from upward.web.awards.services.setup import cycle_save

from .builders import category, cycle_dates
from .results_builders import entries

pytestmark = pytest.mark.django_db

LOW, HIGH = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)


def _cycle(admin, name, opens: datetime, *, published=True):
    found = cycle_save(actor=admin, name=name, **cycle_dates(opens))
    if published:
        found.results_published_at = found.winners_announced_at
        found.save(update_fields=["results_published_at"])
    return found


def _set(entry, **fields):
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()


def test_counts_equal_a_hand_count(personas):
    admin = personas["admin"]
    this_year = _cycle(admin, "Awards 2025", datetime(2025, 3, 1, tzinfo=UTC))
    unpublished = _cycle(admin, "Awards 2025 autumn", datetime(2025, 9, 1, tzinfo=UTC),
                         published=False)
    last_year = _cycle(admin, "Awards 2024", datetime(2024, 3, 1, tzinfo=UTC))
    a, b, c, d, e = entries(category(admin, this_year), ["A", "B", "C", "D", "E"])
    _set(a, outcome=Outcome.WINNER)
    _set(b, outcome=Outcome.FINALIST)
    assert c.outcome == Outcome.NONE  # entered, not shortlisted
    _set(d, outcome=Outcome.FINALIST, status=EntryStatus.WITHDRAWN,
         withdrawn_at=datetime(2025, 5, 1, tzinfo=UTC))  # entered, then withdrew
    _set(e, status=EntryStatus.DRAFT, submitted_at=None)  # never submitted
    for entry in entries(category(admin, unpublished), ["F"], prefix="u"):
        _set(entry, outcome=Outcome.WINNER)
    entries(category(admin, last_year), ["G", "H"], prefix="l")

    found = awards_report(start_at=LOW, end_at=HIGH)
    assert found.cycles == ("Awards 2025",)
    assert (found.entries_submitted, found.people_entered) == (4, 4)  # a to d
    assert (found.finalists, found.winners) == (2, 1)  # a and b as published, not d
    assert awards_report(start_at=datetime(2024, 1, 1, tzinfo=UTC), end_at=LOW) \
        .entries_submitted == 2

"""Computed KPIs from mentoring, events, awards and insights, on small fixtures with
fixed dates: each value equals a hand count, a count of people below k is stored as
suppressed (never as a number), and the inputs hash is stable."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache

from upward.web.awards.models import EntryStatus, Outcome
from upward.web.awards.services.setup import cycle_save
from upward.web.events.models import RSVP, RSVPStatus
from upward.web.impact.kpis import REGISTRY, canonical_hash, computed_kpi
from upward.web.impact.models import KpiValue
from upward.web.impact.services import initiatives as services
from upward.web.insights.selectors import released_key_figures
from upward.web.mentoring.models import Feedback, Meeting, PairStatus, Side

from ..awards.builders import category, cycle_dates
from ..awards.results_builders import entries
from ..events.helpers import make_event, members
from ..insights.test_promotions_among import _import, _linked
from ..mentoring.pairs_factories import make_pair, programme
from .builders import initiative

pytestmark = pytest.mark.django_db

NEW_KEYS = ("mentoring_pairs_started", "mentoring_meetings", "mentoring_pairs_ended_well",
            "mentoring_satisfaction", "mentoring_mentees_promoted", "events_held",
            "events_attendances", "events_attendees", "awards_entries", "awards_finalists",
            "awards_winners", "insights_lower_share", "insights_lower_share_top_grade",
            "insights_pay_gap_mean", "insights_pay_gap_median")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # insights caches a release's figures by its id, and ids repeat from test to test
    cache.clear()
    yield
    cache.clear()


def _value(key: str, year: int = 2025):
    result = computed_kpi(key).compute(year)
    assert result.inputs_hash == canonical_hash(result.inputs)
    return result


def test_the_registry_has_the_new_entries():
    assert set(NEW_KEYS) <= set(REGISTRY)


@pytest.fixture
def mentoring_year(personas):
    """Ten pairs started 1 February 2025, all with mentees linked to HR: five ended well,
    five for lack of time; seven meetings over five pairs; five mentees' feedback; five
    mentees promoted between the snapshots of 31 January and 31 December 2025."""
    numbers = [f"E{i}" for i in range(1, 11)]
    _import(personas, {n: "G1" for n in numbers}, date(2025, 1, 31))
    _import(personas, {n: ("G2" if i < 5 else "G1") for i, n in enumerate(numbers)},
            date(2025, 12, 31))
    prog = programme()
    pairs = []
    for i, number in enumerate(numbers):
        pair = make_pair(prog, mentee=_linked(number))
        pair.started_at = datetime(2025, 2, 1, 9, tzinfo=UTC)
        pair.status, pair.ended_at = PairStatus.ENDED, datetime(2025, 10, 1, tzinfo=UTC)
        pair.end_reason = ("completed", "goals_met")[i % 2] if i < 5 else "no_time"
        pair.save()
        pairs.append(pair)
    for pair in pairs[:5]:
        Meeting.objects.create(pair=pair, held_on=date(2025, 3, 1))
    Meeting.objects.create(pair=pairs[0], held_on=date(2025, 4, 1))
    Meeting.objects.create(pair=pairs[0], held_on=date(2025, 5, 1))
    Meeting.objects.create(pair=pairs[1], held_on=date(2024, 5, 1))  # another year
    for pair, rating in zip(pairs[:5], (5, 4, 4, 3, 5), strict=True):
        Feedback.objects.create(pair=pair, author=pair.mentee.user, side=Side.MENTEE,
                                satisfaction=rating, created_at=datetime(2025, 10, 2,
                                                                         tzinfo=UTC))
    return pairs


def test_mentoring_kpis_equal_a_hand_count(settings, mentoring_year):
    settings.UPWARD_INSIGHTS_K = 5
    assert _value("mentoring_pairs_started").value == 10.0
    meetings = _value("mentoring_meetings")
    assert (meetings.value, meetings.inputs["pairs"]) == (7.0, 5)
    ended = _value("mentoring_pairs_ended_well")
    assert (ended.value, ended.inputs["pairs_ended"]) == (5.0, 10)
    assert _value("mentoring_satisfaction").value == 4.2
    promoted = _value("mentoring_mentees_promoted")
    assert (promoted.value, promoted.inputs["eligible"]) == (5.0, 10)
    assert promoted.inputs["since"] == "2025-02-01"
    assert _value("mentoring_pairs_started", 2024).value == 0.0
    # no pair started in 2024: no promotions to count, which is not a suppression
    nothing = _value("mentoring_mentees_promoted", 2024)
    assert (nothing.value, nothing.suppressed) == (None, False)


def test_mentoring_kpis_resting_on_fewer_than_k_are_suppressed(settings, mentoring_year):
    settings.UPWARD_INSIGHTS_K = 6
    assert _value("mentoring_pairs_started").value == 10.0
    for key, kept in (("mentoring_meetings", "pairs"), ("mentoring_pairs_ended_well",
                                                        "pairs_ended"),
                      ("mentoring_satisfaction", "people"),
                      ("mentoring_mentees_promoted", "eligible")):
        result = _value(key)
        assert (result.value, result.suppressed) == (None, True), key
        assert "value" not in result.inputs and kept not in result.inputs, key


@pytest.fixture
def events_year():
    people = members(5)
    breakfast = make_event(starts_at=datetime(2025, 3, 4, 8, tzinfo=UTC))
    talk = make_event(starts_at=datetime(2025, 11, 4, 18, tzinfo=UTC))
    for who in people:
        RSVP.objects.create(event=breakfast, person=who, status=RSVPStatus.CONFIRMED)
    for who in people[:3]:
        RSVP.objects.create(event=talk, person=who, status=RSVPStatus.CONFIRMED,
                            attended=True)
    RSVP.objects.create(event=talk, person=people[4], status=RSVPStatus.CONFIRMED,
                        attended=False)
    return breakfast, talk


def test_events_kpis_equal_a_hand_count_and_suppress_below_k(settings, events_year):
    settings.UPWARD_INSIGHTS_K = 5
    assert _value("events_held").value == 2.0
    assert _value("events_attendances").value == 8.0
    assert _value("events_attendees").value == 5.0
    settings.UPWARD_INSIGHTS_K = 6
    assert _value("events_held").value == 2.0  # events, not people
    for key in ("events_attendances", "events_attendees"):
        result = _value(key)
        assert (result.value, result.suppressed) == (None, True)
        assert "attendees" not in result.inputs


def test_awards_kpis_equal_a_hand_count_and_suppress_below_k(settings, personas):
    admin = personas["admin"]
    cycle = cycle_save(actor=admin, name="Awards 2025",
                       **cycle_dates(datetime(2025, 3, 1, tzinfo=UTC)))
    cycle.results_published_at = cycle.winners_announced_at
    cycle.save(update_fields=["results_published_at"])
    found = entries(category(admin, cycle), ["A", "B", "C", "D", "E"])
    for entry, outcome in zip(found[:3], (Outcome.WINNER, Outcome.FINALIST,
                                          Outcome.FINALIST), strict=True):
        entry.outcome = outcome
        entry.save()
    found[2].status, found[2].withdrawn_at = EntryStatus.WITHDRAWN, cycle.judging_ends_at
    found[2].save()
    settings.UPWARD_INSIGHTS_K = 5
    result = _value("awards_entries")
    assert (result.value, result.inputs["cycles"]) == (5.0, ["Awards 2025"])
    assert _value("awards_finalists").value == 2.0  # the withdrawn finalist is not shown
    assert _value("awards_winners").value == 1.0
    settings.UPWARD_INSIGHTS_K = 6
    hidden = _value("awards_entries")
    assert (hidden.value, hidden.suppressed) == (None, True) and "people" not in hidden.inputs
    assert _value("awards_finalists").value == 2.0  # published by name already
    assert _value("awards_entries", 2024).value == 0.0


def test_insights_kpis_are_the_released_figures(personas):
    from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
    from upward.web.insights.services import snapshot_import_file

    people = synthetic_people(600, seed=11, snapshot_date=date(2025, 3, 31))
    snapshot_import_file(actor=personas["analyst"], content=synthetic_csv(people),
                         source_name="hr.csv", snapshot_date=date(2025, 3, 31))
    figures = released_key_figures(start=date(2025, 1, 1), end=date(2025, 12, 31)).figures
    for key, figure in (("insights_lower_share", "lower_share"),
                        ("insights_lower_share_top_grade", "lower_share_top_grade"),
                        ("insights_pay_gap_mean", "mean_gap"),
                        ("insights_pay_gap_median", "median_gap")):
        result = _value(key)
        if figures[figure] is None:
            assert (result.value, result.suppressed) == (None, True), key
        else:
            assert result.value == round(figures[figure], 3) and not result.suppressed, key
        assert result.inputs.get("snapshot_date") in (None, "2025-03-31")
    assert 0 < _value("insights_lower_share").value < 1
    none = _value("insights_lower_share", 2024)  # no snapshot that year
    assert (none.value, none.suppressed) == (None, False)


def test_an_insight_the_release_withheld_is_stored_as_suppressed(admin, personas):
    # five people, none classified: insights publishes no share
    _import(personas, {f"E{i}": "G1" for i in range(5)}, date(2025, 3, 31))
    kpi = services.kpi_create(actor=admin, initiative=initiative(admin), name="Lower SEB",
                              kind="computed", computed_key="insights_lower_share")
    services.kpis_compute(actor=admin, year=2025)
    stored = KpiValue.objects.get(kpi=kpi, year=2025)
    assert (stored.actual, stored.actual_suppressed) == (None, True)
    assert stored.inputs["snapshot_date"] == "2025-03-31"


def test_inputs_hashes_are_stable(settings, events_year):
    settings.UPWARD_INSIGHTS_K = 5
    for key in NEW_KEYS:
        first, second = _value(key), _value(key)
        assert first.inputs_hash == second.inputs_hash and len(first.inputs_hash) == 64
    assert _value("events_held").inputs_hash != _value("events_held", 2024).inputs_hash

"""Computed KPIs against the other apps' selectors on small fixtures: the values, the
suppression below k (stored as suppressed, never as a number), and a stable inputs
hash."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from upward.web.community.services import story_create
from upward.web.demo.factories import person
from upward.web.impact.kpis import REGISTRY, canonical_hash, computed_kpi
from upward.web.impact.models import KpiValue
from upward.web.impact.services import initiatives as services

from ..outreach.test_impact import small_year
from .builders import initiative

pytestmark = pytest.mark.django_db


def _members(n: int, prefix: str = "m"):
    return [person(roles=["member"], email=f"{prefix}{i}@northbridge.example")
            for i in range(n)]


def test_every_entry_says_how_it_is_computed():
    for key, entry in REGISTRY.items():
        assert entry.key == key and entry.label and entry.unit
        assert len(entry.description) > 40
    with pytest.raises(KeyError, match="choose from"):
        computed_kpi("nope")


def test_network_members_suppressed_below_k_and_counted_from_k(settings, personas):
    settings.UPWARD_INSIGHTS_K = 10
    year = timezone.localdate().year
    # personas: member, moderator and lead are network members (3 < k)
    small = computed_kpi("network_members").compute(year)
    assert (small.value, small.suppressed) == (None, True)
    assert "value" not in small.inputs and 3 not in small.inputs.values()
    _members(9)
    big = computed_kpi("network_members").compute(year)
    assert (big.value, big.suppressed) == (12.0, False)
    assert big.inputs["k"] == 10 and big.inputs["period"] == [f"{year}-01-01", f"{year}-12-31"]
    before = computed_kpi("network_members").compute(year - 5)
    assert before.suppressed is False and before.value == 0.0  # nobody had joined: 0 is safe


def test_stories_published_in_the_year(settings):
    settings.UPWARD_INSIGHTS_K = 5
    authors = _members(5, "writer")
    for n, author in enumerate(authors):
        story_create(actor=author, submit=True, title=f"Story {n}", prompt_started="Hull.")
    year = timezone.localdate().year
    result = computed_kpi("stories_published").compute(year)
    assert (result.value, result.suppressed, result.inputs["authors"]) == (5.0, False, 5)
    assert computed_kpi("stories_published").compute(year - 1).value == 0.0
    settings.UPWARD_INSIGHTS_K = 6
    hidden = computed_kpi("stories_published").compute(year)
    assert hidden.suppressed and hidden.value is None and "authors" not in hidden.inputs


def test_outreach_kpis_match_the_outreach_selector(settings):
    small_year()  # 90 pupils in 2026, 30 at a priority school, 9.5 hours, 2 volunteers
    settings.UPWARD_INSIGHTS_K = 5
    assert computed_kpi("outreach_pupils").compute(2026).value == 90.0
    assert computed_kpi("outreach_priority_share").compute(2026).value == 0.333
    hours = computed_kpi("outreach_volunteer_hours").compute(2026)
    # hours rest on fewer than k volunteers: suppressed, and the count is not kept
    assert (hours.value, hours.suppressed) == (None, True)
    assert "volunteers" not in hours.inputs
    assert computed_kpi("outreach_pupils").compute(2025).value == 0.0
    assert computed_kpi("outreach_priority_share").compute(2025).value is None


def test_the_inputs_hash_is_stable_and_changes_with_the_inputs(settings):
    small_year()
    first = computed_kpi("outreach_pupils").compute(2026)
    second = computed_kpi("outreach_pupils").compute(2026)
    assert first.inputs_hash == second.inputs_hash == canonical_hash(first.inputs)
    assert len(first.inputs_hash) == 64
    assert canonical_hash({"b": 1, "a": [1, 2]}) == canonical_hash({"a": [1, 2], "b": 1})
    assert computed_kpi("outreach_pupils").compute(2025).inputs_hash != first.inputs_hash


def test_compute_stores_suppressed_values_without_a_number(settings, admin):
    settings.UPWARD_INSIGHTS_K = 10
    made = initiative(admin)
    kpi = services.kpi_create(actor=admin, initiative=made, name="Members", kind="computed",
                              computed_key="network_members")
    year = timezone.localdate().year
    assert services.kpis_compute(actor=admin, year=year) == 1
    stored = KpiValue.objects.get(kpi=kpi, year=year)
    assert (stored.actual, stored.actual_suppressed) == (None, True)
    assert stored.inputs_hash == canonical_hash(stored.inputs)
    _members(12)
    services.kpis_compute(actor=admin, year=year)
    stored.refresh_from_db()
    assert (stored.actual, stored.actual_suppressed) == (15, False)  # and 3 personas
    assert stored.computed_at <= timezone.now() and stored.computed_at > datetime(2020, 1, 1,
                                                                                  tzinfo=UTC)


def test_a_share_is_stored_to_the_places_the_database_keeps(admin):
    small_year()
    kpi = services.kpi_create(actor=admin, initiative=initiative(admin), name="Share",
                              kind="computed", computed_key="outreach_priority_share")
    services.kpis_compute(actor=admin, year=2026)
    assert KpiValue.objects.get(kpi=kpi, year=2026).actual == Decimal("0.333")

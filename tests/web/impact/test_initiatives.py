"""Initiatives and KPIs: created, changed and deleted by managers, audited, with yearly
values; a manual actual needs its evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from upward.web.core.audit import audit_entries
from upward.web.core.errors import ApplicationError
from upward.web.impact.models import Initiative, Kpi, KpiValue
from upward.web.impact.services import initiatives as services

from .builders import goal, initiative, manual_kpi

pytestmark = pytest.mark.django_db


def test_create_change_delete_are_audited(admin, lead):
    made = initiative(admin, budget_gbp=Decimal("12000"), owner=lead, status="planned")
    assert list(made.goals.all()) == [goal()]
    services.initiative_update(actor=lead, initiative=made, name="Schools outreach 2",
                               goals=[goal(), goal("levelling_up_goals", 2)],
                               status="active")
    made.refresh_from_db()
    assert (made.name, made.status, made.goals.count()) == ("Schools outreach 2", "active", 2)
    kpi = manual_kpi(admin, made)
    services.initiative_delete(actor=admin, initiative=made)
    assert not Initiative.objects.exists() and not Kpi.objects.filter(pk=kpi.pk).exists()
    actions = list(audit_entries().filter(action__startswith="impact.initiative")
                   .values_list("action", flat=True))
    assert sorted(actions) == ["impact.initiative_create", "impact.initiative_delete",
                               "impact.initiative_update"]


def test_an_initiative_needs_a_goal_and_a_sound_budget(admin):
    with pytest.raises(ApplicationError, match="at least one goal"):
        services.initiative_create(actor=admin, goals=[], name="Nothing")
    with pytest.raises(ApplicationError, match="Budget"):
        services.initiative_create(actor=admin, goals=[goal()], name="x",
                                   budget_gbp=Decimal("-5"))
    assert not Initiative.objects.exists()  # atomic: nothing half made


def test_members_and_analysts_cannot_write(personas, admin):
    made = initiative(admin)
    for role in ("member", "analyst", "judge"):
        with pytest.raises(ApplicationError) as refused:
            services.initiative_create(actor=personas[role], goals=[goal()], name="Mine")
        assert refused.value.status == 403
        with pytest.raises(ApplicationError):
            services.initiative_delete(actor=personas[role], initiative=made)


def test_manual_values_need_evidence_for_an_actual(admin):
    kpi = manual_kpi(admin, initiative(admin))
    with pytest.raises(ApplicationError, match="evidence"):
        services.kpi_value_set(actor=admin, kpi=kpi, year=2026, baseline=Decimal(1),
                               target=Decimal(5), actual=Decimal(4))
    value = services.kpi_value_set(actor=admin, kpi=kpi, year=2026, baseline=Decimal(1),
                                   target=Decimal(5), actual=Decimal(4),
                                   evidence="Intake survey")
    again = services.kpi_value_set(actor=admin, kpi=kpi, year=2026, baseline=Decimal(1),
                                   target=Decimal(6), actual=Decimal(4), evidence="Survey")
    assert value.pk == again.pk and KpiValue.objects.get().target == 6
    assert audit_entries(action="impact.kpi_value_set").count() == 2


def test_a_computed_kpi_takes_the_registry_unit_and_no_hand_actual(admin):
    made = initiative(admin)
    kpi = services.kpi_create(actor=admin, initiative=made, name="Pupils", kind="computed",
                              computed_key="outreach_priority_share", unit="count")
    assert kpi.unit == "percent"
    value = services.kpi_value_set(actor=admin, kpi=kpi, year=2026, baseline=None,
                                   target=Decimal("0.6"), actual=Decimal(99), evidence="no")
    assert value.actual is None and value.evidence == ""
    with pytest.raises(ApplicationError, match="Upward computes"):
        services.kpi_create(actor=admin, initiative=made, name="?", kind="computed",
                            computed_key="made_up")

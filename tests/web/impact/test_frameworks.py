"""Frameworks come from the shipped TOML (loaded by the data migration), load again
without change, keep the organisation's edits and never get invented names."""

from __future__ import annotations

import pytest

from upward.reports.frameworks import load_framework, shipped_frameworks
from upward.web.core.audit import audit_entries
from upward.web.core.errors import ApplicationError
from upward.web.impact.models import Framework, Goal
from upward.web.impact.services.frameworks import (
    framework_create,
    frameworks_load_shipped,
    goal_create,
    goal_update,
)

pytestmark = pytest.mark.django_db


def test_the_migration_loads_every_shipped_framework_as_shipped():
    assert sorted(Framework.objects.filter(shipped=True).values_list("key", flat=True)) == \
        shipped_frameworks()
    assert Goal.objects.filter(framework__key="levelling_up_goals").count() == 14
    assert Goal.objects.filter(framework__key="gatsby_benchmarks").count() == 8


def test_unconfirmed_goals_arrive_without_a_name():
    lug = load_framework("levelling_up_goals")
    unconfirmed = Goal.objects.filter(framework__key="levelling_up_goals", confirmed=False)
    assert sorted(unconfirmed.values_list("number", flat=True)) == \
        [g.number for g in lug.goals if not g.confirmed]
    assert set(unconfirmed.values_list("name", flat=True)) == {""}
    three = unconfirmed.get(number=3)
    assert three.label == "Goal 3 (name to be completed)"
    assert three.provenance == "To be completed"
    for goal in Goal.objects.filter(framework__key="levelling_up_goals", confirmed=True):
        assert goal.name == lug.goal(goal.number).name
        assert goal.provenance == "Official name"


def test_loading_again_changes_nothing_and_keeps_edits(admin):
    assert frameworks_load_shipped(actor=admin) == {"created": 0, "refreshed": 0}
    three = Goal.objects.get(framework__key="levelling_up_goals", number=3)
    goal_update(actor=admin, goal=three, name="Our name from the publication",
                description="Checked against the Purpose Coalition's site.",
                source="Purpose Coalition, 2021")
    nine = Goal.objects.get(framework__key="levelling_up_goals", number=9)
    nine.name = "Tampered"  # a shipped goal nobody edited drifts: the load restores it
    nine.save()
    assert frameworks_load_shipped(actor=admin) == {"created": 0, "refreshed": 1}
    three.refresh_from_db()
    nine.refresh_from_db()
    assert (three.name, three.edited, three.provenance) == (
        "Our name from the publication", True, "Named by the organisation")
    assert nine.name == "Extending enterprise"
    assert Goal.objects.filter(framework__key="levelling_up_goals").count() == 14
    assert audit_entries(action="impact.goal_update").count() == 1


def test_a_missing_framework_is_loaded_again():
    Framework.objects.filter(key="gatsby_benchmarks").delete()
    changes = frameworks_load_shipped(actor=None)
    assert changes["created"] == 9  # the framework and its eight benchmarks
    assert audit_entries(action="impact.frameworks_load").count() == 1


def test_an_official_name_cannot_be_changed(admin):
    two = Goal.objects.get(framework__key="levelling_up_goals", number=2)
    goal_update(actor=admin, goal=two, name="Something else", description="Our notes",
                source="")
    two.refresh_from_db()
    assert (two.name, two.description) == ("Successful school years", "Our notes")


def test_the_organisation_adds_its_own_framework_and_goals(lead):
    own = framework_create(actor=lead, name="Our mobility pledge")
    assert not own.shipped and own.key == "our-mobility-pledge"
    first = goal_create(actor=lead, framework=own, name="Fair hiring")
    second = goal_create(actor=lead, framework=own, name="Fair progression")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ApplicationError, match="shipped framework"):
        goal_create(actor=lead, framework=Framework.objects.get(key="gatsby_benchmarks"),
                    name="Benchmark 9")


@pytest.mark.parametrize("role", ["member", "analyst", "judge", "moderator"])
def test_only_managers_change_frameworks(role, personas):
    goal = Goal.objects.get(framework__key="levelling_up_goals", number=3)
    with pytest.raises(ApplicationError) as refused:
        goal_update(actor=personas[role], goal=goal, name="x", description="", source="")
    assert refused.value.status == 403
    with pytest.raises(ApplicationError):
        framework_create(actor=personas[role], name="Ours")

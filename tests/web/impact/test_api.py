"""/api/v1/impact/: reads for viewers, writes for managers with a write token."""

from __future__ import annotations

import pytest

from upward.web.impact.models import Initiative, KpiValue
from upward.web.impact.services import initiatives as services

from ..mentoring.clients import api_client
from .builders import goal, initiative, manual_kpi

pytestmark = pytest.mark.django_db


def test_frameworks_with_goals(personas):
    data = api_client(personas["analyst"]).get("/api/v1/impact/frameworks").json()
    lug = next(f for f in data if f["key"] == "levelling_up_goals")
    three = next(g for g in lug["goals"] if g["number"] == 3)
    assert (three["name"], three["confirmed"], three["provenance"]) == (
        "", False, "To be completed")


def test_members_see_nothing_and_cannot_write(personas):
    client = api_client(personas["member"])
    assert client.get("/api/v1/impact/frameworks").json() == []
    response = client.post("/api/v1/impact/initiatives", {"name": "x", "goal_ids": [goal().pk]},
                           content_type="application/json")
    assert response.status_code == 403 and not Initiative.objects.exists()


def test_a_manager_creates_an_initiative_kpi_and_values(personas):
    client = api_client(personas["lead"])
    response = client.post("/api/v1/impact/initiatives",
                           {"name": "Outreach", "budget_gbp": "1500.50",
                            "goal_ids": [goal().pk]}, content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    kpi = client.post(f"/api/v1/impact/initiatives/{pk}/kpis", {"name": "Talks"},
                      content_type="application/json")
    assert kpi.status_code == 201
    value = client.put(f"/api/v1/impact/kpis/{kpi.json()['id']}/values",
                       {"year": 2026, "target": "10", "actual": "7", "evidence": "Log"},
                       content_type="application/json")
    assert value.status_code == 200 and value.json()["actual"] in ("7", "7.000", 7)
    listed = client.get("/api/v1/impact/initiatives").json()
    assert listed[0]["kpis"][0]["values"][0]["year"] == 2026


def test_a_read_token_cannot_write(personas):
    client = api_client(personas["admin"], scope="read")
    response = client.post("/api/v1/impact/initiatives", {"name": "x", "goal_ids": [goal().pk]},
                           content_type="application/json")
    assert response.status_code == 403


def test_unknown_goal_and_bad_input(personas):
    client = api_client(personas["admin"])
    assert client.post("/api/v1/impact/initiatives", {"name": "x", "goal_ids": [999999]},
                       content_type="application/json").status_code == 404
    assert client.post("/api/v1/impact/initiatives", {"name": "x", "goal_ids": []},
                       content_type="application/json").status_code == 400


def test_a_suppressed_value_has_no_number_in_the_api(personas, settings):
    settings.UPWARD_INSIGHTS_K = 10
    admin = personas["admin"]
    found = initiative(admin)
    services.kpi_create(actor=admin, initiative=found, name="Members", kind="computed",
                        computed_key="network_members")
    services.kpis_compute(actor=admin, year=2026)
    manual_kpi(admin, found)
    data = api_client(personas["analyst"]).get("/api/v1/impact/kpis").json()
    computed = next(k for k in data if k["kind"] == "computed")
    assert computed["values"][0]["actual"] is None
    assert computed["values"][0]["actual_suppressed"] is True
    assert KpiValue.objects.get(kpi_id=computed["id"]).actual is None

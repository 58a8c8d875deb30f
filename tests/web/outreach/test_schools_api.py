"""The register's API: GET /api/v1/outreach/schools (the directory's filters, paginated)
and GET /api/v1/outreach/offices, for network members (see_schools)."""

from __future__ import annotations

import pytest

from upward.web.outreach.models import Office, School

from ..mentoring.clients import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(settings):
    settings.UPWARD_PRIORITY_FSM_PERCENT = 25
    leeds = Office.objects.create(name="Leeds", postcode="LS1 4AP", easting=430000,
                                  northing=433000)
    School.objects.create(urn=1, name="Near Primary", phase="Primary", local_authority="Leeds",
                          fsm_percent=40.0, easting=431000, northing=433000, pupils=300)
    School.objects.create(urn=2, name="Far Secondary", phase="Secondary",
                          local_authority="Bradford", fsm_percent=10.0, easting=416000,
                          northing=433000)
    School.objects.create(urn=3, name="Closed Primary", phase="Primary", is_open=False,
                          local_authority="Leeds", fsm_percent=50.0)
    for urn in range(10, 215):
        School.objects.create(urn=urn, name=f"Other {urn:03d}", phase="Nursery")
    return leeds


def test_a_member_lists_schools_with_the_directorys_filters(register, member):
    api = api_client(member, scope="read")
    near = api.get("/api/v1/outreach/schools", {"office": register.pk, "max_km": 20}).json()
    assert [s["urn"] for s in near["results"]] == [1, 2]
    assert [s["distance_km"] for s in near["results"]] == [1.0, 14.0]
    assert near["results"][0]["priority"] is True and near["results"][1]["priority"] is False
    assert near["priority_fsm_percent"] == 25
    primary = api.get("/api/v1/outreach/schools", {"phase": "Primary"}).json()
    assert [s["name"] for s in primary["results"]] == ["Near Primary"]
    with_closed = api.get("/api/v1/outreach/schools",
                          {"phase": "Primary", "include_closed": "true"}).json()
    assert {s["urn"] for s in with_closed["results"]} == {1, 3}
    priority = api.get("/api/v1/outreach/schools", {"priority_only": "true"}).json()
    assert [s["urn"] for s in priority["results"]] == [1]
    assert api.get("/api/v1/outreach/schools", {"local_authority": "Bradford",
                                                 "min_fsm": 5}).json()["count"] == 1


def test_schools_are_paginated(register, member):
    api = api_client(member, scope="read")
    first = api.get("/api/v1/outreach/schools").json()
    assert (first["count"], first["page"], first["pages"], len(first["results"])) == (
        207, 1, 3, 100)
    last = api.get("/api/v1/outreach/schools", {"page": 3}).json()
    assert len(last["results"]) == 7
    seen = {s["urn"] for p in (1, 2, 3) for s in
            api.get("/api/v1/outreach/schools", {"page": p}).json()["results"]}
    assert len(seen) == 207


def test_bad_filters_are_clear_errors(register, member):
    api = api_client(member, scope="read")
    assert api.get("/api/v1/outreach/schools", {"max_km": 5}).json() == {
        "detail": "max_km needs an office to measure from"}
    assert api.get("/api/v1/outreach/schools", {"office": 999}).status_code == 404
    assert api.get("/api/v1/outreach/schools", {"min_fsm": 101}).status_code == 422


def test_offices_are_listed(register, member):
    assert api_client(member, scope="read").get("/api/v1/outreach/offices").json() == [
        {"id": register.pk, "name": "Leeds", "postcode": "LS1 4AP", "easting": 430000,
         "northing": 433000}]


@pytest.mark.parametrize("role", ["analyst", "judge"])
def test_people_outside_the_network_may_not(register, personas, role):
    api = api_client(personas[role], scope="read")
    assert api.get("/api/v1/outreach/schools").status_code == 403
    assert api.get("/api/v1/outreach/offices").status_code == 403


def test_without_a_token_there_is_nothing(register, client):
    assert client.get("/api/v1/outreach/schools").status_code == 401

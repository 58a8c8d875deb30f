"""The schools directory: who may see it, filters, distances and the priority flag."""

from __future__ import annotations

import pytest

from upward.schools.priority import national_fsm_percent
from upward.web.core.errors import ApplicationError
from upward.web.outreach.models import Office, School
from upward.web.outreach.selectors import schools_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    def add(urn, **kw):
        values = {"name": f"School {urn}", "phase": "Primary", "local_authority": "Leeds",
                  "fsm_percent": 10.0, "easting": 430000, "northing": 433000}
        values.update(kw)
        return School.objects.create(urn=urn, **values)

    office = Office.objects.create(name="Leeds", postcode="LS1 4AP", easting=430000,
                                   northing=433000)
    add(1, easting=433000, northing=437000)                          # 5 km
    add(2, easting=430000, northing=436000, fsm_percent=40.0)        # 3 km, priority
    add(3, easting=460000, northing=433000, phase="Secondary")       # 30 km
    add(4, easting=None, northing=None, local_authority="Bradford", fsm_percent=None)
    add(5, is_open=False)
    return office


@pytest.mark.parametrize("role", ["member", "moderator", "lead"])
def test_network_members_may_see_the_directory(personas, register, role):
    rows = schools_directory(viewer=personas[role])
    assert [r.school.urn for r in rows] == [1, 2, 3, 4]


@pytest.mark.parametrize("role", ["analyst", "judge", "admin"])
def test_others_may_not(personas, register, role):
    with pytest.raises(ApplicationError) as error:
        schools_directory(viewer=personas[role])
    assert error.value.status == 403


def test_distance_from_an_office_nearest_first(member, register):
    rows = schools_directory(viewer=member, office=register)
    assert [(r.school.urn, r.distance_km) for r in rows] == [
        (2, 3.0), (1, 5.0), (3, 30.0), (4, None)]
    near = schools_directory(viewer=member, office=register, max_km=5)
    assert [r.school.urn for r in near] == [2, 1]


def test_filters(member, register):
    def urns(**kw):
        return [r.school.urn for r in schools_directory(viewer=member, **kw)]

    assert urns(phase="Secondary") == [3]
    assert urns(local_authority="Bradford") == [4]
    assert urns(min_fsm=20) == [2]
    assert urns(priority_only=True) == [2]
    assert urns(include_closed=True) == [1, 2, 3, 4, 5]


def test_priority_flag_follows_the_threshold(member, register, settings):
    flags = {r.school.urn: r.priority for r in schools_directory(viewer=member)}
    assert flags == {1: False, 2: True, 3: False, 4: False}
    assert 10.0 < national_fsm_percent() < 40.0
    settings.UPWARD_PRIORITY_FSM_PERCENT = 5.0
    flags = {r.school.urn: r.priority for r in schools_directory(viewer=member)}
    assert flags == {1: True, 2: True, 3: True, 4: False}

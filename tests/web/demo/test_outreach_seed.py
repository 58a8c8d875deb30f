"""The demo's schools register: the labelled sample file, offices, and a seed safe to rerun."""

from __future__ import annotations

from importlib import resources

import pytest

from upward.schools.gias import read_gias
from upward.schools.layout import GIAS_HEADER
from upward.web.demo import content
from upward.web.demo.outreach_seed import seed_outreach
from upward.web.outreach.models import Office, School, SchoolImport
from upward.web.outreach.selectors import schools_directory

DEMO = resources.files("upward.data").joinpath("demo")


def test_the_sample_is_labelled_and_in_the_real_layout():
    raw = DEMO.joinpath("gias_sample.csv").read_bytes()
    assert raw.decode("cp1252").split("\r\n", 1)[0].split(",")[:5] == list(GIAS_HEADER[:5])
    assert len(raw.decode("cp1252").split("\r\n", 1)[0].split(",")) == len(GIAS_HEADER) >= 100
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # Windows-1252 with non-ASCII names, like the DfE's export
    readme = DEMO.joinpath("gias_sample.README.md").read_text(encoding="utf-8")
    assert "SAMPLE DATA, not real schools" in readme
    rows = list(read_gias(raw))
    assert 140 <= len(rows) <= 160 and all(not r.problems for r in rows)
    assert any("–" in r.school.name for r in rows) and any("Ysgol" in r.school.name for r in rows)
    assert all(r.school.urn > 900000 for r in rows)


@pytest.mark.django_db
def test_seed_creates_offices_and_schools_and_is_safe_twice(member):
    seed_outreach()
    seed_outreach()
    names = set(Office.objects.values_list("name", flat=True))
    assert names and names <= set(content.LOCATIONS)
    assert "Belfast" not in names and "Leeds" in names
    assert School.objects.count() == 156 and School.objects.filter(is_open=False).count() == 4
    second = SchoolImport.objects.order_by("pk").last()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 156)
    leeds = Office.objects.get(name="Leeds")
    near = schools_directory(viewer=member, office=leeds, max_km=25)
    assert near and all(r.distance_km <= 25 for r in near)
    assert {r.school.local_authority for r in near} == {"Leeds"}
    assert any(r.priority for r in near) and not all(r.priority for r in near)

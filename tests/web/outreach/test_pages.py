"""The schools directory page: who may open it, its filters and its table."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from upward.web.outreach.models import Office, School

pytestmark = pytest.mark.django_db
URL = "/outreach/schools/"


@pytest.fixture
def leeds():
    office = Office.objects.create(name="Leeds", postcode="LS1 4AP", easting=430000,
                                   northing=433500)
    School.objects.create(urn=1, name="Near Primary", phase="Primary", local_authority="Leeds",
                          fsm_percent=41.0, pupils=200, easting=430000, northing=436500)
    School.objects.create(urn=2, name="Far High", phase="Secondary", local_authority="Wakefield",
                          fsm_percent=12.0, easting=440000, northing=433500)
    School.objects.create(urn=3, name="Closed Infants", phase="Primary", is_open=False,
                          local_authority="Leeds")
    return office


def names(html):
    return [n.strip() for n in re.findall(r"<th scope=\"row\">([^<]+)", html)]


def test_url():
    assert reverse("outreach:schools") == URL


@pytest.mark.parametrize(("role", "status"), [
    ("member", 200), ("moderator", 200), ("lead", 200),
    ("analyst", 403), ("judge", 403), ("admin", 403),
])
def test_who_may_open_it(personas, client_for, leeds, role, status):
    assert client_for(personas[role]).get(URL).status_code == status


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_the_table_lists_open_schools_with_priority_tags(member, client_for, leeds):
    html = client_for(member).get(URL).content.decode()
    assert names(html) == ["Far High", "Near Primary"]
    assert '<caption id="schools-caption">2 open schools</caption>' in html
    assert html.count('<span class="tag">Priority</span>') == 1


def test_filters_and_distance(member, client_for, leeds):
    client = client_for(member)
    html = client.get(URL, {"office": leeds.pk}).content.decode()
    assert names(html) == ["Near Primary", "Far High"]
    assert "3.0 km" in html and "10.0 km" in html
    assert "nearest to the Leeds office first" in html
    assert names(client.get(URL, {"office": leeds.pk, "km": "5"}).content.decode()) == [
        "Near Primary"]
    assert names(client.get(URL, {"phase": "Secondary"}).content.decode()) == ["Far High"]
    assert names(client.get(URL, {"la": "Leeds"}).content.decode()) == ["Near Primary"]
    assert names(client.get(URL, {"fsm": "20"}).content.decode()) == ["Near Primary"]
    assert names(client.get(URL, {"priority": "1"}).content.decode()) == ["Near Primary"]


def test_nonsense_filters_are_ignored(member, client_for, leeds):
    response = client_for(member).get(URL, {"fsm": "lots", "km": "-4", "office": "999",
                                            "phase": "Unknown", "page": "x"})
    assert response.status_code == 200
    assert names(response.content.decode()) == ["Far High", "Near Primary"]


def test_nothing_found_says_so(member, client_for, leeds):
    html = client_for(member).get(URL, {"fsm": "99"}).content.decode()
    assert "No schools match" in html and "<table" not in html

"""Offices: list, add, edit, delete (with a confirmation page) for ``manage_schools``; the
grid reference typed in or taken from a school with the same postcode; BNG bounds; audit."""

from __future__ import annotations

import pytest

from upward.web.core.audit import audit_entries
from upward.web.core.errors import ApplicationError
from upward.web.outreach.models import Office, School
from upward.web.outreach.services import office_delete, office_save

pytestmark = pytest.mark.django_db

NEW = "/outreach/offices/new/"


def form(**overrides):
    data = {"name": "Leeds", "postcode": "ls1 4ap", "easting": "430100", "northing": "433500",
            "save": "1"}
    data.update(overrides)
    return data


def test_a_lead_adds_edits_and_deletes_an_office(personas, client_for):
    client = client_for(personas["lead"])
    response = client.post(NEW, form())
    assert response.status_code == 302 and response["Location"] == "/outreach/offices/"
    office = Office.objects.get()
    assert (office.name, office.postcode, office.easting, office.northing) == (
        "Leeds", "LS1 4AP", 430100, 433500)
    listing = client.get("/outreach/offices/").content.decode()
    assert "Leeds" in listing and f"/outreach/offices/{office.pk}/delete/" in listing

    edit = f"/outreach/offices/{office.pk}/edit/"
    assert 'value="430100"' in client.get(edit).content.decode()
    changed = client.post(edit, form(name="Leeds Wellington Place", easting="429900"))
    assert changed.status_code == 302
    office.refresh_from_db()
    assert (office.name, office.easting) == ("Leeds Wellington Place", 429900)

    delete = f"/outreach/offices/{office.pk}/delete/"
    confirm = client.get(delete)
    assert confirm.status_code == 200 and "Delete the office" in confirm.content.decode()
    assert Office.objects.exists()  # asking is not doing
    assert client.post(delete).status_code == 302
    assert not Office.objects.exists()
    assert [e.action for e in audit_entries()][:3] == [
        "outreach.office_delete", "outreach.office_update", "outreach.office_create"]
    update = audit_entries()[1]
    assert (update.detail["before"]["easting"], update.detail["after"]["easting"]) == (
        430100, 429900)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"easting": "700001"}, "Easting must be between 0 and 700,000"),
    ({"northing": "1300001"}, "Northing must be between 0 and 1,300,000"),
    ({"easting": "-1"}, "Easting must be between 0 and 700,000"),
    ({"easting": "4301.5"}, "Enter the easting as a whole number of metres"),
    ({"easting": ""}, "Enter the easting, or find it from the postcode"),
    ({"name": ""}, "Enter an office name"),
])
def test_the_grid_reference_must_be_in_great_britain(overrides, message, personas, client_for):
    response = client_for(personas["lead"]).post(NEW, form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Office.objects.exists()


def test_the_service_checks_the_bounds_too(personas):
    with pytest.raises(ApplicationError, match="between 0 and 1,300,000") as caught:
        office_save(actor=personas["lead"], name="Thurso", postcode="", easting=300000,
                    northing=1_300_001)
    assert caught.value.field == "northing"


def test_the_grid_reference_is_found_from_a_school_with_the_postcode(personas, client_for):
    School.objects.create(urn=1, name="Park Lane Academy", postcode="LS1 4AP",
                          easting=430050, northing=433420)
    client = client_for(personas["lead"])
    response = client.post(NEW, {"name": "Leeds", "postcode": " ls1  4ap", "easting": "",
                                 "northing": "", "find": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and not Office.objects.exists()
    assert "Park Lane Academy" in html and "has the postcode LS1 4AP" in html
    assert 'value="430050"' in html and 'value="433420"' in html and 'value="Leeds"' in html
    client.post(NEW, form(easting="430050", northing="433420"))
    assert Office.objects.values_list("easting", "northing").get() == (430050, 433420)


def test_it_says_clearly_when_no_school_has_the_postcode(personas, client_for):
    School.objects.create(urn=1, name="Far away", postcode="LS1 4AP")  # no grid reference
    html = client_for(personas["lead"]).post(NEW, {
        "name": "Leeds", "postcode": "LS1 4AP", "easting": "", "northing": "",
        "find": "1"}).content.decode()
    assert "No school in the register has the postcode LS1 4AP" in html
    assert not Office.objects.exists()


def test_names_are_unique(personas):
    office_save(actor=personas["lead"], name="Leeds", postcode="", easting=1, northing=1)
    with pytest.raises(ApplicationError, match="already exists") as caught:
        office_save(actor=personas["lead"], name="Leeds", postcode="", easting=2, northing=2)
    assert caught.value.field == "name"


@pytest.mark.parametrize("role", ["member", "moderator", "analyst", "judge"])
def test_only_those_who_manage_schools_may_change_offices(role, personas, client_for):
    office = Office.objects.create(name="Leeds", easting=1, northing=1)
    client = client_for(personas[role])
    for path in ("/outreach/offices/", NEW, f"/outreach/offices/{office.pk}/edit/",
                 f"/outreach/offices/{office.pk}/delete/"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/outreach/offices/{office.pk}/delete/").status_code == 403
    with pytest.raises(ApplicationError):
        office_delete(actor=personas[role], office=office)
    assert Office.objects.exists()


@pytest.mark.parametrize("role", ["lead", "admin"])
def test_leads_and_admins_manage_offices(role, personas, client_for):
    client = client_for(personas[role])
    assert client.get("/outreach/offices/").status_code == 200
    assert client.post(NEW, form()).status_code == 302


def test_a_missing_office_is_404(personas, client_for):
    assert client_for(personas["lead"]).get("/outreach/offices/999/edit/").status_code == 404

"""Every judging rule, allowed and denied (pages; the API's are in test_judging_api)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.awards.services.judging import panel_save
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "status"), [("judge", 200), ("member", 403), ("admin", 403),
                                              ("lead", 403)])
def test_the_judging_page_is_for_judges(role, status, personas, client_for):
    assert client_for(personas[role]).get(reverse("awards:judging")).status_code == status


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("judge", 403), ("member", 403)])
def test_panels_are_managed_by_administrators(role, status, personas, client_for, champion):
    panel = panel_save(actor=personas["admin"], category=champion, name="Panel",
                       judges=[personas["judge"]], lead_judge=personas["judge"])
    client = client_for(personas[role])
    for url in (reverse("awards:panel_new", args=[champion.pk]),
                reverse("awards:panel", args=[panel.pk]),
                reverse("awards:panel_edit", args=[panel.pk])):
        assert client.get(url).status_code == status, url
    assigned = client.post(reverse("awards:panel_assign", args=[panel.pk]),
                           {"method": "balanced", "judges_per_entry": 1, "seed": 0})
    assert assigned.status_code == (302 if status == 200 else status)


def test_only_the_lead_judge_sees_the_panel_progress(personas, client_for, champion):
    other = person(roles=["judge"], email="other.judge@northbridge.example")
    panel = panel_save(actor=personas["admin"], category=champion, name="Panel",
                       judges=[personas["judge"], other], lead_judge=personas["judge"])
    url = reverse("awards:panel_progress", args=[panel.pk])
    page = client_for(personas["judge"]).get(url)
    assert page.status_code == 200
    # the lead judge's way to record the panel's winner starts here
    assert reverse("awards:winner", args=[panel.pk]) in page.content.decode()
    assert client_for(other).get(url).status_code == 404
    assert client_for(personas["admin"]).get(url).status_code == 403


def test_admin_pages_create_a_panel(personas, client_for, champion):
    response = client_for(personas["admin"]).post(
        reverse("awards:panel_new", args=[champion.pk]),
        {"name": "Champion panel", "judges": [personas["judge"].pk],
         "lead_judge": personas["judge"].pk, "max_entries_per_judge": "5"})
    assert response.status_code == 302
    html = client_for(personas["admin"]).get(
        reverse("awards:category", args=[champion.pk])).content.decode()
    assert "Champion panel" in html

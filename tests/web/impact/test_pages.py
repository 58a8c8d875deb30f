"""The impact pages: who may open which (role × page), completing a goal, initiative
CRUD with a confirmation page, KPI figures, progress per goal and the CSV export."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from upward.web.core.audit import audit_entries
from upward.web.impact.models import Goal, Initiative, KpiValue
from upward.web.impact.services import initiatives as services

from .builders import goal, initiative, manual_kpi

pytestmark = pytest.mark.django_db

EVERY_ROLE = ["member", "moderator", "lead", "analyst", "judge", "admin"]
VIEWERS = {"lead", "analyst", "admin"}
MANAGERS = {"lead", "admin"}


@pytest.fixture
def made(admin):
    found = initiative(admin, budget_gbp=Decimal("1000"))
    kpi = manual_kpi(admin, found, name="Apprentices from lower backgrounds")
    services.kpi_value_set(actor=admin, kpi=kpi, year=2026, baseline=Decimal(3),
                           target=Decimal(10), actual=Decimal(12), evidence="Intake survey")
    return found, kpi


def _pages(found, kpi):
    lug3 = Goal.objects.get(framework__key="levelling_up_goals", number=3)
    view = [reverse("impact:home"), reverse("impact:progress") + "?year=2026",
            reverse("impact:export_csv"),
            reverse("impact:framework", args=[lug3.framework_id]),
            reverse("impact:initiative", args=[found.pk])]
    manage = [reverse("impact:goal_edit", args=[lug3.pk]), reverse("impact:framework_new"),
              reverse("impact:initiative_new"),
              reverse("impact:initiative_edit", args=[found.pk]),
              reverse("impact:initiative_delete", args=[found.pk]),
              reverse("impact:kpi_new", args=[found.pk]),
              reverse("impact:kpi_edit", args=[kpi.pk]),
              reverse("impact:kpi_delete", args=[kpi.pk]),
              reverse("impact:kpi_values", args=[kpi.pk]), reverse("impact:compute")]
    return view, manage


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_role_by_page(role, personas, client_for, made):
    client = client_for(personas[role])
    view, manage = _pages(*made)
    for url in view:
        assert client.get(url).status_code == (200 if role in VIEWERS else 403), url
    for url in manage:
        assert client.get(url).status_code == (200 if role in MANAGERS else 403), url


def test_visitors_are_sent_to_sign_in(client, made):
    response = client.get(reverse("impact:home"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_the_framework_page_says_which_names_are_official(client_for, admin):
    lug = Goal.objects.get(framework__key="levelling_up_goals", number=1).framework
    html = client_for(admin).get(reverse("impact:framework", args=[lug.pk])).content.decode()
    assert html.count("Official name</span>") == 6
    assert html.count("To be completed</span>") == 8
    assert "Goal 3 (name to be completed)" in html


def test_an_admin_completes_a_goal(client_for, admin):
    three = Goal.objects.get(framework__key="levelling_up_goals", number=3)
    url = reverse("impact:goal_edit", args=[three.pk])
    response = client_for(admin).post(url, {"name": "Our completed name",
                                            "description": "", "source": "Purpose Coalition"})
    assert response.status_code == 302
    three.refresh_from_db()
    assert (three.name, three.edited, three.provenance) == (
        "Our completed name", True, "Named by the organisation")
    page = client_for(admin).get(reverse("impact:framework", args=[three.framework_id]))
    assert "Named by the organisation" in page.content.decode()


def test_an_official_goal_offers_no_name_field(client_for, admin):
    two = Goal.objects.get(framework__key="levelling_up_goals", number=2)
    html = client_for(admin).get(reverse("impact:goal_edit", args=[two.pk])).content.decode()
    assert 'name="name"' not in html and "is the official name" in html


def test_initiative_create_form_and_errors(client_for, lead):
    client = client_for(lead)
    bad = client.post(reverse("impact:initiative_new"), {"name": "", "status": "active",
                                                         "budget_gbp": "lots"})
    html = bad.content.decode()
    assert bad.status_code == 200 and "This field is required" not in html
    assert "Enter budget per year (£) as a number" in html
    assert "Select at least one goal" in html
    response = client.post(reverse("impact:initiative_new"), {
        "name": "Apprenticeships", "status": "active", "budget_gbp": "42,000",
        "owner": lead.pk, "goals": [goal().pk], "description": ""})
    found = Initiative.objects.get()
    assert response.status_code == 302 and found.budget_gbp == 42000 and found.owner == lead
    assert audit_entries(action="impact.initiative_create").count() == 1


def test_delete_asks_first_and_only_the_post_deletes(client_for, admin, made):
    found, _ = made
    url = reverse("impact:initiative_delete", args=[found.pk])
    page = client_for(admin).get(url)
    assert "Delete Schools outreach?" in page.content.decode()
    assert Initiative.objects.filter(pk=found.pk).exists()
    assert client_for(admin).post(url).status_code == 302
    assert not Initiative.objects.filter(pk=found.pk).exists()


def test_kpi_figures_form_for_a_manual_kpi(client_for, admin, made):
    _, kpi = made
    url = reverse("impact:kpi_values", args=[kpi.pk])
    missing = client_for(admin).post(url, {"year": "2025", "actual": "4", "evidence": ""})
    assert "Enter the evidence" in missing.content.decode()
    client_for(admin).post(url, {"year": "2025", "baseline": "1", "target": "5",
                                 "actual": "4", "evidence": "HR report"})
    assert KpiValue.objects.get(kpi=kpi, year=2025).actual == 4


def test_progress_shows_on_track_and_a_chart(client_for, analyst_or_admin, made):
    html = client_for(analyst_or_admin).get(
        reverse("impact:progress") + "?year=2026").content.decode()
    assert "Gatsby Benchmarks: 5 Encounters with employers and employees" in html
    assert "On track" in html and "<svg" in html
    assert 'role="region" tabindex="0" aria-labelledby="caption-goal_' in html


def test_progress_never_shows_a_suppressed_number(client_for, admin, settings):
    settings.UPWARD_INSIGHTS_K = 10
    found = initiative(admin)
    services.kpi_create(actor=admin, initiative=found, name="Members", kind="computed",
                        computed_key="network_members")
    services.kpis_compute(actor=admin, year=2026)
    html = client_for(admin).get(reverse("impact:progress") + "?year=2026").content.decode()
    assert "not published" in html and "Not published (fewer than k people)" in html
    rows = list(csv.reader(io.StringIO(
        client_for(admin).get(reverse("impact:export_csv")).content.decode())))
    assert rows[1][9:11] == ["not published", "Not published (fewer than k people)"]


def test_csv_has_every_value_and_is_formula_safe(client_for, admin, made):
    found, kpi = made
    services.initiative_update(actor=admin, initiative=found, name="=HYPERLINK(\"x\")",
                               goals=[goal()])
    response = client_for(admin).get(reverse("impact:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Initiative", "KPI", "Kind"]
    assert rows[1][0] == "'=HYPERLINK(\"x\")"
    assert rows[1][6:10] == ["2026", "3", "10", "12"]
    assert rows[1][10] == "On track"
    assert audit_entries(action="impact.export").count() == 1


@pytest.fixture(params=["analyst", "admin"])
def analyst_or_admin(request, personas):
    return personas[request.param]


@pytest.mark.parametrize("form_class", ["GoalForm", "FrameworkForm", "OwnGoalForm",
                                        "InitiativeForm", "KpiForm", "KpiValueForm"])
def test_every_impact_form_says_what_to_do(form_class):
    from upward.web.impact import forms

    cls = getattr(forms, form_class)
    too_long = {name: "@" * (field.max_length + 1) for name, field in cls.base_fields.items()
                if getattr(field, "max_length", None)}
    for data in ({}, too_long, {"year": "x", "budget_gbp": "1.234", "baseline": "abc"}):
        form = cls(data)
        form.is_valid()
        for errors in form.errors.values():
            for error in errors:
                assert not error.startswith(("This field is required", "Ensure this value",
                                             "Enter a whole number", "Enter a number")), error

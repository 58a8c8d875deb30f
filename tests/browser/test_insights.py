"""Insights in a real browser: a member answers and withdraws the survey; an analyst imports a
small snapshot through the mapping screen and reads the dashboard. axe-core on every page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from upward.reports.synthetic_workforce import synthetic_csv, synthetic_people
from upward.web.demo.factories import person
from upward.web.insights.models import Snapshot, SurveyResponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_completes_changes_and_withdraws_the_survey(page, url, sign_in,
                                                           assert_accessible):
    member = person(roles=["member"], email="kai.turner@northbridge.example",
                    display_name="Kai Turner")
    sign_in(page, member.email)
    assert_accessible(page, "home")
    page.get_by_role("link", name="Background survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where you started: four questions")
    assert_accessible(page, "survey intro")
    page.get_by_role("link", name="Answer the questions").click()
    assert_accessible(page, "survey form")
    key = page.get_by_role("group", name=re.compile("main household earner"))
    key.get_by_label(re.compile(r"^Technical and craft occupations")).check()
    page.get_by_role("group", name=re.compile("free school meals")).get_by_label(
        "Prefer not to say").check()
    page.get_by_label("Your employee number").fill("E000042")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("status")).to_contain_text("Only you can see them")
    expect(page.locator(".insights-answers")).to_contain_text("Technical and craft occupations")
    assert_accessible(page, "survey answered")
    assert SurveyResponse.objects.get(user=member).employee_id == "E000042"

    page.once("dialog", lambda dialog: dialog.accept())  # "Delete all your answers?"
    page.get_by_role("button", name="Delete my answers").click()
    expect(page.get_by_role("status")).to_contain_text("are deleted")
    expect(page.get_by_text("You have not answered yet")).to_be_visible()
    assert_accessible(page, "survey withdrawn")
    assert not SurveyResponse.objects.filter(user=member).exists()


def test_analyst_imports_a_snapshot_and_reads_the_dashboard(page, url, sign_in, tmp_path,
                                                            assert_accessible):
    analyst = person(roles=["analyst"], email="rosa.bell@northbridge.example",
                     display_name="Rosa Bell")
    people = synthetic_people(400, seed=8, snapshot_date=date(2025, 3, 31))
    csv_path = tmp_path / "workforce-2025.csv"
    csv_path.write_bytes(synthetic_csv(people).replace(b"Hourly pay", b"Rate per hour", 1))
    sign_in(page, analyst.email)
    assert_accessible(page, "home")
    page.get_by_role("link", name="Insights").click()
    expect(page.get_by_text("No workforce snapshot yet")).to_be_visible()
    assert_accessible(page, "empty dashboard")
    page.get_by_role("link", name="Import a snapshot").click()
    assert_accessible(page, "snapshots")
    page.get_by_label("HR file (CSV or XLSX)").set_input_files(str(csv_path))
    page.get_by_label("Snapshot date").fill("2025-03-31")
    page.get_by_role("button", name="Upload and map columns").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Map the columns")
    assert_accessible(page, "mapping")

    # "Rate per hour" is not recognised: checking names it, and nothing is imported.
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".insights-problems")).to_contain_text("Unknown column (column E)")
    assert_accessible(page, "mapping with problems")
    page.get_by_label("Column “Rate per hour”").select_option("hourly_pay")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to import")
    assert_accessible(page, "preview")
    assert Snapshot.objects.count() == 0
    page.get_by_role("button", name="Import the snapshot of 31 March 2025").click()
    expect(page.get_by_role("status")).to_contain_text("Imported")
    expect(page.get_by_role("heading", name="Representation by grade")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_text("fewer than 10").first).to_be_visible()
    assert_accessible(page, "dashboard")
    assert Snapshot.objects.get().row_count == people.n


def test_lead_tracks_responses_and_adds_a_question(page, url, sign_in, assert_accessible):
    lead = person(roles=["member", "lead"], email="ola.brown@northbridge.example",
                  display_name="Ola Brown")
    sign_in(page, lead.email)
    assert_accessible(page, "home")
    page.get_by_role("link", name="Survey responses").click()
    expect(page.get_by_role("heading", name="Survey participation")).to_be_visible()
    assert_accessible(page, "responses")
    page.get_by_role("link", name="Manage the organisation's own questions").click()
    assert_accessible(page, "questions")
    page.get_by_label("Question").fill("Did you do an apprenticeship?")
    page.get_by_label("Answers").fill("Yes\nNo")
    page.get_by_role("button", name="Add question").click()
    added = page.get_by_role("cell", name="Did you do an apprenticeship?", exact=True)
    expect(added).to_be_visible()
    assert_accessible(page, "questions with one")

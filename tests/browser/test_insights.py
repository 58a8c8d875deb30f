"""Insights in a real browser: a member answers and withdraws the survey; an analyst imports a
small snapshot through the mapping screen and reads the dashboard. axe-core on every page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
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
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Where you started: the background survey")
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
    expect(page.locator(".insights-link")).to_have_text("Waiting for an administrator to confirm")
    assert_accessible(page, "survey answered")
    assert SurveyResponse.objects.get(user=member).employee_id == "E000042"

    page.get_by_role("link", name="Delete my answers").click()  # a confirmation page
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delete all your survey answers?")
    assert_accessible(page, "survey delete confirmation")
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
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Background survey").click()
    assert_accessible(page, "survey")
    page.get_by_role("navigation", name="Background survey").get_by_role(
        "link", name="Survey responses").click()
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


def test_admin_decides_employee_number_links_without_javascript(page_without_js, url, sign_in,
                                                                 assert_accessible):
    from upward.web.insights.services import survey_link_confirm, survey_save

    page = page_without_js
    admin = person(roles=["admin"], email="dee.admin@northbridge.example",
                   display_name="Dee Admin")
    holder = person(roles=["member"], email="cara.holt@northbridge.example",
                    display_name="Cara Holt")
    claimant = person(roles=["member"], email="sam.reid@northbridge.example",
                      display_name="Sam Reid")
    newcomer = person(roles=["member"], email="ivy.ng@northbridge.example",
                      display_name="Ivy Ng")
    answers = {"main_earner_occupation": "technical_craft"}
    held = survey_save(user=holder, answers=answers, employee_id="E100")
    survey_link_confirm(actor=admin, response=held)
    survey_save(user=claimant, answers=answers, employee_id="E100")
    survey_save(user=newcomer, answers=answers, employee_id="E200")

    sign_in(page, admin.email)
    assert_accessible(page, "home (no JavaScript)")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Background survey").click()
    assert_accessible(page, "survey (no JavaScript)")
    page.get_by_role("navigation", name="Background survey").get_by_role(
        "link", name="Employee number links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employee number links")
    expect(page.get_by_role("row")).to_have_count(4)  # header, E100 twice, E200
    expect(page.get_by_role("main")).not_to_contain_text("Technical and craft")
    assert_accessible(page, "employee number links (no JavaScript)")

    page.get_by_role("button", name="Confirm E200 for Ivy Ng").click()
    expect(page.get_by_role("status")).to_contain_text("E200 is confirmed for Ivy Ng")
    assert_accessible(page, "links after confirming (no JavaScript)")
    page.get_by_role("button", name="Confirm E100 for Sam Reid").click()
    expect(page.get_by_role("status")).to_contain_text("already confirmed for Cara Holt")
    assert_accessible(page, "links after a refused confirmation (no JavaScript)")

    page.get_by_role("link", name="Unlink E100 from Cara Holt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Unlink employee number E100 from Cara Holt")
    assert_accessible(page, "unlink form (no JavaScript)")
    page.get_by_role("button", name="Unlink").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a reason")
    assert_accessible(page, "unlink form with an error (no JavaScript)")
    page.get_by_label("Reason").fill("HR's records give E100 to someone else.")
    page.get_by_role("button", name="Unlink").click()
    expect(page.get_by_role("status")).to_contain_text("is rejected")
    assert_accessible(page, "links after unlinking (no JavaScript)")
    page.get_by_role("button", name="Confirm E100 for Sam Reid").click()
    expect(page.get_by_role("status")).to_contain_text("E100 is confirmed for Sam Reid")
    expect(page.get_by_text("No claims waiting")).to_be_visible()
    assert_accessible(page, "links all decided (no JavaScript)")
    assert dict(SurveyResponse.objects.values_list("user__email", "link_status")) == {
        holder.email: "rejected", claimant.email: "confirmed", newcomer.email: "confirmed"}


def test_a_member_sees_their_link_and_a_contested_one(page, url, sign_in, assert_accessible):
    from upward.web.insights.services import survey_link_confirm, survey_save

    admin = person(roles=["admin"], email="dee.admin@northbridge.example")
    holder = person(roles=["member"], email="cara.holt@northbridge.example",
                    display_name="Cara Holt")
    claimant = person(roles=["member"], email="sam.reid@northbridge.example")
    answers = {"main_earner_occupation": "technical_craft"}
    survey_link_confirm(actor=admin, response=survey_save(user=holder, answers=answers,
                                                          employee_id="E100"))
    survey_save(user=claimant, answers=answers, employee_id="E100")
    sign_in(page, holder.email)
    assert_accessible(page, "home")
    page.goto(url("/survey/"))
    expect(page.locator(".insights-link")).to_have_text("Confirmed by an administrator")
    expect(page.locator(".notice")).to_have_text(
        "Another account has claimed your employee number. Your link stays confirmed; an "
        "administrator will review the other claim.")
    assert_accessible(page, "survey with a contested link")

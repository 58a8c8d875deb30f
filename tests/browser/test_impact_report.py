"""The annual impact report in a browser: an admin generates the year's report (through
its confirmation page), previews it inside the site and edits the foreword; the preview
and the standalone HTML report pass axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.reports.annual import render_annual_report
from upward.web.demo.factories import person
from upward.web.impact.models import ReportSnapshot
from upward.web.impact.selectors.report import snapshot_document
from upward.web.impact.services.frameworks import frameworks_load_shipped
from upward.web.impact.services.initiatives import initiative_create, kpi_create, kpis_compute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_generates_previews_and_the_report_is_accessible(page, url, sign_in,
                                                               assert_accessible):
    frameworks_load_shipped(actor=None)  # a transactional test starts from an empty database
    admin = person(roles=["admin"], email="sam.admin@northbridge.example",
                   display_name="Sam Admin")
    from upward.web.impact.models import Goal

    found = initiative_create(actor=admin, name="Schools outreach",
                              goals=[Goal.objects.get(framework__key="gatsby_benchmarks",
                                                      number=5)])
    kpi_create(actor=admin, initiative=found, name="Members", kind="computed",
               computed_key="network_members", unit="count")
    kpis_compute(actor=admin, year=2026)

    sign_in(page, admin.email)
    assert_accessible(page, "admin's home")
    page.goto(url("/impact/report/?year=2026"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual impact reports")
    assert_accessible(page, "report list")
    page.get_by_role("button", name="Generate a report").click()
    assert_accessible(page, "generate confirmation")
    page.get_by_role("button", name="Generate the 2026 report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Social mobility impact report 2026")
    expect(page.get_by_role("heading", name="Progress against each framework goal")
           ).to_be_visible()
    assert_accessible(page, "report preview")
    page.get_by_role("link", name="Edit the foreword").click()
    assert_accessible(page, "foreword")
    page.locator("#id_foreword").fill("A year of the network's work.")
    page.get_by_role("button", name="Save the foreword").click()
    expect(page.get_by_text("A year of the network's work.")).to_be_visible()
    assert_accessible(page, "report preview with its foreword")

    snapshot = ReportSnapshot.objects.get()
    # The downloaded file, opened on its own (served here without the site's CSP).
    standalone = url("/impact-report-2026.html")
    html = render_annual_report(snapshot_document(snapshot))
    page.route(standalone, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=html))
    page.goto(standalone)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Social mobility impact report 2026")
    assert_accessible(page, "standalone HTML report")

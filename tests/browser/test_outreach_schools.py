"""The schools directory in a browser: filters without JavaScript, axe-clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.demo.outreach_seed import seed_outreach

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_filters_schools_near_an_office(page, url, sign_in, assert_accessible):
    seed_outreach()
    person(roles=["member"], email="sam.ode@northbridge.example", display_name="Sam Ode")
    sign_in(page, "sam.ode@northbridge.example")
    assert_accessible(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outreach").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer with schools")
    assert_accessible(page, "opportunities")
    page.get_by_role("navigation", name="Outreach").get_by_role("link", name="Schools").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schools")
    assert_accessible(page, "schools directory")
    page.get_by_label("Distance from").select_option(label="Leeds")
    page.get_by_label("Within").select_option(label="10 km")
    page.get_by_label("Priority schools only").check()
    page.get_by_role("button", name="Show schools").click()
    caption = page.locator("caption")
    expect(caption).to_contain_text("nearest to the Leeds office first")
    rows = page.locator("tbody tr")
    assert rows.count() >= 1
    distances = page.locator("tbody tr td:last-child").all_inner_texts()
    assert len(distances) == rows.count()
    assert all(float(text.removesuffix(" km")) <= 10 for text in distances)
    expect(rows.locator(".tag", has_text="Priority")).to_have_count(rows.count())
    assert_accessible(page, "schools directory, filtered")
    # on a phone the table scrolls sideways inside its own region, reachable by keyboard
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "schools directory, filtered, 390 px")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), \
        "the schools directory is wider than a phone"


def test_a_lead_imports_the_sample_on_the_page_and_reads_the_report(
        page, url, sign_in, assert_accessible, settings, tmp_path):
    from importlib import resources

    settings.VAR_DIR = tmp_path
    sample = tmp_path / "gias_sample.csv"
    sample.write_bytes(resources.files("upward.data").joinpath("demo").joinpath("gias_sample.csv")
                       .read_bytes())
    person(roles=["member", "lead"], email="lee.lead@northbridge.example", display_name="Lee Lead")
    sign_in(page, "lee.lead@northbridge.example")
    assert_accessible(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outreach").click()
    assert_accessible(page, "schools directory, empty")
    page.get_by_role("link", name="Import schools").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import schools")
    assert_accessible(page, "import schools, empty")
    page.get_by_role("button", name="Upload and import").click()  # no file chosen
    expect(page.locator(".error-summary, [role=alert]").first).to_contain_text(
        "Choose the GIAS CSV file to import")
    assert_accessible(page, "import schools, no file chosen")
    page.get_by_label("GIAS file (CSV)").set_input_files(str(sample))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import of gias_sample.csv")
    report = page.get_by_role("table", name="What the import did")
    expect(report).to_contain_text("Schools created")
    created = report.get_by_role("row", name="Schools created").locator("td")
    assert int(created.inner_text()) >= 140
    assert_accessible(page, "import report")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "import report, 390 px")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.get_by_role("link", name="Import schools").first.click()
    expect(page.get_by_role("table", name="Imports of the schools register, newest first")) \
        .to_contain_text("gias_sample.csv")
    assert_accessible(page, "past imports, 390 px")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page, "past imports, 1280 px")
    # an import still waiting for the worker: its page offers a refresh that needs no script
    from upward.web.outreach.models import SchoolImport

    waiting = SchoolImport.objects.create(source_name="next.csv", status="queued",
                                          rows_expected=50_000)
    page.goto(url(f"/outreach/schools/import/{waiting.pk}/"))
    expect(page.get_by_role("status")).to_contain_text("0 of about 50000 rows read")
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    assert_accessible(page, "import waiting, 1280 px")


def test_a_lead_adds_an_office_from_a_schools_postcode(page, url, sign_in, assert_accessible):
    seed_outreach()
    person(roles=["member", "lead"], email="lee.lead@northbridge.example", display_name="Lee Lead")
    sign_in(page, "lee.lead@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url("/outreach/offices/"))
    assert_accessible(page, "offices")
    page.get_by_role("link", name="Add an office").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an office")
    assert_accessible(page, "add an office")
    from upward.web.outreach.models import School

    school = School.objects.exclude(easting=None).exclude(postcode="").first()
    page.get_by_label("Office name").fill("Riverside")
    page.get_by_label("Postcode").fill(school.postcode.lower())
    page.get_by_role("button", name="Use the grid reference of a school with this postcode").click()
    expect(page.get_by_role("status")).to_contain_text(school.name)
    expect(page.get_by_label("Easting (metres)")).to_have_value(str(school.easting))
    assert_accessible(page, "office form, grid reference found")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "office form, 390 px")
    page.get_by_role("button", name="Save office").click()
    expect(page.get_by_role("table")).to_contain_text("Riverside")
    assert_accessible(page, "offices, 390 px")

"""Every core flow works with JavaScript switched off (DESIGN.md: progressive enhancement)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.accounts.models import CareerEntry, Profile
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_edit_profile_and_timeline_without_javascript(
    page_without_js, url, assert_accessible
):
    page = page_without_js
    member = person(roles=["member"], email="jo.bell@northbridge.example",
                    display_name="Jo Bell", job_title="Payroll assistant",
                    team="Payroll", location="Leeds")
    person(roles=["member"], email="kwame@northbridge.example", display_name="Kwame Mensah",
           team="Finance operations")

    # the page really has no JavaScript: htmx never loads its global
    page.goto(url("/accounts/sign-in/"))
    assert page.evaluate("typeof window.htmx") == "undefined"
    assert_accessible(page, "sign-in (no JavaScript)")

    # a wrong password still gets the error summary, from the server alone
    page.get_by_label("Email address").fill("jo.bell@northbridge.example")
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("do not match an account")
    assert_accessible(page, "sign-in error (no JavaScript)")

    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Jo Bell")
    assert_accessible(page, "home (no JavaScript)")

    # the people search is a plain GET form underneath htmx
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    assert_accessible(page, "people (no JavaScript)")
    page.get_by_role("searchbox").fill("finance")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/people/\?q=finance$"))
    results = page.locator("#people-results").get_by_role("heading", level=2)
    expect(results).to_have_text(["Kwame Mensah"])
    assert_accessible(page, "people search results (no JavaScript)")

    page.goto(url("/me/edit/"))
    assert_accessible(page, "edit profile (no JavaScript)")
    page.get_by_role("textbox", name=re.compile("^Job title")).fill("Payroll team leader")
    page.get_by_label("Who can see: location").select_option(label="Only me")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    expect(page.get_by_role("main")).to_contain_text("Payroll team leader")
    assert_accessible(page, "profile after saving (no JavaScript)")
    profile = Profile.objects.get(user=member)
    assert profile.job_title == "Payroll team leader"
    assert profile.visibility_of("location") == "only_me"

    # add and remove a timeline entry (removal's confirm() is an enhancement only);
    # a year out of range first: a clear error, nothing saved
    page.goto(url("/me/career/add/"))
    assert_accessible(page, "add career entry (no JavaScript)")
    page.get_by_label("Role", exact=True).fill("Payroll clerk")
    page.get_by_label("Start year").fill("1812")
    page.get_by_role("button", name="Add role").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Start year must be 1940 or more")
    expect(page.get_by_label("Start year")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "add career entry with an error (no JavaScript)")
    assert not CareerEntry.objects.filter(profile=profile).exists()
    page.get_by_label("Role", exact=True).fill("Payroll clerk")
    page.get_by_label("Start year").fill("2012")
    page.get_by_role("button", name="Add role").click()
    expect(page.get_by_role("status")).to_contain_text("Added to your career timeline.")
    assert_accessible(page, "edit profile with a timeline (no JavaScript)")
    assert CareerEntry.objects.filter(profile=profile, title="Payroll clerk").exists()
    page.get_by_role("link", name="Remove Payroll clerk").click()  # a confirmation page
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Remove “Payroll clerk \(2012–now\)” from your career timeline\?$"))
    assert_accessible(page, "confirm removing a career entry (no JavaScript)")
    assert CareerEntry.objects.filter(profile=profile).exists()
    page.get_by_role("button", name="Remove the entry").click()
    expect(page.get_by_role("status")).to_contain_text("Removed from your career timeline.")
    assert_accessible(page, "edit profile after removing (no JavaScript)")
    assert not CareerEntry.objects.filter(profile=profile).exists()

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    assert_accessible(page, "landing after signing out (no JavaScript)")

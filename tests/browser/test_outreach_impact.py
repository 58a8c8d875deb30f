"""The impact page in a browser: the period picker without JavaScript, axe-clean on a
desktop and a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.demo.outreach_seed import seed_outreach

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reads_the_years_impact(page, url, sign_in, assert_accessible):
    for n in range(20):
        person(roles=["member"], email=f"colleague{n}@northbridge.example")
    person(roles=["member", "lead"], email="lead@northbridge.example")
    seed_outreach()
    person(roles=["member"], email="sam.ode@northbridge.example", display_name="Sam Ode")
    sign_in(page, "sam.ode@northbridge.example")
    assert_accessible(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outreach").click()
    assert_accessible(page, "schools")
    page.get_by_role("navigation", name="Outreach").get_by_role("link", name="Impact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outreach impact")
    assert_accessible(page, "impact, this academic year")
    page.get_by_role("link", name="Last 12 months").click()
    expect(page.locator(".figure-list")).to_contain_text("Pupils reached")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    assert_accessible(page, "impact, last 12 months")
    page.get_by_label("From", exact=True).fill("2026-07-01")
    page.get_by_label("To", exact=True).fill("2026-06-01")
    page.get_by_role("button", name="Show impact").click()
    expect(page.locator(".error-summary")).to_contain_text("same as or after the start date")
    assert_accessible(page, "impact, a period back to front")
    page.get_by_role("link", name="This academic year").click()
    assert_accessible(page, "impact, this academic year again")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "impact, 390 px")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), \
        "the impact page is wider than a phone"

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

"""The styled "not found" and "something went wrong" pages, checked with axe-core."""

from __future__ import annotations

import pytest
from django.template import loader
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_not_found_page_is_styled_and_accessible(page, url, assert_accessible):
    response = page.goto(url("/no-such-page/"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to the home page")).to_be_visible()
    assert_accessible(page, "404")


def test_server_error_page_is_styled_and_accessible(page, url, assert_accessible):
    # The browser watch fails a test on any 5xx answer, so the page Django would send
    # with its 500 is served with a 200 at an address of the live server.
    html = loader.get_template("500.html").render()
    address = url("/a-page-that-failed/")
    page.route(address, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=html))
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text("Something went wrong")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                         ".backgroundColor") != "rgba(0, 0, 0, 0)"  # the stylesheet loaded
    assert_accessible(page, "500")
    page.get_by_role("link", name="Go to the home page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("social-mobility network")
    assert_accessible(page, "landing after the 500 page")

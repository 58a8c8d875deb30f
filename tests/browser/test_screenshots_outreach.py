"""Outreach and events screenshots, from the demo's own data (``seed_demo``, with fewer
members), as a member of the demo sees them.

Every run takes and checks them (axe-clean, 1280 px wide PNGs); ``make screenshots``
(``UPWARD_SCREENSHOTS=docs``) writes them to docs/screenshots: outreach-opportunities.png,
outreach-impact.png, events.png and event.png. Each file has this one writer.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from upward.web.demo import content
from upward.web.demo.seed import DEMO_PASSWORD, seed_demo
from upward.web.events.models import Event

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG = b"\x89PNG\r\n\x1a\n"
NAMES = ("outreach-opportunities.png", "outreach-impact.png", "events.png", "event.png")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where the screenshots go: docs/screenshots only when asked for (as test_screenshots)."""
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


def test_outreach_and_events_screenshots(page, url, sign_in, assert_accessible, settings,
                                         screenshots):
    settings.UPWARD_ORGANISATION_NAME = content.ORGANISATION  # as `make demo` shows it
    seed_demo(members=60, seed=2026)
    screenshots.mkdir(parents=True, exist_ok=True)
    sign_in(page, f"member@{content.DOMAIN}", DEMO_PASSWORD)
    assert_accessible(page, "the member's home (demo)")

    page.goto(url("/outreach/opportunities/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "outreach opportunities (demo)")
    page.screenshot(path=screenshots / "outreach-opportunities.png", full_page=True)

    page.goto(url("/outreach/impact/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Outreach impact")
    assert_accessible(page, "outreach impact, this academic year (demo)")
    page.get_by_role("link", name="Last 12 months").click()
    expect(page.locator(".figure-list")).to_contain_text("Pupils reached")
    assert_accessible(page, "outreach impact, last 12 months (demo)")
    page.screenshot(path=screenshots / "outreach-impact.png", full_page=True)

    page.goto(url("/events/"))
    expect(page.get_by_role("main")).to_contain_text("Network coffee")
    expect(page.get_by_role("main")).to_contain_text("Class ceiling: an evening discussion")
    assert_accessible(page, "events (demo)")
    page.screenshot(path=screenshots / "events.png", full_page=True)

    full = Event.objects.get(title="Class ceiling: an evening discussion")
    page.goto(url(f"/events/{full.pk}/"))
    expect(page.get_by_role("main")).to_contain_text("on the waiting list, number 2")
    assert_accessible(page, "an event, full, on its waiting list (demo)")
    page.screenshot(path=screenshots / "event.png", full_page=True)

    for name in NAMES:
        image = (screenshots / name).read_bytes()
        assert image[:8] == PNG
        width = int.from_bytes(image[16:20], "big")
        assert width == 1280, f"{name} is {width}px wide"

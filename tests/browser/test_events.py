"""Events in a browser: a lead creates an event through the form (local date and time),
a member RSVPs and sees their place; then the pages are checked with axe-core at phone
(390 px) and desktop (1280 px) widths. The ``page`` fixture fails on any page left
unchecked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.events.models import RSVP, Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_creates_member_rsvps(page, url, sign_in, assert_accessible):
    lead = person(roles=["member", "lead"], email="priya.shah@northbridge.example",
                  display_name="Priya Shah")
    member = person(roles=["member"], email="jade.brown@northbridge.example",
                    display_name="Jade Brown")
    day = (timezone.localdate() + timedelta(days=14)).isoformat()

    sign_in(page, lead.email)
    assert_accessible(page, "lead's home")
    page.goto(url("/events/manage/"))
    assert_accessible(page, "run events")
    page.get_by_role("link", name="New event").click()
    assert_accessible(page, "new event form")
    page.get_by_label("Title").fill("Breakfast with the board")
    page.get_by_label("Description").fill("Porridge and **careers**.")
    page.get_by_label("Date", exact=True).fill(day)
    page.get_by_label("Start time").fill("08:00")
    page.get_by_label("End time").fill("09:00")
    page.get_by_role("textbox", name="Place (optional)").fill("Atrium, Leeds")
    page.get_by_label("Number of places (optional)").fill("1")
    page.get_by_role("button", name="Publish the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Breakfast with the board")
    assert_accessible(page, "event page for the lead")
    event = Event.objects.get()
    assert event.capacity == 1 and event.organiser == lead

    page.context.clear_cookies()
    sign_in(page, member.email)
    assert_accessible(page, "member's home")
    expect(page.get_by_text("Breakfast with the board")).to_be_visible()  # home panel
    page.goto(url("/events/"))
    assert_accessible(page, "events list")
    page.get_by_role("link", name="Breakfast with the board").click()
    assert_accessible(page, "event page for a member")
    page.get_by_role("button", name="I am going").click()
    expect(page.get_by_text("You are going.")).to_be_visible()
    assert_accessible(page, "event page with a place")
    assert RSVP.objects.get(event=event).person == member
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/events/", f"/events/{event.pk}/", "/events/feed/",
                     f"/events/{event.pk}/rsvp/cancel/"):
            page.goto(url(path))
            assert_accessible(page, f"{path} at {width}px")
    page.goto(url("/events/feed/"))
    assert_accessible(page, "feed page")
    page.get_by_role("button", name="Make my calendar address").click()
    expect(page.locator("code")).to_contain_text("/events/feed/")
    assert_accessible(page, "feed address shown")

    page.context.clear_cookies()
    sign_in(page, lead.email)
    assert_accessible(page, "lead's home again")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/events/manage/", "/events/new/", f"/events/{event.pk}/edit/",
                     f"/events/{event.pk}/attendance/", f"/events/{event.pk}/survey/results/"):
            page.goto(url(path))
            assert_accessible(page, f"{path} at {width}px")

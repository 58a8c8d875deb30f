"""/api/v1/events/: the same rules as the pages."""

from __future__ import annotations

import pytest

from upward.web.events import services

from .helpers import api_client, make_event, members

pytestmark = pytest.mark.django_db


def test_list_detail_rsvp_and_cancel(lead):
    event = make_event(organiser=lead, capacity=1, format="online",
                       online_link="https://meet.example/x")
    first, second = members(2)
    client = api_client(first)
    listed = client.get("/api/v1/events").json()
    assert [e["id"] for e in listed] == [event.pk] and listed[0]["places_left"] == 1
    detail = client.get(f"/api/v1/events/{event.pk}").json()
    assert detail["online_link"] is None and detail["your_rsvp"] is None
    made = client.post(f"/api/v1/events/{event.pk}/rsvp")
    assert made.status_code == 201 and made.json()["status"] == "confirmed"
    assert client.post(f"/api/v1/events/{event.pk}/rsvp").status_code == 200
    assert client.get(f"/api/v1/events/{event.pk}").json()["online_link"] == \
        "https://meet.example/x"
    waiting = api_client(second).post(f"/api/v1/events/{event.pk}/rsvp").json()
    assert waiting["status"] == "waitlisted" and waiting["waitlist_position"] == 1
    assert client.delete(f"/api/v1/events/{event.pk}/rsvp").status_code == 204
    mine = api_client(second).get("/api/v1/events/rsvps").json()
    assert [(r["event_id"], r["status"]) for r in mine] == [(event.pk, "confirmed")]


def test_writes_need_the_write_scope(lead):
    event = make_event(organiser=lead)
    (member,) = members(1)
    assert api_client(member, scope="read").post(
        f"/api/v1/events/{event.pk}/rsvp").status_code == 403


def test_attendees_are_for_leads(lead, personas):
    event = make_event(organiser=lead, capacity=1)
    first, second = members(2)
    services.rsvp_create(actor=first, event_id=event.pk)
    services.rsvp_create(actor=second, event_id=event.pk)
    rows = api_client(lead).get(f"/api/v1/events/{event.pk}/attendees").json()
    assert [(r["status"], r["waitlist_position"]) for r in rows] == [
        ("confirmed", None), ("waitlisted", 1)]
    assert api_client(personas["member"]).get(
        f"/api/v1/events/{event.pk}/attendees").status_code == 404


def test_people_outside_the_network_see_no_events(lead, personas):
    event = make_event(organiser=lead)
    client = api_client(personas["analyst"])
    assert client.get("/api/v1/events").json() == []
    assert client.get(f"/api/v1/events/{event.pk}").status_code == 404
    assert client.post(f"/api/v1/events/{event.pk}/rsvp").status_code == 404

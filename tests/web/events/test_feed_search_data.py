"""The secret calendar feed, events in the shared search, and personal data."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from icalendar import Calendar

from upward.web.accounts.services import account_delete, personal_data_export
from upward.web.core.search.selectors import search
from upward.web.events import services
from upward.web.events.models import RSVP, CalendarFeed, SurveyAnswer

from .helpers import at, lead_person, make_event, members

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def _make_feed(client) -> str:
    html = client.post("/events/feed/reset/", follow=True).content.decode()
    return re.search(r"<code>https?://[^/]+(/events/feed/[^<]+\.ics)</code>", html).group(1)


def test_the_feed_lists_the_events_with_a_place_and_names_nobody(client_for, lead):
    going, other = members(2)
    mine = make_event(organiser=lead, title="Going to this", capacity=1,
                      online_link="https://meet.example/abc")
    waiting = make_event(organiser=lead, title="Waiting for this", capacity=1)
    make_event(organiser=lead, title="Not going")
    services.rsvp_create(actor=going, event_id=mine.pk)
    services.rsvp_create(actor=other, event_id=waiting.pk)
    services.rsvp_create(actor=going, event_id=waiting.pk)
    path = _make_feed(client_for(going))
    response = Client().get(path)  # no session
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Going to this"]
    text = response.content.decode()
    assert "https://meet.example/abc" in text
    for name in ("Lead", "Member", "@northbridge"):
        assert name not in text
    assert CalendarFeed.objects.get(person=going).secret_hash not in path


def test_a_wrong_secret_is_404_and_a_reset_invalidates_the_old(member, client_for):
    client = client_for(member)
    old = _make_feed(client)
    assert Client().get(old).status_code == 200
    assert Client().get("/events/feed/not-the-secret.ics").status_code == 404
    assert client.get("/events/feed/reset/").status_code == 200  # asks first
    new = _make_feed(client)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_feed_stops_when_its_owner_may_no_longer_see_events(member, client_for):
    path = _make_feed(client_for(member))
    member.role_assignments.all().delete()  # no longer a network member
    assert Client().get(path).status_code == 404


def test_members_find_events_in_the_search_and_others_do_not(personas, lead):
    event = make_event(organiser=lead, title="Apprentices breakfast",
                       description="Porridge and careers")
    for role in ("member", "lead", "moderator"):
        found = search(viewer=personas[role], query="porridge", kinds=["event"])
        assert [h.url for h in found.hits] == [f"/events/{event.pk}/"], role
    for role in ("analyst", "judge", "admin"):
        assert search(viewer=personas[role], query="porridge", kinds=["event"]).hits == []


def test_editing_an_event_reindexes_it(member, lead):
    event = make_event(organiser=lead, title="Breakfast")
    services.event_update(actor=lead, event_id=event.pk, title="Quarterly supper")
    assert [h.url for h in search(viewer=member, query="supper", kinds=["event"]).hits] == [
        f"/events/{event.pk}/"]


def test_the_download_holds_rsvps_and_survey_answers(lead):
    (member,) = members(1)
    event = make_event(organiser=lead, title="Past talk", starts_at=at(2025, 1, 10, 12))
    RSVP.objects.create(event=event, person=member, status="confirmed", attended=True)
    services.survey_answer(actor=member, event_id=event.pk, rating=4, comment="Useful")
    data = personal_data_export(user=member)["events"]
    json.dumps(data)
    assert data["rsvps"][0]["event"] == "Past talk"
    assert data["rsvps"][0]["attended"] is True
    assert data["survey_answers"] == [{"event": "Past talk", "rating": 4, "comment": "Useful",
                                       "answered_at": data["survey_answers"][0]["answered_at"]}]


def test_deleting_an_account_gives_its_place_to_the_waiting_list(lead, client_for):
    leaving, waiting = members(2)
    event = make_event(organiser=lead, capacity=1)
    services.rsvp_create(actor=leaving, event_id=event.pk)
    services.rsvp_create(actor=waiting, event_id=event.pk)
    _make_feed(client_for(leaving))
    account_delete(user=leaving, password=PASSWORD)
    assert list(RSVP.objects.filter(event=event).values_list("person", "status")) == [
        (waiting.pk, "confirmed")]
    assert not CalendarFeed.objects.exists()
    assert not SurveyAnswer.objects.exists()


def test_an_organiser_leaving_keeps_the_event_without_a_name(client_for, member):
    organiser = lead_person()
    event = make_event(organiser=organiser)
    account_delete(user=organiser, password=PASSWORD)
    html = client_for(member).get(f"/events/{event.pk}/").content.decode()
    assert "a former member" in html

"""Who may do what: members (``events``) see events and RSVP; leads (``run_events``)
create, change and cancel them, mark attendance and read survey totals. Every rule has
an allowed and a denied case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.events import services

from .helpers import make_event

pytestmark = pytest.mark.django_db

MEMBERS = ["member", "moderator", "lead"]
OTHERS = ["analyst", "judge", "admin"]


@pytest.fixture
def event(lead):
    return make_event(organiser=lead, starts_at=timezone.now() - timedelta(hours=2))


@pytest.mark.parametrize("role", MEMBERS)
def test_network_members_see_events(role, personas, client_for, event):
    client = client_for(personas[role])
    assert client.get("/events/").status_code == 200
    assert client.get(f"/events/{event.pk}/").status_code == 200
    assert client.get(f"/events/{event.pk}/event.ics").status_code == 200
    assert client.get("/events/feed/").status_code == 200


@pytest.mark.parametrize("role", OTHERS)
def test_others_do_not(role, personas, client_for, event):
    client = client_for(personas[role])
    assert client.get("/events/").status_code == 403
    assert client.get(f"/events/{event.pk}/").status_code == 403
    assert client.post(f"/events/{event.pk}/rsvp/").status_code == 403
    with pytest.raises(Http404):  # the event is not theirs to see: missing and hidden alike
        services.rsvp_create(actor=personas[role], event_id=event.pk)


def test_anonymous_people_are_sent_to_sign_in(client, event):
    response = client.get(f"/events/{event.pk}/")
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_leads_run_events(lead, client_for, event):
    client = client_for(lead)
    for path in ("/events/manage/", "/events/new/", f"/events/{event.pk}/edit/",
                 f"/events/{event.pk}/cancel/", f"/events/{event.pk}/attendance/",
                 f"/events/{event.pk}/survey/results/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_members_do_not_run_events(role, personas, client_for, event):
    client = client_for(personas[role])
    for path in ("/events/manage/", "/events/new/", f"/events/{event.pk}/edit/",
                 f"/events/{event.pk}/cancel/", f"/events/{event.pk}/attendance/",
                 f"/events/{event.pk}/survey/results/"):
        assert client.get(path).status_code == 403, path
    with pytest.raises(ApplicationError):
        make_event(organiser=personas[role])
    with pytest.raises(Http404):
        services.event_cancel(actor=personas[role], event_id=event.pk)


def test_a_missing_event_is_404(member, client_for):
    assert client_for(member).get("/events/999999/").status_code == 404


def test_the_joining_link_is_for_people_with_a_place(lead, client_for, personas):
    event = make_event(organiser=lead, capacity=1, format="online",
                       online_link="https://meet.example/secret-room")
    going, waiting = personas["member"], personas["moderator"]
    services.rsvp_create(actor=going, event_id=event.pk)
    services.rsvp_create(actor=waiting, event_id=event.pk)
    link = "https://meet.example/secret-room"
    assert link in client_for(going).get(f"/events/{event.pk}/").content.decode()
    assert link in client_for(lead).get(f"/events/{event.pk}/").content.decode()
    assert link not in client_for(waiting).get(f"/events/{event.pk}/").content.decode()
    assert link not in client_for(waiting).get(f"/events/{event.pk}/event.ics").content.decode()


def test_the_survey_is_for_attendees_after_the_event(lead, personas, event):
    went, absent, stranger = personas["member"], personas["moderator"], lead
    from upward.web.events.models import RSVP
    RSVP.objects.create(event=event, person=went, status="confirmed")
    RSVP.objects.create(event=event, person=absent, status="confirmed", attended=False)
    assert services.survey_answer(actor=went, event_id=event.pk, rating=5).rating == 5
    for person in (absent, stranger):
        with pytest.raises(ApplicationError, match="for the people who went"):
            services.survey_answer(actor=person, event_id=event.pk, rating=3)

"""The pages: a lead's form in local time, RSVP buttons, attendance, the survey and its
suppressed totals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from upward.web.events import services
from upward.web.events.models import RSVP, Event

from .helpers import at, make_event, members

pytestmark = pytest.mark.django_db

FORM = {"title": "Autumn social", "description": "Drinks", "starts_on": "2027-10-28",
        "starts_time": "18:00", "ends_time": "20:00", "time_zone": "Europe/London",
        "repeat": "weekly", "repeat_count": "3", "repeat_until": "", "format": "hybrid",
        "place": "Atrium", "online_link": "https://meet.example/x", "capacity": "20",
        "recording_url": "", "slides_url": ""}


def test_a_lead_creates_an_event_in_local_time(lead, client_for):
    response = client_for(lead).post("/events/new/", FORM)
    assert response.status_code == 302
    event = Event.objects.get()
    assert response["Location"] == f"/events/{event.pk}/"
    assert event.starts_at == at(2027, 10, 28, 17)  # 18:00 BST
    assert event.recurrence == "FREQ=WEEKLY;COUNT=3"
    assert event.series_ends_at == at(2027, 11, 11, 20)  # 20:00 GMT
    assert event.organiser == lead


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"title": ""}, "title", "Enter a title"),
    ({"repeat_count": ""}, "repeat_count", "Enter either a number of times"),
    ({"place": ""}, "place", "Enter the place"),
    ({"online_link": ""}, "online_link", "Enter the joining link"),
    ({"starts_on": "2028-03-26", "starts_time": "01:30", "ends_time": "02:30"},
     "starts_time", "does not exist"),
])
def test_the_form_says_what_is_wrong(change, field, message, lead, client_for):
    response = client_for(lead).post("/events/new/", {**FORM, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_lowering_capacity_on_the_form_is_refused_on_the_field(lead, client_for):
    event = make_event(organiser=lead, capacity=3)
    for p in members(3):
        services.rsvp_create(actor=p, event_id=event.pk)
    data = {**FORM, "repeat": "", "repeat_count": "", "capacity": "2"}
    response = client_for(lead).post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 400
    assert "3 people already have a place" in response.content.decode()


def test_the_edit_form_shows_local_times(lead, client_for):
    client_for(lead).post("/events/new/", FORM)
    event = Event.objects.get()
    html = client_for(lead).get(f"/events/{event.pk}/edit/").content.decode()
    assert 'value="18:00"' in html and 'value="2027-10-28"' in html


def test_rsvp_and_cancel_through_the_pages(member, lead, client_for):
    event = make_event(organiser=lead, capacity=1)
    client = client_for(member)
    assert client.post(f"/events/{event.pk}/rsvp/").status_code == 302
    assert "You are going" in client.get(f"/events/{event.pk}/").content.decode()
    confirm = client.get(f"/events/{event.pk}/rsvp/cancel/")
    assert confirm.status_code == 200 and "Cancel your RSVP?" in confirm.content.decode()
    assert RSVP.objects.filter(event=event).exists()  # asking changed nothing
    assert client.post(f"/events/{event.pk}/rsvp/cancel/").status_code == 302
    assert not RSVP.objects.filter(event=event).exists()


def test_the_waiting_list_position_is_shown(lead, client_for):
    event = make_event(organiser=lead, capacity=1)
    first, second = members(2)
    services.rsvp_create(actor=first, event_id=event.pk)
    services.rsvp_create(actor=second, event_id=event.pk)
    html = client_for(second).get(f"/events/{event.pk}/").content.decode()
    assert "waiting list, number 1" in html


def test_attendance_is_marked_after_the_event(lead, client_for):
    event = make_event(organiser=lead, starts_at=timezone.now() - timedelta(hours=3))
    came, missed = members(2)
    a = RSVP.objects.create(event=event, person=came, status="confirmed")
    b = RSVP.objects.create(event=event, person=missed, status="confirmed")
    response = client_for(lead).post(f"/events/{event.pk}/attendance/",
                                     {"attended": [str(a.pk)]})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (True, False)


def test_recordings_show_after_the_event_and_survey_totals_are_suppressed(lead, client_for):
    event = make_event(organiser=lead, starts_at=at(2025, 1, 10, 12),
                       recording_url="https://video.example/rec")
    people = members(12)
    for i, p in enumerate(people):
        RSVP.objects.create(event=event, person=p, status="confirmed")
        services.survey_answer(actor=p, event_id=event.pk, rating=5 if i < 10 else 2,
                               comment=f"comment {i}")
    html = client_for(people[0]).get(f"/events/{event.pk}/").content.decode()
    assert "https://video.example/rec" in html and "Tell us how it went" not in html
    results = client_for(lead).get(f"/events/{event.pk}/survey/results/").content.decode()
    assert "comment 0" not in results
    assert "fewer than" in results  # the two 2s are not shown as a number
    assert ">10<" in results
    assert ">2<" not in results


def test_the_survey_page_saves_an_answer(lead, client_for):
    event = make_event(organiser=lead, starts_at=at(2025, 1, 10, 12))
    (went,) = members(1)
    RSVP.objects.create(event=event, person=went, status="confirmed")
    client = client_for(went)
    assert "Tell us how it went" in client.get(f"/events/{event.pk}/").content.decode()
    assert client.post(f"/events/{event.pk}/survey/", {"rating": "4"}).status_code == 302
    assert event.survey_answers.get().rating == 4


def test_the_home_page_shows_upcoming_events(member, lead, client_for):
    make_event(organiser=lead, title="Careers fair")
    html = client_for(member).get("/").content.decode()
    assert "Upcoming events" in html and "Careers fair" in html


def test_the_list_orders_a_series_by_its_next_date_and_says_what_happened_at_past_ones(
        client_for):
    from datetime import timedelta

    from django.utils import timezone
    from tests.web.events.helpers import make_event, members

    from upward.web.events import services

    now = timezone.now()
    series = make_event(title="Monthly coffee", starts_at=now - timedelta(days=200),
                        recurrence="FREQ=MONTHLY;COUNT=12")
    soon = make_event(title="Winter social", starts_at=now + timedelta(hours=2))
    past = make_event(title="Spring social", starts_at=now + timedelta(days=1))
    (member,) = members(1)
    services.rsvp_create(actor=member, event_id=soon.pk)
    services.rsvp_create(actor=member, event_id=past.pk)
    type(past).objects.filter(pk=past.pk).update(
        starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=30, hours=-1),
        series_ends_at=now - timedelta(days=30, hours=-1))
    page = client_for(member).get("/events/").content.decode()
    upcoming = page.split("<h2>Past</h2>")[0]
    # the coffee began 200 days ago but next meets in weeks: the social comes first
    assert upcoming.index("Winter social") < upcoming.index("Monthly coffee")
    assert series.is_series and soon.pk
    assert "You went" in page.split("<h2>Past</h2>")[1]
    assert "You went" not in upcoming and "You are going" in upcoming

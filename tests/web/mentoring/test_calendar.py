""".ics downloads of a pair's meetings: real iCalendar, times in UTC, never the notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from upward.web.mentoring.services import pairs as services

from .pairs_factories import make_pair

pytestmark = pytest.mark.django_db

NOTES = "Confidential: thinking of leaving the finance team"


def _pair_with_meetings():
    pair = make_pair()
    mentee = pair.mentee.user
    services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=timezone.localdate()
                         - timedelta(days=14), minutes=40, notes=NOTES)
    services.meeting_log(actor=pair.mentor.user, pair_id=pair.pk,
                         held_on=timezone.localdate() - timedelta(days=7), notes="More notes")
    at = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    services.next_meeting_set(actor=mentee, pair_id=pair.pk, at=at, place="Room 4.12")
    return pair, at


def test_the_next_meeting_downloads_as_a_calendar_event_in_utc(client_for):
    pair, at = _pair_with_meetings()
    mentee, mentor = pair.mentee.user, pair.mentor.user
    response = client_for(mentee).get(reverse("mentoring:pair_next_meeting_ics", args=[pair.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start = event.decoded("dtstart")
    assert start == at and start.utcoffset() == timedelta(0)
    assert event.get("dtstart").to_ical().endswith(b"Z")
    assert str(event.get("summary")) == f"Mentoring meeting with {mentor.profile.display_name}"
    assert str(event.get("location")) == "Room 4.12"
    assert str(event.get("uid")).startswith(f"mentoring-pair-{pair.pk}-next-")
    assert event.get("dtstamp") is not None
    assert NOTES.encode() not in response.content and b"More notes" not in response.content


def test_moving_the_next_meeting_keeps_its_uid_and_a_logged_meeting_starts_a_new_one(
        client_for):
    pair, at = _pair_with_meetings()
    mentee = pair.mentee.user
    url = reverse("mentoring:pair_next_meeting_ics", args=[pair.pk])

    def event():
        return next(iter(Calendar.from_ical(client_for(mentee).get(url).content)
                         .walk("VEVENT")))

    first = event()
    services.next_meeting_set(actor=mentee, pair_id=pair.pk, at=at + timedelta(hours=2),
                              place="Room 4.12")
    moved = event()
    assert str(moved.get("uid")) == str(first.get("uid"))  # the calendar moves it
    assert moved.decoded("dtstart") == at + timedelta(hours=2)
    assert int(moved.get("sequence")) >= int(first.get("sequence"))
    services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=timezone.localdate())
    services.next_meeting_set(actor=mentee, pair_id=pair.pk, at=at + timedelta(days=14),
                              place="Room 4.12")
    assert str(event().get("uid")) != str(first.get("uid"))  # a new meeting, a new event


def test_the_mentors_file_names_the_mentee(client_for):
    pair, _ = _pair_with_meetings()
    response = client_for(pair.mentor.user).get(
        reverse("mentoring:pair_next_meeting_ics", args=[pair.pk]))
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert pair.mentee.user.profile.display_name in str(event.get("summary"))


def test_all_meetings_download_with_their_dates_and_no_notes(client_for):
    pair, at = _pair_with_meetings()
    response = client_for(pair.mentee.user).get(
        reverse("mentoring:pair_meetings_ics", args=[pair.pk]))
    assert response.status_code == 200
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    starts = sorted((e.decoded("dtstart") for e in events), key=str)
    logged = [s for s in starts if not isinstance(s, datetime)]
    assert logged == [timezone.localdate() - timedelta(days=14),
                      timezone.localdate() - timedelta(days=7)]
    assert all(isinstance(d, date) for d in logged)
    assert [s for s in starts if isinstance(s, datetime)] == [at.astimezone(UTC)]
    assert len({str(e.get("uid")) for e in events}) == 3
    for event in events:
        assert "description" not in event
    assert NOTES.encode() not in response.content and b"More notes" not in response.content


def test_no_next_meeting_is_a_404(client_for):
    pair = make_pair()
    response = client_for(pair.mentee.user).get(
        reverse("mentoring:pair_next_meeting_ics", args=[pair.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["lead", "admin", "member"])
def test_nobody_else_downloads_a_pairs_calendar(personas, client_for, who):
    pair, _ = _pair_with_meetings()
    for name in ("pair_next_meeting_ics", "pair_meetings_ics"):
        response = client_for(personas[who]).get(reverse(f"mentoring:{name}", args=[pair.pk]))
        assert response.status_code == 404
        assert b"BEGIN:VCALENDAR" not in response.content

"""A weekly 18:00 in London stays 18:00 across the clock changes (the last Sundays of
October and March), and the .ics says so with a TZID, a VTIMEZONE and an RRULE."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from upward.web.events.occurrences import local_to_utc, occurrences, recurrence_rule

from .helpers import at, make_event

LONDON = ZoneInfo("Europe/London")


def _weekly_from(day: date, count: int):
    start = local_to_utc(day, time(18), "Europe/London")
    end = local_to_utc(day, time(19, 30), "Europe/London")
    return occurrences(starts_at=start, ends_at=end, time_zone="Europe/London",
                       recurrence=recurrence_rule("weekly", count=count))


def test_autumn_change_utc_shifts_local_time_stays():
    # BST ends on Sunday 31 October 2027
    found = _weekly_from(date(2027, 10, 21), 3)
    assert [o.starts_at for o in found] == [at(2027, 10, 21, 17), at(2027, 10, 28, 17),
                                            at(2027, 11, 4, 18)]
    assert {o.starts_at.astimezone(LONDON).time() for o in found} == {time(18)}
    assert {o.ends_at - o.starts_at for o in found} == {found[0].ends_at - found[0].starts_at}


def test_spring_change_utc_shifts_local_time_stays():
    # BST starts on Sunday 26 March 2028
    found = _weekly_from(date(2028, 3, 16), 3)
    assert [o.starts_at for o in found] == [at(2028, 3, 16, 18), at(2028, 3, 23, 18),
                                            at(2028, 3, 30, 17)]
    assert {o.starts_at.astimezone(LONDON).time() for o in found} == {time(18)}


def test_until_is_a_last_local_day_inclusive():
    start = local_to_utc(date(2027, 10, 21), time(18), "Europe/London")
    rule = recurrence_rule("fortnightly", until=date(2027, 11, 18), time_zone="Europe/London")
    assert rule == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20271118T235959Z"
    found = occurrences(starts_at=start, ends_at=start, time_zone="Europe/London",
                        recurrence=rule)
    assert [o.starts_at.date() for o in found] == [date(2027, 10, 21), date(2027, 11, 4),
                                                   date(2027, 11, 18)]


def test_a_time_the_clocks_skip_is_refused():
    with pytest.raises(ValueError, match="does not exist"):
        local_to_utc(date(2028, 3, 26), time(1, 30), "Europe/London")


@pytest.mark.django_db
def test_the_ics_parses_back_with_tzid_vtimezone_and_rrule(member, client_for):
    start = local_to_utc(date(2027, 10, 21), time(18), "Europe/London")
    event = make_event(starts_at=start, recurrence="FREQ=WEEKLY;COUNT=3",
                       title="Thursday socials")
    response = client_for(member).get(f"/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert vevent.decoded("DTSTART") == datetime(2027, 10, 21, 18, tzinfo=LONDON)
    assert vevent.decoded("DTSTART").utcoffset().total_seconds() == 3600
    assert vevent["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=3"
    assert str(vevent["UID"]) == f"upward-event-{event.pk}@" + str(vevent["UID"]).split("@")[1]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    # the same event downloaded again keeps its UID (calendars update, not duplicate)
    again = Calendar.from_ical(client_for(member).get(f"/events/{event.pk}/event.ics").content)
    assert again.walk("VEVENT")[0]["UID"] == vevent["UID"]


@pytest.mark.django_db
def test_a_cancelled_event_is_cancelled_in_the_ics(lead, client_for):
    event = make_event(organiser=lead)
    from upward.web.events import services
    services.event_cancel(actor=lead, event_id=event.pk)
    calendar = Calendar.from_ical(client_for(lead).get(f"/events/{event.pk}/event.ics").content)
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"

"""The demo's year of events: a monthly coffee across the clock changes, one-off events
with RSVPs, a full event with its waiting list, attendance and survey answers on past
events; within the events rules, searchable, and seeded once."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from upward.web.core.search.selectors import search
from upward.web.demo.events_seed import (
    COFFEE_TITLE,
    ONE_OFFS,
    WAITING,
    _working_day,
    seed_events,
)
from upward.web.demo.factories import person
from upward.web.events.models import RSVP, Event, EventFormat, RSVPStatus, SurveyAnswer
from upward.web.events.occurrences import event_occurrences, local, next_occurrence
from upward.web.events.selectors import waitlist_position

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(personas):
    for n in range(40):
        person(email=f"colleague{n}@northbridge.example", location="Leeds")
    seed_events(seed=7)
    return _snapshot()


def _snapshot():
    return (sorted(Event.objects.values_list("title", "starts_at", "capacity", "recording_url")),
            sorted(RSVP.objects.values_list("event__title", "person__email", "status",
                                            "attended")),
            sorted(SurveyAnswer.objects.values_list("event__title", "person__email", "rating",
                                                    "comment")))


def test_a_coffee_every_month_at_half_past_twelve_in_london_and_a_dozen_one_offs(seeded):
    assert Event.objects.count() == 1 + len(ONE_OFFS) >= 12
    coffee = Event.objects.get(title=COFFEE_TITLE)
    assert coffee.is_series and coffee.format == EventFormat.ONLINE and coffee.capacity is None
    dates = event_occurrences(coffee)
    assert len(dates) == 15
    assert {(local(o.starts_at, "Europe/London").hour, local(o.starts_at, "Europe/London").minute)
            for o in dates} == {(12, 30)}
    # across the clock changes: 12:30 GMT in winter, 11:30 UTC in British summer time
    assert {o.starts_at.astimezone(UTC).hour for o in dates} == {11, 12}
    assert all(local(o.starts_at, "Europe/London").weekday() == 2 for o in dates)
    now = timezone.now()
    assert dates[0].starts_at < now - timedelta(days=330)
    assert now + timedelta(days=27) < dates[-1].starts_at < now + timedelta(days=93)
    formats = set(Event.objects.values_list("format", flat=True))
    assert formats == {EventFormat.ONLINE, EventFormat.IN_PERSON, EventFormat.HYBRID}
    assert Event.objects.filter(title__icontains="class ceiling").exists()
    assert Event.objects.filter(title__icontains="general meeting",
                                format=EventFormat.HYBRID).exists()


def test_past_and_upcoming_span_a_year_back_and_two_months_ahead(seeded):
    now = timezone.now()
    one_offs = Event.objects.exclude(title=COFFEE_TITLE)
    upcoming = one_offs.filter(starts_at__gt=now)
    # two months ahead, a little more when the Christmas break moves one into January
    assert upcoming.count() >= 3 and all(e.starts_at < now + timedelta(days=75)
                                         for e in upcoming)
    assert one_offs.filter(starts_at__lt=now - timedelta(days=300)).exists()
    # nothing on a weekend
    assert all(local(e.starts_at, e.time_zone).weekday() < 5 for e in one_offs)
    # recordings and slides only after an event, on some of them
    assert not upcoming.exclude(recording_url="", slides_url="").exists()
    past = one_offs.filter(series_ends_at__lte=now)
    assert 0 < past.exclude(recording_url="").count() < past.count()
    assert past.exclude(slides_url="").exists()


def test_capacity_is_never_exceeded_and_one_upcoming_event_is_full_with_a_waiting_list(seeded):
    for event in Event.objects.annotate(
            confirmed=Count("rsvps", filter=Q(rsvps__status=RSVPStatus.CONFIRMED))):
        assert event.capacity is None or event.confirmed <= event.capacity, event.title
    waiting = Event.objects.filter(rsvps__status=RSVPStatus.WAITLISTED).distinct()
    assert waiting.count() == 1
    full = waiting.get()
    assert full.starts_at > timezone.now()
    assert full.rsvps.filter(status=RSVPStatus.CONFIRMED).count() == full.capacity
    assert full.rsvps.filter(status=RSVPStatus.WAITLISTED).count() == WAITING
    member_rsvp = full.rsvps.get(person__email="member@northbridge.example")
    assert member_rsvp.status == RSVPStatus.WAITLISTED and waitlist_position(member_rsvp) == 2


def test_past_events_have_attendance_and_answers_only_from_those_who_came(seeded):
    now = timezone.now()
    past = Event.objects.exclude(title=COFFEE_TITLE).filter(series_ends_at__lte=now)
    confirmed = RSVP.objects.filter(event__in=past, status=RSVPStatus.CONFIRMED)
    assert confirmed.exists() and not confirmed.filter(attended=None).exists()
    assert confirmed.filter(attended=False).exists()
    answers = SurveyAnswer.objects.all()
    assert answers.count() > 10
    for answer in answers.select_related("event"):
        assert RSVP.objects.filter(event=answer.event, person=answer.person,
                                   attended=True).exists()
        assert 1 <= answer.rating <= 5
    # nothing marked or answered before an event happens
    upcoming = RSVP.objects.filter(event__starts_at__gt=now)
    assert upcoming.exists() and not upcoming.exclude(attended=None).exists()
    assert not SurveyAnswer.objects.filter(event__starts_at__gt=now).exists()


def test_the_member_persona_is_going_to_some_and_went_to_the_agm(seeded, personas):
    member = personas["member"]
    titles = set(RSVP.objects.filter(person=member, status=RSVPStatus.CONFIRMED)
                 .values_list("event__title", flat=True))
    assert {COFFEE_TITLE, "Winter social", "Annual general meeting"} <= titles
    assert SurveyAnswer.objects.filter(person=member,
                                       event__title="Annual general meeting").exists()


def test_events_are_searchable(seeded, personas):
    results = search(viewer=personas["member"], query="class ceiling", kinds=["event"])
    found = Event.objects.get(title="Class ceiling: an evening discussion")
    assert ("event", found.pk) in results.posts


def test_the_member_sees_the_events_page_with_the_coffees_next_date(seeded, client_for,
                                                                     personas):
    page = client_for(personas["member"]).get(reverse("events:list")).content.decode()
    assert COFFEE_TITLE in page and "Class ceiling: an evening discussion" in page
    coffee = Event.objects.get(title=COFFEE_TITLE)
    upcoming = next_occurrence(coffee, timezone.now())
    when = local(upcoming.starts_at, "Europe/London")
    assert f"{when:%A} {when.day} {when:%B %Y}, 12:30" in page
    first = local(coffee.starts_at, "Europe/London")
    assert f"{first.day} {first:%B %Y}, 12:30" not in page  # not the series' first date


def test_seeded_once_and_the_same_for_the_same_seed(seeded):
    seed_events(seed=7)
    assert _snapshot() == seeded
    Event.objects.all().delete()
    seed_events(seed=7)
    again = _snapshot()
    # the same events, people and answers (times of RSVPs are not compared)
    assert again[1:] == seeded[1:]
    assert [row[0] for row in again[0]] == [row[0] for row in seeded[0]]


def test_nothing_without_a_lead_or_members(db):
    seed_events(seed=7)
    assert not Event.objects.exists()


@pytest.mark.parametrize(("day", "moved"), [
    (date(2026, 12, 24), date(2027, 1, 6)),   # Christmas Eve: after the break
    (date(2027, 1, 2), date(2027, 1, 6)),
    (date(2026, 12, 19), date(2026, 12, 22)),  # a Saturday: the Tuesday
    (date(2026, 12, 14), date(2026, 12, 15)),  # a Monday: the Tuesday
    (date(2026, 12, 17), date(2026, 12, 17)),  # a Thursday stays
])
def test_events_avoid_weekends_mondays_and_the_christmas_break(day, moved):
    assert _working_day(day) == moved

"""The demo's year of the network's own events: a year back and two months ahead.

What ``make demo`` shows on /events/ (run today, early December 2026, that is December
2025 to February 2027):

* "Network coffee", online on the first Wednesday of every month at 12:30 Europe/London
  (13:30 UTC in winter, 11:30 UTC in summer: the series keeps its local time across the
  clock changes), from twelve months ago to two months ahead.
* Twelve one-off events from ``src/upward/data/demo/events.toml``: panels, the "Class
  ceiling" discussion, careers fairs, a hybrid AGM, socials. Past ones have RSVPs,
  attendance marked (about one in six confirmed people did not come), survey answers
  from about half of those who came, and some a recording or slides link; upcoming
  ones, in the next two months (nothing in the Christmas break: 21 December to 4
  January moves to 6 January), have RSVPs so far, and the "Class ceiling" evening is full
  with a waiting list (the Member persona on it).
* The Member persona is going to the coffee and the winter social, and went to the AGM.

Events are made by the Network lead persona through the events services
(``event_create`` indexes them for search), RSVPs through ``rsvp_create`` at a time
before the event (so capacity and waiting-list order are the service's), attendance
through ``attendance_mark`` and answers through ``survey_answer``. Nobody is notified.
Deterministic for a given ``seed`` and the day it runs; safe to run twice: when there
are events already, nothing is added.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from upward.web.accounts.selectors import active_person_by_email, network_members
from upward.web.demo import content
from upward.web.demo.data_files import DataFile
from upward.web.events.models import DEFAULT_TIME_ZONE, RSVP, Event, EventFormat, RSVPStatus
from upward.web.events.occurrences import local, local_to_utc
from upward.web.events.services import (
    attendance_mark,
    event_create,
    rsvp_create,
    survey_answer,
)


@dataclass(frozen=True)
class OneOff:
    title: str
    description: str
    format: str
    place: str
    day: int  # days from the day the demo runs
    at: time
    minutes: int
    capacity: int | None
    recording: bool
    slides: bool
    full: bool


def _one_off(entry: DataFile) -> OneOff:
    hours, _, minutes = entry.text("at").partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise entry.error(entry.where("at"), "expected a time like \"17:30\"")
    capacity = int(entry.number("capacity", low=0, high=1000))
    found = OneOff(
        title=entry.text("title"), description=entry.text("description").strip(),
        format=entry.choice("format", EventFormat.values),
        place=entry.text("place") if entry.has("place") else "",
        day=int(entry.number("day", low=-365, high=60)),
        at=time(int(hours), int(minutes)),
        minutes=int(entry.number("minutes", low=15, high=600)),
        capacity=capacity or None, recording=entry.flag("recording", default=False),
        slides=entry.flag("slides", default=False), full=entry.flag("full", default=False))
    entry.done()
    return found


_file = DataFile("events.toml")
_coffee = _file.table("coffee")
COFFEE_TITLE = _coffee.text("title")
COFFEE_DESCRIPTION = _coffee.text("description").strip()
COFFEE_LINK = _coffee.text("online_link")
_coffee.done()
ONE_OFFS = tuple(_one_off(entry) for entry in _file.tables("events"))
SURVEY_COMMENTS = _file.texts("survey_comments")
_file.done()
if sum(e.full for e in ONE_OFFS) != 1 or not all(e.day > 0 and e.capacity
                                                  for e in ONE_OFFS if e.full):
    raise _file.error("events", "needs exactly one upcoming event with a capacity marked "
                                "full = true")

COFFEE_AT = time(12, 30)
COFFEE_MINUTES = 45
COFFEE_MONTHS = 15  # twelve back, this month, two ahead
WAITING = 5  # on the full event's waiting list
MEETING_LINK = "https://meet.northbridge.example/network-events"
RECORDINGS = "https://video.northbridge.example/network/"
SLIDES = "https://docs.northbridge.example/network/slides/"


def _first_wednesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(2 - first.weekday()) % 7)


def _working_day(day: date) -> date:
    """Off the Christmas break (21 December to 4 January moves to 6 January) and the
    weekend; Saturday to Monday to Tuesday (Monday is people's busiest day)."""
    if (day.month, day.day) >= (12, 21) or (day.month, day.day) <= (1, 4):
        day = date(day.year + (day.month == 12), 1, 6)
    return day + timedelta(days={5: 3, 6: 2, 0: 1}.get(day.weekday(), 0))


def _slug(title: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in title.lower().split())


def seed_events(*, seed: int = 2026, today: date | None = None) -> None:
    """Seed the year of events (see the module's docstring); nothing when there are events
    already, or no Network lead persona or members to hold them."""
    lead = active_person_by_email(f"lead@{content.DOMAIN}")
    if Event.objects.exists() or lead is None:
        return
    people = [p for p in network_members().order_by("pk") if p.pk != lead.pk]
    if not people:
        return
    member = active_person_by_email(f"member@{content.DOMAIN}")
    rng = random.Random(f"events-{seed}")
    now = timezone.now()
    today = today or local(now, DEFAULT_TIME_ZONE).date()
    _coffee_series(rng, lead, people, member, today, now)
    for one_off in ONE_OFFS:
        _one_off_event(rng, one_off, lead, people, member, today, now)


def _coffee_series(rng, lead, people, member, today: date, now: datetime) -> None:
    first = _first_wednesday(today.year - 1, today.month)
    starts = local_to_utc(first, COFFEE_AT, DEFAULT_TIME_ZONE)
    event = event_create(
        actor=lead, title=COFFEE_TITLE, description=COFFEE_DESCRIPTION, starts_at=starts,
        ends_at=starts + timedelta(minutes=COFFEE_MINUTES), time_zone=DEFAULT_TIME_ZONE,
        recurrence=f"FREQ=MONTHLY;BYDAY=1WE;COUNT={COFFEE_MONTHS}",
        format=EventFormat.ONLINE, online_link=COFFEE_LINK, capacity=None)
    going = rng.sample(people, min(len(people), rng.randint(35, 55)))
    if member is not None and member not in going:
        going.append(member)
    _rsvp(rng, event, going, before=starts, now=now)


def _one_off_event(rng, spec: OneOff, lead, people, member, today: date,
                   now: datetime) -> None:
    day = _working_day(today + timedelta(days=spec.day))
    starts = local_to_utc(day, spec.at, DEFAULT_TIME_ZONE)
    ends = starts + timedelta(minutes=spec.minutes)
    past = ends <= now
    slug = _slug(spec.title)
    event = event_create(
        actor=lead, title=spec.title, description=spec.description, starts_at=starts,
        ends_at=ends, time_zone=DEFAULT_TIME_ZONE, format=spec.format, place=spec.place,
        online_link=MEETING_LINK if spec.format != EventFormat.IN_PERSON else "",
        capacity=spec.capacity,
        recording_url=f"{RECORDINGS}{slug}" if spec.recording and past else "",
        slides_url=f"{SLIDES}{slug}.pdf" if spec.slides and past else "")
    others = [p for p in people if p != member]
    if spec.full:
        # Full, with the Member persona second on the waiting list.
        count = spec.capacity + WAITING
        going = rng.sample(others, min(len(others), count - 1))
        if member is not None:
            going.insert(spec.capacity + 1, member)
    else:
        limit = spec.capacity or 90
        share = rng.uniform(0.45, 0.9) if past else rng.uniform(0.2, 0.6)
        going = rng.sample(others, min(len(others), max(3, int(limit * share))))
        if member is not None and spec.title in ("Winter social", "Annual general meeting"):
            going.append(member)
    _rsvp(rng, event, going, before=min(starts, now), now=now)
    if past:
        _attendance_and_survey(rng, event, lead, member, now)


def _rsvp(rng, event: Event, going: list, *, before: datetime, now: datetime) -> None:
    """Each person says yes at a time in the three weeks before ``before``, in order, so
    the waiting list is in the order of ``going``."""
    start = before - timedelta(days=21)
    times = sorted(start + timedelta(minutes=rng.randint(0, 21 * 24 * 60 - 60))
                   for _ in going)
    for person, at in zip(going, times, strict=True):
        rsvp_create(actor=person, event_id=event.pk, now=min(at, now))


def _attendance_and_survey(rng, event: Event, lead, member, now: datetime) -> None:
    confirmed = list(RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED)
                     .select_related("person").order_by("pk"))
    came = [r for r in confirmed if r.person == member or rng.random() < 0.83]
    attendance_mark(actor=lead, event_id=event.pk, attended_ids={r.pk for r in came})
    for rsvp in came:
        if rsvp.person == member or rng.random() < 0.5:
            rating = rng.choices([5, 4, 3, 2], weights=[45, 35, 15, 5])[0]
            comment = rng.choice(SURVEY_COMMENTS) if rng.random() < 0.4 else ""
            survey_answer(actor=rsvp.person, event_id=event.pk, rating=rating,
                          comment=comment)

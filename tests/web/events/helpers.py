"""Events for tests: made through the real service, by a lead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from django.test import Client
from django.utils import timezone

from upward.web.accounts.services import token_create
from upward.web.demo.factories import person
from upward.web.events import services

_numbers = count(1)


def lead_person():
    n = next(_numbers)
    return person(roles=["member", "lead"], email=f"events-lead{n}@northbridge.example",
                  display_name=f"Lead {n}")


def members(how_many: int) -> list:
    people = []
    for _ in range(how_many):
        n = next(_numbers)
        people.append(person(roles=["member"], email=f"events-member{n}@northbridge.example",
                             display_name=f"Member {n}"))
    return people


def make_event(*, organiser=None, starts_at: datetime | None = None,
               length: timedelta = timedelta(hours=1), **fields):
    organiser = organiser or lead_person()
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    values = {"title": "Network breakfast", "description": "Meet the network.",
              "time_zone": "Europe/London", "format": "in_person", "place": "Room 4",
              "capacity": None, "recurrence": ""}
    values.update(fields)
    return services.event_create(actor=organiser, starts_at=starts_at,
                                 ends_at=starts_at + length, **values)


def at(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def api_client(user, scope: str = "write") -> Client:
    client = Client()
    _, secret = token_create(user=user, name="tests", scope=scope)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client

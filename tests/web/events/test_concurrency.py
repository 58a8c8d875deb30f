"""Capacity is never exceeded when many people say yes at the same moment: each RSVP
locks the event row, so the count and the insert happen one after another. Threads
each hold their own database connection, as separate web requests would."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection, connections

from upward.web.events import services
from upward.web.events.models import RSVP, RSVPStatus

from .helpers import make_event, members

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks (select_for_update) are PostgreSQL's; SQLite "
                              "serialises writers and has no concurrent writes to test"),
]


def _rsvp_all_at_once(event, people) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(len(people))

    def rsvp(person):
        try:
            start.wait()
            services.rsvp_create(actor=person, event_id=event.pk)
        except BaseException as error:  # noqa: BLE001 - every failure is counted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=rsvp, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    return errors


def test_forty_people_at_once_fill_ten_places_and_wait_for_the_rest():
    event = make_event(capacity=10)
    people = members(40)
    errors = _rsvp_all_at_once(event, people)
    assert errors == []
    assert RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).count() == 10
    assert RSVP.objects.filter(event=event, status=RSVPStatus.WAITLISTED).count() == 30


def test_cancellations_and_new_rsvps_at_once_never_overfill():
    event = make_event(capacity=5)
    first = members(10)
    for p in first:
        services.rsvp_create(actor=p, event_id=event.pk)
    confirmed = [r.person for r in RSVP.objects.filter(event=event, status="confirmed")]
    newcomers = members(10)
    errors: list[BaseException] = []

    def act(person, cancel):
        try:
            if cancel:
                services.rsvp_cancel(actor=person, event_id=event.pk)
            else:
                services.rsvp_create(actor=person, event_id=event.pk)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(p, True)) for p in confirmed[:3]]
    threads += [threading.Thread(target=act, args=(p, False)) for p in newcomers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert RSVP.objects.filter(event=event, status="confirmed").count() == 5
    assert RSVP.objects.filter(event=event).count() == 17

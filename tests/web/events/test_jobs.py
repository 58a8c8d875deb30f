"""Reminders a day ahead, for each date of a series, once however often the job runs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from upward.web.core.notifications.models import Notification
from upward.web.events import services
from upward.web.events.jobs import reminders
from upward.web.events.models import ReminderSent

from .helpers import at, make_event, members

pytestmark = pytest.mark.django_db


def test_reminders_go_once_to_people_with_a_place():
    event = make_event(starts_at=at(2027, 5, 10, 17), capacity=1)
    going, waiting = members(2)
    services.rsvp_create(actor=going, event_id=event.pk, now=at(2027, 5, 1))
    services.rsvp_create(actor=waiting, event_id=event.pk, now=at(2027, 5, 1))
    assert services.reminders_send_due(now=at(2027, 5, 8, 17)) == 0  # two days ahead
    assert reminders(now=at(2027, 5, 9, 18)) == "Reminded 1 person of tomorrow's events."
    assert services.reminders_send_due(now=at(2027, 5, 9, 18, 30)) == 0  # ran again
    told = Notification.objects.filter(kind="events_reminder")
    assert list(told.values_list("recipient", flat=True)) == [going.pk]
    assert "10 May 2027 at 18:00 (Europe/London)" in told.get().text


def test_each_date_of_a_series_is_reminded():
    event = make_event(starts_at=at(2027, 5, 10, 17), recurrence="FREQ=WEEKLY;COUNT=3")
    (going,) = members(1)
    services.rsvp_create(actor=going, event_id=event.pk, now=at(2027, 5, 1))
    for week in range(3):
        now = at(2027, 5, 9, 18) + timedelta(weeks=week)
        assert services.reminders_send_due(now=now) == 1
        assert services.reminders_send_due(now=now) == 0
    assert ReminderSent.objects.filter(event=event).count() == 3
    assert Notification.objects.filter(kind="events_reminder").count() == 3


def test_cancelled_events_are_not_reminded(lead):
    event = make_event(organiser=lead, starts_at=at(2027, 5, 10, 17))
    (going,) = members(1)
    services.rsvp_create(actor=going, event_id=event.pk, now=at(2027, 5, 1))
    services.event_cancel(actor=lead, event_id=event.pk)
    assert services.reminders_send_due(now=at(2027, 5, 9, 18)) == 0

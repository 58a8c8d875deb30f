"""RSVPs: places, the waiting list, automatic promotion and capacity changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.events import selectors, services
from upward.web.events.models import RSVP, RSVPStatus

from .helpers import make_event, members

pytestmark = pytest.mark.django_db


def _statuses(event):
    return list(RSVP.objects.filter(event=event).order_by("created_at", "pk")
                .values_list("person__email", "status"))


def test_yes_is_a_place_while_there_is_one_then_the_waiting_list_in_order():
    event = make_event(capacity=2)
    people = members(4)
    made = [services.rsvp_create(actor=p, event_id=event.pk) for p in people]
    assert [r.status for r in made] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [selectors.waitlist_position(r) for r in made] == [None, None, 1, 2]


def test_saying_yes_twice_keeps_one_rsvp():
    event = make_event(capacity=1)
    (member,) = members(1)
    first = services.rsvp_create(actor=member, event_id=event.pk)
    again = services.rsvp_create(actor=member, event_id=event.pk)
    assert first.pk == again.pk and RSVP.objects.filter(event=event).count() == 1


def test_cancelling_a_place_promotes_the_longest_waiting_and_tells_them():
    event = make_event(capacity=1)
    first, second, third = members(3)
    for p in (first, second, third):
        services.rsvp_create(actor=p, event_id=event.pk)
    promoted = services.rsvp_cancel(actor=first, event_id=event.pk)
    assert [r.person for r in promoted] == [second]
    assert RSVP.objects.get(event=event, person=second).status == RSVPStatus.CONFIRMED
    assert RSVP.objects.get(event=event, person=third).status == RSVPStatus.WAITLISTED
    told = Notification.objects.get(recipient=second, kind="events_place")
    assert event.title in told.text and told.url == f"/events/{event.pk}/"
    assert not Notification.objects.filter(recipient=third, kind="events_place").exists()


def test_leaving_the_waiting_list_promotes_nobody():
    event = make_event(capacity=1)
    first, second, third = members(3)
    for p in (first, second, third):
        services.rsvp_create(actor=p, event_id=event.pk)
    assert services.rsvp_cancel(actor=second, event_id=event.pk) == []
    assert selectors.waitlist_position(RSVP.objects.get(event=event, person=third)) == 1


def test_cancelling_without_an_rsvp_is_refused():
    event = make_event()
    (member,) = members(1)
    with pytest.raises(ApplicationError, match="not said you are going"):
        services.rsvp_cancel(actor=member, event_id=event.pk)


def test_raising_capacity_promotes_from_the_waiting_list(lead):
    event = make_event(capacity=1, organiser=lead)
    people = members(4)
    for p in people:
        services.rsvp_create(actor=p, event_id=event.pk)
    services.event_update(actor=lead, event_id=event.pk, capacity=3)
    statuses = [RSVP.objects.get(event=event, person=p).status for p in people]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert Notification.objects.filter(kind="events_place").count() == 2


def test_removing_the_limit_confirms_everyone(lead):
    event = make_event(capacity=1, organiser=lead)
    for p in members(3):
        services.rsvp_create(actor=p, event_id=event.pk)
    services.event_update(actor=lead, event_id=event.pk, capacity=None)
    assert set(RSVP.objects.filter(event=event).values_list("status", flat=True)) == {
        "confirmed"}


def test_lowering_capacity_below_the_confirmed_is_refused_and_changes_nothing(lead):
    event = make_event(capacity=3, organiser=lead)
    for p in members(3):
        services.rsvp_create(actor=p, event_id=event.pk)
    with pytest.raises(ApplicationError, match="3 people already have a place") as error:
        services.event_update(actor=lead, event_id=event.pk, capacity=2, title="Changed")
    assert error.value.field == "capacity"
    event.refresh_from_db()
    assert (event.capacity, event.title) == (3, "Network breakfast")


def test_no_rsvp_to_a_cancelled_or_past_event(lead):
    cancelled = make_event(organiser=lead)
    services.event_cancel(actor=lead, event_id=cancelled.pk)
    past = make_event(organiser=lead, starts_at=timezone.now() - timedelta(days=2))
    (member,) = members(1)
    with pytest.raises(ApplicationError, match="cancelled"):
        services.rsvp_create(actor=member, event_id=cancelled.pk)
    with pytest.raises(ApplicationError, match="over"):
        services.rsvp_create(actor=member, event_id=past.pk)


def test_cancelling_an_event_tells_everyone_who_rsvped(lead):
    event = make_event(capacity=1, organiser=lead)
    going, waiting = members(2)
    services.rsvp_create(actor=going, event_id=event.pk)
    services.rsvp_create(actor=waiting, event_id=event.pk)
    services.event_cancel(actor=lead, event_id=event.pk)
    assert set(Notification.objects.filter(kind="events_cancelled")
               .values_list("recipient", flat=True)) == {going.pk, waiting.pk}


def test_an_event_must_end_after_it_starts(lead):
    with pytest.raises(ApplicationError, match="end after it starts"):
        make_event(organiser=lead, length=timedelta(0))


def test_a_series_rsvp_covers_the_series(lead, client_for):
    event = make_event(organiser=lead, recurrence="FREQ=WEEKLY;COUNT=4")
    (member,) = members(1)
    services.rsvp_create(actor=member, event_id=event.pk)
    html = client_for(member).get(f"/events/{event.pk}/").content.decode()
    assert "Your place is for every date of the series" in html
    assert html.count("<li>") >= 4

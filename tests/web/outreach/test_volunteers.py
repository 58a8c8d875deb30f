"""Volunteering: capacity and the waiting list (also under concurrent sign-ups on
PostgreSQL), promotion on withdrawal, suggestions, reminders, the .ics file and
personal data."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.db.models import Count
from django.utils import timezone
from icalendar import Calendar

from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.demo.factories import person
from upward.web.outreach import calendar
from upward.web.outreach.models import (
    Office,
    Opportunity,
    School,
    SignupStatus,
    VolunteerProfile,
    VolunteerSignup,
)
from upward.web.outreach.selectors.volunteers import opportunities_fitting, suggestions_for
from upward.web.outreach.services import opportunities as opportunity_services
from upward.web.outreach.services import volunteers as services

pytestmark = pytest.mark.django_db


def opportunity(lead, *, needed=2, days=10, **kw):
    start = timezone.now() + timedelta(days=days)
    values = {"kind": "careers_talk", "title": "Careers talk", "description": "",
              "school": None, "starts_at": start, "ends_at": start + timedelta(hours=2),
              "format": "in_person", "place": "Main hall", "link": "", "year_groups": [10],
              "pupils_expected": 30, "volunteers_needed": needed}
    values.update(kw)
    return opportunity_services.opportunity_post(actor=lead, **values)


def people(n):
    return [person(email=f"v{i}@northbridge.example", display_name=f"Volunteer {i}")
            for i in range(n)]


def sign(user, found):
    return services.signup_create(actor=user, opportunity_id=found.pk)


def test_within_capacity_confirmed_then_waitlisted(lead):
    found = opportunity(lead, needed=2)
    statuses = [sign(p, found).status for p in people(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_signing_up_twice_is_refused(lead, member):
    found = opportunity(lead)
    sign(member, found)
    with pytest.raises(ApplicationError, match="already signed up"):
        sign(member, found)


def test_withdrawing_promotes_the_longest_waiting_and_tells_them(lead):
    found = opportunity(lead, needed=1)
    first, second, third = people(3)
    for p in (first, second, third):
        sign(p, found)
    services.signup_withdraw(actor=first, opportunity_id=found.pk)
    statuses = dict(found.signups.values_list("volunteer_id", "status"))
    assert statuses == {first.pk: "withdrawn", second.pk: "confirmed", third.pk: "waitlisted"}
    assert Notification.objects.filter(recipient=second, kind="outreach_place").count() == 1
    assert not Notification.objects.filter(recipient=third).exists()


def test_withdrawing_from_the_waiting_list_promotes_nobody(lead):
    found = opportunity(lead, needed=1)
    first, second = people(2)
    sign(first, found)
    sign(second, found)
    services.signup_withdraw(actor=second, opportunity_id=found.pk)
    assert found.signups.get(volunteer=first).status == "confirmed"
    assert not Notification.objects.filter(kind="outreach_place").exists()


def test_signing_up_again_after_withdrawing_joins_the_back_of_the_queue(lead):
    found = opportunity(lead, needed=1)
    a, b, c = people(3)
    for p in (a, b, c):
        sign(p, found)
    services.signup_withdraw(actor=a, opportunity_id=found.pk)  # b promoted
    assert sign(a, found).status == "waitlisted"
    services.signup_withdraw(actor=b, opportunity_id=found.pk)
    assert found.signups.get(volunteer=c).status == "confirmed"


def test_non_members_cannot_sign_up_and_proposals_are_hidden(lead, personas):
    found = opportunity(lead)
    with pytest.raises(ApplicationError) as refused:
        sign(personas["analyst"], found)
    assert refused.value.status == 403
    Opportunity.objects.filter(pk=found.pk).update(status="proposed")
    with pytest.raises(ApplicationError) as hidden:
        sign(personas["member"], found)
    assert hidden.value.status == 404


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite serialises every write, so there is no race to test; "
                           "the row lock is tested on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_capacity(lead):
    found = opportunity(lead, needed=5)
    volunteers = people(24)
    barrier = threading.Barrier(len(volunteers))
    errors = []

    def go(user):
        try:
            barrier.wait()
            sign(user, found)
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=go, args=(u,)) for u in volunteers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    counts = dict(found.signups.values_list("status").annotate(n=Count("pk")))
    assert counts == {"confirmed": 5, "waitlisted": 19}


# --- profiles and suggestions ------------------------------------------------------------


@pytest.fixture
def leeds():
    office = Office.objects.create(name="Leeds", easting=430000, northing=433000)
    near = School.objects.create(urn=1, name="Near School", easting=433000, northing=437000)  # 5 km
    far = School.objects.create(urn=2, name="Far School", easting=460000, northing=433000)  # 30 km
    return office, near, far


def profile(user, office, **kw):
    values = {"activity_types": ["careers_talk"], "year_groups": [], "base_office": office,
              "travel_km": 10, "online": False, "available": True}
    values.update(kw)
    return services.volunteer_profile_save(actor=user, **values)


def test_suggestions_by_distance_type_year_and_availability(lead, leeds):
    office, near, far = leeds
    fits, too_far_away, other_kind, wrong_years, away, signed = people(6)
    profile(fits, office, year_groups=[10, 11])
    profile(too_far_away, office, travel_km=3)
    profile(other_kind, office, activity_types=["cv_workshop"])
    profile(wrong_years, office, year_groups=[3])
    profile(away, office, available=False)
    profile(signed, office)
    found = opportunity(lead, school=near, year_groups=[10])
    sign(signed, found)
    got = suggestions_for(viewer=lead, opportunity=found)
    assert [s.person for s in got] == [fits]
    assert "5.0 km from Leeds (travels up to 10 km)" in got[0].reasons
    assert "Year groups: Year 10" in got[0].reasons
    assert suggestions_for(viewer=lead, opportunity=opportunity(lead, school=far)) == []
    online = opportunity(lead, format="online", link="https://meet.example.org/x", place="")
    profile(too_far_away, office, travel_km=3, online=True)
    assert [s.person for s in suggestions_for(viewer=lead, opportunity=online)] == [too_far_away]


def test_members_do_not_see_suggestions(lead, member, leeds):
    office, near, _ = leeds
    profile(person(email="x@northbridge.example"), office)
    found = opportunity(lead, school=near)
    assert suggestions_for(viewer=member, opportunity=found) == []
    with pytest.raises(ApplicationError):
        services.volunteer_invite(actor=member, opportunity_id=found.pk, person_id=member.pk)


def test_a_lead_invites_a_suggested_volunteer(lead, leeds):
    office, near, _ = leeds
    volunteer = person(email="x@northbridge.example")
    profile(volunteer, office)
    found = opportunity(lead, school=near)
    services.volunteer_invite(actor=lead, opportunity_id=found.pk, person_id=volunteer.pk)
    assert Notification.objects.filter(recipient=volunteer, kind="outreach_invite").exists()
    other = person(email="y@northbridge.example")
    with pytest.raises(ApplicationError, match="not among the suggested"):
        services.volunteer_invite(actor=lead, opportunity_id=found.pk, person_id=other.pk)


def test_members_see_opportunities_that_fit_them(lead, member, leeds):
    office, near, far = leeds
    profile(member, office)
    fitting = opportunity(lead, school=near)
    opportunity(lead, school=far)
    opportunity(lead, school=near, kind="cv_workshop")
    assert [f.opportunity for f in opportunities_fitting(viewer=member)] == [fitting]


def test_dbs_status_is_information_supplied_and_never_a_gate(lead, leeds):
    office, near, _ = leeds
    none, enhanced = people(2)
    profile(none, office, dbs_status="none")
    profile(enhanced, office, dbs_status="enhanced")
    found = opportunity(lead, school=near)
    assert {s.person for s in suggestions_for(viewer=lead, opportunity=found)} == {none, enhanced}
    assert sign(none, found).status == "confirmed"
    assert not any("certificate" in f.name for f in VolunteerProfile._meta.fields)


def test_a_bad_profile_is_refused(member):
    with pytest.raises(ApplicationError) as refused:
        profile(member, None, activity_types=["juggling"])
    assert refused.value.field == "activity_types"
    with pytest.raises(ApplicationError) as refused:
        profile(member, None, year_groups=[15])
    assert refused.value.field == "year_groups"


# --- reminders and the calendar ----------------------------------------------------------


def test_reminders_go_once_to_confirmed_volunteers_two_days_ahead(lead):
    soon = opportunity(lead, needed=1, days=1)
    later = opportunity(lead, needed=1, days=5)
    confirmed, waiting, later_one = people(3)
    sign(confirmed, soon)
    sign(waiting, soon)
    sign(later_one, later)
    now = timezone.now()
    assert services.reminders_send_due(now=now) == 1
    assert services.reminders_send_due(now=now) == 0  # safe to run twice
    assert list(Notification.objects.filter(kind="outreach_reminder")
                .values_list("recipient_id", flat=True)) == [confirmed.pk]
    from upward.web.outreach.jobs import volunteer_reminders
    assert volunteer_reminders(now=now) == "Reminded 0 volunteers of an opportunity."


def test_the_ics_is_for_confirmed_volunteers_in_london_time(lead, member):
    start = timezone.datetime(2030, 7, 1, 13, 0, tzinfo=timezone.get_fixed_timezone(0))
    found = opportunity(lead, starts_at=start, ends_at=start + timedelta(hours=1))
    with pytest.raises(ApplicationError):
        calendar.opportunity_ics(viewer=member, opportunity=found)
    sign(member, found)
    parsed = Calendar.from_ical(calendar.opportunity_ics(viewer=member, opportunity=found))
    event = next(c for c in parsed.walk("VEVENT"))
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event.decoded("dtstart").hour == 14  # BST
    assert any(True for _ in parsed.walk("VTIMEZONE"))
    assert str(event["location"]) == "Main hall"


# --- personal data -----------------------------------------------------------------------


def test_download_and_erase(lead, leeds):
    from upward.web.outreach.personal_data import erase_outreach_data, outreach_section
    office, near, _ = leeds
    leaver, waiting = people(2)
    profile(leaver, office, dbs_status="basic")
    found = opportunity(lead, needed=1, school=near)
    sign(leaver, found)
    sign(waiting, found)
    section = outreach_section(leaver)
    assert section["volunteer_profile"]["dbs_status_information_supplied"] == "basic"
    assert section["volunteer_signups"][0]["status"] == "confirmed"
    erase_outreach_data(leaver)
    assert not VolunteerSignup.objects.filter(volunteer=leaver).exists()
    assert not VolunteerProfile.objects.filter(person=leaver).exists()
    assert VolunteerSignup.objects.get(volunteer=waiting).status == SignupStatus.CONFIRMED


def test_the_home_panel_shows_what_you_signed_up_for(lead, member, client_for):
    assert "Volunteering with schools" not in client_for(member).get("/").content.decode()
    found = opportunity(lead)
    sign(member, found)
    html = client_for(member).get("/").content.decode()
    assert "Volunteering with schools" in html and found.title in html

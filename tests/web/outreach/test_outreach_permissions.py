"""Who may do what in volunteering: an allowed and a denied case for every rule, and the
pages working end to end (post, sign up, withdraw, record the outcome)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.outreach.models import Opportunity, School, VolunteerSignup
from upward.web.outreach.services import opportunities as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(lead):
    day = timezone.localdate() + timedelta(days=7)
    start = datetime.combine(day, time(10, 0), tzinfo=ZoneInfo("Europe/London"))
    return services.opportunity_post(
        actor=lead, kind="careers_talk", title="Talk at Hillside", description="",
        school=School.objects.create(urn=5, name="Hillside"), starts_at=start,
        ends_at=start + timedelta(hours=1), format="in_person", place="", link="",
        year_groups=[9], pupils_expected=None, volunteers_needed=1)


LEAD_PAGES = ["opportunity_edit", "opportunity_cancel", "opportunity_safeguarding",
              "opportunity_outcome"]
MEMBER_PAGES = ["opportunity", "opportunity_signup"]


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_lead_pages_open_for_leads_and_refuse_members(name, found, personas, client_for):
    url = reverse(f"outreach:{name}", args=[found.pk])
    assert client_for(personas["lead"]).get(url).status_code == 200
    assert client_for(personas["member"]).get(url).status_code == 403
    assert client_for(personas["member"]).post(url).status_code == 403


@pytest.mark.parametrize("name", MEMBER_PAGES)
@pytest.mark.parametrize(("role", "status"), [("member", 200), ("moderator", 200),
                                              ("lead", 200), ("analyst", 403), ("judge", 403),
                                              ("admin", 403)])
def test_volunteer_pages_by_role(name, role, status, found, personas, client_for):
    url = reverse(f"outreach:{name}", args=[found.pk])
    assert client_for(personas[role]).get(url).status_code == status


def test_visitors_are_sent_to_sign_in(found, client):
    response = client.get(reverse("outreach:opportunity", args=[found.pk]))
    assert response.status_code == 302


def test_only_confirmed_volunteers_get_the_ics(found, personas, client_for):
    url = reverse("outreach:opportunity_ics", args=[found.pk])
    member = client_for(personas["member"])
    assert member.get(url).status_code == 404
    member.post(reverse("outreach:opportunity_signup", args=[found.pk]))
    response = member.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    # the next one is waitlisted: no calendar
    moderator = client_for(personas["moderator"])
    moderator.post(reverse("outreach:opportunity_signup", args=[found.pk]))
    assert moderator.get(url).status_code == 404


def test_invite_only_for_leads(found, personas, client_for):
    url = reverse("outreach:opportunity_invite", args=[found.pk, personas["member"].pk])
    assert client_for(personas["member"]).post(url).status_code == 403


def test_contacts_page_only_for_leads(personas, client_for):
    url = reverse("outreach:contacts")
    assert client_for(personas["lead"]).get(url).status_code == 200
    assert client_for(personas["member"]).get(url).status_code == 403
    assert client_for(personas["admin"]).get(url).status_code == 403


def test_the_whole_journey_through_the_pages(personas, client_for):
    School.objects.create(urn=100200, name="Eastfield Primary", fsm_percent=45.0)
    lead = client_for(personas["lead"])
    response = lead.post(reverse("outreach:opportunity_new"), {
        "kind": "careers_talk", "title": "What engineers do", "school": "100200",
        "day": (timezone.localdate() + timedelta(days=3)).isoformat(), "start_time": "10:00",
        "end_time": "11:00", "format": "in_person", "year_groups": ["5", "6"],
        "pupils_expected": "60", "volunteers_needed": "1"})
    assert response.status_code == 302, response.content.decode()
    found = Opportunity.objects.get()
    member = client_for(personas["member"])
    confirm = member.get(reverse("outreach:opportunity_signup", args=[found.pk])).content.decode()
    assert "The school and the other volunteers will see your name" in confirm
    member.post(reverse("outreach:opportunity_signup", args=[found.pk]))
    page = member.get(reverse("outreach:opportunity", args=[found.pk])).content.decode()
    assert "You are confirmed" in page and "Member Persona" in page
    listed = member.get(reverse("outreach:opportunities")).content.decode()
    assert "What engineers do" in listed
    too_soon = lead.post(reverse("outreach:opportunity_outcome", args=[found.pk]), {
        "pupils_reached": "58", "volunteer_hours": "1"})
    assert too_soon.status_code == 400 and "once the opportunity has ended" in \
        too_soon.content.decode()
    Opportunity.objects.filter(pk=found.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1))
    signup = VolunteerSignup.objects.get()
    done = lead.post(reverse("outreach:opportunity_outcome", args=[found.pk]), {
        "pupils_reached": "58", "year_groups": ["5", "6"], "clear_purpose": "on",
        "learning_outcomes": "on", "two_way_interaction": "on", "follow_up": "on",
        "volunteer_hours": "1.5", "feedback": "Great questions.", "attended": [str(signup.pk)]})
    assert done.status_code == 302
    found.refresh_from_db()
    assert found.outcome.pupils_reached == 58 and found.outcome.meaningful_encounter
    signup.refresh_from_db()
    assert signup.attended is True


def test_lowering_capacity_on_the_edit_page_shows_the_reason(found, personas, client_for):
    Opportunity.objects.filter(pk=found.pk).update(volunteers_needed=2)
    for role in ("member", "moderator"):
        client_for(personas[role]).post(reverse("outreach:opportunity_signup", args=[found.pk]))
    lead = client_for(personas["lead"])
    form = lead.get(reverse("outreach:opportunity_edit", args=[found.pk]))
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update({"year_groups": ["9"], "volunteers_needed": "1",
                 "day": data["day"].isoformat(), "start_time": data["start_time"].strftime("%H:%M"),
                 "end_time": data["end_time"].strftime("%H:%M")})
    response = lead.post(reverse("outreach:opportunity_edit", args=[found.pk]), data)
    assert response.status_code == 400
    assert "2 volunteers are already confirmed" in response.content.decode()
    data["volunteers_needed"] = "3"
    assert lead.post(reverse("outreach:opportunity_edit", args=[found.pk]),
                     data).status_code == 302


def test_the_volunteer_profile_page_saves(personas, client_for):
    member = client_for(personas["member"])
    assert member.get(reverse("outreach:volunteer_profile")).status_code == 200
    response = member.post(reverse("outreach:volunteer_profile"), {
        "available": "on", "activity_types": ["careers_talk"], "travel_km": "15",
        "dbs_status": "basic"})
    assert response.status_code == 302
    assert personas["member"].volunteer_profile.travel_km == 15
    assert client_for(personas["analyst"]).get(
        reverse("outreach:volunteer_profile")).status_code == 403

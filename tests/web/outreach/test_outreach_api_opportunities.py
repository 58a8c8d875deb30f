"""The volunteering API under /api/v1/outreach/: open opportunities, sign up, withdraw,
your sign-ups and your profile; proposals are a 404 to members; writes need a write
token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from upward.web.accounts.services import token_create
from upward.web.outreach.models import Office, Opportunity
from upward.web.outreach.services import opportunities as services

pytestmark = pytest.mark.django_db


def api(user, scope="write") -> Client:
    client = Client()
    _, secret = token_create(user=user, name="tests", scope=scope)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def post(lead, **kw):
    start = timezone.now() + timedelta(days=4)
    values = {"kind": "cv_workshop", "title": "CV workshop", "description": "Bring laptops",
              "school": None, "starts_at": start, "ends_at": start + timedelta(hours=1),
              "format": "online", "place": "", "link": "https://meet.example.org/cv",
              "year_groups": [12], "pupils_expected": 20, "volunteers_needed": 1}
    values.update(kw)
    return services.opportunity_post(actor=lead, **values)


def test_list_read_sign_up_and_withdraw(lead, personas):
    found = post(lead)
    member, moderator = api(personas["member"]), api(personas["moderator"])
    listed = member.get("/api/v1/outreach/opportunities").json()
    assert [o["id"] for o in listed] == [found.pk]
    assert listed[0]["confirmed"] == 0 and listed[0]["url"].endswith(f"/{found.pk}/")
    signed = member.post(f"/api/v1/outreach/opportunities/{found.pk}/signup").json()
    assert signed["your_signup"] == "confirmed" and signed["volunteers"] == ["Member Persona"]
    waiting = moderator.post(f"/api/v1/outreach/opportunities/{found.pk}/signup").json()
    assert waiting["your_signup"] == "waitlisted"
    again = member.post(f"/api/v1/outreach/opportunities/{found.pk}/signup")
    assert again.status_code == 409 and "already signed up" in again.json()["detail"]
    member.post(f"/api/v1/outreach/opportunities/{found.pk}/withdraw")
    mine = moderator.get("/api/v1/outreach/signups").json()
    assert [(s["opportunity"]["id"], s["status"]) for s in mine] == [(found.pk, "confirmed")]
    assert mine[0]["promoted_at"] is not None


def test_proposals_are_404_and_others_are_refused(lead, personas):
    found = post(lead)
    Opportunity.objects.filter(pk=found.pk).update(status="proposed")
    member = api(personas["member"])
    assert member.get(f"/api/v1/outreach/opportunities/{found.pk}").status_code == 404
    assert member.post(f"/api/v1/outreach/opportunities/{found.pk}/signup").status_code == 404
    assert api(personas["analyst"]).get("/api/v1/outreach/opportunities").status_code == 403


def test_a_read_token_cannot_sign_up(lead, personas):
    found = post(lead)
    reader = api(personas["member"], scope="read")
    assert reader.get(f"/api/v1/outreach/opportunities/{found.pk}").status_code == 200
    assert reader.post(f"/api/v1/outreach/opportunities/{found.pk}/signup").status_code == 403


def test_the_profile_round_trips(personas):
    Office.objects.create(name="Leeds", easting=430000, northing=433000)
    member = api(personas["member"])
    assert member.get("/api/v1/outreach/profile").status_code == 404
    body = {"activity_types": ["careers_talk"], "year_groups": [10, 11], "base_office": "Leeds",
            "travel_km": 20, "online": False, "available": True, "dbs_status": "basic"}
    saved = member.put("/api/v1/outreach/profile", body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    assert member.get("/api/v1/outreach/profile").json()["base_office"] == "Leeds"
    bad = member.put("/api/v1/outreach/profile", {**body, "base_office": "Mars"},
                     content_type="application/json")
    assert bad.status_code == 400 and "Mars" in bad.json()["detail"]

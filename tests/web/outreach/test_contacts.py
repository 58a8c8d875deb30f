"""School contacts as guests: invited with a secret link (only its hash stored), they
propose for their own school and see its volunteers; a wrong, expired or revoked link
is a 404, and guest requests are throttled."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.core.roles import Role
from upward.web.demo.factories import person
from upward.web.outreach.models import Opportunity, School, SchoolContact
from upward.web.outreach.services import contacts as services
from upward.web.outreach.services import opportunities as opportunity_services
from upward.web.outreach.services import volunteers as volunteer_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools():
    return (School.objects.create(urn=1, name="Hillside Academy"),
            School.objects.create(urn=2, name="Riverside High"))


def invite(lead, school):
    contact, token = services.contact_invite(actor=lead, school=school, name="Ms Careers",
                                             email="careers@hillside.example",
                                             job_title="Careers leader")
    return contact, token


PROPOSAL = {"kind": "mock_interviews", "title": "Year 11 mock interviews", "day": "2030-03-04",
            "start_time": "09:30", "end_time": "12:00", "format": "in_person",
            "place": "", "year_groups": ["11"], "pupils_expected": "90",
            "volunteers_needed": "6"}


def test_the_invite_emails_a_link_and_stores_only_its_hash(lead, schools,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contact, token = invite(lead, schools[0])
    assert token not in contact.token_hash and len(contact.token_hash) == 64
    assert not SchoolContact.objects.filter(token_hash=token).exists()
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="outreach.contact_invite").exists()


def test_a_contact_proposes_for_their_own_school_only(lead, schools, client):
    contact, token = invite(lead, schools[0])
    url = reverse("outreach:guest", args=[token])
    response = client.post(url, {**PROPOSAL, "school": "2"})  # a school field is ignored
    assert response.status_code == 302
    proposal = Opportunity.objects.get()
    assert (proposal.status, proposal.school, proposal.proposed_by) == (
        "proposed", schools[0], contact)
    assert proposal.starts_at.astimezone(timezone.get_fixed_timezone(0)).hour == 9  # GMT


def test_the_contact_sees_their_schools_volunteers_and_not_other_schools(lead, schools, client):
    _, token = invite(lead, schools[0])
    start = timezone.now() + timedelta(days=5)
    common = {"kind": "careers_talk", "description": "", "starts_at": start,
              "ends_at": start + timedelta(hours=1), "format": "in_person", "place": "",
              "link": "", "year_groups": [], "pupils_expected": None, "volunteers_needed": 2}
    ours = opportunity_services.opportunity_post(actor=lead, title="Ours", school=schools[0],
                                                 **common)
    opportunity_services.opportunity_post(actor=lead, title="Theirs", school=schools[1], **common)
    volunteer = person(email="v@northbridge.example", display_name="Priya Volunteer")
    volunteer_services.signup_create(actor=volunteer, opportunity_id=ours.pk)
    response = client.get(reverse("outreach:guest", args=[token]))
    assert response["Referrer-Policy"] == "same-origin"  # the secret never leaves the site
    html = response.content.decode()
    assert "Ours" in html and "Priya Volunteer" in html and "1 of 2" in html
    assert "Theirs" not in html


@pytest.mark.parametrize("spoil", ["wrong", "expired", "revoked"])
def test_bad_links_are_404(lead, schools, client, spoil):
    contact, token = invite(lead, schools[0])
    if spoil == "wrong":
        token = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    elif spoil == "expired":
        SchoolContact.objects.filter(pk=contact.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1))
    else:
        services.contact_revoke(actor=lead, contact_id=contact.pk)
        assert AuditEntry.objects.filter(action="outreach.contact_revoke").exists()
    url = reverse("outreach:guest", args=[token])
    assert client.get(url).status_code == 404
    assert client.post(url, PROPOSAL).status_code == 404
    assert not Opportunity.objects.exists()


def test_guest_requests_are_throttled(lead, schools, client, monkeypatch):
    from upward.web.outreach.views import contacts as views
    monkeypatch.setattr(views, "GUEST_LIMIT", 3)
    for _ in range(3):
        assert client.get(reverse("outreach:guest", args=["nope"])).status_code == 404
    assert client.get(reverse("outreach:guest", args=["nope"])).status_code == 429


def test_a_lead_publishes_or_declines_a_proposal(lead, member, schools, client_for):
    contact, token = invite(lead, schools[0])
    client_for(None).post(reverse("outreach:guest", args=[token]), PROPOSAL)
    client_for(None).post(reverse("outreach:guest", args=[token]),
                          {**PROPOSAL, "title": "Another"})
    first, second = Opportunity.objects.order_by("pk")
    members = client_for(member)
    assert members.get(reverse("outreach:opportunity", args=[first.pk])).status_code == 404
    leads = client_for(lead)
    assert "Publish" in leads.get(reverse("outreach:opportunity_publish",
                                          args=[first.pk])).content.decode()
    leads.post(reverse("outreach:opportunity_publish", args=[first.pk]))
    leads.post(reverse("outreach:opportunity_decline", args=[second.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.posted_by, second.status) == ("open", lead, "cancelled")
    assert members.get(reverse("outreach:opportunity", args=[first.pk])).status_code == 200


def test_the_contacts_page_invites_and_revokes(lead, schools, client_for):
    leads = client_for(lead)
    response = leads.post(reverse("outreach:contacts"), {
        "school": "Hillside", "name": "Mr Head", "email": "head@hillside.example"})
    assert response.status_code == 302
    contact = SchoolContact.objects.get()
    page = leads.get(reverse("outreach:contacts")).content.decode()
    assert "Mr Head" in page and re.search(r"Works until", page)
    revoke = reverse("outreach:contact_revoke", args=[contact.pk])
    assert "Revoke the link" in leads.get(revoke).content.decode()
    leads.post(revoke)
    contact.refresh_from_db()
    assert contact.revoked_at is not None
    bad = leads.post(reverse("outreach:contacts"), {"school": "Nowhere", "name": "X",
                                                    "email": "x@example.org"})
    assert bad.status_code == 400 and "No open school" in bad.content.decode()


def test_leads_are_told_of_a_proposal_and_nobody_else(lead, member, personas, schools, client,
                                                     client_for,
                                                     django_capture_on_commit_callbacks):
    other_lead = person(roles=[Role.MEMBER, Role.NETWORK_LEAD], email="lead2@northbridge.example")
    gone = person(roles=[Role.MEMBER, Role.NETWORK_LEAD], email="gone@northbridge.example")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    contact, token = invite(lead, schools[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("outreach:guest", args=[token]), PROPOSAL)
    proposal = Opportunity.objects.get()
    told = Notification.objects.filter(kind="outreach_proposal")
    assert set(told.values_list("recipient", flat=True)) == {lead.pk, other_lead.pk}
    note = told.get(recipient=lead)
    assert note.url == reverse("outreach:opportunity", args=[proposal.pk])
    assert note.text == ("Ms Careers at Hillside Academy proposed “Year 11 mock interviews”: "
                         "publish or decline it.")
    assert note.sender is None
    # at once by email too: it waits for them
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, other_lead.email])
    # the lead's link opens the proposal, which members cannot see yet
    assert client_for(lead).get(note.url).status_code == 200
    assert client_for(member).get(note.url).status_code == 404


def test_a_proposal_the_form_refuses_tells_nobody(lead, schools, client):
    contact, token = invite(lead, schools[0])
    response = client.post(reverse("outreach:guest", args=[token]), {**PROPOSAL, "title": ""})
    assert response.status_code == 400
    assert not Notification.objects.filter(kind="outreach_proposal").exists()

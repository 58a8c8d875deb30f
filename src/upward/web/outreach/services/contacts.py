"""School contacts as guests: a lead invites an adult at a school (a careers leader)
who gets an email with a secret link; only the link's hash is kept. Through it, without
an account, they propose opportunities for their own school (a lead publishes them).
Invites and revocations are audited."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts.selectors import people_with_capability
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.jobs import send_email_later
from upward.web.core.links import absolute_url
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import Opportunity, OpportunityStatus, School, SchoolContact
from upward.web.outreach.selectors.opportunities import contact_for_lead, token_hash
from upward.web.outreach.services.opportunities import EDITABLE, opportunity_check

#: How long a school contact's link works.
CONTACT_LINK_LIFETIME = timedelta(days=365)


def guest_url(token: str) -> str:
    return reverse("outreach:guest", args=[token])


@transaction.atomic
def contact_invite(*, actor, school: School, name: str, email: str, job_title: str = "",
                   request=None) -> tuple[SchoolContact, str]:
    """Invite a school contact; answers the contact and the secret token (shown nowhere
    but in the email)."""
    require_capability(actor, "run_outreach")
    token = secrets.token_urlsafe(32)
    contact = SchoolContact(school=school, name=(name or "").strip(),
                            email=(email or "").strip(), job_title=(job_title or "").strip(),
                            token_hash=token_hash(token), invited_by=actor,
                            expires_at=timezone.now() + CONTACT_LINK_LIFETIME)
    try:
        contact.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from None
    contact.save()
    send_email_later(
        subject=f"Propose volunteering activities for {school.name}",
        to=contact.email,
        body=(f"Hello {contact.name},\n\n"
              f"You have been invited to propose careers activities (talks, mock interviews, "
              f"workshops…) for {school.name}, and to see which volunteers are coming.\n\n"
              f"Your personal link (keep it to yourself; it works until "
              f"{timezone.localtime(contact.expires_at):%d %B %Y}):\n"
              f"{absolute_url(guest_url(token))}\n"))
    audit_record(actor=actor, action="outreach.contact_invite", target=contact, request=request)
    return contact, token


@transaction.atomic
def contact_revoke(*, actor, contact_id: int, request=None) -> SchoolContact:
    contact = contact_for_lead(viewer=actor, pk=contact_id)
    if contact.revoked_at is None:
        contact.revoked_at = timezone.now()
        contact.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="outreach.contact_revoke", target=contact,
                     request=request)
    return contact


@transaction.atomic
def contact_seen(*, contact: SchoolContact) -> None:
    SchoolContact.objects.filter(pk=contact.pk).update(last_used_at=timezone.now())


@transaction.atomic
def guest_propose(*, contact: SchoolContact, **fields) -> Opportunity:
    """A proposal from a school contact, always for their own school."""
    fields["school"] = contact.school
    opportunity_check(**fields)
    opportunity = Opportunity(status=OpportunityStatus.PROPOSED, proposed_by=contact,
                              **{k: fields[k] for k in EDITABLE if k in fields})
    opportunity.year_groups = sorted(set(opportunity.year_groups or []))
    try:
        opportunity.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from None
    opportunity.save()
    _tell_leads(opportunity, contact)
    return opportunity


def _tell_leads(opportunity: Opportunity, contact: SchoolContact) -> None:
    """Everyone who may publish it hears of a school's proposal (at once, by email too,
    unless they turned that off): it waits for them."""
    url = reverse("outreach:opportunity", args=[opportunity.pk])
    text = (f"{contact.name} at {contact.school.name} proposed “{opportunity.title}”: "
            "publish or decline it.")
    for lead in people_with_capability("run_outreach").order_by("pk"):
        notify(recipient=lead, kind="outreach_proposal", text=text, url=url)

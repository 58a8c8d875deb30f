"""Reads about opportunities: what a volunteer or a lead may see, who is coming, and a
school contact's view through their secret link.

Members with ``volunteer`` see open and cancelled opportunities; leads
(``run_outreach``) also see proposals. Anything else answers 404, so a proposal's
existence does not leak.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import can
from upward.web.outreach.models import (
    Opportunity,
    OpportunityStatus,
    School,
    SchoolContact,
    SignupStatus,
    VolunteerSignup,
    year_group_label,
)

NOT_FOUND = "Not found."


def person_name(user) -> str:
    """The name a person shows on their profile ("a colleague" if they have none)."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None and profile.display_name else "a colleague"


def year_groups_text(years) -> str:
    return ", ".join(year_group_label(y) for y in sorted(years or [])) or "Any year group"


def _with_counts(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return qs.select_related("school").annotate(
        confirmed_count=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
        waitlisted_count=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)))


def opportunities_visible_to(*, viewer) -> QuerySet[Opportunity]:
    if can(viewer, "run_outreach"):
        return _with_counts(Opportunity.objects.all())
    if can(viewer, "volunteer"):
        return _with_counts(Opportunity.objects.exclude(status=OpportunityStatus.PROPOSED))
    return Opportunity.objects.none()


def opportunities_upcoming(*, viewer) -> QuerySet[Opportunity]:
    """Open opportunities that have not ended, soonest first."""
    return opportunities_visible_to(viewer=viewer).filter(
        status=OpportunityStatus.OPEN, ends_at__gt=timezone.now())


def opportunities_proposed(*, viewer) -> QuerySet[Opportunity]:
    if not can(viewer, "run_outreach"):
        return Opportunity.objects.none()
    return opportunities_visible_to(viewer=viewer).filter(status=OpportunityStatus.PROPOSED)


def opportunities_past(*, viewer) -> QuerySet[Opportunity]:
    """Open opportunities that have ended, latest first (a lead records their outcome)."""
    if not can(viewer, "run_outreach"):
        return Opportunity.objects.none()
    return (opportunities_visible_to(viewer=viewer)
            .filter(status=OpportunityStatus.OPEN, ends_at__lte=timezone.now())
            .select_related("outcome").order_by("-starts_at"))


def opportunity_for_viewer(*, viewer, pk: int) -> Opportunity:
    found = opportunities_visible_to(viewer=viewer).filter(pk=pk).first()
    if found is None:
        raise ApplicationError(NOT_FOUND, status=404)
    return found


def opportunity_for_lead(*, viewer, pk: int) -> Opportunity:
    if not can(viewer, "run_outreach"):
        raise ApplicationError(NOT_FOUND, status=404)
    return opportunity_for_viewer(viewer=viewer, pk=pk)


def signup_of(*, viewer, opportunity: Opportunity) -> VolunteerSignup | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return VolunteerSignup.objects.filter(opportunity=opportunity, volunteer=viewer).first()


def signups_of(*, viewer) -> QuerySet[VolunteerSignup]:
    """The viewer's own sign-ups (withdrawn ones too), soonest first."""
    return (VolunteerSignup.objects.filter(volunteer=viewer)
            .select_related("opportunity__school").order_by("opportunity__starts_at"))


def signups_for_lead(*, viewer, opportunity: Opportunity) -> QuerySet[VolunteerSignup]:
    """Everyone who signed up (leads only): confirmed first, then the waiting list."""
    if not can(viewer, "run_outreach"):
        return VolunteerSignup.objects.none()
    return (opportunity.signups.exclude(status=SignupStatus.WITHDRAWN)
            .select_related("volunteer__profile").order_by("status", "created_at", "pk"))


def confirmed_names(opportunity: Opportunity) -> list[str]:
    """The display names of the confirmed volunteers: shown to the school (volunteers
    are told so when they sign up) and to the other volunteers."""
    return [person_name(s.volunteer) for s in opportunity.signups
            .filter(status=SignupStatus.CONFIRMED).select_related("volunteer__profile")]


def places_left(opportunity: Opportunity) -> int:
    confirmed = opportunity.signups.filter(status=SignupStatus.CONFIRMED).count()
    return max(opportunity.volunteers_needed - confirmed, 0)


class SchoolLookupError(ValueError):
    pass


def school_lookup(text: str) -> School:
    """The open school named by ``text``: its URN, or its name (exactly, or the only
    school whose name contains it). Raises SchoolLookupError with what to do."""
    text = (text or "").strip()
    schools = School.objects.filter(is_open=True)
    if text.isdigit():
        found = schools.filter(urn=int(text)).first()
        if found is None:
            raise SchoolLookupError(f"No open school has the URN {text}.")
        return found
    exact = list(schools.filter(name__iexact=text)[:2])
    if len(exact) == 1:
        return exact[0]
    matches = exact or list(schools.filter(name__icontains=text)[:6])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SchoolLookupError(f"No open school's name contains “{text}”. Enter its name or "
                                "URN as in the schools directory.")
    names = "; ".join(f"{s.name} (URN {s.urn})" for s in matches[:5])
    raise SchoolLookupError(f"More than one school matches: {names}. Enter the school's URN.")


# --- school contacts (guests) ------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def contact_by_token(token: str) -> SchoolContact:
    """The contact whose secret link this is, if it is neither expired nor revoked;
    404 otherwise (the same answer for a wrong link)."""
    found = (SchoolContact.objects.select_related("school")
             .filter(token_hash=token_hash(token or ""), revoked_at__isnull=True,
                     expires_at__gt=timezone.now()).first())
    if found is None:
        raise ApplicationError(NOT_FOUND, status=404)
    return found


def opportunities_for_contact(contact: SchoolContact) -> QuerySet[Opportunity]:
    """Their own school's opportunities, and nobody else's."""
    return _with_counts(Opportunity.objects.filter(school=contact.school)).order_by("-starts_at")


def contacts_for_lead(*, viewer) -> QuerySet[SchoolContact]:
    if not can(viewer, "run_outreach"):
        return SchoolContact.objects.none()
    return SchoolContact.objects.select_related("school").order_by("-created_at")


def contact_for_lead(*, viewer, pk: int) -> SchoolContact:
    found = contacts_for_lead(viewer=viewer).filter(pk=pk).first()
    if found is None:
        raise ApplicationError(NOT_FOUND, status=404)
    return found


@dataclass(frozen=True)
class ContactRow:
    contact: SchoolContact
    state: str  # "active", "expired", "revoked"


def contact_rows(*, viewer) -> list[ContactRow]:
    now = timezone.now()
    return [ContactRow(c, "revoked" if c.revoked_at else
                       "expired" if c.expires_at <= now else "active")
            for c in contacts_for_lead(viewer=viewer)]

"""Volunteering writes: signing up within capacity (or onto the waiting list),
withdrawing (the longest-waiting person is promoted and told), a member's volunteer
profile, a lead inviting a suggested volunteer, and the periodic reminders.

Capacity holds under concurrent sign-ups because every change to who is confirmed
locks the opportunity's row first (``select_for_update`` in ``transaction.atomic``):
sign-ups to one opportunity are counted and written one at a time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import (
    YEAR_GROUPS,
    ActivityType,
    DbsStatus,
    Office,
    Opportunity,
    OpportunityStatus,
    SignupStatus,
    VolunteerProfile,
    VolunteerSignup,
)
from upward.web.outreach.selectors.opportunities import NOT_FOUND, opportunity_for_viewer
from upward.web.outreach.selectors.volunteers import suggestion_for

#: How long before an opportunity starts its confirmed volunteers are reminded.
REMINDER_AHEAD = timedelta(days=2)


def opportunity_url(opportunity: Opportunity) -> str:
    return reverse("outreach:opportunity", args=[opportunity.pk])


def when_text(opportunity: Opportunity) -> str:
    local = timezone.localtime(opportunity.starts_at)
    return f"{date_format(local, 'l j F Y')} at {local:%H:%M}"


def locked_opportunity(pk: int) -> Opportunity:
    found = Opportunity.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise ApplicationError(NOT_FOUND, status=404)
    return found


def _confirmed(opportunity: Opportunity) -> int:
    return opportunity.signups.filter(status=SignupStatus.CONFIRMED).count()


def waitlist_promote(opportunity: Opportunity, *, now: datetime | None = None) -> int:
    """Promote the longest-waiting people into free places and tell them. The caller
    holds the opportunity's row lock."""
    now = now or timezone.now()
    free = opportunity.volunteers_needed - _confirmed(opportunity)
    promoted = 0
    if free <= 0 or opportunity.status != OpportunityStatus.OPEN:
        return 0
    for signup in (opportunity.signups.filter(status=SignupStatus.WAITLISTED)
                   .select_related("volunteer").order_by("created_at", "pk")[:free]):
        signup.status, signup.promoted_at = SignupStatus.CONFIRMED, now
        signup.save(update_fields=["status", "promoted_at"])
        promoted += 1
        notify(recipient=signup.volunteer, kind="outreach_place", url=opportunity_url(opportunity),
               text=f"A place came free: you are now confirmed for “{opportunity.title}” on "
                    f"{when_text(opportunity)}.")
    return promoted


@transaction.atomic
def signup_create(*, actor, opportunity_id: int) -> VolunteerSignup:
    """Sign ``actor`` up: confirmed while there are places, else on the waiting list.
    Signing up again after withdrawing joins at the back of the queue."""
    require_capability(actor, "volunteer")
    opportunity_for_viewer(viewer=actor, pk=opportunity_id)  # 404 if they may not see it
    opportunity = locked_opportunity(opportunity_id)
    if opportunity.status != OpportunityStatus.OPEN:
        raise ApplicationError("This opportunity is not open for volunteers.", status=409)
    if opportunity.starts_at <= timezone.now():
        raise ApplicationError("This opportunity has already started.", status=409)
    signup = VolunteerSignup.objects.filter(opportunity=opportunity, volunteer=actor).first()
    if signup is not None and signup.status != SignupStatus.WITHDRAWN:
        raise ApplicationError("You have already signed up for this opportunity.", status=409)
    status = (SignupStatus.CONFIRMED if _confirmed(opportunity) < opportunity.volunteers_needed
              else SignupStatus.WAITLISTED)
    if signup is None:
        signup = VolunteerSignup(opportunity=opportunity, volunteer=actor)
    else:
        signup.created_at = timezone.now()  # back of the queue
    signup.status, signup.withdrawn_at, signup.promoted_at = status, None, None
    signup.reminded_at, signup.attended = None, None
    signup.save()
    return signup


@transaction.atomic
def signup_withdraw(*, actor, opportunity_id: int) -> VolunteerSignup:
    """Withdraw ``actor``; a confirmed place goes to the longest-waiting person."""
    opportunity = locked_opportunity(opportunity_id)
    signup = (VolunteerSignup.objects.filter(opportunity=opportunity, volunteer=actor)
              .exclude(status=SignupStatus.WITHDRAWN).first())
    if signup is None:
        raise ApplicationError("You have not signed up for this opportunity.", status=409)
    if opportunity.ends_at <= timezone.now():
        raise ApplicationError("This opportunity has already taken place.", status=409)
    was_confirmed = signup.status == SignupStatus.CONFIRMED
    signup.status, signup.withdrawn_at = SignupStatus.WITHDRAWN, timezone.now()
    signup.save(update_fields=["status", "withdrawn_at"])
    if was_confirmed:
        waitlist_promote(opportunity)
    return signup


def signups_withdraw_all(*, user) -> None:
    """Withdraw ``user`` from every opportunity still to come (their account is being
    deleted), promoting from the waiting lists."""
    now = timezone.now()
    for signup in VolunteerSignup.objects.filter(
            volunteer=user, opportunity__ends_at__gt=now,
            status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]):
        opportunity = locked_opportunity(signup.opportunity_id)
        was_confirmed = signup.status == SignupStatus.CONFIRMED
        signup.status, signup.withdrawn_at = SignupStatus.WITHDRAWN, now
        signup.save(update_fields=["status", "withdrawn_at"])
        if was_confirmed:
            waitlist_promote(opportunity)


PROFILE_LABELS = {"travel_km": "Travel distance", "dbs_status": "DBS status (information supplied)"}


@transaction.atomic
def volunteer_profile_save(*, actor, activity_types: list[str], year_groups: list[int],
                           base_office: Office | None, travel_km: int, online: bool,
                           available: bool, dbs_status: str = "",
                           dbs_checked_on=None, about: str = "") -> VolunteerProfile:
    require_capability(actor, "volunteer")
    unknown = [a for a in activity_types if a not in ActivityType.values]
    if unknown:
        raise ApplicationError(f"Unknown activity type: {', '.join(unknown)}.",
                               field="activity_types")
    years = sorted({int(y) for y in year_groups})
    if any(y not in YEAR_GROUPS for y in years):
        raise ApplicationError("Year groups run from Reception (0) to Year 13.",
                               field="year_groups")
    if dbs_status not in DbsStatus.values:
        raise ApplicationError("Select a DBS status from the list.", field="dbs_status")
    if not 0 <= int(travel_km) <= 500:
        raise ApplicationError("Travel distance must be between 0 and 500 km.", field="travel_km")
    profile = (VolunteerProfile.objects.filter(person=actor).first()
               or VolunteerProfile(person=actor))
    profile.activity_types = sorted(set(activity_types))
    profile.year_groups = years
    profile.base_office, profile.travel_km = base_office, int(travel_km)
    profile.online, profile.available = bool(online), bool(available)
    profile.dbs_status = dbs_status
    profile.dbs_checked_on = dbs_checked_on if dbs_status not in ("", DbsStatus.NONE) else None
    profile.about = (about or "").strip()
    try:
        profile.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error, PROFILE_LABELS)) from None
    profile.save()
    return profile


@transaction.atomic
def volunteer_invite(*, actor, opportunity_id: int, person_id: int) -> None:
    """Tell a suggested volunteer about an opportunity (leads)."""
    require_capability(actor, "run_outreach")
    opportunity = opportunity_for_viewer(viewer=actor, pk=opportunity_id)
    suggestion = suggestion_for(viewer=actor, opportunity=opportunity, person_id=person_id)
    if suggestion is None:
        raise ApplicationError("That person is not among the suggested volunteers.", status=404)
    notify(recipient=suggestion.person, kind="outreach_invite", sender=actor,
           url=opportunity_url(opportunity),
           text=f"You have been invited to volunteer for “{opportunity.title}” on "
                f"{when_text(opportunity)}: it fits your volunteer profile.")


def reminders_send_due(*, now: datetime) -> int:
    """Remind confirmed volunteers of opportunities starting within ``REMINDER_AHEAD``.
    Each sign-up is claimed by one conditional update of ``reminded_at`` before anyone
    is told, so running twice (or on two workers) reminds once."""
    due = VolunteerSignup.objects.filter(
        status=SignupStatus.CONFIRMED, reminded_at__isnull=True,
        opportunity__status=OpportunityStatus.OPEN,
        opportunity__starts_at__gt=now, opportunity__starts_at__lte=now + REMINDER_AHEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            if not VolunteerSignup.objects.filter(pk=pk, reminded_at__isnull=True).update(
                    reminded_at=now):
                continue
            signup = VolunteerSignup.objects.select_related("opportunity", "volunteer").get(pk=pk)
            opportunity = signup.opportunity
            school = opportunity.school.name if opportunity.school_id else ""
            place = "online" if opportunity.format == "online" else opportunity.place or school
            notify(recipient=signup.volunteer, kind="outreach_reminder",
                   url=opportunity_url(opportunity),
                   text=f"Reminder: “{opportunity.title}” is on {when_text(opportunity)}"
                        + (f", {place}" if place else "") + ". Bring photo ID.")
            sent += 1
    return sent

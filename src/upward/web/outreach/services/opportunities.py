"""Opportunity writes for leads: posting, editing (capacity changes promote from the
waiting list or are refused), cancelling (confirmed volunteers are told), publishing or
declining a school's proposal, the safeguarding checklist, and the outcome with
attendance afterwards. Posting, cancelling, declining and outcomes are audited."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from upward.schools.priority import is_priority
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import (
    YEAR_GROUPS,
    ActivityType,
    Format,
    Opportunity,
    OpportunityStatus,
    Outcome,
    SafeguardingCheck,
    School,
    SignupStatus,
)
from upward.web.outreach.selectors.opportunities import opportunity_for_lead
from upward.web.outreach.selectors.schools import priority_fsm_percent
from upward.web.outreach.services.volunteers import (
    locked_opportunity,
    opportunity_url,
    waitlist_promote,
    when_text,
)

LABELS = {"ends_at": "End time", "starts_at": "Start time", "link": "Online link",
          "volunteers_needed": "Volunteers needed", "pupils_expected": "Pupils expected"}
EDITABLE = ("kind", "title", "description", "school", "starts_at", "ends_at", "format",
            "place", "link", "year_groups", "pupils_expected", "volunteers_needed")


def _saved(obj):
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error, LABELS)) from None
    obj.save()
    return obj


def opportunity_check(*, kind: str, title: str, starts_at: datetime, ends_at: datetime,
                      format: str, place: str, link: str, year_groups, school: School | None,
                      **_) -> None:
    """What every opportunity must be, from a lead or a school contact."""
    if kind not in ActivityType.values:
        raise ApplicationError("Select the kind of activity.", field="kind")
    if not (title or "").strip():
        raise ApplicationError("Enter a title.", field="title")
    if ends_at <= starts_at:
        raise ApplicationError("The end time must be after the start time.", field="end_time")
    if format == Format.IN_PERSON and not (place or "").strip() and school is None:
        raise ApplicationError("Enter where it takes place, or choose the school.", field="place")
    if format == Format.ONLINE and not (link or "").strip():
        raise ApplicationError("Enter the link to join online.", field="link")
    if any(y not in YEAR_GROUPS for y in year_groups or []):
        raise ApplicationError("Year groups run from Reception to Year 13.", field="year_groups")


@transaction.atomic
def opportunity_post(*, actor, request=None, **fields) -> Opportunity:
    require_capability(actor, "run_outreach")
    opportunity_check(**fields)
    opportunity = Opportunity(posted_by=actor, status=OpportunityStatus.OPEN,
                              **{k: fields[k] for k in EDITABLE if k in fields})
    opportunity.title = opportunity.title.strip()
    opportunity.year_groups = sorted(set(opportunity.year_groups or []))
    _saved(opportunity)
    audit_record(actor=actor, action="outreach.opportunity_post", target=opportunity,
                 request=request)
    return opportunity


@transaction.atomic
def opportunity_update(*, actor, opportunity_id: int, **fields) -> Opportunity:
    """Change an opportunity. Fewer volunteers than are confirmed is refused; more
    promotes people from the waiting list."""
    opportunity_for_lead(viewer=actor, pk=opportunity_id)
    opportunity = locked_opportunity(opportunity_id)
    if opportunity.status == OpportunityStatus.CANCELLED:
        raise ApplicationError("A cancelled opportunity cannot be changed.", status=409)
    opportunity_check(**fields)
    confirmed = opportunity.signups.filter(status=SignupStatus.CONFIRMED).count()
    needed = fields.get("volunteers_needed", opportunity.volunteers_needed)
    if needed < confirmed:
        raise ApplicationError(
            f"{confirmed} volunteers are already confirmed, so it cannot need fewer than "
            f"{confirmed}. Ask volunteers to withdraw first.", field="volunteers_needed")
    for key in EDITABLE:
        if key in fields:
            setattr(opportunity, key, fields[key])
    opportunity.year_groups = sorted(set(opportunity.year_groups or []))
    _saved(opportunity)
    waitlist_promote(opportunity)
    return opportunity


@transaction.atomic
def opportunity_cancel(*, actor, opportunity_id: int, request=None) -> Opportunity:
    """Cancel an open opportunity; its confirmed and waiting volunteers are told."""
    opportunity_for_lead(viewer=actor, pk=opportunity_id)
    opportunity = locked_opportunity(opportunity_id)
    if opportunity.status != OpportunityStatus.OPEN:
        raise ApplicationError("Only an open opportunity can be cancelled.", status=409)
    opportunity.status, opportunity.cancelled_at = OpportunityStatus.CANCELLED, timezone.now()
    _saved(opportunity)
    told = opportunity.signups.filter(
        status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]).select_related("volunteer")
    for signup in told:
        notify(recipient=signup.volunteer, kind="outreach_cancelled", sender=actor,
               url=opportunity_url(opportunity),
               text=f"“{opportunity.title}” on {when_text(opportunity)} has been cancelled.")
    audit_record(actor=actor, action="outreach.opportunity_cancel", target=opportunity,
                 request=request)
    return opportunity


@transaction.atomic
def opportunity_publish(*, actor, opportunity_id: int, request=None) -> Opportunity:
    """Open a school's proposal to volunteers."""
    opportunity_for_lead(viewer=actor, pk=opportunity_id)
    opportunity = locked_opportunity(opportunity_id)
    if opportunity.status != OpportunityStatus.PROPOSED:
        raise ApplicationError("Only a proposal can be published.", status=409)
    opportunity.status, opportunity.posted_by = OpportunityStatus.OPEN, actor
    _saved(opportunity)
    audit_record(actor=actor, action="outreach.opportunity_publish", target=opportunity,
                 request=request)
    return opportunity


@transaction.atomic
def opportunity_decline(*, actor, opportunity_id: int, request=None) -> Opportunity:
    opportunity_for_lead(viewer=actor, pk=opportunity_id)
    opportunity = locked_opportunity(opportunity_id)
    if opportunity.status != OpportunityStatus.PROPOSED:
        raise ApplicationError("Only a proposal can be declined.", status=409)
    opportunity.status, opportunity.cancelled_at = OpportunityStatus.CANCELLED, timezone.now()
    _saved(opportunity)
    audit_record(actor=actor, action="outreach.opportunity_decline", target=opportunity,
                 request=request)
    return opportunity


@transaction.atomic
def safeguarding_save(*, actor, opportunity_id: int, supervised_at_all_times: bool,
                      id_on_arrival: bool, visitor_badge: bool, school_policy_read: bool,
                      school_safeguarding_lead: str = "", notes: str = "") -> SafeguardingCheck:
    opportunity = opportunity_for_lead(viewer=actor, pk=opportunity_id)
    check = SafeguardingCheck.objects.filter(opportunity=opportunity).first() \
        or SafeguardingCheck(opportunity=opportunity)
    check.supervised_at_all_times = supervised_at_all_times
    check.id_on_arrival, check.visitor_badge = id_on_arrival, visitor_badge
    check.school_policy_read = school_policy_read
    check.school_safeguarding_lead = (school_safeguarding_lead or "").strip()
    check.notes = (notes or "").strip()
    check.confirmed_by, check.confirmed_at = actor, timezone.now()
    return _saved(check)


@transaction.atomic
def outcome_record(*, actor, opportunity_id: int, pupils_reached: int, year_groups,
                   clear_purpose: bool, learning_outcomes: bool, two_way_interaction: bool,
                   follow_up: bool, volunteer_hours: Decimal, feedback: str = "",
                   attended_ids=(), request=None) -> Outcome:
    """Record what the engagement achieved, and who attended (of the confirmed
    volunteers). Refused before it ends. Whether the school was a priority school is
    kept as it is now."""
    opportunity_for_lead(viewer=actor, pk=opportunity_id)
    opportunity = locked_opportunity(opportunity_id)
    if opportunity.status != OpportunityStatus.OPEN:
        raise ApplicationError("Outcomes are recorded for opportunities that took place.",
                               status=409)
    if opportunity.ends_at > timezone.now():
        raise ApplicationError("The outcome can be recorded once the opportunity has ended.",
                               status=409)
    if any(y not in YEAR_GROUPS for y in year_groups or []):
        raise ApplicationError("Year groups run from Reception to Year 13.", field="year_groups")
    if volunteer_hours < 0:
        raise ApplicationError("Volunteer hours cannot be negative.", field="volunteer_hours")
    outcome = Outcome.objects.filter(opportunity=opportunity).first() \
        or Outcome(opportunity=opportunity)
    outcome.pupils_reached, outcome.year_groups = pupils_reached, sorted(set(year_groups or []))
    outcome.clear_purpose, outcome.learning_outcomes = clear_purpose, learning_outcomes
    outcome.two_way_interaction, outcome.follow_up = two_way_interaction, follow_up
    outcome.volunteer_hours, outcome.feedback = volunteer_hours, (feedback or "").strip()
    school = opportunity.school
    outcome.priority_school = (is_priority(school.fsm_percent, priority_fsm_percent())
                               if school is not None else None)
    outcome.recorded_by = actor
    _saved(outcome)
    attended = {int(pk) for pk in attended_ids}
    for signup in opportunity.signups.filter(status=SignupStatus.CONFIRMED):
        signup.attended = signup.pk in attended
        signup.save(update_fields=["attended"])
    audit_record(actor=actor, action="outreach.outcome_record", target=opportunity,
                 request=request, detail={"pupils_reached": pupils_reached})
    return outcome

"""Opportunities: posting, editing capacity, cancelling, proposals, safeguarding and
outcomes (with the priority-school snapshot), audited; no pupil fields anywhere."""

from __future__ import annotations

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.outreach import forms as outreach_forms
from upward.web.outreach.models import Opportunity, School, SignupStatus
from upward.web.outreach.services import opportunities as services
from upward.web.outreach.services import volunteers as volunteer_services

pytestmark = pytest.mark.django_db


def school(urn=100001, **kw):
    values = {"name": f"Hillside Academy {urn}", "phase": "Secondary",
              "local_authority": "Leeds", "fsm_percent": 40.0, "easting": 430000,
              "northing": 433000, "postcode": "LS9 8AA"}
    values.update(kw)
    return School.objects.create(urn=urn, **values)


def fields(**kw):
    start = timezone.now() + timedelta(days=10)
    values = {"kind": "careers_talk", "title": "Careers in engineering", "description": "",
              "school": None, "starts_at": start, "ends_at": start + timedelta(hours=2),
              "format": "in_person", "place": "Main hall", "link": "", "year_groups": [10, 11],
              "pupils_expected": 60, "volunteers_needed": 2}
    values.update(kw)
    return values


def post(lead, **kw):
    return services.opportunity_post(actor=lead, **fields(**kw))


def test_a_lead_posts_an_open_opportunity_and_it_is_audited(lead):
    found = post(lead, school=school())
    assert found.status == "open" and found.posted_by == lead
    assert AuditEntry.objects.filter(action="outreach.opportunity_post",
                                     object_id=str(found.pk)).exists()


def test_a_member_may_not_post(member):
    with pytest.raises(ApplicationError) as refused:
        post(member)
    assert refused.value.status == 403


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"format": "online", "link": ""}, "link", "Enter the link to join online."),
    ({"place": "", "school": None}, "place", "Enter where it takes place, or choose the school."),
    ({"kind": "juggling"}, "kind", "Select the kind of activity."),
    ({"year_groups": [14]}, "year_groups", "Year groups run from Reception to Year 13."),
])
def test_bad_opportunities_are_refused_clearly(lead, change, field, message):
    with pytest.raises(ApplicationError) as refused:
        post(lead, **change)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not Opportunity.objects.exists()


def test_ending_before_it_starts_is_refused(lead):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ApplicationError) as refused:
        post(lead, starts_at=start, ends_at=start - timedelta(hours=1))
    assert refused.value.field == "end_time"


def test_the_form_reads_uk_local_time_across_bst_and_gmt():
    data = {"kind": "careers_talk", "title": "Talk", "day": "2026-07-01", "start_time": "14:30",
            "end_time": "15:30", "format": "in_person", "volunteers_needed": "2"}
    summer = outreach_forms.GuestOpportunityForm(data)
    assert summer.is_valid(), summer.errors
    assert summer.service_fields()["starts_at"].utcoffset() == timedelta(hours=1)
    assert summer.service_fields()["starts_at"].astimezone(UTC).hour == 13
    winter = outreach_forms.GuestOpportunityForm({**data, "day": "2026-12-01"})
    assert winter.is_valid()
    assert winter.service_fields()["starts_at"].astimezone(UTC).hour == 14


def test_the_school_is_found_by_urn_or_unique_name():
    school(111111, name="Oak Primary")
    school(222222, name="Oak Secondary")
    form = outreach_forms.OpportunityForm
    assert form.base_fields["school"].clean("111111").urn == 111111
    assert form.base_fields["school"].clean("oak secondary").urn == 222222
    from django.forms import ValidationError
    with pytest.raises(ValidationError, match="More than one school matches"):
        form.base_fields["school"].clean("Oak")
    with pytest.raises(ValidationError, match="No open school has the URN 999"):
        form.base_fields["school"].clean("999")


def _signup(person, opportunity):
    return volunteer_services.signup_create(actor=person, opportunity_id=opportunity.pk)


def test_lowering_capacity_below_the_confirmed_is_refused_and_raising_promotes(lead, personas):
    from upward.web.demo.factories import person
    found = post(lead, volunteers_needed=2)
    people = [personas["member"], personas["moderator"], person(email="c@northbridge.example")]
    for p in people:
        _signup(p, found)
    with pytest.raises(ApplicationError) as refused:
        services.opportunity_update(actor=lead, opportunity_id=found.pk,
                                    **fields(volunteers_needed=1))
    assert refused.value.field == "volunteers_needed"
    assert "2 volunteers are already confirmed" in refused.value.message
    services.opportunity_update(actor=lead, opportunity_id=found.pk, **fields(volunteers_needed=3))
    third = found.signups.get(volunteer=people[2])
    assert third.status == SignupStatus.CONFIRMED and third.promoted_at is not None
    assert Notification.objects.filter(recipient=people[2], kind="outreach_place").exists()


def test_cancelling_tells_the_volunteers_and_is_audited(lead, member):
    found = post(lead)
    _signup(member, found)
    services.opportunity_cancel(actor=lead, opportunity_id=found.pk)
    found.refresh_from_db()
    assert found.status == "cancelled" and found.cancelled_at
    assert Notification.objects.filter(recipient=member, kind="outreach_cancelled").exists()
    assert AuditEntry.objects.filter(action="outreach.opportunity_cancel").exists()
    with pytest.raises(ApplicationError):
        _signup(member, found)


def test_safeguarding_checklist_is_saved_by_a_lead(lead):
    found = post(lead)
    check = services.safeguarding_save(
        actor=lead, opportunity_id=found.pk, supervised_at_all_times=True, id_on_arrival=True,
        visitor_badge=True, school_policy_read=True, school_safeguarding_lead="Ms Adeyemi",
        notes="Sign in at reception.")
    assert check.complete and check.confirmed_by == lead


def _past(lead, **kw):
    found = post(lead, **kw)
    Opportunity.objects.filter(pk=found.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1))
    return found


def _outcome(lead, found, **kw):
    values = {"pupils_reached": 55, "year_groups": [10], "clear_purpose": True,
              "learning_outcomes": True, "two_way_interaction": True, "follow_up": True,
              "volunteer_hours": Decimal("6.5"), "feedback": "Lots of questions."}
    values.update(kw)
    return services.outcome_record(actor=lead, opportunity_id=found.pk, **values)


def test_an_outcome_is_refused_before_the_event_ends(lead):
    found = post(lead)
    with pytest.raises(ApplicationError, match="once the opportunity has ended"):
        _outcome(lead, found)


def test_an_outcome_keeps_the_priority_flag_as_it_was(lead, member, settings):
    settings.UPWARD_PRIORITY_FSM_PERCENT = 25.0
    found = post(lead, school=school(fsm_percent=40.0))
    _signup(member, found)
    Opportunity.objects.filter(pk=found.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1))
    signup = found.signups.get()
    outcome = _outcome(lead, found, attended_ids=[signup.pk])
    assert outcome.priority_school is True and outcome.meaningful_encounter
    signup.refresh_from_db()
    assert signup.attended is True
    School.objects.filter(pk=found.school_id).update(fsm_percent=5.0)  # a later import
    outcome.refresh_from_db()
    assert outcome.priority_school is True
    assert AuditEntry.objects.filter(action="outreach.outcome_record").exists()


def test_an_outcome_without_a_school_has_no_priority_flag(lead):
    outcome = _outcome(lead, _past(lead))
    assert outcome.priority_school is None and outcome.pupils_reached == 55


def test_no_form_asks_for_a_pupil():
    for form_class in (outreach_forms.OpportunityForm, outreach_forms.GuestOpportunityForm,
                       outreach_forms.OutcomeForm, outreach_forms.SafeguardingForm,
                       outreach_forms.VolunteerProfileForm, outreach_forms.ContactInviteForm):
        for name, field in form_class.base_fields.items():
            assert "pupil_name" not in name and "child" not in name
            assert "name of the pupil" not in str(field.label).lower()


GENERIC = ("This field is required", "Ensure this value", "Enter a valid email",
           "Enter a whole number")


@pytest.mark.parametrize("form_class", [
    outreach_forms.OpportunityForm, outreach_forms.GuestOpportunityForm,
    outreach_forms.OutcomeForm, outreach_forms.SafeguardingForm,
    outreach_forms.VolunteerProfileForm, outreach_forms.ContactInviteForm])
def test_forms_say_what_to_do(form_class):
    too_long = {name: "@" * (field.max_length + 1) for name, field in
                form_class.base_fields.items() if getattr(field, "max_length", None)}
    for data in ({}, too_long):
        form = form_class(data)
        form.is_valid()
        for name, errors in form.errors.items():
            for error in errors:
                assert not error.startswith(GENERIC), f"{form_class.__name__}.{name}: {error}"

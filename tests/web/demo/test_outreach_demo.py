"""The demo's year of outreach: believable, within the outreach rules, and seeded once."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from upward.schools.priority import is_priority
from upward.web.demo.factories import person
from upward.web.demo.outreach_seed import seed_outreach
from upward.web.outreach.models import (
    Opportunity,
    OpportunityStatus,
    Outcome,
    SafeguardingCheck,
    SchoolContact,
    SignupStatus,
    VolunteerProfile,
    VolunteerSignup,
)
from upward.web.outreach.selectors.impact import LONDON, outreach_impact_for_report
from upward.web.outreach.selectors.schools import priority_fsm_percent

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(personas):
    for n in range(30):
        person(email=f"colleague{n}@northbridge.example", location="Leeds")
    seed_outreach(seed=7)
    return _snapshot()


def _snapshot():
    return (sorted(Opportunity.objects.values_list("kind", "title", "school__urn", "status")),
            sorted(VolunteerSignup.objects.values_list("opportunity__title", "volunteer__email",
                                                       "status")),
            sorted(Outcome.objects.values_list("pupils_reached", "volunteer_hours",
                                               "priority_school")),
            VolunteerProfile.objects.count(), SchoolContact.objects.count(),
            SafeguardingCheck.objects.count())


def test_seeding_twice_adds_nothing(seeded):
    seed_outreach(seed=7)
    assert _snapshot() == seeded


def test_a_year_on_a_school_calendar(seeded):
    now = timezone.now()
    year_ago = timezone.localdate() - timedelta(days=365)
    every_past = Opportunity.objects.filter(starts_at__lt=now)
    past = [o for o in every_past if o.starts_at.astimezone(LONDON).date() >= year_ago]
    earlier = [o for o in every_past if o.starts_at.astimezone(LONDON).date() < year_ago]
    assert 38 <= len(past) <= 40
    # the year before: fewer, all held and recorded, so the impact report shows change
    assert 20 <= len(earlier) <= 24 and len(earlier) < len(past)
    assert all(o.status == OpportunityStatus.OPEN and hasattr(o, "outcome") for o in earlier)
    assert min(o.starts_at.astimezone(LONDON).date() for o in earlier) >= \
        timezone.localdate() - timedelta(days=730)
    past = Opportunity.objects.filter(pk__in=[o.pk for o in past])
    assert past.filter(status=OpportunityStatus.CANCELLED).count() == 1
    days = [o.starts_at.astimezone(LONDON).date() for o in every_past]
    assert not any(d.month == 8 or d.weekday() >= 5 for d in days)
    assert set(Opportunity.objects.values_list("kind", flat=True)) >= {
        "careers_talk", "mock_interviews", "cv_workshop"}
    kinds = Counter(past.values_list("kind", flat=True))
    assert kinds.most_common(1)[0][0] == "careers_talk"
    threshold = priority_fsm_percent()
    priority = sum(is_priority(o.school.fsm_percent, threshold) for o in past)
    assert priority > past.count() / 2  # more at priority schools


def test_the_outreach_rules_hold(seeded):
    now = timezone.now()
    threshold = priority_fsm_percent()
    for opportunity in Opportunity.objects.annotate(
            confirmed=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED))):
        assert opportunity.confirmed <= opportunity.volunteers_needed
        assert opportunity.ends_at > opportunity.starts_at
    for outcome in Outcome.objects.select_related("opportunity__school"):
        assert outcome.opportunity.ends_at < now
        assert outcome.recorded_at >= outcome.opportunity.ends_at
        assert outcome.opportunity.status == OpportunityStatus.OPEN
        assert outcome.priority_school == is_priority(outcome.opportunity.school.fsm_percent,
                                                      threshold)
        assert outcome.pupils_reached > 0 and outcome.volunteer_hours > 0
    outcomes = list(Outcome.objects.all())
    assert 0 < sum(not o.meaningful_encounter for o in outcomes) < len(outcomes) / 2
    # the last two held are not written up yet
    held = Opportunity.objects.filter(ends_at__lt=now, status=OpportunityStatus.OPEN)
    assert held.filter(outcome__isnull=True).count() == 2


def test_coming_up_a_full_one_with_a_waiting_list_and_a_schools_proposal(seeded):
    now = timezone.now()
    upcoming = Opportunity.objects.filter(starts_at__gt=now)
    assert upcoming.filter(starts_at__gt=now + timedelta(days=61)).count() == 0
    open_ones = upcoming.filter(status=OpportunityStatus.OPEN)
    assert open_ones.count() == 5 and not Outcome.objects.filter(opportunity__in=open_ones)
    waiting = VolunteerSignup.objects.filter(status=SignupStatus.WAITLISTED)
    assert waiting.count() == 2
    full = waiting.first().opportunity
    assert full.starts_at > now
    assert full.signups.filter(status=SignupStatus.CONFIRMED).count() == full.volunteers_needed
    proposal = upcoming.get(status=OpportunityStatus.PROPOSED)
    assert proposal.proposed_by.school == proposal.school and proposal.posted_by is None
    assert len(proposal.proposed_by.token_hash) == 64
    assert VolunteerProfile.objects.count() == 15
    assert VolunteerProfile.objects.filter(person__email="member@northbridge.example").exists()


def test_the_impact_page_has_sensible_figures(seeded):
    today = timezone.localdate()
    impact = outreach_impact_for_report(start=today - timedelta(days=365), end=today)
    assert 34 <= impact.engagements <= 37
    assert 1000 < impact.pupils < 5000
    assert 0.5 < impact.priority_share < 1
    assert 0.5 < impact.meaningful_share < 1
    assert 5 <= impact.volunteers <= 45 and impact.schools >= 10
    assert not any(r.engagements for r in impact.by_month if r.month.month == 8)

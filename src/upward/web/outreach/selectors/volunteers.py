"""Volunteer profiles and suggestions: who fits an opportunity, and which opportunities
fit a member, Inspiring-the-Future style (activity type, distance from their office to
the school within their travel radius or online, year groups, availability).

The DBS status someone supplied is never used to rank or filter anyone: for supervised
one-off visits it is not a requirement (Keeping Children Safe in Education).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from upward.schools.distance import distance_km
from upward.web.accounts.selectors import network_members
from upward.web.core.permissions import can
from upward.web.outreach.models import (
    ActivityType,
    Format,
    Opportunity,
    OpportunityStatus,
    VolunteerProfile,
    VolunteerSignup,
    year_group_label,
)
from upward.web.outreach.selectors.opportunities import opportunities_upcoming, person_name


def profile_of(*, viewer) -> VolunteerProfile | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return VolunteerProfile.objects.select_related("base_office").filter(person=viewer).first()


@dataclass
class Fit:
    """How well a profile fits an opportunity: ``fits`` False if any must is missed."""

    fits: bool
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def fit(profile: VolunteerProfile, opportunity: Opportunity) -> Fit:
    """Musts: available, does this kind of activity, can get there (online, or the
    school within their travel radius of their office), and the year groups overlap
    when both name some. Better: nearer, and preferred year groups named."""
    if not profile.available:
        return Fit(False)
    if profile.activity_types and opportunity.kind not in profile.activity_types:
        return Fit(False)
    result = Fit(True, 1, [])
    if profile.activity_types:
        result.score += 2
        result.reasons.append(f"Does {ActivityType(opportunity.kind).label.lower()}")
    if opportunity.format == Format.ONLINE:
        if not profile.online:
            return Fit(False)
        result.reasons.append("Volunteers online")
    else:
        school, office = opportunity.school, profile.base_office
        if school is None or office is None or school.easting is None or school.northing is None:
            return Fit(False)
        km = distance_km(office.easting, office.northing, school.easting, school.northing)
        if km > profile.travel_km:
            return Fit(False)
        result.score += max(0, 5 - int(km // max(profile.travel_km / 5, 1)))
        result.reasons.append(f"{km:.1f} km from {office.name} (travels up to "
                              f"{profile.travel_km} km)")
    wanted, offered = set(opportunity.year_groups or []), set(profile.year_groups or [])
    if wanted and offered:
        both = wanted & offered
        if not both:
            return Fit(False)
        result.score += 2
        result.reasons.append("Year groups: " + ", ".join(year_group_label(y)
                                                           for y in sorted(both)))
    return result


@dataclass(frozen=True)
class Suggestion:
    person: object
    name: str
    score: int
    reasons: list[str]


def suggestions_for(*, viewer, opportunity: Opportunity, limit: int = 20) -> list[Suggestion]:
    """Volunteers whose profile fits ``opportunity`` and who have not signed up, best
    first, with the reasons (leads only)."""
    if not can(viewer, "run_outreach") or opportunity.status != OpportunityStatus.OPEN:
        return []
    signed = VolunteerSignup.objects.filter(opportunity=opportunity).values("volunteer_id")
    profiles = (VolunteerProfile.objects.select_related("base_office", "person__profile")
                .filter(available=True, person__in=network_members())
                .exclude(person_id__in=signed))
    found = []
    for profile in profiles:
        result = fit(profile, opportunity)
        if result.fits:
            found.append(Suggestion(profile.person, person_name(profile.person),
                                    result.score, result.reasons))
    found.sort(key=lambda s: (-s.score, s.name.lower()))
    return found[:limit]


def suggestion_for(*, viewer, opportunity: Opportunity, person_id: int) -> Suggestion | None:
    return next((s for s in suggestions_for(viewer=viewer, opportunity=opportunity, limit=10_000)
                 if s.person.pk == person_id), None)


@dataclass(frozen=True)
class FittingOpportunity:
    opportunity: Opportunity
    reasons: list[str]


def opportunities_fitting(*, viewer, limit: int = 10) -> list[FittingOpportunity]:
    """Upcoming open opportunities that fit the viewer's profile and that they have not
    signed up for, best first; none without a profile."""
    profile = profile_of(viewer=viewer)
    if profile is None or not can(viewer, "volunteer"):
        return []
    signed = VolunteerSignup.objects.filter(volunteer=viewer).values("opportunity_id")
    rows = []
    for opportunity in (opportunities_upcoming(viewer=viewer).exclude(pk__in=signed)
                        .filter(starts_at__gt=timezone.now())[:500]):
        result = fit(profile, opportunity)
        if result.fits:
            rows.append((result.score, opportunity.starts_at, opportunity, result.reasons))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return [FittingOpportunity(o, reasons) for _, _, o, reasons in rows[:limit]]

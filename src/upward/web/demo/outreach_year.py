"""The demo's year of outreach: about forty engagements with the sample schools over the
twelve months to today (and two dozen in the twelve months before, so the impact report
shows change), and a few coming up in the next two months.

What ``make demo`` shows:

* Engagements of the six activity types on school days of a believable English school
  year: none in August, few in the holidays (Christmas, February half term, Easter, May
  half term, the summer, October half term), none at weekends. Schools are drawn from the
  sample register, priority schools three times as often and nearer offices more often.
* Past engagements have their safeguarding confirmed, their volunteers (confirmed, one or
  two not turning up) and, for all but the last two, an outcome: pupils reached near the
  number expected, year groups, volunteer hours, feedback and the four parts of Gatsby
  Benchmark 5 (about one in four misses one, so is not a meaningful encounter). Whether
  the school was a priority school is the register's FSM against the threshold, as the
  outcome service records it. One past engagement was cancelled.
* Coming up: open opportunities, one of them full with two people on its waiting list,
  one with its safeguarding checklist still to finish, and one proposed by a school's
  careers leader (a guest :class:`SchoolContact`, whose secret link's hash is random).
* Volunteer profiles for fifteen members (the Member persona among them), with a base
  office, travel distance, activity types and DBS status as they told us.

Rows are written with the ORM (no notifications, no email) and keep the services'
invariants: confirmed volunteers never exceed ``volunteers_needed``, outcomes only after
an engagement ends. Deterministic for a given ``seed`` and the day it runs; safe to run
twice: when the register already holds opportunities it is left alone. The words are in
``src/upward/data/demo/outreach.toml``.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from upward.schools.distance import distance_km
from upward.schools.priority import is_priority
from upward.web.accounts.selectors import active_person_by_email, network_members
from upward.web.demo import content
from upward.web.demo.data_files import DataFile
from upward.web.outreach.models import (
    ActivityType,
    DbsStatus,
    Format,
    Office,
    Opportunity,
    OpportunityStatus,
    Outcome,
    SafeguardingCheck,
    School,
    SchoolContact,
    SignupStatus,
    VolunteerProfile,
    VolunteerSignup,
)
from upward.web.outreach.selectors.impact import LONDON
from upward.web.outreach.selectors.schools import priority_fsm_percent

_file = DataFile("outreach.toml")
TITLES = _file.text_lists("titles")
DESCRIPTIONS = _file.text_map("descriptions")
ABOUT = _file.texts("about")
FEEDBACK = _file.texts("feedback")
SAFEGUARDING_LEADS = _file.texts("safeguarding_leads")
_contact = _file.table("contact")
CONTACT_NAME, CONTACT_JOB = _contact.text("name"), _contact.text("job_title")
_contact.done()
_file.done()
if set(TITLES) != set(ActivityType.values) or set(DESCRIPTIONS) != set(ActivityType.values):
    raise _file.error("titles", "needs exactly the activity types: "
                                + ", ".join(ActivityType.values))

PAST = 40  # engagements in the last twelve months
EARLIER = 24  # in the twelve months before: the programme grew, so the report shows change
UPCOMING = 5  # in the next two months, besides the school's proposal
PROFILES = 15
UNRECORDED = 2  # the latest past engagements, outcome not written up yet
# (month, first day, month, last day) of school holidays in England, roughly
HOLIDAYS = (((12, 20), (12, 31)), ((1, 1), (1, 4)), ((2, 14), (2, 22)), ((3, 30), (4, 12)),
            ((5, 23), (5, 31)), ((7, 22), (8, 31)), ((10, 24), (11, 1)))
# kind → (year groups by phase, pupils expected range, hours each, volunteers needed range)
SHAPES = {
    ActivityType.CAREERS_TALK: ({"Primary": [5, 6], "Secondary": [9, 10], "16 plus": [12]},
                                (40, 180), 1.5, (1, 3)),
    ActivityType.MOCK_INTERVIEWS: ({"Primary": [6], "Secondary": [11], "16 plus": [13]},
                                   (20, 60), 3, (4, 8)),
    ActivityType.CV_WORKSHOP: ({"Primary": [6], "Secondary": [10, 11], "16 plus": [12, 13]},
                               (20, 60), 2, (2, 5)),
    ActivityType.WORKPLACE_VISIT: ({"Primary": [5], "Secondary": [9], "16 plus": [12]},
                                   (15, 30), 4, (2, 4)),
    ActivityType.VIRTUAL_WORK_EXPERIENCE: ({"Primary": [6], "Secondary": [10],
                                            "16 plus": [12]}, (25, 90), 3, (2, 4)),
    ActivityType.MENTORING_CIRCLE: ({"Primary": [6], "Secondary": [11], "16 plus": [12, 13]},
                                    (8, 15), 4.5, (2, 3)),
}
KIND_WEIGHTS = (5, 3, 3, 2, 2, 2)  # in ActivityType order: talks are most common
# Primary schools ask for talks ("What's my line?") and visits, not interviews or CVs.
PRIMARY_KINDS = (ActivityType.CAREERS_TALK, ActivityType.CAREERS_TALK,
                 ActivityType.WORKPLACE_VISIT)


def _school_day_weight(day: date) -> float:
    if day.weekday() >= 5 or day.month == 8:
        return 0.0
    md = (day.month, day.day)
    return 0.12 if any(low <= md <= high for low, high in HOLIDAYS) else 1.0


def _days(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    """``count`` different school days between ``first`` and ``last``, by the calendar."""
    pool = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    pool = [d for d in pool if _school_day_weight(d) > 0]
    chosen: set[date] = set()
    while len(chosen) < min(count, len(pool)):
        chosen.add(rng.choices(pool, weights=[_school_day_weight(d) for d in pool])[0])
    return sorted(chosen)


def _nearest(school: School, offices: list[Office]) -> tuple[Office, float]:
    return min(((o, distance_km(o.easting, o.northing, school.easting, school.northing))
                for o in offices), key=lambda pair: pair[1])


def _schools(rng: random.Random, offices: list[Office], threshold: float, count: int
             ) -> list[tuple[School, Office]]:
    """Schools for ``count`` engagements: priority ones three times as often, nearer an
    office more often (within 25 km of one), primary schools half as often (careers
    outreach is mostly for secondary pupils)."""
    near = []
    for school in School.objects.filter(is_open=True, easting__isnull=False,
                                        northing__isnull=False).order_by("urn"):
        office, km = _nearest(school, offices)
        if km <= 25:
            weight = ((3.0 if is_priority(school.fsm_percent, threshold) else 1.0)
                      * (0.5 if school.phase == "Primary" else 1.0) / (1 + km / 5))
            near.append((school, office, weight))
    if not near:
        return []
    picks = rng.choices(near, weights=[w for _, _, w in near], k=count)
    return [(school, office) for school, office, _ in picks]


def _profiles(rng: random.Random, people: list, offices: list[Office]) -> list:
    """Volunteer profiles for up to fifteen members, the Member persona first."""
    jade = [p for p in people if p.email == f"member@{content.DOMAIN}"]
    others = [p for p in people if p not in jade]
    chosen = jade + rng.sample(others, min(len(others), PROFILES - len(jade)))
    by_location = {o.name: o for o in offices}
    for person in chosen:
        location = getattr(getattr(person, "profile", None), "location", "")
        VolunteerProfile.objects.get_or_create(person=person, defaults={
            "activity_types": sorted(rng.sample(ActivityType.values, rng.randint(2, 4))),
            "base_office": by_location.get(location) or rng.choice(offices),
            "travel_km": rng.choice((5, 10, 10, 15, 25)), "online": rng.random() < 0.7,
            "dbs_status": rng.choice((DbsStatus.NOT_SAID, DbsStatus.NONE, DbsStatus.BASIC,
                                      DbsStatus.ENHANCED, DbsStatus.ENHANCED)),
            "about": rng.choice(ABOUT)})
    return chosen


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def _opportunity(rng: random.Random, kind: str, school: School, office: Office, day: date,
                 lead) -> Opportunity:
    if school.phase == "Primary" and kind not in PRIMARY_KINDS:
        kind = rng.choice(PRIMARY_KINDS)
    years_by_phase, (low, high), hours, (v_low, v_high) = SHAPES[kind]
    phase = school.phase if school.phase in years_by_phase else "Secondary"
    starts = _at(day, rng.choice((9, 10, 13)), rng.choice((0, 15, 30)))
    online = kind == ActivityType.VIRTUAL_WORK_EXPERIENCE
    visit = kind == ActivityType.WORKPLACE_VISIT
    opportunity = Opportunity(
        kind=kind, title=rng.choice(TITLES[kind]), description=DESCRIPTIONS[kind],
        school=school, starts_at=starts, ends_at=starts + timedelta(hours=hours),
        format=Format.ONLINE if online else Format.IN_PERSON,
        place="" if online else (f"{office.name} office, {office.postcode}" if visit
                                 else f"{school.name}, {school.postcode}"),
        link="https://meet.example.org/northbridge-outreach" if online else "",
        year_groups=years_by_phase[phase], pupils_expected=rng.randint(low, high),
        volunteers_needed=rng.randint(v_low, v_high), status=OpportunityStatus.OPEN,
        posted_by=lead)
    opportunity.full_clean()
    opportunity.save()
    Opportunity.objects.filter(pk=opportunity.pk).update(
        created_at=starts - timedelta(days=rng.randint(14, 50)))
    return opportunity


def _safeguarding(rng: random.Random, opportunity: Opportunity, lead, *, complete: bool
                  ) -> None:
    if opportunity.format == Format.ONLINE:
        return
    SafeguardingCheck.objects.create(
        opportunity=opportunity, supervised_at_all_times=True, id_on_arrival=True,
        visitor_badge=True, school_policy_read=complete,
        school_safeguarding_lead=rng.choice(SAFEGUARDING_LEADS), confirmed_by=lead,
        confirmed_at=opportunity.starts_at - timedelta(days=rng.randint(3, 10)))


def _sign_up(rng: random.Random, opportunity: Opportunity, volunteers: list, everyone: list,
             *, confirmed: int, waiting: int = 0, past: bool) -> list:
    """``confirmed`` volunteers (never more than needed), mostly people with a profile
    and now and then someone without one, then ``waiting`` on the waiting list; past
    ones mostly attended."""
    pool = list(dict.fromkeys(volunteers + rng.sample(everyone, min(len(everyone), 4))))
    pool = rng.sample(pool, len(pool))
    confirmed = min(confirmed, opportunity.volunteers_needed, len(pool))
    people = pool[:confirmed + waiting]
    came = []
    for n, person in enumerate(people):
        on_list = n >= confirmed
        attended = None
        if past and not on_list:
            attended = rng.random() > 0.08
            came += [person] if attended else []
        VolunteerSignup.objects.create(
            opportunity=opportunity, volunteer=person,
            status=SignupStatus.WAITLISTED if on_list else SignupStatus.CONFIRMED,
            attended=attended,
            reminded_at=opportunity.starts_at - timedelta(days=1) if past else None)
    return came


def _outcome(rng: random.Random, opportunity: Opportunity, came: int, threshold: float,
             lead) -> None:
    hours = (opportunity.ends_at - opportunity.starts_at).total_seconds() / 3600
    expected = opportunity.pupils_expected or 30
    parts = {"clear_purpose": True, "learning_outcomes": True, "two_way_interaction": True,
             "follow_up": True}
    if rng.random() < 0.25:
        parts[rng.choice(("learning_outcomes", "follow_up", "follow_up"))] = False
    outcome = Outcome(
        opportunity=opportunity,
        pupils_reached=max(1, round(expected * rng.uniform(0.8, 1.05))),
        year_groups=list(opportunity.year_groups), **parts,
        volunteer_hours=Decimal(str(round(max(1, came) * (hours + 0.5), 1))),
        feedback=rng.choice(FEEDBACK),
        priority_school=is_priority(opportunity.school.fsm_percent, threshold),
        recorded_by=lead)
    outcome.full_clean()
    outcome.save()
    Outcome.objects.filter(pk=outcome.pk).update(recorded_at=min(
        timezone.now(), opportunity.ends_at + timedelta(days=rng.randint(1, 9))))


def seed_outreach_year(*, seed: int = 2026) -> None:
    """Seed the year of outreach (see the module's docstring); nothing when the register
    already has opportunities, or no schools or offices to hold them."""
    offices = list(Office.objects.order_by("name"))
    if Opportunity.objects.exists() or not offices:
        return
    rng = random.Random(f"outreach-{seed}")
    today = timezone.localdate(timezone.now(), LONDON)
    threshold = priority_fsm_percent()
    lead = active_person_by_email(f"lead@{content.DOMAIN}")
    everyone = list(network_members().select_related("profile").order_by("pk"))
    if not everyone:
        return
    volunteers = _profiles(rng, everyone, offices)
    past_days = _days(rng, today - timedelta(days=365), today - timedelta(days=1), PAST)
    next_days = _days(rng, today + timedelta(days=7), today + timedelta(days=60), UPCOMING + 1)
    places = _schools(rng, offices, threshold, len(past_days) + len(next_days))
    if not places:
        return
    kinds = rng.choices(ActivityType.values, weights=KIND_WEIGHTS,
                        k=len(past_days) + len(next_days))
    cancelled = rng.randrange(len(past_days) - UNRECORDED)
    for n, day in enumerate(past_days):
        school, office = places[n]
        opportunity = _opportunity(rng, kinds[n], school, office, day, lead)
        if n == cancelled:
            Opportunity.objects.filter(pk=opportunity.pk).update(
                status=OpportunityStatus.CANCELLED,
                cancelled_at=opportunity.starts_at - timedelta(days=2))
            continue
        _safeguarding(rng, opportunity, lead, complete=True)
        needed = opportunity.volunteers_needed
        came = _sign_up(rng, opportunity, volunteers, everyone, past=True,
                        confirmed=needed if rng.random() < 0.7 else rng.randint(1, needed))
        if n < len(past_days) - UNRECORDED:
            _outcome(rng, opportunity, len(came), threshold, lead)
    upcoming = list(zip(next_days[:UPCOMING], places[len(past_days):], kinds[len(past_days):],
                        strict=False))
    for n, (day, (school, office), kind) in enumerate(upcoming):
        opportunity = _opportunity(rng, kind, school, office, day, lead)
        _safeguarding(rng, opportunity, lead, complete=n != 1)
        needed = opportunity.volunteers_needed
        _sign_up(rng, opportunity, volunteers, everyone, past=False,
                 confirmed=needed if n == 0 else rng.randint(0, needed - 1),
                 waiting=2 if n == 0 else 0)
    _proposal(rng, next_days[-1], places[-1], lead, today)
    _earlier_year(seed, today, offices, threshold, lead, volunteers, everyone)


def _earlier_year(seed: int, today: date, offices: list[Office], threshold: float, lead,
                  volunteers: list, everyone: list) -> None:
    """The year before the last twelve months: fewer engagements, every one held and
    recorded, so the impact report can compare two years. Its own random stream, so the
    last twelve months are the same with or without it."""
    rng = random.Random(f"outreach-earlier-{seed}")
    days = _days(rng, today - timedelta(days=730), today - timedelta(days=366), EARLIER)
    places = _schools(rng, offices, threshold, len(days))
    kinds = rng.choices(ActivityType.values, weights=KIND_WEIGHTS, k=len(days))
    for day, (school, office), kind in zip(days, places, kinds, strict=False):
        opportunity = _opportunity(rng, kind, school, office, day, lead)
        _safeguarding(rng, opportunity, lead, complete=True)
        needed = opportunity.volunteers_needed
        came = _sign_up(rng, opportunity, volunteers, everyone, past=True,
                        confirmed=needed if rng.random() < 0.7 else rng.randint(1, needed))
        _outcome(rng, opportunity, len(came), threshold, lead)


def _proposal(rng: random.Random, day: date, place: tuple[School, Office], lead,
              today: date) -> None:
    """A careers leader's proposal for their school, waiting for a lead to publish it."""
    school, _office = place
    contact = SchoolContact.objects.create(
        school=school, name=CONTACT_NAME, job_title=CONTACT_JOB,
        email=f"careers@{school.urn}.school.example",
        token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(), invited_by=lead,
        expires_at=_at(today + timedelta(days=90), 0))
    starts = _at(day, 13, 30)
    proposal = Opportunity(
        kind=ActivityType.CAREERS_TALK, title=TITLES[ActivityType.CAREERS_TALK][1],
        description=DESCRIPTIONS[ActivityType.CAREERS_TALK], school=school, starts_at=starts,
        ends_at=starts + timedelta(hours=1), place=f"{school.name}, {school.postcode}",
        year_groups=[9], pupils_expected=rng.randint(90, 180), volunteers_needed=2,
        status=OpportunityStatus.PROPOSED, proposed_by=contact)
    proposal.full_clean()
    proposal.save()

"""The demo's mentoring programmes: an always-open programme with sign-ups, a published
matching run four months ago (its pairs are the programme's history), newer sign-ups
waiting in a pending run for the lead persona to publish, a request waiting for her
answer, and a monthly coffee roulette with people signed up.

Everything goes through the mentoring services, so sign-ups, runs, pairs and requests
obey the product's rules (choices, capacities, hard rules, notifications); only the
dates of the earlier run and its pairs are moved back afterwards, to make history.
The member persona has signed up as a mentee after that run, so she can browse
suggested mentors; the lead persona mentors.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from upward.web.accounts.models import User
from upward.web.core.errors import ApplicationError
from upward.web.core.roles import Role
from upward.web.demo import content
from upward.web.mentoring.models import MatchRun, Pair, Programme
from upward.web.mentoring.services.matching import run_create, run_publish
from upward.web.mentoring.services.programmes import programme_create, question_add
from upward.web.mentoring.services.requests import request_send
from upward.web.mentoring.services.signup import signup_save

GRADES = ["Entry level", "Experienced", "Team leader or specialist", "Manager",
          "Senior manager"]
SKILLS = ["Interview practice", "CV reviews", "Managing people", "Professional qualifications",
          "Stakeholder management", "Presenting with confidence", "Data skills",
          "Networking without a network", "Money conversations", "Part-time study"]
GOALS = ["First promotion", "Moving function", "Confidence", "Networking",
         "Returning to work", "Leading a team", "Getting a qualification"]
LIVED = ["First in family at university", "Grew up on free school meals", "Care experience",
         "Career changer", "Did not go to university", "Apprenticeship route",
         "Grew up outside London and the South East", "State school"]
ABOUT_MENTOR = [
    "I started on the phones and moved into {team} after an evening course. Happy to talk "
    "through how I did it.",
    "I have hired for {team} for years: I can help with applications and interviews.",
    "Nobody in my family had an office job. I would like to help someone find their way.",
    "I changed career at 35. Ask me about starting again somewhere new.",
]
ABOUT_MENTEE = [
    "I would like to go for my first promotion this year and need help with the interview.",
    "I am thinking about moving into {team} and want to know what it is really like.",
    "I want more confidence speaking up in meetings.",
    "I am back after a career break and want to rebuild my network.",
]


def _grade(user: User) -> str:
    profile = user.profile
    path = content.CAREER_PATHS.get(profile.team, [])
    step = path.index(profile.job_title) if profile.job_title in path else 1
    return GRADES[min(step + (1 if step == len(path) - 1 else 0), len(GRADES) - 1)]


def _sign_up(rng: random.Random, user: User, programme: Programme, side: str):
    profile = user.profile
    team = profile.team if profile.team in content.TEAMS else rng.choice(content.TEAMS)
    mentor, mentee = side in ("mentor", "both"), side in ("mentee", "both")
    location = profile.location if profile.location in programme.locations else ""
    about = rng.choice(ABOUT_MENTOR if mentor else ABOUT_MENTEE).format(team=team)
    return signup_save(
        actor=user, programme=programme, side=side, grade=_grade(user), function=team,
        wanted_function=rng.choice(["", "", rng.choice(content.TEAMS)]) if mentee else "",
        team=team, location=location, goals=rng.sample(GOALS, rng.randint(1, 3)),
        skills_offered=rng.sample(SKILLS, rng.randint(2, 4)) if mentor else [],
        skills_wanted=rng.sample(SKILLS, rng.randint(1, 3)) if mentee else [],
        lived_experience_shown=rng.sample(LIVED, rng.randint(0, 2)) if mentor else [],
        lived_experience_wanted=rng.sample(LIVED, rng.randint(0, 1)) if mentee else [],
        availability=rng.sample(list(programme.availability), 2),
        answers={}, capacity=rng.randint(1, 2) if mentor else 1, about=about,
        use_profile=rng.random() < 0.8)


def seed_mentoring_programmes(*, seed: int) -> Programme:
    """Seed the programmes (after the people: it signs seeded members up)."""
    rng = random.Random(seed + 12)
    lead = User.objects.get(email=f"lead@{content.DOMAIN}")
    persona = User.objects.get(email=f"member@{content.DOMAIN}")
    programme = programme_create(
        actor=lead, name="Next step mentoring",
        description="Mentoring for anyone who wants to take their next step, from a "
                    "colleague who has been there. Sign up at any time: the network lead "
                    "matches new sign-ups every month, and you can also ask a mentor yourself.",
        kind="open", grades=GRADES, functions=content.TEAMS, goals=GOALS, skills=SKILLS,
        lived_experience=LIVED, locations=content.LOCATIONS, mode="optimal",
        exclude_line_manager=True, exclude_same_team=False, min_grade_gap=1,
        max_grade_gap=4, ideal_grade_gap=2, default_capacity=1, max_capacity=3,
        allow_requests=True, nudge_after_weeks=4)
    question_add(actor=lead, programme=programme, text="How would you rather meet?",
                 options=["In person", "On a video call", "Either"], weight=5)

    members = list(User.objects.filter(role_assignments__role=Role.MEMBER, is_active=True)
                   .exclude(pk__in=[lead.pk, persona.pk]).select_related("profile")
                   .order_by("pk"))
    rng.shuffle(members)
    seniors = [u for u in members if GRADES.index(_grade(u)) >= 2][:24]
    juniors = [u for u in members if GRADES.index(_grade(u)) <= 1][:44]
    for user in seniors[:18]:
        _sign_up(rng, user, programme, "mentor")
    for user in juniors[:26]:
        _sign_up(rng, user, programme, "mentee")

    earlier = run_create(actor=lead, programme=programme)
    run_publish(actor=lead, run=earlier)
    months_ago = timezone.now() - timedelta(days=120)
    MatchRun.objects.filter(pk=earlier.pk).update(created_at=months_ago,
                                                  published_at=months_ago)
    Pair.objects.filter(run=earlier).update(started_at=months_ago)

    # Since then: more sign-ups, waiting in a pending run for the lead to publish.
    for user in seniors[18:]:
        _sign_up(rng, user, programme, "mentor")
    for user in juniors[26:]:
        _sign_up(rng, user, programme, "mentee")
    _sign_up(rng, persona, programme, "mentee")
    lead_signup = _sign_up(rng, lead, programme, "mentor")
    for asker in juniors[26:]:
        try:
            request_send(actor=asker, programme=programme, mentor_id=lead_signup.pk,
                         message="I saw you moved up from the front line. Could we talk "
                                 "about how you prepared for your first promotion?")
        except ApplicationError:  # a hard rule rules this mentee out: ask with the next
            continue
        break
    run_create(actor=lead, programme=programme)

    roulette = programme_create(
        actor=lead, name="Coffee roulette",
        description="Once a month you are paired with someone in the network you have not "
                    "met yet, for a coffee or a call.",
        kind="roulette", locations=content.LOCATIONS)
    for user in rng.sample(members, min(30, len(members))):
        signup_save(actor=user, programme=roulette, side="both",
                    location=user.profile.location if user.profile.location
                    in content.LOCATIONS else "", about="")
    return programme

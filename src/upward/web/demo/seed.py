"""``upward demo``: seed a believable organisation with one sign-in account per role."""

from __future__ import annotations

import hashlib
import random
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker
from rich.progress import Progress

from upward.web.accounts.models import (
    CareerEntry,
    Invitation,
    Profile,
    RoleAssignment,
    User,
    Visibility,
    default_visibility,
)
from upward.web.accounts.services import role_grant
from upward.web.core.roles import Role
from upward.web.demo import content
from upward.web.demo.awards_seed import seed_awards
from upward.web.demo.community_seed import seed_community
from upward.web.demo.events_seed import seed_events
from upward.web.demo.factories import ascii_slug, password_hash
from upward.web.demo.impact_report_seed import seed_impact_report
from upward.web.demo.impact_seed import seed_impact
from upward.web.demo.insights_seed import seed_insights
from upward.web.demo.mentoring_seed import seed_mentoring
from upward.web.demo.outreach_seed import seed_outreach

DEMO_PASSWORD = "upward-demo-2026"

# (role label, email local part, display name, roles held)
PERSONAS: list[tuple[str, str, str, list[str]]] = [
    ("Member", "member", "Jade Okafor", [Role.MEMBER]),
    ("Moderator", "moderator", "Tomasz Nowak", [Role.MEMBER, Role.MODERATOR]),
    ("Network lead", "lead", "Priya Shah", [Role.MEMBER, Role.NETWORK_LEAD]),
    ("Analyst", "analyst", "Callum Reid", [Role.ANALYST]),
    ("Judge", "judge", "Margaret Doyle", [Role.JUDGE]),
    ("Administrator", "admin", "Sam Patel", [Role.ADMIN]),
]


def persona_email(local: str) -> str:
    return f"{local}@{content.DOMAIN}"


def existing_personas() -> list[tuple[str, str]]:
    return [(label, persona_email(local)) for label, local, _, _ in PERSONAS
            if User.objects.filter(email=persona_email(local)).exists()]


def _bio(rng: random.Random, place: str) -> str:
    return " ".join([
        rng.choice(content.ORIGINS).format(place=place),
        rng.choice(content.CHALLENGES),
        rng.choice(content.TURNING_POINTS),
        rng.choice(content.NOW).format(n=rng.randint(3, 14)),
    ])


def _career(rng: random.Random, team: str, this_year: int) -> tuple[str, list[dict]]:
    """A plausible timeline: some earlier jobs, then steps up a path here."""
    path = content.CAREER_PATHS[team]
    steps_here = rng.randint(1, len(path))
    start_here = this_year - rng.randint(steps_here, steps_here * 3 + 1)
    entries = []
    year = start_here - 1
    for title, place in rng.sample(content.EARLIER_JOBS, rng.randint(0, 2)):
        length = rng.randint(1, 4)
        entries.append({"title": title, "organisation": place.capitalize(),
                        "start_year": year - length, "end_year": year})
        year -= length
    year = start_here
    for index, title in enumerate(path[:steps_here]):
        last = index == steps_here - 1
        end = None if last else min(this_year, year + rng.randint(1, 3))
        entries.append({"title": title, "organisation": content.ORGANISATION,
                        "start_year": year, "end_year": end})
        year = end or year
    return path[steps_here - 1], entries


@transaction.atomic
def seed_demo(*, members: int = 300, seed: int = 2026, progress=None) -> list[tuple[str, str]]:
    """Create the personas and ``members`` colleagues with varied profiles and timelines.

    Deterministic for a given ``seed``. Returns (role label, email) for each persona.
    """
    rng = random.Random(seed)
    fake = Faker(["en_GB", "en_IN", "en_IE", "pl_PL"])
    fake.seed_instance(seed)
    this_year = timezone.now().year
    hashed = password_hash(DEMO_PASSWORD)
    now = timezone.now()

    admin = None
    for _label, local, name, roles in PERSONAS:
        user = User.objects.create(email=persona_email(local), password=hashed)
        team = rng.choice(content.TEAMS)
        title, career = _career(rng, team, this_year)
        profile = Profile.objects.create(
            user=user, display_name=name, job_title=title, team=team,
            location=rng.choice(content.LOCATIONS), bio=_bio(rng, rng.choice(content.LOCATIONS)),
            ask_me_about=rng.sample(content.TOPICS, 3), pronouns=rng.choice(content.PRONOUNS),
        )
        CareerEntry.objects.bulk_create([CareerEntry(profile=profile, **e) for e in career])
        for role in roles:
            role_grant(actor=admin, user=user, role=role)
        if Role.ADMIN in roles:
            admin = user

    used = {persona_email(local) for _, local, _, _ in PERSONAS}
    visibility_choices = [Visibility.NETWORK, Visibility.NETWORK, Visibility.ORGANISATION,
                          Visibility.ONLY_ME]
    with Progress(console=progress, transient=True) as bar:
        task = bar.add_task("Seeding members", total=members)
        for _ in range(members):
            locale = rng.choices(["en_GB", "en_IN", "en_IE", "pl_PL"], weights=[70, 15, 8, 7])[0]
            name = f"{fake[locale].first_name()} {fake[locale].last_name()}"
            parts = [ascii_slug(p) for p in name.split() if ascii_slug(p)]
            local = ".".join(parts[-2:]) if len(parts) >= 2 else parts[0]
            email = f"{local}@{content.DOMAIN}"
            suffix = 2
            while email in used:
                email = f"{local}{suffix}@{content.DOMAIN}"
                suffix += 1
            used.add(email)
            joined = now - timedelta(days=rng.randint(10, 2000))
            user = User.objects.create(email=email, password=hashed, date_joined=joined)
            team = rng.choice(content.TEAMS)
            title, career = _career(rng, team, this_year)
            visibility = default_visibility()
            for field in ("bio", "career", "location"):
                visibility[field] = rng.choice(visibility_choices)
            has_story = rng.random() < 0.8
            profile = Profile.objects.create(
                user=user, display_name=name, job_title=title, team=team,
                location=rng.choice(content.LOCATIONS),
                pronouns=rng.choice(content.PRONOUNS),
                bio=_bio(rng, rng.choice(content.LOCATIONS)) if has_story else "",
                ask_me_about=rng.sample(content.TOPICS, rng.randint(0, 4)),
                visibility=visibility,
            )
            CareerEntry.objects.bulk_create([CareerEntry(profile=profile, **e) for e in career])
            RoleAssignment.objects.create(user=user, role=Role.MEMBER, granted_at=joined)
            bar.advance(task)

    # Two pending invitations, created directly so seeding sends no email.
    for email in ("new.starter@" + content.DOMAIN, "graduate.intake@" + content.DOMAIN):
        Invitation.objects.create(
            email=email, token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            roles=[Role.MEMBER.value], invited_by=admin, expires_at=now + timedelta(days=14))
    seed_community(seed=seed)
    seed_insights(seed=seed)
    seed_mentoring(seed=seed)
    seed_outreach(seed=seed)
    seed_events(seed=seed)
    seed_awards(seed=seed)
    seed_impact()
    seed_impact_report()  # after the impact seed: the report freezes its KPIs
    return [(label, persona_email(local)) for label, local, _, _ in PERSONAS]

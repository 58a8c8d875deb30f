"""The demo's mentoring programmes follow the product's rules: a published run whose
pairs are history, a pending run for the lead, the member persona able to browse
suggested mentors, a request waiting for the lead, a roulette programme with sign-ups."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from upward.web.demo.seed import persona_email, seed_demo
from upward.web.mentoring.models import (
    MatchRun,
    MentorRequest,
    Pair,
    Participant,
    Programme,
    RunStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_demo(members=160, seed=2026)
    return Programme.objects.get(name="Next step mentoring")


def test_the_demo_has_history_a_pending_run_and_a_request(seeded):
    published = MatchRun.objects.get(programme=seeded, status=RunStatus.PUBLISHED)
    pending = MatchRun.objects.get(programme=seeded, status=RunStatus.PENDING)
    assert published.created_at < pending.created_at
    pairs = Pair.objects.filter(run=published)
    assert pairs.count() >= 10
    assert all(p.started_at < pending.created_at for p in pairs)
    assert pending.matches.count() >= 5
    for pair in pairs:
        assert sum(points for _, points in pair.explanation) == pair.score
        assert pair.mentee.line_manager_id != pair.mentor.user_id
    for mentor in Participant.objects.filter(programme=seeded, side="mentor"):
        assert Pair.objects.filter(mentor=mentor, status="active").count() <= mentor.capacity
    assert MentorRequest.objects.filter(mentor__user__email=persona_email("lead"),
                                        status="pending").exists()
    roulette = Programme.objects.get(kind="roulette")
    assert roulette.participants.count() >= 10


def test_the_personas_can_use_it(seeded):
    member, lead = Client(), Client()
    member.force_login(Participant.objects.get(programme=seeded,
                                               user__email=persona_email("member")).user)
    page = member.get(reverse("mentoring:mentors", args=[seeded.slug])).content.decode()
    assert "Why this score" in page
    lead_user = Participant.objects.get(programme=seeded, user__email=persona_email("lead")).user
    lead.force_login(lead_user)
    run = MatchRun.objects.get(programme=seeded, status=RunStatus.PENDING)
    assert lead.get(reverse("mentoring:run", args=[seeded.slug, run.pk])).status_code == 200
    assert "Mentoring requests to answer" in lead.get("/").content.decode()


def test_a_small_demo_seeds_too():
    seed_demo(members=12, seed=7)
    programme = Programme.objects.get(name="Next step mentoring")
    assert programme.participants.exists()

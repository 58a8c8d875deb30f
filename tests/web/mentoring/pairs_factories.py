"""Helpers for the pairs tests: programmes, sign-ups and pairs made through the models
and the real ``pair_start`` service (the programmes helper owns sign-up services)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from upward.web.demo.factories import person
from upward.web.mentoring.models import PairSource, Participant, Programme, Side
from upward.web.mentoring.services.pairs import pair_start

_numbers = itertools.count(1)

EXPLANATION = [["goals", "Same goal: First promotion", 30],
               ["lived_experience", "Lived experience: Care experience", 25],
               ["bookmarked", "Bookmarked by the mentee", 15], ["location", "Same location", 5]]


def programme(**fields) -> Programme:
    n = next(_numbers)
    fields.setdefault("name", f"Step up {n}")
    fields.setdefault("slug", f"step-up-{n}")
    return Programme.objects.create(**fields)


def sign_up(user, prog: Programme, side: str = Side.MENTEE, **fields) -> Participant:
    return Participant.objects.create(programme=prog, user=user, side=side, **fields)


def member(name: str | None = None, roles=("member",)):
    n = next(_numbers)
    return person(roles=list(roles), email=f"m{n}@northbridge.example",
                  display_name=name or f"Member {n}")


def make_pair(prog: Programme | None = None, *, mentee=None, mentor=None,
              started_days_ago: int = 0, explanation=EXPLANATION, **mentee_fields):
    """A pair started through ``pair_start`` between two new (or given) members."""
    prog = prog or programme()
    mentee = mentee or member()
    mentor = mentor or member()
    pair = pair_start(mentee=sign_up(mentee, prog, Side.MENTEE, **mentee_fields),
                      mentor=sign_up(mentor, prog, Side.MENTOR), source=PairSource.MATCHED,
                      score=sum(part[-1] for part in explanation), explanation=explanation)
    if started_days_ago:
        pair.started_at = timezone.now() - timedelta(days=started_days_ago)
        pair.save(update_fields=["started_at"])
    return pair

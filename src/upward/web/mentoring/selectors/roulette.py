"""Reads about coffee roulette: a member's own pairings, and a lead's view of the rounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.http import Http404

from upward.web.core.permissions import can
from upward.web.mentoring.models import (
    CoffeePairing,
    Kind,
    Participant,
    ParticipantStatus,
    Programme,
    RouletteRound,
)
from upward.web.mentoring.selectors.pairs import person_name


@dataclass(frozen=True)
class CoffeeView:
    month: date
    programme: str
    partners: list[str]


def coffee_pairings_for_member(*, viewer) -> list[CoffeeView]:
    """The viewer's pairing in the latest round of each roulette programme (if they were
    paired in it), naming their partner(s)."""
    if not viewer.is_authenticated or not can(viewer, "mentoring"):
        return []
    latest = {}
    for round_ in RouletteRound.objects.filter(pairings__people=viewer).select_related(
            "programme").order_by("-month"):
        latest.setdefault(round_.programme_id, round_)
    views = []
    for round_ in latest.values():
        if round_.programme.rounds.order_by("-month").first() != round_:
            continue  # not paired in the programme's latest round
        pairing = (CoffeePairing.objects.filter(round=round_, people=viewer)
                   .prefetch_related("people__profile").first())
        partners = [person_name(p) for p in pairing.people.all() if p.pk != viewer.pk]
        views.append(CoffeeView(round_.month, round_.programme.name, partners))
    return sorted(views, key=lambda v: (v.month, v.programme), reverse=True)


def roulette_programme_for_lead(*, viewer, slug: str) -> Programme:
    """A roulette programme for a lead who runs mentoring; 404 otherwise."""
    if not can(viewer, "run_mentoring"):
        raise Http404("No such programme.")
    programme = Programme.objects.filter(slug=slug, kind=Kind.ROULETTE).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def roulette_people(*, programme: Programme) -> QuerySet[Participant]:
    """Who takes part in a roulette programme's rounds: its active sign-ups, any side."""
    return programme.participants.filter(status=ParticipantStatus.ACTIVE, user__is_active=True)


def roulette_rounds(*, programme: Programme) -> QuerySet[RouletteRound]:
    """Rounds, newest first, with how many groups they made (no names: a lead runs the
    programme, the pairings are for the people in them)."""
    return programme.rounds.annotate(groups=Count("pairings", distinct=True),
                                     people=Count("pairings__people", distinct=True))

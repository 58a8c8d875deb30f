"""Writes about pairs: starting one (from a published run or an accepted request)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.urls import NoReverseMatch, reverse

from upward.web.core.notifications.services import notify
from upward.web.mentoring.models import MatchRun, Pair, PairSource, Participant


@transaction.atomic
def pair_start(*, mentee: Participant, mentor: Participant, source: str,
               run: MatchRun | None = None, score: int | None = None,
               explanation: Sequence[Sequence] = (), sender=None) -> Pair:
    """Start a pair and tell both people. ``sender`` is whoever caused it (the mentor
    who accepted a request; None for a published run)."""
    pair = Pair(programme=mentee.programme, mentee=mentee, mentor=mentor,
                source=PairSource(source), run=run, score=score,
                explanation=[list(part) for part in explanation])
    pair.full_clean()
    pair.save()
    url = _pair_url(pair)
    programme = mentee.programme.name
    notify(recipient=mentee.user, kind="mentoring_match", url=url, sender=sender,
           text=f"You have a mentor in {programme}: {_name(mentor)}.")
    notify(recipient=mentor.user, kind="mentoring_match", url=url,
           text=f"You are mentoring {_name(mentee)} in {programme}.")
    return pair


def _name(participant: Participant) -> str:
    profile = getattr(participant.user, "profile", None)
    return profile.display_name if profile is not None else "a colleague"


def _pair_url(pair: Pair) -> str:
    try:  # the pair's page (views/pairs.py)
        return reverse("mentoring:pair", args=[pair.pk])
    except NoReverseMatch:
        return ""

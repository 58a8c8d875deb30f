"""Reads about programmes and sign-ups, taking the viewer (404 for missing and
forbidden alike)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upward.web.core.permissions import can
from upward.web.mentoring.models import (
    Kind,
    Pair,
    PairStatus,
    Participant,
    ParticipantStatus,
    Programme,
    Side,
)


def programmes_open_to(*, viewer) -> QuerySet[Programme]:
    """Programmes a member may see and join: every programme that is not archived."""
    if not can(viewer, "mentoring"):
        return Programme.objects.none()
    return Programme.objects.filter(is_archived=False)


def programmes_for_lead(*, viewer) -> QuerySet[Programme]:
    if not can(viewer, "run_mentoring"):
        return Programme.objects.none()
    return Programme.objects.all()


def own_participations(*, viewer) -> QuerySet[Participant]:
    """The viewer's sign-ups to programmes that are not archived."""
    if not viewer.is_authenticated:
        return Participant.objects.none()
    return Participant.objects.filter(user=viewer, programme__is_archived=False) \
        .select_related("programme")


def programme_get_for_member(*, viewer, slug: str) -> Programme:
    programme = programmes_open_to(viewer=viewer).filter(slug=slug).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def programme_get_for_lead(*, viewer, slug: str) -> Programme:
    programme = programmes_for_lead(viewer=viewer).prefetch_related("questions") \
        .filter(slug=slug).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def own_participation(*, viewer, programme: Programme) -> Participant | None:
    """The viewer's own sign-up to ``programme`` (None if they have not signed up)."""
    return own_participations(viewer=viewer).filter(programme=programme) \
        .select_related("line_manager__profile").prefetch_related("avoid__profile").first()


def pool_sizes(*, viewer, programme: Programme) -> dict[str, int]:
    """How many take part, by side and status, and how many pairs are active (leads)."""
    if not can(viewer, "run_mentoring"):
        raise Http404("No such programme.")
    active = Q(status=ParticipantStatus.ACTIVE)
    counts = programme.participants.aggregate(
        mentees=Count("pk", filter=active & Q(side__in=[Side.MENTEE, Side.BOTH])),
        mentors=Count("pk", filter=active & Q(side__in=[Side.MENTOR, Side.BOTH])),
        paused=Count("pk", filter=Q(status=ParticipantStatus.PAUSED)),
        left=Count("pk", filter=Q(status=ParticipantStatus.LEFT)))
    counts["active_pairs"] = Pair.objects.filter(programme=programme,
                                                 status=PairStatus.ACTIVE).count()
    return counts


def signup_is_open(programme: Programme, *, today=None) -> bool:
    """Whether new people may sign up: not archived, and a cohort's sign-up date not past."""
    today = today or timezone.localdate()
    if programme.is_archived:
        return False
    return not (programme.kind == Kind.COHORT and programme.signup_closes_on is not None
                and today > programme.signup_closes_on)

"""Reads about programmes and sign-ups, taking the viewer."""

from __future__ import annotations

from django.db.models import QuerySet

from upward.web.core.permissions import can
from upward.web.mentoring.models import Participant, Programme


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
    if not viewer.is_authenticated:
        return Participant.objects.none()
    return Participant.objects.filter(user=viewer).select_related("programme")

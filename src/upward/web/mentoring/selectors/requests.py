"""Reads about mentoring requests: a person sees the requests they sent and received,
nobody else's (404 for the rest)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from upward.web.core.permissions import can
from upward.web.mentoring.models import MentorRequest, RequestStatus


def _visible(viewer) -> QuerySet[MentorRequest]:
    if not can(viewer, "mentoring"):
        return MentorRequest.objects.none()
    return MentorRequest.objects.select_related(
        "programme", "mentee__user__profile", "mentor__user__profile")


def requests_sent(*, viewer) -> QuerySet[MentorRequest]:
    return _visible(viewer).filter(mentee__user=viewer)


def requests_received(*, viewer) -> QuerySet[MentorRequest]:
    return _visible(viewer).filter(mentor__user=viewer)


def requests_waiting_for(*, viewer) -> QuerySet[MentorRequest]:
    """Requests the viewer, as a mentor, has not answered yet."""
    return requests_received(viewer=viewer).filter(status=RequestStatus.PENDING)


def request_get_for_mentee(*, viewer, request_id: int) -> MentorRequest:
    found = requests_sent(viewer=viewer).filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


def request_get_for_mentor(*, viewer, request_id: int) -> MentorRequest:
    found = requests_received(viewer=viewer).filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


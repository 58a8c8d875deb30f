"""Writes about mentoring requests: a mentee asks a suggested mentor; the mentor accepts
(a pair starts) or declines; the mentee may withdraw while it waits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import can
from upward.web.mentoring.candidates import (
    pair_explanation,
    remaining_capacity,
    stored_explanation,
)
from upward.web.mentoring.models import (
    Kind,
    MentorRequest,
    Pair,
    PairStatus,
    Participant,
    ParticipantStatus,
    Programme,
    RequestStatus,
)
from upward.web.mentoring.selectors.pairs import participant_name
from upward.web.mentoring.services.pairs import pair_start

NOT_FOUND = "Not found."



def _requests_url() -> str:
    return reverse("mentoring:requests")


def _check_allowed(mentee: Participant, mentor: Participant) -> None:
    """Hard rules (the same the matcher applies) and the mentor's room."""
    explanation = pair_explanation(mentee, mentor)
    if explanation.blocked:
        raise ApplicationError("You cannot ask this mentor in this programme.", status=409)
    if remaining_capacity(mentor) < 1:
        raise ApplicationError(f"{capfirst(participant_name(mentor))} has no room for another "
                               "mentee at the moment.", status=409)
    if Pair.objects.filter(mentee=mentee, status=PairStatus.ACTIVE).exists():
        raise ApplicationError("You already have a mentor in this programme.", status=409)


@transaction.atomic
def request_send(*, actor, programme: Programme, mentor_id: int,
                 message: str = "") -> MentorRequest:
    """Ask a mentor. Refused when the programme takes no requests, either side is not
    taking part, a hard rule forbids the pair, or the mentor has no room."""
    mentee = Participant.objects.filter(programme=programme, user=actor).first()
    mentor = Participant.objects.select_related("user__profile").filter(
        programme=programme, pk=mentor_id, status=ParticipantStatus.ACTIVE).first()
    if not can(actor, "mentoring") or programme.is_archived or mentor is None \
            or not mentor.is_mentor or mentor.user_id == actor.pk:
        raise ApplicationError(NOT_FOUND, status=404)
    if not programme.allow_requests or programme.kind == Kind.ROULETTE:
        raise ApplicationError("This programme matches people itself: you cannot ask a "
                               "mentor directly.", status=409)
    if mentee is None or not mentee.is_mentee or mentee.status != ParticipantStatus.ACTIVE:
        raise ApplicationError("Sign up as a mentee to ask a mentor.", status=409)
    if MentorRequest.objects.filter(mentee=mentee, mentor=mentor,
                                    status=RequestStatus.PENDING).exists():
        raise ApplicationError("You have already asked this mentor: wait for their answer.",
                               status=409)
    _check_allowed(mentee, mentor)
    request = MentorRequest(programme=programme, mentee=mentee, mentor=mentor,
                            message=(message or "").strip())
    try:
        request.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error), field="message") from error
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:  # the same request sent twice at once
        raise ApplicationError("You have already asked this mentor: wait for their answer.",
                               status=409) from error
    notify(recipient=mentor.user, kind="mentoring_request", url=_requests_url(), sender=actor,
           text=f"{capfirst(participant_name(mentee))} asked you to be their mentor in "
                f"{programme.name}.")
    return request


def _pending(request: MentorRequest) -> MentorRequest:
    locked = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.PENDING:
        raise ApplicationError("This request has already been answered or withdrawn.",
                               status=409)
    return locked


@transaction.atomic
def request_withdraw(*, actor, request: MentorRequest) -> MentorRequest:
    if request.mentee.user_id != actor.pk:
        raise ApplicationError(NOT_FOUND, status=404)
    request = _pending(request)
    request.status = RequestStatus.WITHDRAWN
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    return request


@transaction.atomic
def request_accept(*, actor, request: MentorRequest) -> Pair:
    """The mentor says yes: a pair starts (if the rules and their room still allow it)."""
    if request.mentor.user_id != actor.pk:
        raise ApplicationError(NOT_FOUND, status=404)
    request = _pending(request)
    mentee = Participant.objects.select_for_update().get(pk=request.mentee_id)
    mentor = Participant.objects.select_for_update().get(pk=request.mentor_id)
    if mentee.status != ParticipantStatus.ACTIVE:
        raise ApplicationError("This mentee is no longer taking part in the programme.",
                               status=409)
    if remaining_capacity(mentor) < 1:
        raise ApplicationError(
            f"You already mentor as many people as you said you would ({mentor.capacity}). "
            "Change your sign-up to take more, or decline.", status=409)
    _check_allowed(mentee, mentor)
    explanation = pair_explanation(mentee, mentor)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    pair = pair_start(mentee=mentee, mentor=mentor, source="requested", score=explanation.total,
                      explanation=stored_explanation(explanation),
                      sender=actor)
    notify(recipient=mentee.user, kind="mentoring_answer", url=_requests_url(), sender=actor,
           text=f"{capfirst(participant_name(mentor))} accepted your request to be your mentor.")
    return pair


@transaction.atomic
def request_decline(*, actor, request: MentorRequest, reason: str = "") -> MentorRequest:
    if request.mentor.user_id != actor.pk:
        raise ApplicationError(NOT_FOUND, status=404)
    request = _pending(request)
    request.status = RequestStatus.DECLINED
    request.answer = (reason or "").strip()
    request.answered_at = timezone.now()
    try:
        request.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error), field="reason") from error
    request.save(update_fields=["status", "answer", "answered_at"])
    notify(recipient=request.mentee.user, kind="mentoring_answer", url=_requests_url(),
           sender=actor, text=f"{capfirst(participant_name(request.mentor))} cannot be your "
                                "mentor at the moment.")
    return request

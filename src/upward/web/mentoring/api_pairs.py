"""API for pairs under /api/v1/mentoring/: a member's own pairs (the same selectors and
services as the pages, so another person's pair is a 404 here too) and a lead's
aggregate health of a programme (suppressed tables only)."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

try:  # django-ninja ≥ 1.5 wants an explicit Status for non-200 answers
    from ninja import Status
except ImportError:  # pragma: no cover - older django-ninja takes a (status, body) tuple
    def Status(status_code, value):  # noqa: N802
        return status_code, value

from upward.web.mentoring.models import MAX_NOTES, MAX_TEXT, EndReason, Outcome
from upward.web.mentoring.selectors import health as health_selectors
from upward.web.mentoring.selectors import pairs as selectors
from upward.web.mentoring.services import pairs as services

router = Router(tags=["mentoring"])


class ReasonOut(Schema):
    reason: str
    points: int


class NextMeetingOut(Schema):
    at: datetime
    place: str
    ics: str


class GoalOut(Schema):
    id: int
    text: str
    done_at: datetime | None


class MeetingOut(Schema):
    id: int
    held_on: date
    minutes: int | None
    notes: str
    logged_by_you: bool


class PairOut(Schema):
    id: int
    programme: str
    your_side: str
    partner: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    next_meeting: NextMeetingOut | None
    url: str


class PairDetailOut(PairOut):
    why_matched: list[ReasonOut]
    goals: list[GoalOut]
    meetings: list[MeetingOut]
    feedback_open: bool
    feedback_given: bool


def _pair(view: selectors.PairView) -> dict:
    pair = view.pair
    next_meeting = None if pair.next_meeting_at is None else {
        "at": pair.next_meeting_at, "place": pair.next_meeting_place,
        "ics": reverse("mentoring:pair_next_meeting_ics", args=[pair.pk])}
    return {"id": pair.pk, "programme": pair.programme.name, "your_side": view.side,
            "partner": view.partner_name, "status": pair.status,
            "started_at": pair.started_at, "ended_at": pair.ended_at,
            "next_meeting": next_meeting, "url": reverse("mentoring:pair", args=[pair.pk])}


def _meeting(meeting, viewer) -> dict:
    return {"id": meeting.pk, "held_on": meeting.held_on, "minutes": meeting.minutes,
            "notes": meeting.notes, "logged_by_you": meeting.logged_by_id == viewer.pk}


def _detail(viewer, pk: int) -> dict:
    pair = selectors.pair_for_member(viewer=viewer, pk=pk)
    view = selectors.pair_view(viewer=viewer, pair=pair)
    return {
        **_pair(view),
        "why_matched": [{"reason": label, "points": points} for label, points in view.reasons],
        "goals": [{"id": g.pk, "text": g.text, "done_at": g.done_at}
                  for g in selectors.pair_goals(pair=pair)],
        "meetings": [_meeting(m, viewer) for m in selectors.pair_meetings(pair=pair)],
        "feedback_open": selectors.feedback_open(pair=pair),
        "feedback_given": selectors.feedback_own(viewer=viewer, pair=pair) is not None,
    }


@router.get("/mentoring/pairs", response=list[PairOut], summary="Your mentoring pairs")
def pair_list(request, include_ended: bool = False):
    """Your active pairs (and, with ``include_ended=true``, your ended ones after them)."""
    views = selectors.pair_views_for_member(viewer=request.auth)
    if include_ended:
        views += [selectors.pair_view(viewer=request.auth, pair=p)
                  for p in selectors.pairs_past_for_member(viewer=request.auth)]
    return [_pair(v) for v in views]


@router.get("/mentoring/pairs/{pair_id}", response=PairDetailOut, summary="One of your pairs")
def pair_read(request, pair_id: int):
    return _detail(request.auth, pair_id)


class MeetingIn(Schema):
    held_on: date
    minutes: int | None = Field(None, ge=1, le=600)
    notes: str = Field("", max_length=MAX_NOTES)


@router.post("/mentoring/pairs/{pair_id}/meetings", response={201: MeetingOut},
             summary="Log a meeting")
def meeting_create(request, pair_id: int, payload: MeetingIn):
    meeting = services.meeting_log(actor=request.auth, pair_id=pair_id, **payload.dict())
    return Status(201, _meeting(meeting, request.auth))


class GoalIn(Schema):
    text: str = Field(..., min_length=1, max_length=200)


@router.post("/mentoring/pairs/{pair_id}/goals", response={201: GoalOut},
             summary="Add an agreed goal")
def goal_create(request, pair_id: int, payload: GoalIn):
    goal = services.pair_goal_add(actor=request.auth, pair_id=pair_id, text=payload.text)
    return Status(201, {"id": goal.pk, "text": goal.text, "done_at": goal.done_at})


class EndIn(Schema):
    reason: EndReason
    rematch_wanted: bool = False


@router.post("/mentoring/pairs/{pair_id}/end", response=PairDetailOut, summary="End a pair")
def pair_end(request, pair_id: int, payload: EndIn):
    """End the pair (either side). The other person is told it ended, never why."""
    services.pair_end(actor=request.auth, pair_id=pair_id, reason=payload.reason.value,
                      rematch_wanted=payload.rematch_wanted, request=request)
    return _detail(request.auth, pair_id)


class FeedbackIn(Schema):
    satisfaction: int = Field(..., ge=1, le=5)
    outcomes: list[Outcome] = []
    comments: str = Field("", max_length=MAX_TEXT)


class FeedbackOut(Schema):
    satisfaction: int
    outcomes: list[str]
    comments: str


@router.post("/mentoring/pairs/{pair_id}/feedback", response=FeedbackOut,
             summary="Give your end-of-cycle feedback")
def feedback_give(request, pair_id: int, payload: FeedbackIn):
    """Comments are yours alone; leads see satisfaction and outcomes only as totals."""
    given = services.feedback_give(actor=request.auth, pair_id=pair_id,
                                   satisfaction=payload.satisfaction,
                                   outcomes=[o.value for o in payload.outcomes],
                                   comments=payload.comments)
    return {"satisfaction": given.satisfaction, "outcomes": given.outcomes,
            "comments": given.comments}


class HealthTableOut(Schema):
    key: str
    caption: str
    header: list[str]
    rows: list[list[str]]


class HealthOut(Schema):
    programme: str
    k: int
    tables: list[HealthTableOut]
    note: str


@router.get("/mentoring/programmes/{slug}/health", response=HealthOut,
            summary="A programme's aggregate health (leads)")
def programme_health(request, slug: str):
    """Counts of pairs and feedback after disclosure control: a count below ``k`` reads
    "fewer than k", and others are "suppressed" where a small one could be worked out."""
    health = health_selectors.programme_health(viewer=request.auth, slug=slug)
    return {"programme": health.programme.name, "k": health.k,
            "tables": [t.to_dict() for t in health.tables], "note": health.promotions_note}

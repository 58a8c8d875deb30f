"""Reads about pairs, taking the viewer. A pair's space (goals, meetings and their notes,
next meeting, feedback) is for its two people only: everyone else, leads and
administrators included, gets a 404 as if it did not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upward.web.core.permissions import can
from upward.web.mentoring.candidates import OTHERS_HINT, parts_for
from upward.web.mentoring.models import (
    Feedback,
    Meeting,
    Pair,
    PairGoal,
    PairStatus,
    Participant,
    Side,
)


def _own(viewer) -> Q:
    return Q(mentee__user=viewer) | Q(mentor__user=viewer)


def _pairs_of(viewer) -> QuerySet[Pair]:
    if not viewer.is_authenticated or not can(viewer, "mentoring"):
        return Pair.objects.none()
    return (Pair.objects.filter(_own(viewer))
            .select_related("programme", "mentee__user__profile", "mentor__user__profile"))


def pairs_for_member(*, viewer) -> QuerySet[Pair]:
    """The viewer's active pairs (as mentor or mentee), soonest next meeting first."""
    return _pairs_of(viewer).filter(status=PairStatus.ACTIVE).order_by(
        F("next_meeting_at").asc(nulls_last=True), "-started_at", "-pk")


def pairs_past_for_member(*, viewer) -> QuerySet[Pair]:
    """The viewer's ended pairs, most recently ended first."""
    return _pairs_of(viewer).filter(status=PairStatus.ENDED).order_by("-ended_at", "-pk")


def pair_for_member(*, viewer, pk: int) -> Pair:
    """One of the viewer's pairs (active or ended); 404 for anyone else's or a missing one."""
    pair = _pairs_of(viewer).filter(pk=pk).first()
    if pair is None:
        raise Http404("No such pair.")
    return pair


@dataclass(frozen=True)
class PairView:
    """A pair as one of its people sees it."""

    pair: Pair
    side: str  # the viewer's side in this pair: Side.MENTEE or Side.MENTOR
    partner: Participant | None  # the other person's sign-up; None once they left Upward

    @property
    def partner_name(self) -> str:
        return participant_name(self.partner)

    @property
    def partner_left(self) -> bool:
        """The other person deleted their account: they show as "a former member"."""
        return self.partner is None

    @property
    def is_mentee(self) -> bool:
        return self.side == Side.MENTEE

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """Why they were matched (the stored explanation). The mentor is not shown the
        parts of the mentee's private criteria (the lived experience they asked for,
        their bookmark), nor any score that includes them."""
        return parts_for(self.pair.explanation, mentee=self.is_mentee)

    others_hint = OTHERS_HINT


def person_name(user) -> str:
    """The name a person shows on their profile ("a colleague" if they have none)."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None and profile.display_name else "a colleague"


#: How a pair, request or pairing shows someone who deleted their account (no name, no link).
FORMER_MEMBER = "a former member"


def participant_name(participant: Participant | None) -> str:
    """A sign-up's person by name; "a former member" for a side whose person deleted
    their account (the pair keeps that side empty)."""
    return FORMER_MEMBER if participant is None else person_name(participant.user)


def side_user_id(participant: Participant | None) -> int | None:
    """The person behind one side of a pair, or None once they deleted their account."""
    return None if participant is None else participant.user_id


def pair_view(*, viewer, pair: Pair) -> PairView:
    """How ``viewer`` (one of the pair) sees ``pair``. A person mentoring themself cannot
    happen (matching never pairs a person with themself); the mentee side wins if it did.
    The other side is None when that person deleted their account."""
    if viewer.pk is not None and side_user_id(pair.mentee) == viewer.pk:
        return PairView(pair, Side.MENTEE, pair.mentor)
    if viewer.pk is not None and side_user_id(pair.mentor) == viewer.pk:
        return PairView(pair, Side.MENTOR, pair.mentee)
    raise Http404("No such pair.")


def pair_views_for_member(*, viewer) -> list[PairView]:
    return [pair_view(viewer=viewer, pair=p) for p in pairs_for_member(viewer=viewer)]


def pair_goals(*, pair: Pair) -> QuerySet[PairGoal]:
    """The goals of a pair already fetched for one of its people."""
    return pair.goals.all()


def pair_meetings(*, pair: Pair) -> QuerySet[Meeting]:
    """The meeting log (notes included) of a pair already fetched for one of its people."""
    return pair.meetings.select_related("logged_by__profile")


def meeting_for_author(*, viewer, pk: int, meeting_id: int) -> Meeting:
    """A meeting of one of the viewer's pairs that the viewer logged (only its author
    edits or deletes it); 404 otherwise."""
    pair = pair_for_member(viewer=viewer, pk=pk)
    meeting = pair.meetings.filter(pk=meeting_id, logged_by=viewer).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def goal_for_member(*, viewer, pk: int, goal_id: int) -> PairGoal:
    pair = pair_for_member(viewer=viewer, pk=pk)
    goal = pair.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404("No such goal.")
    return goal


def feedback_own(*, viewer, pair: Pair) -> Feedback | None:
    """The viewer's own feedback on one of their pairs (nobody sees another's)."""
    return pair.feedback.filter(author=viewer).first()


def pair_at_risk(pair: Pair, *, now, last_held) -> bool:
    """An active pair that has not met for its programme's ``nudge_after_weeks``: started
    before then, nothing logged since, and no meeting set ahead. ``last_held`` is the
    date of its latest logged meeting (None if none)."""
    weeks = pair.programme.nudge_after_weeks
    if pair.status != PairStatus.ACTIVE or not weeks:
        return False
    since = now - timedelta(weeks=weeks)
    if pair.started_at > since or (pair.next_meeting_at and pair.next_meeting_at > now):
        return False
    return last_held is None or last_held < timezone.localdate(since)


def feedback_open(*, pair: Pair, today=None) -> bool:
    """Whether feedback is asked for: the pair ended, or its programme's end date passed."""
    today = today or timezone.localdate()
    ends_on = pair.programme.ends_on
    return pair.status == PairStatus.ENDED or (ends_on is not None and ends_on <= today)

"""Writes about pairs: starting one (from a published run or an accepted request), the
pair's own space (goals, meetings, next meeting), ending it, end-of-cycle feedback, and
the periodic nudges, reminders and requests for feedback.

Only the pair's two people change anything in it: every service fetches the pair for
the actor and answers 404 for anyone else, leads and administrators included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import can
from upward.web.mentoring.models import (
    MAX_NOTES,
    MAX_TEXT,
    EndReason,
    Feedback,
    MatchRun,
    Meeting,
    Outcome,
    Pair,
    PairGoal,
    PairSource,
    PairStatus,
    Participant,
    ParticipantStatus,
    Side,
)
from upward.web.mentoring.selectors.pairs import (
    feedback_open,
    pair_at_risk,
    participant_name,
    side_user_id,
)

NOT_FOUND = "Not found."


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
           text=f"You have a mentor in {programme}: {participant_name(mentor)}.")
    notify(recipient=mentor.user, kind="mentoring_match", url=url,
           text=f"You are mentoring {participant_name(mentee)} in {programme}.")
    return pair


def _pair_url(pair: Pair) -> str:
    return reverse("mentoring:pair", args=[pair.pk])


# --- the pair's space -----------------------------------------------------------------------


def _pair_of(actor, pair_id: int, *, active: bool = True) -> Pair:
    """The actor's pair, locked for the change; 404 for anyone else's (or a missing one)."""
    if actor is None or not actor.is_authenticated or not can(actor, "mentoring"):
        raise ApplicationError(NOT_FOUND, status=404)
    pair = (Pair.objects.select_for_update(of=("self",))
            .select_related("programme", "mentee__user__profile", "mentor__user__profile")
            .filter(Q(mentee__user=actor) | Q(mentor__user=actor), pk=pair_id).first())
    if pair is None:
        raise ApplicationError(NOT_FOUND, status=404)
    if active and pair.status != PairStatus.ACTIVE:
        raise ApplicationError("This pair has ended, so its space can no longer be changed.",
                               status=409)
    return pair


def _is_mentee(pair: Pair, actor) -> bool:
    return side_user_id(pair.mentee) == actor.pk


def _partner(pair: Pair, actor) -> Participant | None:
    """The other side's sign-up; None once that person deleted their account."""
    return pair.mentor if _is_mentee(pair, actor) else pair.mentee


def _own(pair: Pair, actor) -> Participant:
    return pair.mentee if _is_mentee(pair, actor) else pair.mentor


def _side(pair: Pair, actor) -> str:
    return Side.MENTEE if _is_mentee(pair, actor) else Side.MENTOR


def _tell_partner(pair: Pair, actor, **message) -> None:
    """Notify the other person, unless they deleted their account."""
    partner = _partner(pair, actor)
    if partner is not None:
        notify(recipient=partner.user, **message)


def _saved(obj, labels: dict[str, str] | None = None):
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error, labels)) from None
    obj.save()
    return obj


def _clean_text(text: str, *, field: str, name: str, limit: int,
                missing: str = "") -> str:
    """``text`` stripped; refused when too long, or empty if ``missing`` says what to do."""
    text = (text or "").strip()
    if missing and not text:
        raise ApplicationError(missing, field=field)
    if len(text) > limit:
        raise ApplicationError(f"{name} must be {limit:,} characters or fewer.", field=field)
    return text


@transaction.atomic
def pair_goal_add(*, actor, pair_id: int, text: str) -> PairGoal:
    pair = _pair_of(actor, pair_id)
    text = _clean_text(text, field="text", name="Goal", limit=200,
                       missing="Enter a goal.")
    return _saved(PairGoal(pair=pair, text=text, created_by=actor))


@transaction.atomic
def pair_goal_mark(*, actor, pair_id: int, goal_id: int, done: bool) -> PairGoal:
    """Mark a goal done (or not done again)."""
    pair = _pair_of(actor, pair_id)
    goal = pair.goals.filter(pk=goal_id).first()
    if goal is None:
        raise ApplicationError(NOT_FOUND, status=404)
    goal.done_at = (goal.done_at or timezone.now()) if done else None
    goal.save(update_fields=["done_at"])
    return goal


@transaction.atomic
def pair_goal_remove(*, actor, pair_id: int, goal_id: int) -> None:
    pair = _pair_of(actor, pair_id)
    if not pair.goals.filter(pk=goal_id).delete()[0]:
        raise ApplicationError(NOT_FOUND, status=404)


def _clean_meeting(held_on: date | None, minutes: int | None, notes: str) -> tuple:
    if held_on is None:
        raise ApplicationError("Enter the date of the meeting.", field="held_on")
    if held_on > timezone.localdate():
        raise ApplicationError("The date of the meeting must be today or in the past: set "
                               "future meetings as your next meeting.", field="held_on")
    if minutes is not None and not 1 <= minutes <= 600:
        raise ApplicationError("Minutes must be between 1 and 600.", field="minutes")
    notes = _clean_text(notes, field="notes", name="Notes", limit=MAX_NOTES)
    return held_on, minutes, notes


@transaction.atomic
def meeting_log(*, actor, pair_id: int, held_on: date | None, minutes: int | None = None,
                notes: str = "") -> Meeting:
    """Log a meeting the pair held. A next meeting on or before that day is taken to be
    this one and cleared."""
    pair = _pair_of(actor, pair_id)
    held_on, minutes, notes = _clean_meeting(held_on, minutes, notes)
    meeting = _saved(Meeting(pair=pair, held_on=held_on, minutes=minutes, notes=notes,
                             logged_by=actor))
    if pair.next_meeting_at is not None and \
            timezone.localdate(pair.next_meeting_at) <= held_on:
        pair.next_meeting_at, pair.next_meeting_place = None, ""
        pair.next_meeting_reminded_at = None
        pair.save(update_fields=["next_meeting_at", "next_meeting_place",
                                 "next_meeting_reminded_at"])
    return meeting


def _own_meeting(pair: Pair, actor, meeting_id: int) -> Meeting:
    meeting = pair.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise ApplicationError(NOT_FOUND, status=404)
    if meeting.logged_by_id != actor.pk:
        raise ApplicationError("Only the person who logged a meeting can change it.",
                               status=403)
    return meeting


@transaction.atomic
def meeting_update(*, actor, pair_id: int, meeting_id: int, held_on: date | None,
                   minutes: int | None = None, notes: str = "") -> Meeting:
    pair = _pair_of(actor, pair_id)
    meeting = _own_meeting(pair, actor, meeting_id)
    meeting.held_on, meeting.minutes, meeting.notes = _clean_meeting(held_on, minutes, notes)
    return _saved(meeting)


@transaction.atomic
def meeting_delete(*, actor, pair_id: int, meeting_id: int) -> None:
    pair = _pair_of(actor, pair_id)
    _own_meeting(pair, actor, meeting_id).delete()


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'j F Y')} at {local:%H:%M}"


@transaction.atomic
def next_meeting_set(*, actor, pair_id: int, at: datetime | None, place: str = "") -> Pair:
    """Set (or move) the pair's next meeting and tell the other person."""
    pair = _pair_of(actor, pair_id)
    if at is None:
        raise ApplicationError("Enter the date and time of the next meeting.", field="at")
    if at <= timezone.now():
        raise ApplicationError("The next meeting must be in the future.", field="at")
    place = _clean_text(place, field="place", name="Place", limit=200)
    pair.next_meeting_at, pair.next_meeting_place = at, place
    pair.next_meeting_reminded_at = None
    pair.save(update_fields=["next_meeting_at", "next_meeting_place",
                             "next_meeting_reminded_at"])
    where = f", {place}" if place else ""
    _tell_partner(pair, actor, kind="mentoring_meeting", sender=actor, url=_pair_url(pair),
                  text=f"{participant_name(_own(pair, actor))} set your next mentoring "
                       f"meeting: {_when(at)}{where}.")
    return pair


@transaction.atomic
def next_meeting_clear(*, actor, pair_id: int) -> Pair:
    pair = _pair_of(actor, pair_id)
    pair.next_meeting_at, pair.next_meeting_place = None, ""
    pair.next_meeting_reminded_at = None
    pair.save(update_fields=["next_meeting_at", "next_meeting_place",
                             "next_meeting_reminded_at"])
    return pair


# --- ending a pair and feedback ---------------------------------------------------------------


@transaction.atomic
def pair_end(*, actor, pair_id: int, reason: str, rematch_wanted: bool = False,
             request=None) -> Pair:
    """End a pair (either side may). It becomes a past pair, so matching never proposes
    the two again. The actor's own sign-up stays in the pool when they want a new match
    (``rematch_wanted``) and is paused otherwise; the other person's is left as it is.
    The other person is told that it ended, never why; both are asked for feedback."""
    pair = _pair_of(actor, pair_id)
    if reason not in EndReason.values:
        raise ApplicationError("Select why the pair is ending.", field="reason")
    now = timezone.now()
    pair.status, pair.ended_at, pair.ended_by = PairStatus.ENDED, now, actor
    pair.end_reason, pair.rematch_wanted = reason, bool(rematch_wanted)
    pair.next_meeting_at, pair.next_meeting_place = None, ""
    pair.feedback_asked_at = now
    _saved(pair)
    own = _own(pair, actor)
    wanted = ParticipantStatus.ACTIVE if rematch_wanted else ParticipantStatus.PAUSED
    if own.status != ParticipantStatus.LEFT and own.status != wanted:
        Participant.objects.filter(pk=own.pk).update(status=wanted)
    _tell_partner(pair, actor, kind="mentoring_ended", sender=actor, url=_pair_url(pair),
                  text=f"{participant_name(own)} ended your mentoring pair in "
                       f"{pair.programme.name}. Tell the programme how it went: your "
                       "feedback is shown to nobody.")
    audit_record(actor=actor, action="mentoring.pair_end", target=pair, request=request)
    return pair


@transaction.atomic
def feedback_give(*, actor, pair_id: int, satisfaction: int | None,
                  outcomes: Iterable[str] = (), comments: str = "") -> Feedback:
    """Give (or change) one's end-of-cycle feedback. Leads see satisfaction and outcomes
    only as suppressed aggregates; the comments are shown to their author only."""
    pair = _pair_of(actor, pair_id, active=False)
    if not feedback_open(pair=pair):
        raise ApplicationError("Feedback opens when the programme ends or the pair ends.",
                               status=409)
    if satisfaction is None or not 1 <= int(satisfaction) <= 5:
        raise ApplicationError("Select how satisfied you are, from 1 to 5.",
                               field="satisfaction")
    outcomes = list(dict.fromkeys(outcomes))
    unknown = [o for o in outcomes if o not in Outcome.values]
    if unknown:
        raise ApplicationError(f"Unknown outcome: {', '.join(unknown)}.", field="outcomes")
    comments = _clean_text(comments, field="comments", name="Comments", limit=MAX_TEXT)
    feedback = pair.feedback.filter(author=actor).first() or Feedback(pair=pair, author=actor)
    feedback.side = _side(pair, actor)
    feedback.satisfaction, feedback.outcomes, feedback.comments = \
        int(satisfaction), outcomes, comments
    return _saved(feedback)


# --- periodic: nudges, reminders, requests for feedback ----------------------------------------


def _notify_both(pair: Pair, kind: str, text_for) -> None:
    url = _pair_url(pair)
    for own, partner in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
        if own is not None and partner is not None:  # never a former member
            notify(recipient=own.user, kind=kind, url=url, text=text_for(partner))


def _active_pairs():
    """Active pairs with both people still here (a pair whose person deleted their
    account is ended by the eraser; this keeps the jobs safe if one slipped through)."""
    return Pair.objects.filter(status=PairStatus.ACTIVE, mentee__isnull=False,
                               mentor__isnull=False).select_related(
        "programme", "mentee__user__profile", "mentor__user__profile")


@transaction.atomic
def pairs_nudge_due(*, now: datetime) -> int:
    """Nudge both people of every active pair that has not met for its programme's
    ``nudge_after_weeks`` (nothing logged in that time and no meeting set), at most once
    in each such period. Safe to run twice: the claim is one conditional update."""
    nudged = 0
    pairs = _active_pairs().filter(programme__nudge_after_weeks__gt=0).annotate(
        last_held=Max("meetings__held_on"))
    for pair in pairs:
        since = now - timedelta(weeks=pair.programme.nudge_after_weeks)
        if not pair_at_risk(pair, now=now, last_held=pair.last_held):
            continue
        if pair.last_nudged_at is not None and pair.last_nudged_at > since:
            continue
        if not Pair.objects.filter(pk=pair.pk, last_nudged_at=pair.last_nudged_at).update(
                last_nudged_at=now):
            continue  # another run took it
        weeks = pair.programme.nudge_after_weeks
        _notify_both(pair, "mentoring_nudge", lambda partner, weeks=weeks: (
            f"You and {participant_name(partner)} have not met for {weeks} week"
            f"{'' if weeks == 1 else 's'}. Set a date for your next mentoring meeting."))
        nudged += 1
    return nudged


@transaction.atomic
def meetings_remind_due(*, now: datetime) -> int:
    """Remind both people of a next meeting within a day, once per meeting."""
    reminded = 0
    due = _active_pairs().filter(next_meeting_at__gt=now,
                                 next_meeting_at__lte=now + timedelta(days=1),
                                 next_meeting_reminded_at=None)
    for pair in due:
        if not Pair.objects.filter(pk=pair.pk, next_meeting_reminded_at=None,
                                   next_meeting_at=pair.next_meeting_at).update(
                next_meeting_reminded_at=now):
            continue
        where = f", {pair.next_meeting_place}" if pair.next_meeting_place else ""
        _notify_both(pair, "mentoring_meeting", lambda partner, p=pair, w=where: (
            f"Reminder: your mentoring meeting with {participant_name(partner)} is "
            f"{_when(p.next_meeting_at)}{w}."))
        reminded += 1
    return reminded


@transaction.atomic
def feedback_ask_due(*, now: datetime) -> int:
    """Ask both people of every active pair whose programme's end date has come for their
    end-of-cycle feedback, once (ended pairs were asked when they ended)."""
    asked = 0
    today = timezone.localdate(now)
    for pair in _active_pairs().filter(programme__ends_on__lte=today, feedback_asked_at=None):
        if not Pair.objects.filter(pk=pair.pk, feedback_asked_at=None).update(
                feedback_asked_at=now):
            continue
        _notify_both(pair, "mentoring_feedback", lambda partner, p=pair: (
            f"{p.programme.name} has ended: tell us how mentoring with "
            f"{participant_name(partner)} went. "
            "Your feedback is shown to nobody; leads see only totals."))
        asked += 1
    return asked

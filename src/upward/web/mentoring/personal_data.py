"""Mentoring's part of "download my data", and what deleting an account does to it.

The download holds everything the person chose at sign-up (including what only they
see: the lived experience they asked for, who they would rather not be matched with,
their line manager), their pairs as they see them (goals, every meeting and its notes —
the notes belong to the pair, so both people's are included — and the next meeting),
the feedback they wrote, their mentoring requests and their coffee pairings. A pair's
end reason is included only when they ended it themselves (the other person is never
told why).

Deleting the account erases the person's side and keeps the other person's: the pair
stays for their partner (ended, with the reason "one of us left", if it was active, and
the partner is told without being told who or why), with the partner's own goals, the
meetings they logged (notes included) and their own feedback; the deleted person shows
there as "a former member", with no name and no link. What goes is the deleted
person's: the meetings they logged (and their notes), the goals they added, their
feedback, their sign-ups (the pair keeps an empty side, ``Pair.mentee``/``Pair.mentor``
set to None) and with them their requests, bookmarks, dismissals and proposed matches (a pending
run's totals are brought up to date).
The pair's stored "why you were matched" is cleared too, since it was worked out from
both people's sign-up choices. A pair with nobody left in it is deleted. A coffee pairing
of two loses its meaning and is deleted; a group of three keeps the other two.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts.services import ACCOUNT_ERASERS, personal_data_section
from upward.web.core.notifications.services import notify
from upward.web.mentoring.models import (
    CoffeePairing,
    EndReason,
    Feedback,
    MentorRequest,
    Pair,
    PairStatus,
    Participant,
)
from upward.web.mentoring.selectors.pairs import pair_view, participant_name, person_name
from upward.web.mentoring.services.matching import runs_forget_person


def _when(value):
    return value.isoformat() if value else None


def _sign_up(p: Participant) -> dict:
    return {
        "programme": p.programme.name, "side": p.side, "status": p.status,
        "grade": p.grade, "function": p.function, "wanted_function": p.wanted_function,
        "team": p.team, "location": p.location, "goals": p.goals,
        "skills_offered": p.skills_offered, "skills_wanted": p.skills_wanted,
        "lived_experience_shown": p.lived_experience_shown,
        "lived_experience_wanted": p.lived_experience_wanted,
        "availability": p.availability, "answers": p.answers, "capacity": p.capacity,
        "about": p.about, "line_manager": person_name(p.line_manager) if p.line_manager else None,
        "not_to_be_matched_with": [person_name(u) for u in p.avoid.all()],
        "use_profile": p.use_profile,
        "bookmarked_mentors": [participant_name(b.mentor) for b in p.bookmarks.all()],
        "dismissed_mentors": [participant_name(d.mentor) for d in p.dismissals.all()],
        "signed_up_at": _when(p.created_at),
    }


def _pair(user, pair: Pair) -> dict:
    view = pair_view(viewer=user, pair=pair)
    own_ending = pair.ended_by_id == user.pk
    return {
        "programme": pair.programme.name, "your_side": view.side,
        "with": view.partner_name, "source": pair.source, "status": pair.status,
        "why_matched": [{"reason": label, "points": points} for label, points in view.reasons],
        "started_at": _when(pair.started_at), "ended_at": _when(pair.ended_at),
        "ended_by_you": own_ending if pair.ended_at else None,
        "end_reason": pair.end_reason if own_ending else None,
        "new_match_wanted": pair.rematch_wanted if own_ending else None,
        "next_meeting": {"at": _when(pair.next_meeting_at),
                         "place": pair.next_meeting_place} if pair.next_meeting_at else None,
        "goals": [{"text": g.text, "done_at": _when(g.done_at),
                   "added_by_you": g.created_by_id == user.pk} for g in pair.goals.all()],
        "meetings": [{"held_on": m.held_on.isoformat(), "minutes": m.minutes, "notes": m.notes,
                      "logged_by_you": m.logged_by_id == user.pk} for m in pair.meetings.all()],
    }


def _request(r: MentorRequest, *, made: bool) -> dict:
    return {"programme": r.programme.name,
            ("mentor" if made else "mentee"): participant_name(r.mentor if made else r.mentee),
            "message": r.message, "status": r.status, "answer": r.answer,
            "created_at": _when(r.created_at), "answered_at": _when(r.answered_at)}


@personal_data_section("mentoring")
def mentoring_section(user) -> dict:
    sign_ups = (Participant.objects.filter(user=user)
                .select_related("programme", "line_manager__profile")
                .prefetch_related("avoid__profile", "bookmarks__mentor__user__profile",
                                  "dismissals__mentor__user__profile"))
    pairs = (Pair.objects.filter(Q(mentee__user=user) | Q(mentor__user=user))
             .select_related("programme", "mentee__user__profile", "mentor__user__profile"))
    requests = MentorRequest.objects.select_related(
        "programme", "mentee__user__profile", "mentor__user__profile")
    return {
        "sign_ups": [_sign_up(p) for p in sign_ups],
        "pairs": [_pair(user, pair) for pair in pairs],
        "feedback_you_gave": [
            {"programme": f.pair.programme.name, "side": f.side,
             "satisfaction": f.satisfaction, "outcomes": f.outcomes, "comments": f.comments,
             "given_at": _when(f.created_at)}
            for f in Feedback.objects.filter(author=user).select_related("pair__programme")],
        "requests_you_made": [_request(r, made=True)
                              for r in requests.filter(mentee__user=user)],
        "requests_you_received": [_request(r, made=False)
                                  for r in requests.filter(mentor__user=user)],
        "coffee_pairings": [
            {"month": c.round.month.isoformat(), "programme": c.round.programme.name,
             "with": [person_name(p) for p in c.people.all() if p.pk != user.pk]}
            for c in CoffeePairing.objects.filter(people=user)
            .select_related("round__programme").prefetch_related("people__profile")],
    }


def erase_mentoring_data(user) -> None:
    """Erase ``user``'s side of mentoring and keep everyone else's (see the module's
    docstring). Runs before the account is deleted, inside ``account_delete``'s
    transaction."""
    now = timezone.now()
    pairs = (Pair.objects.select_for_update(of=("self",))
             .filter(Q(mentee__user=user) | Q(mentor__user=user))
             .select_related("programme", "mentee__user", "mentor__user"))
    for pair in pairs:
        leaving_as_mentee = pair.mentee is not None and pair.mentee.user_id == user.pk
        partner = pair.mentor if leaving_as_mentee else pair.mentee
        if partner is None or partner.user_id == user.pk:
            pair.delete()  # nobody else is left in it
            continue
        pair.meetings.filter(logged_by=user).delete()
        pair.goals.filter(created_by=user).delete()
        pair.explanation = []
        if pair.status == PairStatus.ACTIVE:
            pair.status, pair.ended_at, pair.end_reason = PairStatus.ENDED, now, EndReason.LEFT
            pair.rematch_wanted = False
            pair.next_meeting_at, pair.next_meeting_place = None, ""
            pair.feedback_asked_at = now
            notify(recipient=partner.user, kind="mentoring_ended", url=_pair_url(pair),
                   text=f"Your mentoring pair in {pair.programme.name} has ended: the other "
                        "person left Upward. Your goals, meetings and notes are still on the "
                        "pair's page. Tell the programme how it went: your feedback is "
                        "shown to nobody.")
        if pair.ended_by_id == user.pk:
            pair.ended_by = None
        pair.full_clean()
        pair.save()
    Feedback.objects.filter(author=user).delete()
    for pairing in CoffeePairing.objects.filter(people=user):
        if pairing.people.count() <= 2:
            pairing.delete()
        else:
            pairing.people.remove(user)
    runs_forget_person(user=user)
    # Their sign-ups, and with them (database cascade) their requests, bookmarks,
    # dismissals and proposed matches; their pairs keep an empty side (SET_NULL).
    Participant.objects.filter(user=user).delete()


def _pair_url(pair: Pair) -> str:
    return reverse("mentoring:pair", args=[pair.pk])


if erase_mentoring_data not in ACCOUNT_ERASERS:
    ACCOUNT_ERASERS.append(erase_mentoring_data)

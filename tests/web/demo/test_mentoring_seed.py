"""The demo's mentoring follows the app's own rules and gives every demo step something to show.

The demo is seeded once for the module; the mentoring part is then removed and seeded
again, to show it is deterministic and that seeding it queues and sends nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from upward.matching import explain
from upward.web.core.notifications.models import Notification
from upward.web.demo.mentoring_seed import (
    CAREER_CONVERSATIONS,
    COFFEE_ROULETTE,
    Matcher,
    seed_mentoring,
)
from upward.web.demo.seed import seed_demo
from upward.web.mentoring.candidates import (
    full_score,
    parts_for,
    stored_explanation,
)
from upward.web.mentoring.models import (
    DEFAULT_LIVED_EXPERIENCE,
    Bookmark,
    CoffeePairing,
    Dismissal,
    Feedback,
    Kind,
    MatchRun,
    Meeting,
    MentorRequest,
    Pair,
    PairGoal,
    PairSource,
    PairStatus,
    Participant,
    Programme,
    ProposedMatch,
    RequestStatus,
    RouletteRound,
    RunStatus,
)

MEMBER = "member@northbridge.example"


def _fingerprint() -> list:
    signups = Participant.objects.order_by("programme__slug", "user__email").values_list(
        "programme__slug", "user__email", "side", "grade", "goals", "skills_offered",
        "skills_wanted", "lived_experience_shown", "capacity", "line_manager__email")
    matches = ProposedMatch.objects.order_by("run__programme__slug", "mentee__user__email"
                                             ).values_list(
        "run__programme__slug", "mentee__user__email", "mentor__user__email", "score",
        "explanation")
    meetings = Meeting.objects.order_by(
        "pair__programme__slug", "pair__mentee__user__email", "pair__mentor__user__email",
        "held_on").values_list("pair__mentee__user__email", "held_on", "minutes", "notes")
    return [list(signups), list(matches), list(meetings),
            sorted(_coffee()),
            sorted(MentorRequest.objects.values_list("mentee__user__email",
                                                     "mentor__user__email", "status"))]


def _coffee() -> list[tuple]:
    return [(str(p.round.month), tuple(sorted(u.email for u in p.people.all())))
            for p in CoffeePairing.objects.select_related("round").prefetch_related("people")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_demo(members=300)
            first = _fingerprint()
            Programme.objects.all().delete()  # every mentoring row hangs off a programme
            notifications = Notification.objects.count()
            mail.outbox = []
            started = time.perf_counter()
            with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
                seed_mentoring(seed=2026)
            yield {"first_run": first, "seconds": time.perf_counter() - started,
                   "callbacks": callbacks, "notifications_before": notifications}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def data(seeded, db):
    return seeded


def _cohort() -> Programme:
    return Programme.objects.get(kind=Kind.COHORT, is_archived=False)


def test_seeding_is_deterministic_quiet_and_quick(data):
    assert _fingerprint() == data["first_run"]
    assert data["callbacks"] == []  # nothing queued to run after the commit
    assert mail.outbox == []
    assert Notification.objects.count() == data["notifications_before"]
    assert not Notification.objects.filter(kind__startswith="mentoring").exists()
    assert data["seconds"] < 6  # about 1-2 s; generous for a busy machine


def test_the_four_programmes(data):
    assert Programme.objects.count() == 4
    cohort = _cohort()
    today = timezone.localdate()
    assert cohort.name.startswith("Next Step mentoring")
    assert today - timedelta(days=170) < cohort.starts_on < today - timedelta(days=130)
    assert today + timedelta(days=20) < cohort.ends_on < today + timedelta(days=40)
    assert len(cohort.skills) >= 20 and cohort.grades[0] == "Grade 1"
    assert Programme.objects.get(is_archived=True).pairs.exclude(status=PairStatus.ENDED) \
        .count() == 0
    sides = Counter(cohort.participants.values_list("side", flat=True))
    assert sides["mentor"] >= 25 and sides["mentee"] >= 35 and sides["both"] >= 3
    mentors = cohort.participants.filter(side__in=["mentor", "both"])
    assert set(mentors.values_list("capacity", flat=True)) == {1, 2, 3}
    assert mentors.exclude(lived_experience_shown=[]).exists()
    assert mentors.filter(lived_experience_shown=[]).exists()
    assert cohort.participants.exclude(lived_experience_wanted=[]).exists()
    assert cohort.participants.filter(line_manager__isnull=False).exists()
    assert cohort.participants.filter(avoid__isnull=False).exists()


def test_one_published_run_whose_explanations_add_up_to_the_scores(data):
    cohort = _cohort()
    run = cohort.runs.get()
    assert run.status == RunStatus.PUBLISHED and run.published_at <= timezone.now()
    matches = list(run.matches.select_related("mentee__programme", "mentor__programme"))
    assert len(matches) >= 30
    assert run.total_score == sum(m.score for m in matches)
    assert run.stats["greedy_total"] <= run.total_score <= run.stats["upper_bound"]
    assert run.stats["full_score"] == full_score(run.weights)
    assert run.stats["matched"] == len(matches) and run.stats["total"] == run.total_score
    assert {m.mentee_id for m in matches} <= set(run.stats["pool"])
    past = set(Pair.objects.exclude(programme=cohort).values_list("mentee__user_id",
                                                                   "mentor__user_id"))
    matcher = Matcher.for_programme(cohort, past_pairs=past)
    for match in matches:
        assert match.score == sum(points for _key, _label, points in match.explanation)
        assert all(points > 0 for _key, _label, points in match.explanation)
        # The stored words are the matching library's own for this pair.
        again = explain(matcher.mentee(match.mentee), matcher.mentor(match.mentor),
                        matcher.weights, matcher.rules)
        assert again.allowed
        assert stored_explanation(again) == match.explanation
    # Every published match became a pair with the same score and words.
    for match in matches:
        pair = Pair.objects.get(run=run, mentee=match.mentee, mentor=match.mentor)
        assert pair.source == PairSource.MATCHED
        assert (pair.score, pair.explanation) == (match.score, match.explanation)


def test_explanations_others_see_never_name_what_only_the_mentee_may_see(data):
    """The lived experience a mentee asked for and their bookmarks are seen by nobody
    else: the mentor, the pair's page and leads read these explanations as others do."""
    stored = [e for e in ProposedMatch.objects.values_list("explanation", flat=True)]
    stored += [e for e in Pair.objects.values_list("explanation", flat=True)]
    keys = {key for explanation in stored for key, _label, _points in explanation}
    assert "lived_experience" in keys  # there were such parts, kept for the mentee
    labels = [label for explanation in stored
              for label, _points in parts_for(explanation, mentee=False)]
    for label in labels:
        assert not label.startswith(("Lived experience", "Bookmarked")), label
        assert not any(tag.lower() in label.lower() for tag in DEFAULT_LIVED_EXPERIENCE), label
    wanted = Participant.objects.exclude(lived_experience_wanted=[])
    assert wanted.filter(pairs_as_mentee__isnull=False).exists()


def test_capacities_one_mentor_at_a_time_and_nobody_matched_with_their_manager(data):
    for programme in Programme.objects.exclude(kind=Kind.ROULETTE):
        pairs = list(programme.pairs.select_related("mentee", "mentor"))
        active = [p for p in pairs if p.status == PairStatus.ACTIVE]
        per_mentor = Counter(p.mentor_id for p in active)
        per_mentee = Counter(p.mentee_id for p in active)
        for pair in active:
            assert per_mentor[pair.mentor_id] <= pair.mentor.capacity
            assert per_mentee[pair.mentee_id] == 1
        for pair in pairs:
            assert pair.mentee.user_id != pair.mentor.user_id
            assert pair.mentee.line_manager_id != pair.mentor.user_id
            assert not pair.mentee.avoid.filter(pk=pair.mentor.user_id).exists()
            assert pair.mentee.is_mentee and pair.mentor.is_mentor
        for run in programme.runs.all():
            counts = Counter(run.matches.values_list("mentor_id", flat=True))
            for mentor in Participant.objects.filter(pk__in=counts):
                assert counts[mentor.pk] <= mentor.capacity
    # Nobody is paired again with last year's partner.
    last_year = set(Pair.objects.filter(programme__is_archived=True).values_list(
        "mentee__user_id", "mentor__user_id"))
    this_year = set(_cohort().pairs.values_list("mentee__user_id", "mentor__user_id"))
    assert last_year and not last_year & this_year


def test_history_is_in_the_past_and_only_next_meetings_are_ahead(data):
    now = timezone.now()
    stamps = {
        Programme: ["created_at"], Participant: ["created_at"], Bookmark: ["created_at"],
        Dismissal: ["created_at"], MatchRun: ["created_at", "published_at"],
        MentorRequest: ["created_at", "answered_at"], Pair: ["started_at", "ended_at"],
        PairGoal: ["created_at", "done_at"], Meeting: ["created_at"],
        Feedback: ["created_at"], RouletteRound: ["created_at"],
    }
    for model, fields in stamps.items():
        for field in fields:
            assert not model.objects.filter(**{f"{field}__gt": now}).exists(), (model, field)
    assert not Meeting.objects.filter(held_on__gte=now.date()).exists()
    assert not Pair.objects.filter(next_meeting_at__lte=now).exists()
    assert not Pair.objects.exclude(status=PairStatus.ACTIVE).filter(
        next_meeting_at__isnull=False).exists()
    # Feedback comes from the pair's own two people, once each, after it ended.
    for feedback in Feedback.objects.select_related("pair__mentee", "pair__mentor"):
        pair = feedback.pair
        side = pair.mentee if feedback.side == "mentee" else pair.mentor
        assert feedback.author_id == side.user_id
        assert pair.status == PairStatus.ENDED and feedback.created_at >= pair.ended_at


def test_the_member_persona_has_an_active_pair_with_history(data):
    cohort = _cohort()
    pair = Pair.objects.get(programme=cohort, mentee__user__email=MEMBER)
    now = timezone.now()
    assert pair.status == PairStatus.ACTIVE
    assert pair.next_meeting_at > now and pair.next_meeting_place
    meetings = list(pair.meetings.all())
    assert 2 <= len(meetings) <= 3 and all(m.held_on < now.date() for m in meetings)
    assert meetings[0].held_on > now.date() - timedelta(weeks=4)  # not at risk
    goals = list(pair.goals.all())
    assert len(goals) == 3 and goals[0].done_at and not goals[-1].done_at
    # Her mentor has one request waiting, from someone without a mentor.
    waiting = MentorRequest.objects.filter(mentor=pair.mentor, status=RequestStatus.PENDING)
    assert waiting.count() == 1
    assert not waiting.get().mentee.pairs_as_mentee.filter(status=PairStatus.ACTIVE).exists()
    # … and she is not signed up to the always-open programme, so she can sign up.
    assert not Participant.objects.filter(programme__name=CAREER_CONVERSATIONS,
                                          user__email=MEMBER).exists()


def test_the_cohort_has_history_endings_and_pairs_at_risk(data):
    cohort = _cohort()
    today = timezone.localdate()
    pairs = list(cohort.pairs.prefetch_related("meetings", "goals"))
    active = [p for p in pairs if p.status == PairStatus.ACTIVE]
    assert len(active) >= 30
    assert sum(p.meetings.count() for p in pairs) >= 100
    for pair in pairs:
        days = [m.held_on for m in pair.meetings.all()]
        assert all(pair.started_at.date() <= d <= today for d in days)
        if pair.ended_at:
            assert all(d <= pair.ended_at.date() for d in days)
    last_met = {p.pk: max((m.held_on for m in p.meetings.all()), default=None) for p in active}
    at_risk = [p for p in active if last_met[p.pk] < today - timedelta(weeks=6)]
    assert 2 <= len(at_risk) <= 4 and not [p for p in at_risk if p.next_meeting_at]
    assert sum(1 for p in active if p.next_meeting_at) >= 10
    ended = [p for p in pairs if p.status == PairStatus.ENDED]
    assert len(ended) >= 3 and all(p.end_reason and p.ended_at for p in ended)
    rematch = [p for p in ended if p.rematch_wanted]
    assert len(rematch) == 1
    # … and that mentee has a new mentor by an accepted request.
    again = Pair.objects.get(mentee=rematch[0].mentee, status=PairStatus.ACTIVE)
    assert again.source == PairSource.REQUESTED and again.mentor != rematch[0].mentor
    assert MentorRequest.objects.filter(mentee=again.mentee, mentor=again.mentor,
                                        status=RequestStatus.ACCEPTED).exists()
    assert any(g.done_at for p in pairs for g in p.goals.all())
    assert Feedback.objects.filter(pair__in=ended).exists()
    assert MentorRequest.objects.filter(programme=cohort, status=RequestStatus.PENDING) \
        .count() >= 2


def test_the_health_page_has_cells_to_publish_and_cells_to_suppress(data):
    """Leads' health tables publish counts of at least k and suppress the rest: this
    year's cohort shows its active and ended pairs but not why pairs ended or how many
    are at risk; last year's shows feedback from both sides."""
    k = 10
    cohort = _cohort()
    active = cohort.pairs.filter(status=PairStatus.ACTIVE)
    ended = cohort.pairs.filter(status=PairStatus.ENDED)
    assert active.count() >= k and ended.count() >= k
    reasons = Counter(ended.values_list("end_reason", flat=True))
    assert len(reasons) >= 3 and max(reasons.values()) < k
    bands = Counter("7+" if n >= 7 else "4-6" if n >= 4 else "2-3" if n >= 2 else str(n)
                    for n in (p.meetings.count() for p in cohort.pairs.all()))
    assert any(n >= k for n in bands.values()) and any(n < k for n in bands.values())
    past = Feedback.objects.filter(pair__programme__is_archived=True)
    assert past.filter(side="mentee").count() >= k and past.filter(side="mentor").count() >= k
    outcomes = Counter(o for row in past.values_list("outcomes", flat=True) for o in row)
    assert any(n >= k for n in outcomes.values()) and any(n < k for n in outcomes.values())


def test_the_open_programme_waits_for_the_lead_to_run_matching(data):
    programme = Programme.objects.get(name=CAREER_CONVERSATIONS)
    assert programme.kind == Kind.OPEN and programme.allow_requests
    assert not MatchRun.objects.filter(programme=programme).exists()
    assert not programme.pairs.exists()
    assert 35 <= programme.participants.count() <= 45
    assert programme.participants.filter(side__in=["mentor", "both"]).count() >= 10
    assert Bookmark.objects.filter(mentee__programme=programme).exists()
    assert Dismissal.objects.filter(mentee__programme=programme).exists()
    for row in [*Bookmark.objects.filter(mentee__programme=programme),
                *Dismissal.objects.filter(mentee__programme=programme)]:
        assert row.mentee.is_mentee and row.mentor.is_mentor
        assert row.mentor.programme_id == programme.pk
        assert row.mentee.user_id != row.mentor.user_id


def test_coffee_roulette_never_pairs_people_twice(data):
    programme = Programme.objects.get(name=COFFEE_ROULETTE)
    assert programme.kind == Kind.ROULETTE
    signed_up = set(programme.participants.values_list("user_id", flat=True))
    assert 25 <= len(signed_up) <= 35
    rounds = list(programme.rounds.order_by("month"))
    assert len(rounds) == 3 and all(r.month.day == 1 for r in rounds)
    assert rounds[-1].month < timezone.localdate().replace(day=1)
    met = Counter()
    for round_ in rounds:
        seen = Counter()
        for pairing in round_.pairings.all():
            people = list(pairing.people.values_list("pk", flat=True))
            assert len(people) in (2, 3) and set(people) <= signed_up
            seen.update(people)
            met.update(frozenset((a, b)) for a in people for b in people if a < b)
        assert max(seen.values()) == 1  # nobody in two pairings in one month
    assert met and max(met.values()) == 1

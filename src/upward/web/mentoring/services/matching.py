"""Writes about matching runs (network leads): run the matcher over a programme's pool,
adjust the pending matches by hand, publish them as pairs or discard them.

A run is PENDING until published: only leads see it. Publishing starts a pair for each
match through :func:`pair_start`; other pending runs of the programme are then stale
(their pool has changed) and are discarded, so only one run's matches become pairs.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from upward.matching import (
    assign_greedy,
    assign_optimal,
    assign_stable,
    explain,
    lp_upper_bound,
    score_matrix,
)
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import require_capability
from upward.web.mentoring import candidates
from upward.web.mentoring.models import (
    Kind,
    MatchRun,
    Mode,
    Pair,
    PairStatus,
    ParticipantStatus,
    Programme,
    ProposedMatch,
    RunStatus,
)
from upward.web.mentoring.services.pairs import pair_start


@transaction.atomic
def run_create(*, actor, programme: Programme, mode: str | None = None,
               weights: Mapping[str, int] | None = None, request=None) -> MatchRun:
    """Match the programme's pool now and hold the result as a pending run.

    ``weights`` override the programme's for this run only ("re-run with other
    weights"); the weights and rules used are stored with the run."""
    require_capability(actor, "run_mentoring", status=404)
    if programme.kind == Kind.ROULETTE:
        raise ApplicationError("A coffee roulette programme is drawn each month, not matched.",
                               status=409)
    mode = mode or programme.mode
    if mode not in Mode.values:
        raise ApplicationError("Choose how to match.", field="mode")
    if any(int(v) < 0 for v in (weights or {}).values()):
        raise ApplicationError("Weights must be 0 or more.", field="weights")
    used = candidates.programme_weights(programme, weights)
    pool = candidates.pool(programme)
    started = time.perf_counter()
    w = candidates.weights(used, programme)
    stats = {"mentees": len(pool.mentees), "mentors": len(pool.mentors),
             "places": sum(pool.capacities), "full_score": candidates.full_score(used),
             "pool": [p.pk for p in pool.mentees]}
    run = MatchRun(programme=programme, mode=mode, weights=used, created_by=actor,
                   rules=candidates.rules_summary(programme))
    pairs = []
    if pool.mentees and pool.mentors:
        scores = score_matrix(pool.mentee_candidates, pool.mentor_candidates, w, pool.rules)
        assign = assign_optimal if mode == Mode.OPTIMAL else assign_stable
        result = assign(scores, pool.capacities)
        pairs = list(result.pairs)
        greedy = assign_greedy(scores, pool.capacities)
        bound = float(lp_upper_bound(scores, pool.capacities))
        total = int(sum(int(scores.points[i, j]) for i, j in pairs))
        stats.update({"greedy_total": int(greedy.total), "upper_bound": round(bound, 1),
                      "gap_percent": round(100 * (bound - total) / bound, 2) if bound else 0.0,
                      "greedy_percent": round(100 * total / greedy.total, 1) if greedy.total
                      else None})
    else:
        total = 0
        stats.update({"greedy_total": 0, "upper_bound": 0.0, "gap_percent": 0.0})
    stats.update({"matched": len(pairs), "total": total,
                  "seconds": round(time.perf_counter() - started, 3)})
    run.total_score = total
    run.stats = stats
    run.full_clean()
    run.save()
    ProposedMatch.objects.bulk_create([
        _proposed(run, pool.mentees[i], pool.mentors[j],
                  explain(pool.mentee_candidates[i], pool.mentor_candidates[j], w, pool.rules))
        for i, j in pairs])
    # No total in the audit log: it includes points only the mentee may know about
    # (candidates.MENTEE_PRIVATE_CRITERIA), and administrators read the log.
    audit_record(actor=actor, action="mentoring.run", target=run, request=request,
                 detail={"mode": mode, "matched": len(pairs)})
    return run


def _proposed(run, mentee, mentor, explanation, *, adjusted=False) -> ProposedMatch:
    return ProposedMatch(run=run, mentee=mentee, mentor=mentor, score=int(explanation.total),
                         explanation=candidates.stored_explanation(explanation),
                         adjusted=adjusted)


def _pending_run(actor, run: MatchRun) -> MatchRun:
    require_capability(actor, "run_mentoring", status=404)
    locked = MatchRun.objects.select_for_update().get(pk=run.pk)
    if locked.status != RunStatus.PENDING:
        raise ApplicationError(f"This run is {locked.get_status_display().lower()}: it can no "
                               "longer be changed.", status=409)
    return locked


def _refresh_totals(run: MatchRun) -> None:
    scores = list(run.matches.values_list("score", flat=True))
    run.total_score = sum(scores)
    run.stats = {**run.stats, "matched": len(scores), "total": run.total_score}
    run.save(update_fields=["total_score", "stats"])


@transaction.atomic
def run_match_remove(*, actor, run: MatchRun, match_id: int, request=None) -> None:
    """Take one proposed match out of a pending run (the mentee becomes unmatched)."""
    run = _pending_run(actor, run)
    deleted, _ = run.matches.filter(pk=match_id).delete()
    if not deleted:
        raise ApplicationError("Not found.", status=404)
    _refresh_totals(run)
    audit_record(actor=actor, action="mentoring.run_adjust", target=run, request=request,
                 detail={"removed": match_id})


@transaction.atomic
def run_match_set(*, actor, run: MatchRun, mentee_id: int, mentor_id: int,
                  request=None) -> ProposedMatch:
    """Give a mentee in the run's pool this mentor by hand, checked against the hard
    rules and the mentor's room (their active pairs and their other matches in the run)."""
    run = _pending_run(actor, run)
    programme = run.programme
    active = candidates.with_details(programme.participants.filter(
        status=ParticipantStatus.ACTIVE))
    mentee = active.filter(pk=mentee_id).first()
    mentor = active.filter(pk=mentor_id).first()
    if mentee is None or not mentee.is_mentee or mentor is None or not mentor.is_mentor:
        raise ApplicationError("Choose a mentee and a mentor who are taking part.",
                               field="mentee")
    if Pair.objects.filter(mentee=mentee, status=PairStatus.ACTIVE).exists():
        raise ApplicationError("This mentee already has a mentor.", field="mentee")
    explanation = candidates.pair_explanation(mentee, mentor, run.weights)
    if explanation.blocked:
        raise ApplicationError("A rule of the programme does not allow this pair: "
                               + "; ".join(explanation.blocked) + ".", field="mentor")
    taken = run.matches.filter(mentor=mentor).exclude(mentee=mentee).count()
    if candidates.remaining_capacity(mentor) - taken < 1:
        raise ApplicationError("This mentor has no room left in this run.", field="mentor")
    run.matches.filter(mentee=mentee).delete()
    if mentee.pk not in run.stats.get("pool", []):
        run.stats = {**run.stats, "pool": [*run.stats.get("pool", []), mentee.pk]}
        run.save(update_fields=["stats"])
    match = _proposed(run, mentee, mentor, explanation, adjusted=True)
    match.save()
    _refresh_totals(run)
    audit_record(actor=actor, action="mentoring.run_adjust", target=run, request=request,
                 detail={"set": match.pk})
    return match


@transaction.atomic
def run_publish(*, actor, run: MatchRun, request=None) -> list[Pair]:
    """Start a pair for each match, tell everyone, and discard the programme's other
    pending runs. A match whose mentee found a mentor meanwhile, or whose mentor filled
    up, is left out (counted as ``skipped`` in the run's stats)."""
    run = _pending_run(actor, run)
    pairs, skipped = [], 0
    room: dict[int, int] = {}
    for match in run.matches.select_related("mentee__user__profile", "mentor__user__profile",
                                            "mentee__programme"):
        mentee, mentor = match.mentee, match.mentor
        if mentor.pk not in room:
            room[mentor.pk] = candidates.remaining_capacity(mentor)
        if (room[mentor.pk] < 1 or mentee.status != ParticipantStatus.ACTIVE
                or mentor.status != ParticipantStatus.ACTIVE
                or Pair.objects.filter(mentee=mentee, status=PairStatus.ACTIVE).exists()):
            skipped += 1
            continue
        room[mentor.pk] -= 1
        pairs.append(pair_start(mentee=mentee, mentor=mentor, source="matched", run=run,
                                score=match.score, explanation=match.explanation))
    run.status = RunStatus.PUBLISHED
    run.published_at = timezone.now()
    run.stats = {**run.stats, "published": len(pairs), "skipped": skipped}
    run.save(update_fields=["status", "published_at", "stats"])
    MatchRun.objects.filter(programme=run.programme, status=RunStatus.PENDING) \
        .update(status=RunStatus.DISCARDED)
    audit_record(actor=actor, action="mentoring.run_publish", target=run, request=request,
                 detail={"pairs": len(pairs), "skipped": skipped})
    return pairs


@transaction.atomic
def run_discard(*, actor, run: MatchRun, request=None) -> MatchRun:
    run = _pending_run(actor, run)
    run.status = RunStatus.DISCARDED
    run.save(update_fields=["status"])
    audit_record(actor=actor, action="mentoring.run_discard", target=run, request=request)
    return run



@transaction.atomic
def runs_forget_person(*, user) -> int:
    """``user`` is deleting their account: take their proposed matches out of pending runs
    and bring those runs' totals up to date, so the lead sees each run as it now stands.
    (Matches of published or discarded runs go with the sign-ups, by cascade.) Returns
    how many pending runs changed."""
    matches = ProposedMatch.objects.filter(run__status=RunStatus.PENDING).filter(
        Q(mentee__user=user) | Q(mentor__user=user))
    runs = list(MatchRun.objects.select_for_update().filter(pk__in=matches.values("run_id")))
    matches.delete()
    for run in runs:
        _refresh_totals(run)
    return len(runs)

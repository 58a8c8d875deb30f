"""Reads about matching runs, for network leads only (404 for everyone else: a pending
run's matches are seen by nobody until published). The quality spread goes through
disclosure control: who got a weak match is counted by grade and by function, never
listed by name in an aggregate."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.http import Http404

from upward.reports.disclosure import UnprotectableTable, suppress
from upward.reports.tables import Cell, Table, count_cells
from upward.web.core.permissions import can
from upward.web.insights.selectors import disclosure_threshold
from upward.web.mentoring import candidates
from upward.web.mentoring.models import (
    MatchRun,
    Participant,
    ParticipantStatus,
    Programme,
    ProposedMatch,
    RunStatus,
)

#: A match scoring below this share of a full score (every criterion met once) is weak.
WEAK_SHARE = 0.4
NOT_GIVEN = "Not given"
#: Said with every score a lead sees (see MatchRow).
OTHERS_HINT = candidates.OTHERS_HINT


def runs_for_programme(*, viewer, programme: Programme) -> QuerySet[MatchRun]:
    if not can(viewer, "run_mentoring"):
        return MatchRun.objects.none()
    return programme.runs.all()


def run_get_for_lead(*, viewer, programme: Programme, run_id: int) -> MatchRun:
    run = runs_for_programme(viewer=viewer, programme=programme).filter(pk=run_id).first()
    if run is None:
        raise Http404("No such matching run.")
    return run


def run_get_by_id_for_lead(*, viewer, run_id: int) -> MatchRun:
    if not can(viewer, "run_mentoring"):
        raise Http404("No such matching run.")
    run = MatchRun.objects.select_related("programme").filter(pk=run_id).first()
    if run is None:
        raise Http404("No such matching run.")
    return run


@dataclass(frozen=True)
class MatchRow:
    """A proposed match as a lead sees it: its score and parts as anyone but the mentee
    may see them (``candidates.parts_for``), so the mentee's private preferences (the
    lived experience they asked for, their bookmarks) and their points are left out."""

    match: ProposedMatch
    score: int
    explanation: list[tuple[str, int]]

    @property
    def pk(self) -> int:
        return self.match.pk

    @property
    def mentee(self) -> Participant:
        return self.match.mentee

    @property
    def mentor(self) -> Participant:
        return self.match.mentor

    @property
    def adjusted(self) -> bool:
        return self.match.adjusted


def run_matches(run: MatchRun) -> list[MatchRow]:
    """The run's proposed matches for a lead (the caller has fetched the run for one)."""
    matches = run.matches.select_related("mentee__user__profile", "mentor__user__profile")
    return [MatchRow(m, candidates.score_for(m.explanation, mentee=False),
                     candidates.parts_for(m.explanation, mentee=False)) for m in matches]


#: Run figures that add up full scores (the mentee's private preferences included): never
#: shown to a lead, who could take them from the visible scores (a run of one mentee, or
#: one left after removing the others by hand) and learn those preferences.
_FULL_SCORE_STATS = frozenset({"pool", "total", "greedy_total", "upper_bound"})


def run_stats_for_lead(run: MatchRun) -> dict:
    """The run's stats a lead may see: counts, times and ratios, no full-score totals."""
    return {k: v for k, v in run.stats.items() if k not in _FULL_SCORE_STATS}


def weights_used(run: MatchRun) -> list[tuple[str, int]]:
    """The points each criterion was worth in this run, worded as on the run form."""
    return [(label, int(run.weights.get(key, 0)))
            for key, label, _ in candidates.criteria(run.programme)]


def weak_threshold(run: MatchRun) -> float:
    return WEAK_SHARE * float(run.stats.get("full_score") or
                              candidates.full_score(run.weights))


def unmatched_mentees(run: MatchRun) -> list[Participant]:
    """Mentees of the run's pool without a match in it (names for the lead's working list)."""
    matched = set(run.matches.values_list("mentee_id", flat=True))
    pool = [pk for pk in run.stats.get("pool", []) if pk not in matched]
    return list(Participant.objects.filter(pk__in=pool).select_related("user__profile"))


def _choices(participants) -> list[tuple[int, str]]:
    return [(p.pk, p.user.profile.display_name) for p in participants.select_related(
        "user__profile").order_by("user__profile__display_name", "pk")]


def pool_mentee_choices(run: MatchRun) -> list[tuple[int, str]]:
    """(id, name) of the run's mentees, for setting a mentee's mentor by hand."""
    return _choices(run.programme.participants.filter(pk__in=run.stats.get("pool", [])))


def mentor_choices(run: MatchRun) -> list[tuple[int, str]]:
    """(id, name) of the programme's active mentors (the service checks their room)."""
    return _choices(run.programme.participants.filter(status=ParticipantStatus.ACTIVE,
                                                      side__in=candidates.MENTOR_SIDES))


@dataclass(frozen=True)
class RunSummary:
    """A run's counts for the lead, from the scores as others see them (see MatchRow)."""

    run: MatchRun
    matched: int
    unmatched: int
    weak: int
    total: int
    average: float


def run_summary(run: MatchRun) -> RunSummary:
    scores = [candidates.score_for(parts, mentee=False)
              for parts in run.matches.values_list("explanation", flat=True)]
    threshold = weak_threshold(run)
    pool = len(run.stats.get("pool", [])) or len(scores)
    return RunSummary(run=run, matched=len(scores), unmatched=pool - len(scores),
                      weak=sum(1 for s in scores if s < threshold), total=sum(scores),
                      average=round(sum(scores) / len(scores), 1) if scores else 0.0)


def runs_to_compare(*, viewer, run: MatchRun) -> list[RunSummary]:
    """This run and the programme's earlier runs, newest first (at most 5)."""
    runs = runs_for_programme(viewer=viewer, programme=run.programme) \
        .filter(created_at__lte=run.created_at).exclude(status=RunStatus.DISCARDED)[:5]
    summaries = [run_summary(r) for r in runs]
    if run.pk not in {s.run.pk for s in summaries}:
        summaries.insert(0, run_summary(run))
    return summaries


def _spread_table(*, table_id: str, title: str, heading: str, labels: list[str],
                  counts: np.ndarray, k: int) -> Table:
    keep = [i for i in range(len(labels)) if counts[i].sum() > 0]
    labels = [labels[i] for i in keep]
    counts = counts[keep] if keep else np.zeros((0, 2), dtype=int)
    columns = (heading, "Weak match or none", "Good match", "Total")
    notes = (f"Counts from 1 to {k - 1} are not shown, nor any count they could be worked "
             "out from.",)
    if not labels:
        return Table(id=table_id, title=title, description="Nobody is in this run's pool.",
                     columns=columns, kinds=("count",) * 3, rows=(), notes=notes)
    try:
        cells = count_cells(suppress(counts, k))
    except UnprotectableTable:
        withheld = tuple(Cell("not published") for _ in range(3))
        return Table(id=table_id, title=title, description="Too few people to show.",
                     columns=columns, kinds=("count",) * 3,
                     rows=tuple((label, withheld) for label in [*labels, "Total"]), notes=notes)
    rows = tuple((label, tuple(cells[3 * i:3 * i + 3]))
                 for i, label in enumerate([*labels, "Total"]))
    return Table(id=table_id, title=title,
                 description="Mentees in the pool, by whether their match is weak (below "
                             f"{int(WEAK_SHARE * 100)}% of a full score, every criterion met "
                             "once) or they have none.",
                 columns=columns, kinds=("count",) * 3, rows=rows, notes=notes)


def quality_spread(*, viewer, run: MatchRun) -> list[Table]:
    """Weak or missing matches by mentees' grade and by function, through disclosure
    control (k as the insights app publishes with)."""
    if not can(viewer, "run_mentoring"):
        raise Http404("No such matching run.")
    programme = run.programme
    threshold = weak_threshold(run)
    scores = dict(run.matches.values_list("mentee_id", "score"))
    pool = Participant.objects.filter(pk__in=run.stats.get("pool", [])) \
        .values_list("pk", "grade", "function")
    grades = [*programme.grades, NOT_GIVEN]
    functions = [*programme.functions, NOT_GIVEN]
    by_grade = np.zeros((len(grades), 2), dtype=int)
    by_function = np.zeros((len(functions), 2), dtype=int)
    for pk, grade, function in pool:
        good = int(pk in scores and scores[pk] >= threshold)
        by_grade[grades.index(grade) if grade in grades else -1, 1 - good] += 1
        by_function[functions.index(function) if function in functions else -1,
                    1 - good] += 1
    k = disclosure_threshold()  # the k every published aggregate uses
    return [
        _spread_table(table_id="weak_by_grade", title="Match quality by grade", heading="Grade",
                      labels=grades, counts=by_grade, k=k),
        _spread_table(table_id="weak_by_function", title="Match quality by function",
                      heading="Function", labels=functions, counts=by_function, k=k),
    ]

"""Reads for results and publishing: each panel's results through ``upward.judging``
(raw and normalised means side by side, ranks, ties, reliability, calibration), the
public results of a published cycle, and the entries a certificate may be made for.

Admin results show every judge's aggregate figures, so they are for awards
administrators only: no judge ever sees another judge's scores here. The public page
shows only finalists and winners who consented and did not withdraw, and only once the
cycle's results are published (404 before)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet
from django.http import Http404

from upward.judging import Criteria, Results, Scores, results
from upward.judging.reliability import Reliability
from upward.web.awards.models import (
    Assignment,
    Category,
    Consent,
    Cycle,
    Entry,
    EntryStatus,
    Outcome,
    Panel,
)
from upward.web.awards.selectors.entries import eligibility_checks, person_name
from upward.web.awards.selectors.judging import panel_scores
from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import can

#: The library's defaults, published with the results.
MIN_JUDGES = 3
MIN_ENTRIES_PER_JUDGE = 5


# --- the panel's scores ------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreTable:
    """A panel's scores as the judging library takes them (database ids, long form)."""

    entry_ids: list[int]
    judge_ids: list[int]
    criteria: list  # Criterion rows with a positive weight, in order
    rows: list[tuple[int, int, int, int]]  # (entry id, judge id, criterion id, value)
    recusals: list[tuple[int, int]]  # (judge id, entry id)
    lead_judge_id: int | None


def _panel_score_table(panel: Panel) -> ScoreTable:
    """The panel's scores from :func:`upward.web.awards.selectors.judging.panel_scores` (the
    one reading of which scores count: SUBMITTED assignments on entries that may be judged,
    without any (judge, entry) the judge declared a conflict with, criteria of weight 0
    left out), with the entries that have a submitted assignment and the judges who
    scored (and the lead judge, for calibration)."""
    scores = panel_scores(panel)
    by_pk = panel.category.criteria.in_bulk(scores.criteria)
    criteria = [by_pk[pk] for pk in scores.criteria]
    rows = list(zip(scores.entry_ids, scores.judge_ids, scores.criterion_ids,
                    [int(v) for v in scores.values], strict=True))
    entry_ids = sorted(set(Assignment.objects.filter(
        panel=panel, submitted_at__isnull=False, entry_id__in=scores.entries)
        .values_list("entry_id", flat=True)))
    judge_ids = sorted({j for _, j, _, _ in rows} | (
        {panel.lead_judge_id} if panel.lead_judge_id else set()))
    return ScoreTable(entry_ids, judge_ids, criteria, rows, list(scores.recusals),
                      panel.lead_judge_id)


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryResult:
    entry: Entry
    n_judges: int
    raw_mean: float | None
    raw_sd: float | None
    normalised_mean: float | None
    normalised_sd: float | None
    rank: int
    tied: bool


@dataclass(frozen=True)
class JudgeRow:
    name: str
    n_entries: int
    normalised: bool
    reason: str


@dataclass(frozen=True)
class CalibrationRow:
    name: str
    n_shared: int
    bias: float | None
    pearson: float | None
    spearman: float | None
    reason: str


@dataclass(frozen=True)
class PanelResults:
    panel: Panel
    figure: str  # "normalised" or "raw": what ranks are taken from
    rows: list[EntryResult]  # by rank; unscored entries last
    n_judges: int
    panel_reason: str  # why nobody was normalised, or ""
    judges: list[JudgeRow]
    reliability: Reliability | None
    reading: list[str]
    calibration: list[CalibrationRow]
    lead_name: str
    library: Results | None = field(default=None, repr=False)
    table_entry_ids: list[int] = field(default_factory=list)  # the library's entry order

    @property
    def normalised_anywhere(self) -> bool:
        return any(j.normalised for j in self.judges)

    def entry_ids(self) -> list[int]:
        return [r.entry.pk for r in self.rows]


def _num(value) -> float | None:
    return float(value) if value is not None and np.isfinite(value) else None


def reliability_reading(rel: Reliability | None) -> list[str]:
    """Plain words for a panel's reliability figures."""
    if rel is None:
        return ["Nobody has submitted scores yet, so agreement cannot be measured."]
    lines = []
    if rel.alpha is None:
        lines.append(f"Krippendorff's α cannot be computed: {rel.alpha_reason}.")
    elif rel.alpha >= 0.8:
        lines.append(f"α = {rel.alpha:.2f}: the judges agree well (0.8 or more is the usual "
                     "bar for firm conclusions).")
    elif rel.alpha >= 0.667:
        lines.append(f"α = {rel.alpha:.2f}: the judges agree moderately — enough for tentative "
                     "conclusions (0.667 to 0.8).")
    else:
        lines.append(f"α = {rel.alpha:.2f}: the judges agree little (below 0.667); look at the "
                     "calibration below and discuss the entries near the cut before deciding.")
    if rel.icc_single is None:
        lines.append(f"ICC is not shown: {rel.icc_reason}.")
    else:
        lines.append(f"ICC(2,1) = {rel.icc_single:.2f} is how far one judge's score can be "
                     f"trusted alone; ICC(2,k) = {rel.icc_average:.2f} is the reliability of "
                     f"the panel's mean of {rel.n_judges} judges.")
    return lines


def panel_results(panel: Panel) -> PanelResults:
    """A panel's results (the caller decides who may see them: see :func:`panel_for_admin`)."""
    table = _panel_score_table(panel)
    entries = Entry.objects.select_related("nominee__profile").in_bulk(table.entry_ids)
    lead = panel.lead_judge
    lead_name = person_name(lead) if lead else ""
    if not table.rows or not table.criteria:
        rows = [EntryResult(entries[pk], 0, None, None, None, None, 0, False)
                for pk in table.entry_ids]
        return PanelResults(panel, "normalised", rows, 0, "", [], None,
                            reliability_reading(None), [], lead_name)
    e_index = {pk: i for i, pk in enumerate(table.entry_ids)}
    j_index = {pk: i for i, pk in enumerate(table.judge_ids)}
    c_index = {c.pk: i for i, c in enumerate(table.criteria)}
    e, j, c, v = zip(*table.rows, strict=True)
    scores = Scores.from_arrays([e_index[x] for x in e], [j_index[x] for x in j],
                                [c_index[x] for x in c], list(v),
                                n_entries=len(e_index), n_judges=len(j_index),
                                n_criteria=len(c_index))
    criteria = Criteria.from_lists([float(c.weight) for c in table.criteria],
                                   [(c.scale_min, c.scale_max) for c in table.criteria])
    lead_index = j_index.get(table.lead_judge_id, -1) if table.lead_judge_id else -1
    outside = [c.name for c in table.criteria if any(
        cid == c.pk and not c.scale_min <= value <= c.scale_max
        for _, _, cid, value in table.rows)]
    if outside:  # a scale changed after scoring: say so rather than fail
        raise ApplicationError(
            f"Some scores for {', '.join(outside)} lie outside the criterion's scale (was "
            "it changed after judging?) — put the scale back or have those entries "
            "rescored.", status=409)
    out = results(scores, criteria, lead_judge=[lead_index], normalise="auto",
                  min_judges=MIN_JUDGES, min_entries_per_judge=MIN_ENTRIES_PER_JUDGE)
    people = {u.pk: u for u in panel.judges.select_related("profile")}
    if lead:
        people[lead.pk] = lead

    def name(index: int) -> str:
        return person_name(people.get(table.judge_ids[index]))

    rows = [EntryResult(entries[pk], int(out.n_judges[i]), _num(out.raw_mean[i]),
                        _num(out.raw_sd[i]), _num(out.normalised_mean[i]),
                        _num(out.normalised_sd[i]), int(out.rank[i]), bool(out.tied[i]))
            for pk, i in e_index.items()]
    rows.sort(key=lambda r: (r.rank == 0, r.rank, r.entry.pk))
    scale = out.panels[0]
    return PanelResults(
        panel, out.figure, rows, scale.n_judges, scale.reason,
        [JudgeRow(name(x.judge), x.n_entries, x.normalised, x.reason) for x in out.judges],
        out.reliability[0], reliability_reading(out.reliability[0]),
        [CalibrationRow(name(x.judge), x.n_shared, x.bias, x.pearson, x.spearman, x.reason)
         for x in out.calibration],
        lead_name, out, table.entry_ids)


def panel_shortlist(found: PanelResults, *, top: int | None = None,
                    threshold: float | None = None) -> tuple[list[int], list[int]]:
    """Entry ids selected, and entry ids tied across a top-N cut (for a person to decide)."""
    if found.library is None:
        return [], []
    lib, ids = found.library, found.table_entry_ids
    pick = lib.top(top) if top is not None else lib.above(float(threshold))
    return [ids[i] for i in pick.selected], [ids[i] for i in pick.tied]


# --- access ------------------------------------------------------------------------------


def panel_for_admin(*, viewer, pk: int) -> Panel:
    found = Panel.objects.select_related("category__cycle", "lead_judge__profile") \
        .filter(pk=pk).first()
    if found is None or not can(viewer, "run_awards"):
        raise Http404
    return found


def panel_for_confirmation(*, viewer, pk: int) -> Panel:
    """The panel if ``viewer`` may record its confirmation of winners: an awards
    administrator or the panel's lead judge (who confirms on the panel's behalf)."""
    found = Panel.objects.select_related("category__cycle", "lead_judge__profile") \
        .filter(pk=pk).first()
    if found is None or not (can(viewer, "run_awards") or (
            can(viewer, "judge_awards") and found.lead_judge_id == viewer.pk)):
        raise Http404
    return found


def panel_finalists(panel: Panel) -> QuerySet[Entry]:
    """Finalists and winners among the panel's entries (judgeable ones only)."""
    return _shown_entries().filter(assignments__panel=panel,
                                   outcome__in=[Outcome.FINALIST, Outcome.WINNER]).distinct()


def category_results(category: Category) -> list[PanelResults]:
    return [panel_results(p) for p in category.panels.select_related("lead_judge__profile")]


def entry_with_outcome_for_admin(*, viewer, pk: int) -> Entry:
    entry = _shown_entries().filter(pk=pk, outcome__in=[Outcome.FINALIST, Outcome.WINNER]) \
        .first()
    if entry is None or not can(viewer, "run_awards"):
        raise Http404
    return entry


def _shown_entries() -> QuerySet[Entry]:
    """Entries that may ever be shown with an outcome: submitted, consented, not withdrawn."""
    return Entry.objects.select_related("category__cycle", "nominee__profile").filter(
        status=EntryStatus.SUBMITTED, consent=Consent.GIVEN, withdrawn_at__isnull=True)


def entry_display_name(entry: Entry) -> str:
    return entry.team_name or person_name(entry.nominee)


# --- publishing --------------------------------------------------------------------------


def published_cycle(*, pk: int) -> Cycle:
    """A cycle whose results are published — for anyone, signed in or not; 404 before."""
    found = Cycle.objects.filter(pk=pk, results_published_at__isnull=False).first()
    if found is None:
        raise Http404
    return found


def published_cycles() -> QuerySet[Cycle]:
    return Cycle.objects.filter(results_published_at__isnull=False) \
        .order_by("-results_published_at")


@dataclass(frozen=True)
class PublicPanel:
    name: str
    n_judges: int
    normalised: bool
    method: str
    alpha: float | None
    icc_single: float | None
    icc_average: float | None


@dataclass(frozen=True)
class PublicCategory:
    category: Category
    checks: list[str]
    criteria: list
    winners: list[Entry]
    finalists: list[Entry]
    panels: list[PublicPanel]


def public_results(cycle: Cycle) -> list[PublicCategory]:
    """What the public page shows: per category its winners and other finalists (only
    consenting, not withdrawn), the criteria and weights, eligibility, and per panel the
    method used and its reliability. No score of any entry or judge is included."""
    if cycle.results_published_at is None:
        raise Http404
    out = []
    for category in cycle.categories.prefetch_related("criteria"):
        shown = list(_shown_entries().filter(
            category=category, outcome__in=[Outcome.FINALIST, Outcome.WINNER]).order_by("pk"))
        for entry in shown:
            entry.public_name = entry_display_name(entry)
        panels = []
        for found in category_results(category):
            rel = found.reliability
            if found.normalised_anywhere:
                method = ("Per-judge z-score normalisation"
                          + ("" if all(j.normalised for j in found.judges)
                             else " (raw scores for judges it did not apply to)"))
            else:
                method = "Raw weighted means" + (f" — {found.panel_reason}"
                                                 if found.panel_reason else "")
            panels.append(PublicPanel(found.panel.name, found.n_judges,
                                      found.normalised_anywhere, method,
                                      rel.alpha if rel else None,
                                      rel.icc_single if rel else None,
                                      rel.icc_average if rel else None))
        out.append(PublicCategory(
            category, eligibility_checks(category), list(category.criteria.all()),
            [e for e in shown if e.outcome == Outcome.WINNER],
            [e for e in shown if e.outcome == Outcome.FINALIST], panels))
    return out


def certificate_entry(*, viewer, pk: int) -> Entry:
    """An entry a certificate may be made for (a finalist or winner that may be shown), for
    an awards administrator, or for its nominee once the cycle's results are published."""
    entry = _shown_entries().filter(pk=pk, outcome__in=[Outcome.FINALIST, Outcome.WINNER]) \
        .first()
    if entry is None:
        raise Http404
    if can(viewer, "run_awards"):
        return entry
    if viewer.is_authenticated and viewer.pk == entry.nominee_id \
            and entry.category.cycle.results_published_at is not None:
        return entry
    raise Http404


def results_csv_rows(category: Category) -> list[list]:
    """The admin's CSV of a category's results (cells made safe by the caller's writer)."""
    rows: list[list] = [["Panel", "Entry", "Title", "Nominee or team", "Judges",
                         "Raw mean", "Raw SD", "Normalised mean", "Normalised SD", "Rank",
                         "Tied", "Ranked by", "Outcome"]]
    for found in category_results(category):
        for r in found.rows:
            rows.append([found.panel.name, r.entry.pk, r.entry.title,
                         entry_display_name(r.entry), r.n_judges, _fmt(r.raw_mean),
                         _fmt(r.raw_sd), _fmt(r.normalised_mean), _fmt(r.normalised_sd),
                         r.rank or "", "yes" if r.tied else "", found.figure,
                         r.entry.get_outcome_display() if r.entry.outcome else ""])
    return rows


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"

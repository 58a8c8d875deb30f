"""Reads for judging: panels (administrators), a judge's assignments and the entry as a
judge may see it (blind questions and, in blind categories, people's names removed), the
lead judge's progress view, and :func:`panel_scores` for the results.

A judge only ever reaches an entry through :func:`assignment_for_judge`, which also
requires the entry to be in :func:`entries_for_judging` (submitted, consented, not
withdrawn); everything about the entry they see is built by :func:`judge_entry_view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404

from upward.web.accounts.selectors import active_people
from upward.web.awards.models import (
    Assignment,
    Category,
    ConflictDeclaration,
    Criterion,
    Entry,
    Panel,
    Score,
)
from upward.web.awards.selectors.entries import entries_for_judging, person_name
from upward.web.core.capabilities import roles_with
from upward.web.core.permissions import can


def judges_available() -> QuerySet:
    """Active people with the judging capability, for choosing a panel."""
    return active_people().filter(role_assignments__role__in=roles_with("judge_awards")) \
        .select_related("profile").distinct().order_by("profile__display_name", "email")


def panels_for_category(category: Category) -> QuerySet[Panel]:
    return category.panels.select_related("lead_judge__profile").prefetch_related(
        "judges__profile").order_by("pk")


def panel_for_admin(*, viewer, pk: int) -> Panel:
    panel = Panel.objects.select_related("category__cycle", "lead_judge__profile") \
        .filter(pk=pk).first()
    if panel is None or not can(viewer, "run_awards"):
        raise Http404
    return panel


def submitted_assignment_for_admin(*, viewer, pk: int) -> Assignment:
    """A submitted assignment, for an administrator to reopen; else 404."""
    assignment = Assignment.objects.filter(pk=pk, submitted_at__isnull=False).first()
    if assignment is None or not can(viewer, "run_awards"):
        raise Http404
    return assignment


def open_assignment_for_admin(*, viewer, pk: int) -> Assignment:
    """An assignment whose scores are not submitted, for an administrator to remove;
    else 404."""
    assignment = Assignment.objects.select_related("judge__profile", "entry").filter(
        pk=pk, submitted_at__isnull=True).first()
    if assignment is None or not can(viewer, "run_awards"):
        raise Http404
    return assignment


def panel_for_lead(*, viewer, pk: int) -> Panel:
    """The panel if ``viewer`` is its lead judge (and still a judge), else 404."""
    panel = Panel.objects.select_related("category__cycle").filter(
        pk=pk, lead_judge=viewer).first()
    if panel is None or not can(viewer, "judge_awards"):
        raise Http404
    return panel


def panels_led_by(*, viewer) -> QuerySet[Panel]:
    if not can(viewer, "judge_awards"):
        return Panel.objects.none()
    return Panel.objects.filter(lead_judge=viewer).select_related("category__cycle")


def entry_excluded_people(entry: Entry) -> set[int]:
    """People who may never judge ``entry``: its nominee, nominator and seconder."""
    return {pk for pk in (entry.nominee_id, entry.nominator_id, entry.seconder_id) if pk}


def conflicted_pairs(entry_ids) -> set[tuple[int, int]]:
    """(entry id, judge id) for every declared conflict among ``entry_ids``."""
    return set(ConflictDeclaration.objects.filter(entry_id__in=list(entry_ids))
               .values_list("entry_id", "judge_id"))


def panel_assignments(panel: Panel) -> QuerySet[Assignment]:
    return panel.assignments.select_related("entry", "judge__profile").order_by(
        "entry_id", "judge_id")


# --- a judge's own ----------------------------------------------------------------------


def _judgeable(viewer) -> QuerySet[Assignment]:
    """The viewer's assignments on entries that may be judged, conflicts included."""
    if not can(viewer, "judge_awards"):
        return Assignment.objects.none()
    return Assignment.objects.filter(
        judge=viewer, entry__status="submitted", entry__consent="given",
        entry__withdrawn_at__isnull=True).select_related("entry__category__cycle", "panel")


def assignment_is_recused(assignment: Assignment) -> bool:
    return ConflictDeclaration.objects.filter(entry_id=assignment.entry_id,
                                              judge_id=assignment.judge_id).exists()


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    label: str          # "Entry #12", or the entry's title when the category is not blind
    category: str
    scored: int
    criteria: int
    status: str         # "Not started", "In progress", "Submitted", "Recused"


def _label(entry: Entry) -> str:
    return f"Entry #{entry.pk}" if category_is_blind(entry.category) else entry.title


def category_is_blind(category: Category) -> bool:
    """A category is judged blind when any of its questions is hidden from judges: then
    the judge sees neither the entry's people nor its title (which often names them)."""
    return any(q.blind for q in category.questions.all())


def assignments_for_judge(*, viewer) -> list[AssignmentRow]:
    assignments = list(_judgeable(viewer).annotate(scored=Count("scores"))
                       .order_by("entry__category__cycle_id", "entry__category_id", "entry_id"))
    recused = {e for e, j in conflicted_pairs(a.entry_id for a in assignments)
               if j == viewer.pk}
    n_criteria = dict(Criterion.objects.values("category_id").annotate(n=Count("pk"))
                      .values_list("category_id", "n"))
    rows = []
    for a in assignments:
        if a.entry_id in recused:
            status = "Recused"
        elif a.submitted_at:
            status = "Submitted"
        else:
            status = "In progress" if a.scored else "Not started"
        rows.append(AssignmentRow(a, _label(a.entry), a.entry.category.name, a.scored,
                                  n_criteria.get(a.entry.category_id, 0), status))
    return rows


def assignment_for_judge(*, viewer, pk: int) -> Assignment:
    """The viewer's assignment ``pk`` on an entry that may be judged, else 404."""
    assignment = _judgeable(viewer).filter(pk=pk).first()
    if assignment is None or not entries_for_judging(assignment.entry.category).filter(
            pk=assignment.entry_id).exists():
        raise Http404
    return assignment


@dataclass(frozen=True)
class JudgeEntryView:
    """What a judge sees of an entry: never blind answers, and in a blind category never
    the title, team or any person's name. Attachments are not shown to judges."""

    entry_id: int
    label: str
    category: str
    blind: bool
    people: str                                   # "" when blind
    answers: list[tuple[str, str]]                # (question, answer), blind ones left out
    hidden_questions: int


def judge_entry_view(entry: Entry) -> JudgeEntryView:
    blind = category_is_blind(entry.category)
    stored = dict(entry.answers.values_list("question_id", "text"))
    answers, hidden = [], 0
    for question in entry.category.questions.all():
        if question.blind:
            hidden += 1
            continue
        answers.append((question.label, stored.get(question.pk, "")))
    people = ""
    if not blind:
        people = person_name(entry.nominee)
        if entry.team_name:
            people = f"{entry.team_name} ({people})"
        if entry.nominator_id:
            people += f", nominated by {person_name(entry.nominator)}"
    return JudgeEntryView(entry.pk, _label(entry), entry.category.name, blind, people,
                          answers, hidden)


def assignment_scores(assignment: Assignment) -> list[tuple[Criterion, Score | None]]:
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    return [(c, scores.get(c.pk)) for c in assignment.entry.category.criteria.all()]


# --- the lead judge's progress ----------------------------------------------------------


@dataclass(frozen=True)
class JudgeProgress:
    judge_id: int
    name: str
    assigned: int
    submitted: int
    conflicts: int


@dataclass(frozen=True)
class EntryProgress:
    entry_id: int
    label: str
    judges: int
    submitted_scores: int


@dataclass(frozen=True)
class PanelProgress:
    judges: list[JudgeProgress]
    entries: list[EntryProgress]


def panel_progress(panel: Panel) -> PanelProgress:
    assignments = list(panel_assignments(panel))
    conflicts = conflicted_pairs({a.entry_id for a in assignments})
    judges: dict[int, list] = {}
    entries: dict[int, list] = {}
    for judge in panel.judges.select_related("profile").order_by("pk"):
        judges[judge.pk] = [person_name(judge), 0, 0, 0]
    for a in assignments:
        row = judges.setdefault(a.judge_id, [person_name(a.judge), 0, 0, 0])
        e = entries.setdefault(a.entry_id, [f"Entry #{a.entry_id}", 0, 0])
        row[1] += 1
        e[1] += 1
        if (a.entry_id, a.judge_id) in conflicts:
            row[3] += 1
        elif a.submitted_at:
            row[2] += 1
            e[2] += 1
    return PanelProgress(
        [JudgeProgress(pk, *values) for pk, values in judges.items()],
        [EntryProgress(pk, *values) for pk, values in sorted(entries.items())])


def judges_with_unsubmitted(panel: Panel) -> QuerySet:
    """Judges of ``panel`` holding an assignment they have neither submitted nor been
    recused from, on an entry that may be judged."""
    pending = set(panel.assignments.filter(
        submitted_at__isnull=True, entry__status="submitted", entry__consent="given",
        entry__withdrawn_at__isnull=True).values_list("entry_id", "judge_id"))
    pending -= conflicted_pairs({e for e, _ in pending})
    return active_people().filter(pk__in={j for _, j in pending}).order_by("pk")


# --- scores for the results -------------------------------------------------------------


@dataclass(frozen=True)
class PanelScores:
    """A panel's submitted scores as parallel lists, one row per score, ready for
    ``upward.judging.Scores.from_arrays`` once ids are turned into 0-based indexes
    (:meth:`to_judging` does it).

    Only scores of SUBMITTED assignments on entries that may be judged are included;
    scores of a judge who declared a conflict with the entry are left out, and the pair is
    listed in ``recusals`` as (judge id, entry id)."""

    panel_id: int
    lead_judge_id: int | None
    entry_ids: list[int] = field(default_factory=list)
    judge_ids: list[int] = field(default_factory=list)
    criterion_ids: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    criteria: list[int] = field(default_factory=list)           # criterion ids, in order
    weights: list[float] = field(default_factory=list)
    scales: list[tuple[int, int]] = field(default_factory=list)
    recusals: list[tuple[int, int]] = field(default_factory=list)  # (judge id, entry id)
    entries: list[int] = field(default_factory=list)            # every judgeable entry id
    judges: list[int] = field(default_factory=list)             # every judge id seen

    def to_judging(self):
        """``(scores, criteria, entries, judges, recusals)`` for ``upward.judging``:
        ``entries``/``judges`` map index → id; ``recusals`` use indexes."""
        from upward.judging import Criteria, Scores

        entry_index = {pk: i for i, pk in enumerate(self.entries)}
        judge_index = {pk: i for i, pk in enumerate(self.judges)}
        criterion_index = {pk: i for i, pk in enumerate(self.criteria)}
        scores = Scores.from_arrays(
            [entry_index[e] for e in self.entry_ids], [judge_index[j] for j in self.judge_ids],
            [criterion_index[c] for c in self.criterion_ids], self.values,
            n_entries=len(self.entries), n_judges=len(self.judges),
            n_criteria=len(self.criteria))
        criteria = Criteria.from_lists(self.weights, self.scales)
        recusals = [(judge_index[j], entry_index[e]) for j, e in self.recusals
                    if j in judge_index and e in entry_index]
        return scores, criteria, list(self.entries), list(self.judges), recusals


def panel_scores(panel: Panel) -> PanelScores:
    """The panel's submitted, non-recused scores (see :class:`PanelScores`)."""
    entries = list(entries_for_judging(panel.category).filter(
        assignments__panel=panel).distinct().order_by("pk").values_list("pk", flat=True))
    # upward.judging needs positive weights: a criterion weighted 0 counts for nothing.
    criteria = list(panel.category.criteria.filter(weight__gt=0))
    recusals = sorted((j, e) for e, j in conflicted_pairs(entries))
    recused = {(e, j) for j, e in recusals}
    judges = sorted({*panel.judges.values_list("pk", flat=True),
                     *panel.assignments.values_list("judge_id", flat=True)})
    out = PanelScores(panel.pk, panel.lead_judge_id, criteria=[c.pk for c in criteria],
                      weights=[float(c.weight) for c in criteria],
                      scales=[(c.scale_min, c.scale_max) for c in criteria],
                      recusals=recusals, entries=entries, judges=judges)
    rows = Score.objects.filter(
        assignment__panel=panel, assignment__submitted_at__isnull=False,
        assignment__entry_id__in=entries).values_list(
        "assignment__entry_id", "assignment__judge_id", "criterion_id", "value") \
        .order_by("assignment__entry_id", "assignment__judge_id", "criterion_id")
    for entry_id, judge_id, criterion_id, value in rows:
        if (entry_id, judge_id) in recused or criterion_id not in out.criteria:
            continue
        out.entry_ids.append(entry_id)
        out.judge_ids.append(judge_id)
        out.criterion_ids.append(criterion_id)
        out.values.append(float(value))
    return out

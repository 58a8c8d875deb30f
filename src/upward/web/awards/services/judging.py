"""Writes for judging: panels and assignments (administrators), conflicts, scores and
submission (judges), reopening (administrators only), reminders (the lead judge and the
periodic job). Every change is audited.

Only entries in ``entries_for_judging(category)`` are ever assigned; a judge is never
assigned an entry they declared a conflict with, or whose nominee, nominator or seconder
they are."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from upward.web.awards.models import (
    Assignment,
    Category,
    ConflictDeclaration,
    Cycle,
    Entry,
    Panel,
    Score,
)
from upward.web.awards.selectors.entries import entries_for_judging
from upward.web.awards.selectors.judging import (
    assignment_is_recused,
    conflicted_pairs,
    entry_excluded_people,
    judges_available,
    judges_with_unsubmitted,
)
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import can, require_capability

#: The periodic job reminds judges this long before judging ends.
REMIND_BEFORE_END = timedelta(days=3)
REMINDER_KIND = "awards_judging_reminder"


# --- panels -----------------------------------------------------------------------------


@transaction.atomic
def panel_save(*, actor, category: Category | None = None, panel: Panel | None = None,
               name: str, judges: Iterable, lead_judge=None,
               max_entries_per_judge: int | None = None) -> Panel:
    """Create (``panel`` None, for ``category``) or change a panel. Judges must have the
    judge role; the lead judge must be one of them."""
    require_capability(actor, "run_awards")
    judges = list(judges)
    allowed = set(judges_available().values_list("pk", flat=True))
    if not judges:
        raise ApplicationError("Choose at least one judge.", field="judges")
    if any(j.pk not in allowed for j in judges):
        raise ApplicationError("Choose judges from the list.", field="judges")
    if lead_judge is not None and lead_judge.pk not in {j.pk for j in judges}:
        raise ApplicationError("The lead judge must be one of the panel's judges.",
                               field="lead_judge")
    if not (name or "").strip():
        raise ApplicationError("Enter a name", field="name")
    created = panel is None
    panel = panel or Panel(category=category)
    panel.name = name.strip()
    panel.lead_judge = lead_judge
    panel.max_entries_per_judge = max_entries_per_judge or None
    panel.full_clean()
    panel.save()
    panel.judges.set(judges)
    audit_record(actor=actor, action="awards.panel_create" if created else "awards.panel_update",
                 target=panel, detail={"judges": sorted(j.pk for j in judges),
                                       "lead_judge": getattr(lead_judge, "pk", None),
                                       "max_entries_per_judge": panel.max_entries_per_judge})
    return panel


# --- assignment -------------------------------------------------------------------------


def _loads(panel: Panel) -> dict[int, int]:
    """Each judge's assignments in the panel, not counting those they were recused from."""
    loads = {pk: 0 for pk in panel.judges.values_list("pk", flat=True)}
    pairs = list(panel.assignments.values_list("entry_id", "judge_id"))
    recused = conflicted_pairs({e for e, _ in pairs})
    for entry_id, judge_id in pairs:
        if (entry_id, judge_id) not in recused:
            loads[judge_id] = loads.get(judge_id, 0) + 1
    return loads


def _may_judge(entry: Entry, judge_id: int, conflicts: set[tuple[int, int]]) -> bool:
    return judge_id not in entry_excluded_people(entry) and (entry.pk, judge_id) not in conflicts


@transaction.atomic
def assignment_add(*, actor, panel: Panel, entry_id: int, judge_id: int) -> Assignment:
    """Assign one judge of ``panel`` to one judgeable entry of its category (by hand)."""
    require_capability(actor, "run_awards")
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    entry = entries_for_judging(panel.category).filter(pk=entry_id).first()
    if entry is None:
        raise ApplicationError("Choose a submitted entry of this category.", field="entry")
    if not panel.judges.filter(pk=judge_id).exists():
        raise ApplicationError("Choose a judge of this panel.", field="judge")
    if not _may_judge(entry, judge_id, conflicted_pairs([entry.pk])):
        raise ApplicationError("That judge has a conflict with this entry (declared, or "
                               "they are its nominee, nominator or seconder).", field="judge")
    if Assignment.objects.filter(entry=entry, judge_id=judge_id).exists():
        raise ApplicationError("That judge already has this entry.", field="judge")
    cap = panel.max_entries_per_judge
    if cap and _loads(panel).get(judge_id, 0) >= cap:
        raise ApplicationError(f"That judge already has {cap} entries, the panel's limit.",
                               field="judge")
    assignment = Assignment.objects.create(panel=panel, entry=entry, judge_id=judge_id)
    audit_record(actor=actor, action="awards.assign", target=entry,
                 detail={"panel": panel.pk, "judge": judge_id, "method": "manual"})
    return assignment


@transaction.atomic
def assignments_generate(*, actor, panel: Panel, method: Literal["random", "balanced"],
                         judges_per_entry: int, seed: int = 0) -> tuple[int, list[int]]:
    """Give each judgeable entry of the panel's category up to ``judges_per_entry`` judges
    (counting those it has who were not recused), never over a judge's cap and never a
    conflicted judge.

    ``balanced`` picks, for each entry, the eligible judges with the fewest assignments so
    far (ties in a seeded random order), so loads differ by at most one where caps and
    conflicts allow; ``random`` picks eligible judges under their cap at random. Both
    are deterministic for a seed. Returns (assignments made, ids of entries left short).
    """
    require_capability(actor, "run_awards")
    if method not in ("random", "balanced"):
        raise ApplicationError("Choose random or balanced assignment.", field="method")
    if not 1 <= judges_per_entry <= 50:
        raise ApplicationError("Judges per entry must be between 1 and 50.",
                               field="judges_per_entry")
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    rng = random.Random(seed)
    entries = list(entries_for_judging(panel.category).order_by("pk"))
    rng.shuffle(entries)
    judges = sorted(panel.judges.values_list("pk", flat=True))
    loads = _loads(panel)
    cap = panel.max_entries_per_judge
    conflicts = conflicted_pairs(e.pk for e in entries)
    have: dict[int, set[int]] = {}
    for entry_id, judge_id in Assignment.objects.filter(
            entry__in=entries).values_list("entry_id", "judge_id"):
        have.setdefault(entry_id, set()).add(judge_id)
    tiebreak = {j: rng.random() for j in judges}
    made, short = [], []
    for entry in entries:
        taken = have.get(entry.pk, set())
        need = judges_per_entry - sum(1 for j in taken if (entry.pk, j) not in conflicts)
        if need <= 0:
            continue
        eligible = [j for j in judges if j not in taken and _may_judge(entry, j, conflicts)
                    and not (cap and loads[j] >= cap)]
        if method == "balanced":
            eligible.sort(key=lambda j: (loads[j], tiebreak[j]))
        else:
            rng.shuffle(eligible)
        chosen = eligible[:need]
        for judge_id in chosen:
            loads[judge_id] += 1
            made.append(Assignment(panel=panel, entry=entry, judge_id=judge_id))
        if len(chosen) < need:
            short.append(entry.pk)
    Assignment.objects.bulk_create(made)
    audit_record(actor=actor, action="awards.assign", target=panel,
                 detail={"method": method, "judges_per_entry": judges_per_entry, "seed": seed,
                         "made": len(made), "short": sorted(short)})
    return len(made), sorted(short)


# --- judging ----------------------------------------------------------------------------


def _locked_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related(
        "entry__category__cycle").get(pk=assignment.pk)


def _require_open(assignment: Assignment, *, actor) -> None:
    if assignment.judge_id != actor.pk or not can(actor, "judge_awards"):
        raise ApplicationError("This is not your assignment.", status=404)
    _require_unpublished(assignment)
    if assignment_is_recused(assignment):
        raise ApplicationError("You declared a conflict with this entry, so you do not "
                               "judge it.", status=409)
    if assignment.submitted_at is not None:
        raise ApplicationError("You submitted your scores for this entry, so they cannot "
                               "be changed. Ask an awards administrator to reopen them.",
                               status=409)


def _require_unpublished(assignment: Assignment) -> None:
    """Published results are final: no score, submission, conflict or reopening changes
    them until an administrator withdraws them. The cycle's row is locked, as
    publishing locks it, so a score saved while the results are published cannot slip
    in between."""
    cycle = Cycle.objects.select_for_update().only("results_published_at").get(
        pk=assignment.entry.category.cycle_id)
    if cycle.results_published_at is not None:
        raise ApplicationError("The results of this cycle are published, so its scores can "
                               "no longer change: an awards administrator can withdraw "
                               "them first.", status=409)


def _reason(reason: str | None, purpose: str) -> str:
    """A reason that is kept in the audit log: required, at most 500 characters."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(f"Enter the reason for {purpose}", field="reason")
    if len(reason) > 500:
        raise ApplicationError("Reason must be 500 characters or fewer", field="reason")
    return reason


@transaction.atomic
def conflict_declare(*, actor, assignment: Assignment, reason: str) -> ConflictDeclaration:
    """The judge declares a conflict: they are recused (the assignment closes and any
    scores they gave are excluded from the results)."""
    assignment = _locked_assignment(assignment)
    _require_open(assignment, actor=actor)
    reason = _reason(reason, "the conflict")
    declaration = ConflictDeclaration.objects.create(entry=assignment.entry, judge=actor,
                                                     reason=reason)
    audit_record(actor=actor, action="awards.conflict_declare", target=assignment.entry,
                 detail={"assignment": assignment.pk, "reason": reason,
                         "scores_excluded": assignment.scores.count()})
    return declaration


@transaction.atomic
def scores_save(*, actor, assignment: Assignment,
                scores: dict[int, tuple[int | None, str]]) -> Assignment:
    """Save ``{criterion id: (value or None, comment)}`` for an open assignment. Each value
    must be a whole number within its criterion's scale. Changes are audited."""
    assignment = _locked_assignment(assignment)
    _require_open(assignment, actor=actor)
    criteria = {c.pk: c for c in assignment.entry.category.criteria.all()}
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    changes = {}
    for criterion_id, (value, comment) in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ApplicationError("Score only this category's criteria.")
        comment = (comment or "").strip()
        if len(comment) > 2000:
            raise ApplicationError(f"The comment on {criterion.name} must be 2,000 characters "
                                   f"or fewer", field=f"comment_{criterion.pk}")
        if value is None:
            if criterion.pk in existing:
                changes[criterion.pk] = [existing[criterion.pk].value, None]
                existing[criterion.pk].delete()
            continue
        if isinstance(value, bool) or not isinstance(value, int) \
                or not criterion.scale_min <= value <= criterion.scale_max:
            raise ApplicationError(
                f"Score {criterion.name} with a whole number from {criterion.scale_min} to "
                f"{criterion.scale_max}", field=f"score_{criterion.pk}")
        score = existing.get(criterion.pk)
        if score is None:
            Score.objects.create(assignment=assignment, criterion=criterion, value=value,
                                 comment=comment)
            changes[criterion.pk] = [None, value]
        elif score.value != value or score.comment != comment:
            changes[criterion.pk] = [score.value, value]
            score.value, score.comment = value, comment
            score.save()
    if changes:
        audit_record(actor=actor, action="awards.score_change", target=assignment.entry,
                     detail={"assignment": assignment.pk,
                             "changes": {str(k): v for k, v in changes.items()}})
    return assignment


@transaction.atomic
def assignment_submit(*, actor, assignment: Assignment) -> Assignment:
    """Submit the judge's scores: every criterion scored; then they are locked."""
    assignment = _locked_assignment(assignment)
    _require_open(assignment, actor=actor)
    scored = set(assignment.scores.values_list("criterion_id", flat=True))
    missing = [c.name for c in assignment.entry.category.criteria.all() if c.pk not in scored]
    if missing:
        raise ApplicationError(f"Score every criterion before you submit (still to score: "
                               f"{', '.join(missing)}).", status=409)
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["submitted_at"])
    audit_record(actor=actor, action="awards.scores_submit", target=assignment.entry,
                 detail={"assignment": assignment.pk})
    return assignment


@transaction.atomic
def assignment_remove(*, actor, assignment: Assignment, reason: str) -> None:
    """An administrator takes an entry off a judge's list (assigned by mistake, or the
    judge cannot do it), with a reason. Submitted scores count in the results, so they
    must be reopened first; scores the judge had started are deleted with it."""
    require_capability(actor, "run_awards")
    assignment = _locked_assignment(assignment)
    reason = _reason(reason, "removing the assignment")
    if assignment.submitted_at is not None:
        raise ApplicationError("These scores are submitted and count in the results: reopen "
                               "them first if the assignment really must go.", status=409)
    _require_unpublished(assignment)
    started = assignment.scores.count()
    detail = {"panel": assignment.panel_id, "judge": assignment.judge_id,
              "scores_deleted": started, "reason": reason}
    entry = assignment.entry
    assignment.delete()
    audit_record(actor=actor, action="awards.unassign", target=entry, detail=detail)


@transaction.atomic
def assignment_reopen(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """An administrator reopens submitted scores, with a reason; the judge is told."""
    require_capability(actor, "run_awards")
    assignment = _locked_assignment(assignment)
    reason = _reason(reason, "reopening the scores")
    if assignment.submitted_at is None:
        raise ApplicationError("These scores have not been submitted.", status=409)
    _require_unpublished(assignment)
    assignment.submitted_at = None
    assignment.reopened_at = timezone.now()
    assignment.save(update_fields=["submitted_at", "reopened_at"])
    audit_record(actor=actor, action="awards.scores_reopen", target=assignment.entry,
                 detail={"assignment": assignment.pk, "judge": assignment.judge_id,
                         "reason": reason})
    judge, url = assignment.judge, reverse("awards:judging_assignment", args=[assignment.pk])
    transaction.on_commit(lambda: notify(
        recipient=judge, kind="awards_scores_reopened", url=url, sender=actor,
        text=f"Your scores for entry #{assignment.entry_id} were reopened: {reason}"[:300]))
    return assignment


# --- reminders --------------------------------------------------------------------------


def _reminder_text(panel: Panel) -> str:
    ends = timezone.localtime(panel.category.cycle.judging_ends_at)
    return (f"Reminder: you have entries to score for {panel.category.name} "
            f"({panel.category.cycle.name}); judging ends {ends:%-d %B}.")[:300]


def _remind(judge, panel: Panel) -> None:
    notify(recipient=judge, kind=REMINDER_KIND, url=reverse("awards:judging"),
           text=_reminder_text(panel))


@transaction.atomic
def panel_remind(*, actor, panel: Panel) -> int:
    """The lead judge reminds every judge of the panel with unsubmitted assignments."""
    if panel.lead_judge_id != actor.pk or not can(actor, "judge_awards"):
        raise ApplicationError("Only the panel's lead judge sends reminders.", status=403)
    judges = [j for j in judges_with_unsubmitted(panel) if j.pk != actor.pk]
    for judge in judges:
        transaction.on_commit(lambda judge=judge: _remind(judge, panel))
    audit_record(actor=actor, action="awards.judges_reminded", target=panel,
                 detail={"judges": [j.pk for j in judges]})
    return len(judges)


def judging_reminders_due(*, now: datetime) -> int:
    """Remind judges with unsubmitted assignments once judging ends within
    ``REMIND_BEFORE_END``: once per judge and panel (per end date). The panel row is
    locked and the reminder sent is the record, so running twice reminds once."""
    panels = Panel.objects.filter(
        category__cycle__judging_starts_at__lte=now, category__cycle__judging_ends_at__gt=now,
        category__cycle__judging_ends_at__lte=now + REMIND_BEFORE_END).values_list(
        "pk", flat=True)
    reminded = 0
    for pk in panels:
        with transaction.atomic():
            panel = Panel.objects.select_for_update().select_related("category__cycle") \
                .get(pk=pk)
            text = _reminder_text(panel)  # names the cycle, category and end date
            for judge in judges_with_unsubmitted(panel):
                if Notification.objects.filter(recipient=judge, kind=REMINDER_KIND,
                                               text=text).exists():
                    continue
                _remind(judge, panel)
                reminded += 1
    return reminded

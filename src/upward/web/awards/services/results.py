"""Writes for results: shortlisting finalists, the panel's confirmation of winners,
citations, and publishing a cycle's results. Every status change is audited.

"The panel confirms winners" is modelled as a recorded confirmation: the panel's lead
judge (or an awards administrator) records that the panel agreed, with a note of how
(e.g. "agreed unanimously at the panel meeting on 3 March"). The note and who recorded
it are kept in the audit log (``awards.winner_confirm``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from upward.reports.csv_export import write_csv
from upward.web.awards.models import Category, Cycle, Entry, Outcome, Panel
from upward.web.awards.selectors import results as selectors
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import can, require_capability

MAX_CITATION = 2000
MAX_NOTE = 500


def _published(cycle_id: int) -> bool:
    """Read from the database: a caller's cycle object may predate publishing."""
    return Cycle.objects.filter(pk=cycle_id, results_published_at__isnull=False).exists()


def _titles(entries: list[Entry]) -> str:
    return ", ".join(f"“{e.title}”" for e in entries)


@transaction.atomic
def shortlist_apply(*, actor, panel: Panel, top: int | None = None,
                    threshold: float | None = None,
                    tied_chosen: list[int] | None = None) -> list[Entry]:
    """Make the panel's top ``top`` entries (or those at or above ``threshold``) its
    finalists, replacing an earlier shortlist (winners stay). When a top-N cut splits
    tied entries, nothing changes until ``tied_chosen`` says which of them go through
    (an empty list: none) — a tie is never cut silently."""
    require_capability(actor, "run_awards")
    if _published(panel.category.cycle_id):
        raise ApplicationError("The results are published: unpublish them to change the "
                               "shortlist.")
    if (top is None) == (threshold is None):
        raise ApplicationError("Give either how many finalists or a minimum score.",
                               field="method")
    if top is not None and top < 1:
        raise ApplicationError("Shortlist at least 1 entry.", field="top")
    found = selectors.panel_results(panel)
    selected, tied = selectors.panel_shortlist(found, top=top, threshold=threshold)
    if tied and tied_chosen is None:
        tied_entries = list(Entry.objects.filter(pk__in=tied).order_by("pk"))
        raise ApplicationError(
            f"{_titles(tied_entries)} tie at the cut: choose which of them go through.",
            field="tied", status=409)
    chosen = set(tied_chosen or []) & set(tied)
    finalists = set(selected) | chosen
    in_panel = Entry.objects.filter(pk__in=found.entry_ids())
    in_panel.filter(outcome=Outcome.FINALIST).exclude(pk__in=finalists) \
        .update(outcome=Outcome.NONE)
    in_panel.filter(pk__in=finalists, outcome=Outcome.NONE).update(outcome=Outcome.FINALIST)
    audit_record(actor=actor, action="awards.shortlist", target=panel, detail={
        "method": "top" if top is not None else "threshold",
        "top": top, "threshold": threshold, "finalists": sorted(finalists),
        "tied_at_cut": sorted(tied), "tied_chosen": sorted(chosen),
        "ranked_by": found.figure})
    return list(Entry.objects.filter(pk__in=finalists).order_by("pk"))


@transaction.atomic
def winner_confirm(*, actor, panel: Panel, entry: Entry, note: str) -> Entry:
    """Record that the panel confirmed ``entry`` (one of its finalists) as a winner. The
    lead judge records it on the panel's behalf, or an awards administrator does; the
    note says how the panel agreed."""
    if not (can(actor, "run_awards") or (can(actor, "judge_awards")
                                         and panel.lead_judge_id == actor.pk)):
        raise ApplicationError("Only the panel's lead judge or an awards administrator can "
                               "record the panel's confirmation.", status=403)
    note = (note or "").strip()
    if not note:
        raise ApplicationError("Enter how the panel agreed", field="note")
    if len(note) > MAX_NOTE:
        raise ApplicationError(f"The note must be {MAX_NOTE} characters or fewer",
                               field="note")
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.pk not in set(selectors.panel_finalists(panel).values_list("pk", flat=True)) \
            or entry.outcome != Outcome.FINALIST:
        raise ApplicationError("Choose one of the panel's finalists.", field="entry")
    if _published(panel.category.cycle_id):
        raise ApplicationError("The results are published: unpublish them to change the "
                               "winners.")
    entry.outcome = Outcome.WINNER
    entry.save(update_fields=["outcome", "updated_at"])
    audit_record(actor=actor, action="awards.winner_confirm", target=entry, detail={
        "panel": panel.pk, "note": note,
        "recorded_as": "lead judge" if panel.lead_judge_id == actor.pk else "administrator"})
    return entry


@transaction.atomic
def winner_revoke(*, actor, entry: Entry) -> Entry:
    """Turn a winner back into a finalist (an administrator, before publishing)."""
    require_capability(actor, "run_awards")
    entry = Entry.objects.select_for_update().select_related("category__cycle").get(pk=entry.pk)
    if _published(entry.category.cycle_id):
        raise ApplicationError("The results are published: unpublish them first.")
    if entry.outcome != Outcome.WINNER:
        raise ApplicationError("This entry is not a winner.")
    entry.outcome = Outcome.FINALIST
    entry.save(update_fields=["outcome", "updated_at"])
    audit_record(actor=actor, action="awards.winner_revoke", target=entry)
    return entry


@transaction.atomic
def citation_save(*, actor, entry: Entry, citation: str) -> Entry:
    require_capability(actor, "run_awards")
    citation = (citation or "").strip()
    if len(citation) > MAX_CITATION:
        raise ApplicationError(f"The citation must be {MAX_CITATION:,} characters or fewer",
                               field="citation")
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.outcome not in (Outcome.FINALIST, Outcome.WINNER):
        raise ApplicationError("Only finalists and winners have citations.")
    entry.citation = citation
    entry.save(update_fields=["citation", "updated_at"])
    audit_record(actor=actor, action="awards.citation", target=entry)
    return entry


@transaction.atomic
def results_publish(*, actor, cycle: Cycle) -> Cycle:
    """Publish the cycle's results: its public page opens to everyone."""
    require_capability(actor, "run_awards")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.results_published_at:
        raise ApplicationError("The results are already published.")
    if not Entry.objects.filter(category__cycle=cycle,
                                outcome__in=[Outcome.FINALIST, Outcome.WINNER]).exists():
        raise ApplicationError("Shortlist finalists before publishing the results.")
    cycle.results_published_at = timezone.now()
    cycle.save(update_fields=["results_published_at"])
    audit_record(actor=actor, action="awards.results_publish", target=cycle)
    return cycle


@transaction.atomic
def results_unpublish(*, actor, cycle: Cycle) -> Cycle:
    require_capability(actor, "run_awards")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.results_published_at:
        raise ApplicationError("The results are not published.")
    cycle.results_published_at = None
    cycle.save(update_fields=["results_published_at"])
    audit_record(actor=actor, action="awards.results_unpublish", target=cycle)
    return cycle


def results_export(*, actor, category: Category) -> str:
    """The category's results as spreadsheet-safe CSV text; exports are audited."""
    require_capability(actor, "run_awards")
    rows = selectors.results_csv_rows(category)
    audit_record(actor=actor, action="awards.results_export", target=category,
                 detail={"rows": len(rows) - 1})
    return write_csv(rows)

"""For the impact report: aggregates only.

Counts over the award cycles whose winners were announced in a period and whose results
are published, taking no viewer. Finalists and winners are counted as the public results
page shows them (consenting, not withdrawn), so the counts disclose nothing the page does
not; entries submitted are raw counts the caller must put through disclosure control.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from upward.web.awards.models import Consent, Cycle, Entry, EntryStatus, Outcome


@dataclass(frozen=True)
class AwardsReport:
    cycles: tuple[str, ...]  # names of the cycles counted, oldest first
    entries_submitted: int  # submitted (withdrawn ones too: they were entered)
    people_entered: int  # distinct nominees of those entries
    finalists: int  # finalists, winners included, as published
    winners: int  # as published


def awards_report(*, start_at: datetime, end_at: datetime) -> AwardsReport:
    """For the impact report: aggregates only. Published cycles whose winners were
    announced in ``[start_at, end_at)``."""
    cycles = Cycle.objects.filter(results_published_at__isnull=False,
                                  winners_announced_at__gte=start_at,
                                  winners_announced_at__lt=end_at).order_by(
        "winners_announced_at", "pk")
    entries = Entry.objects.filter(category__cycle__in=cycles, submitted_at__isnull=False,
                                   status__in=[EntryStatus.SUBMITTED, EntryStatus.WITHDRAWN])
    shown = Q(status=EntryStatus.SUBMITTED, consent=Consent.GIVEN, withdrawn_at__isnull=True)
    totals = entries.aggregate(
        n=Count("pk"), people=Count("nominee", distinct=True),
        finalists=Count("pk", filter=shown & Q(outcome__in=[Outcome.FINALIST, Outcome.WINNER])),
        winners=Count("pk", filter=shown & Q(outcome=Outcome.WINNER)))
    return AwardsReport(cycles=tuple(cycles.values_list("name", flat=True)),
                        entries_submitted=totals["n"], people_entered=totals["people"],
                        finalists=totals["finalists"], winners=totals["winners"])

"""For the impact report: aggregates only.

Counts over every programme for a period of UK dates (both included), taking no viewer:
the impact app's computed KPIs publish them, and they are raw counts, so the caller must
put every count of people or pairs through ``upward.reports.disclosure.suppress`` with
the organisation's ``k`` before anyone sees it. Nothing here returns a pair, a person, a
note, a comment or a single person's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone

from upward.web.core.periods import UK_TIME, uk_days
from upward.web.insights.selectors import promotions_among
from upward.web.mentoring.models import EndReason, Feedback, Meeting, Pair

LONDON = UK_TIME

#: End reasons that count as a positive outcome for a pair.
POSITIVE_END_REASONS = (EndReason.COMPLETED, EndReason.GOALS_MET)


@dataclass(frozen=True)
class MentoringReport:
    """Raw counts for one period; not yet through disclosure control."""

    pairs_started: int
    meetings_logged: int
    pairs_meeting: int  # distinct pairs that logged the meetings
    pairs_ended: int
    pairs_ended_positive: int  # ended as completed or with the goals met
    feedback_people: int  # distinct people who gave end-of-cycle feedback
    mean_satisfaction: float | None  # 1 to 5, over that feedback; None without any
    #: (eligible, promoted) among mentees of the pairs started, between the HR snapshot
    #: in force on the first start and the next one; None without both snapshots.
    promotions: tuple[int, int] | None
    promotions_since: date | None


def mentoring_report(*, start: date, end: date) -> MentoringReport:
    """For the impact report: aggregates only. Pairs started, meetings held, pairs ended
    (and how many ended well) and feedback given between ``start`` and ``end``."""
    low, high = uk_days(start, end)
    started = Pair.objects.filter(started_at__gte=low, started_at__lt=high)
    meetings = Meeting.objects.filter(held_on__gte=start, held_on__lte=end).aggregate(
        n=Count("pk"), pairs=Count("pair", distinct=True))
    ended = Pair.objects.filter(ended_at__gte=low, ended_at__lt=high).aggregate(
        n=Count("pk"), positive=Count("pk", filter=Q(end_reason__in=POSITIVE_END_REASONS)))
    feedback = Feedback.objects.filter(created_at__gte=low, created_at__lt=high).aggregate(
        people=Count("author", distinct=True), mean=Avg("satisfaction"))
    first = started.order_by("started_at").values_list("started_at", flat=True).first()
    promotions, since = None, None
    if first is not None:
        since = timezone.localtime(first, LONDON).date()
        # a mentee who deleted their account has left the pair (and the count)
        mentees = set(started.filter(mentee__isnull=False)
                      .values_list("mentee__user_id", flat=True))
        promotions = promotions_among(mentees, since)
    mean = feedback["mean"]
    return MentoringReport(
        pairs_started=started.count(), meetings_logged=meetings["n"],
        pairs_meeting=meetings["pairs"], pairs_ended=ended["n"],
        pairs_ended_positive=ended["positive"], feedback_people=feedback["people"],
        mean_satisfaction=None if mean is None else float(mean), promotions=promotions,
        promotions_since=since)


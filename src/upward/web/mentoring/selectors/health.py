"""A programme's health for its leads: aggregates only, every one of them through
``upward.reports.disclosure.suppress`` with the organisation's ``k``.

What a lead never sees here: anyone's meeting notes, goals, feedback comments, their
own satisfaction or outcomes, or why a given pair ended. The tables are counts of pairs
(or of people who gave feedback); a count below ``k`` is shown as "fewer than k", and
other cells are suppressed too wherever the small one could be worked out from the
totals. Tables over the same pairs treat their total as known to the reader (it is
published in the first table), so a cell is protected even against subtraction from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone

from upward.reports.disclosure import SuppressedTable, suppress
from upward.web.core.permissions import can
from upward.web.insights.selectors import disclosure_threshold, promotions_among
from upward.web.mentoring.models import (
    EndReason,
    Feedback,
    Outcome,
    Pair,
    PairStatus,
    Programme,
    Side,
)
from upward.web.mentoring.selectors.pairs import pair_at_risk

#: Meetings logged per pair, in bands (lower bound, label).
MEETING_BANDS = ((0, "No meetings"), (1, "1 meeting"), (2, "2 or 3 meetings"),
                 (4, "4 to 6 meetings"), (7, "7 or more meetings"))


@dataclass(frozen=True)
class HealthTable:
    """One published table: ``rows`` are text, a header row first (from ``to_rows``)."""

    key: str
    caption: str
    rows: list[list[str]]

    @property
    def header(self) -> list[str]:
        return self.rows[0]

    @property
    def body(self) -> list[list[str]]:
        return self.rows[1:]

    def to_dict(self) -> dict:
        return {"key": self.key, "caption": self.caption, "header": self.header,
                "rows": self.body}


@dataclass(frozen=True)
class ProgrammeHealth:
    programme: Programme
    k: int
    tables: list[HealthTable]
    promotions_note: str


def _table(key: str, caption: str, result: SuppressedTable, labels, column: str,
           **rows_kwargs) -> HealthTable:
    return HealthTable(key, caption, result.to_rows(list(labels), [column], **rows_kwargs))


def _band(count: int) -> int:
    return max(i for i, (low, _) in enumerate(MEETING_BANDS) if count >= low)


def programme_for_health(*, viewer, slug: str) -> Programme:
    """A programme for a lead who runs mentoring; 404 for anyone else or a missing one."""
    if not can(viewer, "run_mentoring"):
        raise Http404("No such programme.")
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def programme_health(*, viewer, slug: str, now: datetime | None = None) -> ProgrammeHealth:
    """The programme's aggregate health, suppressed for publication."""
    programme = programme_for_health(viewer=viewer, slug=slug)
    now = now or timezone.now()
    k = disclosure_threshold()
    pairs = list(Pair.objects.filter(programme=programme).select_related("programme", "mentee")
                 .annotate(meeting_count=Count("meetings"), last_held=Max("meetings__held_on")))
    active = [p for p in pairs if p.status == PairStatus.ACTIVE]
    ended = [p for p in pairs if p.status == PairStatus.ENDED]
    # Whether a pair is active is no secret from its lead (they published it), so "every
    # pair is still active" may be shown; the other tables protect their zeros.
    tables = [_table("pairs", "Pairs", suppress([len(active), len(ended)], k,
                                                protect_zeros=False),
                     ["Active", "Ended"], "Pairs", total_label="All pairs")]

    bands = np.zeros(len(MEETING_BANDS), dtype=int)
    for pair in pairs:
        bands[_band(pair.meeting_count)] += 1
    tables.append(_table("meetings", "Meetings logged per pair", suppress(
        bands, k, public_totals="all"), [label for _, label in MEETING_BANDS], "Pairs",
        total_label="All pairs"))

    at_risk = sum(pair_at_risk(p, now=now, last_held=p.last_held) for p in active)
    tables.append(_table(
        "at_risk", f"Active pairs that have not met for {programme.nudge_after_weeks} weeks",
        suppress([at_risk, len(active) - at_risk], k, public_totals="all"),
        ["Not met lately", "Meeting"], "Active pairs", total_label="All active pairs"))

    reasons = [r for r, _ in EndReason.choices]
    counts = [sum(1 for p in ended if p.end_reason == r) for r in reasons]
    tables.append(_table("end_reasons", "Why pairs ended", suppress(
        counts, k, public_totals="all"), [str(label) for _, label in EndReason.choices],
        "Ended pairs", total_label="All ended pairs"))

    tables.extend(_feedback_tables(programme, k))
    promotions, note = _promotions_table(pairs, k)
    if promotions is not None:
        tables.append(promotions)
    return ProgrammeHealth(programme, k, tables, note)


def _feedback_tables(programme: Programme, k: int) -> list[HealthTable]:
    given = list(Feedback.objects.filter(pair__programme=programme)
                 .values_list("side", "satisfaction", "outcomes"))
    sides = [Side.MENTEE, Side.MENTOR]
    counts = [sum(1 for side, _, _ in given if side == s) for s in sides]
    means = [_mean([sat for side, sat, _ in given if side == s]) for s in sides]
    means.append(_mean([sat for _, sat, _ in given]))
    satisfaction = suppress(counts, k, stats={"mean": means})
    labels = ["Mentees", "Mentors"]
    tables = [
        _table("feedback", "People who gave feedback", satisfaction, labels, "People",
               total_label="Everyone"),
        _table("satisfaction", "Mean satisfaction (1 to 5)", satisfaction, labels,
               "Mean satisfaction", stat="mean", number_format="{:.1f}",
               total_label="Everyone"),
    ]
    rows = [["", "People who said so"]]
    for value, label in Outcome.choices:
        said = sum(1 for _, _, outcomes in given if value in (outcomes or []))
        # Each outcome against everyone who gave feedback (a published total), so
        # neither "said so" nor "did not" can be a small group worked out by subtraction.
        texts = suppress([said, len(given) - said], k, public_totals="all").display()
        rows.append([str(label), str(texts[0])])
    tables.append(HealthTable("outcomes", "Outcomes people reported", rows))
    return tables


def _mean(values: list[int]) -> float:
    return float(np.mean(values)) if values else float("nan")


def _promotions_table(pairs: list[Pair], k: int):
    if not pairs:
        return None, "Promotions are counted once the programme has pairs."
    since = timezone.localdate(min(p.started_at for p in pairs))
    # a mentee who deleted their account has left the pair (and the count)
    found = promotions_among({p.mentee.user_id for p in pairs if p.mentee is not None}, since)
    if found is None:
        return None, (f"Promotions among mentees appear once an HR snapshot dated after "
                      f"{since:%-d %B %Y} is imported (and one on or before it).")
    eligible, promoted = found
    result = suppress([promoted, eligible - promoted], k)
    return (_table("promotions", "Mentees promoted by the next HR snapshot", result,
                   ["Moved up a grade", "Same or lower grade"], "Mentees",
                   total_label="Mentees with a confirmed link in both snapshots"),
            "Only mentees who confirmed the link between their account and their "
            "employee number are counted.")

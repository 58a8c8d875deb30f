"""Outreach impact over a period: what the network's engagements with schools achieved.

Only engagements that happened and were written up count: an opportunity that is open
(not cancelled, not a school's unpublished proposal) with an :class:`Outcome` recorded.
The period is by the day the engagement started, in Europe/London dates (the schools are
in the UK), both ends included. Whether a school was a priority school is the outcome's
snapshot (``Outcome.priority_school``), so a later import of the register does not
rewrite past impact.

Pupil numbers are schools' totals reported after an engagement, not people Upward holds;
volunteers are people, so they are only ever counted as a whole (never broken down by
group here), and hours are the outcome's recorded total.

Examples
--------
>>> impact = outreach_impact_for_report(start=date(2025, 9, 1), end=date(2026, 8, 31))
... # doctest: +SKIP
>>> impact.pupils, impact.priority_share  # doctest: +SKIP
(1840, 0.71)
>>> [t.id for t in impact_tables(impact)]  # doctest: +SKIP
['impact_headline', 'impact_by_month', 'impact_by_activity', 'impact_by_local_authority',
 'impact_year_groups']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from upward.reports.tables import (
    Cell,
    Chart,
    Table,
    count_cell,
    number_cell,
    percent_cell,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.periods import UK_TIME, uk_days
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import (
    ActivityType,
    Opportunity,
    OpportunityStatus,
    SignupStatus,
    VolunteerSignup,
    year_group_label,
)

__all__ = ["LONDON", "MAX_PERIOD_DAYS", "ActivityRow", "AuthorityRow", "Impact", "MonthRow",
           "check_period", "impact_tables", "outreach_impact", "outreach_impact_for_report"]

LONDON = UK_TIME
#: The longest period asked for at once (five years and a leap day).
MAX_PERIOD_DAYS = 5 * 365 + 1
NO_SCHOOL = "No school recorded"


@dataclass(frozen=True)
class ActivityRow:
    kind: str
    label: str
    engagements: int
    pupils: int
    meaningful: int
    volunteer_hours: Decimal


@dataclass(frozen=True)
class MonthRow:
    month: date  # the first of the month
    engagements: int
    pupils: int
    priority_pupils: int

    @property
    def other_pupils(self) -> int:
        return self.pupils - self.priority_pupils


@dataclass(frozen=True)
class AuthorityRow:
    local_authority: str
    schools: int
    priority_schools: int
    engagements: int
    pupils: int


@dataclass(frozen=True)
class Impact:
    """Outreach totals for ``start``–``end`` (Europe/London dates, both included)."""

    start: date
    end: date
    engagements: int
    pupils: int
    priority_pupils: int
    meaningful: int
    volunteer_hours: Decimal
    volunteers: int
    schools: int
    by_activity: tuple[ActivityRow, ...]
    by_month: tuple[MonthRow, ...]
    by_local_authority: tuple[AuthorityRow, ...]
    year_groups: tuple[tuple[int, int], ...]  # (year group, engagements that reached it)

    @property
    def priority_share(self) -> float | None:
        """Share of pupils reached who were at priority schools (None with no pupils)."""
        return self.priority_pupils / self.pupils if self.pupils else None

    @property
    def meaningful_share(self) -> float | None:
        """Share of engagements that were Gatsby Benchmark 5 meaningful encounters."""
        return self.meaningful / self.engagements if self.engagements else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "engagements": self.engagements, "pupils_reached": self.pupils,
            "priority_pupils": self.priority_pupils, "priority_share": self.priority_share,
            "meaningful_encounters": self.meaningful, "meaningful_share": self.meaningful_share,
            "volunteer_hours": float(self.volunteer_hours), "volunteers": self.volunteers,
            "schools": self.schools,
            "by_activity": [{"kind": r.kind, "label": r.label, "engagements": r.engagements,
                             "pupils_reached": r.pupils, "meaningful_encounters": r.meaningful,
                             "volunteer_hours": float(r.volunteer_hours)}
                            for r in self.by_activity],
            "by_month": [{"month": r.month.strftime("%Y-%m"), "engagements": r.engagements,
                          "pupils_reached": r.pupils, "priority_pupils": r.priority_pupils}
                         for r in self.by_month],
            "by_local_authority": [{"local_authority": r.local_authority, "schools": r.schools,
                                    "priority_schools": r.priority_schools,
                                    "engagements": r.engagements, "pupils_reached": r.pupils}
                                   for r in self.by_local_authority],
            "year_groups": [{"year_group": y, "label": year_group_label(y), "engagements": n}
                            for y, n in self.year_groups],
        }


def check_period(start: date, end: date) -> None:
    """Refuse a period that ends before it starts or is longer than five years."""
    if end < start:
        raise ApplicationError("The end date must be the same as or after the start date",
                               status=400, field="end")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise ApplicationError("The period must be five years or shorter", status=400,
                               field="end")


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def outreach_impact_for_report(*, start: date, end: date) -> Impact:
    """Outreach totals for ``start``–``end`` with no viewer: for the impact report and
    other aggregate publications (issue 15). Everything in it is a total over
    engagements; the only count of people (volunteers) is a single whole-period figure.
    Raises :class:`ApplicationError` for a period that is back to front or too long."""
    check_period(start, end)
    low, high = uk_days(start, end)
    held = list(Opportunity.objects
                .filter(status=OpportunityStatus.OPEN, cancelled_at=None, outcome__isnull=False,
                        starts_at__gte=low, starts_at__lt=high)
                .select_related("outcome", "school").order_by("starts_at", "pk"))
    labels = dict(ActivityType.choices)
    activity: dict[str, list] = {k: [0, 0, 0, Decimal(0)] for k in labels}
    months: dict[date, list[int]] = {m: [0, 0, 0] for m in _months(start, end)}
    authorities: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"schools": set(), "priority": set(), "engagements": 0, "pupils": 0})
    year_groups: dict[int, int] = defaultdict(int)
    pupils = priority_pupils = meaningful = 0
    hours = Decimal(0)
    schools: set[int] = set()
    for opportunity in held:
        outcome = opportunity.outcome
        priority = outcome.priority_school is True
        pupils += outcome.pupils_reached
        priority_pupils += outcome.pupils_reached if priority else 0
        meaningful += outcome.meaningful_encounter
        hours += outcome.volunteer_hours
        row = activity.setdefault(opportunity.kind, [0, 0, 0, Decimal(0)])
        row[0] += 1
        row[1] += outcome.pupils_reached
        row[2] += outcome.meaningful_encounter
        row[3] += outcome.volunteer_hours
        month = months[opportunity.starts_at.astimezone(LONDON).date().replace(day=1)]
        month[0] += 1
        month[1] += outcome.pupils_reached
        month[2] += outcome.pupils_reached if priority else 0
        school = opportunity.school
        area = authorities[(school.local_authority or "Not known") if school else NO_SCHOOL]
        area["engagements"] += 1
        area["pupils"] += outcome.pupils_reached
        if school is not None:
            schools.add(school.pk)
            area["schools"].add(school.pk)
            if priority:
                area["priority"].add(school.pk)
        for year in set(outcome.year_groups or ()):
            year_groups[int(year)] += 1
    volunteers = (VolunteerSignup.objects
                  .filter(opportunity__in=[o.pk for o in held], status=SignupStatus.CONFIRMED)
                  .exclude(attended=False).values("volunteer").distinct().count())
    return Impact(
        start=start, end=end, engagements=len(held), pupils=pupils,
        priority_pupils=priority_pupils, meaningful=meaningful, volunteer_hours=hours,
        volunteers=volunteers, schools=len(schools),
        by_activity=tuple(ActivityRow(kind, labels.get(kind, kind), *row)
                          for kind, row in activity.items()),
        by_month=tuple(MonthRow(m, *row) for m, row in months.items()),
        by_local_authority=tuple(
            AuthorityRow(name, len(a["schools"]), len(a["priority"]), a["engagements"],
                         a["pupils"])
            for name, a in sorted(authorities.items(),
                                  key=lambda item: (item[0] == NO_SCHOOL, -item[1]["pupils"],
                                                    item[0]))),
        year_groups=tuple(sorted(year_groups.items())),
    )


def outreach_impact(*, viewer, start: date, end: date) -> Impact:
    """Outreach totals for a network member (``see_schools``); see
    :func:`outreach_impact_for_report`."""
    require_capability(viewer, "see_schools")
    return outreach_impact_for_report(start=start, end=end)


# --- published tables: the page, its CSV, the API's figures and the report share them ------


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _hours_cell(value: Decimal) -> Cell:
    return number_cell(float(value), "{:,.1f}")


def impact_tables(impact: Impact) -> list[Table]:
    """The impact as published tables (headline figures, then each breakdown); the
    month table carries the chart of pupils reached, priority schools and others."""
    period = f"{_day(impact.start)} to {_day(impact.end)}"
    headline = Table(
        id="impact_headline", title=f"Outreach impact, {period}", description="",
        columns=("Figure", "Value"), kinds=("text",),
        rows=(
            ("Engagements held", (count_cell(impact.engagements),)),
            ("Pupils reached", (count_cell(impact.pupils),)),
            ("Pupils at priority schools", (count_cell(impact.priority_pupils),)),
            ("Share of pupils at priority schools", (percent_cell(impact.priority_share),)),
            ("Meaningful encounters (Gatsby Benchmark 5)", (count_cell(impact.meaningful),)),
            ("Share of engagements that were meaningful encounters",
             (percent_cell(impact.meaningful_share),)),
            ("Volunteer hours", (_hours_cell(impact.volunteer_hours),)),
            ("Volunteers", (count_cell(impact.volunteers),)),
            ("Schools reached", (count_cell(impact.schools),)),
        ))
    month_names = tuple(f"{r.month:%b %Y}" for r in impact.by_month)
    by_month = Table(
        id="impact_by_month", title="Pupils reached by month", description="",
        columns=("Month", "Priority schools", "Other schools", "All pupils", "Engagements"),
        kinds=("count",) * 4,
        rows=tuple((name, (count_cell(r.priority_pupils), count_cell(r.other_pupils),
                           count_cell(r.pupils), count_cell(r.engagements)))
                   for name, r in zip(month_names, impact.by_month, strict=True)),
        chart=Chart(kind="bars", categories=month_names, unit="count",
                    series=(("Priority schools",
                             tuple(float(r.priority_pupils) for r in impact.by_month)),
                            ("Other schools",
                             tuple(float(r.other_pupils) for r in impact.by_month))),
                    summary="Pupils reached each month, at priority schools and at others"))
    by_activity = Table(
        id="impact_by_activity", title="Engagements by activity", description="",
        columns=("Activity", "Engagements", "Pupils reached", "Meaningful encounters",
                 "Volunteer hours"),
        kinds=("count", "count", "count", "number"),
        rows=tuple((r.label, (count_cell(r.engagements), count_cell(r.pupils),
                              count_cell(r.meaningful), _hours_cell(r.volunteer_hours)))
                   for r in impact.by_activity))
    by_area = Table(
        id="impact_by_local_authority", title="Schools reached by local authority",
        description="",
        columns=("Local authority", "Schools reached", "Priority schools", "Engagements",
                 "Pupils reached"),
        kinds=("count",) * 4,
        rows=tuple((r.local_authority, (count_cell(r.schools), count_cell(r.priority_schools),
                                        count_cell(r.engagements), count_cell(r.pupils)))
                   for r in impact.by_local_authority),
        notes=("A priority school is one that was a priority school when the engagement's "
               "outcome was recorded.",))
    year_groups = Table(
        id="impact_year_groups", title="Year groups reached", description="",
        columns=("Year group", "Engagements"), kinds=("count",),
        rows=tuple((year_group_label(y), (count_cell(n),)) for y, n in impact.year_groups))
    return [headline, by_month, by_activity, by_area, year_groups]

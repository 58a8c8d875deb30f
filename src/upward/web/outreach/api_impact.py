"""API for outreach impact under /api/v1/outreach/: the same totals as the impact page."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from upward.web.outreach.selectors import impact as impact_selectors

router = Router(tags=["outreach"])


class ActivityOut(Schema):
    kind: str
    label: str
    engagements: int
    pupils_reached: int
    meaningful_encounters: int
    volunteer_hours: float


class MonthOut(Schema):
    month: str
    engagements: int
    pupils_reached: int
    priority_pupils: int


class AuthorityOut(Schema):
    local_authority: str
    schools: int
    priority_schools: int
    engagements: int
    pupils_reached: int


class YearGroupOut(Schema):
    year_group: int
    label: str
    engagements: int


class ImpactOut(Schema):
    start: date
    end: date
    engagements: int
    pupils_reached: int
    priority_pupils: int
    priority_share: float | None
    meaningful_encounters: int
    meaningful_share: float | None
    volunteer_hours: float
    volunteers: int
    schools: int
    by_activity: list[ActivityOut]
    by_month: list[MonthOut]
    by_local_authority: list[AuthorityOut]
    year_groups: list[YearGroupOut]


@router.get("/outreach/impact", response=ImpactOut, summary="Outreach impact over a period")
def outreach_impact(request, start: date, end: date):
    """Totals of the engagements that started from ``start`` to ``end`` (Europe/London
    dates, both included) and have an outcome recorded; cancelled ones never count.
    A period that ends before it starts, or is longer than five years, is a 400."""
    return impact_selectors.outreach_impact(viewer=request.auth, start=start,
                                            end=end).to_dict()

"""API for the schools register under /api/v1/outreach/: the directory (the page's
filters, paginated) and the offices, for network members (``see_schools``). The same
selectors as the pages."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from ninja import Query, Router, Schema
from pydantic import Field

from upward.web.core.errors import ApplicationError
from upward.web.outreach import selectors

router = Router(tags=["outreach"])

PAGE_SIZE = 100


class OfficeOut(Schema):
    id: int
    name: str
    postcode: str
    easting: int
    northing: int


class SchoolOut(Schema):
    urn: int
    name: str
    type: str
    phase: str
    local_authority: str
    postcode: str
    pupils: int | None
    fsm_percent: float | None = Field(description="pupils eligible for free school meals, %")
    easting: int | None
    northing: int | None
    is_open: bool
    closed_on: date | None
    priority: bool = Field(description="FSM % above the priority threshold")
    distance_km: float | None = Field(description="from `office`, when one is given")


class SchoolPage(Schema):
    count: int
    page: int
    pages: int
    priority_fsm_percent: float
    results: list[SchoolOut]


class SchoolFilters(Schema):
    phase: str | None = None
    local_authority: str | None = None
    office: int | None = Field(None, description="an office id: distances, nearest first")
    max_km: float | None = Field(None, gt=0, le=1000, description="needs `office`")
    min_fsm: float | None = Field(None, ge=0, le=100)
    priority_only: bool = False
    include_closed: bool = False
    page: int = Field(1, ge=1)


@router.get("/outreach/offices", response=list[OfficeOut], summary="The organisation's offices")
def offices(request):
    return list(selectors.offices(viewer=request.auth))


@router.get("/outreach/schools", response=SchoolPage,
            summary="Schools in the register, filtered like the directory, 100 a page")
def schools(request, filters: Query[SchoolFilters]):
    office = None
    if filters.office is not None:
        office = next((o for o in selectors.offices(viewer=request.auth)
                       if o.pk == filters.office), None)
        if office is None:
            raise ApplicationError("There is no office with that id", status=404)
    if filters.max_km is not None and office is None:
        raise ApplicationError("max_km needs an office to measure from", status=422)
    rows = selectors.schools_directory(
        viewer=request.auth, phase=filters.phase, local_authority=filters.local_authority,
        office=office, max_km=filters.max_km, min_fsm=filters.min_fsm,
        priority_only=filters.priority_only, include_closed=filters.include_closed)
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(filters.page)
    return {"count": paginator.count, "page": page.number, "pages": paginator.num_pages,
            "priority_fsm_percent": selectors.priority_fsm_percent(),
            "results": [{**{f: getattr(r.school, f) for f in SchoolOut.model_fields
                            if f not in ("priority", "distance_km")},
                         "priority": r.priority, "distance_km": r.distance_km}
                        for r in page.object_list]}

"""API for volunteering under /api/v1/outreach/: open opportunities, signing up and
withdrawing, your sign-ups and your volunteer profile (the same selectors and services
as the pages, so a proposal is a 404 to a member here too)."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import Office
from upward.web.outreach.selectors import opportunities as selectors
from upward.web.outreach.selectors import volunteers as volunteer_selectors
from upward.web.outreach.services import volunteers as services

router = Router(tags=["outreach"])


class OpportunityOut(Schema):
    id: int
    kind: str
    title: str
    school: str | None
    school_urn: int | None
    starts_at: datetime
    ends_at: datetime
    format: str
    place: str
    year_groups: list[int]
    volunteers_needed: int
    confirmed: int
    waitlisted: int
    status: str
    url: str


class OpportunityDetailOut(OpportunityOut):
    description: str
    link: str
    pupils_expected: int | None
    volunteers: list[str]
    your_signup: str | None


class SignupOut(Schema):
    opportunity: OpportunityOut
    status: str
    signed_up_at: datetime
    promoted_at: datetime | None


def _opportunity(o) -> dict:
    return {"id": o.pk, "kind": o.kind, "title": o.title,
            "school": o.school.name if o.school else None,
            "school_urn": o.school.urn if o.school else None,
            "starts_at": o.starts_at, "ends_at": o.ends_at, "format": o.format,
            "place": o.place, "year_groups": o.year_groups,
            "volunteers_needed": o.volunteers_needed,
            "confirmed": getattr(o, "confirmed_count", 0),
            "waitlisted": getattr(o, "waitlisted_count", 0), "status": o.status,
            "url": reverse("outreach:opportunity", args=[o.pk])}


def _detail(viewer, pk: int) -> dict:
    require_capability(viewer, "volunteer")
    o = selectors.opportunity_for_viewer(viewer=viewer, pk=pk)
    signup = selectors.signup_of(viewer=viewer, opportunity=o)
    return {**_opportunity(o), "description": o.description, "link": o.link,
            "pupils_expected": o.pupils_expected, "volunteers": selectors.confirmed_names(o),
            "your_signup": signup.status if signup else None}


@router.get("/outreach/opportunities", response=list[OpportunityOut],
            summary="Open opportunities to volunteer")
def opportunity_list(request):
    require_capability(request.auth, "volunteer")
    return [_opportunity(o) for o in selectors.opportunities_upcoming(viewer=request.auth)[:200]]


@router.get("/outreach/opportunities/{opportunity_id}", response=OpportunityDetailOut,
            summary="One opportunity")
def opportunity_read(request, opportunity_id: int):
    return _detail(request.auth, opportunity_id)


@router.post("/outreach/opportunities/{opportunity_id}/signup", response=OpportunityDetailOut,
             summary="Sign up (confirmed, or on the waiting list when full)")
def opportunity_signup(request, opportunity_id: int):
    services.signup_create(actor=request.auth, opportunity_id=opportunity_id)
    return _detail(request.auth, opportunity_id)


@router.post("/outreach/opportunities/{opportunity_id}/withdraw",
             response=OpportunityDetailOut, summary="Withdraw your sign-up")
def opportunity_withdraw(request, opportunity_id: int):
    selectors.opportunity_for_viewer(viewer=request.auth, pk=opportunity_id)
    services.signup_withdraw(actor=request.auth, opportunity_id=opportunity_id)
    return _detail(request.auth, opportunity_id)


@router.get("/outreach/signups", response=list[SignupOut], summary="Your sign-ups")
def my_signups(request):
    require_capability(request.auth, "volunteer")
    visible = selectors.opportunities_visible_to(viewer=request.auth)
    by_pk = {o.pk: o for o in visible.filter(signups__volunteer=request.auth)}
    return [{"opportunity": _opportunity(by_pk[s.opportunity_id]), "status": s.status,
             "signed_up_at": s.created_at, "promoted_at": s.promoted_at}
            for s in selectors.signups_of(viewer=request.auth) if s.opportunity_id in by_pk]


class ProfileIO(Schema):
    activity_types: list[str] = []
    year_groups: list[int] = []
    base_office: str | None = Field(None, description="An office's name")
    travel_km: int = Field(10, ge=0, le=500)
    online: bool = True
    available: bool = True
    dbs_status: str = Field("", description="Information supplied; never a requirement")
    dbs_checked_on: date | None = None
    about: str = Field("", max_length=1000)


def _profile(p) -> dict:
    return {"activity_types": p.activity_types, "year_groups": p.year_groups,
            "base_office": p.base_office.name if p.base_office else None,
            "travel_km": p.travel_km, "online": p.online, "available": p.available,
            "dbs_status": p.dbs_status, "dbs_checked_on": p.dbs_checked_on, "about": p.about}


@router.get("/outreach/profile", response=ProfileIO, summary="Your volunteer profile")
def profile_read(request):
    require_capability(request.auth, "volunteer")
    found = volunteer_selectors.profile_of(viewer=request.auth)
    if found is None:
        raise ApplicationError("You have no volunteer profile yet.", status=404)
    return _profile(found)


@router.put("/outreach/profile", response=ProfileIO, summary="Save your volunteer profile")
def profile_write(request, payload: ProfileIO):
    data = payload.dict()
    office = None
    if data["base_office"]:
        office = Office.objects.filter(name=data["base_office"]).first()
        if office is None:
            raise ApplicationError(f"No office is called “{data['base_office']}”.")
    data["base_office"] = office
    return _profile(services.volunteer_profile_save(actor=request.auth, **data))

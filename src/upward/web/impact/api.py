"""Impact's JSON API under /api/v1/impact/: frameworks with their goals, initiatives,
KPIs with their yearly values. The same selectors and services as the pages; writes
need manage_impact (and, as everywhere, a token with the write scope)."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from pydantic import Field

try:  # django-ninja ≥ 1.5 wants an explicit Status for non-200 answers
    from ninja import Status
except ImportError:  # pragma: no cover - older django-ninja takes a (status, body) tuple
    def Status(status_code, value):  # noqa: N802
        return status_code, value

from upward.web.core.permissions import require_capability
from upward.web.impact.models import MAX_TEXT, Direction, InitiativeStatus, KpiKind, Unit
from upward.web.impact.selectors import frameworks as framework_selectors
from upward.web.impact.selectors import initiatives as selectors
from upward.web.impact.services import initiatives as services

router = Router(tags=["impact"])


class GoalOut(Schema):
    id: int
    number: int
    name: str
    label: str
    confirmed: bool
    provenance: str
    description: str
    source: str


class FrameworkOut(Schema):
    id: int
    key: str
    name: str
    publisher: str
    source: str
    shipped: bool
    goals: list[GoalOut]


class ValueOut(Schema):
    year: int
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    actual_suppressed: bool
    evidence: str
    inputs_hash: str


class KpiOut(Schema):
    id: int
    initiative_id: int
    name: str
    unit: str
    direction: str
    kind: str
    computed_key: str
    values: list[ValueOut]


class InitiativeOut(Schema):
    id: int
    name: str
    description: str
    owner: str | None
    budget_gbp: Decimal | None
    status: str
    goal_ids: list[int]
    kpis: list[KpiOut]


class InitiativeIn(Schema):
    name: str = Field(max_length=200)
    description: str = Field("", max_length=MAX_TEXT)
    budget_gbp: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    status: InitiativeStatus = InitiativeStatus.ACTIVE
    goal_ids: list[int]


class KpiIn(Schema):
    name: str = Field(max_length=200)
    unit: Unit = Unit.COUNT
    direction: Direction = Direction.HIGHER
    kind: KpiKind = KpiKind.MANUAL
    computed_key: str = ""


class ValueIn(Schema):
    year: int = Field(ge=2000, le=2100)
    baseline: Decimal | None = None
    target: Decimal | None = None
    actual: Decimal | None = None
    evidence: str = Field("", max_length=MAX_TEXT)


def _goal(goal) -> GoalOut:
    return GoalOut(id=goal.pk, number=goal.number, name=goal.name, label=goal.label,
                   confirmed=goal.confirmed, provenance=goal.provenance,
                   description=goal.description, source=goal.source)


def _kpi(kpi) -> KpiOut:
    return KpiOut(id=kpi.pk, initiative_id=kpi.initiative_id, name=kpi.name, unit=kpi.unit,
                  direction=kpi.direction, kind=kpi.kind, computed_key=kpi.computed_key,
                  values=[ValueOut(year=v.year, baseline=v.baseline, target=v.target,
                                   actual=None if v.actual_suppressed else v.actual,
                                   actual_suppressed=v.actual_suppressed,
                                   evidence=v.evidence, inputs_hash=v.inputs_hash)
                          for v in kpi.values.all()])


def _initiative(found) -> InitiativeOut:
    return InitiativeOut(
        id=found.pk, name=found.name, description=found.description,
        owner=selectors.person_name(found.owner) if found.owner else None,
        budget_gbp=found.budget_gbp, status=found.status,
        goal_ids=sorted(g.pk for g in found.goals.all()),
        kpis=[_kpi(k) for k in found.kpis.all()])


def _goals(ids: list[int]):
    goals = list(framework_selectors.goals_for_choice().filter(pk__in=ids))
    if len(goals) != len(set(ids)):
        raise Http404("No such goal.")
    return goals


@router.get("/impact/frameworks", response=list[FrameworkOut],
            summary="Outcome frameworks with their goals")
def frameworks(request):
    return [FrameworkOut(id=f.pk, key=f.key, name=f.name, publisher=f.publisher,
                         source=f.source, shipped=f.shipped,
                         goals=[_goal(g) for g in f.goals.all()])
            for f in framework_selectors.frameworks_visible_to(viewer=request.auth)]


@router.get("/impact/initiatives", response=list[InitiativeOut],
            summary="Initiatives with their goals, KPIs and values")
def initiatives(request):
    return [_initiative(i) for i in selectors.initiatives_visible_to(viewer=request.auth)]


@router.get("/impact/initiatives/{pk}", response=InitiativeOut, summary="One initiative")
def initiative(request, pk: int):
    return _initiative(selectors.initiative_get_for_viewer(viewer=request.auth, pk=pk))


@router.post("/impact/initiatives", response={201: InitiativeOut},
             summary="Create an initiative")
def initiative_create(request, data: InitiativeIn):
    require_capability(request.auth, "manage_impact")
    fields = data.dict()
    goals = _goals(fields.pop("goal_ids"))
    made = services.initiative_create(actor=request.auth, goals=goals, **fields)
    return Status(201, _initiative(selectors.initiative_get_for_viewer(viewer=request.auth,
                                                                       pk=made.pk)))


@router.delete("/impact/initiatives/{pk}", response={204: None},
               summary="Delete an initiative with its KPIs")
def initiative_delete(request, pk: int):
    found = selectors.initiative_get_for_manager(viewer=request.auth, pk=pk)
    services.initiative_delete(actor=request.auth, initiative=found)
    return Status(204, None)


@router.post("/impact/initiatives/{pk}/kpis", response={201: KpiOut},
             summary="Add a KPI to an initiative")
def kpi_create(request, pk: int, data: KpiIn):
    found = selectors.initiative_get_for_manager(viewer=request.auth, pk=pk)
    return Status(201, _kpi(services.kpi_create(actor=request.auth, initiative=found,
                                                **data.dict())))


@router.get("/impact/kpis", response=list[KpiOut], summary="Every KPI with its values")
def kpis(request):
    return [_kpi(k) for i in selectors.initiatives_visible_to(viewer=request.auth)
            for k in i.kpis.all()]


@router.put("/impact/kpis/{pk}/values", response=ValueOut,
            summary="Set a KPI's baseline, target (and a manual KPI's actual) for a year")
def kpi_value_set(request, pk: int, data: ValueIn):
    kpi = selectors.kpi_get_for_manager(viewer=request.auth, pk=pk)
    v = services.kpi_value_set(actor=request.auth, kpi=kpi, **data.dict())
    return ValueOut(year=v.year, baseline=v.baseline, target=v.target,
                    actual=None if v.actual_suppressed else v.actual,
                    actual_suppressed=v.actual_suppressed, evidence=v.evidence,
                    inputs_hash=v.inputs_hash)


# The annual report's snapshots (``api_report``), under the same /impact/ prefix.
from upward.web.impact.api_report import router as report_router  # noqa: E402

router.add_router("", report_router)

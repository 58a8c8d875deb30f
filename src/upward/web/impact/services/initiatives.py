"""Writes to initiatives and their KPIs (audited)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.impact.kpis import REGISTRY, computed_kpi
from upward.web.impact.models import Initiative, Kpi, KpiKind, KpiValue
from upward.web.impact.services._common import require_manager, save_checked

INITIATIVE_FIELDS = ("name", "description", "owner", "budget_gbp", "status")
KPI_FIELDS = ("name", "unit", "direction", "kind", "computed_key")


def _set_goals(initiative: Initiative, goals) -> None:
    goals = list(goals)
    if not goals:
        raise ApplicationError("Select at least one goal the initiative works towards",
                               field="goals")
    initiative.goals.set(goals)


@transaction.atomic
def initiative_create(*, actor, goals, **fields) -> Initiative:
    require_manager(actor)
    initiative = save_checked(Initiative(**{f: fields[f] for f in INITIATIVE_FIELDS
                                            if f in fields}))
    _set_goals(initiative, goals)
    audit_record(actor=actor, action="impact.initiative_create", target=initiative)
    return initiative


@transaction.atomic
def initiative_update(*, actor, initiative: Initiative, goals, **fields) -> Initiative:
    require_manager(actor)
    for name in INITIATIVE_FIELDS:
        if name in fields:
            setattr(initiative, name, fields[name])
    save_checked(initiative)
    _set_goals(initiative, goals)
    audit_record(actor=actor, action="impact.initiative_update", target=initiative)
    return initiative


@transaction.atomic
def initiative_delete(*, actor, initiative: Initiative) -> None:
    require_manager(actor)
    audit_record(actor=actor, action="impact.initiative_delete", target=initiative,
                 detail={"kpis": initiative.kpis.count()})
    initiative.delete()


def _check_kind(kpi: Kpi) -> None:
    if kpi.kind == KpiKind.COMPUTED:
        if kpi.computed_key not in REGISTRY:
            raise ApplicationError("Select what Upward computes for this KPI",
                                   field="computed_key")
        kpi.unit = computed_kpi(kpi.computed_key).unit
    else:
        kpi.computed_key = ""


@transaction.atomic
def kpi_create(*, actor, initiative: Initiative, **fields) -> Kpi:
    require_manager(actor)
    kpi = Kpi(initiative=initiative, **{f: fields[f] for f in KPI_FIELDS if f in fields})
    _check_kind(kpi)
    save_checked(kpi)
    audit_record(actor=actor, action="impact.kpi_create", target=kpi)
    return kpi


@transaction.atomic
def kpi_update(*, actor, kpi: Kpi, **fields) -> Kpi:
    require_manager(actor)
    for name in KPI_FIELDS:
        if name in fields:
            setattr(kpi, name, fields[name])
    _check_kind(kpi)
    save_checked(kpi)
    audit_record(actor=actor, action="impact.kpi_update", target=kpi)
    return kpi


@transaction.atomic
def kpi_delete(*, actor, kpi: Kpi) -> None:
    require_manager(actor)
    audit_record(actor=actor, action="impact.kpi_delete", target=kpi)
    kpi.delete()


@transaction.atomic
def kpi_value_set(*, actor, kpi: Kpi, year: int, baseline: Decimal | None,
                  target: Decimal | None, actual: Decimal | None = None,
                  evidence: str = "") -> KpiValue:
    """Record a year's baseline and target, and for a manual KPI its actual with the
    evidence for it. A computed KPI's actual comes only from :func:`kpis_compute`."""
    require_manager(actor)
    row = KpiValue.objects.select_for_update().filter(kpi=kpi, year=year).first() \
        or KpiValue(kpi=kpi, year=year)
    row.baseline, row.target = baseline, target
    if kpi.kind == KpiKind.MANUAL:
        if actual is not None and not evidence.strip():
            raise ApplicationError("Enter the evidence for the actual value", field="evidence")
        row.actual, row.actual_suppressed, row.evidence = actual, False, evidence.strip()
    save_checked(row)
    audit_record(actor=actor, action="impact.kpi_value_set", target=kpi,
                 detail={"year": year})
    return row


def _store(kpi: Kpi, year: int, result, now) -> KpiValue:
    row = KpiValue.objects.select_for_update().filter(kpi=kpi, year=year).first() \
        or KpiValue(kpi=kpi, year=year)
    # A suppressed value is stored as suppressed, never as a number.
    row.actual = None if result.suppressed or result.value is None else \
        Decimal(str(result.value))
    row.actual_suppressed = result.suppressed
    row.inputs, row.inputs_hash, row.computed_at = result.inputs, result.inputs_hash, now
    return save_checked(row)


@transaction.atomic
def kpis_compute(*, actor, year: int) -> int:
    """Recalculate every computed KPI's actual for ``year``; the number of KPIs done.
    Each registry entry is computed once however many KPIs use it."""
    if actor is not None:
        require_manager(actor)
    now = timezone.now()
    results = {}
    done = 0
    for kpi in Kpi.objects.filter(kind=KpiKind.COMPUTED).order_by("pk"):
        if kpi.computed_key not in results:
            results[kpi.computed_key] = computed_kpi(kpi.computed_key).compute(year)
        _store(kpi, year, results[kpi.computed_key], now)
        done += 1
    audit_record(actor=actor, action="impact.kpis_compute", object_type="kpi",
                 object_label=f"Computed KPIs for {year}", detail={"year": year, "kpis": done},
                 actor_label="" if actor else "Upward")
    return done

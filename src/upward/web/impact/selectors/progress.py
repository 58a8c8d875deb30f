"""Progress per goal for a year: each goal with its initiatives' KPIs, actual against
target (on track or behind), as rows for a table and a chart, and every KPI value as
rows for the CSV export. Suppressed actuals stay "not published" everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from upward.reports.tables import NOT_PUBLISHED, Cell, Chart, Table
from upward.web.core.permissions import can
from upward.web.impact.kpis import REGISTRY
from upward.web.impact.models import Direction, Goal, Kpi, KpiValue, Unit
from upward.web.impact.selectors.initiatives import kpi_value

ON_TRACK, BEHIND, NO_ACTUAL, NO_TARGET, SUPPRESSED = (
    "On track", "Behind", "No actual yet", "No target set", "Not published (fewer than k people)")


def format_value(value: Decimal | float | None, unit: str) -> str:
    if value is None:
        return ""
    number = float(value)
    if unit == Unit.PERCENT:
        return f"{100 * number:.1f}%"
    if unit == Unit.MONEY:
        return f"£{number:,.2f}"
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.2f}"


def kpi_status(kpi: Kpi, value: KpiValue | None) -> str:
    if value is not None and value.actual_suppressed:
        return SUPPRESSED
    if value is None or value.actual is None:
        return NO_ACTUAL
    if value.target is None:
        return NO_TARGET
    if kpi.direction == Direction.LOWER:
        return ON_TRACK if value.actual <= value.target else BEHIND
    return ON_TRACK if value.actual >= value.target else BEHIND


def share_of_target(kpi: Kpi, value: KpiValue | None) -> float | None:
    """How much of the target is reached (1.0 = met); None when it cannot be said."""
    if value is None or value.actual is None or not value.target or value.actual_suppressed:
        return None
    if kpi.direction == Direction.LOWER:
        return float(value.target / value.actual) if value.actual else None
    return float(value.actual / value.target)


@dataclass(frozen=True)
class KpiRow:
    initiative: str
    initiative_id: int
    kpi: str
    unit: str
    baseline: str
    target: str
    actual: str
    status: str
    share: float | None


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    rows: tuple[KpiRow, ...]
    table: Table


def _row(kpi: Kpi, year: int) -> KpiRow:
    value = kpi_value(kpi, year)
    actual = NOT_PUBLISHED if value and value.actual_suppressed else \
        format_value(value and value.actual, kpi.unit)
    return KpiRow(kpi.initiative.name, kpi.initiative_id, kpi.name, kpi.get_unit_display(),
                  format_value(value and value.baseline, kpi.unit),
                  format_value(value and value.target, kpi.unit), actual,
                  kpi_status(kpi, value), share_of_target(kpi, value))


@dataclass(frozen=True)
class InitiativeKpi:
    kpi: Kpi
    row: KpiRow
    method: str  # how it is computed, or the evidence for a manual actual
    inputs_hash: str


def kpi_rows_for(initiative, year: int) -> list[InitiativeKpi]:
    """An initiative's KPIs in ``year``, formatted, with the method or evidence."""
    result = []
    for kpi in initiative.kpis.all():
        value = kpi_value(kpi, year)
        method = REGISTRY[kpi.computed_key].description if kpi.computed_key in REGISTRY \
            else (value.evidence if value else "")
        result.append(InitiativeKpi(kpi, _row(kpi, year), method,
                                    value.inputs_hash if value else ""))
    return result


def _table(goal: Goal, rows: list[KpiRow], year: int) -> Table:
    labels = tuple(f"{r.initiative}: {r.kpi}" for r in rows)
    shares = tuple(r.share for r in rows)
    cells = tuple((label, (Cell(r.target or "—"), Cell(r.actual or "—"),
                           Cell(NOT_PUBLISHED if r.share is None else f"{100 * r.share:.0f}%",
                                r.share), Cell(r.status)))
                  for label, r in zip(labels, rows, strict=True))
    return Table(
        id=f"goal_{goal.pk}_{year}", title=f"{goal.label}: progress in {year}",
        description="Each KPI's actual against its target; 100% means the target is met.",
        columns=("KPI", "Target", "Actual", "Share of target", "Status"),
        kinds=("text", "text", "percent", "text"), rows=cells,
        chart=Chart(kind="bars", categories=labels,
                    series=(("Share of target reached", shares),), unit="percent",
                    summary=f"Share of each KPI's {year} target reached for {goal.label}."))


def progress_by_goal(*, viewer, year: int) -> list[GoalProgress]:
    """Goals that have at least one initiative, with their KPIs' progress in ``year``."""
    if not can(viewer, "view_impact"):
        return []
    goals = (Goal.objects.filter(initiatives__isnull=False).distinct()
             .select_related("framework")
             .prefetch_related("initiatives__kpis__values", "initiatives__kpis__initiative")
             .order_by("framework__name", "number"))
    result = []
    for goal in goals:
        rows = [_row(kpi, year) for initiative in goal.initiatives.all()
                for kpi in initiative.kpis.all()]
        result.append(GoalProgress(goal, tuple(rows), _table(goal, rows, year)))
    return result


def years_with_values() -> list[int]:
    return list(KpiValue.objects.order_by("year").values_list("year", flat=True).distinct())


CSV_HEADER = ["Initiative", "KPI", "Kind", "Computed from", "Unit", "Direction", "Year",
              "Baseline", "Target", "Actual", "Status", "Evidence", "Inputs hash"]


def kpi_value_rows(values) -> list[list[str]]:
    """Every KPI value as CSV rows (header first); a suppressed actual is "not published"."""
    rows = [CSV_HEADER]
    for value in values:
        kpi = value.kpi
        rows.append([
            kpi.initiative.name, kpi.name, kpi.get_kind_display(), kpi.computed_key,
            kpi.get_unit_display(), kpi.get_direction_display(), value.year,
            _plain(value.baseline), _plain(value.target),
            NOT_PUBLISHED if value.actual_suppressed else _plain(value.actual),
            kpi_status(kpi, value), value.evidence, value.inputs_hash])
    return rows


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")

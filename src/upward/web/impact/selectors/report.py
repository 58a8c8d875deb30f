"""The annual report: its snapshots, and every figure it publishes, collected once.

:func:`report_figures` gathers a year's figures through selectors only — KPI values as
stored (never recomputed), outreach totals, the workforce's released insights (already
through disclosure control), quotes from stories approved for the public — each with its
provenance (source, period, k, inputs hash). ``services.report`` freezes the result in a
:class:`~upward.web.impact.models.ReportSnapshot`; :mod:`upward.reports.annual` renders it.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from upward.reports.annual import content_hash
from upward.reports.disclosure import suppress
from upward.reports.tables import NOT_PUBLISHED, Table
from upward.reports.workforce import WorkforceInsights
from upward.web.community.selectors.stories import public_stories
from upward.web.core.content.identity import public_name
from upward.web.core.permissions import can
from upward.web.impact.kpis import REGISTRY, canonical_hash
from upward.web.impact.models import Framework, Goal, KpiValue, ReportSnapshot
from upward.web.impact.selectors import progress
from upward.web.insights.selectors import disclosure_threshold, latest_release, latest_snapshot
from upward.web.outreach.selectors.impact import outreach_impact_for_report

QUOTES = 3
QUOTE_CHARS = 280
HEADLINE_KPIS = ("network_members", "stories_published", "outreach_pupils",
                 "outreach_priority_share", "outreach_volunteers")
#: Workforce sections of the insights release → the report's section.
WORKFORCE_SECTIONS = {"profile": "workforce", "representation": "workforce",
                      "progression": "progression", "pay": "progression"}


# --- snapshots ---------------------------------------------------------------------------


def snapshots_visible_to(*, viewer) -> QuerySet[ReportSnapshot]:
    if not can(viewer, "view_impact"):
        return ReportSnapshot.objects.none()
    return ReportSnapshot.objects.all()


def snapshot_get_for_viewer(*, viewer, pk: int) -> ReportSnapshot:
    found = snapshots_visible_to(viewer=viewer).filter(pk=pk).first()
    if found is None:
        raise Http404("No such report snapshot.")
    return found


def snapshot_get_for_manager(*, viewer, pk: int) -> ReportSnapshot:
    if not can(viewer, "manage_impact"):
        raise Http404("No such report snapshot.")
    return snapshot_get_for_viewer(viewer=viewer, pk=pk)


def snapshot_get(pk: int) -> ReportSnapshot | None:
    """For the command line (someone with access to the server): no viewer."""
    return ReportSnapshot.objects.filter(pk=pk).first()


def snapshot_document(snapshot: ReportSnapshot) -> dict[str, Any]:
    """What :func:`upward.reports.annual.render_annual_report` draws."""
    return {"year": snapshot.year, "foreword": snapshot.foreword, "figures": snapshot.figures,
            "content_hash": snapshot.content_hash, "status": snapshot.status,
            "organisation": snapshot.figures.get("organisation", "")}


# --- figures -----------------------------------------------------------------------------


def _period(year: int) -> list[str]:
    return [date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()]


def _clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become None, tuples lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _section_of(computed_key: str) -> str:
    if computed_key in ("network_members", "stories_published") or \
            computed_key.startswith(("network", "stories", "community")):
        return "network"
    for prefix in ("outreach", "mentoring", "awards"):
        if computed_key.startswith(prefix):
            return prefix
    return "other"


def _kpi_text(value: KpiValue | None, unit: str) -> str:
    if value is None or (value.actual is None and not value.actual_suppressed):
        return "no actual recorded"
    if value.actual_suppressed:
        return NOT_PUBLISHED
    return progress.format_value(value.actual, unit)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _kpi_entries(year: int) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    values = (KpiValue.objects.filter(year__in=(year, year - 1))
              .select_related("kpi__initiative").order_by("kpi__initiative__name", "kpi__name",
                                                           "kpi__pk", "year"))
    by_kpi: dict[int, dict[int, KpiValue]] = {}
    for value in values:
        by_kpi.setdefault(value.kpi_id, {})[value.year] = value
    headline_done: set[str] = set()
    for found in by_kpi.values():
        value, before = found.get(year), found.get(year - 1)
        if value is None:
            continue
        kpi = value.kpi
        computed = kpi.computed_key in REGISTRY
        if computed:
            source = f"{REGISTRY[kpi.computed_key].description} Query: " \
                     f"{value.inputs.get('query', kpi.computed_key)}"
        else:
            source = f"Entered by hand. Evidence: {value.evidence or 'none recorded'}"
        entry = {
            "kind": "number", "label": f"{kpi.initiative.name}: {kpi.name}",
            "section": _section_of(kpi.computed_key) if computed else "other",
            "value": None if value.actual_suppressed else _number(value.actual),
            "suppressed": value.actual_suppressed, "text": _kpi_text(value, kpi.unit),
            "unit": kpi.unit, "source": source,
            "period": value.inputs.get("period") or _period(year),
            "k": value.inputs.get("k"),
            "inputs_hash": value.inputs_hash or canonical_hash(
                {"kpi": kpi.pk, "year": year, "actual": _number(value.actual),
                 "evidence": value.evidence}),
            "target": _number(value.target), "baseline": _number(value.baseline),
        }
        if computed and kpi.computed_key in HEADLINE_KPIS and \
                kpi.computed_key not in headline_done and not value.actual_suppressed:
            entry["headline"] = True
            headline_done.add(kpi.computed_key)
        if before is not None and (before.actual is not None or before.actual_suppressed):
            entry["previous"] = {"year": year - 1, "suppressed": before.actual_suppressed,
                                 "value": None if before.actual_suppressed
                                 else _number(before.actual),
                                 "text": _kpi_text(before, kpi.unit)}
        entries[f"kpi_{kpi.pk}"] = entry
    return entries


def _outreach_entries(year: int, k: int) -> dict[str, dict[str, Any]]:
    query = ("outreach.selectors.impact.outreach_impact_for_report(start, end): engagements "
             "held in the period with an outcome recorded")
    now, before = (outreach_impact_for_report(start=date(y, 1, 1), end=date(y, 12, 31))
                   for y in (year, year - 1))

    def figures(impact) -> dict[str, tuple[float | None, str, bool, int | None]]:
        few = bool(suppress([impact.volunteers], k=k, margins=False).suppressed[0])
        hours = float(Decimal(impact.volunteer_hours))
        share = impact.priority_share
        return {
            "engagements": (float(impact.engagements), f"{impact.engagements:,}", False, None),
            "schools": (float(impact.schools), f"{impact.schools:,}", False, None),
            "pupils": (float(impact.pupils), f"{impact.pupils:,}", False, None),
            "priority_share": (None if share is None else round(share, 3),
                               NOT_PUBLISHED if share is None else f"{100 * share:.1f}%",
                               False, None),
            "volunteers": (None if few else float(impact.volunteers),
                           NOT_PUBLISHED if few else f"{impact.volunteers:,}", few, k),
            "volunteer_hours": (None if few else hours,
                                NOT_PUBLISHED if few else f"{hours:,.1f}", few, k),
        }

    labels = {"engagements": ("Engagements with schools", "count"),
              "schools": ("Schools worked with", "count"),
              "pupils": ("Pupils reached (schools' totals)", "count"),
              "priority_share": ("Share of pupils from priority schools", "percent"),
              "volunteers": ("Volunteers with schools", "count"),
              "volunteer_hours": ("Volunteer hours with schools", "hours")}
    current, previous = figures(now), figures(before)
    entries = {}
    for name, (value, text, suppressed, used_k) in current.items():
        label, unit = labels[name]
        inputs = {"figure": f"outreach_{name}", "query": query, "period": _period(year),
                  "k": used_k, "value": value, "suppressed": suppressed}
        p_value, p_text, p_suppressed, _ = previous[name]
        entries[f"outreach_{name}"] = {
            "kind": "number", "label": label, "section": "outreach", "value": value,
            "suppressed": suppressed, "text": text, "unit": unit,
            "source": query + ("; suppressed when fewer than k people volunteered"
                               if used_k else "; schools' totals, not people Upward holds"),
            "period": _period(year), "k": used_k, "inputs_hash": canonical_hash(inputs),
            "previous": {"year": year - 1, "value": p_value, "text": p_text,
                         "suppressed": p_suppressed},
        }
    return entries


def _workforce(year: int) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The released workforce insights of the latest HR snapshot dated in or before the
    year (already through disclosure control), or why there are none."""
    missing = ("Not available: there is no released workforce analysis (HR snapshot and "
               "background survey) dated in or before {year}. Upward publishes workforce "
               "figures only from a released, disclosure-controlled analysis.")
    snapshot = latest_snapshot()
    release = latest_release(snapshot) if snapshot is not None else None
    if release is None or snapshot.snapshot_date.year > year:
        note = missing.format(year=year)
        return {}, {"workforce": note, "progression": note}
    insights = WorkforceInsights.from_json(bytes(release.figures).decode())
    period = [insights.snapshot_date.isoformat()] * 2
    source = (f"insights release {release.pk} of the HR snapshot dated "
              f"{insights.snapshot_date.isoformat()}: {{title}}, as released (suppressed "
              f"below k)")
    entries: dict[str, dict[str, Any]] = {}
    unavailable: dict[str, str] = {}
    for section in insights.sections:
        target = WORKFORCE_SECTIONS.get(section.id)
        if target is None:
            continue
        if section.withheld:
            unavailable[target] = " ".join(filter(None, [unavailable.get(target),
                                                         f"{section.title}: {section.withheld}"]))
        for table in section.tables:
            record = _clean(dataclasses.asdict(table))
            entries[f"workforce_{table.id}"] = {
                "kind": "table", "label": table.title, "section": target, "table": record,
                "source": source.format(title=section.title), "period": period,
                "k": insights.k, "inputs_hash": content_hash(record)}
    for target in ("workforce", "progression"):
        if not any(e["section"] == target for e in entries.values()) and target not in \
                unavailable:
            unavailable[target] = "Not available: the released analysis has no tables for " \
                                  "this section."
    return entries, unavailable


def _quotes(year: int) -> dict[str, dict[str, Any]]:
    """Excerpts of stories approved for the public, published in the year (anonymous ones
    without a name)."""
    stories = public_stories().filter(published_at__year=year)[:QUOTES]
    entries = {}
    for story in stories:
        text = next((t.strip() for t in (story.cover_quote, story.prompt_now,
                                          story.prompt_turning, story.prompt_started,
                                          story.body) if t and t.strip()), "")
        if not text:
            continue
        if len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
        attribution = "A network member (anonymous)" if story.is_anonymous \
            else public_name(story)
        inputs = {"story": story.pk, "text": text}
        entries[f"quote_{story.pk}"] = {
            "kind": "quote", "label": story.title, "section": "network", "text": text,
            "attribution": attribution,
            "source": "community.selectors.stories.public_stories(): a story its author "
                      "published and a network lead approved for the public",
            "period": _period(year), "k": None, "inputs_hash": canonical_hash(inputs)}
    return entries


def _progress(year: int) -> dict[str, dict[str, Any]]:
    goals = (Goal.objects.filter(initiatives__isnull=False).distinct()
             .select_related("framework")
             .prefetch_related("initiatives__kpis__values", "initiatives__kpis__initiative")
             .order_by("framework__name", "number"))
    entries = {}
    for goal in goals:
        rows = [progress._row(kpi, year) for initiative in goal.initiatives.all()  # noqa: SLF001
                for kpi in initiative.kpis.all()]
        table: Table = progress._table(goal, rows, year)  # noqa: SLF001
        record = _clean(dataclasses.asdict(dataclasses.replace(
            table, title=f"{goal.framework.name}: {table.title}")))
        entries[f"progress_goal_{goal.pk}"] = {
            "kind": "table", "label": f"{goal.framework.name}: {goal.label}",
            "section": "progress", "table": record,
            "source": "impact KPI values of the year (KpiValue rows) against their targets, "
                      "for every initiative mapped to the goal",
            "period": _period(year), "k": None, "inputs_hash": content_hash(record)}
    return entries


def report_figures(year: int) -> dict[str, Any]:
    """Every figure of ``year``'s report with its provenance: what a snapshot freezes."""
    k = disclosure_threshold()
    workforce, unavailable = _workforce(year)
    entries: dict[str, dict[str, Any]] = {}
    entries.update(_kpi_entries(year))
    entries.update(_outreach_entries(year, k))
    entries.update(workforce)
    entries.update(_quotes(year))
    entries.update(_progress(year))
    benchmarks = [{"name": f.name, "publisher": f.publisher, "published": f.published,
                   "source": f.source} for f in Framework.objects.order_by("name", "pk")]
    return _clean({"year": year, "k": k, "organisation": settings.UPWARD_ORGANISATION_NAME,
                   "entries": entries, "order": list(entries), "unavailable": unavailable,
                   "benchmarks": benchmarks})

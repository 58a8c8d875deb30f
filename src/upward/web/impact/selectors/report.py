"""The annual report: its snapshots, and every figure it publishes, collected once.

:func:`report_figures` gathers a year's figures through selectors only — the platform's
own figures (the computed-KPI registry, worked out for the year and the year before,
whether or not anyone made a KPI of them), outreach totals, initiatives' KPI values as
stored (never recomputed) with their targets, progress per framework, the workforce's
released insights (already through disclosure control), quotes from stories approved for
the public — each with its provenance (source, period, k, inputs hash).
``services.report`` freezes the result in a
:class:`~upward.web.impact.models.ReportSnapshot`; :mod:`upward.reports.annual` renders it.

The figures dict (the renderer's contract)::

    {"year", "k", "organisation", "entries": {key: entry}, "order": [keys],
     "headline": [keys of published headline figures, in display order],
     "unavailable": {section: why}, "benchmarks": [...]}

Every entry has ``kind`` (number, table or quote), ``label``, ``section``, ``source``,
``period``, ``k`` and ``inputs_hash``. Numbers add ``value`` (None when suppressed or not
available), ``suppressed``, ``text``, ``unit``, usually ``previous`` {year, value,
suppressed, text} and, when both years are published, ``change`` {direction, text}.
Headline numbers carry ``headline: true``; initiatives' KPIs (section "initiatives")
carry the initiative, the KPI, baseline and target, status and share of target; survey
question tables carry ``appendix: true``.
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
from upward.reports.tables import NOT_PUBLISHED, Cell, Chart, Table
from upward.reports.workforce import WorkforceInsights
from upward.web.community.selectors.stories import public_stories
from upward.web.core.content.identity import public_name
from upward.web.core.permissions import can
from upward.web.impact.kpis import REGISTRY, canonical_hash
from upward.web.impact.models import Framework, Goal, KpiKind, KpiValue, ReportSnapshot, Unit
from upward.web.impact.selectors import progress
from upward.web.insights.selectors import disclosure_threshold, latest_release, latest_snapshot
from upward.web.outreach.selectors.impact import outreach_impact_for_report

QUOTES = 3
QUOTE_CHARS = 280
#: The report's headline figures in display order (those published are shown).
HEADLINE = ("platform_network_members", "outreach_pupils", "outreach_priority_share",
            "outreach_volunteer_hours", "platform_mentoring_pairs_started",
            "platform_events_attendees", "platform_insights_lower_share",
            "platform_insights_pay_gap_median", "platform_awards_entries",
            "platform_stories_published")
NOT_AVAILABLE = "not available"
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


def _platform_section(key: str) -> str:
    """The report section of a registry figure."""
    if key in ("network_members", "stories_published") or key.startswith("events_"):
        return "network"
    if key.startswith("insights_lower_share"):
        return "workforce"
    if key.startswith("insights_pay_gap_"):
        return "progression"
    for prefix in ("mentoring", "awards"):
        if key.startswith(prefix + "_"):
            return prefix
    return "other"


def _result_text(value: float | None, suppressed: bool, unit: str) -> str:
    if suppressed:
        return NOT_PUBLISHED
    if value is None:
        return NOT_AVAILABLE
    return progress.format_value(value, unit)


def _platform_entries(year: int) -> dict[str, dict[str, Any]]:
    """Every registry figure but outreach's (which has its own entries), for the year and
    the year before, whether or not an initiative has a KPI for it. A suppressed result
    carries no number (the registry keeps it out of ``inputs`` too)."""
    entries: dict[str, dict[str, Any]] = {}
    for key, figure in REGISTRY.items():
        if key.startswith("outreach_"):
            continue
        now, before = figure.compute(year), figure.compute(year - 1)
        inputs = now.inputs
        entries[f"platform_{key}"] = {
            "kind": "number", "label": figure.label, "section": _platform_section(key),
            "value": now.value, "suppressed": now.suppressed,
            "text": _result_text(now.value, now.suppressed, figure.unit), "unit": figure.unit,
            "source": f"{figure.description} Query: {inputs['query']}",
            "period": inputs["period"], "k": inputs.get("k", inputs.get("release_k")),
            "inputs_hash": now.inputs_hash,
            "previous": {"year": year - 1, "value": before.value,
                         "suppressed": before.suppressed,
                         "text": _result_text(before.value, before.suppressed, figure.unit)},
        }
    return entries


def _kpi_text(value: KpiValue | None, unit: str) -> str:
    if value is None or (value.actual is None and not value.actual_suppressed):
        return "no actual recorded"
    if value.actual_suppressed:
        return NOT_PUBLISHED
    return progress.format_value(value.actual, unit)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _kpi_entries(year: int) -> dict[str, dict[str, Any]]:
    """Initiatives' KPIs with a value for the year, by initiative then KPI name: the
    actual as stored, with baseline, target, status and share of target."""
    entries: dict[str, dict[str, Any]] = {}
    values = (KpiValue.objects.filter(year__in=(year, year - 1))
              .select_related("kpi__initiative").order_by("kpi__initiative__name", "kpi__name",
                                                           "kpi__pk", "year"))
    by_kpi: dict[int, dict[int, KpiValue]] = {}
    for value in values:
        by_kpi.setdefault(value.kpi_id, {})[value.year] = value
    for found in by_kpi.values():
        value, before = found.get(year), found.get(year - 1)
        if value is None:
            continue
        kpi = value.kpi
        manual = kpi.kind == KpiKind.MANUAL
        if kpi.computed_key in REGISTRY:
            source = f"{REGISTRY[kpi.computed_key].description} Query: " \
                     f"{value.inputs.get('query', kpi.computed_key)}"
        else:
            source = f"Entered by hand. Evidence: {value.evidence or 'none recorded'}"
        entry = {
            "kind": "number", "label": f"{kpi.initiative.name}: {kpi.name}",
            "section": "initiatives", "initiative": kpi.initiative.name,
            "initiative_description": kpi.initiative.description, "kpi": kpi.name,
            "value": None if value.actual_suppressed else _number(value.actual),
            "suppressed": value.actual_suppressed, "text": _kpi_text(value, kpi.unit),
            "unit": kpi.unit, "source": source,
            "period": value.inputs.get("period") or _period(year),
            "k": value.inputs.get("k"),
            "inputs_hash": value.inputs_hash or canonical_hash(
                {"kpi": kpi.pk, "year": year, "actual": _number(value.actual),
                 "evidence": value.evidence}),
            "target": _number(value.target), "baseline": _number(value.baseline),
            "baseline_text": progress.format_value(value.baseline, kpi.unit),
            "target_text": progress.format_value(value.target, kpi.unit),
            "status": progress.kpi_status(kpi, value),
            "share": progress.share_of_target(kpi, value), "manual": manual,
        }
        if manual:
            entry["evidence"] = value.evidence
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
            entry = {"kind": "table", "label": table.title, "section": target,
                     "table": record, "source": source.format(title=section.title),
                     "period": period, "k": insights.k, "inputs_hash": content_hash(record)}
            if table.id.startswith("question_"):  # the survey's answers, question by question
                entry["appendix"] = True
            entries[f"workforce_{table.id}"] = entry
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
    """One table per framework with a goal mapped to an initiative: a row per goal and KPI
    (actual against target), and a chart of the share of each target reached."""
    goals = (Goal.objects.filter(initiatives__isnull=False).distinct()
             .select_related("framework")
             .prefetch_related("initiatives__kpis__values", "initiatives__kpis__initiative")
             .order_by("framework__name", "framework__pk", "number"))
    by_framework: dict[int, list[Goal]] = {}
    for goal in goals:
        by_framework.setdefault(goal.framework_id, []).append(goal)
    entries = {}
    for framework_goals in by_framework.values():
        framework = framework_goals[0].framework
        rows = [(goal, progress._row(kpi, year))  # noqa: SLF001
                for goal in framework_goals for initiative in goal.initiatives.all()
                for kpi in initiative.kpis.all()]
        table = Table(
            id=f"progress_{framework.key}_{year}",
            title=f"{framework.name}: progress in {year}",
            description="Each KPI of the initiatives mapped to a goal, its actual against "
                        "its target; 100% means the target is met.",
            columns=("Goal and KPI", "Initiative", "Target", "Actual", "Share of target",
                     "Status"),
            kinds=("text", "number", "number", "percent", "text"),
            rows=tuple((f"{goal.label}: {row.kpi}", (
                Cell(row.initiative), Cell(row.target or "—"), Cell(row.actual or "—"),
                Cell(NOT_PUBLISHED if row.share is None else f"{100 * row.share:.0f}%",
                     row.share), Cell(row.status))) for goal, row in rows),
            chart=Chart(kind="bars",
                        categories=tuple(f"{goal.number}: {row.kpi}" for goal, row in rows),
                        series=(("Share of target reached",
                                 tuple(row.share for _, row in rows)),),
                        unit="percent",
                        summary=f"Share of each KPI's {year} target reached, by goal of "
                                f"{framework.name}."))
        record = _clean(dataclasses.asdict(table))
        entries[f"progress_{framework.key}"] = {
            "kind": "table", "label": framework.name, "section": "progress", "table": record,
            "source": "impact KPI values of the year (KpiValue rows) against their targets, "
                      "for every initiative mapped to a goal of the framework",
            "period": _period(year), "k": None, "inputs_hash": content_hash(record)}
    return entries


def _change(unit: str, value: float, previous: float, previous_year: int) -> dict[str, str]:
    """How a published figure moved since the year before: percentages in percentage
    points, other units as a relative change (an absolute one from zero)."""
    if value == previous:
        return {"direction": "same", "text": f"no change on {previous_year}"}
    difference = value - previous
    if unit == Unit.PERCENT:
        text = f"{100 * difference:+.1f} points"
    elif previous == 0:
        text = ("+" if difference > 0 else "-") + progress.format_value(abs(difference), unit)
    else:
        relative = 100 * difference / abs(previous)
        text = f"{relative:+.0f}%" if abs(relative) >= 0.5 else f"{relative:+.1f}%"
    return {"direction": "up" if difference > 0 else "down",
            "text": f"{text} on {previous_year}"}


def _published(entry: dict[str, Any]) -> bool:
    return not entry["suppressed"] and entry["value"] is not None


def _add_changes(entries: dict[str, dict[str, Any]]) -> None:
    for entry in entries.values():
        before = entry.get("previous") if entry["kind"] == "number" else None
        if before and _published(entry) and _published(before):
            entry["change"] = _change(entry["unit"], entry["value"], before["value"],
                                      before["year"])


def _headline(entries: dict[str, dict[str, Any]]) -> list[str]:
    """The published headline figures in display order, each marked ``headline``."""
    keys = [key for key in HEADLINE if key in entries and _published(entries[key])]
    for key in keys:
        entries[key]["headline"] = True
    return keys


def report_figures(year: int) -> dict[str, Any]:
    """Every figure of ``year``'s report with its provenance: what a snapshot freezes."""
    k = disclosure_threshold()
    workforce, unavailable = _workforce(year)
    entries: dict[str, dict[str, Any]] = {}
    entries.update(_platform_entries(year))
    entries.update(_outreach_entries(year, k))
    entries.update(_kpi_entries(year))
    entries.update(workforce)
    entries.update(_quotes(year))
    entries.update(_progress(year))
    _add_changes(entries)
    headline = _headline(entries)
    benchmarks = [{"name": f.name, "publisher": f.publisher, "published": f.published,
                   "source": f.source} for f in Framework.objects.order_by("name", "pk")]
    return _clean({"year": year, "k": k, "organisation": settings.UPWARD_ORGANISATION_NAME,
                   "entries": entries, "order": list(entries), "headline": headline,
                   "unavailable": unavailable, "benchmarks": benchmarks})

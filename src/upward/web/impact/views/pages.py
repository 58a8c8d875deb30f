"""Impact pages everyone who may view impact opens: the overview, a framework, an
initiative, progress per goal and the CSV of every KPI value."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe

from upward.reports.charts import render_chart
from upward.reports.csv_export import write_csv
from upward.web.core.audit import audit_record
from upward.web.core.permissions import can, capability_required
from upward.web.impact.kpis import REGISTRY
from upward.web.impact.selectors import frameworks as framework_selectors
from upward.web.impact.selectors import initiatives as initiative_selectors
from upward.web.impact.selectors import progress as progress_selectors
from upward.web.impact.views.common import year_from


@capability_required("view_impact")
def home(request):
    viewer = request.user
    return render(request, "impact/home.html", {
        "frameworks": framework_selectors.frameworks_visible_to(viewer=viewer),
        "initiatives": initiative_selectors.initiatives_visible_to(viewer=viewer),
        "may_manage": can(viewer, "manage_impact"), "year": year_from(request),
        "registry": REGISTRY.values(),
    })


@capability_required("view_impact")
def framework(request, pk: int):
    found = framework_selectors.framework_get_for_viewer(viewer=request.user, pk=pk)
    return render(request, "impact/framework.html", {
        "framework": found, "goals": found.goals.all(),
        "may_manage": can(request.user, "manage_impact")})


@capability_required("view_impact")
def initiative(request, pk: int):
    found = initiative_selectors.initiative_get_for_viewer(viewer=request.user, pk=pk)
    year = year_from(request)
    return render(request, "impact/initiative.html", {
        "initiative": found, "year": year,
        "kpis": progress_selectors.kpi_rows_for(found, year),
        "owner": initiative_selectors.person_name(found.owner) if found.owner else "",
        "may_manage": can(request.user, "manage_impact")})


@capability_required("view_impact")
def progress(request):
    year = year_from(request)
    goals = progress_selectors.progress_by_goal(viewer=request.user, year=year)
    charts = [(g, mark_safe(render_chart(g.table, id_prefix="progress")))  # noqa: S308 escaped
              for g in goals]
    years = sorted({*progress_selectors.years_with_values(), year})
    return render(request, "impact/progress.html", {
        "goals": charts, "year": year, "years": years})


@capability_required("view_impact")
def export_csv(request):
    values = initiative_selectors.kpi_values_visible_to(viewer=request.user)
    rows = progress_selectors.kpi_value_rows(values)
    audit_record(actor=request.user, action="impact.export", object_type="kpi",
                 object_label="KPI values (CSV)", detail={"rows": len(rows) - 1},
                 request=request)
    response = HttpResponse(write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kpi-values.csv"'
    return response


urlpatterns = [
    path("impact/", home, name="home"),
    path("impact/progress/", progress, name="progress"),
    path("impact/kpi-values.csv", export_csv, name="export_csv"),
    path("impact/frameworks/<int:pk>/", framework, name="framework"),
    path("impact/initiatives/<int:pk>/", initiative, name="initiative"),
]

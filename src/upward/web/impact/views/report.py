"""The annual impact report's pages: snapshots, generating one, the preview, the
foreword, publishing, and downloads (PDF, HTML, the workforce section as CSV).

The PDF is laid out by the worker (:mod:`upward.web.impact.tasks`), not in the request:
``report.pdf`` serves the stored PDF when it is current, else sends the reader to the PDF's
progress page, which refreshes itself (htmx polling, or a meta refresh without JavaScript)
until the PDF is ready."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from upward.reports.annual import employer_index_rows, render_annual_report, report_body
from upward.reports.csv_export import write_csv
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import can, capability_required
from upward.web.impact.models import ReportStatus
from upward.web.impact.report_forms import ForewordForm, ReportYearForm
from upward.web.impact.selectors import report as selectors
from upward.web.impact.selectors.report_pdf import report_pdf_bytes, report_pdf_state
from upward.web.impact.services import report as services
from upward.web.impact.views.common import year_from


@capability_required("view_impact")
def report_list(request):
    return render(request, "impact/report_list.html", {
        "snapshots": selectors.snapshots_visible_to(viewer=request.user),
        "may_manage": can(request.user, "manage_impact"),
        "form": ReportYearForm(initial={"year": year_from(request)})})


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def report_generate(request):
    year = year_from(request)
    if request.method == "POST":
        try:
            made = services.report_snapshot_create(actor=request.user, year=year)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("impact:report_list")
        messages.success(request, f"The {year} report's figures are frozen in a snapshot.")
        return redirect("impact:report_preview", pk=made.pk)
    return confirmation_page(
        request, title=f"Generate the {year} impact report?", danger=False,
        button=f"Generate the {year} report",
        explanation=[f"The computed KPIs of {year} are recalculated first, so an "
                     "initiative's KPI and the platform figure it comes from agree.",
                     f"Then every figure of {year} is collected — KPI values, network, "
                     "mentoring, events, outreach and awards figures, released workforce "
                     "figures, approved stories — and frozen in a new snapshot with its "
                     "content hash."],
        cancel_url=reverse("impact:report_list"))


def _document(snapshot) -> str:
    return render_annual_report(selectors.snapshot_document(snapshot))


@capability_required("view_impact")
def report_preview(request, pk: int):
    snapshot = selectors.snapshot_get_for_viewer(viewer=request.user, pk=pk)
    body = report_body(selectors.snapshot_document(snapshot))
    return render(request, "impact/report_preview.html", {
        "snapshot": snapshot, "body": mark_safe(body),  # noqa: S308 (escaped by annual)
        "draft": snapshot.status == ReportStatus.DRAFT,
        "may_manage": can(request.user, "manage_impact"),
        "pdf": report_pdf_state(snapshot=snapshot)})


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def report_foreword(request, pk: int):
    snapshot = selectors.snapshot_get_for_manager(viewer=request.user, pk=pk)
    form = ForewordForm(request.POST or None, initial={"foreword": snapshot.foreword})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_foreword_update(actor=request.user, snapshot=snapshot,
                                            **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Foreword saved.")
            return redirect("impact:report_preview", pk=pk)
    return render(request, "impact/report_foreword.html", {"form": form, "snapshot": snapshot})


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def report_publish(request, pk: int):
    snapshot = selectors.snapshot_get_for_manager(viewer=request.user, pk=pk)
    back = reverse("impact:report_preview", args=[pk])
    if request.method == "POST":
        try:
            services.report_snapshot_publish(actor=request.user, snapshot=snapshot)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"The {snapshot.year} report is published.")
        return redirect(back)
    return confirmation_page(
        request, title=f"Publish the {snapshot.year} report?", button="Publish the report",
        danger=False, cancel_url=back,
        explanation="The report loses its Draft mark and its foreword can no longer change.")


def _download(request, snapshot, *, content, content_type: str, name: str, kind: str):
    services.report_downloaded(actor=request.user, snapshot=snapshot, kind=kind,
                               request=request)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@capability_required("view_impact")
def report_pdf(request, pk: int):
    snapshot = selectors.snapshot_get_for_viewer(viewer=request.user, pk=pk)
    pdf = report_pdf_bytes(snapshot=snapshot)
    if pdf is None:
        return redirect("impact:report_pdf_progress", pk=pk)
    return _download(request, snapshot, content=pdf, content_type="application/pdf",
                     name=f"impact-report-{snapshot.year}.pdf", kind="pdf")


@capability_required("view_impact")
@require_http_methods(["GET", "POST"])
def report_pdf_progress(request, pk: int):
    """Where the PDF is; POST asks for it to be laid out (again, after a failure)."""
    snapshot = selectors.snapshot_get_for_viewer(viewer=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.report_pdf_request(actor=request.user, snapshot=snapshot)
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("impact:report_pdf_progress", pk=pk)
    return render(request, "impact/report_pdf.html", {
        "snapshot": snapshot, "pdf": report_pdf_state(snapshot=snapshot),
        "may_manage": can(request.user, "manage_impact")})


@capability_required("view_impact")
def report_html(request, pk: int):
    snapshot = selectors.snapshot_get_for_viewer(viewer=request.user, pk=pk)
    return _download(request, snapshot, content=_document(snapshot).encode("utf-8"),
                     content_type="text/html; charset=utf-8",
                     name=f"impact-report-{snapshot.year}.html", kind="html")


@capability_required("view_impact")
def report_workforce_csv(request, pk: int):
    snapshot = selectors.snapshot_get_for_viewer(viewer=request.user, pk=pk)
    rows = employer_index_rows(snapshot.figures)
    return _download(request, snapshot, content=write_csv(rows),
                     content_type="text/csv; charset=utf-8",
                     name=f"employer-index-workforce-{snapshot.year}.csv", kind="csv")


urlpatterns = [
    path("impact/report/", report_list, name="report_list"),
    path("impact/report/generate/", report_generate, name="report_generate"),
    path("impact/report/<int:pk>/", report_preview, name="report_preview"),
    path("impact/report/<int:pk>/foreword/", report_foreword, name="report_foreword"),
    path("impact/report/<int:pk>/publish/", report_publish, name="report_publish"),
    path("impact/report/<int:pk>/report.pdf", report_pdf, name="report_pdf"),
    path("impact/report/<int:pk>/pdf/", report_pdf_progress, name="report_pdf_progress"),
    path("impact/report/<int:pk>/report.html", report_html, name="report_html"),
    path("impact/report/<int:pk>/employer-index-workforce.csv", report_workforce_csv,
         name="report_workforce_csv"),
]

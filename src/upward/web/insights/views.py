"""Pages: the survey (everyone), response tracking (leads, analysts), organisation questions
(leads, admins), employee-number links (admins), snapshots and the dashboard (analysts)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST

from upward.reports.combined_tables import headline_with_bands
from upward.reports.html_report import render_report
from upward.reports.workforce import Table
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import can, capability_required, signed_in
from upward.web.insights import conf, selectors, services
from upward.web.insights.forms import (
    LinkRejectForm,
    MappingForm,
    OrganisationQuestionForm,
    SurveyForm,
    UploadForm,
)

# --- the survey (everyone signed in) ------------------------------------------------------------


@signed_in
def survey(request):
    response = selectors.survey_response_for(viewer=request.user)
    answers = selectors.survey_answers_as_text(response) if response else []
    link = selectors.survey_link_for(viewer=request.user, response=response)
    return render(request, "insights/survey.html", {
        "response": response, "answers": answers, "link": link, "k": conf.disclosure_k()})


@signed_in
@require_http_methods(["GET", "POST"])
def survey_edit(request):
    response = selectors.survey_response_for(viewer=request.user)
    questions = selectors.organisation_questions()
    form = SurveyForm(request.POST or None, organisation_questions=questions,
                      initial=SurveyForm.initial_for(response))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_save(user=request.user, answers=form.answers(),
                                 employee_id=form.cleaned_data["employee_id"],
                                 organisation_answers=form.organisation_answers())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Thank you: your answers are saved. Only you can see them.")
            return redirect("insights:survey")
    return render(request, "insights/survey_form.html", {"form": form, "response": response},
                  status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def survey_delete(request):
    if request.method == "GET":
        return confirmation_page(
            request, title="Delete all your survey answers?", button="Delete my answers",
            explanation="Your answers and employee number are deleted at once and no longer "
                        "counted anywhere. You can answer again later.",
            cancel_url=reverse("insights:survey"))
    if services.survey_delete(user=request.user):
        messages.success(request, "Your answers and employee number are deleted. They are no "
                                  "longer counted anywhere.")
    return redirect("insights:survey")


# --- organisation questions (leads, admins) -------------------------------------------------


@capability_required("manage_questions")
@require_http_methods(["GET", "POST"])
def questions(request):
    form = OrganisationQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_question_create(actor=request.user,
                                                  text=form.cleaned_data["text"],
                                                  options=form.option_list())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The question is added to the survey.")
            return redirect("insights:questions")
    items = selectors.organisation_questions_for_manager(viewer=request.user)
    return render(request, "insights/questions.html", {"form": form, "questions": items},
                  status=400 if form.errors else 200)


@capability_required("manage_questions")
@require_POST
def question_active(request, pk: int):
    item = selectors.organisation_question_for_manager(viewer=request.user, pk=pk)
    active = request.POST.get("active") == "1"
    services.organisation_question_set_active(actor=request.user, organisation_question=item,
                                              active=active)
    messages.success(request, "The question is asked again." if active else
                     "The question is no longer asked; its answers are kept.")
    return redirect("insights:questions")


@capability_required("manage_questions")
@require_http_methods(["GET", "POST"])
def question_delete(request, pk: int):
    item = selectors.organisation_question_for_manager(viewer=request.user, pk=pk)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Delete the question “{item.text}”?", button="Delete the question",
            explanation="The question and everyone's answers to it are deleted for good. To "
                        "stop asking it but keep the answers, choose “Stop asking” instead.",
            cancel_url=reverse("insights:questions"))
    services.organisation_question_delete(actor=request.user, organisation_question=item)
    messages.success(request, "The question and its answers are deleted.")
    return redirect("insights:questions")


# --- employee-number links (administrators) ---------------------------------------------------


@capability_required("review_links")
def links(request):
    page = selectors.survey_link_claims_for_admin(viewer=request.user,
                                                 page_number=request.GET.get("page"))
    return render(request, "insights/links.html", {"page_obj": page})


@capability_required("review_links")
@require_POST
def link_confirm(request, pk: int):
    claim = selectors.survey_link_for_admin(viewer=request.user, pk=pk)
    try:
        services.survey_link_confirm(actor=request.user, response=claim, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Employee number {claim.employee_id} is confirmed for "
                                  f"{claim.user.display_name}.")
    return redirect("insights:links")


@capability_required("review_links")
@require_http_methods(["GET", "POST"])
def link_reject(request, pk: int):
    claim = selectors.survey_link_for_admin(viewer=request.user, pk=pk)
    form = LinkRejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_link_reject(actor=request.user, response=claim,
                                        reason=form.cleaned_data["reason"], request=request)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"The link of {claim.user.display_name} to employee "
                                      f"number {claim.employee_id} is rejected.")
            return redirect("insights:links")
    return render(request, "insights/link_reject.html", {"claim": claim, "form": form},
                  status=400 if form.errors else 200)


# --- response tracking (leads, analysts) ------------------------------------------------------


@capability_required("track_survey")
def responses(request):
    tracking = selectors.response_tracking(viewer=request.user)
    return render(request, "insights/responses.html", {
        "tracking": tracking, "can_remind": can(request.user, "remind_survey"),
        "k": conf.disclosure_k(),
        "tables": [tracking.participation, *tracking.by_grade_and_function]})


@capability_required("remind_survey")
@require_POST
def remind(request):
    try:
        services.survey_remind(actor=request.user, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Reminder sent to everyone who has not answered yet.")
    return redirect("insights:responses")


@capability_required("track_survey")
def responses_csv(request, table_id: str):
    tracking = selectors.response_tracking(viewer=request.user)
    tables = {t.id: t for t in (tracking.participation, *tracking.by_grade_and_function)}
    return _csv(request, tables, table_id, tracking.snapshot)


# --- snapshots (analysts) ---------------------------------------------------------------------


@capability_required("upload_hr")
@require_http_methods(["GET", "POST"])
def snapshots(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.upload_size_check(size=upload.size)
            staged = services.snapshot_upload_stage(
                actor=request.user, content=upload.read(), source_name=upload.name,
                snapshot_date=form.cleaned_data["snapshot_date"])
        except services.ImportProblems as error:
            problems = error
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("insights:upload_map", pk=staged.pk)
    items = selectors.snapshots_for(viewer=request.user)
    status = 400 if form.errors or problems else 200
    return render(request, "insights/snapshots.html", {
        "form": form, "snapshots": items, "problems": problems,
        "max_mb": conf.max_upload_bytes() // 1_000_000}, status=status)


@capability_required("upload_hr")
@require_http_methods(["GET", "POST"])
def upload_map(request, pk: int):
    upload = selectors.upload_for(viewer=request.user, pk=pk)
    form = MappingForm(request.POST or None, headers=upload.headers,
                       initial=MappingForm.initial_for(upload), k=conf.disclosure_k(),
                       hints=selectors.upload_column_hints(viewer=request.user, upload=upload))
    problems = None
    if request.method == "POST" and form.is_valid():
        try:
            services.snapshot_upload_map(actor=request.user, upload=upload,
                                         mapping=form.mapping(), grade_order=form.grades())
        except services.ImportProblems as error:
            problems = error
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("insights:upload_preview", pk=upload.pk)
    return render(request, "insights/upload_map.html", {
        "upload": upload, "form": form, "problems": problems,
        "unmapped": selectors.required_fields_unmapped(upload)},
        status=400 if form.errors or problems else 200)


@capability_required("upload_hr")
def upload_preview(request, pk: int):
    upload = selectors.upload_for(viewer=request.user, pk=pk)
    if not upload.checked:
        return redirect("insights:upload_map", pk=upload.pk)
    snapshot = services.upload_checked_snapshot(upload)
    tables = selectors.preview_of(viewer=request.user, upload=upload, snapshot=snapshot)
    return render(request, "insights/upload_preview.html", {"upload": upload, "tables": tables})


@capability_required("upload_hr")
@require_POST
def upload_import(request, pk: int):
    upload = selectors.upload_for(viewer=request.user, pk=pk)
    try:
        stored = services.snapshot_import(actor=request.user, upload=upload, request=request)
    except services.ImportProblems:
        messages.error(request, "The file no longer passes its checks: map it again.")
        return redirect("insights:upload_map", pk=upload.pk)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("insights:snapshots")
    messages.success(request, f"Imported {stored.row_count:,} rows as the snapshot of "
                              f"{stored.snapshot_date:%d %B %Y}.")
    return redirect(f"{_dashboard_url()}?snapshot={stored.pk}")


@capability_required("upload_hr")
@require_POST
def upload_cancel(request, pk: int):
    upload = selectors.upload_for(viewer=request.user, pk=pk)
    services.snapshot_upload_cancel(actor=request.user, upload=upload)
    messages.success(request, "Import cancelled; the file is discarded.")
    return redirect("insights:snapshots")


@capability_required("upload_hr")
@require_http_methods(["GET", "POST"])
def snapshot_delete(request, pk: int):
    snapshot = selectors.snapshot_for(viewer=request.user, pk=pk)
    if request.method == "GET":
        day = date_format(snapshot.snapshot_date, "j F Y")
        return confirmation_page(
            request, title=f"Delete the snapshot of {day}?", button="Delete the snapshot",
            explanation="Its records are deleted for good, and the dashboard and reports no "
                        "longer use them. To bring them back, import the file again.",
            cancel_url=reverse("insights:snapshots"))
    services.snapshot_delete(actor=request.user, snapshot=snapshot, request=request)
    messages.success(request, "The snapshot is deleted.")
    return redirect("insights:snapshots")


# --- the dashboard (analysts) -----------------------------------------------------------------


def _dashboard_url() -> str:
    from django.urls import reverse

    return reverse("insights:dashboard")


def _chosen_snapshot(request):
    raw = request.GET.get("snapshot", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        return selectors.snapshot_for(viewer=request.user, pk=int(raw))
    return selectors.snapshots_for(viewer=request.user).first()


def _organisation_results(request) -> list[Table]:
    """Release the organisation questions' results afresh if answers changed, then read them
    (for analysts only: the views calling this are role-gated)."""
    services.organisation_release_current()
    return selectors.organisation_results(viewer=request.user)


@capability_required("view_insights")
def dashboard(request):
    snapshot = _chosen_snapshot(request)
    release = selectors.release_for(viewer=request.user, snapshot=snapshot) if snapshot else None
    insights = selectors.snapshot_insights(viewer=request.user, snapshot=snapshot) \
        if release else None
    return render(request, "insights/dashboard.html", {
        "snapshot": snapshot, "insights": insights, "release": release,
        "headline": headline_with_bands(insights) if insights else (),
        "releases_left": selectors.survey_releases_left(viewer=request.user),
        "snapshot_query": f"?snapshot={snapshot.pk}" if snapshot else "",
        "snapshots": selectors.snapshots_for(viewer=request.user),
        "trend": selectors.trend_table(viewer=request.user),
        "organisation": _organisation_results(request)})


@require_POST
@capability_required("view_insights")
def release(request, pk: int):
    """Release the snapshot's figures again, with the survey answers as they are now."""
    snapshot = selectors.snapshot_for(viewer=request.user, pk=pk)
    try:
        services.release_create(actor=request.user, snapshot=snapshot, reason="refresh",
                                request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Figures for {snapshot.snapshot_date:%d %B %Y} released.")
    return redirect(f"{_dashboard_url()}?snapshot={snapshot.pk}")


def _csv(request, tables: dict[str, Table], table_id: str, snapshot) -> HttpResponse:
    table = tables.get(table_id)
    if table is None:
        raise Http404
    services.insights_export_record(actor=request.user, what=table_id, snapshot=snapshot,
                                    fmt="csv", request=request)
    response = HttpResponse(services.table_csv(table.to_rows()),
                            content_type="text/csv; charset=utf-8")
    stamp = f"-{snapshot.snapshot_date.isoformat()}" if snapshot else ""
    response["Content-Disposition"] = f'attachment; filename="{table_id}{stamp}.csv"'
    return response


@capability_required("view_insights")
def export_csv(request, table_id: str):
    """Any published table of the dashboard as CSV: exactly what the page shows."""
    snapshot = _chosen_snapshot(request)
    if snapshot is not None:
        insights = selectors.snapshot_insights(viewer=request.user, snapshot=snapshot)
        tables = {t.id: t for t in insights.tables}
        if table_id in tables:
            return _csv(request, tables, table_id, snapshot)
    tables = {t.id: t for t in _organisation_results(request)}
    trend = selectors.trend_table(viewer=request.user)
    if trend is not None:
        tables[trend.id] = trend
    return _csv(request, tables, table_id, None)


@capability_required("view_insights")
def report(request, pk: int):
    snapshot = selectors.snapshot_for(viewer=request.user, pk=pk)
    insights = selectors.snapshot_insights(viewer=request.user, snapshot=snapshot)
    services.insights_export_record(actor=request.user, what="report", snapshot=snapshot,
                                    fmt="html", request=request)
    html = render_report(insights, trend=selectors.trend_table(viewer=request.user),
                         title="Workforce insights")
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="workforce-insights-{snapshot.snapshot_date.isoformat()}.html"')
    return response

"""API under /api/v1/insights/: the same rules as the pages.

Your own survey answers (everyone); response tracking (leads, analysts);
snapshots, insights, trends and exports (analysts). Every figure is the
published, suppressed one.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpResponse
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from pydantic import ConfigDict, Field

from upward.web.core.permissions import require_capability
from upward.web.insights import selectors, services
from upward.web.insights.models import QUESTION_IDS

try:  # django-ninja >= 1.5 wants an explicit Status for non-200 answers
    from ninja import Status
except ImportError:  # pragma: no cover - older django-ninja
    def Status(status_code, value):  # noqa: N802
        return status_code, value

router = Router(tags=["insights"])


class SurveyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str] = Field(
        default_factory=dict,
        description="Question id → option code ('' or absent = not answered). Ids: "
                    + ", ".join(QUESTION_IDS) + ".")
    employee_id: str = Field("", max_length=64)
    organisation_answers: dict[int, str] = Field(default_factory=dict)


def _survey_out(user) -> dict:
    response = selectors.survey_response_for(viewer=user)
    if response is None:
        return {"answered": False, "answers": {}, "employee_id": "", "employee_id_link": None,
                "organisation_answers": {}}
    link = selectors.survey_link_for(viewer=user, response=response)
    return {
        "answered": True,
        "answers": {q: getattr(response, q) or None for q in QUESTION_IDS},
        "employee_id": response.employee_id,
        # status: pending, confirmed or rejected; confirmed_by: hr_email or administrator
        "employee_id_link": link.to_dict() if link else None,
        "organisation_answers": {str(a.question_id): a.option
                                 for a in response.organisation_answers.all()},
        "updated_at": response.updated_at.isoformat(),
    }


@router.get("/insights/survey", summary="Your background survey answers (only yours)")
def survey_read(request):
    return _survey_out(request.auth)


@router.put("/insights/survey", summary="Answer or change your background survey")
def survey_write(request, payload: SurveyIn):
    services.survey_save(user=request.auth, answers=payload.answers,
                         employee_id=payload.employee_id,
                         organisation_answers=payload.organisation_answers)
    return _survey_out(request.auth)


@router.delete("/insights/survey", response={204: None},
               summary="Withdraw: delete all your answers")
def survey_withdraw(request):
    services.survey_delete(user=request.auth)
    return Status(204, None)


@router.get("/insights/responses", summary="Survey participation and response rates")
def responses(request):
    tracking = selectors.response_tracking(viewer=request.auth)
    return {
        "snapshot_date": tracking.snapshot.snapshot_date.isoformat() if tracking.snapshot
        else None,
        "tables": [t.to_dict() for t in (tracking.participation,
                                         *tracking.by_grade_and_function)],
    }


def _snapshot_out(snapshot) -> dict:
    return {"id": snapshot.pk, "snapshot_date": snapshot.snapshot_date.isoformat(),
            "rows": snapshot.row_count, "optional_columns": snapshot.present,
            "imported_at": snapshot.imported_at.isoformat(), "source_name": snapshot.source_name}


@router.get("/insights/snapshots", summary="Imported workforce snapshots")
def snapshots(request):
    return [_snapshot_out(s) for s in selectors.snapshots_for(viewer=request.auth)]


@router.post("/insights/snapshots", response={201: dict, 400: dict},
             summary="Import an HR snapshot (CSV or XLSX), all or nothing",
             description="Columns are mapped automatically by name; list any other columns "
                         "in `ignore`. On any problem nothing is imported and `problems` lists "
                         "each with its row and column.")
def snapshot_create(request, file: UploadedFile = File(...),
                    snapshot_date: date = Form(...), ignore: list[str] = Form([]),
                    grade_order: list[str] = Form([])):
    require_capability(request.auth, "view_insights")
    try:
        services.upload_size_check(size=file.size)
        stored = services.snapshot_import_file(
            actor=request.auth, content=file.read(), source_name=file.name or "upload",
            snapshot_date=snapshot_date, ignore=ignore, grade_order=grade_order,
            request=request)
    except services.ImportProblems as error:
        return Status(400, {"detail": error.message, "total": error.total,
                     "problems": [p.to_dict() for p in error.problems]})
    return Status(201, _snapshot_out(stored))


def _release_out(release) -> dict | None:
    if release is None:
        return None
    return {"id": release.pk, "released_at": release.created_at.isoformat(),
            "survey_included": release.survey_included}


@router.get("/insights/snapshots/{snapshot_id}",
            summary="All insights for a snapshot, as last released")
def snapshot_insights(request, snapshot_id: int):
    snapshot = selectors.snapshot_for(viewer=request.auth, pk=snapshot_id)
    return {"snapshot": _snapshot_out(snapshot),
            "release": _release_out(selectors.release_for(viewer=request.auth,
                                                          snapshot=snapshot)),
            **selectors.snapshot_insights(viewer=request.auth, snapshot=snapshot).to_dict()}


@router.post("/insights/snapshots/{snapshot_id}/releases", response={201: dict},
             summary="Release a snapshot's figures again, with the survey answers as they are now",
             description="Figures are frozen when released; survey answers given, changed or "
                         "withdrawn since are used from the next release.")
def snapshot_release(request, snapshot_id: int):
    snapshot = selectors.snapshot_for(viewer=request.auth, pk=snapshot_id)
    release = services.release_create(actor=request.auth, snapshot=snapshot, reason="refresh",
                                      request=request)
    return Status(201, _release_out(release))


@router.get("/insights/snapshots/{snapshot_id}/tables/{table_id}",
            summary="One published table, as JSON or CSV (format=csv)")
def snapshot_table(request, snapshot_id: int, table_id: str,
                   format: Literal["json", "csv"] = "json"):
    snapshot = selectors.snapshot_for(viewer=request.auth, pk=snapshot_id)
    insights = selectors.snapshot_insights(viewer=request.auth, snapshot=snapshot)
    try:
        table = insights.table(table_id)
    except KeyError:
        from django.http import Http404

        raise Http404 from None
    services.insights_export_record(actor=request.auth, what=table_id, snapshot=snapshot,
                                    fmt=format, request=request)
    if format == "csv":
        return HttpResponse(services.table_csv(table.to_rows()),
                            content_type="text/csv; charset=utf-8")
    return table.to_dict()


@router.delete("/insights/snapshots/{snapshot_id}", response={204: None},
               summary="Delete a snapshot")
def snapshot_remove(request, snapshot_id: int):
    snapshot = selectors.snapshot_for(viewer=request.auth, pk=snapshot_id)
    services.snapshot_delete(actor=request.auth, snapshot=snapshot, request=request)
    return Status(204, None)


@router.get("/insights/trends", summary="Headline figures across snapshots")
def trend(request):
    table = selectors.trend_table(viewer=request.auth)
    return {"table": table.to_dict() if table else None}


@router.get("/insights/organisation-questions", summary="Results of organisation questions")
def organisation_results(request):
    require_capability(request.auth, "view_insights")
    services.organisation_release_current()
    return [t.to_dict() for t in selectors.organisation_results(viewer=request.auth)]

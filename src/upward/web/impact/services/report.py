"""The annual report's snapshots: freeze a year's figures, edit the foreword while it is
a draft, publish it, and queue its PDF for the worker. Rendering is
:mod:`upward.reports.annual` / :mod:`upward.reports.pdf`; the PDF's task is
:mod:`upward.web.impact.tasks`.

A snapshot's PDF is queued when the web creates it, when its foreword changes and when it
is published (each after the transaction commits). The command line (``actor=None``)
writes its own PDF and may run without a worker, so it queues nothing; such a snapshot's
PDF is laid out when someone asks for it on its PDF page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from upward.reports.annual import content_hash
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.jobs import enqueue_after_commit
from upward.web.core.permissions import require_capability
from upward.web.impact.models import (
    FIRST_YEAR,
    LAST_YEAR,
    ReportDocument,
    ReportSnapshot,
    ReportStatus,
    report_render_key,
)
from upward.web.impact.selectors.report import report_figures
from upward.web.impact.selectors.report_pdf import run_stalled
from upward.web.impact.services._common import require_manager, save_checked
from upward.web.impact.services.initiatives import kpis_compute
from upward.web.impact.tasks import STEP_WAITING, report_pdf_render


def _check_actor(actor) -> None:
    # None is the command line: someone with access to the server and its database.
    if actor is not None:
        require_manager(actor)


@transaction.atomic
def report_snapshot_create(*, actor, year: int, foreword: str = "") -> ReportSnapshot:
    """Recalculate the year's computed KPIs, then collect every figure of ``year`` once
    and freeze it with its content hash. Recalculating first means an initiative's
    computed KPI shows the same number as the platform figure it is computed from: a KPI
    worked out months earlier would otherwise disagree with it in the same report."""
    _check_actor(actor)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ApplicationError(f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.", field="year")
    if year > timezone.localdate().year:
        raise ApplicationError(f"{year} has not started yet: choose this year or an earlier "
                               "one.", field="year")
    kpis_compute(actor=actor, year=year)
    figures = report_figures(year)
    snapshot = save_checked(ReportSnapshot(
        year=year, created_by=actor, foreword=foreword, figures=figures,
        content_hash=content_hash(figures)), labels={"foreword": "Foreword"})
    audit_record(actor=actor, action="impact.report_snapshot_create", target=snapshot,
                 detail={"year": year, "content_hash": snapshot.content_hash})
    if actor is not None:
        _pdf_queue(snapshot)
    return snapshot


@transaction.atomic
def report_foreword_update(*, actor, snapshot: ReportSnapshot, foreword: str) -> ReportSnapshot:
    require_manager(actor)
    if snapshot.status == ReportStatus.PUBLISHED:
        raise ApplicationError("This report is published: its foreword can no longer change. "
                               "Generate a new snapshot instead.", status=409)
    snapshot.foreword = foreword
    save_checked(snapshot, labels={"foreword": "Foreword"})
    audit_record(actor=actor, action="impact.report_foreword_update", target=snapshot)
    _pdf_queue(snapshot)
    return snapshot


@transaction.atomic
def report_snapshot_publish(*, actor, snapshot: ReportSnapshot) -> ReportSnapshot:
    require_manager(actor)
    if snapshot.status == ReportStatus.PUBLISHED:
        raise ApplicationError("This report is already published.", status=409)
    snapshot.status = ReportStatus.PUBLISHED
    snapshot.published_at = timezone.now()
    save_checked(snapshot)
    audit_record(actor=actor, action="impact.report_publish", target=snapshot,
                 detail={"year": snapshot.year, "content_hash": snapshot.content_hash})
    _pdf_queue(snapshot)
    return snapshot


def _pdf_queue(snapshot: ReportSnapshot) -> bool:
    """Queue the PDF of ``snapshot`` as it is now, unless that PDF is stored or already
    queued or being laid out (a run whose worker stopped mid-way is queued again). A
    stored PDF of an earlier foreword or status is dropped here, so its bytes can no
    longer be downloaded. True when a run was queued."""
    key = report_render_key(snapshot)
    current = ReportDocument.objects.filter(pk=snapshot.pk).defer("pdf").first()
    if current is not None and current.render_key == key and (
            current.status in (ReportDocument.Status.DONE, ReportDocument.Status.QUEUED)
            or (current.status == ReportDocument.Status.RUNNING
                and not run_stalled(current, now=timezone.now()))):
        return False
    ReportDocument.objects.update_or_create(
        snapshot=snapshot,
        defaults={"status": ReportDocument.Status.QUEUED, "render_key": key,
                  "step": STEP_WAITING, "queued_at": timezone.now(), "started_at": None,
                  "finished_at": None, "error": "", "pdf": None})
    enqueue_after_commit(report_pdf_render, snapshot_id=snapshot.pk)
    return True


@transaction.atomic
def report_pdf_request(*, actor, snapshot: ReportSnapshot) -> bool:
    """Someone asks for the PDF of ``snapshot`` to be laid out: anyone who may see the
    report when none is stored or queued (it only renders what they can already read),
    someone who manages impact reporting to try again after a failure or a stalled run.
    True when a run was queued, False when the PDF is ready or already on its way."""
    require_capability(actor, "view_impact")
    current = ReportDocument.objects.filter(pk=snapshot.pk).defer("pdf").first()
    if current is not None and (current.status == ReportDocument.Status.FAILED
                                or run_stalled(current, now=timezone.now())):
        require_manager(actor)
    return _pdf_queue(snapshot)


def report_downloaded(*, actor, snapshot: ReportSnapshot, kind: str, request=None) -> None:
    audit_record(actor=actor, action="impact.report_download", target=snapshot,
                 detail={"format": kind}, request=request)

"""The annual report's snapshots: freeze a year's figures, edit the foreword while it is
a draft, publish it. Rendering is :mod:`upward.reports.annual` / :mod:`upward.reports.pdf`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from upward.reports.annual import content_hash
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.impact.models import FIRST_YEAR, LAST_YEAR, ReportSnapshot, ReportStatus
from upward.web.impact.selectors.report import report_figures
from upward.web.impact.services._common import require_manager, save_checked


def _check_actor(actor) -> None:
    # None is the command line: someone with access to the server and its database.
    if actor is not None:
        require_manager(actor)


@transaction.atomic
def report_snapshot_create(*, actor, year: int, foreword: str = "") -> ReportSnapshot:
    """Collect every figure of ``year`` once and freeze it with its content hash."""
    _check_actor(actor)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ApplicationError(f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.", field="year")
    if year > timezone.localdate().year:
        raise ApplicationError(f"{year} has not started yet: choose this year or an earlier "
                               "one.", field="year")
    figures = report_figures(year)
    snapshot = save_checked(ReportSnapshot(
        year=year, created_by=actor, foreword=foreword, figures=figures,
        content_hash=content_hash(figures)), labels={"foreword": "Foreword"})
    audit_record(actor=actor, action="impact.report_snapshot_create", target=snapshot,
                 detail={"year": year, "content_hash": snapshot.content_hash})
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
    return snapshot


def report_downloaded(*, actor, snapshot: ReportSnapshot, kind: str, request=None) -> None:
    audit_record(actor=actor, action="impact.report_download", target=snapshot,
                 detail={"format": kind}, request=request)

"""Where a report snapshot's PDF is: stored and current, on its way through the worker,
failed, or not asked for yet. A stored PDF whose render key is not the snapshot's (an
earlier foreword or status) counts as not there: it is never served."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.utils import timezone

from upward.web.impact.models import ReportDocument, ReportSnapshot, report_render_key

#: Waiting longer than this, the worker is probably not running.
WORKER_LATE = timedelta(minutes=1)
#: A run takes seconds; one "running" for longer than this lost its worker (stopped or
#: killed mid-run) and may be tried again.
RUN_STALLED = timedelta(minutes=5)

PdfStatus = Literal["none", "queued", "running", "done", "failed"]


@dataclass(frozen=True)
class PdfState:
    status: PdfStatus
    step: str = ""
    error: str = ""
    finished_at: datetime | None = None
    #: Seconds since the run was queued (waiting) or started (running).
    elapsed_seconds: int | None = None
    #: Waiting for longer than WORKER_LATE: the worker may not be running.
    worker_late: bool = False
    #: Running for longer than RUN_STALLED: its worker stopped; it may be tried again.
    stalled: bool = False

    @property
    def working(self) -> bool:
        return self.status in ("queued", "running")

    @property
    def refreshing(self) -> bool:
        """Whether the progress page should look again by itself: while something can
        still change without anyone acting (not once a run has stalled)."""
        return self.working and not self.stalled

    @property
    def label(self) -> str:
        return {"none": "PDF not laid out yet", "queued": "PDF being laid out…",
                "running": "PDF being laid out…", "done": "PDF ready",
                "failed": "PDF failed"}[self.status]

    @property
    def elapsed(self) -> str:
        """``elapsed_seconds`` in words: "8 seconds", "2 min 5 s"."""
        seconds = self.elapsed_seconds or 0
        if seconds < 60:
            return f"{seconds} second{'' if seconds == 1 else 's'}"
        return f"{seconds // 60} min {seconds % 60} s"


def _current(snapshot: ReportSnapshot) -> ReportDocument | None:
    return (ReportDocument.objects.filter(pk=snapshot.pk, render_key=report_render_key(snapshot))
            .defer("pdf").first())


def report_pdf_state(*, snapshot: ReportSnapshot, now: datetime | None = None) -> PdfState:
    """The state of the PDF of ``snapshot`` as it is now (the caller has checked that the
    viewer may see the snapshot)."""
    document = _current(snapshot)
    if document is None:
        return PdfState("none")
    now = now or timezone.now()
    since = document.started_at if document.status == ReportDocument.Status.RUNNING \
        else document.queued_at
    waiting = document.status == ReportDocument.Status.QUEUED
    return PdfState(
        status=document.status, step=document.step, error=document.error,
        finished_at=document.finished_at,
        elapsed_seconds=max(0, int((now - since).total_seconds())) if since else None,
        worker_late=waiting and now - document.queued_at > WORKER_LATE,
        stalled=run_stalled(document, now=now))


def run_stalled(document: ReportDocument, *, now: datetime) -> bool:
    """Whether ``document`` has been "running" for longer than any run takes."""
    return (document.status == ReportDocument.Status.RUNNING
            and document.started_at is not None
            and now - document.started_at > RUN_STALLED)


def report_pdf_bytes(*, snapshot: ReportSnapshot) -> bytes | None:
    """The stored PDF of ``snapshot`` if it was made from the snapshot as it is now."""
    pdf = (ReportDocument.objects
           .filter(pk=snapshot.pk, render_key=report_render_key(snapshot),
                   status=ReportDocument.Status.DONE)
           .values_list("pdf", flat=True).first())
    return bytes(pdf) if pdf else None

"""The annual report's PDF, laid out by the worker (``upward worker``): WeasyPrint takes
a few seconds, too long for a request. The web queues :func:`report_pdf_render` through
``services.report.report_pdf_queue`` and shows its progress from the
:class:`~upward.web.impact.models.ReportDocument` row this task keeps up to date.

The task re-reads the snapshot, so it always lays out the snapshot as it is when it runs,
and it stores the PDF only under the render key it was made from: a foreword edited or a
report published meanwhile queues another run, and the first one's PDF is never served.
"""

from __future__ import annotations

import logging
import time

from django.utils import timezone
from django_tasks import task

from upward.reports.annual import render_annual_report
from upward.reports.pdf import html_to_pdf
from upward.web.impact.models import ReportDocument, ReportSnapshot, report_render_key
from upward.web.impact.selectors.report import snapshot_document

logger = logging.getLogger(__name__)

STEP_WAITING = "Waiting for the background worker"
STEP_HTML = "Writing the HTML"
STEP_LAYOUT = "Laying out the pages"
ERROR_CHARS = 500


def _step(snapshot_id: int, key: str, step: str) -> None:
    ReportDocument.objects.filter(pk=snapshot_id, render_key=key).update(step=step)


@task()
def report_pdf_render(*, snapshot_id: int) -> str:
    """Lay out the PDF of report snapshot ``snapshot_id`` and store it with its render
    key. A failure is stored as the document's error (and logged), never raised: the
    progress page shows it with a way to try again."""
    snapshot = ReportSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is None:
        return f"Report snapshot {snapshot_id} is gone: nothing to lay out."
    key = report_render_key(snapshot)
    if ReportDocument.objects.filter(pk=snapshot_id, render_key=key,
                                     status=ReportDocument.Status.DONE).exists():
        return f"The PDF of report snapshot {snapshot_id} is already laid out."
    started = time.monotonic()
    now = timezone.now()
    ReportDocument.objects.update_or_create(
        snapshot=snapshot,
        defaults={"status": ReportDocument.Status.RUNNING, "render_key": key, "step": STEP_HTML,
                  "started_at": now, "finished_at": None, "error": "", "pdf": None},
        create_defaults={"status": ReportDocument.Status.RUNNING, "render_key": key,
                         "step": STEP_HTML, "queued_at": now, "started_at": now})
    try:
        html = render_annual_report(snapshot_document(snapshot), print_=True)
        _step(snapshot_id, key, STEP_LAYOUT)
        pdf = html_to_pdf(html, content_hash=snapshot.content_hash)
    except Exception as error:  # any failure of the renderer is the page's to show
        logger.exception("Laying out the PDF of report snapshot %s failed", snapshot_id)
        message = (f"The PDF could not be laid out: {type(error).__name__}: {error}"
                   )[:ERROR_CHARS]
        ReportDocument.objects.filter(pk=snapshot_id, render_key=key).update(
            status=ReportDocument.Status.FAILED, step="", error=message,
            finished_at=timezone.now())
        return message
    # Only under the key it was made from: a newer run queued meanwhile owns the row.
    stored = ReportDocument.objects.filter(pk=snapshot_id, render_key=key).update(
        status=ReportDocument.Status.DONE, step="", pdf=pdf, finished_at=timezone.now())
    seconds = time.monotonic() - started
    if not stored:
        return (f"The PDF of report snapshot {snapshot_id} changed while it was laid out "
                "and was not kept.")
    logger.info("Laid out the PDF of report snapshot %s in %.1f s (%s bytes)", snapshot_id,
                seconds, len(pdf))
    return (f"Laid out the PDF of report snapshot {snapshot_id} in {seconds:.1f} s "
            f"({len(pdf):,} bytes).")

"""The report's PDF is laid out by the worker, not in the request: creating a snapshot,
editing its foreword and publishing it queue the task (after the commit); ``report.pdf``
serves the stored PDF only while it is current and otherwise sends the reader to a
progress page that works without JavaScript; a failure is stored with its message.

The tests run tasks when the transaction commits (tests/conftest.py): a request made
inside ``django_capture_on_commit_callbacks(execute=True)`` is one the worker then ran;
one made outside it is still waiting for the worker."""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta

import pytest
from django.utils import timezone

from upward.reports.pdf import pdf_text
from upward.web.core.audit import audit_entries
from upward.web.impact.models import ReportDocument, ReportSnapshot, report_render_key
from upward.web.impact.selectors.report_pdf import report_pdf_state
from upward.web.impact.services import report as services
from upward.web.impact.tasks import report_pdf_render

pytestmark = pytest.mark.django_db
YEAR = 2026


def pdf_url(snapshot) -> str:
    return f"/impact/report/{snapshot.pk}/report.pdf"


def progress_url(snapshot) -> str:
    return f"/impact/report/{snapshot.pk}/pdf/"


def document(snapshot) -> ReportDocument:
    return ReportDocument.objects.get(pk=snapshot.pk)


def words(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed: run make poppler")
    return " ".join("\n".join(pdf_text(pdf)).split())


@pytest.fixture
def ready(admin, django_capture_on_commit_callbacks):
    """A draft snapshot whose PDF the worker has laid out."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.report_snapshot_create(actor=admin, year=YEAR,
                                               foreword="The first foreword.")


# --- queueing ----------------------------------------------------------------------------


def test_generating_on_the_web_queues_the_pdf_and_the_download_serves_it(
        admin, client_for, django_capture_on_commit_callbacks):
    client = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.post(f"/impact/report/generate/?year={YEAR}")
    snapshot = ReportSnapshot.objects.get()
    assert len(queued) == 1  # the PDF is queued for the worker, not laid out in the request
    stored = document(snapshot)
    assert (stored.status, stored.render_key, stored.error) == (
        "done", report_render_key(snapshot), "")
    assert stored.started_at <= stored.finished_at

    response = client.get(pdf_url(snapshot))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(stored.pdf) and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="impact-report-2026.pdf"'
    download = audit_entries(action="impact.report_download").get()
    assert (download.actor_id, download.detail, download.object_id) == (
        admin.pk, {"format": "pdf"}, str(snapshot.pk))


def test_a_foreword_edit_queues_a_new_pdf_and_the_old_one_is_never_served(
        ready, admin, client_for, django_capture_on_commit_callbacks):
    client = client_for(admin)
    old = bytes(document(ready).pdf)
    assert "The first foreword." in words(old)

    client.post(f"/impact/report/{ready.pk}/foreword/", {"foreword": "A second foreword."})
    # The worker has not run yet: the old PDF is gone, the download waits for the new one.
    assert document(ready).status == "queued" and document(ready).pdf is None
    response = client.get(pdf_url(ready))
    assert response.status_code == 302 and response["Location"] == progress_url(ready)
    assert not audit_entries(action="impact.report_download").exists()

    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.post(f"/impact/report/{ready.pk}/foreword/", {"foreword": "The final foreword."})
    assert len(queued) == 1
    new = client.get(pdf_url(ready)).content
    assert new != old and "The final foreword." in words(new)
    assert "The first foreword." not in words(new)


def test_a_stored_pdf_of_an_earlier_foreword_is_not_served(ready, admin, client_for):
    """Even if an earlier run's PDF were stored after the foreword changed (a worker that
    finished late), its render key is not the snapshot's, so it is not served."""
    old = bytes(document(ready).pdf)
    ReportSnapshot.objects.filter(pk=ready.pk).update(foreword="Changed behind its back.")
    assert document(ready).pdf is not None and document(ready).status == "done"
    response = client_for(admin).get(pdf_url(ready))
    assert response.status_code == 302 and old not in response.content
    snapshot = ReportSnapshot.objects.get(pk=ready.pk)
    assert report_pdf_state(snapshot=snapshot).status == "none"


def test_publishing_queues_the_pdf_with_the_draft_mark_gone(
        ready, admin, django_capture_on_commit_callbacks):
    draft_key = document(ready).render_key
    with django_capture_on_commit_callbacks(execute=True) as queued:
        published = services.report_snapshot_publish(actor=admin, snapshot=ready)
    assert len(queued) == 1
    stored = document(published)
    assert stored.status == "done" and stored.render_key != draft_key
    assert stored.render_key == report_render_key(published)
    assert "Draft" not in words(bytes(stored.pdf))


def test_saving_the_same_foreword_queues_nothing(ready, admin,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        services.report_foreword_update(actor=admin, snapshot=ready,
                                        foreword="The first foreword.")
    assert queued == [] and document(ready).status == "done"


def test_the_command_lines_snapshots_queue_nothing_until_someone_asks(
        personas, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        snapshot = services.report_snapshot_create(actor=None, year=YEAR)
    assert queued == [] and not ReportDocument.objects.exists()
    analyst = client_for(personas["analyst"])  # may see the report, not manage it
    assert analyst.get(pdf_url(snapshot))["Location"] == progress_url(snapshot)
    page = analyst.get(progress_url(snapshot)).content.decode()
    assert "has not been laid out yet" in page and ">Lay out the PDF</button>" in page
    assert "hx-trigger" not in page and ">Refresh</a>" not in page  # nothing to wait for

    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = analyst.post(progress_url(snapshot))
    assert response.status_code == 302 and response["Location"] == progress_url(snapshot)
    assert len(queued) == 1 and document(snapshot).status == "done"
    page = analyst.get(progress_url(snapshot)).content.decode()
    assert "The PDF is ready" in page and f'href="{pdf_url(snapshot)}">Download the PDF' in page
    assert analyst.get(pdf_url(snapshot)).content.startswith(b"%PDF")


# --- the progress page, without JavaScript ---------------------------------------------------


def test_progress_page_while_waiting_and_when_the_worker_seems_not_to_run(admin, client_for):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)  # no commit: waiting
    client = client_for(admin)
    page = client.get(progress_url(snapshot)).content.decode()
    assert "Waiting for the background worker" in page and "This page refreshes itself" in page
    assert 'hx-trigger="every 2s"' in page and ">Refresh</a>" in page
    assert 'http-equiv="refresh"' not in page  # never a timed reload (WCAG F41)
    assert "Download the PDF" not in page and "may not be running" not in page

    ReportDocument.objects.filter(pk=snapshot.pk).update(
        queued_at=timezone.now() - timedelta(minutes=3))
    page = client.get(progress_url(snapshot)).content.decode()
    assert "<code>upward worker</code>) may not be running" in page
    assert "3 min 0 s so far" in page or "3 min 1 s so far" in page


def test_progress_page_while_running_shows_the_step_and_the_time(admin, client_for):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    ReportDocument.objects.filter(pk=snapshot.pk).update(
        status="running", step="Laying out the pages",
        started_at=timezone.now() - timedelta(seconds=7))
    page = client_for(admin).get(progress_url(snapshot)).content.decode()
    assert "<strong>Laying out the pages</strong>" in page
    assert "7 seconds so far" in page or "8 seconds so far" in page
    assert 'hx-trigger="every 2s"' in page and "may not be running" not in page
    preview = client_for(admin).get(f"/impact/report/{snapshot.pk}/").content.decode()
    assert "PDF being laid out…" in preview


def test_a_run_whose_worker_stopped_may_be_tried_again_by_a_manager(
        personas, admin, client_for, django_capture_on_commit_callbacks):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    ReportDocument.objects.filter(pk=snapshot.pk).update(
        status="running", step="Laying out the pages",
        started_at=timezone.now() - timedelta(minutes=20))
    analyst, manager = client_for(personas["analyst"]), client_for(admin)
    page = analyst.get(progress_url(snapshot)).content.decode()
    assert "the background worker may have stopped" in page and "Try again" not in page
    assert "hx-trigger" not in page and ">Refresh</a>" not in page  # waits for a person
    with django_capture_on_commit_callbacks(execute=True) as queued:
        analyst.post(progress_url(snapshot))
    assert queued == [] and document(snapshot).status == "running"
    assert ">Try again</button>" in manager.get(progress_url(snapshot)).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        manager.post(progress_url(snapshot))
    assert len(queued) == 1 and document(snapshot).status == "done"


def test_a_run_under_way_is_not_queued_twice(admin, client_for,
                                            django_capture_on_commit_callbacks):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    ReportDocument.objects.filter(pk=snapshot.pk).update(
        status="running", started_at=timezone.now() - timedelta(seconds=30))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client_for(admin).post(progress_url(snapshot))
    assert queued == [] and document(snapshot).status == "running"


def test_a_failed_run_stores_its_message_and_a_manager_may_try_again(
        personas, admin, client_for, caplog, django_capture_on_commit_callbacks):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    # A hash the PDF footer refuses makes the real renderer fail.
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(content_hash="not-a-hash")
    with caplog.at_level(logging.ERROR, logger="upward.web.impact.tasks"):
        result = report_pdf_render.call(snapshot_id=snapshot.pk)
    stored = document(snapshot)
    assert stored.status == "failed" and stored.pdf is None and stored.finished_at
    assert stored.error == ("The PDF could not be laid out: ValueError: not a sha256 content "
                            "hash: 'not-a-hash'") == result
    assert "Laying out the PDF of report snapshot" in caplog.text

    analyst = client_for(personas["analyst"])
    page = analyst.get(progress_url(snapshot))
    assert page.status_code == 200
    html = page.content.decode()
    assert "The PDF could not be laid out" in html and "not a sha256 content hash" in html
    assert ">Try again</button>" not in html and "Ask someone who manages" in html
    assert analyst.get(pdf_url(snapshot)).status_code == 302
    with django_capture_on_commit_callbacks(execute=True) as queued:
        analyst.post(progress_url(snapshot))  # only a manager may retry
    assert queued == [] and document(snapshot).status == "failed"
    assert "PDF failed" in analyst.get(f"/impact/report/{snapshot.pk}/").content.decode()

    manager = client_for(admin)
    assert ">Try again</button>" in manager.get(progress_url(snapshot)).content.decode()
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(content_hash=snapshot.content_hash)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        manager.post(progress_url(snapshot))
    assert len(queued) == 1 and document(snapshot).status == "done"
    assert document(snapshot).error == ""


def test_the_task_of_a_deleted_snapshot_does_nothing(admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    pk = snapshot.pk
    snapshot.delete()
    assert report_pdf_render.call(snapshot_id=pk) == (
        f"Report snapshot {pk} is gone: nothing to lay out.")
    assert not ReportDocument.objects.exists()


# --- the preview ---------------------------------------------------------------------------


def test_preview_shows_the_pdf_state_and_asks_a_manager_for_a_foreword(
        personas, admin, client_for, ready):
    empty = services.report_snapshot_create(actor=admin, year=YEAR - 1)  # waiting, no foreword
    manager, analyst = client_for(admin), client_for(personas["analyst"])
    page = manager.get(f"/impact/report/{ready.pk}/").content.decode()
    assert "PDF ready" in page and "This report has no foreword yet" not in page
    page = manager.get(f"/impact/report/{empty.pk}/").content.decode()
    assert "PDF being laid out…" in page
    assert "This report has no foreword yet" in page
    assert f'href="/impact/report/{empty.pk}/foreword/">Write the foreword</a>' in page
    assert "This report has no foreword yet" not in analyst.get(
        f"/impact/report/{empty.pk}/").content.decode()
    services.report_snapshot_publish(actor=admin, snapshot=empty)
    assert "This report has no foreword yet" not in manager.get(
        f"/impact/report/{empty.pk}/").content.decode()


# --- permissions ---------------------------------------------------------------------------


def test_people_who_may_not_see_reports_get_nothing(personas, client_for, ready):
    member = client_for(personas["member"])
    assert member.get(pdf_url(ready)).status_code == 403
    assert member.get(progress_url(ready)).status_code == 403
    assert member.post(progress_url(ready)).status_code == 403
    anonymous = client_for(None).get(progress_url(ready))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/sign-in/")
    assert client_for(personas["analyst"]).get("/impact/report/999999/pdf/").status_code == 404


def test_a_pdf_laid_out_by_an_older_layout_is_laid_out_again_not_served(
        admin, client_for, monkeypatch, django_capture_on_commit_callbacks):
    from upward.reports import pdf as pdf_module
    from upward.web.impact import models as impact_models

    with django_capture_on_commit_callbacks(execute=True):
        snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    assert document(snapshot).status == "done"
    pdf_url = f"/impact/report/{snapshot.pk}/report.pdf"
    assert client_for(admin).get(pdf_url).status_code == 200
    # a new release changes the layout: the stored PDF is no longer the current one
    monkeypatch.setattr(impact_models, "LAYOUT_VERSION", pdf_module.LAYOUT_VERSION + 1)
    response = client_for(admin).get(pdf_url)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/impact/report/{snapshot.pk}/pdf/")

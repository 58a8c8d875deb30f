"""Importing the register on the web: upload → queued task → progress → report; a wrong
file refused with nothing changed; only ``manage_schools`` may."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from upward.schools.layout import GIAS_HEADER, gias_csv
from upward.web.core.audit import audit_entries
from upward.web.outreach.models import School, SchoolImport
from upward.web.outreach.selectors import import_progress
from upward.web.outreach.services import schools_import_run, schools_upload
from upward.web.outreach.uploads import progress_path, upload_dir

from .test_schools_import import school

pytestmark = pytest.mark.django_db

URL = "/outreach/schools/import/"


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def upload(client, data: bytes, name="edubasealldata20261204.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_a_lead_uploads_sees_progress_and_then_the_report(
        personas, client_for, django_capture_on_commit_callbacks):
    rows = [school(u) for u in range(100001, 100031)]
    rows.append(school(100040, PercentageFSM="140"))
    rows.append(school("12AB"))
    client = client_for(personas["lead"])
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = upload(client, gias_csv(rows))
    assert len(queued) == 1  # the import is queued for the worker, not run in the request
    record = SchoolImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:schools_import_progress", args=[record.pk])
    assert (record.status, record.rows_expected, record.actor) == ("done", 32, personas["lead"])
    assert (record.created, record.failed) == (30, 2)
    assert School.objects.count() == 30
    assert list(upload_dir().iterdir()) == []  # the upload and the progress count are gone

    page = client.get(response["Location"]).content.decode()
    assert "Schools created" in page and re.search(r"<td class=\"numeric\">30</td>", page)
    assert "hx-trigger" not in page  # finished: nothing polls
    problems = re.search(r'aria-labelledby="problems-caption" tabindex="0"', page)
    assert problems, "the problems table scrolls in a keyboard-reachable region"
    assert "140 is not a percentage between 0 and 100" in page
    assert "“12AB” is not a URN (a whole number)" in page
    listing = client.get(URL).content.decode()
    assert "edubasealldata20261204.csv" in listing and "Imported" in listing
    assert [e.action for e in audit_entries()][:1] == ["outreach.schools_import"]


def test_a_waiting_and_a_running_import_show_how_far_they_got(personas, client_for):
    lead = personas["lead"]
    with_rows = gias_csv([school(u) for u in range(100001, 100011)])
    record = schools_upload(actor=lead, chunks=[with_rows], source_name="g.csv")  # no commit:
    assert record.status == "queued"  # the task waits for the worker
    client = client_for(lead)
    page = client.get(reverse("outreach:schools_import_progress", args=[record.pk]))
    html = page.content.decode()
    assert "Waiting to start" in html and "0 of about 10 rows read" in html
    assert 'hx-trigger="every 2s"' in html and ">Refresh</a>" in html  # works without JS

    SchoolImport.objects.filter(pk=record.pk).update(status="running")
    progress_path(record).write_text("6")
    progress = import_progress(viewer=lead, import_id=record.pk)
    assert (progress.rows_done, progress.percent, progress.finished) == (6, 60, False)
    assert "6 of about 10 rows read" in client.get(
        reverse("outreach:schools_import_progress", args=[record.pk])).content.decode()

    SchoolImport.objects.filter(pk=record.pk).update(status="queued")
    assert schools_import_run.call(import_id=record.pk).endswith("0 rows skipped.")
    record.refresh_from_db()
    assert (record.status, record.created, record.rows_read) == ("done", 10, 10)
    assert schools_import_run.call(import_id=record.pk) == \
        f"Schools import {record.pk} is not waiting to run."  # a second run does nothing


@pytest.mark.parametrize(("data", "message"), [
    (gias_csv([school(1)], header=[h for h in GIAS_HEADER if h != "Easting"]),
     "the file has no column “Easting”"),
    (gias_csv([school(1)]).replace(b"School 1", b"School \x81"),
     "the file is not valid Windows-1252 text (byte 0x81)"),
    (b"", "The file is empty"),
    (b"%PDF-1.4 not a csv\n", "the file has no column"),
])
def test_a_wrong_file_is_refused_at_once_and_changes_nothing(
        data, message, personas, client_for, django_capture_on_commit_callbacks):
    School.objects.create(urn=1, name="Kept as it was", postcode="LS1 4AP")
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = upload(client_for(personas["lead"]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not queued and not SchoolImport.objects.exists()
    assert list(School.objects.values_list("name", flat=True)) == ["Kept as it was"]
    assert not upload_dir().exists() or not any(upload_dir().iterdir())  # nothing kept


def test_a_file_found_broken_by_the_worker_fails_and_changes_nothing(personas, settings):
    School.objects.create(urn=100001, name="Kept as it was")
    # valid header and encoding, then a quoted field that never closes: found while importing
    data = gias_csv([school(100001), school(100002)]) + b'100003,"unclosed\r\n'
    record = schools_upload(actor=personas["lead"], chunks=[data], source_name="broken.csv")
    result = schools_import_run.call(import_id=record.pk)
    record.refresh_from_db()
    assert record.status == "failed" and "is not valid CSV" in record.error
    assert result.startswith(f"Schools import {record.pk} failed")
    assert list(School.objects.values_list("name", flat=True)) == ["Kept as it was"]
    assert audit_entries()[0].action == "outreach.schools_import_failed"


def test_the_upload_size_is_limited(personas, monkeypatch):
    from upward.web.outreach.services import schools as services

    monkeypatch.setattr(services, "MAX_UPLOAD_MB", 1)
    big = [gias_csv([school(1)]), b"9" * 600_000, b"9" * 600_000]
    with pytest.raises(services.ApplicationError, match="larger than 1 MB"):
        schools_upload(actor=personas["lead"], chunks=big, source_name="big.csv")
    assert not SchoolImport.objects.exists() and list(upload_dir().iterdir()) == []


@pytest.mark.parametrize("role", ["member", "moderator", "analyst", "judge"])
def test_only_those_who_manage_schools_may_import(role, personas, client_for):
    client = client_for(personas[role])
    assert client.get(URL).status_code == 403
    assert upload(client, gias_csv([school(1)])).status_code == 403
    assert not SchoolImport.objects.exists()


@pytest.mark.parametrize("role", ["lead", "admin"])
def test_leads_and_admins_may_import(role, personas, client_for):
    response = client_for(personas[role]).get(URL)
    assert response.status_code == 200 and "Up to 200 MB" in response.content.decode()


def test_an_importer_without_the_capability_when_the_worker_runs_changes_nothing(personas):
    record = schools_upload(actor=personas["lead"], chunks=[gias_csv([school(5)])],
                            source_name="a.csv")
    # as if the lead had lost the role between the upload and the worker's turn
    SchoolImport.objects.filter(pk=record.pk).update(actor=personas["member"])
    schools_import_run.call(import_id=record.pk)
    record.refresh_from_db()
    assert record.status == "failed" and not School.objects.exists()
    assert list(upload_dir().iterdir()) == []

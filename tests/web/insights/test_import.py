"""Importing HR snapshots through the pages and the API: mapping, preview, all-or-nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
from upward.web.core.models import AuditEntry
from upward.web.insights.models import Snapshot, SnapshotData, SnapshotUpload

HEADER = b"Employee ID,Grade,Function,Hourly pay,Start date"


def upload(client, content: bytes, *, name="hr.csv", day="2025-03-31"):
    return client.post(reverse("insights:snapshots"), {
        "file": SimpleUploadedFile(name, content), "snapshot_date": day})


@pytest.fixture
def analyst_client(personas, client_for):
    return client_for(personas["analyst"])


def _through(client, content: bytes, mapping: dict[str, str] | None = None,
             grade_order: str = ""):
    """Upload, map (defaults: the suggestions), check; return the last response."""
    response = upload(client, content)
    if response.status_code != 302:
        return response
    staged = SnapshotUpload.objects.get()
    data = {f"column_{i}": (mapping or {}).get(h, staged.mapping.get(h) or "?")
            for i, h in enumerate(staged.headers)}
    data["grade_order"] = grade_order
    return client.post(response["Location"], data)


def test_upload_map_preview_import(analyst_client):
    people = synthetic_people(120, seed=3, snapshot_date=date(2025, 3, 31))
    content = synthetic_csv(people).replace(b"Hourly pay", b"Pay per hour (GBP)")
    staged = upload(analyst_client, content)
    assert staged.status_code == 302
    mapping_page = analyst_client.get(staged["Location"]).content.decode()
    assert "Pay per hour (GBP)" in mapping_page
    upload_row = SnapshotUpload.objects.get()
    assert upload_row.mapping["Pay per hour (GBP)"] is None  # not recognised: the person maps it
    data = {f"column_{i}": upload_row.mapping[h] or "?" for i, h in enumerate(upload_row.headers)}
    index = upload_row.headers.index("Pay per hour (GBP)")
    missing = analyst_client.post(staged["Location"], data)
    assert missing.status_code == 400
    page = missing.content.decode()
    assert "Unknown column (column E)" in page
    assert "Missing required column &#x27;hourly_pay&#x27;" in page
    data[f"column_{index}"] = "hourly_pay"
    checked = analyst_client.post(staged["Location"], data)
    assert checked.status_code == 302 and checked["Location"].endswith("/preview/")
    preview = analyst_client.get(checked["Location"]).content.decode()
    assert "Ready to import" in preview and "Grade 1 &lt; Grade 2" in preview
    for employee_id in people.employee_id[:20]:
        assert employee_id not in preview  # no individual rows, ever
    assert Snapshot.objects.count() == 0  # nothing imported before confirming
    done = analyst_client.post(reverse("insights:upload_import", args=[upload_row.pk]))
    assert done.status_code == 302
    snapshot = Snapshot.objects.get()
    assert snapshot.row_count == people.n
    assert not SnapshotUpload.objects.exists()
    entry = AuditEntry.objects.get(action="data.import")
    assert entry.detail["rows"] == people.n and entry.actor_label == "analyst@northbridge.example"
    assert analyst_client.get(done["Location"]).status_code == 200


BAD_FILES = [
    ("unknown column", HEADER + b",Salary\nE1,G1,S,14,2020-01-06,1\n",
     "Unknown column (column F)"),
    ("missing column", b"Employee ID,Grade,Function,Start date\nE1,G1,S,2020-01-06\n",
     "Missing required column &#x27;hourly_pay&#x27;"),
    ("duplicate ids", HEADER + b"\nE1,G1,S,14,2020-01-06\nE1,G1,S,14,2020-01-06\n",
     "employee id &#x27;E1&#x27; is also on row 2"),
    ("excel dates", HEADER + b"\nE1,G1,S,14,44927\n", "looks like an Excel date serial number"),
    ("negative pay", HEADER + b"\nE1,G1,S,-14,2020-01-06\n", "hourly pay is negative (-14)"),
    ("absurd pay", HEADER + b"\nE1,G1,S,52000,2020-01-06\n", "is not plausible"),
    ("bad bytes", HEADER + b"\nE1,G1,S\x81\x8d,14,2020-01-06\n",
     "neither UTF-8 nor Windows-1252"),
    ("utf-16", (HEADER + b"\nE1,G1,S,14,2020-01-06\n").decode().encode("utf-16"), "UTF-16"),
]


@pytest.mark.parametrize(("what", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_get_a_specific_message_and_import_nothing(what, content, message,
                                                             analyst_client):
    response = _through(analyst_client, content)
    assert response.status_code == 400, what
    page = response.content.decode()
    assert message in page, page[page.find("problems-title"):][:1500]
    assert "Nothing was imported" in page
    assert Snapshot.objects.count() == 0 and SnapshotData.objects.count() == 0
    assert not AuditEntry.objects.filter(action="data.import").exists()


def test_empty_files_are_refused_at_upload(analyst_client):
    for content, message in ((b"", "The form"), (HEADER + b"\n", "no rows of people")):
        response = upload(analyst_client, content)
        assert response.status_code == 400
        assert not SnapshotUpload.objects.exists()
        if content:
            assert message in response.content.decode()


def test_file_over_the_limit_is_refused_before_reading(analyst_client, settings):
    settings.UPWARD_INSIGHTS_MAX_UPLOAD_MB = 0.001  # 1,000 bytes
    response = upload(analyst_client, HEADER + b"\n" + b"E1,G1,S,14,2020-01-06\n" * 60)
    assert response.status_code == 400
    assert "the largest file that can be imported here is 0 MB" in response.content.decode()
    assert not SnapshotUpload.objects.exists()


def test_windows_1252_and_bom_files_import(analyst_client):
    body = HEADER + b"\nE1,G1,Caf\xe9,\xa314.50,2020-01-06\n"  # Windows-1252 é and £
    assert _through(analyst_client, body).status_code == 302
    upload_row = SnapshotUpload.objects.get()
    assert upload_row.encoding == "windows-1252"
    analyst_client.post(reverse("insights:upload_cancel", args=[upload_row.pk]))
    assert not SnapshotUpload.objects.exists()
    bom = b"\xef\xbb\xbf" + HEADER + b"\nE1,G1,S,14,2020-01-06\n"
    assert _through(analyst_client, bom).status_code == 302


def test_xlsx_upload(analyst_client):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Employee ID", "Grade", "Function", "Hourly pay", "Start date"])
    book.active.append(["E1", "G1", "Sales", 14.5, date(2020, 1, 6)])
    buffer = io.BytesIO()
    book.save(buffer)
    assert _through(analyst_client, buffer.getvalue()).status_code == 302
    assert SnapshotUpload.objects.get().file_format == "xlsx"


def test_a_second_snapshot_for_the_same_date_is_refused(analyst_client, snapshot):
    response = upload(analyst_client, HEADER + b"\nE1,G1,S,14,2020-01-06\n")
    assert response.status_code == 400
    assert "There is already a snapshot for 31 March 2025" in response.content.decode()


def test_import_is_all_or_nothing_when_storing_fails(analyst_client, monkeypatch):
    assert _through(analyst_client, HEADER + b"\nE1,G1,S,14,2020-01-06\n").status_code == 302
    upload_row = SnapshotUpload.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SnapshotData.objects, "create", broken)
    with pytest.raises(RuntimeError):
        analyst_client.post(reverse("insights:upload_import", args=[upload_row.pk]))
    assert Snapshot.objects.count() == 0
    assert not AuditEntry.objects.filter(action="data.import").exists()
    assert SnapshotUpload.objects.filter(pk=upload_row.pk).exists()  # can be tried again


def test_import_needs_a_checked_mapping(analyst_client):
    upload(analyst_client, HEADER + b"\nE1,G1,S,14,2020-01-06\n")
    upload_row = SnapshotUpload.objects.get()
    response = analyst_client.post(reverse("insights:upload_import", args=[upload_row.pk]))
    assert response.status_code == 302
    assert Snapshot.objects.count() == 0
    preview = analyst_client.get(reverse("insights:upload_preview", args=[upload_row.pk]))
    assert preview["Location"] == reverse("insights:upload_map", args=[upload_row.pk])


def test_grade_order_from_the_mapping_screen(analyst_client):
    content = HEADER + b"\nE1,Senior,S,30,2020-01-06\nE2,Junior,S,14,2020-01-06\n"
    assert _through(analyst_client, content, grade_order="Junior\nSenior").status_code == 302
    staged = SnapshotUpload.objects.get()
    assert staged.grade_order == ["Junior", "Senior"]
    data = {f"column_{i}": staged.mapping[h] for i, h in enumerate(staged.headers)}
    wrong = analyst_client.post(reverse("insights:upload_map", args=[staged.pk]),
                                {**data, "grade_order": "Junior"})
    assert wrong.status_code == 400
    assert "The grade order does not include &#x27;Senior&#x27;" in wrong.content.decode()


def test_api_import_reports_problems_as_json(personas, client):
    from upward.web.accounts.services import token_create

    _, secret = token_create(user=personas["analyst"], name="t", scope="write")
    headers = {"Authorization": f"Bearer {secret}"}
    bad = client.post("/api/v1/insights/snapshots", headers=headers, data={
        "file": SimpleUploadedFile("hr.csv", HEADER + b",Salary\nE1,G1,S,-1,2020-01-06,9\n"),
        "snapshot_date": "2025-03-31"})
    assert bad.status_code == 400
    body = bad.json()
    assert body["total"] == 2 and body["problems"][0]["column"] == "Salary"
    assert (body["problems"][1]["row"], body["problems"][1]["column"]) == (2, "Hourly pay")
    good = client.post("/api/v1/insights/snapshots", headers=headers, data={
        "file": SimpleUploadedFile("hr.csv", HEADER + b",Salary\nE1,G1,S,14,2020-01-06,9\n"),
        "snapshot_date": "2025-03-31", "ignore": ["Salary"]})
    assert good.status_code == 201, good.content
    assert good.json()["rows"] == 1
    assert Snapshot.objects.count() == 1


def test_the_mapping_screen_names_missing_required_fields_and_shows_only_shared_values(
        analyst_client):
    """Each column shows its commonest values, but only values at least k rows share, and
    never a background answer or an email address; required fields not yet mapped are
    listed at the top."""
    people = synthetic_people(300, seed=4, snapshot_date=date(2025, 3, 31))
    content = synthetic_csv(people).replace(b"Hourly pay", b"Pay per hour (GBP)")
    lines = content.decode().splitlines()
    content = "\n".join([lines[0] + ",Work email"] + [
        f"{line},{str(people.employee_id[i]).lower()}@hr.example"
        for i, line in enumerate(lines[1:])]).encode() + b"\n"
    staged = upload(analyst_client, content)
    page = analyst_client.get(staged["Location"]).content.decode()
    assert "Required, not mapped yet:</strong> Hourly pay (£)" in page
    assert "Most common: Operations" in page  # a function most people share
    # Employee ids and pay are all different: no value is shown.
    assert "none is shared by 10 rows or more" in page
    for employee_id in people.employee_id[:50]:
        assert f"{employee_id}<" not in page and f"{employee_id}," not in page
    assert "@hr.example" not in page
    # The key question's column: its values are never shown, however common.
    assert page.count("Its values are not shown") >= 5  # four SMC columns and the email
    upload_row = SnapshotUpload.objects.get()
    data = {f"column_{i}": upload_row.mapping[h] or "?" for i, h in enumerate(upload_row.headers)}
    data[f"column_{upload_row.headers.index('Pay per hour (GBP)')}"] = "hourly_pay"
    analyst_client.post(staged["Location"], data)
    page = analyst_client.get(staged["Location"]).content.decode()
    assert "Required, not mapped yet" not in page

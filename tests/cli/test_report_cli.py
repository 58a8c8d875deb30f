"""`upward report` through typer's CliRunner: a new snapshot or an existing one, to PDF
or HTML, and clear errors for a bad year, a bad path or a missing snapshot."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from upward.cli.main import app
from upward.reports.annual import render_annual_report
from upward.web.impact.models import ReportSnapshot
from upward.web.impact.selectors.report import snapshot_document

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_year_to_pdf_creates_a_snapshot(tmp_path):
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "--year", "2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    snapshot = ReportSnapshot.objects.get()
    assert result.stdout == f"snapshot {snapshot.pk} sha256 {snapshot.content_hash}\n"
    assert out.read_bytes().startswith(b"%PDF")
    assert snapshot.created_by is None and snapshot.year == 2026


def test_existing_snapshot_to_html_is_the_same_document(tmp_path):
    first = tmp_path / "a.html"
    assert runner.invoke(app, ["report", "-y", "2026", "-o", str(first)]).exit_code == 0
    snapshot = ReportSnapshot.objects.get()
    again = tmp_path / "b.html"
    result = runner.invoke(app, ["report", "--snapshot", str(snapshot.pk), "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert first.read_bytes() == again.read_bytes() == render_annual_report(
        snapshot_document(snapshot)).encode()
    assert ReportSnapshot.objects.count() == 1  # re-rendering made no new snapshot


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2100", "-o", "{tmp}/r.pdf"],
     "Error: no report for 2100 — 2100 has not started yet: choose this year or an earlier "
     "one.\n"),
    (["--year", "1999", "-o", "{tmp}/r.pdf"],
     "Error: no report for 1999 — Enter a year from 2000 to 2100.\n"),
    (["--year", "2026", "-o", "{tmp}/r.docx"],
     "Error: cannot tell the format of r.docx — end the file name in .pdf or .html, e.g. -o "
     "report.pdf\n"),
    (["--year", "2026", "-o", "{tmp}/missing/r.pdf"],
     "Error: the folder {tmp}/missing does not exist — create it or write the report "
     "somewhere else\n"),
    (["-o", "{tmp}/r.pdf"],
     "Error: say which report to write — give either --year YEAR (a new snapshot) or "
     "--snapshot ID\n"),
    (["--snapshot", "999", "-o", "{tmp}/r.pdf"],
     "Error: there is no report snapshot 999 — see the snapshots under Impact and "
     "reporting → Annual reports\n"),
])
def test_clear_errors(tmp_path, args, message):
    result = runner.invoke(app, ["report", *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 1
    assert result.stderr.replace("\n", " ").strip() == \
        message.format(tmp=tmp_path).replace("\n", " ").strip()
    assert not ReportSnapshot.objects.exists()
    assert not (tmp_path / "r.pdf").exists()

"""`upward insights` through typer's CliRunner: exit codes, exact messages, the report."""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from upward.cli.insights import insights
from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
from upward.reports.hr_file import read_hr_file
from upward.reports.workforce import analyse

runner = CliRunner()
app = typer.Typer()
app.command()(insights)
DAY = date(2025, 3, 31)


@pytest.fixture(scope="module")
def hr_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hr") / "hr.csv"
    path.write_bytes(synthetic_csv(synthetic_people(800, seed=4, snapshot_date=DAY)))
    return path


def test_json_is_the_same_analysis_as_the_dashboard(hr_file):
    result = runner.invoke(app, [str(hr_file), "--snapshot-date", "2025-03-31"])
    assert result.exit_code == 0, result.output
    expected = analyse(read_hr_file(hr_file, snapshot_date=DAY), k=10).to_dict()
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


def test_report_is_written(hr_file, tmp_path):
    report = tmp_path / "report.html"
    result = runner.invoke(app, [str(hr_file), "-d", "2025-03-31", "-o", str(report),
                                 "--format", "table"])
    assert result.exit_code == 0, result.output
    html = report.read_text()
    assert html.startswith("<!doctype html>") and "Socio-economic pay gap" in html
    assert "Background profile of the workforce" in result.stdout
    assert " ".join(result.stderr.split()) == f"Wrote the report to {report}."


def test_k_changes_suppression(hr_file):
    result = runner.invoke(app, [str(hr_file), "-d", "2025-03-31", "--k", "25"])
    assert result.exit_code == 0
    assert "fewer than 25" in result.stdout and "fewer than 10" not in result.stdout


def test_bad_file_lists_problems_and_exits_1(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Employee ID,Grade,Function,Hourly pay,Start date,Salary\n"
                    "E1,G1,S,-4,2020-01-06,1\n")
    result = runner.invoke(app, [str(path), "-d", "2025-03-31"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("  Row 1, column 'Salary': Unknown column (column F).")
    assert lines[-1] == ("Error: bad.csv cannot be read: 2 problem(s) — fix them in the file "
                         "and run again")
    assert lines[1].startswith("  Row 2, column 'Hourly pay': hourly pay is negative (-4)")
    ignored = runner.invoke(app, [str(path), "-d", "2025-03-31", "--ignore", "Salary"])
    assert ignored.stderr.splitlines()[-1] == (
        "Error: bad.csv cannot be read: 1 problem(s) — fix them in the file and run again")


@pytest.mark.parametrize(("args", "message"), [
    (["missing.csv"], "Error: missing.csv does not exist or is not a file — check the path"),
    (["{file}", "-d", "31/03/2025"],
     "Error: --snapshot-date '31/03/2025' is not a date — give it as YYYY-MM-DD, e.g. 2025-03-31"),
    (["{file}", "--k", "3"],
     "Error: --k 3 is too small — use 5 or more: smaller groups can identify people"),
])
def test_user_mistakes_are_one_line(args, message, hr_file):
    args = [a.replace("{file}", str(hr_file)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    assert "Traceback" not in result.output


def test_registered_on_the_upward_command():
    from upward.cli.main import app as upward

    result = runner.invoke(upward, ["insights", "--help"])
    assert result.exit_code == 0
    assert "Example: upward insights hr-2025.csv" in result.stdout


def test_terminal_says_who_the_figures_are_about_and_fits_80_columns(hr_file):
    result = runner.invoke(app, [str(hr_file), "-d", "2025-03-31", "--format", "table"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    analysis = analyse(read_hr_file(hr_file, snapshot_date=DAY), k=10)
    headcount, response = analysis.key["headcount"], analysis.key["response_rate"]
    text = " ".join(result.stdout.split())
    assert text.startswith(
        f"hr.csv, snapshot 2025-03-31: {headcount:,.0f} people, {100 * response:.1f}% with a "
        "classified background answer. Cells of fewer than 10 people are suppressed.")
    # Background by grade is too wide for 80 columns in full: short labels, with their key.
    assert "┃ Grade   ┃ Prof. ┃ Inter. ┃ Lower ┃ Not known ┃" in result.stdout
    assert "Prof. = Professional; Inter. = Intermediate; Lower = Lower socio-economic" in text
    # Each table's notes follow it.
    assert "Intervals are 95% Wilson score intervals." in text


def test_terminal_wide_enough_shows_the_labels_in_full(hr_file):
    result = runner.invoke(app, [str(hr_file), "-d", "2025-03-31", "--format", "table"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Not classified or no answer" in result.stdout
    assert "Prof. =" not in result.stdout and "supp." not in result.stdout

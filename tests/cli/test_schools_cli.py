"""`upward schools import` through typer's CliRunner: exit codes, exact summary lines."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from upward.cli.main import app
from upward.schools.layout import GIAS_HEADER, gias_csv

runner = CliRunner()
pytestmark = pytest.mark.django_db(transaction=True)


def school(urn, **overrides):
    row = {"URN": urn, "EstablishmentName": f"School {urn}", "PhaseOfEducation (name)": "Primary",
           "LA (name)": "Leeds", "Postcode": "LS1 4AP", "PercentageFSM": "12.5",
           "Easting": 430000, "Northing": 433000, "EstablishmentStatus (name)": "Open"}
    row.update(overrides)
    return row


@pytest.fixture
def gias_file(tmp_path):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(gias_csv([school(1), school(2), school("X", PercentageFSM="101")]))
    return path


def test_help_has_an_example():
    result = runner.invoke(app, ["schools", "import", "--help"])
    assert result.exit_code == 0 and "Example: upward schools import" in result.output


def test_import_prints_the_summary_and_the_problems(gias_file):
    result = runner.invoke(app, ["schools", "import", str(gias_file), "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  row 4 (URN X), URN: “X” is not a URN (a whole number)" in lines
    assert "  row 4 (URN X), PercentageFSM: 101 is not a percentage between 0 and 100" in lines
    assert lines[-1] == ("3 rows read: 2 created, 0 updated, 0 unchanged, 0 closed, "
                         "1 skipped with problems.")
    again = runner.invoke(app, ["schools", "import", str(gias_file), "--format", "table"])
    assert again.stdout.splitlines()[-1] == (
        "3 rows read: 0 created, 0 updated, 2 unchanged, 0 closed, 1 skipped with problems.")


def test_json_output(gias_file):
    result = runner.invoke(app, ["schools", "import", str(gias_file), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("rows_read", "created", "failed")} == {
        "rows_read": 3, "created": 2, "failed": 1}
    assert data["problems"][0] == {"row": 4, "urn": "X", "column": "URN",
                                   "message": "“X” is not a URN (a whole number)"}


def test_a_missing_file_exits_1(tmp_path):
    result = runner.invoke(app, ["schools", "import", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {tmp_path / 'nope.csv'} does not exist or is not "
                                     "a file — check the path")


def test_a_missing_column_exits_1_and_changes_nothing(tmp_path, gias_file):
    path = tmp_path / "cut.csv"
    path.write_bytes(gias_csv([school(1)], header=[h for h in GIAS_HEADER if h != "Postcode"]))
    result = runner.invoke(app, ["schools", "import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cut.csv: the file has no column “Postcode” — export")
    ok = runner.invoke(app, ["schools", "import", str(gias_file), "--format", "json"])
    assert json.loads(ok.stdout)["created"] == 2

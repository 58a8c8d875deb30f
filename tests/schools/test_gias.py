"""The GIAS reader: columns found by name, encodings, bad rows, distances, no Django."""

from __future__ import annotations

import codecs
import subprocess
import sys
from datetime import date

import pytest

from upward.schools.distance import distance_km
from upward.schools.gias import COLUMNS, GiasFileError, read_gias
from upward.schools.layout import GIAS_HEADER, gias_csv
from upward.schools.priority import is_priority, national_fsm_percent


def school(**overrides):
    row = {"URN": 100001, "EstablishmentName": "Fenside Primary School",
           "TypeOfEstablishment (name)": "Community school",
           "PhaseOfEducation (name)": "Primary", "LA (name)": "Cambridgeshire",
           "Postcode": "cb7 4aa", "NumberOfPupils": 210, "PercentageFSM": "31.4",
           "Easting": 554000, "Northing": 280000, "EstablishmentStatus (name)": "Open"}
    row.update(overrides)
    return row


def rows(data, **kw):
    return list(read_gias(data, **kw))


def test_reads_the_columns_by_name_from_the_full_layout():
    [row] = rows(gias_csv([school()]))
    assert row.row == 2 and row.problems == []
    s = row.school
    assert (s.urn, s.name, s.type, s.phase, s.local_authority, s.postcode) == (
        100001, "Fenside Primary School", "Community school", "Primary", "Cambridgeshire",
        "CB7 4AA")
    assert (s.pupils, s.fsm_percent, s.easting, s.northing) == (210, 31.4, 554000, 280000)
    assert s.is_open and s.closed_on is None


def test_column_order_does_not_matter():
    header = list(reversed(COLUMNS.values()))
    [row] = rows(gias_csv([school()], header=header))
    assert row.school.urn == 100001 and row.school.northing == 280000


def test_windows_1252_is_the_default_and_utf8_with_bom_is_recognised():
    name = "St Mary’s Church of England Primary School – Ely"
    cp1252 = gias_csv([school(EstablishmentName=name)])
    assert "–".encode("cp1252") in cp1252
    assert rows(cp1252)[0].school.name == name
    utf8 = codecs.BOM_UTF8 + gias_csv([school(EstablishmentName=name)], encoding="utf-8")
    assert rows(utf8)[0].school.name == name
    with pytest.raises(GiasFileError, match="not valid UTF-8"):
        rows(codecs.BOM_UTF8 + cp1252)


def test_utf8_without_a_byte_order_mark_is_recognised_too():
    name = "St Mary’s Church of England Primary School – Ely"
    utf8 = gias_csv([school(EstablishmentName=name)], encoding="utf-8")
    assert not utf8.startswith(codecs.BOM_UTF8)
    assert rows(utf8)[0].school.name == name  # not "St Maryâ€™s … â€“ Ely"
    # a UTF-8 character cut by the end of the sample the encoding is guessed from
    from upward.schools.gias import _sniff_encoding

    sample = "–".encode() * 3
    assert _sniff_encoding(sample[:-1]) == "utf-8"
    assert _sniff_encoding("é".encode("cp1252") + b" and more") == "cp1252"
    assert _sniff_encoding(b"plain ASCII") == "cp1252"


def test_bytes_undefined_in_windows_1252_are_a_file_error():
    data = gias_csv([school()]).replace(b"Fenside", b"Fen\x81side")
    with pytest.raises(GiasFileError, match=r"not valid Windows-1252 text \(byte 0x81\)"):
        rows(data)


def test_missing_columns_are_named():
    header = [h for h in GIAS_HEADER if h not in ("PercentageFSM", "Easting")]
    with pytest.raises(GiasFileError) as error:
        read_gias(gias_csv([school()], header=header))
    assert "“PercentageFSM”" in str(error.value) and "“Easting”" in str(error.value)
    assert "URN" not in error.value.message


def test_empty_file_is_a_file_error():
    with pytest.raises(GiasFileError, match="empty"):
        read_gias(b"")


@pytest.mark.parametrize(("overrides", "column", "message"), [
    ({"URN": "10A01"}, "URN", "“10A01” is not a URN (a whole number)"),
    ({"URN": ""}, "URN", "no URN"),
    ({"NumberOfPupils": "many"}, "NumberOfPupils", "“many” is not a number of pupils"),
    ({"PercentageFSM": "140"}, "PercentageFSM", "140 is not a percentage between 0 and 100"),
    ({"PercentageFSM": "-1"}, "PercentageFSM", "-1 is not a percentage between 0 and 100"),
    ({"PercentageFSM": "lots"}, "PercentageFSM", "“lots” is not a percentage"),
    ({"Easting": "55x"}, "Easting", "“55x” is not a grid reference in metres"),
    ({"Easting": "800000"}, "Easting", "800000 is outside Great Britain's grid (0 to 700,000)"),
    ({"Northing": "1400000"}, "Northing",
     "1400000 is outside Great Britain's grid (0 to 1,300,000)"),
    ({"CloseDate": "soon", "EstablishmentStatus (name)": "Closed"}, "CloseDate",
     "“soon” is not a date (DD-MM-YYYY)"),
])
def test_bad_rows_are_reported_with_row_number_urn_and_column(overrides, column, message):
    good, bad, after = rows(gias_csv([school(URN=1), school(**overrides), school(URN=3)]))
    assert good.school.urn == 1 and after.school.urn == 3
    assert bad.school is None
    [problem] = bad.problems
    assert (problem.row, problem.column, problem.message) == (3, column, message)
    assert problem.urn == str(overrides.get("URN", 100001))


def test_suppressed_and_blank_figures_are_no_figure_not_errors():
    [row] = rows(gias_csv([school(PercentageFSM="SUPP", NumberOfPupils="", Easting="",
                                  Northing="")]))
    assert row.problems == []
    assert (row.school.fsm_percent, row.school.pupils, row.school.easting) == (None, None, None)


def test_closed_schools_keep_their_close_date():
    [row] = rows(gias_csv([school(**{"EstablishmentStatus (name)": "Closed",
                                     "CloseDate": "31-08-2021"})]))
    assert row.school.is_open is False and row.school.closed_on == date(2021, 8, 31)
    [row] = rows(gias_csv([school(**{"EstablishmentStatus (name)":
                                     "Open, but proposed to close"})]))
    assert row.school.is_open is True


def test_blank_lines_are_skipped_and_row_numbers_stay_the_files():
    data = gias_csv([school(URN=1)]) + b"\r\n" + gias_csv([school(URN=2)]).split(b"\r\n", 1)[1]
    reader = read_gias(data)
    got = [(r.row, r.school.urn) for r in reader]
    assert got == [(2, 1), (4, 2)] and reader.rows_read == 2


def test_distance_is_euclidean_metres_over_a_thousand():
    assert distance_km(530000, 180000, 533000, 184000) == 5.0
    assert distance_km(0, 0, 0, 0) == 0.0


def test_priority_is_strictly_above_the_threshold_and_unknown_is_not_priority():
    assert 0 < national_fsm_percent() < 100
    assert is_priority(30.0, 24.6) and not is_priority(24.6, 24.6)
    assert not is_priority(None, 24.6)


def test_the_package_never_imports_django():
    code = ("import sys, upward.schools.gias, upward.schools.distance, upward.schools.layout, "
            "upward.schools.priority; "
            "print(any(m == 'django' or m.startswith(('django.', 'upward.web')) "
            "for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

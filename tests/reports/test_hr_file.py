"""Reading HR snapshots: every bad input gets a specific message with row and column,
and nothing half-checked comes out."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest

from upward.reports.hr_file import (
    FIELDS,
    HrFileError,
    HrSnapshot,
    read_hr_file,
    read_raw,
    suggest_mapping,
)

DAY = date(2025, 3, 31)
HEADER = "Employee ID,Grade,Function,Hourly pay,Start date"


def read(text: str | bytes, **kwargs):
    data = text.encode() if isinstance(text, str) else text
    return read_hr_file(data, snapshot_date=DAY, **kwargs)


def problems(text: str | bytes, **kwargs) -> list[str]:
    with pytest.raises(HrFileError) as caught:
        read(text, **kwargs)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_gives_typed_columns():
    snap = read(f"{HEADER},Leaver,Leaving date,SOC 2020 code,Bonus\n"
                "E1,G2,Sales,14.50,2020-01-06,No,,2136,0\n"
                "E2,G10,Sales,\"£1,000.00\",31/03/2019,Yes,2025-01-10,,\n"
                "E3,G1,Ops,12,1/2/2019,,,9,250.5\n")
    table = snap.table.to_pydict()
    assert table["hourly_pay"][0] == 14.5 and table["hourly_pay"][1] == 1000.0
    assert table["start_date"] == [date(2020, 1, 6), date(2019, 3, 31), date(2019, 2, 1)]
    assert table["leaver"] == [False, True, False]
    assert table["soc_major"] == [2, 0, 9]
    assert table["bonus"] == [0.0, 0.0, 250.5]
    assert snap.grade_order == ("G1", "G2", "G10")  # natural order
    assert snap.present == {"leaver", "leaving_date", "soc_code", "bonus"}


def test_parquet_round_trip_keeps_metadata():
    snap = read(f"{HEADER}\nE1,B,Sales,14.50,2020-01-06\nE2,A,Sales,15,2020-01-06\n",
                grade_order=["B", "A"])
    again = HrSnapshot.from_parquet(snap.to_parquet())
    assert again.grade_order == ("B", "A")
    assert again.snapshot_date == DAY
    assert again.table.schema == snap.table.schema
    assert repr(again.table.to_pydict()) == repr(snap.table.to_pydict())  # NaN-tolerant


def test_unknown_column_is_named_and_can_be_ignored():
    text = f"{HEADER},Salary\nE1,G1,Sales,14.50,2020-01-06,30000\n"
    [message] = problems(text)
    assert message.startswith("Row 1, column 'Salary': Unknown column (column F)")
    assert read(text, ignore=["salary"]).n_rows == 1


def test_missing_required_column_is_named():
    [message] = problems("Employee ID,Grade,Function,Start date\nE1,G1,Sales,2020-01-06\n")
    assert message.startswith("Missing required column 'hourly_pay' (Hourly pay (£))")


def test_blank_and_repeated_headers():
    found = problems("Employee ID,Grade,,Function,Hourly pay,Start date,grade\n"
                     "E1,G1,x,Sales,14,2020-01-06,G1\n")
    assert any("column C has no name" in m for m in found)
    assert any("'grade' is used twice (columns B and G)" in m for m in found)


def test_duplicate_employee_ids_name_both_rows():
    found = problems(f"{HEADER}\nE1,G1,S,14,2020-01-06\nE2,G1,S,14,2020-01-06\n"
                     "E1,G1,S,14,2020-01-06\n")
    assert found == ["Row 4, column 'Employee ID': employee id 'E1' is also on row 2: each "
                     "person must appear once."]


def test_utf8_with_and_without_bom_and_windows_1252():
    body = f"{HEADER},Region\nE1,G1,Café,14.50,2020-01-06,Tŷ Newydd\n"
    plain = read(body)
    bom = read(b"\xef\xbb\xbf" + body.encode())
    assert plain.table.column("function")[0].as_py() == "Café"
    assert bom.table.column("function")[0].as_py() == "Café"
    assert bom.encoding == "utf-8 with byte-order mark"
    # Windows-1252 cannot hold ŷ: use a £ and an é instead
    cp = f"{HEADER},Region\nE1,G1,Café,£14.50,2020-01-06,Bridgend\n".encode("cp1252")
    snap = read(cp)
    assert snap.encoding == "windows-1252"
    assert snap.table.column("function")[0].as_py() == "Café"
    assert snap.table.column("hourly_pay")[0].as_py() == 14.5


def test_undecodable_bytes_and_utf16_and_old_excel():
    [bad] = problems(f"{HEADER}\nE1,G1,S\x81,14,2020-01-06\n".encode("latin-1"))
    assert "Row 2 contains bytes that are neither UTF-8 nor Windows-1252" in bad
    [utf16] = problems(f"{HEADER}\n".encode("utf-16"))
    assert "UTF-16" in utf16
    [xls] = problems(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "old Excel 97-2003 (.xls)" in xls


def test_excel_serial_dates_are_explained():
    [message] = problems(f"{HEADER}\nE1,G1,S,14,44927\n")
    assert message == ("Row 2, column 'Start date': '44927' looks like an Excel date serial "
                       "number (01 January 2023): format the column as a date (YYYY-MM-DD or "
                       "DD/MM/YYYY) before saving.")


def test_impossible_and_unreadable_and_future_dates():
    found = problems(f"{HEADER},Leaver,Leaving date\nE1,G1,S,14,2024-02-30,No,\n"
                     "E2,G1,S,14,03/31/2024,No,\nE3,G1,S,14,2020-01-01,Yes,2026-01-01\n"
                     "E4,G1,S,14,next week,No,\n")
    assert any(m.startswith("Row 2, column 'Start date': '2024-02-30' is not a real date")
               for m in found)
    assert any(m.startswith("Row 3, column 'Start date': '03/31/2024' is not a real date")
               for m in found)
    assert any(m.startswith("Row 5, column 'Start date': 'next week' is not a date") for m in found)
    assert any(m.startswith("Row 4, column 'Leaving date': 2026-01-01 is after the snapshot date")
               for m in found)


def test_negative_zero_absurd_and_missing_pay():
    found = problems(f"{HEADER},Bonus,FTE\nE1,G1,S,-3,2020-01-06,,1\nE2,G1,S,0,2020-01-06,,1\n"
                     "E3,G1,S,45000,2020-01-06,,1\nE4,G1,S,,2020-01-06,,1\n"
                     "E5,G1,S,12,2020-01-06,-50,37.5\nE6,G1,S,12,2020-01-06,1e9,1\n"
                     "E7,G1,S,12.5.1,2020-01-06,,1\n")
    expected = [
        "Row 2, column 'Hourly pay': hourly pay is negative (-3)",
        "Row 3, column 'Hourly pay': hourly pay is 0",
        "Row 4, column 'Hourly pay': £45,000.00 an hour is not plausible",
        "Row 5, column 'Hourly pay': is empty: every current employee needs",
        "Row 6, column 'Bonus': bonus is negative (-50)",
        "Row 6, column 'FTE': FTE 37.5 is more than 1.5",
        "Row 7, column 'Bonus': '1e9' is not a number",
        "Row 8, column 'Hourly pay': '12.5.1' is not a number",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in found), (start, found)


def test_leavers_may_have_no_pay_but_a_date_needs_the_flag():
    assert read(f"{HEADER},Leaver\nE1,G1,S,,2020-01-06,Yes\nE2,G1,S,12,2020-01-06,No\n").n_rows == 2
    [message] = problems(f"{HEADER},Leaver,Leaving date\nE1,G1,S,12,2020-01-06,No,2025-01-01\n")
    assert message.startswith("Row 2, column 'Leaving date': has a leaving date but the leaver "
                              "column says No")


def test_empty_header_only_and_oversized_files(tmp_path):
    assert problems("")[0].startswith("The file is empty")
    assert problems("  \n\n")[0].startswith("The file is empty")
    assert problems(f"{HEADER}\n")[0].startswith("The file has a header row but no rows")
    assert problems(f"{HEADER}\n,,,,\n\n")[0].startswith("The file has a header row but no rows")
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:  # a sparse 101 MB file: its size is checked before reading
        handle.truncate(101_000_000)
    with pytest.raises(HrFileError) as caught:
        read_raw(big, max_bytes=100_000_000)
    assert str(caught.value.problems[0]).startswith(
        "The file is 101.0 MB; the largest file that can be imported here is 100 MB.")


def test_ragged_rows_are_numbered_as_a_spreadsheet_numbers_them():
    found = problems(f"{HEADER}\nE1,G1,S,14,2020-01-06\n\"E2\nX\",G1,S,14,2020-01-06\n"
                     "E3,G1,S,14\n")
    assert found == ["Row 4: has 4 values but the header has 5 columns: check for unquoted "
                     "commas or a missing value."]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers():
    found = problems(f"{HEADER}\nE1,G1,S,14,2020-01-06\n,,,,\nE2,G1,S,-1,2020-01-06\n")
    assert found[0].startswith("Row 4, column 'Hourly pay'")


def test_background_answers_are_read_and_never_echoed():
    snap = read(f"{HEADER},Parental occupation,FSM\nE1,G1,S,14,2020-01-06,4,Yes\n"
                "E2,G1,S,14,2020-01-06,Technical and craft occupations,no\n"
                "E3,G1,S,14,2020-01-06,,\n")
    assert snap.table.column("main_earner_occupation").to_pylist() == [
        "technical_craft", "technical_craft", None]
    found = problems(f"{HEADER},Parental occupation\nE1,G1,S,14,2020-01-06,Proffesional\n")
    assert found[0].startswith("Row 2, column 'Parental occupation': is not one of the answers")
    assert "Proffesional" not in found[0]


def test_many_problems_are_capped_and_counted():
    rows = "".join(f"E{i},G1,S,-1,2020-01-06\n" for i in range(500))
    with pytest.raises(HrFileError) as caught:
        read(f"{HEADER}\n{rows}")
    error = caught.value
    assert error.total == 500
    assert len(error.problems) == 21  # 20 rows listed, then "480 more row(s)"
    assert str(error.problems[-1]) == "Column 'Hourly pay': 480 more row(s) with the same problem."


def test_grade_order_must_cover_every_grade():
    [message] = problems(f"{HEADER}\nE1,A,S,14,2020-01-06\nE2,B,S,14,2020-01-06\n",
                         grade_order=["A"])
    assert message == ("The grade order does not include 'B': list every grade in the file, "
                       "most junior first.")


def test_suggested_mapping_uses_synonyms_once():
    mapping = suggest_mapping(["Staff ID", "Band", "Department", "Hourly rate", "Hire date",
                               "Gender", "Grade"])
    assert mapping == {"Staff ID": "employee_id", "Band": "grade", "Department": "function",
                       "Hourly rate": "hourly_pay", "Hire date": "start_date",
                       "Gender": "sex", "Grade": None}
    assert {f.name for f in FIELDS if f.required} == {"employee_id", "grade", "function",
                                                      "hourly_pay", "start_date"}


def test_xlsx_with_real_dates_and_numbers():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Grade", "Function", "Hourly pay", "Start date", "SOC 2020 code"])
    sheet.append(["E1", "G1", "Sales", 14.5, date(2020, 1, 6), 2136])
    sheet.append([1002, "G2", "Sales", 20, date(2019, 5, 1), None])
    sheet.append(["E3", "G2", "Sales", 20, 44927, None])
    buffer = io.BytesIO()
    book.save(buffer)
    [message] = problems(buffer.getvalue())
    assert message.startswith("Row 4, column 'Start date': '44927' looks like an Excel date")
    sheet.delete_rows(4)
    buffer = io.BytesIO()
    book.save(buffer)
    snap = read(buffer.getvalue())
    assert snap.table.column("employee_id").to_pylist() == ["E1", "1002"]
    assert snap.table.column("start_date").to_pylist() == [date(2020, 1, 6), date(2019, 5, 1)]
    assert snap.encoding == "xlsx"


def test_a_workbook_that_would_unpack_to_gigabytes_is_refused_unopened():
    import time
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Employee ID", "Grade", "Function", "Hourly pay", "Start date"])
    book.active.append(["E1", "G1", "Sales", 14.5, date(2020, 1, 6)])
    good = io.BytesIO()
    book.save(good)
    # the same workbook with its sheet swapped for 60 MB of spaces (packs into ~60 KB)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as source, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<sheetData>", b"<sheetData>" + b" " * 60_000_000, 1)
            target.writestr(item.filename, body)
    assert len(bomb.getvalue()) < 200_000
    start = time.perf_counter()
    [message] = problems(bomb.getvalue())
    assert "xl/worksheets/sheet1.xml alone packs 60 MB" in message
    assert time.perf_counter() - start < 5  # refused from the sizes it declares, not unpacked
    assert read(good.getvalue()).table.num_rows == 1


def test_not_a_spreadsheet():
    assert "This is a PNG image, not a CSV file or an Excel workbook" in problems(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00")[0]
    assert "not a text (CSV) file" in problems(b"\x00\x01\x02binary")[0]
    assert "cannot be opened" in problems(b"PK\x03\x04garbage")[0]


def _zip(*names: str) -> bytes:
    import zipfile

    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return sink.getvalue()


@pytest.mark.parametrize(("content", "named"), [
    (b"%PDF-1.7\n1 0 obj", "a PDF document"),
    (b"<!DOCTYPE html><html><body><table></table></body></html>", "a web page (HTML)"),
    (b'[{"Employee ID": "E1", "Grade": "G1"}]', "a JSON file"),
    (b"{\\rtf1\\ansi Employee ID, Grade}", "a Rich Text document"),
    (_zip("[Content_Types].xml", "word/document.xml"), "a Word document"),
    (_zip("readme.txt"), "a ZIP archive"),
])
def test_other_formats_are_named_by_their_content_whatever_the_file_is_called(content, named):
    for filename in ("hr.csv", "hr.xlsx", "hr.txt"):
        message = problems(content, filename=filename)[0]
        assert f"This is {named}, not a CSV file or an Excel workbook" in message


def test_the_content_decides_the_format_not_the_name():
    csv_named_xlsx = HEADER + "\nE1,Grade 1,Finance,12.50,2020-01-06\n"
    assert read_raw(csv_named_xlsx.encode(), filename="export.xlsx").file_format == "csv"


def test_large_file_is_checked_in_seconds():
    rng = np.random.default_rng(1)
    n = 50_000
    lines = [HEADER] + [f"E{i},G{rng.integers(1, 8)},F{rng.integers(1, 5)},"
                        f"{rng.uniform(11, 60):.2f},"
                        f"2019-0{rng.integers(1, 10)}-1{rng.integers(0, 10)}"
                        for i in range(n)]
    snap = read("\n".join(lines))
    assert snap.n_rows == n


EIGHT_MB = "x" * 8_000_000


@pytest.mark.parametrize(("column", "limit"), [
    ("Grade", 200), ("Function", 200), ("Sex", 200), ("Ethnicity", 200), ("Region", 200),
    ("Employee ID", 64), ("Work email", 254)])
def test_an_8_mb_cell_is_refused_as_a_label_and_never_repeated(column, limit):
    header = f"{HEADER},Sex,Ethnicity,Region"
    good = "E{i},G1,Sales,14,2020-01-06,Female,White,London"
    if column == "Work email":  # a column of its own (item 6 of issue 10)
        header, good = header + ",Work email", good + ",e{i}@northbridge.example"
    rows = [good.format(i=i) for i in range(1, 6)]
    cells = rows[-1].split(",")
    cells[header.split(",").index(column)] = EIGHT_MB
    rows[-1] = ",".join(cells)
    with pytest.raises(HrFileError) as caught:
        read(header + "\n" + "\n".join(rows) + "\n")
    found = [str(p) for p in caught.value.problems]
    assert f"Row 6, column '{column}': is longer than {limit} characters: check that the cell " \
           "holds only this column's value." in found
    assert max(len(m) for m in found) < 300  # the cell is never echoed


def test_labels_at_the_limit_are_accepted():
    snap = read(f"{HEADER}\n{'E' * 64},{'G' * 200},{'F' * 200},14,2020-01-06\n")
    assert snap.table.column("function").to_pylist() == ["F" * 200]
    found = problems(f"{HEADER}\n{'E' * 65},G1,{'F' * 201},14,2020-01-06\n")
    assert found == [
        "Row 2, column 'Employee ID': is longer than 64 characters: check that the cell holds "
        "only this column's value.",
        "Row 2, column 'Function': is longer than 200 characters: check that the cell holds "
        "only this column's value."]


def test_an_8_mb_cell_in_an_xlsx_workbook_is_refused():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Grade", "Function", "Hourly pay", "Start date"])
    sheet.append(["E1", "G1", "Sales", 14.5, date(2020, 1, 6)])
    sheet.append(["E2", "G1", EIGHT_MB, 14.5, date(2020, 1, 6)])
    buffer = io.BytesIO()
    book.save(buffer)
    [message] = problems(buffer.getvalue())
    assert message.startswith("Row 3, column 'Function': is longer than 200 characters")


def test_huge_column_names_and_other_huge_cells_are_refused_without_being_repeated():
    for header in (f"{HEADER},{EIGHT_MB}", f"{HEADER},\"{EIGHT_MB}\""):
        [message] = problems(f"{header}\nE1,G1,S,14,2020-01-06,x\n")
        assert message.startswith("Row 1: the first row cannot be read as column names")
    [message] = problems(f"{HEADER},{'N' * 201}\nE1,G1,S,14,2020-01-06,x\n")
    assert message == ("Row 1: the name of column F is longer than 200 characters: is the first "
                       "row a header row?")
    found = problems(f"{HEADER},SOC 2020 code\nE1,G1,S,-{'9' * 1_000_000},2020-01-06,{EIGHT_MB}\n")
    assert len(found) == 2 and max(len(m) for m in found) < 300


def test_work_email_is_lower_cased_optional_and_never_repeated():
    snap = read(f"{HEADER},Email address\nE1,G1,S,14,2020-01-06,Ann.Lee@Northbridge.Example\n"
                "E2,G1,S,14,2020-01-06,\n")
    assert snap.table.column("work_email").to_pylist() == ["ann.lee@northbridge.example", None]
    assert "work_email" in snap.present
    assert read(f"{HEADER}\nE1,G1,S,14,2020-01-06\n").table.column("work_email").null_count == 1
    found = problems(f"{HEADER},Work email\nE1,G1,S,14,2020-01-06,ann.lee at northbridge\n")
    assert found == ["Row 2, column 'Work email': is not an email address."]

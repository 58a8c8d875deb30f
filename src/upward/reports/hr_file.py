"""Reading an HR workforce snapshot (CSV or XLSX) into checked, typed columns.

Used by the web import and by ``upward insights``. Reading happens in two steps
so that a person can map columns in between:

1. :func:`read_raw` decodes the file (UTF-8 with or without a byte-order mark,
   or Windows-1252; XLSX) and splits it into text columns, refusing empty,
   ragged, oversized or unreadable files.
2. :func:`check` maps the file's headers to :data:`FIELDS`, validates every
   value and returns an :class:`HrSnapshot`, or raises :class:`HrFileError`
   listing every problem with its spreadsheet row and column, so that nothing
   half-checked is ever imported.

:func:`read_hr_file` does both with the automatic mapping (:func:`suggest_mapping`).

Validation is vectorised with pyarrow: a million rows take a few seconds.
Row numbers are those a spreadsheet shows: the header is row 1. Values of the
background-question and work email columns are never repeated in a message, so
an error report shows nobody's answers or address. Labels are capped
(:data:`MAX_LABEL_LENGTH`, employee ids at :data:`MAX_ID_LENGTH`), so a cell
holding a pasted document is refused rather than imported as a function name.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from upward.classify import question, soc2020_major_group

__all__ = [
    "FIELDS",
    "MAX_EMAIL_LENGTH",
    "MAX_HOURLY_PAY",
    "MAX_ID_LENGTH",
    "MAX_LABEL_LENGTH",
    "Field",
    "HrFileError",
    "HrSnapshot",
    "Problem",
    "RawFile",
    "check",
    "check_size",
    "read_hr_file",
    "read_raw",
    "suggest_mapping",
]

#: An hourly rate above this is taken to be a mistake (often annual pay in the wrong column).
MAX_HOURLY_PAY = 1_000.0
#: A bonus above this (per person, per year) is taken to be a mistake.
MAX_BONUS = 10_000_000.0
#: Full-time equivalent above this is taken to be a mistake.
MAX_FTE = 1.5
#: Dates before this are taken to be a mistake.
EARLIEST_DATE = date(1940, 1, 1)
#: At most this many problems are listed; the rest are counted.
MAX_PROBLEMS = 200
#: Per column, at most this many rows are listed for one kind of problem.
MAX_ROWS_PER_PROBLEM = 20
#: Longest label (grade, function, sex, ethnicity, region) and column name accepted.
MAX_LABEL_LENGTH = 200
#: Longest employee id accepted: the survey's employee number field holds 64 characters.
MAX_ID_LENGTH = 64
#: Longest work email accepted (as an account's email address).
MAX_EMAIL_LENGTH = 254


@dataclass(frozen=True)
class Field:
    """One column Upward understands.

    Attributes
    ----------
    name : str
        Canonical name, also the column name in a stored snapshot.
    label : str
        Name shown to people.
    kind : str
        How values are read: ``id``, ``text``, ``email``, ``pay``, ``bonus``,
        ``fte``, ``date``, ``flag``, ``soc`` or ``answer``. ``email`` is text
        checked to look like an address and lower-cased; an empty cell is
        null, not "Not known", as the address is not a label to count by.
    required : bool
        Whether a file must have it.
    synonyms : tuple of str
        Other header names mapped to it automatically.
    hint : str
        What to put in it.
    max_length : int, optional
        Longest value accepted, in characters (``id``, ``text`` and ``email``).
    """

    name: str
    label: str
    kind: str
    required: bool
    synonyms: tuple[str, ...] = ()
    hint: str = ""
    max_length: int | None = None


FIELDS: tuple[Field, ...] = (
    Field("employee_id", "Employee id", "id", True,
          ("employee number", "employee no", "emp id", "staff id", "staff number", "person id",
           "payroll number", "id"),
          "The identifier people give on the survey page; unique in the file.", MAX_ID_LENGTH),
    Field("grade", "Grade or level", "text", True, ("level", "band", "job grade", "grade level",
                                                    "job level", "pay band"),
          "Any labels; order them on the mapping screen.", MAX_LABEL_LENGTH),
    Field("function", "Function", "text", True, ("department", "business area", "directorate",
                                                 "division", "business unit", "team"),
          max_length=MAX_LABEL_LENGTH),
    Field("hourly_pay", "Hourly pay (£)", "pay", True,
          ("hourly rate", "ordinary hourly pay", "hourly pay gbp", "pay per hour", "hourly"),
          "Ordinary hourly pay in pounds, as for gender pay gap reporting. Leavers may be empty."),
    Field("start_date", "Start date", "date", True, ("hire date", "date joined", "joined",
                                                     "start", "date of joining", "service date")),
    Field("soc_code", "SOC 2020 code", "soc", False, ("soc", "soc 2020", "soc2020", "soc 2020 code",
                                                      "occupation code"),
          "1 to 4 digits; only the major group (first digit) is used."),
    Field("bonus", "Bonus (£)", "bonus", False, ("bonus pay", "bonus paid", "annual bonus"),
          "Bonus paid in the 12 months to the snapshot date; 0 or empty for none."),
    Field("fte", "FTE", "fte", False, ("full time equivalent", "fte ratio", "contracted fte")),
    Field("last_promotion_date", "Last promotion date", "date", False,
          ("promotion date", "last promoted", "date of last promotion", "last promotion")),
    Field("leaver", "Leaver", "flag", False, ("leaver flag", "left", "is leaver", "has left"),
          "Yes/No (also Y/N, true/false, 1/0)."),
    Field("leaving_date", "Leaving date", "date", False,
          ("leaver date", "leave date", "termination date", "end date", "date left")),
    Field("sex", "Sex", "text", False, ("gender", "legal sex"), max_length=MAX_LABEL_LENGTH),
    Field("ethnicity", "Ethnicity", "text", False, ("ethnic group", "ethnic origin"),
          max_length=MAX_LABEL_LENGTH),
    Field("region", "Region", "text", False, ("work region", "location", "work location"),
          max_length=MAX_LABEL_LENGTH),
    Field("work_email", "Work email", "email", False,
          ("email", "email address", "work email address", "e-mail", "e-mail address",
           "business email", "company email"),
          "The person's work email address. It confirms the employee number a person gives "
          "on the survey (their account's email must match); it is never shown.",
          MAX_EMAIL_LENGTH),
    Field("main_earner_occupation", "Main household earner's occupation at 14", "answer", False,
          ("main household earner occupation", "parental occupation", "occupation at 14",
           "household earner occupation", "smc occupation", "smc q1"),
          "Only if HR collected the background questions: codes, numbers 1-9 or wording."),
    Field("school_type", "School type (11-16)", "answer", False, ("type of school", "smc school")),
    Field("free_school_meals", "Free school meals", "answer", False, ("fsm", "eligible for fsm",
                                                                       "smc fsm")),
    Field("parental_degree", "Parental degree", "answer", False,
          ("parents degree", "parent degree", "parents university", "smc degree")),
)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
ANSWER_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "answer")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file.

    ``row`` is the spreadsheet row (header = 1) or ``None`` for a whole-file
    problem; ``column`` is the header as written in the file, or ``None``.
    """

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row:,}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        return (prefix[:1].upper() + prefix[1:] + ": " if where else "") + self.message

    def to_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


class HrFileError(ValueError):
    """The file cannot be imported. ``problems`` lists what is wrong; nothing was imported.

    Attributes
    ----------
    problems : tuple of Problem
        At most :data:`MAX_PROBLEMS` of them.
    total : int
        How many problems were found in all.
    """

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = tuple(problems[:MAX_PROBLEMS])
        self.total = max(total or 0, len(problems))
        first = str(self.problems[0]) if self.problems else "the file cannot be read"
        more = f" (and {self.total - 1:,} more problem(s))" if self.total > 1 else ""
        super().__init__(first + more)


@dataclass(frozen=True)
class RawFile:
    """A decoded file split into text columns, before mapping and checking.

    Attributes
    ----------
    headers : tuple of str
        The header row as written (spaces trimmed).
    columns : tuple of pyarrow.StringArray
        One per header, every value as text (trimmed), blank rows removed.
    row_numbers : numpy.ndarray
        Spreadsheet row of each kept row (header = 1).
    file_format : {"csv", "xlsx"}
    encoding : str
        ``"utf-8"``, ``"utf-8 with byte-order mark"``, ``"windows-1252"`` or ``"xlsx"``.
    """

    headers: tuple[str, ...]
    columns: tuple[pa.Array, ...]
    row_numbers: np.ndarray
    file_format: str
    encoding: str

    @property
    def n_rows(self) -> int:
        return len(self.row_numbers)


@dataclass(frozen=True)
class HrSnapshot:
    """A checked workforce snapshot: one row per person, canonical typed columns.

    Attributes
    ----------
    table : pyarrow.Table
        Columns: every field in :data:`FIELDS` (absent optional ones are empty),
        except ``soc_code``, stored as ``soc_major`` (int8, 0 = none).
    snapshot_date : datetime.date
    present : frozenset of str
        The optional fields the file had.
    grade_order : tuple of str
        Grades from most junior to most senior.
    encoding : str
    """

    table: pa.Table
    snapshot_date: date
    present: frozenset[str]
    grade_order: tuple[str, ...]
    encoding: str = ""

    @property
    def n_rows(self) -> int:
        return self.table.num_rows

    def to_parquet(self) -> bytes:
        """The snapshot as Parquet bytes, with its metadata (for storing)."""
        meta = {
            b"upward.snapshot_date": self.snapshot_date.isoformat().encode(),
            b"upward.present": ",".join(sorted(self.present)).encode(),
            b"upward.grade_order": "\x1f".join(self.grade_order).encode(),
            b"upward.encoding": self.encoding.encode(),
        }
        table = self.table.replace_schema_metadata(meta)
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        return sink.getvalue()

    @classmethod
    def from_parquet(cls, data: bytes) -> HrSnapshot:
        table = pq.read_table(io.BytesIO(data))
        meta = table.schema.metadata or {}
        present = meta.get(b"upward.present", b"").decode()
        grades = meta.get(b"upward.grade_order", b"").decode()
        return cls(
            table=table.replace_schema_metadata(None),
            snapshot_date=date.fromisoformat(meta[b"upward.snapshot_date"].decode()),
            present=frozenset(p for p in present.split(",") if p),
            grade_order=tuple(grades.split("\x1f")) if grades else (),
            encoding=meta.get(b"upward.encoding", b"").decode(),
        )


# ---------------------------------------------------------------------------
# Step 1: decode and split
# ---------------------------------------------------------------------------


def read_raw(
    source: bytes | str | os.PathLike[str], *, filename: str = "", max_bytes: int | None = None
) -> RawFile:
    """Decode a CSV or XLSX file into text columns.

    Parameters
    ----------
    source : bytes or path
        The file's content, or its path.
    filename : str
        Not used to decide the format: the content does (a CSV named .xlsx is read as CSV).
    max_bytes : int, optional
        Refuse larger files (checked before reading a path).

    Raises
    ------
    HrFileError
        Empty, too large, not CSV/XLSX, wrong encoding, no data rows, ragged
        rows, blank or repeated headers.
    """
    if not isinstance(source, bytes):
        path = Path(source)
        filename = filename or path.name
        try:
            size = path.stat().st_size
        except OSError as error:
            raise HrFileError([Problem(f"cannot open {path}: {error.strerror}")]) from None
        check_size(size, max_bytes)
        source = path.read_bytes()
    else:
        check_size(len(source), max_bytes)
    if not source.strip():
        raise HrFileError([Problem("The file is empty: export the snapshot again, with a header "
                                   "row and one row per person.")])
    if source.startswith(b"PK\x03\x04"):
        _refuse_other_archives(source)
        return _read_xlsx(source)
    if (kind := _other_format(source)) is not None:
        raise HrFileError([Problem(f"This is {kind}, not a CSV file or an Excel workbook: "
                                   "export the snapshot from your HR system as CSV UTF-8 or "
                                   "Excel Workbook (.xlsx).")])
    if source.startswith(b"\xd0\xcf\x11\xe0"):
        raise HrFileError([Problem("This is an old Excel 97-2003 (.xls) workbook: save it as "
                                   "Excel Workbook (.xlsx) or as CSV UTF-8 and upload that.")])
    if source.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise HrFileError([Problem("The file is saved as UTF-16 (\"Unicode text\"): save it as "
                                   "CSV UTF-8 (comma delimited) and upload that.")])
    if b"\x00" in source[:4096]:
        raise HrFileError([Problem("This is not a text (CSV) file or an Excel workbook (.xlsx): "
                                   "export the snapshot as CSV UTF-8 or XLSX.")])
    text, encoding = _decode(source)
    return _read_csv(text, encoding)


# What a file is, from its first bytes, when it is plainly not a table (checked before
# reading it as text, so that the message names what was uploaded).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "a Rich Text document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file (unpack it first)"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)


def _other_format(source: bytes) -> str | None:
    """A name for what the file is when it is recognisably not CSV, else None."""
    for signature, name in _SIGNATURES:
        if source.startswith(signature):
            return name
    head = source[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return "an XML or HTML document"
    if head.startswith((b"{", b"[")) and _looks_like_json(source):
        return "a JSON file"
    return None


def _looks_like_json(source: bytes) -> bool:
    import json

    try:
        json.loads(source[:2_000_000])
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def _refuse_other_archives(source: bytes) -> None:
    """A ZIP file that is not a workbook: a Word or PowerPoint file, or a plain archive."""
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(source)).namelist()
    except zipfile.BadZipFile:
        return  # _read_xlsx reports it
    if any(n.startswith("xl/") for n in names):
        return
    if any(n.startswith("word/") for n in names):
        kind = "a Word document"
    elif any(n.startswith("ppt/") for n in names):
        kind = "a PowerPoint presentation"
    elif "mimetype" in names:
        kind = "an OpenDocument file (save it from LibreOffice as .xlsx or CSV)"
    else:
        kind = "a ZIP archive"
    raise HrFileError([Problem(f"This is {kind}, not a CSV file or an Excel workbook: export "
                               "the snapshot from your HR system as CSV UTF-8 or Excel "
                               "Workbook (.xlsx).")])


def check_size(size: int, max_bytes: int | None) -> None:
    """Raise HrFileError if a file of ``size`` bytes is over ``max_bytes``."""
    if max_bytes is not None and size > max_bytes:
        raise HrFileError([Problem(
            f"The file is {size / 1_000_000:,.1f} MB; the largest file that can be imported here "
            f"is {max_bytes / 1_000_000:,.0f} MB. Remove columns Upward does not use, or split "
            "the snapshot, or ask an administrator to raise UPWARD_INSIGHTS_MAX_UPLOAD_MB.")])


def _decode(data: bytes) -> tuple[bytes, str]:
    """UTF-8 bytes of the file and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8 with byte-order mark"
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HrFileError([Problem(_bad_text(data, error.start))]) from None
        return data, encoding
    try:
        data.decode("utf-8")
        return data, "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252").encode("utf-8"), "windows-1252"
    except UnicodeDecodeError as error:
        raise HrFileError([Problem(_bad_text(data, error.start))]) from None


def _bad_text(data: bytes, offset: int) -> str:
    row = data[:offset].count(b"\n") + 1
    return (f"Row {row:,} contains bytes that are neither UTF-8 nor Windows-1252 text: "
            "save the file as CSV UTF-8 (comma delimited) and upload it again.")


def _first_line(text: bytes) -> bytes:
    end = text.find(b"\n")
    return text if end < 0 else text[:end]


def _delimiter(text: bytes) -> str:
    first = _first_line(text)
    counts = {d: first.count(d.encode()) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: bytes, encoding: str) -> RawFile:
    text = text.rstrip(b"\r\n\t ")
    delimiter = _delimiter(text)
    try:
        header_line = next(csv.reader(io.StringIO(_first_line(text).decode("utf-8")),
                                      delimiter=delimiter), [])
    except csv.Error as error:  # e.g. a name over the csv module's 131,072-character limit
        raise HrFileError([Problem(f"the first row cannot be read as column names ({error}): "
                                   "it must be a header row of short names.", row=1)]) from None
    headers = _check_headers(header_line)
    if b"\n" not in text:
        raise HrFileError([Problem("The file has a header row but no rows of people: export "
                                   "the snapshot again with its data.")])
    names = [f"c{i}" for i in range(len(headers))]
    ragged: list[pacsv.InvalidRow] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        ragged.append(row)
        return "skip"

    def parse(threads: bool) -> pa.Table:
        return pacsv.read_csv(
            io.BytesIO(text),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=threads,
                                           block_size=16 << 20),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                             ignore_empty_lines=False,
                                             invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False),
        )

    try:
        table = parse(True)
        if ragged:  # read again in one thread: only then does pyarrow give row numbers
            ragged.clear()
            parse(False)
    except pa.ArrowInvalid as error:
        raise HrFileError([Problem(f"The file cannot be read as CSV ({_arrow_reason(error)}): "
                                   "check that values containing commas are in quotes.")]) from None
    if ragged:
        problems = [
            Problem(f"has {r.actual_columns} values but the header has {r.expected_columns} "
                    "columns: check for unquoted commas or a missing value.",
                    row=r.number)
            for r in ragged
        ]
        raise HrFileError(problems, total=len(problems))
    columns = [pc.utf8_trim_whitespace(table.column(n).combine_chunks()) for n in names]
    return _drop_blank_rows(headers, columns, first_row=2, file_format="csv", encoding=encoding)


def _arrow_reason(error: Exception) -> str:
    reason = str(error).split("\n")[0]
    return reason.split(": ", 1)[-1][:120]


def _check_headers(header: Sequence[object]) -> tuple[str, ...]:
    headers = [str(h if h is not None else "").strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise HrFileError([Problem("The first row is empty: it must hold the column names.",
                                   row=1)])
    problems = [Problem(f"column {_letter(i)} has no name: name it or delete the column.", row=1)
                for i, h in enumerate(headers) if not h]
    problems += [Problem(f"the name of column {_letter(i)} is longer than {MAX_LABEL_LENGTH} "
                         "characters: is the first row a header row?", row=1)
                 for i, h in enumerate(headers) if len(h) > MAX_LABEL_LENGTH]
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = h.casefold()
        if h and key in seen and len(h) <= MAX_LABEL_LENGTH:
            problems.append(Problem(f"the column name '{h}' is used twice (columns "
                                    f"{_letter(seen[key])} and {_letter(i)}): rename or delete "
                                    "one.", row=1))
        seen.setdefault(key, i)
    if problems:
        raise HrFileError(problems)
    return tuple(headers)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _drop_blank_rows(headers: tuple[str, ...], columns: list[pa.Array], *, first_row: int,
                     file_format: str, encoding: str) -> RawFile:
    n = len(columns[0]) if columns else 0
    blank = np.ones(n, dtype=bool)
    for column in columns:
        blank &= np.asarray(pc.equal(column, "").to_numpy(zero_copy_only=False), dtype=bool)
    keep = ~blank
    rows = np.arange(first_row, first_row + n, dtype=np.int64)[keep]
    if not len(rows):
        raise HrFileError([Problem("The file has a header row but no rows of people: export "
                                   "the snapshot again with its data.")])
    if not keep.all():
        mask = pa.array(keep)
        columns = [c.filter(mask) for c in columns]
    return RawFile(headers=headers, columns=tuple(columns), row_numbers=rows,
                   file_format=file_format, encoding=encoding)


#: A workbook may unpack to at most this many bytes (a 200,000-row HR export is well under
#: it) and no part of it may unpack above :data:`MAX_XLSX_RATIO` times its packed size once
#: it is over 10 MB: a "zip bomb" is refused before anything is unpacked.
MAX_XLSX_UNPACKED = 1 << 30
MAX_XLSX_RATIO = 200


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook whose parts say they unpack to too much. Python's zipfile never
    unpacks a part beyond the size it declares, so checking the declared sizes holds."""
    import zipfile

    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # load_workbook explains what is wrong with it
    total = sum(part.file_size for part in parts)
    swollen = [part for part in parts if part.file_size > 10_000_000
               and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1)]
    if total > MAX_XLSX_UNPACKED or swollen:
        raise HrFileError([Problem(
            f"The workbook would unpack to {total / 1e6:,.0f} MB"
            + (f" ({swollen[0].filename} alone packs {swollen[0].file_size / 1e6:,.0f} MB into "
               f"{swollen[0].compress_size / 1e3:,.0f} KB)" if swollen else "")
            + ", more than an HR snapshot needs: check it is the right file, or save it as "
              "CSV UTF-8 and upload that.")])


def _read_xlsx(data: bytes) -> RawFile:
    import zipfile

    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise HrFileError([Problem(f"The workbook cannot be opened ({error}): save it again as "
                                   "Excel Workbook (.xlsx) or as CSV UTF-8.")]) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise HrFileError([Problem("The first sheet of the workbook is empty: put the "
                                       "snapshot on the first sheet, headers in row 1.")])
        headers = _check_headers(header)
        width = len(headers)
        cells: list[list[str]] = [[] for _ in range(width)]
        extra: list[Problem] = []
        for number, row in enumerate(rows, start=2):
            values = list(row[:width]) + [None] * (width - len(row))
            if any(v is not None and str(v).strip() for v in row[width:]):
                extra.append(Problem(f"has values beyond the last named column "
                                     f"({_letter(width - 1)}): name that column or delete the "
                                     "values.", row=number))
            for i, value in enumerate(values):
                cells[i].append(_cell_text(value))
    finally:
        workbook.close()
    if extra:
        raise HrFileError(extra)
    columns = [pc.utf8_trim_whitespace(pa.array(c, type=pa.string())) for c in cells]
    if not columns or not len(columns[0]):
        raise HrFileError([Problem("The file has a header row but no rows of people: export "
                                   "the snapshot again with its data.")])
    return _drop_blank_rows(headers, columns, first_row=2, file_format="xlsx", encoding="xlsx")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------------------
# Step 2: map and check
# ---------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


_SYNONYMS: dict[str, str] = {}
for _field in FIELDS:
    for _name in (_field.name, _field.label, *_field.synonyms):
        _SYNONYMS.setdefault(_header_key(_name.replace("(£)", "")), _field.name)


def suggest_mapping(headers: Sequence[str]) -> dict[str, str | None]:
    """Header → field name for headers recognised by name or synonym, else ``None``.

    Examples
    --------
    >>> suggest_mapping(["Employee ID", "Level", "Salary"])
    {'Employee ID': 'employee_id', 'Level': 'grade', 'Salary': None}
    """
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        name = _SYNONYMS.get(_header_key(header))
        if name in taken:
            name = None
        if name:
            taken.add(name)
        mapping[header] = name
    return mapping


class _Problems:
    """Collects problems, listing a few rows per (column, kind) and counting the rest."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(problem)

    def rows(self, mask: np.ndarray, rows: np.ndarray, column: str,
             message: Callable[[int], str]) -> None:
        """A problem for each row where ``mask`` is true; ``message(i)`` gets the row index."""
        where = np.flatnonzero(mask)
        if not len(where):
            return
        for i in where[:MAX_ROWS_PER_PROBLEM]:
            self.add(Problem(message(int(i)), row=int(rows[i]), column=column))
        if len(where) > MAX_ROWS_PER_PROBLEM:
            rest = len(where) - MAX_ROWS_PER_PROBLEM
            self.total += rest
            if len(self.listed) < MAX_PROBLEMS:
                self.listed.append(Problem(f"{rest:,} more row(s) with the same problem.",
                                           column=column))

    def raise_if_any(self) -> None:
        if self.total:
            raise HrFileError(self.listed, total=self.total)


class _LazyText:
    """``text[i]`` of a string array, converted only for the rows a message names."""

    def __init__(self, values: pa.Array) -> None:
        self.values = values

    def __getitem__(self, i: int) -> str:
        return self.values[i].as_py()


def _shown(value: str) -> str:
    return repr(_clipped(value))


def _clipped(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "…"


def _np_bool(array: pa.Array) -> np.ndarray:
    return np.asarray(array.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def check(
    raw: RawFile,
    mapping: Mapping[str, str | None],
    *,
    snapshot_date: date,
    grade_order: Sequence[str] | None = None,
) -> HrSnapshot:
    """Map and validate a decoded file.

    Parameters
    ----------
    raw : RawFile
    mapping : mapping of header to field name
        Every header must appear: with a field name from :data:`FIELDS`, or
        ``None``/``""`` to ignore the column deliberately. A header absent from
        the mapping is an unknown column.
    snapshot_date : datetime.date
        The date the snapshot describes; no date in it may be later.
    grade_order : sequence of str, optional
        Grades from most junior to most senior. Default: natural sort order of
        the grade labels ("Grade 2" before "Grade 10").

    Raises
    ------
    HrFileError
        Unknown, missing or twice-mapped columns; then every bad value, by row
        and column. Nothing is returned unless the whole file is good.
    """
    problems = _Problems()
    chosen: dict[str, int] = {}
    for index, header in enumerate(raw.headers):
        if header not in mapping:
            problems.add(Problem(
                f"Unknown column (column {_letter(index)}). Upward reads these columns: "
                f"{', '.join(f.name for f in FIELDS)}. Rename it to one of them, or choose "
                "'Do not import' for it on the mapping screen (--ignore in the CLI).",
                row=1, column=header))
            continue
        name = mapping[header]
        if not name:
            continue
        if name not in FIELD_BY_NAME:
            problems.add(Problem(f"is mapped to '{name}', which is not a field Upward reads.",
                                 row=1, column=header))
        elif name in chosen:
            problems.add(Problem(f"and '{raw.headers[chosen[name]]}' are both mapped to "
                                 f"{FIELD_BY_NAME[name].label}: map only one of them.",
                                 row=1, column=header))
        else:
            chosen[name] = index
    for f in FIELDS:
        if f.required and f.name not in chosen:
            problems.add(Problem(
                f"Missing required column '{f.name}' ({f.label}): add it to the file or map "
                "one of the file's columns to it."))
    if snapshot_date > date.today() + timedelta(days=1):
        problems.add(Problem(f"The snapshot date {snapshot_date.isoformat()} is in the future: "
                             "give the date the data describes."))
    # Values of the columns that are mapped are checked too, so one pass lists everything.

    rows = raw.row_numbers
    n = raw.n_rows
    out: dict[str, pa.Array] = {}
    for f in FIELDS:
        source = raw.headers[chosen[f.name]] if f.name in chosen else None
        values = raw.columns[chosen[f.name]] if f.name in chosen else None
        out_name = "soc_major" if f.kind == "soc" else f.name
        out[out_name] = _convert(f, values, source, rows, n, snapshot_date, problems)

    leaver = _np_bool(out["leaver"])
    pay_missing = np.asarray(pc.is_nan(out["hourly_pay"]).to_numpy(zero_copy_only=False))
    if "hourly_pay" in chosen:
        problems.rows(pay_missing & ~leaver, rows, raw.headers[chosen["hourly_pay"]],
                      lambda i: "is empty: every current employee needs an ordinary hourly "
                                "pay (for someone on reduced pay because of leave, give their "
                                "ordinary rate). Only leavers may be empty.")
    if "leaving_date" in chosen:
        has_date = _np_bool(pc.is_valid(out["leaving_date"]))
        if "leaver" in chosen:
            problems.rows(has_date & ~leaver, rows, raw.headers[chosen["leaving_date"]],
                          lambda i: "has a leaving date but the leaver column says No: make "
                                    "them agree.")
        else:
            out["leaver"] = pa.array(has_date)
    if "employee_id" in chosen:
        _check_ids(out["employee_id"], rows, raw.headers[chosen["employee_id"]], problems)
    if "grade" in chosen:
        order = _grade_order(pc.unique(out["grade"]).to_pylist(), grade_order, problems)
    problems.raise_if_any()
    table = pa.table(out)
    return HrSnapshot(table=table, snapshot_date=snapshot_date,
                      present=frozenset(n for n in chosen if not FIELD_BY_NAME[n].required),
                      grade_order=order, encoding=raw.encoding)


def _grade_order(grades: list[str], given: Sequence[str] | None,
                 problems: _Problems) -> tuple[str, ...]:
    if not given:
        return tuple(sorted(grades, key=_natural_key))
    given = [g.strip() for g in given if g.strip()]
    missing = [g for g in grades if g not in given]
    if missing:
        problems.add(Problem(
            "The grade order does not include " + ", ".join(map(_shown, missing[:10]))
            + ": list every grade in the file, most junior first."))
    return tuple(g for g in given if g in grades)


def _natural_key(text: str) -> list[object]:
    return [(0, int(part)) if part.isdigit() else (1, part.casefold())
            for part in re.split(r"(\d+)", text) if part]


def _check_ids(ids: pa.Array, rows: np.ndarray, column: str, problems: _Problems) -> None:
    empty = _np_bool(pc.equal(ids, ""))
    problems.rows(empty, rows, column, lambda i: "is empty: every person needs an employee id.")
    if len(pc.unique(ids)) == len(ids):
        return
    ids_np = np.asarray(ids.to_numpy(zero_copy_only=False), dtype=object)
    order = np.argsort(ids_np, kind="stable")
    sorted_ids = ids_np[order]
    same = np.zeros(len(ids_np), dtype=bool)
    if len(ids_np) > 1:
        dup_next = (sorted_ids[1:] == sorted_ids[:-1]) & (sorted_ids[1:] != "")
        later = np.zeros(len(ids_np), dtype=bool)
        later[order[1:][dup_next]] = True
        same = later
    if same.any():
        first_row: dict[str, int] = {}
        for position in order:
            first_row.setdefault(ids_np[position], int(rows[position]))
        problems.rows(same, rows, column,
                      lambda i: f"employee id {_shown(ids_np[i])} is also on row "
                                f"{first_row[ids_np[i]]:,}: each person must appear once.")


_NUMBER = r"^-?£?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^-?£?\.\d+$"
_ISO_DATE = r"^(\d{4})-(\d{1,2})-(\d{1,2})([ T]00:00(:00)?)?$"
_UK_DATE = r"^(\d{1,2})/(\d{1,2})/(\d{4})$"
_SERIAL = r"^\d{5}(\.\d+)?$"
_TRUE = {"yes", "y", "true", "t", "1", "leaver", "left"}
_FALSE = {"no", "n", "false", "f", "0", ""}


def _convert(f: Field, values: pa.Array | None, header: str | None, rows: np.ndarray, n: int,
             snapshot_date: date, problems: _Problems) -> pa.Array:
    if f.kind in ("id", "text", "email"):
        if values is None:
            return pa.array([""] * n, type=pa.string()) if f.kind == "text" else \
                pa.nulls(n, pa.string())
        if f.max_length is not None:
            # utf8_length is linear: an 8 MB cell costs one pass, and is never echoed.
            too_long = _np_bool(pc.greater(pc.utf8_length(values), f.max_length))
            problems.rows(too_long, rows, header or f.name,
                          lambda i: f"is longer than {f.max_length} characters: check that "
                                    "the cell holds only this column's value.")
        if f.kind == "text":
            return pc.if_else(pc.equal(values, ""), "Not known", values)
        if f.kind == "email":
            return _emails(values, header or f.name, rows, problems)
        return values
    if f.kind in ("pay", "bonus", "fte"):
        return _numbers(f, values, header, rows, n, problems)
    if f.kind == "date":
        return _dates(f, values, header, rows, n, snapshot_date, problems)
    if f.kind == "flag":
        if values is None:
            return pa.array(np.zeros(n, dtype=bool))
        lowered = pc.utf8_lower(values)
        true = _np_bool(pc.is_in(lowered, value_set=pa.array(sorted(_TRUE))))
        false = _np_bool(pc.is_in(lowered, value_set=pa.array(sorted(_FALSE))))
        text = _LazyText(values)
        problems.rows(~true & ~false, rows, header or f.name,
                      lambda i: f"{_shown(text[i])} is not Yes or No (Y/N, true/false and "
                                "1/0 work too).")
        return pa.array(true)
    if f.kind == "soc":
        return _soc(values, header, rows, n, problems)
    return _answers(f, values, header, rows, n, problems)


#: Something@something.something, without spaces: enough to catch another column's value.
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _emails(values: pa.Array, column: str, rows: np.ndarray, problems: _Problems) -> pa.Array:
    """Lower-cased addresses, null where empty. A bad one is reported without repeating it."""
    empty = pc.equal(values, "")
    well_formed = _np_bool(pc.match_substring_regex(values, _EMAIL))
    problems.rows(~_np_bool(empty) & ~well_formed, rows, column,
                  lambda i: "is not an email address.")
    return pc.if_else(empty, pa.scalar(None, pa.string()), pc.utf8_lower(values))


def _numbers(f: Field, values: pa.Array | None, header: str | None, rows: np.ndarray, n: int,
             problems: _Problems) -> pa.Array:
    if values is None:
        return pa.array(np.full(n, np.nan))
    column = header or f.name
    empty = _np_bool(pc.equal(values, ""))
    well_formed = _np_bool(pc.match_substring_regex(values, _NUMBER))
    text = _LazyText(values)
    problems.rows(~empty & ~well_formed, rows, column,
                  lambda i: f"{_shown(text[i])} is not a number: use digits with a full stop "
                            "for decimals, e.g. 14.50 (a £ sign and thousands commas are fine).")
    cleaned = pc.replace_substring_regex(values, r"[£,]", "")
    cleaned = pc.if_else(pa.array(~well_formed), "nan", cleaned)
    numbers = np.asarray(pc.cast(cleaned, pa.float64()).to_numpy(zero_copy_only=False),
                         dtype=np.float64)
    if f.kind == "fte":
        problems.rows(numbers <= 0, rows, column,
                      lambda i: f"FTE {numbers[i]:g} must be more than 0.")
        problems.rows(numbers > MAX_FTE, rows, column,
                      lambda i: f"FTE {numbers[i]:g} is more than {MAX_FTE:g}: give the full-time "
                                "equivalent as a fraction (1 = full time), not hours.")
        return pa.array(numbers)
    label = "hourly pay" if f.kind == "pay" else "bonus"
    problems.rows(numbers < 0, rows, column,
                  lambda i: f"{label} is negative ({_clipped(text[i])}): pay cannot be below "
                            "0.")
    if f.kind == "pay":
        problems.rows(numbers == 0, rows, column,
                      lambda i: "hourly pay is 0: give the person's ordinary hourly rate.")
        problems.rows(numbers > MAX_HOURLY_PAY, rows, column,
                      lambda i: f"£{numbers[i]:,.2f} an hour is not plausible (more than "
                                f"£{MAX_HOURLY_PAY:,.0f}): is this annual pay? Give hourly pay.")
    else:
        problems.rows(numbers > MAX_BONUS, rows, column,
                      lambda i: f"a bonus of £{numbers[i]:,.0f} is not plausible (more than "
                                f"£{MAX_BONUS:,.0f}): check the value and its unit.")
        numbers = np.where(np.isnan(numbers), 0.0, numbers)  # empty = no bonus
    return pa.array(numbers)


def _dates(f: Field, values: pa.Array | None, header: str | None, rows: np.ndarray, n: int,
           snapshot_date: date, problems: _Problems) -> pa.Array:
    if values is None:
        return pa.nulls(n, pa.date32())
    column = header or f.name
    empty_mask = pc.equal(values, "")
    empty = _np_bool(empty_mask)
    if f.required:
        problems.rows(empty, rows, column,
                      lambda i: f"is empty: every person needs a {f.label.lower()}.")
    try:  # fast path: every date already YYYY-MM-DD and real
        dates = pc.cast(pc.if_else(empty_mask, pa.scalar(None, pa.string()), values), pa.date32())
    except pa.ArrowInvalid:
        dates = _dates_slowly(values, rows, column, empty, problems)
    days = np.asarray(pc.cast(dates, pa.int32()).fill_null(0).to_numpy(zero_copy_only=False))
    real = _np_bool(pc.is_valid(dates))
    epoch = date(1970, 1, 1)
    latest = (snapshot_date - epoch).days
    earliest = (EARLIEST_DATE - epoch).days
    problems.rows(real & (days > latest), rows, column,
                  lambda i: f"{values[i].as_py()} is after the snapshot date "
                            f"{snapshot_date.isoformat()}: "
                            "check the date, or the snapshot date you chose.")
    problems.rows(real & (days < earliest), rows, column,
                  lambda i: f"{values[i].as_py()} is before {EARLIEST_DATE.year}: check the date.")
    return dates


def _dates_slowly(values: pa.Array, rows: np.ndarray, column: str, empty: np.ndarray,
                  problems: _Problems) -> pa.Array:
    """Dates in any accepted form, with a problem for each value that is not one."""
    text = values.to_numpy(zero_copy_only=False)
    iso = _np_bool(pc.match_substring_regex(values, _ISO_DATE))
    uk = _np_bool(pc.match_substring_regex(values, _UK_DATE))
    serial = _np_bool(pc.match_substring_regex(values, _SERIAL))

    def serial_message(i: int) -> str:
        as_date = date(1899, 12, 30) + timedelta(days=int(float(text[i])))
        return (f"{_shown(text[i])} looks like an Excel date serial number ({as_date:%d %B %Y}): "
                "format the column as a date (YYYY-MM-DD or DD/MM/YYYY) before saving.")

    problems.rows(serial & ~iso & ~uk, rows, column, serial_message)
    problems.rows(~empty & ~iso & ~uk & ~serial, rows, column,
                  lambda i: f"{_shown(text[i])} is not a date: use YYYY-MM-DD (2024-03-31) or "
                            "DD/MM/YYYY (31/03/2024).")
    uk_as_iso = pc.replace_substring_regex(values, _UK_DATE, r"\3-\2-\1")
    parts = pc.extract_regex(pc.if_else(pa.array(uk), uk_as_iso, values),
                             r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
    year = pc.struct_field(parts, "y")
    month = pc.utf8_lpad(pc.struct_field(parts, "m"), width=2, padding="0")
    day = pc.utf8_lpad(pc.struct_field(parts, "d"), width=2, padding="0")
    normal = pc.binary_join_element_wise(year, month, day, "-")
    ok = iso | uk
    normal = pc.if_else(pa.array(ok), normal, pa.scalar(None, pa.string()))
    parsed = pc.strptime(normal, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 30 February over to 2 March: a real date formats back to itself.
    real = _np_bool(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), normal))
    problems.rows(ok & ~real, rows, column,
                  lambda i: f"{_shown(text[i])} is not a real date (day or month out of range; "
                            "DD/MM/YYYY is read day first).")
    return pc.cast(pc.if_else(pa.array(real), parsed, pa.scalar(None, parsed.type)), pa.date32())


def _soc(values: pa.Array | None, header: str | None, rows: np.ndarray, n: int,
         problems: _Problems) -> pa.Array:
    if values is None:
        return pa.array(np.zeros(n, dtype=np.int8))
    encoded = pc.dictionary_encode(values)
    uniques = encoded.dictionary.to_pylist()
    majors = np.zeros(len(uniques), dtype=np.int8)
    bad: dict[int, str] = {}
    for position, value in enumerate(uniques):
        if not value:
            continue
        if len(value) > MAX_LABEL_LENGTH:  # the library's message would repeat it whole
            bad[position] = f"{_shown(value)} is not a SOC 2020 code"
            continue
        try:
            majors[position] = soc2020_major_group(value).number
        except (TypeError, ValueError) as error:
            bad[position] = str(error)
    indices = np.asarray(encoded.indices.to_numpy(zero_copy_only=False))
    if bad:
        wrong = np.isin(indices, list(bad))
        problems.rows(wrong, rows, header or "soc_code",
                      lambda i: f"{bad[int(indices[i])]} (codes are 1 to 4 digits, e.g. 2136).")
    return pa.array(majors[indices])


def _answers(f: Field, values: pa.Array | None, header: str | None, rows: np.ndarray, n: int,
             problems: _Problems) -> pa.Array:
    if values is None:
        return pa.nulls(n, pa.string())
    q = question(f.name)
    encoded = pc.dictionary_encode(values)
    uniques = encoded.dictionary.to_pylist()
    codes: list[str | None] = []
    bad: set[int] = set()
    for position, value in enumerate(uniques):
        if not value:
            codes.append(None)
            continue
        try:
            codes.append(q.option(value).code)
        except ValueError:
            codes.append(None)
            bad.add(position)
    indices = np.asarray(encoded.indices.to_numpy(zero_copy_only=False))
    if bad:
        wrong = np.isin(indices, list(bad))
        # The answer itself is not repeated: error reports show nobody's background.
        problems.rows(wrong, rows, header or f.name,
                      lambda i: f"is not one of the answers to \"{q.text}\": use an option code "
                                f"({', '.join(q.codes)})"
                                + (", its number" if q.options[0].number is not None else "")
                                + " or its exact wording.")
    return pa.DictionaryArray.from_arrays(pa.array(indices, type=pa.int32()),
                                          pa.array(codes, type=pa.string())).cast(pa.string())


def read_hr_file(
    source: bytes | str | os.PathLike[str],
    *,
    snapshot_date: date,
    filename: str = "",
    ignore: Sequence[str] = (),
    grade_order: Sequence[str] | None = None,
    max_bytes: int | None = None,
) -> HrSnapshot:
    """Read and check a file with the automatic column mapping.

    Parameters
    ----------
    ignore : sequence of str
        Headers to leave out deliberately; any other unrecognised header is an error.

    Examples
    --------
    >>> from datetime import date
    >>> text = (b"employee_id,grade,function,hourly_pay,start_date\\n"
    ...         b"E1,G1,Sales,14.50,2020-01-06\\nE2,G2,Sales,19.00,31/03/2019\\n")
    >>> snap = read_hr_file(text, snapshot_date=date(2025, 3, 31))
    >>> snap.n_rows, snap.grade_order
    (2, ('G1', 'G2'))
    """
    raw = read_raw(source, filename=filename, max_bytes=max_bytes)
    mapping = suggest_mapping(raw.headers)
    ignored = {h.casefold() for h in ignore}
    unknown_ignored = ignored - {h.casefold() for h in raw.headers}
    if unknown_ignored:
        raise HrFileError([Problem(f"There is no column '{h}' to ignore; the file's columns "
                                   "are " + ", ".join(raw.headers) + ".")
                           for h in sorted(unknown_ignored)])
    full = {h: ("" if h.casefold() in ignored else name) for h, name in mapping.items()
            if name is not None or h.casefold() in ignored}
    return check(raw, full, snapshot_date=snapshot_date, grade_order=grade_order)

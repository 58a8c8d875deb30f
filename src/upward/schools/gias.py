"""Reader for the Department for Education's "Get Information about Schools" (GIAS) CSV.

The full extract (``edubasealldata<date>.csv``) has one row per establishment (~50,000)
and 100+ columns, Windows-1252 encoded. We read only the columns in :data:`COLUMNS`, found
by their GIAS header names wherever they are, and stream the file: rows are checked one by
one and yielded, so memory stays flat; a 50,000-row, 140-column file reads in about half
a second (lines without quotes are split on commas, the rest go through ``csv``).

Row numbers in problems are the file's line numbers as a spreadsheet shows them: the
header is row 1, the first school row 2.

A file-level problem (no header, a required column missing, bytes that are not valid in
the encoding) raises :class:`GiasFileError`; a bad row yields a :class:`GiasRow` whose
``school`` is ``None`` and whose ``problems`` say what is wrong, so a caller can skip it
and keep the rest.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import BinaryIO, NamedTuple

__all__ = [
    "COLUMNS", "GB_EASTING_MAX", "GB_NORTHING_MAX", "GiasFileError", "GiasReader",
    "GiasRow", "RowProblem", "SchoolRecord", "read_gias",
]

# Our field → the GIAS header name.
COLUMNS: dict[str, str] = {
    "urn": "URN",
    "name": "EstablishmentName",
    "type": "TypeOfEstablishment (name)",
    "phase": "PhaseOfEducation (name)",
    "local_authority": "LA (name)",
    "postcode": "Postcode",
    "pupils": "NumberOfPupils",
    "fsm_percent": "PercentageFSM",
    "easting": "Easting",
    "northing": "Northing",
    "status": "EstablishmentStatus (name)",
    "closed_on": "CloseDate",
}

# The British National Grid's extent for Great Britain (metres).
GB_EASTING_MAX = 700_000
GB_NORTHING_MAX = 1_300_000

# GIAS writes suppressed or unknown figures like this; they mean "no figure", not an error.
_NO_FIGURE = frozenset({"", "SUPP", "NE", "NA", "N/A", "X", "NULL"})


_ENCODING_NAMES = {"cp1252": "Windows-1252", "utf-8-sig": "UTF-8", "utf-8": "UTF-8"}


class GiasFileError(ValueError):
    """The file as a whole cannot be read; nothing of it should be used."""

    def __init__(self, message: str, fix: str):
        super().__init__(f"{message} — {fix}")
        self.message = message
        self.fix = fix


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    urn: str
    column: str
    message: str

    def to_dict(self) -> dict:
        return {"row": self.row, "urn": self.urn, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        about = f"row {self.row}" + (f" (URN {self.urn})" if self.urn else "")
        return f"{about}, {self.column}: {self.message}"


class SchoolRecord(NamedTuple):
    """One checked school. A named tuple (not a dataclass) because the import builds
    50,000 of them: it is created several times faster, and ``record[1:]`` is the values
    after the URN in the order the register stores them."""

    urn: int
    name: str
    type: str
    phase: str
    local_authority: str
    postcode: str
    pupils: int | None
    fsm_percent: float | None
    easting: int | None
    northing: int | None
    is_open: bool
    closed_on: date | None


@dataclass(slots=True)
class GiasRow:
    row: int
    school: SchoolRecord | None
    problems: list[RowProblem] = field(default_factory=list)


SNIFF_BYTES = 1 << 20


def _sniff_encoding(start: bytes) -> str:
    """GIAS publishes Windows-1252; a file saved again from a spreadsheet is often UTF-8,
    with or without a byte-order mark. Text that decodes as UTF-8 and is not plain ASCII
    is UTF-8 (Windows-1252 text with accents almost never is); anything else is read as
    Windows-1252, which plain ASCII is too."""
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.isascii():
        return "cp1252"
    try:
        start.decode("utf-8")
    except UnicodeDecodeError as error:
        # a character cut at the end of the sample is still UTF-8
        if not (error.reason == "unexpected end of data" and error.end == len(start)):
            return "cp1252"
    return "utf-8"


def _decode_stream(data: bytes | BinaryIO, encoding: str | None) -> io.TextIOBase:
    raw = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
    if encoding is None:
        encoding = _sniff_encoding(raw.read(SNIFF_BYTES))
        raw.seek(0)
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        value = float(text)  # "1234.0" from a spreadsheet round trip
        if not value.is_integer():
            raise
        return int(value)


_NOT_A_NUMBER = object()


def _figure(text: str, convert):
    """``convert(text)``; ``None`` for GIAS's "no figure" markers; else ``_NOT_A_NUMBER``."""
    try:
        return convert(text)
    except ValueError:
        return None if text.upper() in _NO_FIGURE else _NOT_A_NUMBER


def _date(text: str) -> date:
    if len(text) == 10 and text[2] == text[5] == "-" and text.isascii():
        try:  # GIAS's own DD-MM-YYYY, without strptime's cost
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        except ValueError:
            pass
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class GiasReader:
    """Reads a GIAS file: the header at once (so missing columns fail before any row is
    used), then the rows on demand through iteration."""

    def __init__(self, data: bytes | BinaryIO, *, encoding: str | None = None):
        self._text = _decode_stream(data, encoding)
        self.encoding = self._text.encoding
        self._reader = csv.reader(self._text)
        try:
            header = next(self._reader)
        except StopIteration:
            raise GiasFileError("the file is empty",
                                "export the establishment data from GIAS as CSV") from None
        except UnicodeDecodeError as error:
            raise self.encoding_error(error) from None
        header = [h.strip().lstrip("\ufeff") for h in header]
        positions = {name: i for i, name in reversed(list(enumerate(header)))}
        missing = [gias for gias in COLUMNS.values() if gias not in positions]
        if missing:
            raise GiasFileError(
                "the file has no column " + ", ".join(f"“{m}”" for m in missing),
                "export the full establishment fields from GIAS "
                "(“Download data” → “Establishment fields”) without renaming the headers")
        self.header = header
        self._indexes = [positions[COLUMNS[f]] for f in COLUMNS]
        self._pick = itemgetter(*self._indexes)
        self._width = max(self._indexes) + 1
        self.rows_read = 0

    def text_stream(self) -> io.TextIOBase:
        """The decoded text after the header, for a caller that only checks the file."""
        return self._text

    def encoding_error(self, error: UnicodeDecodeError) -> GiasFileError:
        name = _ENCODING_NAMES.get(self.encoding, self.encoding)
        return GiasFileError(
            f"the file is not valid {name} text (byte 0x{error.object[error.start]:02x})",
            "save it as the Windows-1252 CSV GIAS exports, or as UTF-8")

    def _records(self) -> Iterator[list[str]]:
        """The file's records as lists of cells. A line without a quote character is a
        record of its own and is split on commas (most of GIAS, and several times faster
        than the ``csv`` module over 140 columns); a line with quotes is joined with the
        next ones while a quoted field is open (an odd number of quotes so far) and given
        to ``csv``, so quoted commas, doubled quotes and line breaks read as they should."""
        lines = self._lines()
        parse_quoted = csv.reader
        # the last column we use is split off; the rest of the line stays one string
        width = self._width
        for line in lines:
            if '"' not in line:
                yield line.split(",", width)
                continue
            while line.count('"') % 2:
                following = next(lines, None)
                if following is None:
                    raise csv.Error("a quoted field is not closed before the end of the file")
                line += "\n" + following
            yield next(parse_quoted([line]), [])

    def _lines(self) -> Iterator[str]:
        """The text's lines without their ends (CRLF or LF), read in large pieces: much
        faster than a text file's own line iteration."""
        text, tail = self._text, ""
        while piece := text.read(1 << 22):
            lines = (tail + piece).split("\n")
            tail = lines.pop()
            for line in lines:
                yield line[:-1] if line.endswith("\r") else line
        if tail:
            yield tail[:-1] if tail.endswith("\r") else tail

    def __iter__(self) -> Iterator[GiasRow]:
        line = 1
        try:
            for cells in self._records():
                line += 1
                if len(cells) == 1 and not cells[0].strip():
                    continue  # a blank line
                self.rows_read += 1
                yield self._row(line, cells)
        except UnicodeDecodeError as error:
            raise self.encoding_error(error) from None
        except csv.Error as error:
            raise GiasFileError(f"row {line + 1} is not valid CSV ({error})",
                                "export the file from GIAS again") from None

    def _row(self, line: int, cells: list[str]) -> GiasRow:
        if len(cells) < self._width:
            cells = cells + [""] * (self._width - len(cells))
        (urn, name, type_, phase, la, postcode, pupils, fsm, easting, northing,
         status, closed) = map(str.strip, self._pick(cells))
        problems: list[tuple[str, str]] = []  # (column, message), made RowProblems at the end

        urn_value = None
        if not urn:
            problems.append(("urn", "no URN"))
        elif not urn.isdigit() or not urn.isascii() or int(urn) == 0:
            problems.append(("urn", f"“{urn}” is not a URN (a whole number)"))
        else:
            urn_value = int(urn)
        if not name:
            problems.append(("name", "no establishment name"))

        # Each figure is tried as a number first: the common case costs one conversion,
        # and only text that is not a number is checked for "no figure" (SUPP, blank…).
        pupils_value = fsm_value = easting_value = northing_value = None
        if pupils:
            try:
                pupils_value = int(pupils)
            except ValueError:
                pupils_value = _figure(pupils, _whole_number)
                if pupils_value is _NOT_A_NUMBER:
                    pupils_value = None
                    problems.append(("pupils", f"“{pupils}” is not a number of pupils"))
            if pupils_value is not None and pupils_value < 0:
                problems.append(("pupils", f"{pupils} is negative"))
        if fsm:
            fsm_value = _figure(fsm.rstrip("%"), float)
            if fsm_value is _NOT_A_NUMBER:
                fsm_value = None
                problems.append(("fsm_percent", f"“{fsm}” is not a percentage"))
            elif fsm_value is not None and not 0 <= fsm_value <= 100:
                problems.append(("fsm_percent", f"{fsm} is not a percentage between 0 and 100"))
        for column, text, top in (("easting", easting, GB_EASTING_MAX),
                                  ("northing", northing, GB_NORTHING_MAX)):
            if not text:
                continue
            try:
                value = int(text)
            except ValueError:
                value = _figure(text, _whole_number)
                if value is None:
                    continue
                if value is _NOT_A_NUMBER:
                    problems.append((column, f"“{text}” is not a grid reference in metres"))
                    continue
            if not 0 <= value <= top:
                problems.append((column, f"{text} is outside Great Britain's grid (0 to {top:,})"))
            elif column == "easting":
                easting_value = value
            else:
                northing_value = value
        if (easting_value is None) != (northing_value is None) and not problems:
            problems.append(("easting" if easting_value is None else "northing",
                             "a grid reference needs both easting and northing"))

        is_open = status.lower() != "closed"
        closed_value = None
        if closed:
            try:
                closed_value = _date(closed)
            except ValueError:
                problems.append(("closed_on", f"“{closed}” is not a date (DD-MM-YYYY)"))

        if problems:
            return GiasRow(line, None, [RowProblem(line, urn, COLUMNS[column], message)
                                        for column, message in problems])
        return GiasRow(line, SchoolRecord(
            urn_value, name, type_, phase, la, postcode.upper(), pupils_value, fsm_value,
            easting_value if northing_value is not None else None,
            northing_value if easting_value is not None else None,
            is_open, closed_value if not is_open else None))


def read_gias(data: bytes | BinaryIO, *, encoding: str | None = None) -> GiasReader:
    """Open a GIAS CSV (bytes or a binary file). The encoding defaults to UTF-8 when the
    file starts with a byte-order mark, else Windows-1252 (what GIAS exports).

    Raises :class:`GiasFileError` at once when the header lacks a required column."""
    return GiasReader(data, encoding=encoding)

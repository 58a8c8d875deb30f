r"""CSV files that open safely in a spreadsheet.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula, so a function name
from an HR file or an option a lead typed (``=HYPERLINK("https://…")``) could run
in the reader's spreadsheet. Such cells get a leading apostrophe, which the
spreadsheet shows as text, as the OWASP "CSV injection" guidance recommends.
Numbers (``-12.5``, ``-3.2%``, ``1,234``, ``-1e-05``, ``-inf``) are left as they are.

>>> rows = [["Function", "People"], ["=1+2", "-4"], ["@SUM(A1)", "12"]]
>>> print(write_csv(rows, lineterminator="\n"), end="")
Function,People
'=1+2,-4
'@SUM(A1),12
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["spreadsheet_safe", "write_csv"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SPECIAL = ("inf", "infinity", "nan")
_NUMBER = re.compile(r"[+-]?((\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?%?|inf|infinity|nan)",
                     re.IGNORECASE)


def spreadsheet_safe(value: Any) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet would take it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not (
            _NUMBER.fullmatch(text) and (any(c.isdigit() for c in text)
                                         or text.lstrip("+-").lower() in _SPECIAL)):
        return "'" + text
    return text


def write_csv(rows: Iterable[Iterable[Any]], *, lineterminator: str = "\r\n") -> str:
    """Rows as CSV text, every cell through :func:`spreadsheet_safe`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()

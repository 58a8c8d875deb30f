"""How the CLI shows results to people: tables that fit the terminal, labels, rounding.

Only the terminal output goes through here; JSON and CSV keep every digit and the
library's own names. Numbers are rounded for reading: coefficients to 3 decimals,
counts as whole numbers with thousands separators, percentages to 1 decimal.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

MISSING = "–"  # a statistic that could not be computed (NaN) or does not apply


def console(*, stderr: bool = False) -> Console:
    """A console as wide as the terminal, or ``COLUMNS`` if set, 80 when not a terminal."""
    return Console(stderr=stderr, highlight=False)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def coefficient(value: Any) -> str:
    """A coefficient, index or standard error to 3 decimals (``-0.123``)."""
    if _missing(value):
        return MISSING
    text = f"{float(value):,.3f}"
    return "0.000" if text == "-0.000" else text


def count(value: Any) -> str:
    """A count of people (weighted counts rounded to whole people): ``1,234``."""
    if _missing(value):
        return MISSING
    return f"{round(float(value)):,}"


def percent(share: Any) -> str:
    """A share between 0 and 1 as a percentage to 1 decimal: ``0.2583`` → ``25.8%``."""
    if _missing(share):
        return MISSING
    return f"{100 * float(share):.1f}%"


def statistic(value: Any) -> str:
    """A test statistic or information criterion (G², BIC) to 1 decimal."""
    if _missing(value):
        return MISSING
    return f"{float(value):,.1f}"


def p_value(value: Any) -> str:
    """A p-value to 3 decimals; below 0.001 as ``<0.001``."""
    if _missing(value):
        return MISSING
    return "<0.001" if float(value) < 0.0005 else f"{float(value):.3f}"


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], *,
          caption: str | None = None, text_columns: Collection[int] = (),
          abbreviations: Mapping[str, str] | None = None) -> Table:
    """A table of already formatted cells: the first column names the row, the others are
    numbers (right-aligned) except ``text_columns`` (by index).

    It fits the console's width (``COLUMNS`` if set) by wrapping cells at spaces, never
    inside a word while each column's longest word fits. If they cannot, headers and cells
    found whole in ``abbreviations`` are shortened, with a key under the table; only when
    even that is too wide does Rich fold words.
    """
    width = console().width
    widths = _widths(columns, rows, width)
    if widths is None and abbreviations and not _fits_whole(columns, rows, width):
        used = {long: short for long, short in abbreviations.items()
                if long in columns or any(long in row for row in rows)}
        if used:
            columns = [used.get(column, column) for column in columns]
            rows = [[used.get(cell, cell) for cell in row] for row in rows]
            key = "; ".join(f"{short} = {long}" for long, short in used.items())
            caption = f"{key}." + (f" {caption}" if caption else "")
            widths = _widths(columns, rows, width)
    result = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for number, column in enumerate(columns):
        text = number == 0 or number in text_columns
        result.add_column(column, justify="left" if text else "right", overflow="fold",
                          width=widths[number] if widths else None)
    for row in rows:
        result.add_row(*row)
    return result


def _room(columns: Sequence[str], available: int) -> int:
    # Each column has a space either side and a border after it; the table one before.
    return available - 3 * len(columns) - 1


def _fits_whole(columns: Sequence[str], rows: Sequence[Sequence[str]], available: int) -> bool:
    widest = [max(len(cell) for cell in (column, *(row[n] for row in rows)))
              for n, column in enumerate(columns)]
    return sum(widest) <= _room(columns, available)


def _widths(columns: Sequence[str], rows: Sequence[Sequence[str]],
            available: int) -> list[int] | None:
    """Column widths that fit ``available`` characters without breaking a word, or None
    when every column fits whole (Rich sizes it) or no such widths exist."""
    cells = [[column, *(row[number] for row in rows)] for number, column in enumerate(columns)]
    widest = [max(len(cell) for cell in column) for column in cells]
    longest_word = [max(len(word) for cell in column for word in cell.split() or [""])
                    for column in cells]
    room = _room(columns, available)
    if sum(widest) <= room or sum(longest_word) > room:
        return None
    # Every column starts at its longest word; the columns that lack least are then made
    # whole first, so as few columns as possible wrap, and the rest share what is left.
    widths = list(longest_word)
    spare = room - sum(widths)
    for number in sorted(range(len(widths)), key=lambda n: widest[n] - widths[n]):
        grow = min(widest[number] - widths[number], spare)
        widths[number] += grow
        spare -= grow
    return widths

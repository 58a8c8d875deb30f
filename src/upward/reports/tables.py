"""Published tables: the building blocks every report, page, export and app shares.

A :class:`Table` is what a reader sees: a label column, then value columns of
:class:`Cell`\\ s, each holding its text as published ("1,234", "12.5%",
"£14.20", "fewer than 10") and the number behind it, or None where nothing is
published. Notes travel with the table; an optional :class:`Chart` says what to
draw (:mod:`upward.reports.charts` draws it). The same object becomes HTML
(:mod:`upward.reports.html_report`), CSV (:mod:`upward.reports.csv_export`),
JSON (:meth:`Table.to_dict`) and a stored release (:func:`table_from_record`).

Nothing here decides what may be published: counts come in already through
:func:`upward.reports.disclosure.suppress`, and :func:`count_cells` keeps its
suppression markers as the cells' text. Derived figures (shares, rates) are
formatted by :func:`percent_cell` and friends, which show :data:`NOT_PUBLISHED`
for a figure that needs a suppressed number (None) or is undefined (NaN).

Examples
--------
>>> from upward.reports.disclosure import suppress
>>> cells = count_cells(suppress([[40, 3], [25, 30], [52, 41]], 10))
>>> table = Table(id="demo", title="People by team and site", description="",
...               columns=("Team", "Leeds", "Cardiff", "Total"), kinds=("count",) * 3,
...               rows=tuple((team, tuple(cells[3 * i:3 * i + 3])) for i, team in
...                          enumerate(("Sales", "Finance", "Legal", "Total"))))
>>> table.to_rows()[1]
['Sales', 'suppressed', 'fewer than 10', '43']
>>> table.value("Sales", "Cardiff") is None, table.value("Legal", "Cardiff")
(True, 41.0)
>>> percent_cell(0.125).text, percent_cell(None).text
('12.5%', 'not published')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from upward.reports.disclosure import SuppressedTable

__all__ = [
    "NOT_PUBLISHED",
    "Cell",
    "Chart",
    "Table",
    "count_cell",
    "count_cells",
    "money_cell",
    "number_cell",
    "percent_cell",
    "pvalue_cell",
    "stat_cells",
    "table_from_record",
]

#: Text of a derived figure that would need a suppressed number.
NOT_PUBLISHED = "not published"

Kind = Literal["count", "percent", "money", "number", "text", "pvalue"]


@dataclass(frozen=True)
class Cell:
    """One published value: its text, and the number behind it (None if not published)."""

    text: str
    value: float | None = None

    @property
    def published(self) -> bool:
        """Whether a number is published here (False for suppressed, withheld or text cells)."""
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value}


@dataclass(frozen=True)
class Chart:
    """What to draw for a table (see :mod:`upward.reports.charts`).

    ``kind`` is ``bars`` (grouped horizontal bars), ``stacked`` (100% bars),
    ``intervals`` (rates with confidence intervals) or ``lines`` (trends).
    Values are fractions for ``percent``; None where not published.
    """

    kind: Literal["bars", "stacked", "intervals", "lines"]
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    unit: Literal["percent", "money", "count"] = "percent"
    lower: tuple[float | None, ...] = ()
    upper: tuple[float | None, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Table:
    """A published table: a label column, then value columns.

    Attributes
    ----------
    id : str
        Stable identifier, used in URLs (``/insights/export/<id>.csv``).
    columns : tuple of str
        Header, the first being the label column's.
    kinds : tuple of str
        Kind of each value column (count, percent, money, number, pvalue, text).
    rows : tuple of (label, tuple of Cell)
    notes : tuple of str
        Shown under the table wherever it is published.
    chart : Chart, optional
    """

    id: str
    title: str
    description: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]
    notes: tuple[str, ...] = ()
    chart: Chart | None = None

    def to_rows(self) -> list[list[str]]:
        """Header and rows as text, as published (for CSV and HTML)."""
        return [list(self.columns), *([label, *(c.text for c in cells)]
                                      for label, cells in self.rows)]

    def value(self, row: str, column: str) -> float | None:
        """The published number at (row label, column header), None if not published."""
        j = self.columns.index(column) - 1
        for label, cells in self.rows:
            if label == row:
                return cells[j].value
        raise KeyError(row)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "columns": list(self.columns),
            "kinds": list(self.kinds),
            "rows": [{"label": label, "cells": [c.to_dict() for c in cells]}
                     for label, cells in self.rows],
            "notes": list(self.notes),
        }


def table_from_record(record: Mapping[str, Any]) -> Table:
    """A :class:`Table` from ``dataclasses.asdict(table)`` after a JSON round trip."""
    c = record["chart"]
    chart = None if c is None else Chart(
        kind=c["kind"], categories=tuple(c["categories"]),
        series=tuple((name, tuple(values)) for name, values in c["series"]), unit=c["unit"],
        lower=tuple(c["lower"]), upper=tuple(c["upper"]), summary=c["summary"])
    return Table(id=record["id"], title=record["title"], description=record["description"],
                 columns=tuple(record["columns"]), kinds=tuple(record["kinds"]),
                 rows=tuple((label, tuple(Cell(**cell) for cell in cells))
                            for label, cells in record["rows"]),
                 notes=tuple(record["notes"]), chart=chart)


# ---------------------------------------------------------------------------
# Cells from numbers (None or NaN: not published)
# ---------------------------------------------------------------------------


def count_cell(value: float | None) -> Cell:
    """A count with thousands separators: ``1,234``."""
    return Cell(NOT_PUBLISHED) if value is None else Cell(f"{int(value):,}", float(value))


def percent_cell(value: float | None, digits: int = 1) -> Cell:
    """A share (a fraction) as a percentage: ``0.125`` → ``12.5%``."""
    if value is None or not math.isfinite(value):
        return Cell(NOT_PUBLISHED)
    return Cell(f"{100 * value:.{digits}f}%", float(value))


def money_cell(value: float | None) -> Cell:
    """An amount in pounds: ``£1,234.50``."""
    if value is None or not math.isfinite(value):
        return Cell(NOT_PUBLISHED)
    return Cell(f"£{value:,.2f}", float(value))


def pvalue_cell(value: float | None) -> Cell:
    """A p-value to three places, ``< 0.001`` below that."""
    if value is None or not math.isfinite(value):
        return Cell(NOT_PUBLISHED)
    return Cell("< 0.001" if value < 0.001 else f"{value:.3f}", float(value))


def number_cell(value: float | None, fmt: str = "{:.2f}") -> Cell:
    """Any other number, formatted with ``fmt``."""
    if value is None or not math.isfinite(value):
        return Cell(NOT_PUBLISHED)
    return Cell(fmt.format(value), float(value))


def _number_or_none(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def count_cells(t: SuppressedTable) -> list[Cell]:
    """A suppressed table's counts (with totals), row by row, as cells: suppressed ones
    keep their marker ("fewer than 10", "suppressed") as text and no number."""
    texts = t.display().reshape(-1)
    values = t.values_with_margins.reshape(-1)
    return [Cell(str(text), _number_or_none(v)) for text, v in zip(texts, values, strict=True)]


def stat_cells(t: SuppressedTable, stat: str, withheld: np.ndarray | None = None, *,
               number_format: str = "£{:,.2f}") -> list[Cell]:
    """A statistic attached to a suppressed table (with totals) as cells; ``withheld``
    (same shape) marks further cells to show as "suppressed"."""
    texts = t.display(stat, number_format=number_format).reshape(-1)
    values = t.stats_with_margins[stat].reshape(-1)
    extra = withheld.reshape(-1) if withheld is not None else np.zeros(len(values), dtype=bool)
    out = []
    for text, v, hide in zip(texts, values, extra, strict=True):
        if hide and not math.isnan(v):
            out.append(Cell("suppressed"))
        else:
            out.append(Cell(str(text), _number_or_none(v)))
    return out

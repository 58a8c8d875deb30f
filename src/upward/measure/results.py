"""Shared behaviour of the frozen results objects returned by ``upward.measure``.

Every estimator returns a frozen dataclass holding its numbers as attributes.
This module gives them the same four ways out: ``summary()`` (plain text),
``to_dict()`` (JSON-ready Python values, keys = attribute names), ``to_frame()``
(a pandas DataFrame, when pandas is installed) and ``_repr_html_`` (notebooks).
Nothing here prints.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def frozen_array(values: Any, dtype: Any = float) -> np.ndarray:
    """Return a read-only copy of ``values`` so a frozen result cannot be mutated."""
    array = np.array(values, dtype=dtype, copy=True)
    array.setflags(write=False)
    return array


def plain(value: Any) -> Any:
    """Convert numpy scalars/arrays and nested results into JSON-ready Python values."""
    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def format_number(value: Any, digits: int = 6) -> str:
    """Format one number for a text or HTML table."""
    if value is None:
        return ""
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return f"{int(value):,}"
    number = float(value)
    if math.isnan(number):
        return "nan"
    if number != 0 and (abs(number) >= 1e6 or abs(number) < 1e-4):
        return f"{number:.{digits}g}"
    return f"{number:.{digits}f}"


def text_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Render rows as a fixed-width text table (first column left-aligned)."""
    cells = [[str(c) for c in columns]]
    for row in rows:
        cells.append(
            [item if isinstance(item, str) else format_number(item) for item in row]
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = []
    for number, line in enumerate(cells):
        parts = [
            line[i].ljust(widths[i]) if i == 0 else line[i].rjust(widths[i])
            for i in range(len(columns))
        ]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def matrix_rows(
    matrix: np.ndarray, row_labels: Sequence[str], col_labels: Sequence[str]
) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows for showing a labelled matrix with :func:`text_table`."""
    columns = ["", *col_labels]
    rows = [[row_labels[i], *matrix[i].tolist()] for i in range(matrix.shape[0])]
    return columns, rows


class Result:
    """Mixin for frozen dataclass results.

    Subclasses define ``_title`` and ``_rows()`` (the columns and rows of the
    main table, used by ``summary``, ``to_frame`` and ``_repr_html_``); they may
    override ``summary`` to add sections.
    """

    _title = "Result"

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """Return the public attributes as JSON-ready Python values (keys = attribute names)."""
        out: dict[str, Any] = {}
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            if field.name.startswith("_") or not field.repr:
                continue
            out[field.name] = plain(getattr(self, field.name))
        return out

    def summary(self) -> str:
        """Return a plain-text summary (nothing is printed)."""
        columns, rows = self._rows()
        return f"{self._title}\n{text_table(columns, rows)}"

    def to_frame(self) -> Any:
        """Return the main table as a :class:`pandas.DataFrame`.

        Raises
        ------
        ImportError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is a test dependency
            raise ImportError(
                f"{type(self).__name__}.to_frame() needs pandas; install it with "
                "`pip install pandas` or use to_dict() instead"
            ) from exc
        columns, rows = self._rows()
        frame = pd.DataFrame(rows, columns=columns)
        return frame.set_index(columns[0])

    def _repr_html_(self) -> str:
        columns, rows = self._rows()
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
        body = []
        for row in rows:
            cells = "".join(
                f"<td>{html.escape(item if isinstance(item, str) else format_number(item))}</td>"
                for item in row
            )
            body.append(f"<tr>{cells}</tr>")
        caption = html.escape(self._title)
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def __str__(self) -> str:
        return self.summary()


def percentile_interval(draws: np.ndarray, alpha: float) -> tuple[float, float]:
    """Percentile bootstrap interval of one statistic (NaN draws are ignored)."""
    finite = draws[np.isfinite(draws)]
    if finite.size == 0:
        return (math.nan, math.nan)
    low, high = np.quantile(finite, [alpha / 2, 1 - alpha / 2])
    return (float(low), float(high))


def check_alpha(alpha: float) -> float:
    """Validate a significance level for ``conf_int``."""
    if not isinstance(alpha, int | float) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be a number strictly between 0 and 1, got {alpha!r}")
    return float(alpha)


def wald_intervals(
    values: Mapping[str, float], errors: Mapping[str, float], alpha: float
) -> dict[str, tuple[float, float]]:
    """Normal (Wald) intervals ``value ± z(1 - alpha/2) se`` (NaN stays NaN)."""
    from scipy import stats  # only results with standard errors need it

    z = float(stats.norm.ppf(1 - alpha / 2))
    return {
        name: (value - z * errors[name], value + z * errors[name])
        for name, value in values.items()
    }

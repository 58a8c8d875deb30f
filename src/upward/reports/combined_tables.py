"""Background tables with their smallest groups combined, so that shares can be published.

A grade or function with a suppressed cell loses every share of its row ("not
published"), and in a 2,000-person workforce that can be the senior grades the
class-ceiling question is about. ONS-style, the rows holding suppressed cells
are combined into bands ("Grade 6 to Grade 7") whose every count is worked out
from the published table (:meth:`upward.reports.disclosure.SuppressedTable.combined_rows`),
and shown as a second view with every share that the band counts allow. Because
each band count is arithmetic on published numbers, the combined view tells a
reader nothing the fine table does not; ``tests/reports/test_combined_tables.py``
attacks the two together.
"""

from __future__ import annotations

import math

from upward.reports.disclosure import SuppressedTable
from upward.reports.tables import NOT_PUBLISHED, Cell, Chart, Table, percent_cell
from upward.reports.workforce import (
    TREND_FIGURES,
    WorkforceInsights,
    headline_figures,
)

__all__ = ["band_label", "combined_background_table", "headline_with_bands"]




def band_label(labels: list[str] | tuple[str, ...], *, ordered: bool) -> str:
    """How a band is named: "Grade 6 to Grade 7 (combined)", "Legal; People and HR (combined)"."""
    if ordered:
        return f"{labels[0]} to {labels[-1]} (combined)"
    return f"{'; '.join(labels)} (combined)"


def _pct(numerator: float | None, denominator: float | None) -> Cell:
    if numerator is None or denominator is None or denominator == 0:
        return percent_cell(None)
    return percent_cell(numerator / denominator)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def combined_background_table(
    table: Table, suppressed: SuppressedTable, labels: tuple[str, ...], *, ordered: bool,
    background_labels: tuple[str, ...], name: str,
) -> Table | None:
    """``table`` (rows by the four backgrounds, as published) with its suppressed rows combined.

    Returns None when ``table`` has no row with a suppressed cell (nothing to combine).
    Columns are the fine table's: the four backgrounds, the total, the response rate
    and the lower background's share of classified answers.
    """
    bands = suppressed.combined_rows(ordered=ordered)
    if not bands:
        return None
    first_of = {band.members[0]: band for band in bands}
    inside = {i for band in bands for i in band.members}
    fine = suppressed.values_with_margins
    fine_text = suppressed.display()
    rows: list[tuple[str, tuple[Cell, ...]]] = []
    combined_names = []
    shares: list[tuple[str, tuple[float | None, ...]]] = []
    for i in range(len(labels) + 1):
        if i in first_of:
            band = first_of[i]
            label = band_label([labels[m] for m in band.members], ordered=ordered)
            combined_names.append(label)
            values = [_number(v) for v in band.values]
            texts = band.display()
        elif i in inside:
            continue
        else:
            label = labels[i] if i < len(labels) else "Total"
            values = [_number(v) for v in fine[i]]
            texts = [str(t) for t in fine_text[i]]
        counts = [Cell(text, value) for text, value in zip(texts, values, strict=True)]
        classified = None if any(v is None for v in values[:3]) else sum(values[:3])  # type: ignore[misc]
        row_shares = tuple(
            None if classified is None or values[j] is None or classified == 0
            else values[j] / classified for j in range(3))  # type: ignore[operator]
        if label != "Total":
            shares.append((label, row_shares))
        rows.append((label, (*counts, _pct(classified, values[4]), _pct(values[2], classified))))
    chart = Chart(
        kind="stacked", categories=tuple(label for label, _ in shares),
        series=tuple((background_labels[j], tuple(s[j] for _, s in shares)) for j in range(3)),
        summary=f"For each {name.lower()}, with the smallest groups combined, the shares of "
                "professional, intermediate and lower socio-economic backgrounds among people "
                "with a classified answer.")
    combined = "; ".join(combined_names)
    return Table(
        id=f"{table.id}_combined", title=f"{table.title}, small groups combined",
        description=f"The same people as “{table.title}”, with the rows that hold suppressed "
                    f"cells combined so that their shares can be published: {combined}.",
        columns=table.columns, kinds=table.kinds, rows=tuple(rows), chart=chart,
        notes=("Each combined count is the column total minus the published counts of the "
               "other rows, so this view shows nothing that cannot be worked out from the "
               "table above; a combined count of fewer than "
               f"{suppressed.k} people is still not shown.",))


def headline_with_bands(insights: WorkforceInsights) -> tuple[tuple[str, str], ...]:
    """:func:`upward.reports.workforce.headline_figures`, with the top grade's lower-background
    share taken from the combined view's top band when the top grade alone cannot publish it.
    """
    figures = list(headline_figures(insights))
    label = dict(TREND_FIGURES)["lower_share_top_grade"]
    try:
        combined = insights.table("representation_by_grade_combined")
    except KeyError:
        return tuple(figures)
    top_label, top_cells = [row for row in combined.rows if row[0] != "Total"][-1]
    for i, (name, text) in enumerate(figures):
        if name == label and text == NOT_PUBLISHED and top_label.endswith(" (combined)") \
                and top_cells[-1].value is not None:
            band = top_label.removesuffix(" (combined)")
            figures[i] = (f"Lower background in the top grades ({band}), % of classified",
                          top_cells[-1].text)
    return tuple(figures)

"""The neutral table building blocks: cells, suppression markers, round trips."""

from __future__ import annotations

import json
import math
from dataclasses import asdict

import numpy as np

from upward.reports import tables, workforce
from upward.reports.disclosure import suppress
from upward.reports.tables import (
    NOT_PUBLISHED,
    Cell,
    Chart,
    Table,
    count_cell,
    count_cells,
    money_cell,
    number_cell,
    percent_cell,
    pvalue_cell,
    stat_cells,
    table_from_record,
)


def test_cells_format_published_numbers_and_mark_the_rest():
    assert count_cell(12345) == Cell("12,345", 12345.0)
    assert percent_cell(0.1234) == Cell("12.3%", 0.1234)
    assert percent_cell(0.5, digits=0).text == "50%"
    assert money_cell(1234.5) == Cell("£1,234.50", 1234.5)
    assert pvalue_cell(0.0004).text == "< 0.001"
    assert pvalue_cell(0.0456).text == "0.046"
    assert number_cell(3.14159, "{:.1f}").text == "3.1"
    for make in (count_cell, percent_cell, money_cell, pvalue_cell, number_cell):
        assert make(None) == Cell(NOT_PUBLISHED)
        assert not make(None).published
    for make in (percent_cell, money_cell, pvalue_cell, number_cell):
        assert make(math.nan) == Cell(NOT_PUBLISHED)
        assert make(math.inf) == Cell(NOT_PUBLISHED)


def test_count_cells_keep_the_suppression_markers_and_no_number():
    t = suppress([[40, 3], [25, 30], [52, 41]], 10)
    cells = count_cells(t)
    assert len(cells) == 4 * 3  # the table with its totals, row by row
    texts = t.display().reshape(-1)
    for cell, text in zip(cells, texts, strict=True):
        assert cell.text == text
    small = cells[1]
    assert small.text == "fewer than 10" and small.value is None and not small.published
    secondary = cells[0]
    assert secondary.text == "suppressed" and secondary.value is None
    assert cells[2] == Cell("43", 43.0)
    # No suppressed count can be read back from any cell.
    hidden = {40.0, 3.0, 25.0, 30.0}
    assert not hidden & {c.value for c in cells}


def test_stat_cells_withhold_what_they_are_told_to():
    counts = np.array([[20, 30], [25, 15]])
    means = np.array([[10.0, 12.0], [11.0, 13.0]])
    t = suppress(counts, 10, stats={"mean": np.pad(means, ((0, 1), (0, 1)),
                                                  constant_values=np.nan)})
    withheld = np.zeros((3, 3), dtype=bool)
    withheld[0, 1] = True
    cells = stat_cells(t, "mean", withheld)
    assert cells[0] == Cell("£10.00", 10.0)
    assert cells[1] == Cell("suppressed")


def _table() -> Table:
    return Table(
        id="t", title="A table", description="What it shows.",
        columns=("Group", "People", "Share"), kinds=("count", "percent"),
        rows=(("A", (count_cell(30), percent_cell(0.6))),
              ("B", (Cell("fewer than 10"), percent_cell(None)))),
        notes=("A note.",),
        chart=Chart(kind="bars", categories=("A", "B"), series=(("Share", (0.6, None)),),
                    summary="Shares."))


def test_a_table_reads_back_as_text_numbers_and_json():
    table = _table()
    assert table.to_rows() == [["Group", "People", "Share"], ["A", "30", "60.0%"],
                               ["B", "fewer than 10", NOT_PUBLISHED]]
    assert table.value("A", "Share") == 0.6
    assert table.value("B", "People") is None
    assert table.to_dict()["rows"][1] == {
        "label": "B", "cells": [{"text": "fewer than 10", "value": None},
                                {"text": NOT_PUBLISHED, "value": None}]}


def test_a_table_survives_a_json_round_trip_with_its_chart():
    table = _table()
    again = table_from_record(json.loads(json.dumps(asdict(table))))
    assert again == table


def test_the_workforce_analysis_uses_the_same_building_blocks():
    # Stored releases, charts and pages built from either name must agree.
    assert workforce.Table is tables.Table
    assert workforce.Cell is tables.Cell
    assert workforce.Chart is tables.Chart
    assert workforce.table_from_record is tables.table_from_record

"""How the CLI rounds and lays out numbers for people (upward.cli.display)."""

from __future__ import annotations

import math

import pytest
from rich.console import Console

from upward.cli import display


@pytest.mark.parametrize(
    ("formatter", "value", "text"),
    [
        (display.coefficient, 0.347980664, "0.348"),
        (display.coefficient, -0.00004, "0.000"),  # no "-0.000"
        (display.coefficient, 1234.5678, "1,234.568"),
        (display.count, 1459.4, "1,459"),  # weighted counts are shown as whole people
        (display.count, 12, "12"),
        (display.percent, 0.258, "25.8%"),
        (display.percent, 1, "100.0%"),
        (display.statistic, 792.1869, "792.2"),
        (display.p_value, 2.9e-158, "<0.001"),
        (display.p_value, 0.0005, "0.001"),
        (display.p_value, 0.58756, "0.588"),
        (display.coefficient, math.nan, "–"),
        (display.percent, None, "–"),
    ],
)
def test_rounding_for_people(formatter, value, text):
    assert formatter(value) == text


def _render(table, width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(table)
    return [line.rstrip() for line in console.export_text().splitlines()]


ROWS = [["Not classified or no answer", "1,234", "not published", "12.5%"],
        ["Professional", "56", "7", "8.0%"]]


def test_a_table_wraps_at_spaces_to_fit_the_width(monkeypatch):
    # Borders and padding take 13 of the 45 characters: 32 are left, the longest words' sum.
    monkeypatch.setenv("COLUMNS", "45")
    lines = _render(display.table("Title", ["Background", "People", "Promoted", "Rate"], ROWS),
                    45)
    assert max(map(len, lines)) <= 45
    text = "\n".join(lines)
    for word in ("classified", "Professional", "published", "Promoted"):
        assert word in text  # wrapped between words, never inside one


def test_a_table_that_fits_is_left_to_rich(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    lines = _render(display.table("Title", ["Background", "People", "Promoted", "Rate"], ROWS),
                    120)
    assert "│ Not classified or no answer │  1,234 │ not published │ 12.5% │" in lines


def test_abbreviations_only_when_the_table_cannot_fit_otherwise(monkeypatch):
    short = {"Not classified or no answer": "Not known", "not published": "n/p"}
    rows = [ROWS[0], ["Lower", "56", "7", "8.0%"]]
    columns = ["Background", "People", "Promoted", "Rate"]
    monkeypatch.setenv("COLUMNS", "120")
    wide = "\n".join(_render(display.table("T", columns, rows, abbreviations=short), 120))
    assert "n/p" not in wide and "Not known" not in wide
    # 42: "published" does not fit beside the other columns' longest words; "n/p" does.
    monkeypatch.setenv("COLUMNS", "42")
    lines = _render(display.table("T", columns, rows, abbreviations=short), 42)
    assert max(map(len, lines)) <= 42
    assert "│ Not known  │  1,234 │      n/p │ 12.5% │" in lines
    assert "Not known = Not classified or no answer; n/p = not published." in " ".join(lines)

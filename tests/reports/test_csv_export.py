"""CSV exports cannot carry formulas into a reader's spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from upward.reports.csv_export import spreadsheet_safe, write_csv


@pytest.mark.parametrize("text", ["=1+2", "+1+2", "-1+2", "@SUM(A1:A9)", "\t=1", "\r=1",
                                  '=HYPERLINK("https://example.com","Click")', "-", "+", "=",
                                  "-cmd|' /C calc'!A0", "+44 20 7946 0000"])
def test_formula_like_cells_become_text(text):
    assert spreadsheet_safe(text) == "'" + text
    assert next(csv.reader(io.StringIO(write_csv([[text]]))))[0] == "'" + text


@pytest.mark.parametrize("text", ["-4", "-12.5", "+3", "-3.2%", "-1,234", "1,234.50", "0",
                                  "Operations", "fewer than 10", "", "£12.50", "12%", "1e-5",
                                  "'already text", "a=b", "Grade 7", "-1.2e-05", "-inf", "nan",
                                  "+Infinity"])
def test_ordinary_cells_and_numbers_are_unchanged(text):
    assert spreadsheet_safe(text) == text


def test_none_and_numbers_are_written_as_text():
    assert write_csv([[None, 3, -2.5]]) == ",3,-2.5\r\n"


def test_quotes_and_commas_are_still_quoted():
    out = write_csv([['=A1,"x"']])
    assert next(csv.reader(io.StringIO(out))) == ["'=A1,\"x\""]

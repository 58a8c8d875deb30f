"""The examples in the reports modules' docstrings and in docs/insights.md run and give what
they show."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = [
    "upward.reports.hr_file",
    "upward.reports.tables",
    "upward.reports.workforce",
    "upward.demo.synthetic_workforce",
    "upward.reports.survey_guard",
    "upward.reports.csv_export",
    "upward.reports.frameworks",
]
DOC = Path(__file__).resolve().parents[2] / "docs" / "insights.md"


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0


def test_the_worked_example_in_the_docs() -> None:
    result = doctest.testfile(str(DOC), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5
    assert result.failed == 0

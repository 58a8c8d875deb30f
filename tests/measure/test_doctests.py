"""The examples in the docstrings and in docs/measure.md run and give what they show."""

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = [
    "upward.measure.association",
    "upward.measure.indices",
    "upward.measure.income",
    "upward.measure.tables",
]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "measure.md"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.slow
def test_docs_worked_examples():
    result = doctest.testfile(str(DOCS), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

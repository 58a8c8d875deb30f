"""The examples in the docstrings and in docs/mentoring.md run and give what they show."""

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = [
    "upward.matching.candidates",
    "upward.matching.scoring",
    "upward.matching.roulette",
]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "mentoring.md"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_docs_worked_example():
    result = doctest.testfile(str(DOCS), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

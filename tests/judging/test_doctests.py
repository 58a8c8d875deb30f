"""The docstring examples (Shrout & Fleiss, Krippendorff) run as doctests in `make test`."""

import doctest

import pytest

import upward.judging.reliability


@pytest.mark.parametrize("module", [upward.judging.reliability])
def test_docstring_examples_hold(module):
    failed, tried = doctest.testmod(module)
    assert tried > 0 and failed == 0

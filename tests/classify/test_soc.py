"""SOC 2020 major groups and the code -> major group mapping."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pytest

from upward.classify import (
    soc2020_major_group,
    soc2020_major_group_numbers,
    soc2020_major_groups,
)

if TYPE_CHECKING:
    from conftest import Reference


def test_major_groups_match_the_reference(reference: Reference) -> None:
    text = reference.section("SOC 2020 major groups")
    listing = text.split("(9 major")[0].replace("\n", " ").strip().rstrip(".")
    expected = [(int(n), name.strip()) for n, name in re.findall(r"(\d) ([^·]+)", listing)]
    assert [(g.number, g.name) for g in soc2020_major_groups()] == expected
    assert len(expected) == 9


@pytest.mark.parametrize(
    ("code", "major"),
    [
        ("2136", 2),
        (2136, 2),
        ("21", 2),
        (21, 2),
        ("2", 2),
        (9, 9),
        ("9999", 9),
        ("1111", 1),
        (" 3545 ", 3),
        (np.int64(5223), 5),
        (4121.0, 4),
    ],
)
def test_any_code_of_one_to_four_digits_maps_to_its_first_digit(code: object, major: int) -> None:
    assert soc2020_major_group(code).number == major  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("21A6", "only digits"),
        ("21.36", "only digits"),
        ("2136/01", "only digits"),
        ("-21", "only digits"),
        ("²", "only digits"),
        ("21366", "has 5 digits"),
        (21366, "has 5 digits"),
        ("0123", "starts with 0"),
        (0, "starts with 0"),
        (-5, "negative"),
        (21.5, "not a whole number"),
        (float("nan"), "not a whole number"),
    ],
)
def test_malformed_codes_are_refused_with_the_reason(code: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        soc2020_major_group(code)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", [None, True, [2136], b"2136"])
def test_codes_of_the_wrong_type_are_a_type_error(code: object) -> None:
    with pytest.raises(TypeError, match="int or a string"):
        soc2020_major_group(code)  # type: ignore[arg-type]


def test_a_column_of_codes_with_gaps() -> None:
    out = soc2020_major_group_numbers(["2136", None, "", 9, float("nan"), 4121.0])
    assert out.tolist() == [2, 0, 0, 9, 0, 4]
    assert out.dtype == np.int8


def test_a_column_with_bad_codes_names_the_first_and_counts_them() -> None:
    with pytest.raises(ValueError, match=r"2 malformed .* position 1: SOC 2020 code '21A6'"):
        soc2020_major_group_numbers(["2136", "21A6", "0", "41"])

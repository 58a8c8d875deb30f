"""Background groups, NS-SEC classes and collapses, checked against the fact sheet."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from upward.classify import (
    NOT_CLASSIFIED,
    answer_nssec_class,
    answer_nssec_classes,
    answer_nssec_collapse,
    background_group,
    background_group_codes,
    background_groups,
    key_question,
    nssec_class,
    nssec_classes,
    nssec_collapse,
    nssec_collapsed_classes,
)

if TYPE_CHECKING:
    from conftest import Reference


DASH = "\u2013"


def _range(text: str) -> list[int]:
    """'1–2' -> [1, 2]; '3' -> [3]; '—' -> []."""
    text = text.strip()
    if not re.match(r"\d", text):
        return []
    low, _, high = text.partition(DASH)
    return list(range(int(low), int(high or low) + 1))


def _grouping_table(reference: Reference) -> list[tuple[str, list[int], list[int]]]:
    text = reference.section("The key question (ask this one if only one can be asked)")
    rows = re.findall(r"^\| ([^|]+) \| ([\d, ]+) \| ([^|]+) \|$", text, re.M)
    return [(name, [int(a) for a in answers.split(",")], _range(ns)) for name, answers, ns in rows]


def test_groups_match_the_reference_table(reference: Reference) -> None:
    table = _grouping_table(reference)
    groups = background_groups()
    assert [g.code for g in groups] == ["professional", "intermediate", "lower", NOT_CLASSIFIED]
    assert len(table) == len(groups)
    by_number = {o.number: o.code for o in key_question().options}
    for group, (name, answer_numbers, nssec) in zip(groups, table, strict=True):
        assert group.answers == tuple(by_number[n] for n in answer_numbers), name
        assert list(group.nssec) == nssec, name
        if group.classified:
            assert group.label == name


def test_every_answer_is_in_exactly_one_group() -> None:
    codes = [c for g in background_groups() for c in g.answers]
    assert sorted(codes) == sorted(key_question().codes)


@pytest.mark.parametrize(
    ("answer", "group"),
    [
        (1, "professional"),
        (2, "professional"),
        (3, "intermediate"),
        (7, "intermediate"),
        (4, "lower"),
        (5, "lower"),
        (6, "lower"),
        (8, NOT_CLASSIFIED),
        (9, NOT_CLASSIFIED),
        (None, NOT_CLASSIFIED),
    ],
)
def test_background_group_of_each_answer(answer: int | None, group: str) -> None:
    assert background_group(answer).code == group


def test_background_group_rejects_a_non_answer() -> None:
    with pytest.raises(ValueError, match="valid codes are professional"):
        background_group("working class")


def test_group_codes_for_a_column() -> None:
    column = [
        "small_business_owner",
        6,
        None,
        "Other such as: retired, this question does not apply to me, I don't know.",
    ]
    assert background_group_codes(column).tolist() == [
        "intermediate",
        "lower",
        NOT_CLASSIFIED,
        NOT_CLASSIFIED,
    ]


def test_nssec_class_names_match_the_reference(reference: Reference) -> None:
    text = reference.section("NS-SEC analytic classes (ONS)")
    listing = text.split("Collapses:")[0]
    listing = re.sub(r"\([^)]*\)", "", listing.replace("\n", " "))  # drop the 1.1/1.2 aside
    names = {int(n): name.strip() for n, name in re.findall(r"(\d) ([^·\d]+)", listing)}
    assert sorted(names) == list(range(1, 9))
    for cls in nssec_classes():
        # ONS's full names add "occupations" to some of the fact sheet's short names.
        assert cls.label.casefold().startswith(names[cls.number].rstrip(". ").casefold())
    assert [code for code, _ in nssec_class(1).subclasses] == ["1.1", "1.2"]


def test_collapses_match_the_reference(reference: Reference) -> None:
    text = reference.section("NS-SEC analytic classes (ONS)")
    match = re.search(r"5-class (.+?); 3-class (.+?)\.", text)
    assert match
    for size, spec in ((5, match.group(1)), (3, match.group(2))):
        expected = [_range(part) for part in spec.split(" / ")]
        assert [list(c.members) for c in nssec_collapsed_classes(size)] == expected
        for collapsed in nssec_collapsed_classes(size):
            for member in collapsed.members:
                assert nssec_collapse(member, size) == collapsed
        assert nssec_collapse(8, size) is None


def test_nssec_lookups_refuse_bad_values() -> None:
    for bad in (0, 9, "1.3", True, 2.0):
        with pytest.raises(ValueError, match="not an NS-SEC analytic class"):
            nssec_class(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="5 or 3"):
        nssec_collapse(1, 4)  # type: ignore[arg-type]
    assert nssec_class("1.2").number == 1


def test_per_answer_nssec_classes_stay_inside_their_group() -> None:
    for group in background_groups():
        covered = sorted({c.number for a in group.answers for c in answer_nssec_classes(a)})
        assert covered == list(group.nssec), group.code


@pytest.mark.parametrize(
    ("answer", "single", "five", "three"),
    [
        ("professional", None, 1, 1),
        ("manager_administrator", None, 1, 1),
        ("clerical_intermediate", 3, 2, 2),
        ("small_business_owner", 4, 3, 2),
        ("technical_craft", 5, 4, 3),
        ("routine_manual_service", None, 5, 3),
        ("long_term_unemployed", 8, None, None),
        ("other", None, None, None),
        ("prefer_not_to_say", None, None, None),
    ],
)
def test_answer_nssec_where_defined(
    answer: str, single: int | None, five: int | None, three: int | None
) -> None:
    cls = answer_nssec_class(answer)
    assert (cls.number if cls else None) == single
    for size, expected in ((5, five), (3, three)):
        collapsed = answer_nssec_collapse(answer, size)  # type: ignore[arg-type]
        assert (collapsed.number if collapsed else None) == expected

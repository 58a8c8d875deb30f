"""The four questions: verbatim wording, options, and mapping answers to codes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pytest

from upward.classify import (
    KEY_QUESTION_ID,
    PREFER_NOT_TO_SAY,
    UnknownAnswerError,
    key_question,
    question,
    questions,
)

if TYPE_CHECKING:
    from conftest import Reference


def test_four_questions_key_question_first() -> None:
    ids = [q.id for q in questions()]
    assert ids == [KEY_QUESTION_ID, "school_type", "free_school_meals", "parental_degree"]
    assert [q.key for q in questions()] == [True, False, False, False]


def test_key_question_is_verbatim(reference: Reference) -> None:
    text = reference.section("The key question (ask this one if only one can be asked)")
    q = key_question()
    assert q.text == reference.quoted_question(text, "What was the occupation")
    numbered = re.findall(r"^(\d)\. (.+)$", text, re.M)
    assert [(o.number, o.label) for o in q.options] == [(int(n), label) for n, label in numbered]
    assert len(q.options) == 9
    for option in q.options:
        assert option.label.startswith(option.short_label)
    assert q.why and q.why in text


def test_school_type_is_verbatim(reference: Reference) -> None:
    text = reference.section("Supporting questions")
    q = question("school_type")
    assert q.text == reference.quoted_question(text, "Which type of school")
    block = text.split(q.text, 1)[1].split("\n\n", 1)[0]
    bullets = re.findall(r"^- (.+)$", block, re.M)
    assert [o.label for o in q.options] == bullets


@pytest.mark.parametrize(
    ("question_id", "starts", "options_line_starts"),
    [
        ("free_school_meals", "If you finished school after 1980", "Yes / No"),
        ("parental_degree", "Did either of your parents", "No, neither"),
    ],
)
def test_slash_separated_questions_are_verbatim(
    reference: Reference, question_id: str, starts: str, options_line_starts: str
) -> None:
    text = reference.section("Supporting questions")
    q = question(question_id)
    assert q.text == reference.quoted_question(text, starts)
    # The fact sheet lists these options on one line separated by " / ". One
    # option ("Do not know / not sure") itself contains " / ", so compare the
    # joined labels rather than splitting.
    line = next(ln for ln in text.splitlines() if ln.startswith(options_line_starts))
    assert " / ".join(o.label for o in q.options) + "." == line


def test_every_question_offers_prefer_not_to_say_once() -> None:
    for q in questions():
        options = [o for o in q.options if o.prefer_not_to_say]
        assert len(options) == 1, q.id
        assert options[0] is q.prefer_not_to_say
        assert re.search(r"prefer not to say", options[0].label, re.I), q.id
        assert options[0].code == PREFER_NOT_TO_SAY


def test_codes_are_stable_identifiers_unique_within_a_question() -> None:
    for q in questions():
        assert len(set(q.codes)) == len(q.codes), q.id
        assert all(re.fullmatch(r"[a-z][a-z_]*", c) for c in q.codes), q.codes


def test_choices_render_a_form_verbatim_and_in_order() -> None:
    q = question("parental_degree")
    assert q.choices == (
        ("no", "No, neither of my parents attended university"),
        ("yes", "Yes, one or both of my parents attended university"),
        ("dont_know", "Do not know / not sure"),
        ("prefer_not_to_say", "I prefer not to say"),
    )


def test_unknown_question_lists_valid_ids() -> None:
    with pytest.raises(ValueError, match="school_type"):
        question("schooltype")


@pytest.mark.parametrize(
    "answer",
    [
        "technical_craft",
        4,
        "4",
        np.int64(4),
        4.0,
        "Technical and craft occupations",
        "  technical AND craft occupations such as: motor mechanic, plumber, printer, "
        "electrician, gardener, train driver  ",
    ],
)
def test_key_question_answers_by_code_number_or_wording(answer: object) -> None:
    assert key_question().option(answer).code == "technical_craft"


def test_wording_match_ignores_dash_and_quote_styles() -> None:
    school = question("school_type")
    assert school.option("A state-run or state-funded school - non-selective").code == (
        "state_non_selective"
    )
    assert school.option("I don’t know").code == "dont_know"


def test_numbers_are_only_read_where_the_source_numbers_options() -> None:
    with pytest.raises(ValueError, match="valid codes are state_selective"):
        question("school_type").option(1)


def test_codes_for_maps_a_mixed_column_with_missing_values() -> None:
    column = ["1", 5, "Other", None, float("nan"), "", "  ", "prefer_not_to_say", 9]
    assert key_question().codes_for(column).tolist() == [
        "professional",
        "routine_manual_service",
        "other",
        None,
        None,
        None,
        None,
        "prefer_not_to_say",
        "prefer_not_to_say",
    ]


def test_codes_for_reads_a_pandas_column() -> None:
    pd = pytest.importorskip("pandas")
    column = pd.Series(["Yes", pd.NA, "No", None], dtype="object")
    assert question("free_school_meals").codes_for(column).tolist() == ["yes", None, "no", None]


def test_codes_for_reports_every_unrecognised_position() -> None:
    with pytest.raises(UnknownAnswerError) as caught:
        question("free_school_meals").codes_for(["Yes", "maybe", "No", "Y", True, 1])
    error = caught.value
    assert error.question_id == "free_school_meals"
    assert error.positions == (1, 3, 4, 5)
    assert error.values == ("maybe", "Y", True, 1)
    assert "1 ('maybe')" in str(error) and "yes, no" in str(error)


def test_a_boolean_is_never_taken_for_option_one() -> None:
    with pytest.raises(UnknownAnswerError) as caught:
        key_question().codes_for([1, True, 1.0])
    assert caught.value.positions == (1,)

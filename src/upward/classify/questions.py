"""The four Social Mobility Commission background questions, verbatim.

The wording lives in ``upward/data/classify/questions.toml``; this module turns
it into frozen objects that a form can render as they are (question id, text,
ordered options with stable codes) and that an importer can use to map a
column of answers, given as codes, option numbers or option wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from upward.classify._data import load_toml
from upward.classify._normalise import answer_key, is_missing

__all__ = [
    "KEY_QUESTION_ID",
    "PREFER_NOT_TO_SAY",
    "Option",
    "Question",
    "UnknownAnswerError",
    "key_question",
    "question",
    "questions",
]

#: Id of the key question (main household earner's occupation at about 14).
KEY_QUESTION_ID = "main_earner_occupation"
#: Code of the "prefer not to say" option, the same in every question.
PREFER_NOT_TO_SAY = "prefer_not_to_say"

_QUESTIONS_FILE = "questions.toml"


@dataclass(frozen=True, slots=True)
class Option:
    """One answer option of a question.

    Attributes
    ----------
    code : str
        Stable identifier to store (``"technical_craft"``); never renumbered.
    label : str
        The option's wording, verbatim from the source, to show to respondents.
    short_label : str
        A shorter name for tables and charts (the label itself when the source
        gives no shorter form).
    number : int or None
        The option's number as printed by the source (key question only, 1-9),
        so that HR extracts coded 1-9 can be read. ``None`` for questions whose
        options the source does not number.
    """

    code: str
    label: str
    short_label: str
    number: int | None = None

    @property
    def prefer_not_to_say(self) -> bool:
        """Whether this is the question's "prefer not to say" option."""
        return self.code == PREFER_NOT_TO_SAY


class UnknownAnswerError(ValueError):
    """Some answers in a column match no option of the question.

    Attributes
    ----------
    question_id : str
        The question the answers were read for.
    positions : tuple of int
        0-based positions of the unrecognised answers in the input.
    values : tuple
        The unrecognised values, in the same order as ``positions``.
    """

    def __init__(self, question: Question, positions: list[int], values: list[object]) -> None:
        self.question_id = question.id
        self.positions = tuple(positions)
        self.values = tuple(values)
        shown = ", ".join(f"{p} ({v!r})" for p, v in zip(positions[:5], values[:5], strict=True))
        more = f" and {len(positions) - 5} more" if len(positions) > 5 else ""
        super().__init__(
            f"{len(positions)} answer(s) to {question.id!r} match no option, at 0-based "
            f"position(s) {shown}{more}. Use an option code ({', '.join(question.codes)})"
            + (", its number" if question.options[0].number is not None else "")
            + " or its wording."
        )


@dataclass(frozen=True, slots=True)
class Question:
    """One survey question with its options in the order they must be shown.

    Attributes
    ----------
    id : str
        Stable identifier (``"school_type"``).
    text : str
        The question, verbatim from the source.
    options : tuple of Option
        All options in display order; every question has one whose code is
        ``"prefer_not_to_say"``.
    key : bool
        True for the key question, the one to ask if only one can be asked.
    why : str or None
        A one-line reason for asking, where the source gives one.
    source : str
        Citation of the wording.

    Examples
    --------
    >>> from upward.classify import question
    >>> q = question("parental_degree")
    >>> q.choices[-1]
    ('prefer_not_to_say', 'I prefer not to say')
    >>> q.codes_for(["Yes", "no", None, "Do not know / not sure"]).tolist()
    ['yes', 'no', None, 'dont_know']
    """

    id: str
    text: str
    options: tuple[Option, ...]
    key: bool
    why: str | None
    source: str
    _lookup: dict[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, Option] = {}
        for option in self.options:
            names = [option.code, option.label, option.short_label]
            if option.number is not None:
                names.append(str(option.number))
            for name in names:
                key = answer_key(name)
                if key is None:  # pragma: no cover - data error
                    raise ValueError(f"option name {name!r} of {self.id!r} cannot be matched")
                if lookup.setdefault(key, option) is not option:
                    raise ValueError(
                        f"question {self.id!r}: {name!r} names both "
                        f"{lookup[key].code!r} and {option.code!r}"
                    )
        object.__setattr__(self, "_lookup", lookup)

    @property
    def codes(self) -> tuple[str, ...]:
        """Option codes in display order."""
        return tuple(option.code for option in self.options)

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """``(code, label)`` pairs in display order, as a form's choices."""
        return tuple((option.code, option.label) for option in self.options)

    @property
    def prefer_not_to_say(self) -> Option:
        """This question's "prefer not to say" option."""
        return self.option(PREFER_NOT_TO_SAY)

    def option(self, answer: object) -> Option:
        """Return the option an answer names.

        Parameters
        ----------
        answer : str or int
            An option code, the option's printed number (key question only), or
            its wording; case, spacing, dash style and a final full stop are
            ignored.

        Raises
        ------
        ValueError
            If the answer names no option; the message lists the valid codes.
        """
        found = self._find(answer)
        if found is None:
            raise ValueError(
                f"{answer!r} is not an answer to {self.id!r}; "
                f"valid codes are {', '.join(self.codes)}"
            )
        return found

    def codes_for(self, answers: Iterable[object]) -> npt.NDArray[np.object_]:
        """Map a column of answers to option codes, for an HR import.

        Parameters
        ----------
        answers : array_like
            One answer per person: codes, printed numbers (key question only)
            or wording, in any mix. Missing values (``None``, NaN, pandas NA,
            empty or blank strings) mean "not answered".

        Returns
        -------
        numpy.ndarray
            Object array of option codes, ``None`` where the answer is missing.

        Raises
        ------
        UnknownAnswerError
            If any answer matches no option; it lists every position that did not
            match, so nothing is imported half-mapped.
        """
        values = answers.tolist() if isinstance(answers, np.ndarray) else list(answers)
        out = np.empty(len(values), dtype=object)
        memo: dict[tuple[type, Any], str | None] = {}
        bad_positions: list[int] = []
        bad_values: list[object] = []
        for position, value in enumerate(values):
            if is_missing(value):
                continue
            key = (value.__class__, value)  # True == 1, but True is no answer
            try:
                code = memo[key]
            except KeyError:
                found = self._find(value)
                code = memo[key] = None if found is None else found.code
            except TypeError:  # unhashable: never an answer
                code = None
            if code is None:
                bad_positions.append(position)
                bad_values.append(value)
            else:
                out[position] = code
        if bad_positions:
            raise UnknownAnswerError(self, bad_positions, bad_values)
        return out

    def _find(self, answer: object) -> Option | None:
        if isinstance(answer, Option):
            return answer if answer in self.options else None
        key = answer_key(answer)
        return None if key is None else self._lookup.get(key)


@cache
def questions() -> tuple[Question, ...]:
    """All four questions, the key question first.

    Returns
    -------
    tuple of Question
        main household earner's occupation at about 14 (key question), school
        type, free school meals, parental degree.
    """
    data = load_toml(_QUESTIONS_FILE)
    built = []
    for raw in data["questions"]:
        options = tuple(
            Option(
                code=o["code"],
                label=o["label"],
                short_label=o.get("short_label", o["label"]),
                number=o.get("number"),
            )
            for o in raw["options"]
        )
        built.append(
            Question(
                id=raw["id"],
                text=raw["text"],
                options=options,
                key=bool(raw["key"]),
                why=raw.get("why"),
                source=data["source"],
            )
        )
    return tuple(built)


def question(question_id: str) -> Question:
    """Return one question by id.

    Raises
    ------
    ValueError
        If the id is unknown; the message lists the valid ids.
    """
    for q in questions():
        if q.id == question_id:
            return q
    valid = ", ".join(q.id for q in questions())
    raise ValueError(f"unknown question {question_id!r}; valid ids are {valid}")


def key_question() -> Question:
    """The key question: main household earner's occupation at about 14."""
    return question(KEY_QUESTION_ID)

"""Answers to the key question -> background group and NS-SEC classes.

Data: ``upward/data/classify/background_groups.toml``. The four groups are the
ones employers report: professional, intermediate, lower socio-economic
background, and not classified ("other" and "prefer not to say", reported as
non-response).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
import numpy.typing as npt

from upward.classify._data import load_toml
from upward.classify.nssec import (
    CollapsedClass,
    CollapseSize,
    NsSecClass,
    nssec_class,
    nssec_collapse,
)
from upward.classify.questions import Option, key_question

__all__ = [
    "NOT_CLASSIFIED",
    "BackgroundGroup",
    "BackgroundGroupCode",
    "answer_nssec_class",
    "answer_nssec_classes",
    "answer_nssec_collapse",
    "background_group",
    "background_group_codes",
    "background_groups",
]

BackgroundGroupCode = Literal["professional", "intermediate", "lower", "not_classified"]
#: Code of the group reported as non-response.
NOT_CLASSIFIED: BackgroundGroupCode = "not_classified"
_GROUPS_FILE = "background_groups.toml"


@dataclass(frozen=True, slots=True)
class BackgroundGroup:
    """A socio-economic background group used in employer reporting.

    Attributes
    ----------
    code : {"professional", "intermediate", "lower", "not_classified"}
        Stable identifier.
    label : str
        Name to show ("Lower socio-economic background").
    answers : tuple of str
        Codes of the key-question options in this group.
    nssec : tuple of int
        NS-SEC analytic classes the group corresponds to (empty for
        ``not_classified``).
    """

    code: BackgroundGroupCode
    label: str
    answers: tuple[str, ...]
    nssec: tuple[int, ...]

    @property
    def classified(self) -> bool:
        """False for the group reported as non-response."""
        return self.code != NOT_CLASSIFIED


@cache
def background_groups() -> tuple[BackgroundGroup, ...]:
    """The four groups in reporting order: professional, intermediate, lower, not classified."""
    return tuple(
        BackgroundGroup(
            code=raw["code"],
            label=raw["label"],
            answers=tuple(raw["answers"]),
            nssec=tuple(raw["nssec"]),
        )
        for raw in load_toml(_GROUPS_FILE)["groups"]
    )


@cache
def _group_by_answer() -> dict[str, BackgroundGroup]:
    return {answer: group for group in background_groups() for answer in group.answers}


def background_group(answer: str | int | Option | None) -> BackgroundGroup:
    """Return the background group of one answer to the key question.

    Parameters
    ----------
    answer : str, int, Option or None
        An option code (``"technical_craft"``), the option's printed number (4)
        or its wording. ``None`` (not answered) gives the not-classified group.

    Raises
    ------
    ValueError
        If ``answer`` is not an answer to the key question.

    Examples
    --------
    >>> from upward.classify import background_group
    >>> background_group(4).code
    'lower'
    >>> background_group("small_business_owner").label
    'Intermediate background'
    >>> background_group("I prefer not to say.").code
    'not_classified'
    """
    if answer is None:
        return _group_by_answer()["prefer_not_to_say"]
    return _group_by_answer()[key_question().option(answer).code]


def background_group_codes(
    answers: Iterable[object],
) -> npt.NDArray[np.object_]:
    """Map a column of key-question answers to background group codes.

    Parameters
    ----------
    answers : array_like
        As for :meth:`Question.codes_for`; missing answers are allowed.

    Returns
    -------
    numpy.ndarray
        Object array of group codes; missing answers give ``"not_classified"``.

    Raises
    ------
    UnknownAnswerError
        If any answer matches no option (all positions are listed).
    """
    codes = key_question().codes_for(answers)
    by_answer = {answer: group.code for answer, group in _group_by_answer().items()}
    by_answer[None] = NOT_CLASSIFIED  # type: ignore[index]
    return np.array([by_answer[c] for c in codes.tolist()], dtype=object)


def answer_nssec_classes(answer: str | int | Option) -> tuple[NsSecClass, ...]:
    """NS-SEC analytic classes covered by an answer to the key question.

    Returns an empty tuple for "other" and "prefer not to say". The per-answer
    split is derived from the option wording (see the data file's
    ``nssec_basis``); only the group ranges come from the source.
    """
    code = key_question().option(answer).code
    numbers = _answer_nssec()[code]
    return tuple(nssec_class(n) for n in numbers)


def answer_nssec_class(answer: str | int | Option) -> NsSecClass | None:
    """The single NS-SEC analytic class of an answer, where one is defined.

    Options 3, 4, 6 and 7 correspond to one class each (3, 5, 8, 4); options 1,
    2 and 5 span two classes, and 8 and 9 none, so they give ``None``.
    """
    classes = answer_nssec_classes(answer)
    return classes[0] if len(classes) == 1 else None


def answer_nssec_collapse(answer: str | int | Option, size: CollapseSize) -> CollapsedClass | None:
    """The 5- or 3-class NS-SEC collapse of an answer, where it is defined.

    Defined when every analytic class the answer covers falls in the same
    collapsed class: for example option 5 (classes 6-7) gives 5-class class 5.
    ``None`` for "other", "prefer not to say" and "long-term unemployed" (class
    8 is outside the collapses).
    """
    collapsed = {nssec_collapse(c, size) for c in answer_nssec_classes(answer)}
    if len(collapsed) != 1:
        return None
    return collapsed.pop()


@cache
def _answer_nssec() -> dict[str, tuple[int, ...]]:
    mapping = load_toml(_GROUPS_FILE)["answer_nssec"]
    return {code: tuple(numbers) for code, numbers in mapping.items()}

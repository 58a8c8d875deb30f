"""NS-SEC analytic classes and their 5- and 3-class collapses (ONS).

Data: ``upward/data/classify/nssec.toml``. Class 8 ("never worked and long-term
unemployed") belongs to neither collapse; ONS reports it separately, so the
collapse helpers return ``None`` for it.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from upward.classify._data import load_toml

__all__ = [
    "CollapseSize",
    "CollapsedClass",
    "NsSecClass",
    "nssec_class",
    "nssec_classes",
    "nssec_collapse",
    "nssec_collapsed_classes",
]

CollapseSize = Literal[5, 3]
_NSSEC_FILE = "nssec.toml"


@dataclass(frozen=True, slots=True)
class NsSecClass:
    """One NS-SEC analytic class (1-8).

    Attributes
    ----------
    number : int
        1 to 8.
    label : str
        ONS name of the class.
    subclasses : tuple of (str, str)
        ``(code, label)`` of its subdivisions; only class 1 has them (1.1, 1.2).
    """

    number: int
    label: str
    subclasses: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CollapsedClass:
    """One class of a collapsed NS-SEC scheme.

    Attributes
    ----------
    size : {5, 3}
        The scheme: the 5-class or the 3-class collapse.
    number : int
        Position in the scheme, from 1.
    label : str
        ONS name of the collapsed class.
    members : tuple of int
        The analytic classes it groups.
    """

    size: int
    number: int
    label: str
    members: tuple[int, ...]


@cache
def nssec_classes() -> tuple[NsSecClass, ...]:
    """The eight NS-SEC analytic classes, in order."""
    return tuple(
        NsSecClass(
            number=raw["number"],
            label=raw["label"],
            subclasses=tuple((s["code"], s["label"]) for s in raw.get("subclasses", ())),
        )
        for raw in load_toml(_NSSEC_FILE)["classes"]
    )


def nssec_class(value: int | str | NsSecClass) -> NsSecClass:
    """Return an analytic class from its number (``5``, ``"5"``) or a sub-class (``"1.2"``).

    Raises
    ------
    ValueError
        If ``value`` names no class; the message lists the valid values.
    """
    if isinstance(value, NsSecClass):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral | str):
        text = ""
    else:
        text = str(value).strip() if isinstance(value, str) else str(int(value))
    for cls in nssec_classes():
        if text == str(cls.number) or text in (code for code, _ in cls.subclasses):
            return cls
    raise ValueError(
        f"{value!r} is not an NS-SEC analytic class; use 1 to 8, or 1.1 / 1.2 for the "
        "subdivisions of class 1"
    )


def nssec_collapsed_classes(size: CollapseSize) -> tuple[CollapsedClass, ...]:
    """The classes of the 5-class or 3-class collapse.

    Parameters
    ----------
    size : {5, 3}
        5-class: 1-2 / 3 / 4 / 5 / 6-7. 3-class: 1-2 / 3-4 / 5-7.

    Raises
    ------
    ValueError
        If ``size`` is not 5 or 3.
    """
    return _collapses(_check_size(size))


def nssec_collapse(value: int | str | NsSecClass, size: CollapseSize) -> CollapsedClass | None:
    """Collapse an analytic class into the 5- or 3-class scheme.

    Parameters
    ----------
    value : int, str or NsSecClass
        An analytic class, as for :func:`nssec_class`.
    size : {5, 3}
        Which collapse.

    Returns
    -------
    CollapsedClass or None
        ``None`` for class 8, which ONS keeps outside the collapses.

    Examples
    --------
    >>> from upward.classify import nssec_collapse
    >>> nssec_collapse(6, 5).label
    'Semi-routine and routine occupations'
    >>> nssec_collapse("1.1", 3).number
    1
    >>> nssec_collapse(8, 3) is None
    True
    """
    number = nssec_class(value).number
    for collapsed in nssec_collapsed_classes(size):
        if number in collapsed.members:
            return collapsed
    return None


def _check_size(size: object) -> int:
    if isinstance(size, bool) or size not in get_args(CollapseSize):
        raise ValueError(f"NS-SEC collapse size must be 5 or 3, got {size!r}")
    return int(size)  # type: ignore[call-overload]


@cache
def _collapses(size: int) -> tuple[CollapsedClass, ...]:
    for raw in load_toml(_NSSEC_FILE)["collapses"]:
        if raw["size"] == size:
            return tuple(
                CollapsedClass(
                    size=size, number=c["number"], label=c["label"], members=tuple(c["members"])
                )
                for c in raw["classes"]
            )
    raise LookupError(f"packaged NS-SEC data has no {size}-class collapse")  # pragma: no cover

"""SOC 2020 major groups and the mapping from any SOC 2020 code to its major group.

Data: ``upward/data/classify/soc2020_major_groups.toml``. In SOC 2020 a code's
first digit is its major group: ``"2"`` (major group), ``"21"`` (sub-major),
``"213"`` (minor) and ``"2136"`` (unit group) are all in major group 2. Only
the shape of a code is checked, not that the unit group exists: the 412 unit
groups are not shipped.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from upward.classify._data import load_toml
from upward.classify._normalise import is_missing

__all__ = [
    "SocMajorGroup",
    "soc2020_major_group",
    "soc2020_major_group_numbers",
    "soc2020_major_groups",
]

_SOC_FILE = "soc2020_major_groups.toml"


@dataclass(frozen=True, slots=True)
class SocMajorGroup:
    """One of the nine SOC 2020 major groups.

    Attributes
    ----------
    number : int
        1 to 9, the first digit of every code in the group.
    name : str
        The group's name.
    """

    number: int
    name: str


@cache
def soc2020_major_groups() -> tuple[SocMajorGroup, ...]:
    """The nine SOC 2020 major groups, in order."""
    return tuple(
        SocMajorGroup(number=raw["number"], name=raw["name"])
        for raw in load_toml(_SOC_FILE)["major_groups"]
    )


def soc2020_major_group(code: int | float | str) -> SocMajorGroup:
    """Return the major group of a SOC 2020 code of 1 to 4 digits.

    Parameters
    ----------
    code : int, str or whole float
        A major (``2``), sub-major (``"21"``), minor (``213``) or unit group
        (``"2136"``) code. Surrounding spaces in a string are ignored.

    Returns
    -------
    SocMajorGroup

    Raises
    ------
    ValueError
        If the code is not 1 to 4 digits starting with 1-9; the message says
        which of these is wrong.
    TypeError
        If ``code`` is neither a number nor a str. A whole float such as
        ``2136.0`` (what a spreadsheet column with gaps becomes) is read as the
        int; a fractional one is a ValueError.

    Examples
    --------
    >>> from upward.classify import soc2020_major_group
    >>> soc2020_major_group("2136").name
    'Professional occupations'
    >>> soc2020_major_group(9).number
    9
    >>> soc2020_major_group("21A6")
    Traceback (most recent call last):
    ...
    ValueError: SOC 2020 code '21A6' must contain only digits 0-9
    """
    return soc2020_major_groups()[_major_digit(code) - 1]


def soc2020_major_group_numbers(
    codes: Iterable[object],
) -> npt.NDArray[np.int8]:
    """Map a column of SOC 2020 codes to major group numbers, for an HR import.

    Parameters
    ----------
    codes : array_like
        Codes as for :func:`soc2020_major_group`; missing values (``None``, NaN,
        empty strings) are allowed.

    Returns
    -------
    numpy.ndarray of int8
        Major group 1-9, or 0 where the code is missing.

    Raises
    ------
    ValueError
        If any code is malformed; the message gives the first bad position
        (0-based) and why, and the count of bad codes.
    """
    values = codes.tolist() if isinstance(codes, np.ndarray) else list(codes)
    out = np.zeros(len(values), dtype=np.int8)
    errors: list[tuple[int, str]] = []
    for position, value in enumerate(values):
        if is_missing(value):
            continue
        try:
            out[position] = _major_digit(value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            errors.append((position, str(exc)))
    if errors:
        first_position, first_message = errors[0]
        raise ValueError(
            f"{len(errors)} malformed SOC 2020 code(s); first at 0-based position "
            f"{first_position}: {first_message}"
        )
    return out


def _major_digit(code: int | float | str) -> int:
    if isinstance(code, bool) or not isinstance(code, numbers.Real | str):
        raise TypeError(
            f"SOC 2020 code must be an int or a string of 1 to 4 digits, got "
            f"{type(code).__name__} {code!r}"
        )
    if isinstance(code, numbers.Real) and not isinstance(code, numbers.Integral):
        # Spreadsheets hand integer columns with gaps over as floats (2136.0).
        if not float(code).is_integer():
            raise ValueError(f"SOC 2020 code {code!r} is not a whole number")
        code = int(code)
    if isinstance(code, numbers.Integral):
        if code < 0:
            raise ValueError(f"SOC 2020 code {code} is negative")
        text = str(int(code))
    else:
        text = code.strip()
        if not text:
            raise ValueError("SOC 2020 code is empty")
        if not (text.isascii() and text.isdigit()):
            raise ValueError(f"SOC 2020 code {code!r} must contain only digits 0-9")
    if len(text) > 4:
        raise ValueError(
            f"SOC 2020 code {code!r} has {len(text)} digits; codes have 1 (major group) "
            "to 4 (unit group) digits"
        )
    if text[0] == "0":
        raise ValueError(f"SOC 2020 code {code!r} starts with 0; major groups are 1 to 9")
    return int(text[0])

"""Normalisation of free-text answers and codes before they are matched."""

from __future__ import annotations

import math
import numbers
import re

_DASHES = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2212": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def is_missing(value: object) -> bool:
    """True for the empty cells an HR export produces: None, NaN, pandas NA, "" or spaces."""
    if value is None:
        return True
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas missing markers
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def answer_key(value: object) -> str | None:
    """Match key of an answer: case, dashes, quotes, spacing and a final full stop ignored.

    Integral numbers (``3``, ``3.0``, ``numpy.int64(3)``) become ``"3"``. Returns
    ``None`` for values that cannot be an answer at all (booleans, fractions).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        as_float = float(value)
        return str(int(as_float)) if as_float.is_integer() else None
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value.translate(_DASHES)).strip().casefold()
    return text.removesuffix(".").rstrip()

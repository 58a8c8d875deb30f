"""Input checking shared by the estimators.

Inputs may be lists, numpy arrays, pandas Series/Index or polars Series. Every
failure raises ``ValueError`` or ``TypeError`` naming the argument and saying
what was expected, so that the CLI can pass the message on to the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def to_numpy(values: Any, name: str) -> np.ndarray:
    """Turn a list, numpy array, pandas or polars column into a numpy array."""
    if values is None:
        raise TypeError(f"{name} is required: pass a list, numpy array, pandas or polars column")
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} must be a column of values, not a string")
    to_numpy_method = getattr(values, "to_numpy", None)
    if callable(to_numpy_method) and not isinstance(values, np.ndarray):
        values = to_numpy_method()
    try:
        return np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} could not be read as an array: {exc}") from exc


def float_column(
    values: Any, name: str, *, nonnegative: bool = False, check_values: bool = True
) -> np.ndarray:
    """A 1-D float64 column with finite (optionally non-negative) values.

    With ``check_values=False`` only the shape and type are checked; call
    :func:`finite_values` later (e.g. in a worker thread).
    """
    array = to_numpy(values, name)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty: at least one value is expected")
    if array.dtype.kind not in "biuf":
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"{name} must hold numbers, got values of type {array.dtype}"
            ) from exc
    array = np.asarray(array, dtype=np.float64)
    if check_values:
        finite_values(array, name, nonnegative=nonnegative)
    return array


def finite_values(
    array: np.ndarray, name: str, *, nonnegative: bool = False
) -> tuple[float, float]:
    """Raise ValueError unless every value is finite (and >= 0 when ``nonnegative``).

    Returns the smallest and largest value.
    """
    # Two reductions instead of an isfinite pass: NaN fails `min >= 0`/`max < inf`.
    low, high = float(array.min()), float(array.max())
    if not (np.isfinite(low) and np.isfinite(high)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise ValueError(f"{name} contains {bad} missing or infinite value(s); drop or impute them")
    if nonnegative and low < 0:
        bad = int(np.count_nonzero(array < 0))
        raise ValueError(
            f"{name} contains {bad} negative value(s) (smallest {low:g}); "
            "incomes must be zero or positive"
        )
    return low, high


def same_length(**columns: np.ndarray) -> int:
    """Check that all columns have one length and return it."""
    lengths = {name: len(column) for name, column in columns.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{name} has {length}" for name, length in lengths.items())
        raise ValueError(f"columns must have the same length: {detail}")
    return next(iter(lengths.values()))


def weight_column(weights: Any, n: int, name: str = "weights") -> np.ndarray | None:
    """Validate optional survey weights: finite, non-negative, positive total, length n."""
    if weights is None:
        return None
    array = float_column(weights, name)
    if len(array) != n:
        raise ValueError(f"{name} has {len(array)} values but the data has {n} rows")
    if array.min() < 0:
        raise ValueError(f"{name} must be non-negative, got a minimum of {array.min():g}")
    if not array.sum() > 0:
        raise ValueError(f"{name} sum to zero: at least one positive weight is expected")
    return array


def counts_array(counts: Any, name: str = "counts", ndim: int = 2) -> np.ndarray:
    """A float64 array of non-negative finite counts with ``ndim`` dimensions."""
    array = to_numpy(counts, name)
    if array.dtype == object:
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must hold numbers") from exc
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got values of type {array.dtype}")
    array = np.asarray(array, dtype=np.float64)
    if array.ndim != ndim:
        raise ValueError(
            f"{name} must be a {ndim}-dimensional table, got {array.ndim} dimension(s)"
        )
    if array.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains missing or infinite values")
    if (array < 0).any():
        raise ValueError(f"{name} contains negative counts; counts must be zero or positive")
    if min(array.shape[-2:]) < 2:
        raise ValueError(
            f"{name} must have at least two classes in each direction, got shape {array.shape}"
        )
    if not array.sum() > 0:
        raise ValueError(f"{name} sums to zero: the table has no observations")
    return array


def choice(value: Any, name: str, options: Sequence[str]) -> str:
    """Validate a string option against its allowed values (listing them on failure)."""
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(option) for option in options)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def positive_int(value: Any, name: str, minimum: int) -> int:
    """Validate an integer option with a lower bound."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be an integer of at least {minimum}, got {value!r}")
    return int(value)


def labels_for(labels: Any, size: int, name: str) -> tuple[str, ...]:
    """Class labels as strings (``1..size`` when not given)."""
    if labels is None:
        return tuple(str(i + 1) for i in range(size))
    values = tuple(str(label) for label in to_numpy(labels, name).tolist())
    if len(values) != size:
        raise ValueError(f"{name} has {len(values)} entries but the table has {size} classes")
    if len(set(values)) != len(values):
        raise ValueError(f"{name} must be distinct, got {list(values)}")
    return values


def rng_from(seed: Any) -> np.random.Generator:
    """A numpy Generator from a seed, a Generator, or None (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, int | np.integer):
        return np.random.default_rng(seed)
    raise TypeError(f"seed must be an int, a numpy Generator or None, got {type(seed).__name__}")

"""The judging inputs: criteria (weights and scales) and a long table of scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


def _frozen(values: ArrayLike, dtype: type) -> NDArray:
    array: NDArray = np.array(values, dtype=dtype, copy=True).reshape(-1)
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Criteria:
    """Weights and score scales of the judging criteria, index ``c`` = criterion ``c``.

    Weights are positive (only their ratios matter); a criterion's scale runs from
    ``minimum[c]`` to ``maximum[c]`` (``maximum > minimum``).
    """

    weights: NDArray[np.float64]
    minimum: NDArray[np.float64]
    maximum: NDArray[np.float64]

    @classmethod
    def from_lists(
        cls, weights: Sequence[float], scales: Sequence[tuple[float, float]]
    ) -> Criteria:
        """``Criteria.from_lists([2, 1], [(0, 10), (1, 5)])``."""
        if len(weights) != len(scales):
            raise ValueError(
                f"{len(weights)} weights but {len(scales)} scales: give one of each per criterion"
            )
        lows = [low for low, _ in scales]
        highs = [high for _, high in scales]
        return cls.from_arrays(weights, lows, highs)

    @classmethod
    def from_arrays(cls, weights: ArrayLike, minimum: ArrayLike, maximum: ArrayLike) -> Criteria:
        w, lo, hi = _frozen(weights, float), _frozen(minimum, float), _frozen(maximum, float)
        if not (len(w) == len(lo) == len(hi)) or len(w) == 0:
            raise ValueError(
                "weights, minimum and maximum need one value per criterion (at least one)"
            )
        if not (np.all(np.isfinite(w)) and np.all(w > 0)):
            raise ValueError("criterion weights must be positive and finite")
        if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi)) and np.all(hi > lo)):
            raise ValueError("each criterion's scale needs finite minimum < maximum")
        return cls(w, lo, hi)

    @property
    def n_criteria(self) -> int:
        return len(self.weights)


@dataclass(frozen=True, eq=False)
class Scores:
    """A long table of scores: row ``i`` says judge ``judge[i]`` gave entry ``entry[i]``
    the score ``score[i]`` on criterion ``criterion[i]``. Build it with :meth:`from_arrays`,
    which checks the indices and refuses a repeated (entry, judge, criterion)."""

    entry: NDArray[np.intp]
    judge: NDArray[np.intp]
    criterion: NDArray[np.intp]
    score: NDArray[np.float64]
    n_entries: int
    n_judges: int
    n_criteria: int

    @classmethod
    def from_arrays(
        cls,
        entry: ArrayLike,
        judge: ArrayLike,
        criterion: ArrayLike,
        score: ArrayLike,
        n_entries: int,
        n_judges: int,
        n_criteria: int,
    ) -> Scores:
        e, j, c = _frozen(entry, np.intp), _frozen(judge, np.intp), _frozen(criterion, np.intp)
        s = _frozen(score, float)
        if not (len(e) == len(j) == len(c) == len(s)):
            raise ValueError("entry, judge, criterion and score must have the same length")
        for name, count, index, bound in (
            ("entry", "n_entries", e, n_entries),
            ("judge", "n_judges", j, n_judges),
            ("criterion", "n_criteria", c, n_criteria),
        ):
            if bound < 1:
                raise ValueError(f"{count} must be at least 1")
            if len(index) and (index.min() < 0 or index.max() >= bound):
                raise ValueError(f"{name} indices must lie in 0..{bound - 1}")
        if not np.all(np.isfinite(s)):
            raise ValueError(
                "scores must be finite numbers (leave a missing score out of the table)"
            )
        key = (e * n_judges + j) * n_criteria + c
        if len(np.unique(key)) != len(key):
            raise ValueError(
                "a judge scored the same entry on the same criterion twice: keep one score"
            )
        return cls(e, j, c, s, int(n_entries), int(n_judges), int(n_criteria))

    def __len__(self) -> int:
        return len(self.score)

    def without(self, recusals: Iterable[tuple[int, int]]) -> Scores:
        """The scores with every (judge, entry) pair in ``recusals`` taken out."""
        pairs = np.array(list(recusals), dtype=np.intp).reshape(-1, 2)
        if len(pairs) == 0:
            return self
        recused = np.zeros((self.n_judges, self.n_entries), dtype=bool)
        recused[pairs[:, 0], pairs[:, 1]] = True
        keep = ~recused[self.judge, self.entry]
        return Scores(
            _frozen(self.entry[keep], np.intp),
            _frozen(self.judge[keep], np.intp),
            _frozen(self.criterion[keep], np.intp),
            _frozen(self.score[keep], float),
            self.n_entries,
            self.n_judges,
            self.n_criteria,
        )


def weighted_matrix(scores: Scores, criteria: Criteria) -> NDArray[np.float64]:
    """Each judge's weighted score of each entry on 0–100, ``NaN`` where the judge scored none.

    Each score is put on 0–100 by its criterion's scale, ``100 (s - min) / (max - min)``; the
    weighted mean is over the criteria the judge scored for that entry, the weights
    renormalised over those criteria (a criterion left blank neither counts as zero nor
    drags the weighted score down).
    """
    if criteria.n_criteria != scores.n_criteria:
        raise ValueError(
            f"the scores use {scores.n_criteria} criteria but {criteria.n_criteria} are defined"
        )
    low, high = criteria.minimum[scores.criterion], criteria.maximum[scores.criterion]
    if np.any(scores.score < low) or np.any(scores.score > high):
        raise ValueError("a score lies outside its criterion's scale")
    scaled = 100.0 * (scores.score - low) / (high - low)
    weight = criteria.weights[scores.criterion]
    cell = scores.judge * scores.n_entries + scores.entry
    size = scores.n_judges * scores.n_entries
    total = np.bincount(cell, weights=weight * scaled, minlength=size)
    weights = np.bincount(cell, weights=weight, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.where(weights > 0, total / weights, np.nan)
    return matrix.reshape(scores.n_judges, scores.n_entries)

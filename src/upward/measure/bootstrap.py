"""Replicate weights for the Poisson bootstrap.

Each replicate multiplies every observation's weight by an independent
Poisson(1) count, the large-n equivalent of resampling rows with replacement
(Hanley & MacGibbon 2006; Chamandy et al. 2012). Unlike resampling, the
replicate keeps every row in place, so a column sorted once stays sorted and
each replicate's weighted ranks are a cumulative sum (see
:mod:`upward.measure.ranks`).

Counts are drawn by inverting the Poisson(1) distribution function at 16-bit
uniform integers through a 65,536-entry lookup table: about ten times faster
than ``Generator.poisson``, with each probability rounded to a multiple of
2**-16 (so counts above 8, probability 1e-6, do not occur).

References
----------
Hanley, J. A. & MacGibbon, B. (2006). Creating non-parametric bootstrap samples
using Poisson frequencies. *Computer Methods and Programs in Biomedicine* 83, 57-62.
Chamandy, N., Muralidharan, O., Najmi, A. & Naidu, S. (2012). Estimating
uncertainty for massive data streams. Google Technical Report.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

_LEVELS = 1 << 16
_TABLE = stats.poisson.ppf((np.arange(_LEVELS) + 0.5) / _LEVELS, 1.0).astype(np.uint8)
_TABLE.setflags(write=False)


def poisson_counts(
    rng: np.random.Generator, n: int, out: np.ndarray | None = None
) -> np.ndarray:
    """``n`` independent Poisson(1) counts as uint8, reproducible from ``rng``.

    ``out`` is an optional uint8 buffer of length ``n`` to write them into.
    """
    uniforms = rng.integers(0, _LEVELS, size=n, dtype=np.uint16)
    return np.take(_TABLE, uniforms, out=out, mode="clip")

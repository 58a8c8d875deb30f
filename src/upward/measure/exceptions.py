"""Warnings raised by :mod:`upward.measure` (filter them with :mod:`warnings`).

Every warning says what happened, which numbers it affects and what to do.
"""

from __future__ import annotations


class MeasureWarning(UserWarning):
    """Base class of the warnings of :mod:`upward.measure`."""


class ConvergenceWarning(MeasureWarning):
    """A fit stopped before it converged: G² may be above the model's minimum.

    For log-multiplicative models on sparse tables this usually means a
    *boundary solution*: the likelihood keeps rising as some parameters run to
    infinity and some zero cells are fitted ever closer to zero (the result's
    ``boundary`` is True). The reported G² is where the iterations stopped.
    """


class BoundaryWarning(MeasureWarning):
    """Sampling zeros make parameters diverge and cells be fitted exactly at zero.

    The maximum-likelihood fit is on the boundary of the parameter space
    (Bishop, Fienberg & Holland 1975, sec. 5.4): the parameters named in the
    result's ``diverged`` run to minus infinity, their estimates and standard
    errors are reported as NaN, and the cells in ``zero_fitted`` get fitted
    value 0. ``df`` counts those cells and parameters as R's glm and gnm do;
    ``df_adjusted`` is the Bishop-Fienberg-Holland count without them.
    """


class EstimateWarning(MeasureWarning):
    """A statistic could not be computed from these data and is NaN (the message says why)."""

"""Intergenerational mobility statistics: tables, log-linear models, indices, incomes.

A numpy/scipy library (it never imports Django)::

    from upward.measure import (MobilityTable, unidiff, altham,
                                mobility_indices, income_mobility)
"""

from upward.measure.association import altham
from upward.measure.exceptions import (
    BoundaryWarning,
    ConvergenceWarning,
    EstimateWarning,
    MeasureWarning,
)
from upward.measure.income import IncomeMobility, income_mobility
from upward.measure.indices import MobilityIndices, mobility_indices
from upward.measure.loglinear import MODELS, FitResult, ModelComparison
from upward.measure.tables import AbsoluteRates, MobilityTable
from upward.measure.unidiff import UnidiffResult, unidiff

__all__ = [
    "MODELS",
    "AbsoluteRates",
    "BoundaryWarning",
    "ConvergenceWarning",
    "EstimateWarning",
    "FitResult",
    "IncomeMobility",
    "MeasureWarning",
    "MobilityIndices",
    "MobilityTable",
    "ModelComparison",
    "UnidiffResult",
    "altham",
    "income_mobility",
    "mobility_indices",
    "unidiff",
]

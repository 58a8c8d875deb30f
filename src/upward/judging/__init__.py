"""Awards judging statistics: weighted scores, per-judge normalisation, ranks and ties,
shortlists, inter-rater reliability and calibration to a lead judge.

A numpy/scipy library (it never imports Django); the awards app calls it::

    from upward.judging import Criteria, Scores, results

    criteria = Criteria.from_lists([2, 1], [(0, 10), (1, 5)])
    scores = Scores.from_arrays(entry, judge, criterion, score,
                                n_entries=40, n_judges=5, n_criteria=2)
    out = results(scores, criteria, recusals=[(3, 7)], lead_judge=[0])
    out.raw_mean, out.normalised_mean, out.rank, out.tied, out.top(5)

The method is written up in ``docs/awards.md`` ("Judging statistics").
"""

from upward.judging.calibration import Calibration
from upward.judging.data import Criteria, Scores, weighted_matrix
from upward.judging.normalise import JudgeNormalisation, PanelScale
from upward.judging.ranking import rank_within_panels
from upward.judging.reliability import (
    Reliability,
    icc_two_way,
    krippendorff_alpha_interval,
    panel_reliability,
)
from upward.judging.results import Results, Shortlist, results

__all__ = [
    "Calibration",
    "Criteria",
    "JudgeNormalisation",
    "PanelScale",
    "Reliability",
    "Results",
    "Scores",
    "Shortlist",
    "icc_two_way",
    "krippendorff_alpha_interval",
    "panel_reliability",
    "rank_within_panels",
    "results",
    "weighted_matrix",
]

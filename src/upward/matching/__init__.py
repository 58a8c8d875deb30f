"""Mentor matching: score pairs, explain them, and assign (optimal, stable, greedy).

A numpy/scipy library (it never imports Django); the mentoring app calls it::

    from upward.matching import (Rules, Weights, Candidate, score_matrix, explain,
                                 assign_optimal, assign_stable, assign_greedy,
                                 lp_upper_bound, roulette_pairs, Assignment, Explanation)

Survey answers never enter it: a :class:`Candidate` holds sign-up choices only.
"""

from upward.matching.assignment import (
    Assignment,
    assign_greedy,
    assign_optimal,
    assign_stable,
    slot_weights,
)
from upward.matching.bound import dual_value, lp_upper_bound, slackness_prices
from upward.matching.candidates import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    MENTEE_PRIVATE_CRITERIA,
    Candidate,
    Rules,
    Weights,
)
from upward.matching.roulette import roulette_pairs
from upward.matching.scoring import Explanation, Scores, blocked_reasons, explain, score_matrix

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "MENTEE_PRIVATE_CRITERIA",
    "Assignment",
    "Candidate",
    "Explanation",
    "Rules",
    "Scores",
    "Weights",
    "assign_greedy",
    "assign_optimal",
    "assign_stable",
    "blocked_reasons",
    "dual_value",
    "explain",
    "lp_upper_bound",
    "roulette_pairs",
    "score_matrix",
    "slackness_prices",
    "slot_weights",
]

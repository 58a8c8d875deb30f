"""The synthetic workforce has the structure of British mobility data: own class depends on
parents' class, in the published direction, and it stays deterministic.

Counted straight from the generated people (background from the key question, own class
from the SOC major group) and tested with scipy, independently of upward.measure and of the
disclosure-controlled tables.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from upward.demo import synthetic_workforce as sw
from upward.demo.synthetic_workforce import synthetic_people

DAY = date(2025, 3, 31)
DEMO_SIZE = 2000  # upward.web.demo.insights_seed.WORKFORCE: the seeded demo's snapshots
# The seeds of the demo's three snapshots (insights_seed: 2026 + SNAPSHOT_SEEDS), and others.
SEEDS = (2029, 2028, 2034, 1, 7, 99)
BACKGROUND_OF_ANSWER = np.array([0, 0, 1, 2, 2, 2, 1, 3, 3])
CLASS_OF_MAJOR_GROUP = np.array([-1, 0, 0, 0, 1, 2, 2, 2, 2, 2])  # soc_major_class.toml


def _origin_by_class(people) -> np.ndarray:
    """Current employees with a classified background and a SOC code: parents' class
    (professional, intermediate, lower) by own class (the same three)."""
    current = ~people.leaver
    background = BACKGROUND_OF_ANSWER[people.answer - 1]
    has_soc = np.array([bool(code) for code in people.soc_code])
    keep = current & has_soc & (background < 3)
    major = np.array([int(code[0]) for code in people.soc_code[keep]])
    table = np.zeros((3, 3), dtype=np.int64)
    np.add.at(table, (background[keep], CLASS_OF_MAJOR_GROUP[major]), 1)
    return table


@pytest.mark.parametrize("seed", SEEDS)
def test_own_class_depends_on_parents_class_at_the_demo_size(seed):
    table = _origin_by_class(synthetic_people(DEMO_SIZE, seed=seed, snapshot_date=DAY))
    assert chi2_contingency(table).pvalue < 0.001
    outflow = table / table.sum(axis=1, keepdims=True)
    professional_job = outflow[:, 0]
    # People from professional backgrounds are more often in professional or managerial
    # jobs, and people from lower backgrounds more often in routine or manual ones.
    assert professional_job[0] > professional_job[2] + 0.1
    assert outflow[2, 2] > outflow[0, 2] + 0.1


@pytest.mark.parametrize("seed", SEEDS)
def test_people_from_professional_backgrounds_are_more_often_senior(seed):
    people = synthetic_people(DEMO_SIZE, seed=seed, snapshot_date=DAY)
    current = ~people.leaver
    background = BACKGROUND_OF_ANSWER[people.answer - 1][current]
    senior = np.isin(people.grade[current], sw.GRADES[4:])
    assert senior[background == 0].mean() > senior[background == 2].mean() + 0.03


def test_the_outflow_is_the_cited_table():
    # At a large size the generated outflow is the table in the module (whose professional
    # column is the published 60% against 34%), within sampling error.
    table = _origin_by_class(synthetic_people(60_000, seed=5, snapshot_date=DAY))
    outflow = table / table.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(outflow, sw._OUTFLOW, atol=0.02)
    np.testing.assert_allclose(sw._OUTFLOW.sum(axis=1), 1.0)
    assert sw._OUTFLOW[0, 0] == 0.60 and sw._OUTFLOW[2, 0] == 0.34


def test_the_same_seed_gives_the_same_people():
    a = synthetic_people(500, seed=11, snapshot_date=DAY)
    b = synthetic_people(500, seed=11, snapshot_date=DAY)
    for name in ("employee_id", "grade", "function", "soc_code", "hourly_pay", "answer"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    c = synthetic_people(500, seed=12, snapshot_date=DAY)
    assert not np.array_equal(a.soc_code, c.soc_code)

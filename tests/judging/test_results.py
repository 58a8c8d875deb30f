"""Weighted scores, normalisation (against hand-computed values), fall-backs with reasons,
recusal, ranks and ties, shortlists and calibration."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from upward.judging import Criteria, Scores, results, weighted_matrix

ONE_CRITERION = Criteria.from_lists([1], [(0, 100)])


def table(
    rows: list[tuple[int, int, int, float]], n_entries: int, n_judges: int, n_criteria: int = 1
) -> Scores:
    e, j, c, s = zip(*rows, strict=True)
    return Scores.from_arrays(e, j, c, s, n_entries, n_judges, n_criteria)


def by_judge(matrix: dict[int, list[float]]) -> Scores:
    """{judge: [score of entry 0, 1, ...]} on one 0–100 criterion (NaN = not scored)."""
    rows = [(e, j, 0, v) for j, values in matrix.items() for e, v in enumerate(values) if v == v]
    return table(rows, max(len(v) for v in matrix.values()), max(matrix) + 1)


THREE_JUDGES = {
    0: [10, 20, 30, 40, 50],
    1: [60, 70, 80, 90, 100],
    2: [50, 50, 60, 60, 80],
}


def test_weighted_score_renormalises_weights_over_the_criteria_scored():
    criteria = Criteria.from_lists([3, 1], [(0, 10), (1, 5)])
    scores = table(
        [(0, 0, 0, 10), (0, 0, 1, 1), (1, 0, 0, 5)], n_entries=2, n_judges=1, n_criteria=2
    )
    matrix = weighted_matrix(scores, criteria)
    # entry 0: (3 × 100 + 1 × 0) / 4 = 75; entry 1 scored on criterion 0 only: 50, not 3/4 of 50.
    assert matrix[0].tolist() == [75.0, 50.0]


def test_normalisation_against_hand_computed_values():
    out = results(by_judge(THREE_JUDGES), ONE_CRITERION)
    assert all(j.normalised and j.reason == "" for j in out.judges)
    # Entry 2 is every judge's mean-or-middle score: z = 0 for judges 0 and 1, and judge 2's
    # mean is 60 = its score, so the normalised mean is the panel mean, 850 / 15.
    assert out.normalised_mean[2] == pytest.approx(850 / 15)
    # Written out with the statistics module (sample SDs), independently of numpy.
    flat = [v for values in THREE_JUDGES.values() for v in values]
    big_m, big_s = statistics.mean(flat), statistics.stdev(flat)
    for entry in range(5):
        per_judge = [
            big_m + big_s * (vals[entry] - statistics.mean(vals)) / statistics.stdev(vals)
            for vals in THREE_JUDGES.values()
        ]
        assert out.normalised_mean[entry] == pytest.approx(statistics.mean(per_judge), rel=1e-12)
        assert out.raw_mean[entry] == pytest.approx(
            statistics.mean(v[entry] for v in THREE_JUDGES.values())
        )
        assert out.normalised_sd[entry] == pytest.approx(statistics.stdev(per_judge), rel=1e-12)
    # Judges 0 and 1 differ only by +50: identical z-scores, identical normalised columns.
    assert np.allclose(out.normalised[0], out.normalised[1])


def test_fewer_judges_than_min_judges_falls_back_to_raw_and_says_so():
    out = results(by_judge({0: THREE_JUDGES[0], 1: THREE_JUDGES[1]}), ONE_CRITERION)
    assert out.panels[0].reason.startswith("the panel has 2 judges; normalisation needs at least 3")
    assert all(not j.normalised and j.reason == out.panels[0].reason for j in out.judges)
    assert np.array_equal(out.normalised_mean, out.raw_mean)


def test_a_judge_with_too_few_entries_or_no_spread_falls_back_alone():
    nan = float("nan")
    scores = by_judge(
        {
            0: [10, 20, 30, 40, 50],
            1: [60, 70, 80, 90, nan],
            2: [50, 50, 50, 50, 50],
            3: [15, 25, 35, 45, 60],
        }
    )
    out = results(scores, ONE_CRITERION)
    reasons = {j.judge: j.reason for j in out.judges}
    assert reasons[0] == "" and reasons[3] == ""
    assert reasons[1].startswith("scored 4 entries in the panel; normalisation needs at least 5")
    assert reasons[2].startswith("gave every entry the same score (SD 0)")
    assert np.array_equal(out.normalised[1, :4], out.raw[1, :4])
    assert np.array_equal(out.normalised[2], out.raw[2])
    assert not np.allclose(out.normalised[0], out.raw[0])
    assert "judge 1 (panel 0): scored 4 entries" in out.summary()


def test_zscore_refuses_a_fall_back_and_raw_ranks_by_the_raw_mean():
    two = by_judge({0: THREE_JUDGES[0], 1: THREE_JUDGES[1]})
    with pytest.raises(
        ValueError, match="normalisation does not apply everywhere: the panel has 2"
    ):
        results(two, ONE_CRITERION, normalise="zscore")
    assert results(by_judge(THREE_JUDGES), ONE_CRITERION, normalise="zscore").figure == "normalised"
    raw = results(two, ONE_CRITERION, normalise="raw")
    assert raw.figure == "raw" and np.array_equal(raw.score, raw.raw_mean)


def test_an_unknown_option_lists_the_valid_ones():
    with pytest.raises(ValueError, match="normalise must be one of auto, raw, zscore; got 'mean'"):
        results(by_judge(THREE_JUDGES), ONE_CRITERION, normalise="mean")  # type: ignore[arg-type]


def test_recused_scores_are_excluded_everywhere():
    scores = by_judge(
        {0: [90, 20, 30, 40, 50, 60], 1: [10, 25, 35, 45, 55, 65], 2: [30, 30, 40, 40, 60, 70]}
    )
    out = results(scores, ONE_CRITERION, recusals=[(0, 0)])
    assert out.n_judges[0] == 2 and out.raw_mean[0] == 20.0
    assert np.isnan(out.raw[0, 0]) and np.isnan(out.normalised[0, 0])
    assert next(j for j in out.judges if j.judge == 0).mean == pytest.approx(40.0)


def test_ranks_are_competition_ranks_within_panels_and_ties_use_the_displayed_value():
    # 70.001 and 70.004 both display as 70.00: tied; 69.996 displays as 70.00 too.
    scores = by_judge({0: [70.001, 70.004, 80, 50, 69.996, 90, 10]})
    out = results(scores, ONE_CRITERION, entry_panel=[0, 0, 0, 0, 0, 1, 1], normalise="raw")
    assert out.rank.tolist() == [2, 2, 1, 5, 2, 1, 2]
    assert out.tied.tolist() == [True, True, False, False, True, False, False]
    assert not results(by_judge({0: [70.001, 70.006]}), ONE_CRITERION, normalise="raw").tied.any()


def test_an_entry_nobody_scored_has_no_rank():
    nan = float("nan")
    out = results(by_judge({0: [50, nan, 60]}), ONE_CRITERION, normalise="raw")
    assert out.rank.tolist() == [2, 0, 1] and np.isnan(out.raw_mean[1]) and out.n_judges[1] == 0


def test_top_n_flags_ties_at_the_boundary_instead_of_cutting():
    out = results(by_judge({0: [90, 80, 70, 70, 60]}), ONE_CRITERION, normalise="raw")
    cut = out.top(3)
    assert cut.selected == (0, 1) and set(cut.tied) == {2, 3} and cut.boundary_tie
    assert out.top(2).selected == (0, 1) and not out.top(2).boundary_tie
    assert out.top(4).selected == (0, 1, 2, 3) and out.top(4).tied == ()
    assert out.top(10).selected == (0, 1, 2, 3, 4)
    assert out.top(0).selected == ()


def test_threshold_uses_the_displayed_value():
    out = results(by_judge({0: [90, 69.996, 69.99, 50]}), ONE_CRITERION, normalise="raw")
    assert out.above(70).selected == (0, 1)


def test_calibration_to_the_lead_judge():
    nan = float("nan")
    scores = by_judge(
        {
            0: [10, 20, 30, 40, 50],
            1: [20, 30, 40, 50, 60],
            2: [50, 40, 30, nan, nan],
            3: [nan, nan, nan, 10, 20],
        }
    )
    out = results(scores, ONE_CRITERION, lead_judge=[0])
    calibration = {c.judge: c for c in out.calibration}
    assert set(calibration) == {1, 2, 3}
    assert calibration[1].bias == pytest.approx(10.0) and calibration[1].pearson == pytest.approx(
        1.0
    )
    assert calibration[1].spearman == pytest.approx(1.0) and calibration[1].n_shared == 5
    assert calibration[2].pearson == pytest.approx(-1.0) and calibration[2].bias == pytest.approx(
        20.0
    )
    assert (
        calibration[3].n_shared == 2
        and calibration[3].bias is None
        and calibration[3].pearson is None
    )
    assert calibration[3].reason == "2 entries scored by both; calibration needs at least 3"


def test_inputs_are_checked():
    with pytest.raises(ValueError, match="judge indices must lie in 0..1"):
        Scores.from_arrays([0], [2], [0], [1.0], 1, 2, 1)
    with pytest.raises(ValueError, match="twice"):
        Scores.from_arrays([0, 0], [0, 0], [0, 0], [1.0, 2.0], 1, 1, 1)
    with pytest.raises(ValueError, match="outside its criterion's scale"):
        results(table([(0, 0, 0, 11)], 1, 1), Criteria.from_lists([1], [(0, 10)]))
    with pytest.raises(ValueError, match="positive"):
        Criteria.from_lists([0], [(0, 10)])
    with pytest.raises(ValueError, match="lead_judge needs one judge index"):
        results(by_judge(THREE_JUDGES), ONE_CRITERION, lead_judge=[0, 1])


def test_results_export():
    out = results(by_judge(THREE_JUDGES), ONE_CRITERION, lead_judge=[0])
    exported = out.to_dict()
    assert exported["entries"][2]["rank"] == int(out.rank[2])
    assert exported["reliability"][0]["icc_single"] == out.reliability[0].icc_single
    frame = out.to_frame()
    assert list(frame.index) == [0, 1, 2, 3, 4] and "normalised_mean" in frame.columns

"""Combined views (ONS-style) attacked: published beside the fine table, or in its place, they
must not let a reader pin a suppressed cell, by differencing or from the totals."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_disclosure import Attack, attack, count_tables

from upward.classify import benchmarks as load_benchmarks
from upward.demo.synthetic_workforce import synthetic_snapshot
from upward.reports.combined_tables import band_label
from upward.reports.disclosure import (
    UnprotectableTable,
    combine_small,
    suppress,
)
from upward.reports.workforce import _question_table, analyse

DAY = date(2025, 3, 31)


def _cross(counts: np.ndarray, k: int):
    """A table as the dashboard suppresses it: background totals public, background the
    attribute; None when it cannot be published at all."""
    try:
        return suppress(counts, k, public_totals="columns", attribute_axis=1)
    except UnprotectableTable:
        return None


def _with_bands(table, reader: Attack) -> Attack:
    """The reader, who also reads every band: one more variable per band cell, equal to the
    sum of its rows' cells and bounded by its published text."""
    rows, cols = table.shape
    bands = table.combined_rows(ordered=False)
    extra = sum(cols + 1 for _ in bands)
    joint = Attack((reader.n + extra,), reader.k, margins=False)
    joint.lower = np.concatenate([reader.lower, np.zeros(extra)])
    joint.upper = np.concatenate([reader.upper, np.full(extra, np.inf)])
    joint.equalities = [np.concatenate([e, np.zeros(extra)]) for e in reader.equalities]
    v = reader.n
    for band in bands:
        for j, text in enumerate(band.display()):
            tie = np.zeros(joint.n)
            tie[v] = -1
            for i in band.members:
                tie[reader.cell((i, j))] = 1
            joint.equalities.append(tie)
            if text.startswith("fewer than"):
                joint.upper[v] = band.k - 1
            elif text != "not published":
                joint.lower[v] = joint.upper[v] = float(text.replace(",", ""))
            v += 1
    return joint


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_tables(ndim=2, max_side=5))
def test_bands_beside_the_table_pin_nothing_and_narrow_nothing(case):
    """Differencing the combined and the fine view: every suppressed cell's interval is
    exactly what the fine table and its (public) background totals alone allow."""
    counts, k = case
    table = _cross(counts, k)
    assume(table is not None and table.suppressed.any())
    alone = attack(table)
    for j, total in enumerate(counts.sum(axis=0)):  # the public background totals
        alone.know((counts.shape[0], j), int(total))
    together = _with_bands(table, alone)
    for position in zip(*np.nonzero(table.suppressed_with_margins), strict=True):
        position = tuple(int(i) for i in position)
        if position[0] == counts.shape[0]:
            continue  # the background totals: public, so known to the reader anyway
        objective = np.zeros(together.n)
        objective[alone.cell(position)] = 1
        low, high = together.interval(objective)
        assert high - low >= 1 - 1e-7, f"cell {position} recovered as {low}"
        assert (low, high) == pytest.approx(alone.cell_interval(position))


@settings(max_examples=80, deadline=None)
@given(count_tables(ndim=2, max_side=6), st.booleans())
def test_bands_are_true_sums_and_never_show_a_small_count(case, ordered):
    counts, k = case
    table = _cross(counts, k)
    assume(table is not None)
    with_totals = np.hstack([counts, counts.sum(axis=1, keepdims=True)])
    bands = table.combined_rows(ordered=ordered)
    seen: set[int] = set()
    for band in bands:
        assert len(band.members) >= 2
        assert not seen & set(band.members), "a row is in two bands"
        seen |= set(band.members)
        if ordered:
            assert list(band.members) == list(range(band.members[0], band.members[-1] + 1))
        truth = with_totals[list(band.members)].sum(axis=0)
        for value, true_value, text in zip(band.values, truth, band.display(), strict=True):
            if not np.isnan(value):
                assert value == true_value
                assert value == 0 or value >= k
            else:
                assert text in (f"fewer than {k}", "not published")
    # Every row with a suppressed cell is in a band (when there is more than one row).
    if counts.shape[0] > 1:
        hidden_rows = set(np.flatnonzero(table.suppressed.any(axis=1)).tolist())
        hidden_rows |= set(np.flatnonzero(table.suppressed_with_margins[:-1, -1]).tolist())
        assert hidden_rows <= seen


def test_bands_take_in_the_smallest_neighbour_until_no_count_is_small():
    counts = np.array([[40, 30, 20, 15], [25, 3, 31, 4], [30, 12, 22, 5], [22, 41, 18, 30]])
    table = _cross(counts, 10)
    (band,) = table.combined_rows(ordered=True)
    assert band.members == (0, 1, 2)  # rows 1-2 hold 9 in the last column: row 0 joins
    assert band.display() == ["95", "45", "73", "24", "237"]


def test_bands_of_a_1d_or_unmargined_table_are_refused():
    with pytest.raises(ValueError, match="2-D"):
        suppress([40, 3, 25]).combined_rows()
    with pytest.raises(ValueError, match="margins=False"):
        suppress([[40, 3], [25, 30]], margins=False).combined_rows()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=9), st.sampled_from([5, 10]))
def test_combine_small_partitions_and_leaves_no_small_group_it_could_merge(values, k):
    groups = combine_small(values, k)
    assert sorted(m for g in groups for m in g) == list(range(len(values)))
    sizes = [sum(values[m] for m in g) for g in groups]
    small = [s for s in sizes if 0 < s < k]
    # A small group is left only when it is the one group with people.
    assert not small or sum(1 for s in sizes if s > 0) == 1


def test_combine_small_prefers_partners_and_keeps_others_apart():
    assert combine_small([389, 1341, 110, 4, 89, 16], partners={3: 2}) == (
        (0,), (1,), (2, 3), (4,), (5,))
    assert combine_small([50, 3, 2, 60], among=[1, 2]) == ((0,), (1, 2), (3,))
    with pytest.raises(ValueError, match="partners"):
        combine_small([5, 3], partners={0: 0})
    with pytest.raises(ValueError, match="among"):
        combine_small([5, 3], among=[4])
    with pytest.raises(ValueError, match="1-D"):
        combine_small([[5, 3]])
    assert band_label(["Grade 6", "Grade 7"], ordered=True) == "Grade 6 to Grade 7 (combined)"


def _school_answers(independent: int, bursary: int) -> pa.Array:
    answers = (["state_selective"] * 389 + ["state_non_selective"] * 1341
               + ["independent"] * independent + ["independent_bursary"] * bursary
               + ["outside_uk"] * 89 + ["dont_know"] * 16 + ["prefer_not_to_say"] * 50)
    return pa.array(answers)


def test_a_question_publishes_only_its_combined_answers_and_their_shares():
    marks = [b for b in load_benchmarks(None) if b.question == "school_type" and not b.group]
    table = _question_table("school_type", _school_answers(110, 5), 10, marks)
    texts = table.to_rows()
    assert all(cells[1] != "not published" for cells in texts[1:6])
    combined = [row for row in texts if row[0].endswith("(combined)")]
    assert len(combined) == 1 and combined[0][1] == "115"
    assert "bursary" in combined[0][0] and "Independent" in combined[0][0]
    assert not any(row[0].startswith("Independent") and not row[0].endswith("(combined)")
                   for row in texts), "the fine rows must not be published beside the band"
    assert any("7.5% of the UK" in note and "not published" not in note for note in table.notes)
    assert any("combined with another answer" in note for note in table.notes)


@pytest.mark.parametrize("split", [(114, 1), (110, 5), (106, 9)])
def test_a_question_table_is_the_same_however_the_combined_people_split(split):
    """Differencing is impossible: nothing published depends on the split inside a band."""
    marks = [b for b in load_benchmarks(None) if b.question == "school_type" and not b.group]
    baseline = _question_table("school_type", _school_answers(110, 5), 10, marks)
    other = _question_table("school_type", _school_answers(*split), 10, marks)
    assert other.to_dict() == baseline.to_dict()


def test_the_dashboard_publishes_grade_shares_through_a_combined_view():
    insights = analyse(synthetic_snapshot(2000, seed=7, snapshot_date=DAY), k=10)
    fine = insights.table("representation_by_grade")
    combined = insights.table("representation_by_grade_combined")
    assert any(cells[-1].text == "not published" for _, cells in fine.rows)
    assert all(cells[-1].text != "not published" for _, cells in combined.rows)
    band = [label for label, _ in combined.rows if label.endswith("(combined)")]
    assert band == ["Grade 6 to Grade 7 (combined)"]
    assert combined.value(band[0], "Total") == fine.value("Grade 6", "Total") + fine.value(
        "Grade 7", "Total")
    # The chart moves to the combined view, where every bar is published.
    assert fine.chart is None and combined.chart is not None
    assert all(v is not None for _, values in combined.chart.series for v in values)

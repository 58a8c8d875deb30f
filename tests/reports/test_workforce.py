"""Workforce insights: the figures, the built-in gaps, and attacks on what is published.

The attacker reads every count table a dashboard publishes for one snapshot,
knows that they describe the same people (each table's background totals are
the profile's counts, quartile sizes follow from the headcount) and solves,
for every suppressed cell, "smallest and largest value consistent with all of
it" (scipy's HiGHS). A cell whose two bounds coincide would be recovered.
"""

from __future__ import annotations

import contextlib
import math
import re
import xml.etree.ElementTree as ET
from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people, synthetic_snapshot
from upward.measure import MobilityTable
from upward.reports.charts import render_chart
from upward.reports.disclosure import suppress
from upward.reports.hr_file import read_hr_file
from upward.reports.html_report import render_report
from upward.reports.workforce import (
    BACKGROUNDS,
    SurveyAnswers,
    Table,
    _column_stat_guard,
    analyse,
    response_tables,
    trends,
    wilson_interval,
)

DAY = date(2025, 3, 31)
SMALL = re.compile(r"^fewer than (\d+)$")
CROSS_TABLES = ("representation_by_grade", "representation_by_function", "sex_by_background",
                "ethnicity_by_background", "pay_quartiles")


def _bounds(text: str, k: int) -> tuple[float, float]:
    if (m := SMALL.match(text)) is not None:
        return 0.0, float(int(m.group(1)) - 1)
    if text == "suppressed":
        return float(k), math.inf
    return (value := float(text.replace(",", ""))), value


class Reader:
    """Linear knowledge of a reader over several published tables of the same people."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.equalities: list[dict[int, float]] = []
        self.cells: list[tuple[str, str, str]] = []  # (table, row, column) per variable
        self.grids: dict[str, np.ndarray] = {}

    def add_table(self, table: Table, n_value_columns: int) -> np.ndarray:
        """Variables for the first ``n_value_columns`` columns of every row; the last row and
        the last of those columns are totals."""
        index = []
        for label, cells in table.rows:
            row = []
            for j in range(n_value_columns):
                low, high = _bounds(cells[j].text, self.k)
                self.lower.append(low)
                self.upper.append(high)
                self.cells.append((table.id, label, table.columns[j + 1]))
                row.append(len(self.lower) - 1)
            index.append(row)
        grid = np.array(index)
        self.grids[table.id] = grid
        if n_value_columns == 1:
            self.equal({**{int(v): 1.0 for v in grid[:-1, 0]}, int(grid[-1, 0]): -1.0})
        else:
            for i in range(grid.shape[0]):
                self.equal({**{int(v): 1.0 for v in grid[i, :-1]}, int(grid[i, -1]): -1.0})
            for j in range(grid.shape[1]):
                self.equal({**{int(v): 1.0 for v in grid[:-1, j]}, int(grid[-1, j]): -1.0})
        return grid

    def equal(self, terms: dict[int, float]) -> None:
        self.equalities.append(terms)

    def tie(self, a: int, b: int) -> None:
        self.equal({a: 1.0, b: -1.0})

    def interval(self, variable: int) -> tuple[float, float]:
        n = len(self.lower)
        a_eq = np.zeros((len(self.equalities), n))
        for r, terms in enumerate(self.equalities):
            for v, coefficient in terms.items():
                a_eq[r, v] += coefficient
        bounds = [(lo, None if math.isinf(hi) else hi) for lo, hi in zip(self.lower, self.upper,
                                                                         strict=True)]
        objective = np.zeros(n)
        objective[variable] = 1
        ends = []
        for sign in (1, -1):
            res = linprog(sign * objective, A_eq=a_eq, b_eq=np.zeros(len(a_eq)), bounds=bounds,
                          method="highs")
            if res.status == 3:
                ends.append(-sign * math.inf)
                continue
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
        return ends[0], ends[1]

    def suppressed(self) -> list[int]:
        return [v for v in range(len(self.lower)) if self.lower[v] != self.upper[v]]


def reader_for(insights) -> Reader:
    reader = Reader(insights.k)
    profile = reader.add_table(insights.table("background_profile"), 1)[:, 0]
    for table_id in CROSS_TABLES:
        try:
            table = insights.table(table_id)
        except KeyError:
            continue
        grid = reader.add_table(table, 5)
        for j in range(5):  # its background totals are the profile's counts
            reader.tie(int(grid[-1, j]), int(profile[j]))
        if table_id == "pay_quartiles":
            n = int(insights.key["headcount"])
            for q in range(4):  # quartile sizes follow from the headcount
                size = sum(1 for i in range(n) if (i * 4) // n == q)
                reader.lower[int(grid[q, -1])] = reader.upper[int(grid[q, -1])] = size
    try:
        mobility = reader.add_table(insights.table("mobility_table"), 5)
        for i in range(5):
            reader.tie(int(mobility[i, -1]), int(profile[i]))
    except KeyError:
        pass
    for table_id in ("promotion_rates", "attrition_rates", "bonus_by_background"):
        with contextlib.suppress(KeyError):
            reader.add_table(insights.table(table_id), 1)
    return reader


@pytest.mark.parametrize(("current", "seed"), [(180, 1), (260, 2), (400, 3), (700, 4)])
def test_no_suppressed_cell_can_be_recovered_from_all_tables_together(current, seed):
    snap = synthetic_snapshot(current, seed=seed, snapshot_date=DAY, hr_answer_share=0.9)
    insights = analyse(snap, k=10)
    assert not insights.sections[1].withheld, "the profile should be open for this test"
    reader = reader_for(insights)
    hidden = reader.suppressed()
    assert hidden, "the test needs suppressed cells to attack"
    for variable in hidden:
        low, high = reader.interval(variable)
        assert high - low >= 1 - 1e-6, f"{reader.cells[variable]} recovered as {low}"


def add_combined_views(reader: Reader, insights) -> int:
    """The combined views (small groups combined) read too: each band's cell is the sum of
    its rows' cells in the fine table, every other row is the fine table's row. Returns how
    many bands were read."""
    bands = 0
    for table_id in CROSS_TABLES:
        try:
            combined = insights.table(f"{table_id}_combined")
        except KeyError:
            continue
        fine = insights.table(table_id)
        fine_rows = [label for label, _ in fine.rows]
        fine_grid = reader.grids[table_id]
        grid = reader.add_table(combined, 5)
        for r, (label, _cells) in enumerate(combined.rows):
            if label.endswith(" (combined)"):
                bands += 1
                name = label.removesuffix(" (combined)")
                if table_id == "representation_by_grade" and " to " in name:
                    first, last = name.split(" to ")
                    members = fine_rows[fine_rows.index(first):fine_rows.index(last) + 1]
                else:
                    members = name.split("; ")
                for j in range(5):
                    reader.equal({int(grid[r, j]): -1.0,
                                  **{int(fine_grid[fine_rows.index(m), j]): 1.0
                                     for m in members}})
            else:
                for j in range(5):
                    reader.tie(int(grid[r, j]), int(fine_grid[fine_rows.index(label), j]))
    return bands


@pytest.mark.parametrize(("current", "seed"), [(400, 3), (700, 4), (2000, 7)])
def test_combined_views_beside_the_fine_tables_reveal_no_suppressed_cell(current, seed):
    """Differencing the combined and the fine views, with every other table and total: no
    suppressed cell of the fine tables is pinned."""
    insights = analyse(synthetic_snapshot(current, seed=seed, snapshot_date=DAY,
                                          hr_answer_share=0.9), k=10)
    reader = reader_for(insights)
    hidden = reader.suppressed()
    assert add_combined_views(reader, insights) > 0, "the test needs combined views to attack"
    for variable in hidden:
        low, high = reader.interval(variable)
        assert high - low >= 1 - 1e-6, f"{reader.cells[variable]} recovered as {low}"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(current=st.integers(60, 900), seed=st.integers(0, 10_000), k=st.sampled_from([5, 10, 15]),
       share=st.floats(0.3, 1.0))
def test_property_no_suppressed_cell_is_ever_recovered(current, seed, k, share):
    """Random workforces, thresholds and response rates: the attacker never pins a cell."""
    insights = analyse(synthetic_snapshot(current, seed=seed, snapshot_date=DAY,
                                          hr_answer_share=share), k=k)
    reader = reader_for(insights)
    for variable in reader.suppressed():
        low, high = reader.interval(variable)
        assert high - low >= 1 - 1e-6, f"{reader.cells[variable]} recovered as {low}"


def test_no_published_count_is_below_k():
    insights = analyse(synthetic_snapshot(300, seed=5, snapshot_date=DAY), k=10)
    counted = 0
    for table in insights.tables:
        for j, kind in enumerate(table.kinds):
            if kind != "count":
                continue
            for _label, cells in table.rows:
                value = cells[j].value
                if value is not None:
                    counted += 1
                    assert value == 0 or value >= 10, (table.id, cells[j].text)
    assert counted > 100


def test_breakdowns_are_withheld_when_the_profile_must_suppress_a_group():
    snap = synthetic_snapshot(40, seed=1, snapshot_date=DAY)
    insights = analyse(snap, k=10)
    profile = insights.table("background_profile")
    assert any(cells[0].text.startswith("fewer than") for _, cells in profile.rows)
    for section in insights.sections[1:]:
        assert section.withheld.startswith("Every breakdown by background is withheld")
        assert section.tables == ()


def test_a_larger_k_suppresses_more_and_k_below_5_is_refused():
    snap = synthetic_snapshot(500, seed=2, snapshot_date=DAY)

    def hidden(k):
        return sum(c.value is None and c.text in ("suppressed", f"fewer than {k}")
                   for t in analyse(snap, k=k).tables for _, cells in t.rows for c in cells)

    assert hidden(25) > hidden(10)
    with pytest.raises(ValueError, match="at least 5"):
        analyse(snap, k=3)


def test_synthetic_workforce_has_the_gaps_the_evidence_reports():
    insights = analyse(synthetic_snapshot(2000, seed=2026, snapshot_date=DAY), k=10)
    key = insights.key
    assert 0.10 <= key["mean_gap"] <= 0.20
    assert key["promotion_lower"] < key["promotion_comparator"]
    assert key["attrition_lower"] > key["attrition_comparator"]
    grade = insights.table("representation_by_grade")
    lower = [cells[-1].value for label, cells in grade.rows[:4]]
    assert lower == sorted(lower, reverse=True), "lower share should fall with seniority"


def test_figures_match_a_hand_count():
    people = synthetic_people(300, seed=9, snapshot_date=DAY)
    snap = read_hr_file(synthetic_csv(people), snapshot_date=DAY)
    insights = analyse(snap, k=5)
    current = ~people.leaver
    background = np.array([0, 0, 1, 2, 2, 2, 1, 3, 3])[people.answer - 1][current]
    profile = insights.table("background_profile")
    for i, code in enumerate(BACKGROUNDS):
        value = profile.rows[i][1][0].value
        assert value is None or value == (background == i).sum(), code
    pay = people.hourly_pay[current]
    table = insights.table("pay_by_background")
    assert table.value("Total", "Mean hourly pay") == pytest.approx(pay.mean())
    assert table.value("Total", "Median hourly pay") == pytest.approx(np.median(pay))
    lower_mean = pay[background == 2].mean()
    comparator = pay[background <= 1].mean()
    gap = insights.table("pay_gap").value("Professional and intermediate vs lower",
                                          "Mean hourly pay gap")
    assert gap == pytest.approx((comparator - lower_mean) / comparator)


def test_survey_answers_replace_hr_answers_and_withdrawal_takes_them_out():
    people = synthetic_people(400, seed=4, snapshot_date=DAY)
    snap = read_hr_file(synthetic_csv(people, hr_answers=np.zeros(people.n, dtype=bool)),
                        snapshot_date=DAY)
    assert analyse(snap).key["response_rate"] in (0, None)  # nobody answered
    ids = [str(i) for i in people.employee_id[:300]]
    answers = {"main_earner_occupation": ["technical_craft"] * 300,
               "school_type": [None] * 300, "free_school_meals": [None] * 300,
               "parental_degree": [None] * 300}
    everyone_lower = analyse(snap, survey=SurveyAnswers(ids, answers))
    profile = everyone_lower.table("background_profile")
    linked_current = int((~people.leaver[:300]).sum())
    assert profile.value("Lower socio-economic", "People") == linked_current
    withdrawn = SurveyAnswers(ids[:-20], {q: v[:-20] for q, v in answers.items()})
    after = analyse(snap, survey=withdrawn).table("background_profile")
    assert after.value("Lower socio-economic", "People") == linked_current - int(
        (~people.leaver[280:300]).sum())


def test_rates_and_tests_use_published_counts_only():
    insights = analyse(synthetic_snapshot(2000, seed=3, snapshot_date=DAY), k=10)
    table = insights.table("promotion_rates")
    for _label, cells in table.rows[:4]:
        promoted, people, rate = cells[0].value, cells[1].value, cells[2].value
        if promoted is None:
            assert cells[2].text == "not published"
            continue
        assert rate == pytest.approx(promoted / people)
        low, high = wilson_interval(promoted, people)
        assert (cells[3].value, cells[4].value) == pytest.approx((low, high))
    assert any("two-proportion z-test" in note for note in table.notes)


def test_mobility_rates_come_from_upward_measure():
    insights = analyse(synthetic_snapshot(3000, seed=6, snapshot_date=DAY), k=10)
    table = insights.table("mobility_table")
    block = np.array([[cells[j].value for j in range(3)] for _, cells in table.rows[:3]])
    expected = MobilityTable(block, labels=["a", "b", "c"]).absolute_rates()
    rates = insights.table("mobility_rates")
    assert rates.value("Upward", "Share") == pytest.approx(expected.upward)
    assert rates.value("Immobile", "Share") == pytest.approx(expected.immobile)
    models = insights.table("mobility_models")
    assert models.rows[0][1][0].value == pytest.approx(
        MobilityTable(block).fit("independence").g2)


def test_mean_pay_of_a_few_people_cannot_be_worked_out_from_background_means():
    # Column 1 hides 3 + 4 = 7 people: their combined mean would follow from the column's
    # published mean, so the guard withholds every mean in that column.
    counts = np.array([[40, 3, 30], [50, 4, 20], [30, 30, 30]])
    t = suppress(counts, 10, public_totals="columns", attribute_axis=1)
    guard = _column_stat_guard(t, 10)
    hidden_people = [counts[:, j][t.suppressed[:, j]].sum() for j in range(3)]
    for j in range(3):
        expected = 0 < hidden_people[j] < 10
        assert bool(guard[:-1, j].all()) == expected


def test_charts_are_accessible_svg_without_inline_styles():
    insights = analyse(synthetic_snapshot(1500, seed=7, snapshot_date=DAY), k=10)
    tables = [t for t in insights.tables if t.chart is not None]
    tables.append(trends([insights, analyse(synthetic_snapshot(
        1500, seed=8, snapshot_date=date(2024, 3, 31)))]))
    tables.extend(response_tables(insights))
    kinds = set()
    for table in tables:
        svg = render_chart(table)
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby").split()
        assert root.find(f"{ns}title").get("id") == title_id
        assert root.find(f"{ns}desc").get("id") == desc_id
        assert "style=" not in svg
        kinds.add(table.chart.kind)
    assert kinds == {"bars", "stacked", "intervals", "lines"}


def test_report_shows_tables_but_no_one_person():
    people = synthetic_people(600, seed=3, snapshot_date=DAY)
    snap = read_hr_file(synthetic_csv(people), snapshot_date=DAY)
    html = render_report(analyse(snap))
    assert "<table" in html and "<svg" in html
    for employee_id in people.employee_id[:50]:
        assert employee_id not in html
    assert "script" not in html.lower()


def test_a_table_no_suppression_can_protect_is_withheld_not_an_error():
    """Found by the property test above: 70 people where sex by background cannot be
    protected against the public background totals. The analysis used to raise (an import
    or a dashboard would fail); now that table is withheld and says why. (Seed 43 gives the
    same case since the synthetic workforce draws own class from parents' class.)"""
    insights = analyse(synthetic_snapshot(70, seed=43, snapshot_date=DAY, hr_answer_share=0.875),
                       k=10)
    section = next(s for s in insights.sections if s.id == "intersections")
    assert "not published" in section.withheld
    assert "no pattern of suppression" in section.withheld
    reader = reader_for(insights)
    for variable in reader.suppressed():
        low, high = reader.interval(variable)
        assert high - low >= 1 - 1e-6

"""Disclosure control, tested by attacking what it publishes.

The attacker below sees only what a reader sees: the published text of each
cell ("12", "fewer than 10", "suppressed"), the shape of the table, and the
fact that cells add up to their totals. For every suppressed cell it solves the
linear programs "smallest and largest value consistent with everything
published" (scipy's HiGHS). If the two coincide, the cell has been recovered.
"""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from upward.reports.disclosure import MIN_K, SuppressedTable, suppress

SMALL = re.compile(r"^fewer than (\d+)$")


# ---------------------------------------------------------------------------
# The attacker
# ---------------------------------------------------------------------------


class Attack:
    """A reader's knowledge about one table with totals, as a linear system.

    Variables are the cells of the table with its totals (row-major, totals
    last). ``observe`` adds what a published text says about a cell; ``know``
    adds outside knowledge (a total published elsewhere).
    """

    def __init__(self, shape: tuple[int, ...], k: int, *, margins: bool = True) -> None:
        self.k = k
        self.shape = tuple(n + 1 for n in shape) if margins else shape
        self.n = int(np.prod(self.shape))
        self.lower = np.zeros(self.n)
        self.upper = np.full(self.n, np.inf)
        rows: list[np.ndarray] = []
        if margins:
            index = np.arange(self.n).reshape(self.shape)
            if len(shape) == 1:
                lines = [(index[:-1], index[-1])]
            else:
                lines = [(index[i, :-1], index[i, -1]) for i in range(self.shape[0])]
                lines += [(index[:-1, j], index[-1, j]) for j in range(self.shape[1])]
            for members, total in lines:
                row = np.zeros(self.n)
                row[members] = 1
                row[total] = -1
                rows.append(row)
        self.equalities = rows

    def cell(self, position: tuple[int, ...]) -> int:
        return int(np.ravel_multi_index(position, self.shape))

    def observe(self, position: tuple[int, ...], text: str) -> None:
        c = self.cell(position)
        if (match := SMALL.match(text)) is not None:
            low, high = 0.0, float(int(match.group(1)) - 1)
        elif text == "suppressed":
            low, high = float(self.k), np.inf
        else:
            low = high = float(text.replace(",", ""))
        self.lower[c] = max(self.lower[c], low)
        self.upper[c] = min(self.upper[c], high)

    def observe_table(self, texts: np.ndarray) -> None:
        for position in np.ndindex(texts.shape):
            self.observe(position, str(texts[position]))

    def know(self, position: tuple[int, ...], value: int) -> None:
        c = self.cell(position)
        self.lower[c] = self.upper[c] = value

    def interval(self, objective: np.ndarray) -> tuple[float, float]:
        """Smallest and largest value of ``objective @ cells`` a reader can prove."""
        upper = [None if np.isinf(u) else u for u in self.upper]
        bounds = list(zip(self.lower, upper, strict=True))
        a_eq = np.array(self.equalities) if self.equalities else None
        b_eq = np.zeros(len(self.equalities)) if self.equalities else None
        ends = []
        for sign in (1, -1):
            res = linprog(sign * objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            if res.status == 3:  # unbounded above
                ends.append(-sign * np.inf)
                continue
            assert res.status == 0, f"the published table is inconsistent: {res.message}"
            ends.append(sign * res.fun)
        return ends[0], ends[1]

    def cell_interval(self, position: tuple[int, ...]) -> tuple[float, float]:
        objective = np.zeros(self.n)
        objective[self.cell(position)] = 1
        return self.interval(objective)

    def integer_cell_interval(self, position: tuple[int, ...]) -> tuple[float, float]:
        """The same bounds with whole numbers only (slower; used to check the LP)."""
        objective = np.zeros(self.n)
        objective[self.cell(position)] = 1
        upper = np.where(np.isinf(self.upper), 10_000, self.upper)
        constraints = [LinearConstraint(np.array(self.equalities), 0, 0)] if self.equalities else []
        ends = []
        for sign in (1, -1):
            res = milp(
                sign * objective,
                constraints=constraints,
                integrality=np.ones(self.n),
                bounds=Bounds(self.lower, upper),
            )
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
        return ends[0], ends[1]

    @classmethod
    def joined(cls, first: Attack, second: Attack, ties: list[tuple[int, int]]) -> Attack:
        """One system over two tables' cells, with ``first[a] == second[b]`` for each tie."""
        joint = cls((first.n + second.n,), first.k, margins=False)
        joint.lower = np.concatenate([first.lower, second.lower])
        joint.upper = np.concatenate([first.upper, second.upper])
        joint.equalities = [np.concatenate([e, np.zeros(second.n)]) for e in first.equalities]
        joint.equalities += [np.concatenate([np.zeros(first.n), e]) for e in second.equalities]
        for a, b in ties:
            tie = np.zeros(joint.n)
            tie[a], tie[first.n + b] = 1, -1
            joint.equalities.append(tie)
        return joint


def attack(table: SuppressedTable, *, known: dict[tuple[int, ...], int] | None = None) -> Attack:
    """Everything a reader of ``table`` knows, plus any outside knowledge."""
    reader = Attack(table.shape, table.k, margins=table.margins)
    reader.observe_table(table.display())
    for position, value in (known or {}).items():
        reader.know(position, value)
    return reader


def recovered_cells(table: SuppressedTable, reader: Attack) -> list[tuple[tuple[int, ...], float]]:
    """Suppressed cells whose value the reader can prove, with that value."""
    mask = table.suppressed_with_margins if table.margins else table.suppressed
    found = []
    for position in zip(*np.nonzero(mask), strict=True):
        position = tuple(int(i) for i in position)
        low, high = reader.cell_interval(position)
        if high - low < 1 - 1e-7:
            found.append((position, low))
    return found


def revealed_one_cell_lines(
    counts: np.ndarray, table: SuppressedTable, reader: Attack, axes: tuple[int, ...]
) -> list[str]:
    """Lines with everyone in one cell where the reader can prove the rest are zero."""
    shape = reader.shape
    index = np.arange(reader.n).reshape(shape)
    full = np.asarray(counts)
    lines = []
    if full.ndim == 1:
        lines.append(("the table", index[:-1] if table.margins else index, full))
    else:
        body = index[:-1, :-1] if table.margins else index
        if 1 in axes:
            lines += [(f"row {i}", body[i], full[i]) for i in range(full.shape[0])]
            if table.margins:
                lines.append(("column totals", index[-1, :-1], full.sum(axis=0)))
        if 0 in axes:
            lines += [(f"column {j}", body[:, j], full[:, j]) for j in range(full.shape[1])]
            if table.margins:
                lines.append(("row totals", index[:-1, -1], full.sum(axis=1)))
    revealed = []
    for name, cells, values in lines:
        zeros = cells[values == 0]
        if np.count_nonzero(values) != 1 or zeros.size == 0:
            continue
        objective = np.zeros(reader.n)
        objective[zeros] = 1
        _, most = reader.interval(objective)
        if most < 1 - 1e-7:
            revealed.append(name)
    return revealed


# ---------------------------------------------------------------------------
# Tables to attack
# ---------------------------------------------------------------------------


@st.composite
def count_tables(
    draw: st.DrawFn, *, ndim: int | None = None, max_side: int = 5
) -> tuple[np.ndarray, int]:
    """Tables rich in the awkward cases: zeros, small cells, cells of exactly k."""
    k = draw(st.sampled_from([MIN_K, 10]))
    ndim = ndim or draw(st.sampled_from([1, 2]))
    shape = (
        (draw(st.integers(1, 8)),)
        if ndim == 1
        else (draw(st.integers(1, max_side)), draw(st.integers(1, max_side)))
    )
    cell = st.one_of(
        st.just(0),
        st.integers(1, k - 1),
        st.integers(k, k + 2),
        st.integers(k + 3, 6 * k),
    )
    values = draw(st.lists(cell, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
    return np.array(values, dtype=np.int64).reshape(shape), k


ATTACK_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# ---------------------------------------------------------------------------
# The attack must fail on every table suppress() publishes
# ---------------------------------------------------------------------------


@ATTACK_SETTINGS
@given(count_tables())
def test_no_suppressed_cell_can_be_recovered(case: tuple[np.ndarray, int]) -> None:
    counts, k = case
    table = suppress(counts, k)
    reader = attack(table)
    assert recovered_cells(table, reader) == []


@ATTACK_SETTINGS
@given(count_tables())
def test_no_line_with_everyone_in_one_cell_can_be_proven(case: tuple[np.ndarray, int]) -> None:
    counts, k = case
    table = suppress(counts, k)
    reader = attack(table)
    assert revealed_one_cell_lines(counts, table, reader, axes=(0, 1)) == []


@settings(max_examples=60, deadline=None)
@given(count_tables(ndim=2))
def test_attribute_axis_protects_lines_across_that_axis(case: tuple[np.ndarray, int]) -> None:
    counts, k = case
    table = suppress(counts, k, attribute_axis=1)
    reader = attack(table)
    assert recovered_cells(table, reader) == []
    assert revealed_one_cell_lines(counts, table, reader, axes=(1,)) == []


@settings(max_examples=60, deadline=None)
@given(count_tables())
def test_without_margins_small_cells_are_hidden(case: tuple[np.ndarray, int]) -> None:
    counts, k = case
    table = suppress(counts, k, margins=False)
    reader = attack(table)
    assert recovered_cells(table, reader) == []
    assert revealed_one_cell_lines(counts, table, reader, axes=(0, 1)) == []


@settings(max_examples=60, deadline=None)
@given(count_tables(ndim=2))
def test_cells_stay_hidden_from_a_reader_who_knows_every_row_total(
    case: tuple[np.ndarray, int],
) -> None:
    counts, k = case
    table = _suppress_or_prove_impossible(counts, k, public_totals="rows")
    assume(table is not None)
    known = _row_totals(counts)
    reader = attack(table, known=known)
    recovered = [(p, v) for p, v in recovered_cells(table, reader) if p not in known]
    assert recovered == []


def _with_totals(counts: np.ndarray) -> np.ndarray:
    """The true table with its totals (what the reader must not learn)."""
    if counts.ndim == 1:
        return np.append(counts, counts.sum())
    with_rows = np.hstack([counts, counts.sum(axis=1, keepdims=True)])
    return np.vstack([with_rows, with_rows.sum(axis=0, keepdims=True)])


def _row_totals(counts: np.ndarray) -> dict[tuple[int, ...], int]:
    known = {(i, counts.shape[1]): int(t) for i, t in enumerate(counts.sum(axis=1))}
    known[counts.shape] = int(counts.sum())
    return known


def _suppress_or_prove_impossible(
    counts: np.ndarray, k: int, *, public_totals: str
) -> SuppressedTable | None:
    """suppress(), and when it refuses, proof that no suppression could have worked.

    With every cell suppressed (labels still honest), a reader who knows the
    row totals must still be able to pin a cell; otherwise the refusal is a bug.
    """
    try:
        return suppress(counts, k, public_totals=public_totals)  # type: ignore[arg-type]
    except ValueError as error:
        assert "cannot protect" in str(error)
    full = _with_totals(counts)
    texts = np.where(full < k, f"fewer than {k}", "suppressed")
    reader = Attack(counts.shape, k)
    reader.observe_table(texts)
    known = _row_totals(counts)
    for position, value in known.items():
        reader.know(position, value)
    # Totals are cells too (primary suppression covers them): a small column total that
    # the public row totals pin is as good a reason to refuse as a small inner cell.
    pinned = [
        position
        for position in np.ndindex(full.shape)
        if position not in known
        and 0 < full[position] < k
        and (lambda lo_hi: lo_hi[1] - lo_hi[0] < 1 - 1e-7)(reader.cell_interval(position))
    ]
    assert pinned, "suppress() refused a table that full suppression would protect"
    return None


@settings(max_examples=40, deadline=None)
@given(count_tables(ndim=2), st.data())
def test_two_tables_sharing_their_rows_cannot_be_combined(
    case: tuple[np.ndarray, int], data: st.DataObject
) -> None:
    """Grade x background and grade x sex, each with public row totals, read together."""
    first, k = case
    assume(first.shape[1] >= 2)
    # A second cross-classification of the same rows: split each row total anew.
    second = np.array(
        [data.draw(_split(int(total), 2)) for total in first.sum(axis=1)], dtype=np.int64
    )
    a = _suppress_or_prove_impossible(first, k, public_totals="rows")
    b = _suppress_or_prove_impossible(second, k, public_totals="rows")
    assume(a is not None and b is not None)
    rows, cols_a = first.shape
    cols_b = second.shape[1]
    # One linear system over both tables, tied by their shared row totals.
    ra, rb = attack(a), attack(b)
    ties = [(ra.cell((i, cols_a)), rb.cell((i, cols_b))) for i in range(rows + 1)]
    joint = Attack.joined(ra, rb, ties)
    n = joint.n
    for offset, table, reader in ((0, a, ra), (ra.n, b, rb)):
        for position in zip(*np.nonzero(table.suppressed), strict=True):
            objective = np.zeros(n)
            objective[offset + reader.cell(tuple(int(i) for i in position))] = 1
            low, high = joint.interval(objective)
            assert high - low >= 1 - 1e-7, f"cell {position} recovered as {low}"


@st.composite
def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


@settings(max_examples=40, deadline=None)
@given(count_tables(ndim=2))
def test_margin_views_published_beside_the_table_reveal_nothing(
    case: tuple[np.ndarray, int],
) -> None:
    """Headcount by grade and by background, published next to grade x background."""
    counts, k = case
    table = suppress(counts, k)
    reader = attack(table)
    rows, cols = counts.shape
    by_row, by_col = table.margin(axis=1), table.margin(axis=0)
    for i, text in enumerate(by_row.display()):
        reader.observe((i, cols) if i < rows else (rows, cols), str(text))
    for j, text in enumerate(by_col.display()):
        reader.observe((rows, j) if j < cols else (rows, cols), str(text))
    assert recovered_cells(table, reader) == []
    np.testing.assert_array_equal(by_row.values_with_margins, table.values_with_margins[:, -1])
    np.testing.assert_array_equal(by_col.values_with_margins, table.values_with_margins[-1, :])


@settings(max_examples=25, deadline=None)
@given(count_tables(max_side=3))
def test_linear_bounds_equal_whole_number_bounds(case: tuple[np.ndarray, int]) -> None:
    """The attack's LP loses nothing against an attacker using integers only."""
    counts, k = case
    table = suppress(counts, k)
    reader = attack(table)
    for position in zip(*np.nonzero(table.suppressed_with_margins), strict=True):
        position = tuple(int(i) for i in position)
        low, high = reader.cell_interval(position)
        whole_low, whole_high = reader.integer_cell_interval(position)
        assert whole_low == pytest.approx(low, abs=1e-6)
        assert whole_high == pytest.approx(min(high, 10_000), abs=1e-6)


# ---------------------------------------------------------------------------
# The attack works: primary suppression alone is broken
# ---------------------------------------------------------------------------


def _primary_only_texts(counts: np.ndarray, k: int) -> np.ndarray:
    full = _with_totals(counts)
    return np.where((full > 0) & (full < k), f"fewer than {k}", full.astype(str))


def test_attack_recovers_a_cell_hidden_by_primary_suppression_only() -> None:
    counts = np.array([[25, 3, 12], [30, 41, 18], [14, 22, 40]])
    reader = Attack(counts.shape, 10)
    reader.observe_table(_primary_only_texts(counts, 10))
    assert reader.cell_interval((0, 1)) == pytest.approx((3, 3))


@st.composite
def lone_small_cell_tables(draw: st.DrawFn) -> tuple[np.ndarray, int, tuple[int, ...]]:
    """Tables whose only small cell sits among cells of k or more (or zeros)."""
    k = draw(st.sampled_from([MIN_K, 10]))
    shape = draw(st.sampled_from([(2,), (5,), (1, 3), (3, 2), (4, 4)]))
    counts = np.array(
        draw(
            st.lists(
                st.one_of(st.just(0), st.integers(k, 6 * k)),
                min_size=int(np.prod(shape)),
                max_size=int(np.prod(shape)),
            )
        )
    ).reshape(shape)
    position = tuple(draw(st.integers(0, n - 1)) for n in shape)
    counts[position] = draw(st.integers(1, k - 1))
    return counts, k, position


@settings(max_examples=60, deadline=None)
@given(lone_small_cell_tables())
def test_attack_breaks_primary_only_suppression_of_a_lone_small_cell(
    case: tuple[np.ndarray, int, tuple[int, ...]],
) -> None:
    """With only the small cell hidden, some published total gives it away."""
    counts, k, position = case
    reader = Attack(counts.shape, k)
    reader.observe_table(_primary_only_texts(counts, k))
    # With the grand total published, any small row or column total around the
    # cell is pinned by the other (published) totals, and the cell with it.
    assume(counts.sum() >= k)
    low, high = reader.cell_interval(position)
    assert low == high == counts[position]


# ---------------------------------------------------------------------------
# Rules, labels and outputs
# ---------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(count_tables())
def test_published_cells_are_true_and_never_small(case: tuple[np.ndarray, int]) -> None:
    counts, k = case
    table = suppress(counts, k)
    full = _with_totals(counts)
    shown = table.values_with_margins
    published = ~np.isnan(shown)
    np.testing.assert_array_equal(shown[published], full[published])
    assert not np.any(published & (full > 0) & (full < k))
    assert np.all(table.suppressed_with_margins[(full > 0) & (full < k)])
    np.testing.assert_array_equal(table.suppressed, table.primary | table.secondary)
    assert not np.any(table.primary & table.secondary)


def test_labels_say_fewer_than_k_only_when_true() -> None:
    table = suppress([[25, 3, 12], [30, 41, 18], [14, 22, 40]], k=10)
    texts = table.display()
    full = _with_totals(np.array([[25, 3, 12], [30, 41, 18], [14, 22, 40]]))
    for position in zip(*np.nonzero(table.suppressed_with_margins), strict=True):
        expected = "fewer than 10" if full[position] < 10 else "suppressed"
        assert texts[position] == expected
    assert texts[0, 1] == "fewer than 10"
    assert table.secondary.any()


def test_k_is_configurable_and_never_below_five() -> None:
    assert suppress([7, 40]).display().tolist()[0] == "fewer than 10"
    assert suppress([7, 40], k=5).display().tolist()[0] == "7"
    assert suppress([12, 40], k=15).display().tolist()[0] == "fewer than 15"
    for bad in (4, 0, -10):
        with pytest.raises(ValueError, match="at least 5"):
            suppress([7, 40], k=bad)
    for bad in (7.5, True, "10"):
        with pytest.raises(ValueError, match="whole number"):
            suppress([7, 40], k=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([], "empty"),
        ([[1, 2], [3]], "rectangular"),
        ([-1, 4], "negative"),
        ([1.5, 4], "whole numbers"),
        ([np.nan, 4], "NaN"),
        (np.zeros((2, 2, 2)), "1-D or 2-D"),
        ([True, False], "whole numbers"),
        (["a", "b"], "whole numbers"),
    ],
)
def test_bad_counts_are_refused_with_a_reason(counts: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        suppress(counts)  # type: ignore[arg-type]


def test_zeros_are_published_unless_they_reveal_a_whole_line() -> None:
    # Row 0 has two backgrounds: its zero reveals only "nobody from column 2".
    mixed = suppress([[20, 30, 0], [25, 15, 40]], attribute_axis=1)
    assert mixed.display()[0, 2] == "0"
    # Row 0 has everyone in one background: one of its zeros must be hidden.
    single = suppress([[20, 0, 0], [25, 15, 40]], attribute_axis=1)
    assert "fewer than 10" in single.display()[0, 1:3].tolist()
    assert single.primary[0, 1:].any()
    # The same zeros, in a column, reveal nothing new when the attribute is in columns.
    column = suppress([[20, 30, 0], [0, 15, 40], [0, 12, 33]], attribute_axis=1)
    assert column.display()[1, 0] == column.display()[2, 0] == "0"
    # Switched off, zeros are published even in a single-cell line.
    off = suppress([[20, 0, 0], [25, 15, 40]], protect_zeros=False)
    assert off.display()[0, 1:3].tolist() == ["0", "0"]


def test_public_totals_that_pin_a_cell_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot protect"):
        suppress([[3], [40]], public_totals="rows")
    with pytest.raises(ValueError, match="public_totals"):
        suppress([3, 40], public_totals="rows")


def test_stats_follow_their_counts_and_resist_differencing() -> None:
    counts = np.array([[40, 3, 25], [30, 20, 50]])
    mean_pay = np.array([[30.0, 18.0, 22.0], [28.0, 21.0, 19.0]])
    # Row means including the totals, as an analyst would compute them.
    pay = counts * mean_pay
    with_totals = np.full((3, 4), np.nan)
    with_totals[:2, :3] = mean_pay
    with_totals[:2, 3] = pay.sum(1) / counts.sum(1)
    with_totals[2, :3] = pay.sum(0) / counts.sum(0)
    with_totals[2, 3] = pay.sum() / counts.sum()
    table = suppress(counts, stats={"mean_pay": with_totals})
    stat = table.stats["mean_pay"]
    assert np.all(np.isnan(stat[table.suppressed]))
    published = ~table.suppressed
    np.testing.assert_allclose(stat[published], mean_pay[published])
    # Wherever a line's hidden cells hold 1 to k-1 people, the line total's mean
    # would give away theirs, so it is withheld.
    full = _with_totals(counts)
    supp = table.suppressed_with_margins
    stat_full = table.stats_with_margins["mean_pay"]
    for i in range(2):
        hidden = full[i, :3][supp[i, :3]].sum()
        if 0 < hidden < table.k:
            assert np.isnan(stat_full[i, 3])
    texts = table.display("mean_pay", number_format="{:.2f}")
    assert texts[0, 1] == "fewer than 10"
    with pytest.raises(ValueError, match="shape"):
        suppress(counts, stats={"mean_pay": [1.0, 2.0]})
    with pytest.raises(ValueError, match="no statistic"):
        table.display("median_pay")


def test_rows_for_csv_and_json_for_the_api() -> None:
    table = suppress([[25, 3, 12], [30, 41, 18]], attribute_axis=1)
    rows = table.to_rows(
        ["Grade A", "Grade B"], ["Professional", "Intermediate", "Lower"], corner="Grade"
    )
    assert rows[0] == ["Grade", "Professional", "Intermediate", "Lower", "Total"]
    assert rows[1][0] == "Grade A" and rows[1][2] == "fewer than 10"
    assert rows[-1][0] == "Total"
    payload = json.loads(json.dumps(table.to_dict()))
    assert payload["k"] == 10
    assert payload["values"][0][1] is None
    assert payload["display"][0][1] == "fewer than 10"
    with pytest.raises(ValueError, match="row labels"):
        table.to_rows(["only one"])
    one_d = suppress([40, 3, 25]).to_rows(["P", "I", "L"], ["People"])
    assert one_d[0] == ["", "People"] and one_d[-1][0] == "Total"


def test_margins_false_hides_totals_and_refuses_to_give_them() -> None:
    table = suppress([[25, 3], [30, 41]], margins=False)
    assert table.display().shape == (2, 2)
    with pytest.raises(ValueError, match="margins=False"):
        _ = table.total
    with pytest.raises(ValueError, match="margins=False"):
        table.margin(axis=0)


def test_the_result_holds_nothing_that_may_not_be_published() -> None:
    """A template that reaches into the object's fields still cannot show a hidden count."""
    counts = np.array([[25, 7, 12], [30, 41, 18], [14, 22, 40]])
    mean_pay = np.full(counts.shape, 31.5)
    table = suppress(counts, stats={"mean_pay": mean_pay})
    hidden = table.suppressed_with_margins
    assert hidden.any()
    for f in dataclasses.fields(table):
        value = getattr(table, f.name)
        arrays = list(value.values()) if isinstance(value, dict) else [value]
        for array in arrays:
            for part in array if isinstance(array, tuple) else (array,):
                if isinstance(part, np.ndarray) and part.dtype.kind in "if":
                    assert np.all(np.isnan(part[hidden])), f.name
    assert 7 not in [v for row in table.to_dict()["values"] for v in row]

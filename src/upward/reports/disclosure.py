"""Disclosure control: the one function every published aggregate goes through.

:func:`suppress` takes a 1-D or 2-D table of counts of people (and, optionally,
statistics such as mean pay for the same cells) and decides what may be shown:

* **Primary suppression.** Every cell, total included, with ``0 < count < k``.
* **Revealing zeros.** A zero is published as 0, except where a row or column
  has all its people in one cell: then publishing the zeros would tell a reader
  the background (or grade...) of every person in that row. One zero of such a
  line is suppressed and protected like a small cell, so a reader cannot rule
  out that someone falls elsewhere.
* **Secondary suppression.** Totals are published, so a suppressed cell could be
  worked out by subtraction. Extra cells are suppressed until no suppressed
  cell can be pinned to a single value by any reader who knows every published
  cell, every published total, that counts are whole and non-negative, and what
  the labels say ("fewer than k" means 0 to k-1, "suppressed" means at least k).

How secondary suppression works
-------------------------------
A 2-D table with its totals is a flow network: each row and column (and the
line of row totals and the line of column totals) is a vertex whose "sum of
cells minus total = 0" equation is flow conservation, and each cell is an arc.
The values a reader cannot see can change without changing anything published
exactly along cycles of suppressed cells, stepping +1 and -1 alternately. A
suppressed cell is protected (the reader's interval for it has at least two
whole values) if and only if it lies on such a cycle on which every step keeps
every cell inside the range its label admits. For each cell needing protection
the cheapest cycle is found by a shortest-path search in which already
suppressed cells are free and published cells cost their count, and the
published cells on it are suppressed. Because the constraint matrix of a
network is totally unimodular, this cycle test is exactly the linear program a
reader would solve, so the guarantee does not rest on a heuristic: the tests
attack every table with ``scipy.optimize.linprog``.

Overlapping views
-----------------
Publish every view of the same people from one call:

* A view that is a margin of another (headcount by grade, next to grade by
  background) must be taken from the joint result with
  :meth:`SuppressedTable.margin`, never suppressed separately; it then shows
  exactly the totals the joint table shows, so together they reveal nothing
  the joint table alone does not.
* Tables that share a margin but cross it with different things (grade by
  background and grade by sex) are each suppressed with
  ``public_totals="rows"``: their cells are then protected even against a
  reader who knows every grade's headcount exactly, whatever any other table
  shows. Those shared totals themselves are labelled "fewer than k" when small
  but are treated as known, not protected.

Combining small categories
--------------------------
A suppressed cell hides more than itself: every share in its line needs it.
Two ways to publish shares anyway, as ONS does, without weakening anything:

* :func:`combine_small` decides, before suppression, which categories of a
  1-D table to add together (each with fewer than k people merged with a
  related or the smallest category) so that the combined table needs little or
  no suppression. Publish the combined table *instead of* the fine one: if
  both were shown, their difference would give the small cells.
* :meth:`SuppressedTable.combined_rows` adds up rows of a published 2-D table
  into bands whose every cell is worked out from published cells and totals
  alone (a column's suppressed cells all fall inside one band, whose count is
  the column total minus the published cells outside it). A reader could do
  the same sums, so the combined view can sit beside the fine one and reveals
  nothing more; the tests attack the two together.

``k`` (default 10, never below 5) is our own choice: the Social Mobility
Commission publishes no small-cell threshold.
"""

from __future__ import annotations

import heapq
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_K",
    "MIN_K",
    "CombinedRows",
    "SECONDARY_TEXT",
    "PublicTotals",
    "SuppressedTable",
    "UnprotectableTable",
    "combine_small",
    "suppress",
]

#: Default threshold: cells with fewer than this many people are suppressed.
DEFAULT_K = 10
#: ``k`` may be raised but never set below this.
MIN_K = 5
#: Label of a cell of ``k`` or more people suppressed to protect another cell.
SECONDARY_TEXT = "suppressed"
#: Label of a statistic whose count is zero (there is nobody to average over).
NO_PEOPLE_TEXT = "n/a"

PublicTotals = Literal["none", "rows", "columns", "all"]

# Cost weights of suppressing a published cell: its count (information lost)
# plus one (per cell), with totals dearer than inner cells because readers use
# them most, and the grand total (usually the headcount) dearest.
_MARGIN_WEIGHT = 4
_GRAND_TOTAL_WEIGHT = 16

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


class UnprotectableTable(ValueError):
    """No pattern of suppression protects a small cell: the totals treated as public pin it.

    The table cannot be published as it is; publish it coarser, or not at all.
    """


@dataclass(frozen=True, eq=False)
class SuppressedTable:
    """A table of counts after disclosure control, ready to publish.

    Build one with :func:`suppress`. Arrays ending in ``_with_margins`` have the
    table's shape plus one: the last entry of a 1-D table, and the last row and
    column of a 2-D table, are the totals. The object holds only what may be
    published: the counts of suppressed cells are not kept.

    Attributes
    ----------
    k : int
        The threshold used.
    margins : bool
        Whether totals were protected and may be published.
    public_totals : {"none", "rows", "columns", "all"}
        Which totals were treated as already known to every reader.
    """

    k: int
    margins: bool
    public_totals: PublicTotals
    _values: FloatArray = field(repr=False)  # with totals; NaN where suppressed
    _suppressed: BoolArray = field(repr=False)
    _primary: BoolArray = field(repr=False)
    _small: BoolArray = field(repr=False)  # suppressed and labelled "fewer than k"
    _stats: dict[str, tuple[FloatArray, BoolArray]] = field(repr=False)

    # -- the body (the table without its totals) ---------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of the table without totals, as passed to :func:`suppress`."""
        return tuple(n - 1 for n in self._values.shape)

    @property
    def values(self) -> FloatArray:
        """Counts as floats, NaN where suppressed (table shape, no totals)."""
        return _body(self._values_aug())

    @property
    def suppressed(self) -> BoolArray:
        """True where a cell is suppressed (table shape, no totals)."""
        return _body(self._suppressed).copy()

    @property
    def primary(self) -> BoolArray:
        """True where a cell is suppressed for its own sake: small, or a revealing zero."""
        return _body(self._primary).copy()

    @property
    def secondary(self) -> BoolArray:
        """True where a cell is suppressed only so that others cannot be worked out."""
        return _body(self._suppressed & ~self._primary).copy()

    @property
    def stats(self) -> dict[str, FloatArray]:
        """Each statistic passed in, NaN where it may not be published (table shape)."""
        return {name: _body(self._stat_aug(name)) for name in self._stats}

    @property
    def stats_with_margins(self) -> dict[str, FloatArray]:
        """Each statistic with its totals' statistics, NaN where it may not be published."""
        self._require_margins()
        return {name: self._stat_aug(name) for name in self._stats}

    # -- totals ----------------------------------------------------------------

    @property
    def total(self) -> float:
        """Grand total, NaN if suppressed.

        Raises
        ------
        ValueError
            If the table was suppressed with ``margins=False``.
        """
        self._require_margins()
        return float(self._values_aug()[(-1,) * self._values.ndim])

    @property
    def values_with_margins(self) -> FloatArray:
        """Counts with their totals, NaN where suppressed."""
        self._require_margins()
        return self._values_aug()

    @property
    def suppressed_with_margins(self) -> BoolArray:
        """Suppression mask of the counts with their totals."""
        self._require_margins()
        return self._suppressed.copy()

    def margin(self, axis: int) -> SuppressedTable:
        """The totals along one axis of a 2-D table, as a 1-D table with the same suppression.

        Use this to publish a view that is a margin of this table (headcount by
        grade next to grade by background): it shows exactly the totals this
        table shows, so the two views together reveal nothing more.

        Parameters
        ----------
        axis : {0, 1}
            As in ``numpy.sum``: ``axis=1`` sums across columns and gives the row
            totals; ``axis=0`` gives the column totals.

        Raises
        ------
        ValueError
            If the table is 1-D, was suppressed with ``margins=False``, or
            ``axis`` is not 0 or 1.
        """
        if self._values.ndim != 2:
            raise ValueError("margin() needs a 2-D table; a 1-D table's only margin is .total")
        self._require_margins()
        if axis not in (0, 1) or isinstance(axis, bool):
            raise ValueError(f"axis must be 0 (column totals) or 1 (row totals), got {axis!r}")
        pick = (lambda a: a[:, -1]) if axis == 1 else (lambda a: a[-1, :])
        public = self.public_totals in ("all", "rows" if axis == 1 else "columns")
        return SuppressedTable(
            k=self.k,
            margins=True,
            public_totals="all" if public else "none",
            _values=pick(self._values).copy(),
            _suppressed=pick(self._suppressed).copy(),
            _primary=pick(self._primary).copy(),
            _small=pick(self._small).copy(),
            _stats={name: (pick(v).copy(), pick(w).copy()) for name, (v, w) in self._stats.items()},
        )

    def combined_rows(self, *, ordered: bool = False) -> tuple[CombinedRows, ...]:
        """Bands of rows of a 2-D table whose sums can all be worked out from what is published.

        Rows holding suppressed cells in the same column (or the same row-total
        column) are put in one band, so that each band holds either none or all
        of a column's suppressed cells. A band's count in a column is then the
        sum of its published cells, or the column total minus the published
        cells outside the band: arithmetic any reader can do, so publishing the
        bands beside the table tells nothing new. A band count of 1 to k-1
        people is labelled "fewer than k" all the same, and a column whose
        total is suppressed is left unpublished.

        Parameters
        ----------
        ordered : bool, default False
            The rows are ordered categories (grades): widen each band to run
            from its first row to its last, so bands are contiguous ranges.

        Returns
        -------
        tuple of CombinedRows
            One per band of two or more rows, in row order; empty when no row
            has a suppressed cell.

        Raises
        ------
        ValueError
            If the table is not 2-D or was suppressed with ``margins=False``.

        Examples
        --------
        >>> from upward.reports.disclosure import suppress
        >>> t = suppress([[40, 30, 20], [25, 3, 31], [30, 12, 22], [22, 41, 18]],
        ...              attribute_axis=1, public_totals="columns")
        >>> [(band.members, band.display()) for band in t.combined_rows(ordered=True)]
        [((1, 2), ['55', '15', '53', '123'])]
        """
        if self._values.ndim != 2:
            raise ValueError("combined_rows() needs a 2-D table")
        self._require_margins()
        suppressed = self._suppressed[:-1, :]  # body rows, every column with the row totals
        n_rows = suppressed.shape[0]
        parent = list(range(n_rows))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for j in range(suppressed.shape[1]):
            hidden = np.flatnonzero(suppressed[:, j]).tolist()
            for i in hidden[1:]:
                parent[find(i)] = find(hidden[0])
        bands: dict[int, list[int]] = {}
        for i in range(n_rows):
            if suppressed[i].any():
                bands.setdefault(find(i), []).append(i)
        groups = sorted(bands.values())
        if ordered:  # widen to ranges, then merge ranges that overlap
            ranges: list[list[int]] = []
            for first, last in sorted((g[0], g[-1]) for g in groups):
                if ranges and first <= ranges[-1][1]:
                    ranges[-1][1] = max(ranges[-1][1], last)
                else:
                    ranges.append([first, last])
            groups = [list(range(a, b + 1)) for a, b in ranges]
        published = self._values
        row_size = np.where(np.isnan(published[:-1, -1]), np.inf, published[:-1, -1])

        def band_values(members: list[int]) -> FloatArray:
            inside = np.zeros(n_rows, dtype=bool)
            inside[members] = True
            values = np.full(suppressed.shape[1], np.nan)
            for j in range(suppressed.shape[1]):
                if not suppressed[inside, j].any():
                    values[j] = published[:-1, j][inside].sum()
                elif not self._suppressed[-1, j]:
                    # Every suppressed cell of the column is in this band.
                    values[j] = published[-1, j] - published[:-1, j][~inside].sum()
            return values

        def is_small(values: FloatArray) -> bool:
            return bool(np.any((values > 0) & (values < self.k)))

        # A band with a count of 1 to k-1 takes in a neighbour (ordered rows) or the
        # smallest other row or band, as ONS combines the smallest categories, until
        # none is small or nothing is left to take in.
        groups = [g for g in groups if g]
        while True:
            small = next((g for g in groups if is_small(band_values(g))), None)
            if small is None:
                break
            banded = {i: g for g in groups for i in g}
            if ordered:
                candidates = [i for i in (small[0] - 1, small[-1] + 1) if 0 <= i < n_rows]
            else:
                candidates = [i for i in range(n_rows) if i not in small]
            if not candidates:
                break
            pick = min(candidates, key=lambda i: (row_size[banded[i]].sum() if i in banded
                                                  else row_size[i], i))
            taken = banded.get(pick, [pick])
            groups = [g for g in groups if g is not small and g is not taken]
            groups.append(sorted(small + taken))
            groups.sort()
        out = []
        for members in groups:
            if len(members) < 2:
                continue
            values = band_values(members)
            small_cells = (values > 0) & (values < self.k)
            values[small_cells] = np.nan
            out.append(CombinedRows(k=self.k, members=tuple(members), _values=values,
                                    _small=small_cells))
        return tuple(out)

    # -- output ------------------------------------------------------------------

    @property
    def small_text(self) -> str:
        """Label of a suppressed cell of fewer than ``k`` people: ``"fewer than 10"``."""
        return f"fewer than {self.k}"

    def display(
        self, stat: str | None = None, *, number_format: str = "{:,}"
    ) -> npt.NDArray[np.str_]:
        """Every published cell as text, suppressed ones as their label.

        Parameters
        ----------
        stat : str, optional
            Show this statistic instead of the counts. A cell whose count is
            suppressed shows the count's label; a statistic withheld for another
            reason (see :func:`suppress`) shows ``"suppressed"``; one over
            nobody shows ``"n/a"``.
        number_format : str
            Format for the numbers, e.g. ``"{:.2f}"`` for pay.

        Returns
        -------
        numpy.ndarray of str
            With totals (shape plus one) when ``margins`` is true, else the
            table's shape.
        """
        texts = np.empty(self._values.shape, dtype=object)
        if stat is None:
            numbers_, withheld = self._values, self._suppressed
        else:
            numbers_, withheld = self._stat_entry(stat)
        for index in np.ndindex(self._values.shape):
            if self._suppressed[index]:
                texts[index] = self.small_text if self._small[index] else SECONDARY_TEXT
            elif withheld[index]:
                texts[index] = SECONDARY_TEXT
            elif np.isnan(numbers_[index]):
                texts[index] = NO_PEOPLE_TEXT
            else:
                number = numbers_[index]
                texts[index] = number_format.format(int(number) if stat is None else number)
        out = texts.astype(str)
        return out if self.margins else _body(out)

    def to_rows(
        self,
        row_labels: list[str] | tuple[str, ...] | None = None,
        column_labels: list[str] | tuple[str, ...] | None = None,
        *,
        stat: str | None = None,
        number_format: str = "{:,}",
        total_label: str = "Total",
        corner: str = "",
    ) -> list[list[str]]:
        """The published table as rows of text with a header row, for CSV and HTML.

        For a 1-D table, ``row_labels`` names its cells and ``column_labels``
        (one label, default ``["Count"]``) heads the value column. For a 2-D
        table they label the rows and the columns. Totals come last, labelled
        ``total_label``.

        Examples
        --------
        >>> from upward.reports.disclosure import suppress
        >>> suppress([40, 3, 25]).to_rows(["Professional", "Intermediate", "Lower"])
        [['', 'Count'], ['Professional', '40'], ['Intermediate', 'fewer than 10'], \
['Lower', 'suppressed'], ['Total', '68']]
        """
        texts = self.display(stat, number_format=number_format).tolist()
        labels = _labels(row_labels, self.shape[0], "row")
        if self.margins:
            labels.append(total_label)
        if self._values.ndim == 1:
            header = list(column_labels) if column_labels is not None else ["Count"]
            if len(header) != 1:
                raise ValueError("a 1-D table has one value column: give one column label")
            body = [[label, text] for label, text in zip(labels, texts, strict=True)]
        else:
            header = _labels(column_labels, self.shape[1], "column")
            if self.margins:
                header.append(total_label)
            body = [[label, *row] for label, row in zip(labels, texts, strict=True)]
        return [[corner, *header], *body]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description: values (``None`` where suppressed) and labels."""
        values = self._values_aug() if self.margins else _body(self._values_aug())
        suppressed = self._suppressed if self.margins else _body(self._suppressed)
        return {
            "k": self.k,
            "margins": self.margins,
            "values": _nested(values, whole=True),
            "suppressed": suppressed.tolist(),
            "display": self.display().tolist(),
            "stats": {
                name: _nested(self._stat_aug(name) if self.margins else _body(self._stat_aug(name)))
                for name in self._stats
            },
        }

    # -- helpers ---------------------------------------------------------------

    def _values_aug(self) -> FloatArray:
        return self._values.copy()

    def _stat_aug(self, name: str) -> FloatArray:
        return self._stat_entry(name)[0].copy()

    def _stat_entry(self, name: str) -> tuple[FloatArray, BoolArray]:
        try:
            return self._stats[name]
        except KeyError:
            raise ValueError(
                f"no statistic {name!r}; this table has {sorted(self._stats) or 'none'}"
            ) from None

    def _require_margins(self) -> None:
        if not self.margins:
            raise ValueError(
                "this table was suppressed with margins=False, so its totals were not "
                "protected and must not be published"
            )


@dataclass(frozen=True, eq=False)
class CombinedRows:
    """A band of rows of a published 2-D table, added up (see `SuppressedTable.combined_rows`).

    Attributes
    ----------
    k : int
        The threshold of the table.
    members : tuple of int
        The rows in the band, in order.
    """

    k: int
    members: tuple[int, ...]
    _values: FloatArray = field(repr=False)  # per column, then the row total; NaN if unpublished
    _small: BoolArray = field(repr=False)

    @property
    def values(self) -> FloatArray:
        """The band's count in each column, then its total; NaN where not published."""
        return self._values.copy()

    def display(self, *, number_format: str = "{:,}") -> list[str]:
        """Each count as text: "fewer than k" when small, "not published" when not derivable."""
        return [
            f"fewer than {self.k}" if small else
            "not published" if np.isnan(value) else number_format.format(int(value))
            for value, small in zip(self._values, self._small, strict=True)
        ]


def combine_small(
    counts: npt.ArrayLike,
    k: int = DEFAULT_K,
    *,
    among: npt.ArrayLike | None = None,
    partners: Mapping[int, int] | None = None,
) -> tuple[tuple[int, ...], ...]:
    """Which categories of a 1-D table to add together so that none has 1 to k-1 people.

    ONS-style: rather than suppress a small category and, with it, every share
    of the table, combine it with another and publish the combined table in
    place of the fine one (never beside it: their difference would give the
    small cell). The result still goes through :func:`suppress`, which
    protects any group that is still small.

    A group of 1 to k-1 people (the smallest first) is merged with its
    partner's group if one is given, else with the smallest other group of
    people. Empty categories stay as they are (a published zero). Repeats
    until no group is small or nothing is left to merge with.

    Parameters
    ----------
    counts : array_like of int
        People per category.
    k : int, default 10
        The threshold, as for :func:`suppress`.
    among : array_like of int, optional
        The categories that may be combined (default: all). Others are left
        alone: for example "prefer not to say", which a share leaves out.
    partners : mapping of int to int, optional
        A preferred category to merge each small one into (a bursary place
        with its school type), taken before the smallest.

    Returns
    -------
    tuple of tuple of int
        The groups, every category in exactly one, ordered by their first
        member; a category left alone is a group of one.

    Examples
    --------
    >>> combine_small([389, 1341, 110, 4, 89, 16], partners={3: 2})
    ((0,), (1,), (2, 3), (4,), (5,))
    >>> combine_small([389, 1341, 110, 4, 89, 16])
    ((0,), (1,), (2,), (3, 5), (4,))
    """
    k = _check_k(k)
    body = _check_counts(counts)
    if body.ndim != 1:
        raise ValueError("combine_small() combines the categories of a 1-D table")
    n = body.size
    pool = set(range(n)) if among is None else {int(i) for i in np.asarray(among).ravel()}
    if not pool <= set(range(n)):
        raise ValueError(f"among names categories outside 0..{n - 1}")
    prefer = dict(partners or {})
    if any(i not in pool or j not in pool or i == j for i, j in prefer.items()):
        raise ValueError("partners must pair two different categories named in among")
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def size(g: int) -> int:
        return int(sum(body[m] for m in members[g]))

    while True:
        open_groups = [g for g in members if members[g][0] in pool]
        small = sorted((g for g in open_groups if 0 < size(g) < k), key=lambda g: (size(g), g))
        if not small:
            break
        g = small[0]
        partner = next((group_of[prefer[m]] for m in members[g] if m in prefer
                        and group_of[prefer[m]] != g), None)
        if partner is None:
            others = sorted((h for h in open_groups if h != g and size(h) > 0),
                            key=lambda h: (size(h), h))
            if not others:
                break
            partner = others[0]
        members[partner] = sorted(members[partner] + members.pop(g))
        for m in members[partner]:
            group_of[m] = partner
    return tuple(sorted(tuple(m) for m in members.values()))


def suppress(
    counts: npt.ArrayLike,
    k: int = DEFAULT_K,
    *,
    margins: bool = True,
    stats: Mapping[str, npt.ArrayLike] | None = None,
    public_totals: PublicTotals = "none",
    protect_zeros: bool = True,
    attribute_axis: int | None = None,
) -> SuppressedTable:
    """Apply disclosure control to a 1-D or 2-D table of counts of people.

    Parameters
    ----------
    counts : array_like of int
        Non-negative whole counts, 1-D (people per group) or 2-D (people per
        row group and column group), without totals.
    k : int, default 10
        Cells (and totals) with ``0 < count < k`` are suppressed. Must be at
        least 5.
    margins : bool, default True
        Compute the totals, protect them and publish them. With ``False`` the
        totals are not part of the result and are assumed unknown to readers:
        use it only when no total of these counts is published anywhere (for a
        view that is a margin of another table, use
        :meth:`SuppressedTable.margin` instead).
    stats : mapping of str to array_like, optional
        Statistics of the people in each cell (mean pay, median bonus...),
        each shaped like ``counts`` or, when ``margins`` is true, like the table
        with totals (one more along each axis) to publish statistics of the
        totals too. A statistic is withheld wherever its count is suppressed,
        and a total's statistic is also withheld when the suppressed cells of
        its row or column hold between 1 and ``k - 1`` people together (their
        combined mean could be worked out by subtraction).
    public_totals : {"none", "rows", "columns", "all"}, default "none"
        Totals every reader is assumed to know already, for example because
        another table of the same people shows them. Cells are then protected
        without relying on these totals being hidden; "rows" and "columns" imply
        the grand total. A 1-D table accepts "none" or "all".
    protect_zeros : bool, default True
        Protect zeros that would reveal that everyone in a row or column is in
        one cell (see the module notes). Turn off only for tables that show no
        characteristic of people, such as headcount by grade alone.
    attribute_axis : int, optional
        The axis whose categories are the characteristic to keep private, for
        example ``1`` for grade (rows) by background (columns). Zeros are then
        protected only in lines that run across that axis: "everyone in grade
        A is from one background" is protected, while "everyone from a lower
        background is in grade B" tells a reader no more about anyone than the
        published zeros already do. Default: both axes, the safe choice when
        unsure.

    Returns
    -------
    SuppressedTable

    Raises
    ------
    ValueError
        If ``k < 5`` or is not a whole number; if ``counts`` is not a non-empty
        1-D or 2-D array of non-negative whole numbers; if a statistic has the
        wrong shape; or if ``public_totals`` makes a small cell impossible to
        protect (for example a table with one column whose row totals are public).

    Examples
    --------
    Grade (rows) by background (columns); the 3 is small, and three more cells
    are suppressed so that it cannot be worked out from the totals:

    >>> from upward.reports.disclosure import suppress
    >>> t = suppress([[25, 3, 12], [30, 41, 18], [14, 22, 40]], attribute_axis=1)
    >>> t.to_rows(["A", "B", "C"], ["Professional", "Intermediate", "Lower"])[1]
    ['A', 'suppressed', 'fewer than 10', '12', '40']
    >>> t.values
    array([[nan, nan, 12.],
           [30., 41., 18.],
           [nan, nan, 40.]])
    >>> t.margin(axis=1).display().tolist()  # headcount by grade, consistent
    ['40', '89', '76', '205']
    """
    k = _check_k(k)
    body = _check_counts(counts)
    if not isinstance(margins, bool):
        raise ValueError(f"margins must be True or False, got {margins!r}")
    if attribute_axis is not None and (
        isinstance(attribute_axis, bool) or attribute_axis not in range(body.ndim)
    ):
        raise ValueError(
            f"attribute_axis must be None or an axis of the {body.ndim}-D table "
            f"({', '.join(map(str, range(body.ndim)))}), got {attribute_axis!r}"
        )
    valid_public = get_args(PublicTotals) if body.ndim == 2 else ("none", "all")
    if public_totals not in valid_public:
        raise ValueError(
            f"public_totals must be one of {', '.join(map(repr, valid_public))} for a "
            f"{body.ndim}-D table, got {public_totals!r}"
        )

    table = _Network(body, k, margins=margins, public_totals=public_totals)
    table.primary_suppression()
    if protect_zeros:
        table.protect_revealing_zeros(attribute_axis)
    table.secondary_suppression()

    aug_stats = {
        name: _suppress_stat(name, raw, table, margins) for name, raw in (stats or {}).items()
    }
    published = table.counts.astype(np.float64)
    published[table.suppressed] = np.nan
    return SuppressedTable(
        k=k,
        margins=margins,
        public_totals=public_totals,
        _values=published,
        _suppressed=table.suppressed,
        _primary=table.primary,
        _small=table.suppressed & (table.counts < k),
        _stats=aug_stats,
    )


# ---------------------------------------------------------------------------
# The network model
# ---------------------------------------------------------------------------


class _Network:
    """A table with its totals as a flow network (see the module notes).

    Cells of the table with totals are indexed flat. A cell that is published
    or suppressed and may change in a reader's eyes is an arc; totals that are
    not published (``margins=False``) or are public are not arcs. Vertices are
    the rows, the columns, the line of column totals, the line of row totals,
    and a ground vertex standing for every equation a reader does not have.
    """

    def __init__(self, body: IntArray, k: int, *, margins: bool, public_totals: str) -> None:
        self.k = k
        self.ndim = body.ndim
        self.counts = _with_totals(body)
        shape = self.counts.shape
        self.size = int(np.prod(shape))
        flat = self.counts.reshape(-1)
        self.value = flat
        self.suppressed = np.zeros(shape, dtype=bool)
        self.primary = np.zeros(shape, dtype=bool)
        self._supp_flat = self.suppressed.reshape(-1)
        self._prim_flat = self.primary.reshape(-1)

        # Which cells are totals, which are treated as known (public).
        is_total = np.zeros(shape, dtype=bool)
        known = np.zeros(shape, dtype=bool)
        if self.ndim == 1:
            is_total[-1] = True
            if public_totals == "all":
                known[-1] = True
        else:
            is_total[-1, :] = True
            is_total[:, -1] = True
            if public_totals in ("rows", "all"):
                known[:, -1] = True
            if public_totals in ("columns", "all"):
                known[-1, :] = True
        self.is_total = is_total.reshape(-1)
        self.known = known.reshape(-1)
        self.is_arc = ~self.is_total | (margins & ~self.known)

        # Vertices; a line whose equation a reader lacks collapses into ground.
        if self.ndim == 1:
            line_known = margins or public_totals == "all"
            line, ground = 0, 1
            self.n_vertices = 2
            tails = np.full(shape, ground)
            heads = np.full(shape, line if line_known else ground)
            tails[-1], heads[-1] = line, ground
        else:
            n_rows, n_cols = body.shape
            row_known = margins or public_totals in ("rows", "all")
            col_known = margins or public_totals in ("columns", "all")
            ground = n_rows + n_cols + 2
            row_v = np.arange(n_rows) if row_known else np.full(n_rows, ground)
            col_v = n_rows + np.arange(n_cols) if col_known else np.full(n_cols, ground)
            col_totals_v, row_totals_v = n_rows + n_cols, n_rows + n_cols + 1
            self.n_vertices = ground + 1
            tails = np.empty(shape, dtype=np.int64)
            heads = np.empty(shape, dtype=np.int64)
            tails[:-1, :-1] = col_v[None, :]
            heads[:-1, :-1] = row_v[:, None]
            tails[:-1, -1], heads[:-1, -1] = row_v, row_totals_v
            tails[-1, :-1], heads[-1, :-1] = col_totals_v, col_v
            tails[-1, -1], heads[-1, -1] = row_totals_v, col_totals_v
        self.tail = tails.reshape(-1)
        self.head = heads.reshape(-1)

        # What a reader learns from a suppressed cell's label.
        small = flat < k
        self.can_increase = np.where(small, flat < k - 1, True)
        self.can_decrease = np.where(small, flat >= 1, flat > k)

        weight = np.where(self.is_total, _MARGIN_WEIGHT, 1)
        weight[-1] = _GRAND_TOTAL_WEIGHT
        self.cost = (1 + flat) * weight

    # -- rules -----------------------------------------------------------------

    def primary_suppression(self) -> None:
        small = (self.value > 0) & (self.value < self.k)
        self._supp_flat[small] = True
        self._prim_flat[small] = True

    def protect_revealing_zeros(self, attribute_axis: int | None) -> None:
        """Mark one zero of each line that has everyone in a single cell."""
        for members, _total, axis in self.lines():
            if attribute_axis is not None and axis != attribute_axis:
                continue
            cells = [c for c in members if self.is_arc[c]]
            if sum(self.value[c] > 0 for c in cells) != 1:
                continue
            zeros = [c for c in cells if self.value[c] == 0]
            if not zeros or any(self._prim_flat[c] for c in zeros):
                continue
            self._supp_flat[zeros[0]] = True
            self._prim_flat[zeros[0]] = True

    def secondary_suppression(self) -> None:
        # A public total is shown suppressed when small but is not protected
        # here: by assumption the reader has it already.
        order = sorted(
            np.flatnonzero(self._prim_flat & self.is_arc), key=lambda c: (self.value[c], c)
        )
        for cell in order:
            path = self._cheapest_cycle(int(cell))
            if path is None and self.value[cell] == 0 and self.known.any():
                # A revealing zero that public totals already pin: what it would
                # hide, the reader knows from those totals, so publish it.
                self._supp_flat[cell] = self._prim_flat[cell] = False
                continue
            if path is None:
                raise UnprotectableTable(
                    f"cannot protect the cell at {self._position(int(cell))}: the totals "
                    "treated as public pin it; publish a coarser table or fewer public totals"
                )
            self._supp_flat[path] = True

    # -- search ----------------------------------------------------------------

    def _cheapest_cycle(self, cell: int) -> list[int] | None:
        """Published cells to suppress so that ``cell`` lies on a feasible cycle."""
        best: tuple[float, list[int]] | None = None
        tail, head = int(self.tail[cell]), int(self.head[cell])
        if self.can_increase[cell]:  # +1 on cell: flow must return from head to tail
            best = _better(best, self._shortest_path(head, tail, cell))
        if self.can_decrease[cell]:
            best = _better(best, self._shortest_path(tail, head, cell))
        return None if best is None else best[1]

    def _shortest_path(
        self, source: int, target: int, excluded: int
    ) -> tuple[float, list[int]] | None:
        if source == target:
            return 0.0, []
        adjacency: list[list[tuple[int, int]]] = [[] for _ in range(self.n_vertices)]
        for c in np.flatnonzero(self.is_arc).tolist():
            if c == excluded:
                continue
            tail, head = int(self.tail[c]), int(self.head[c])
            if self.can_increase[c]:
                adjacency[tail].append((head, c))
            if self.can_decrease[c]:
                adjacency[head].append((tail, c))
        distance = {source: 0.0}
        via: dict[int, tuple[int, int]] = {}
        heap = [(0.0, source)]
        done: set[int] = set()
        while heap:
            d, v = heapq.heappop(heap)
            if v in done:
                continue
            done.add(v)
            if v == target:
                path = []
                while v != source:
                    v, c = via[v]
                    if not self._supp_flat[c]:
                        path.append(c)
                return d, path
            for w, c in adjacency[v]:
                step = 0.0 if self._supp_flat[c] else float(self.cost[c])
                if d + step < distance.get(w, np.inf):
                    distance[w] = d + step
                    via[w] = (v, c)
                    heapq.heappush(heap, (d + step, w))
        return None

    # -- geometry --------------------------------------------------------------

    def lines(self) -> list[tuple[list[int], int, int]]:
        """Every line of cells that sums to a total.

        Each is (flat indices of the members, flat index of the total, the axis
        along which the members vary).
        """
        shape = self.counts.shape
        index = np.arange(self.size).reshape(shape)
        if self.ndim == 1:
            return [(index[:-1].tolist(), int(index[-1]), 0)]
        rows = [(index[i, :-1].tolist(), int(index[i, -1]), 1) for i in range(shape[0] - 1)]
        cols = [(index[:-1, j].tolist(), int(index[-1, j]), 0) for j in range(shape[1] - 1)]
        grand = int(index[-1, -1])
        return (
            rows
            + cols
            + [
                (index[:-1, -1].tolist(), grand, 0),  # the row totals
                (index[-1, :-1].tolist(), grand, 1),  # the column totals
            ]
        )

    def _position(self, cell: int) -> str:
        index = np.unravel_index(cell, self.counts.shape)
        last = tuple(n - 1 for n in self.counts.shape)
        names = ["total" if int(i) == n else str(int(i)) for i, n in zip(index, last, strict=True)]
        return f"({', '.join(names)})"


def _better(
    best: tuple[float, list[int]] | None, candidate: tuple[float, list[int]] | None
) -> tuple[float, list[int]] | None:
    if candidate is None:
        return best
    if best is None or candidate[0] < best[0]:
        return candidate
    return best


# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------


def _suppress_stat(
    name: str, raw: npt.ArrayLike, table: _Network, margins: bool
) -> tuple[FloatArray, BoolArray]:
    """The statistic with totals, NaN where unpublishable, and where it is withheld."""
    try:
        given = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"statistic {name!r} must be numbers") from None
    shape = table.counts.shape
    body_shape = tuple(n - 1 for n in shape)
    out = np.full(shape, np.nan)
    if given.shape == body_shape:
        out[tuple(slice(0, n) for n in body_shape)] = given
    elif given.shape == shape and margins:
        out[...] = given
    else:
        allowed = f"{body_shape}" + (f" or {shape} (with totals)" if margins else "")
        raise ValueError(f"statistic {name!r} has shape {given.shape}; expected {allowed}")
    # A total's statistic minus the published cells' gives the suppressed cells'
    # combined statistic: withhold it when those cells hold fewer than k people.
    withheld = table.suppressed.copy()
    flat = withheld.reshape(-1)
    for members, total, _axis in table.lines():
        hidden = sum(int(table.value[c]) for c in members if table.suppressed.flat[c])
        if 0 < hidden < table.k:
            flat[total] = True
    out[withheld | (table.counts == 0)] = np.nan
    return out, withheld


# ---------------------------------------------------------------------------
# Input checks and small helpers
# ---------------------------------------------------------------------------


def _check_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, numbers.Real) or not float(k).is_integer():
        raise ValueError(f"k must be a whole number of people, got {k!r}")
    k = int(float(k))
    if k < MIN_K:
        raise ValueError(
            f"k must be at least {MIN_K} (cells of fewer than k people are suppressed); got {k}"
        )
    return k


def _check_counts(counts: npt.ArrayLike) -> IntArray:
    try:
        array = np.asarray(counts)
    except ValueError:
        raise ValueError("counts must be a rectangular 1-D or 2-D table of numbers") from None
    if array.dtype == bool or not (
        np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    ):
        raise ValueError(f"counts must be whole numbers of people, got dtype {array.dtype}")
    if array.ndim not in (1, 2):
        raise ValueError(f"counts must be a 1-D or 2-D table, got {array.ndim} dimensions")
    if array.size == 0:
        raise ValueError("counts is empty: there is nothing to publish")
    if np.issubdtype(array.dtype, np.floating):
        if not np.all(np.isfinite(array)):
            raise ValueError("counts contains NaN or infinity; give a count for every cell")
        if not np.all(array == np.round(array)):
            raise ValueError("counts must be whole numbers of people")
    if np.any(array < 0):
        raise ValueError("counts must not be negative")
    return array.astype(np.int64)


def _with_totals(body: IntArray) -> IntArray:
    if body.ndim == 1:
        return np.append(body, body.sum())
    with_rows = np.hstack([body, body.sum(axis=1, keepdims=True)])
    return np.vstack([with_rows, with_rows.sum(axis=0, keepdims=True)])


def _labels(given: list[str] | tuple[str, ...] | None, n: int, what: str) -> list[str]:
    labels = list(given) if given is not None else [str(i + 1) for i in range(n)]
    if len(labels) != n:
        raise ValueError(f"{len(labels)} {what} labels for {n} {what}s")
    return labels


def _body(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    return array[tuple(slice(0, n - 1) for n in array.shape)]


def _nested(array: FloatArray, *, whole: bool = False) -> Any:
    """Nested lists with None for NaN; counts as ints when ``whole``."""
    if array.ndim > 1:
        return [_nested(row, whole=whole) for row in array]
    return [None if np.isnan(v) else (int(v) if whole else float(v)) for v in array]

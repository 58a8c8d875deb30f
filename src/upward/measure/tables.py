"""Mobility tables: cross-classifications of origin by destination class.

Rows are origins (parents' class), columns destinations (own class), both
ordered from the highest status (row/column 1) down, as in the mobility-table
literature. "Upward" therefore means a destination *above* the origin row:
column index smaller than row index.

References
----------
Erikson, R. & Goldthorpe, J. H. (1992). *The Constant Flux*. Oxford: Clarendon.
Hout, M. (1983). *Mobility Tables*. Sage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from upward.measure import association, indices, loglinear
from upward.measure._validate import (
    counts_array,
    labels_for,
    positive_int,
    rng_from,
    same_length,
    to_numpy,
    weight_column,
)
from upward.measure.results import (
    Result,
    check_alpha,
    frozen_array,
    matrix_rows,
    percentile_interval,
    text_table,
)

RATES = ("immobile", "upward", "downward", "mobile", "structural", "circulation")


@dataclass(frozen=True)
class AbsoluteRates(Result):
    """Absolute mobility rates of a square table (shares of all cases).

    Attributes
    ----------
    immobile, upward, downward : float
        Diagonal share, share above the diagonal's origin (destination higher),
        share below.
    mobile : float
        ``1 - immobile``.
    structural : float
        Dissimilarity of the margins ``1/2 sum_i |p_i+ - p_+i|``: the minimum
        mobility forced by the change in class distribution.
    circulation : float
        ``mobile - structural``.
    outflow_immobile, outflow_upward, outflow_downward : ndarray
        Per origin class, the share of that origin staying, moving up, moving down.
    labels : tuple of str
    """

    immobile: float
    upward: float
    downward: float
    mobile: float
    structural: float
    circulation: float
    outflow_immobile: np.ndarray
    outflow_upward: np.ndarray
    outflow_downward: np.ndarray
    labels: tuple[str, ...]
    _draws: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _title = "Absolute mobility rates"

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows: list[list[Any]] = [[name, getattr(self, name)] for name in RATES]
        if self._draws is None:
            return ["rate", "value"], rows
        intervals = self.conf_int()
        return ["rate", "value", "2.5%", "97.5%"], [[*r, *intervals[r[0]]] for r in rows]

    def summary(self) -> str:
        columns, rows = self._rows()
        per_origin = [
            [label, self.outflow_immobile[i], self.outflow_upward[i], self.outflow_downward[i]]
            for i, label in enumerate(self.labels)
        ]
        return (
            f"{self._title}\n{text_table(columns, rows)}\n\nOutflow shares by origin\n"
            + text_table(["origin", "immobile", "upward", "downward"], per_origin)
        )

    def conf_int(self, alpha: float = 0.05) -> dict[str, tuple[float, float]]:
        """Percentile intervals from the multinomial bootstrap."""
        alpha = check_alpha(alpha)
        if self._draws is None:
            raise ValueError(
                "conf_int needs bootstrap replicates: call absolute_rates(bootstrap=200)"
            )
        return {name: percentile_interval(self._draws[name], alpha) for name in RATES}


def _rates(table: np.ndarray) -> dict[str, Any]:
    total = table.sum()
    share = table / total
    immobile = float(np.trace(share))
    upward = float(np.tril(share, -1).sum())
    downward = float(np.triu(share, 1).sum())
    structural = 0.5 * float(np.abs(share.sum(axis=1) - share.sum(axis=0)).sum())
    return {
        "immobile": immobile,
        "upward": upward,
        "downward": downward,
        "mobile": 1.0 - immobile,
        "structural": structural,
        "circulation": 1.0 - immobile - structural,
    }


def crosstab(
    columns: Sequence[Any],
    names: Sequence[str],
    weights: Any = None,
    categories: Sequence[Sequence[Any] | None] | None = None,
) -> tuple[np.ndarray, list[list[Any]], int]:
    """Weighted counts of every combination of the given columns.

    Returns the counts array (one axis per column), the categories of each
    axis (given, or the sorted observed values) and the number of rows.
    """
    arrays = [to_numpy(column, name) for column, name in zip(columns, names, strict=True)]
    for array, name in zip(arrays, names, strict=True):
        if array.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
        if array.size == 0:
            raise ValueError(f"{name} is empty: at least one pair is expected")
    n = same_length(**dict(zip(names, arrays, strict=True)))
    w = weight_column(weights, n)
    chosen = list(categories) if categories is not None else [None] * len(arrays)
    codes = np.zeros(n, dtype=np.int64)
    axes: list[list[Any]] = []
    for array, name, given in zip(arrays, names, chosen, strict=True):
        if array.dtype.kind == "f" and np.isnan(array).any():
            raise ValueError(f"{name} contains missing values; drop those rows first")
        if array.dtype == object and any(v is None for v in array.tolist()):
            raise ValueError(f"{name} contains missing values; drop those rows first")
        try:
            cats = np.unique(array) if given is None else np.asarray(list(given))
        except TypeError as exc:
            raise TypeError(f"{name} mixes value types that cannot be ordered") from exc
        if len(set(cats.tolist())) != len(cats):
            raise ValueError(f"categories for {name} must be distinct")
        order = np.argsort(cats, kind="stable")
        try:
            position = np.searchsorted(cats[order], array)
        except TypeError as exc:
            raise TypeError(f"{name} values cannot be compared with its categories") from exc
        inside = position < len(cats)
        found = np.zeros(n, dtype=bool)
        found[inside] = cats[order][position[inside]] == array[inside]
        if not found.all():
            missing = np.unique(array[~found])[:5].tolist()
            raise ValueError(
                f"{name} has values not in its categories: {missing}; "
                "add them to categories or drop those rows"
            )
        codes = codes * len(cats) + order[position]
        axes.append(cats.tolist())
    shape = tuple(len(a) for a in axes)
    counts = np.bincount(codes, weights=w, minlength=int(np.prod(shape))).astype(float)
    return counts.reshape(shape), axes, n


def numeric_codes(values: np.ndarray) -> bool:
    """Whether class values are numbers (whose sorted order is meaningful)."""
    if values.dtype.kind in "biuf":
        return True
    return values.dtype == object and all(
        isinstance(v, int | float | np.number) and not isinstance(v, bool)
        for v in values.ravel().tolist()
    )


class MobilityTable:
    """A mobility table of counts, rows = origin, columns = destination.

    Parameters
    ----------
    counts : array_like, shape (I, J)
        Non-negative (possibly weighted) counts, classes ordered from the highest
        status first in both directions.
    labels : sequence of str, optional
        Class labels (rows, and columns too when ``column_labels`` is omitted and
        the table is square). Default ``"1".."I"``.
    column_labels : sequence of str, optional
        Destination labels for a rectangular table.
    structural_zeros : array_like of bool, shape (I, J), optional
        Cells that cannot occur (not merely unobserved). They are left out of
        every model fit and their fitted value is 0; sampling zeros are kept.

    Examples
    --------
    >>> from upward.measure import MobilityTable
    >>> from upward.measure.datasets import glass
    >>> t = MobilityTable(glass(), labels=["I", "II", "III", "IV", "V"])
    >>> round(t.absolute_rates().immobile, 6)
    0.416857
    >>> f = t.fit("uniform_association")
    >>> round(f.g2, 4), f.df, round(f.params["gamma"], 6)
    (79.4407, 15, 0.411864)
    """

    def __init__(
        self,
        counts: Any,
        labels: Sequence[Any] | None = None,
        *,
        column_labels: Sequence[Any] | None = None,
        structural_zeros: Any = None,
        n_obs: int | None = None,
    ) -> None:
        table = counts_array(counts, "counts", ndim=2)
        self._counts = frozen_array(table)
        self._labels = labels_for(labels, table.shape[0], "labels")
        if column_labels is None and labels is not None and table.shape[0] == table.shape[1]:
            self._column_labels = self._labels
        else:
            self._column_labels = labels_for(column_labels, table.shape[1], "column_labels")
        self._structural_zeros: np.ndarray | None = None
        if structural_zeros is not None:
            mask = np.asarray(to_numpy(structural_zeros, "structural_zeros"), dtype=bool)
            if mask.shape != table.shape:
                raise ValueError(
                    f"structural_zeros must have the table's shape {table.shape}, got {mask.shape}"
                )
            if (table[mask] != 0).any():
                raise ValueError("structural_zeros marks cells that have non-zero counts")
            self._structural_zeros = frozen_array(mask, dtype=bool)
        self._n_obs = n_obs

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_pairs(
        cls,
        origin: Any,
        destination: Any,
        weights: Any = None,
        categories: Sequence[Any] | None = None,
    ) -> MobilityTable:
        """Cross-tabulate paired origin and destination classes.

        Parameters
        ----------
        origin, destination : array_like
            Class of each person's parent and of the person (any comparable values).
        weights : array_like, optional
            Non-negative survey weights, one per pair.
        categories : sequence, optional
            All classes in table order, highest status first. Required when the
            classes are text (their order cannot be known; sorting them would
            order them alphabetically, which makes upward and downward mobility
            and the ordered models wrong). Default for numeric codes: the sorted
            union of observed values (so codes with 1 = highest work as is).
        """
        origin_values = to_numpy(origin, "origin")
        destination_values = to_numpy(destination, "destination")
        if categories is None:
            for values, name in ((origin_values, "origin"), (destination_values, "destination")):
                if not numeric_codes(values):
                    found = sorted({str(v) for v in values.ravel().tolist()})[:12]
                    raise ValueError(
                        f"{name} holds text classes ({', '.join(found)}), whose order cannot "
                        "be known: pass categories=[...] with every class, highest status first"
                    )
            try:
                both = np.concatenate([origin_values.ravel(), destination_values.ravel()])
                categories = np.unique(both).tolist()
            except TypeError as exc:
                raise TypeError("origin and destination must hold comparable values") from exc
        counts, axes, n = crosstab(
            [origin_values, destination_values],
            ["origin", "destination"],
            weights,
            [categories, categories],
        )
        return cls(counts, labels=[str(a) for a in axes[0]], n_obs=n)

    # ------------------------------------------------------------------ basic views
    @property
    def counts(self) -> np.ndarray:
        """The (read-only) table of counts."""
        return self._counts

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def column_labels(self) -> tuple[str, ...]:
        return self._column_labels

    @property
    def n(self) -> float:
        """Total count."""
        return float(self._counts.sum())

    @property
    def structural_zeros(self) -> np.ndarray | None:
        return self._structural_zeros

    def __repr__(self) -> str:
        return f"MobilityTable(shape={self._counts.shape}, n={self.n:g})"

    def summary(self) -> str:
        columns, rows = matrix_rows(self._counts, self._labels, self._column_labels)
        return f"Mobility table, N = {self.n:,.0f}\n{text_table(columns, rows)}"

    def _require_square(self, what: str) -> None:
        if self._counts.shape[0] != self._counts.shape[1]:
            raise ValueError(
                f"{what} needs a square table (same classes for origin and destination), "
                f"got shape {self._counts.shape}"
            )

    def outflow(self) -> np.ndarray:
        """Row-normalised table: ``P(destination | origin)``."""
        margins = self._counts.sum(axis=1)
        if (margins == 0).any():
            empty = [self._labels[i] for i in np.flatnonzero(margins == 0)]
            raise ValueError(f"counts has origin rows with no cases {empty}; drop those classes")
        return self._counts / margins[:, None]

    def inflow(self) -> np.ndarray:
        """Column-normalised table: ``P(origin | destination)``."""
        margins = self._counts.sum(axis=0)
        if (margins == 0).any():
            empty = [self._column_labels[j] for j in np.flatnonzero(margins == 0)]
            raise ValueError(
                f"counts has destination columns with no cases {empty}; drop those classes"
            )
        return self._counts / margins[None, :]

    def odds_ratios(self, kind: Literal["local", "all"] = "local") -> np.ndarray:
        """Odds ratios: ``"local"`` (I-1, J-1) or ``"all"`` pairs (I, I, J, J).

        Zero cells give 0, ``inf`` or NaN ratios; see :func:`altham` notes.
        """
        return association.odds_ratios(self._counts, kind)

    # ------------------------------------------------------------------ rates & indices
    def _bootstrap_tables(self, replicates: int, seed: Any) -> np.ndarray:
        replicates = positive_int(replicates, "bootstrap", 1)
        rng = rng_from(seed)
        n = self._n_obs if self._n_obs is not None else int(round(self.n))
        share = (self._counts / self._counts.sum()).ravel()
        draws = rng.multinomial(max(n, 1), share, size=replicates).astype(float)
        return draws.reshape(replicates, *self._counts.shape)

    def absolute_rates(self, *, bootstrap: int = 0, seed: Any = None) -> AbsoluteRates:
        """Absolute mobility rates, with multinomial bootstrap draws if ``bootstrap > 0``.

        Notes
        -----
        With shares ``p_ij = n_ij / N`` and rows/columns ordered from the top:
        immobile ``sum_i p_ii``; upward ``sum_{j<i} p_ij``; downward
        ``sum_{j>i} p_ij``; structural ``1/2 sum_i |p_i+ - p_+i|``; circulation
        = mobile - structural.
        """
        self._require_square("absolute_rates")
        values = _rates(self._counts)
        margins = self._counts.sum(axis=1)
        safe = np.where(margins > 0, margins, np.nan)
        draws = None
        if bootstrap:
            tables = self._bootstrap_tables(bootstrap, seed)
            per = [_rates(table) for table in tables]
            draws = {name: np.array([p[name] for p in per]) for name in RATES}
        return AbsoluteRates(
            outflow_immobile=frozen_array(np.diag(self._counts) / safe),
            outflow_upward=frozen_array(np.tril(self._counts, -1).sum(axis=1) / safe),
            outflow_downward=frozen_array(np.triu(self._counts, 1).sum(axis=1) / safe),
            labels=self._labels,
            _draws=draws,
            **values,
        )

    def indices(
        self, initial: Any = None, *, bootstrap: int = 0, seed: Any = None
    ) -> indices.MobilityIndices:
        """:func:`mobility_indices` of the outflow table, with multinomial bootstrap.

        Replicates in which an origin row is empty give NaN and are ignored by
        ``conf_int``.
        """
        self._require_square("indices")
        outflow = self.outflow()
        draws = None
        if bootstrap:
            tables = self._bootstrap_tables(bootstrap, seed)
            pi = None
            if initial is not None:
                pi = np.asarray(to_numpy(initial, "initial"), dtype=float)
                pi = pi / pi.sum()

            def matrices() -> Iterable[np.ndarray | None]:
                for table in tables:
                    rows = table.sum(axis=1)
                    yield None if (rows == 0).any() else table / rows[:, None]

            draws = indices.bootstrap_draws(matrices, pi)
        return indices.mobility_indices(outflow, initial, _draws=draws)

    # ------------------------------------------------------------------ models
    def fit(self, model: loglinear.ModelName) -> loglinear.FitResult:
        """Fit a log-linear or log-multiplicative model by Poisson maximum likelihood.

        Parameters
        ----------
        model : str
            One of ``independence``, ``quasi_independence``, ``uniform_association``,
            ``uniform_association_diagonal``, ``row_effects``, ``rc1``,
            ``rc1_diagonal``, ``homogeneous_rc_diagonal``, ``symmetry``,
            ``quasi_symmetry``.

        Returns
        -------
        FitResult

        Notes
        -----
        With row ``i``, column ``j``, integer scores ``u_i = i``, ``v_j = j`` and
        ``delta_i`` a parameter for diagonal cell ``(i, i)``:

        - independence: ``log mu_ij = lambda + a_i + b_j``
        - quasi_independence: ``+ delta_i [i = j]``
        - uniform_association: ``+ gamma u_i v_j``; with ``_diagonal`` also ``+ delta_i``
        - row_effects: ``+ tau_i v_j`` (``tau_1 = 0``)
        - rc1: ``+ phi mu_i nu_j`` (Goodman's RC(1)); with ``_diagonal`` also ``+ delta_i``
        - homogeneous_rc_diagonal: ``+ phi mu_i mu_j + delta_i``
        - symmetry: ``log mu_ij = s_ij``, ``s_ij = s_ji``
        - quasi_symmetry: ``lambda + a_i + b_j + s_ij``, ``s_ij = s_ji``

        ``G2 = 2 sum n log(n / mu)``, ``X2 = sum (n - mu)^2 / mu``,
        ``BIC = G2 - df ln N``, dissimilarity ``sum |n - mu| / 2N``.

        Parameters reported: for linear models every non-aliased coefficient in
        reference coding (first class = reference, aliased columns dropped as in
        R's ``glm``); for multiplicative models ``phi`` and scores normalised to
        mean 0 and unit sum of squares, oriented so the first (top) class scores
        highest, plus the diagonal terms. Standard errors come from the inverse
        expected information (delta method for normalised scores).

        Zero cells are fine (they contribute 0 to G2). When sampling zeros make
        parameters diverge, the cells concerned are fitted exactly at 0 and
        left out of the fit (``zero_fitted``), those parameters are NaN
        (``not_estimable``), ``df`` counts as R does and ``df_adjusted`` is the
        Bishop-Fienberg-Holland adjusted df; a ``BoundaryWarning`` says so. A
        multiplicative model may have no finite optimum (a boundary solution);
        a fit that stops before converging raises a ``ConvergenceWarning``.
        Declare impossible cells with ``structural_zeros``. See
        ``docs/measure.md``, "Zero cells, boundary solutions and degrees of
        freedom".

        References
        ----------
        Goodman, L. A. (1979). Simple models for the analysis of association in
        cross-classifications having ordered categories. *JASA* 74, 537-552.
        Hauser, R. M. (1979). Some exploratory methods for modeling mobility
        tables. *Sociological Methods & Research* 8(1), 89-108.
        Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., ch. 10.
        Turner, H. & Firth, D. gnm: Generalized Nonlinear Models in R.
        """
        return loglinear.fit_model(
            self._counts,
            model,
            self._labels,
            self._column_labels,
            self._structural_zeros,
        )

    def fit_all(self, models: Iterable[str] | None = None) -> loglinear.ModelComparison:
        """Fit several models (all that apply by default) and compare G², df and BIC."""
        return loglinear.fit_models(
            self._counts, models, self._labels, self._column_labels, self._structural_zeros
        )

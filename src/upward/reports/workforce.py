"""Workforce insights by socio-economic background, every figure through disclosure control.

:func:`analyse` turns a checked HR snapshot (:class:`upward.reports.hr_file.HrSnapshot`)
and, optionally, the survey answers of people who linked their employee id,
into :class:`WorkforceInsights`: sections of published tables, each cell
already through :func:`upward.reports.disclosure.suppress`, ready for a web
page, the API, CSV, the HTML report or the CLI. Nothing here returns or
prints an individual row. The tables are the neutral building blocks of
:mod:`upward.reports.tables` (``Cell``, ``Chart``, ``Table`` and
``table_from_record`` are re-exported here for existing importers).

How the tables stay safe together
---------------------------------
Every table covers the same people (the current workforce of the snapshot;
leavers only in the leavers table) and has a "not classified" background, so
every table's background totals are the same numbers as the background
profile's. Those totals are published only when the profile publishes all
four of them; then they are public, and each table crossing background with
something else (grade, function, sex, ethnicity, pay quartile, current class)
is suppressed with the background totals treated as known
(``public_totals``), so its cells are protected whatever a reader takes from
the other tables. When the profile must suppress a group, every breakdown by
background is withheld.

Every derived figure (a percentage, a rate, an interval, a test, a pay gap,
mobility rates and model fits) is computed only from published cells and
published statistics, so it tells a reader nothing the tables do not. A
statistic that needs an unpublished cell is shown as "not published".

Statistics attached to a table (mean and median pay) are withheld by
:func:`suppress` wherever their count is; in a table crossing background with
sex or ethnicity the background totals' statistics are public (the pay
section shows them), so there a column's cell statistics are also withheld
when its suppressed cells hold between 1 and ``k - 1`` people together, or
their combined mean could be worked out by subtraction.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy import stats as scipy_stats

from upward.classify import background_groups, question
from upward.classify import benchmarks as load_benchmarks
from upward.reports.disclosure import (
    DEFAULT_K,
    SuppressedTable,
    UnprotectableTable,
    combine_small,
    suppress,
)
from upward.reports.hr_file import ANSWER_FIELDS, HrSnapshot
from upward.reports.survey_guard import Grouping, Release, guard
from upward.reports.tables import (
    Cell,
    Chart,
    Table,
    count_cell,
    count_cells,
    number_cell,
    percent_cell,
    pvalue_cell,
    stat_cells,
    table_from_record,
)

__all__ = [
    "BACKGROUNDS",
    "Cell",
    "Chart",
    "Section",
    "SurveyAnswers",
    "Table",
    "WorkforceInsights",
    "ProtectedRelease",
    "analyse",
    "headline_figures",
    "protected_analysis",
    "survey_groupings",
    "table_from_record",
    "trends",
]

#: Background groups in reporting order; the last is reported as non-response.
BACKGROUNDS: tuple[str, ...] = ("professional", "intermediate", "lower", "not_classified")
BACKGROUND_LABELS: dict[str, str] = {
    "professional": "Professional",
    "intermediate": "Intermediate",
    "lower": "Lower socio-economic",
    "not_classified": "Not classified or no answer",
}
CLASSIFIED = BACKGROUNDS[:3]
WINDOW_DAYS = 365


# ---------------------------------------------------------------------------
# Output objects
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A part of the dashboard: its tables, or why it is withheld or missing."""

    id: str
    title: str
    intro: str
    tables: tuple[Table, ...] = ()
    withheld: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "intro": self.intro,
                "withheld": self.withheld, "tables": [t.to_dict() for t in self.tables]}


@dataclass(frozen=True)
class WorkforceInsights:
    """Everything the dashboard shows for one snapshot, already suppressed.

    ``key`` holds headline figures derived from published cells (None where not
    published), used for trends across snapshots.
    """

    snapshot_date: date
    k: int
    sections: tuple[Section, ...]
    key: Mapping[str, float | None] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def table(self, table_id: str) -> Table:
        for section in self.sections:
            for t in section.tables:
                if t.id == table_id:
                    return t
        raise KeyError(table_id)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    def to_json(self) -> str:
        """Everything, charts included, as JSON (for storing a release); see :meth:`from_json`."""
        return json.dumps(asdict(self), default=str, allow_nan=True)

    @classmethod
    def from_json(cls, text: str) -> WorkforceInsights:
        data = json.loads(text)
        return cls(snapshot_date=date.fromisoformat(data["snapshot_date"]), k=data["k"],
                   sections=tuple(Section(id=s["id"], title=s["title"], intro=s["intro"],
                                          tables=tuple(table_from_record(t)
                                                       for t in s["tables"]),
                                          withheld=s["withheld"])
                                  for s in data["sections"]),
                   key=dict(data["key"]), notes=tuple(data["notes"]))

    def to_dict(self) -> dict[str, Any]:
        return {"snapshot_date": self.snapshot_date.isoformat(), "k": self.k,
                "key_figures": dict(self.key), "notes": list(self.notes),
                "sections": [s.to_dict() for s in self.sections]}


@dataclass(frozen=True)
class SurveyAnswers:
    """Survey answers of people who gave their employee id; they replace HR's answers.

    ``answers`` maps each question id to one code (or None) per employee id.
    """

    employee_ids: Sequence[str]
    answers: Mapping[str, Sequence[str | None]]
    #: One random number per answer, standing for it in the release ledger
    #: (:mod:`upward.reports.survey_guard`); empty when no ledger is kept.
    tokens: Sequence[int] = ()

    @classmethod
    def empty(cls) -> SurveyAnswers:
        return cls(employee_ids=(), answers={q: () for q in ANSWER_FIELDS})

    def __len__(self) -> int:
        return len(self.employee_ids)

    def subset(self, keep: np.ndarray) -> SurveyAnswers:
        """The answers where ``keep`` (a boolean mask over them) is true."""
        keep = np.asarray(keep, dtype=bool)
        pick = np.flatnonzero(keep)
        return SurveyAnswers(
            employee_ids=[self.employee_ids[i] for i in pick],
            answers={q: [values[i] for i in pick] for q, values in self.answers.items()},
            tokens=[self.tokens[i] for i in pick] if len(self.tokens) else ())


# ---------------------------------------------------------------------------
# Formatting and derived statistics (from published numbers only)
# ---------------------------------------------------------------------------


def _f(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _sum(*values: float | None) -> float | None:
    return None if any(v is None for v in values) else float(sum(values))  # type: ignore[arg-type]


def wilson_interval(x: float, n: float, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval for a proportion x/n (Wilson 1927, JASA 22)."""
    z = scipy_stats.norm.ppf(1 - alpha / 2)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def two_proportion_test(x1: float, n1: float, x2: float, n2: float) -> tuple[float, float]:
    """Difference p1 - p2 and the two-sided p-value of the pooled z-test."""
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return p1 - p2, 1.0
    z = (p1 - p2) / se
    return p1 - p2, float(2 * scipy_stats.norm.sf(abs(z)))


def _gap(comparator: float | None, lower: float | None) -> float | None:
    """Pay gap as reported for gender: (comparator - lower) / comparator."""
    if comparator is None or lower is None or comparator == 0:
        return None
    return (comparator - lower) / comparator


# ---------------------------------------------------------------------------
# Preparing the columns
# ---------------------------------------------------------------------------


@cache
def _group_of_answer() -> dict[str | None, int]:
    index = {code: i for i, code in enumerate(BACKGROUNDS)}
    mapping: dict[str | None, int] = {None: index["not_classified"]}
    for group in background_groups():
        for answer in group.answers:
            mapping[answer] = index[group.code]
    return mapping


@cache
def _soc_classes() -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    text = resources.files("upward.data").joinpath("reports/soc_major_class.toml").read_text()
    data = tomllib.loads(text)
    return tuple((c["code"], c["label"], tuple(c["major_groups"])) for c in data["classes"])


def _codes(values: pa.Array) -> tuple[np.ndarray, list[str | None]]:
    """Integer codes and the distinct values (nulls included as None)."""
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    uniques = encoded.dictionary.to_pylist()
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64), uniques


def _joined_answers(snapshot: HrSnapshot, survey: SurveyAnswers | None) -> dict[str, pa.Array]:
    """Each question's answer per row: the person's survey answer if linked, else HR's."""
    table = snapshot.table
    answers = {q: table.column(q).combine_chunks() for q in ANSWER_FIELDS}
    if survey is None or not len(survey.employee_ids):
        return answers
    ids = table.column("employee_id").combine_chunks()
    position = pc.index_in(ids, value_set=pa.array(list(survey.employee_ids), type=pa.string()))
    linked = position.is_valid()
    for q in ANSWER_FIELDS:
        given = pa.array(list(survey.answers[q]), type=pa.string())
        from_survey = pc.take(given, position.fill_null(0)) if len(given) else \
            pa.nulls(len(ids), pa.string())
        answers[q] = pc.if_else(linked, from_survey, answers[q])
    return answers


def survey_rows(snapshot: HrSnapshot, survey: SurveyAnswers) -> np.ndarray:
    """Per survey answer, the snapshot row with its employee id, or -1 if none."""
    ids = snapshot.table.column("employee_id").combine_chunks()
    position = pc.index_in(pa.array(list(survey.employee_ids), type=pa.string()),
                           value_set=ids)
    return np.asarray(position.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def survey_groupings(snapshot: HrSnapshot, rows: np.ndarray, k: int) -> tuple[Grouping, ...]:
    """Every grouping of people that :func:`analyse` crosses with background, for the given
    snapshot rows (``-1`` for a row in no group of that grouping, or no row at all).

    The groups are exactly the rows (or columns) of the published tables: the current
    workforce, grades, functions, promoted or not, leavers in the window, bonus or not,
    pay quartiles, sex and ethnicity (small categories combined as published) and own
    class. They depend on the file only, never on anyone's answers.
    """
    table = snapshot.table
    n_all = table.num_rows
    leaver = np.asarray(table.column("leaver").to_numpy(zero_copy_only=False), dtype=bool)
    current = ~leaver
    current_rows = np.flatnonzero(current)
    epoch = date(1970, 1, 1)
    window_start = snapshot.snapshot_date - timedelta(days=WINDOW_DAYS)
    start, end = (window_start - epoch).days, (snapshot.snapshot_date - epoch).days
    current_table = table.filter(pa.array(current))
    out: list[tuple[str, np.ndarray]] = []

    def over_current(codes_current: np.ndarray) -> np.ndarray:
        full = np.full(n_all, -1, dtype=np.int64)
        full[current_rows] = codes_current
        return full

    out.append(("workforce", np.where(current, 0, -1)))
    grade_all, _ = _categories(table.column("grade").combine_chunks(), snapshot.grade_order)
    out.append(("grade", np.where(current, grade_all, -1)))
    function_all, _ = _categories(table.column("function").combine_chunks())
    out.append(("function", np.where(current, function_all, -1)))
    if "last_promotion_date" in snapshot.present:
        promoted_day = _days(current_table.column("last_promotion_date"))
        promoted = (promoted_day > start) & (promoted_day <= end)
        out.append(("promoted", over_current(promoted.astype(np.int64))))
    if "leaver" in snapshot.present or "leaving_date" in snapshot.present:
        left_day = _days(table.column("leaving_date"))
        in_window = leaver & ((left_day == -10**9) | ((left_day > start) & (left_day <= end)))
        out.append(("left", np.where(in_window, 0, -1)))
    if "bonus" in snapshot.present:
        bonus = np.asarray(current_table.column("bonus").to_numpy(), dtype=np.float64)
        out.append(("bonus", over_current((bonus > 0).astype(np.int64))))
    pay = np.asarray(current_table.column("hourly_pay").to_numpy(), dtype=np.float64)
    out.append(("pay_quartile", over_current(pay_quartiles(pay))))
    for column in ("sex", "ethnicity"):
        if column in snapshot.present:
            codes, labels = _categories(current_table.column(column).combine_chunks())
            codes, _labels, _merged = _merge_small(codes, labels, k)
            out.append((column, over_current(codes)))
    if "soc_code" in snapshot.present:
        out.append(("own_class", over_current(_destination(current_table))))
    rows = np.asarray(rows, dtype=np.int64)
    found = rows >= 0
    groupings = []
    for name, codes in out:
        picked = np.full(len(rows), -1, dtype=np.int64)
        picked[found] = codes[rows[found]]
        groupings.append(Grouping(name, picked))
    return tuple(groupings)


def _destination(current_table: pa.Table) -> np.ndarray:
    """Own class of each current employee from the SOC major group (3 = no SOC code)."""
    lookup = np.full(10, 3, dtype=np.int64)
    for index, (_code, _label, groups) in enumerate(_soc_classes()):
        lookup[list(groups)] = index
    major = np.asarray(current_table.column("soc_major").to_numpy(), dtype=np.int64)
    return lookup[major]


def _background_index(key_answers: pa.Array) -> np.ndarray:
    codes, uniques = _codes(key_answers)
    mapping = _group_of_answer()
    lookup = np.array([mapping.get(u, 3) for u in uniques] or [3], dtype=np.int64)
    return lookup[codes] if len(codes) else codes


@dataclass
class _Frame:
    """The snapshot's current workforce as numpy columns."""

    background: np.ndarray  # 0..3
    pay: np.ndarray
    grade: np.ndarray  # index into grades
    grades: tuple[str, ...]
    function: np.ndarray
    functions: tuple[str, ...]
    table: pa.Table
    mask: np.ndarray  # rows of the snapshot table that are current

    @property
    def n(self) -> int:
        return len(self.background)


def _categories(values: pa.Array,
                order: Sequence[str] | None = None) -> tuple[np.ndarray, tuple[str, ...]]:
    codes, uniques = _codes(values)
    labels = [u if u else "Not known" for u in uniques]
    if order:
        rank = {g: i for i, g in enumerate(order)}
        ordering = sorted(range(len(labels)), key=lambda i: rank.get(labels[i], len(rank)))
    else:
        ordering = sorted(range(len(labels)), key=lambda i: (labels[i] == "Not known",
                                                             labels[i].casefold()))
    remap = np.empty(len(labels), dtype=np.int64)
    remap[ordering] = np.arange(len(labels))
    return (remap[codes] if len(codes) else codes), tuple(labels[i] for i in ordering)


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------


def _crosstab(rows: np.ndarray, n_rows: int, cols: np.ndarray, n_cols: int) -> np.ndarray:
    flat = np.bincount(rows * n_cols + cols, minlength=n_rows * n_cols)
    return flat.reshape(n_rows, n_cols)


def _group_stat(values: np.ndarray, groups: np.ndarray, n_groups: int,
                how: Literal["mean", "median"]) -> np.ndarray:
    """Per group statistic, plus the statistic of everyone as a last entry."""
    out = np.full(n_groups + 1, np.nan)
    ok = ~np.isnan(values)
    values, groups = values[ok], groups[ok]
    if how == "mean":
        sums = np.bincount(groups, weights=values, minlength=n_groups)
        counts = np.bincount(groups, minlength=n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:n_groups] = sums / counts
        out[n_groups] = values.mean() if len(values) else np.nan
        return out
    order = np.lexsort((values, groups))
    values, groups = values[order], groups[order]
    bounds = np.searchsorted(groups, np.arange(n_groups + 1))
    for g in range(n_groups):
        chunk = values[bounds[g]:bounds[g + 1]]
        if len(chunk):
            out[g] = np.median(chunk)
    out[n_groups] = np.median(values) if len(values) else np.nan
    return out


def _grid_stat(values: np.ndarray, rows: np.ndarray, n_rows: int, cols: np.ndarray, n_cols: int,
               how: Literal["mean", "median"]) -> np.ndarray:
    """Statistic per cell of a 2-D table with its totals (shape plus one)."""
    out = np.full((n_rows + 1, n_cols + 1), np.nan)
    inner = _group_stat(values, rows * n_cols + cols, n_rows * n_cols, how)
    out[:n_rows, :n_cols] = inner[:-1].reshape(n_rows, n_cols)
    out[:n_rows, n_cols] = _group_stat(values, rows, n_rows, how)[:-1]
    by_col = _group_stat(values, cols, n_cols, how)
    out[n_rows, :n_cols] = by_col[:-1]
    out[n_rows, n_cols] = by_col[-1]
    return out


def _published(t: SuppressedTable) -> np.ndarray:
    """Published counts with totals, NaN where suppressed."""
    return t.values_with_margins


def _merge_small(codes: np.ndarray, labels: tuple[str, ...], k: int,
                 other: str = "Other or not known") -> tuple[np.ndarray, tuple[str, ...], bool]:
    """Combine categories of fewer than k people (and "Not known") into one."""
    counts = np.bincount(codes, minlength=len(labels))
    small = [i for i, label in enumerate(labels) if counts[i] < k or label == "Not known"]
    if not small or len(small) == 1 and labels[small[0]] == "Not known" and counts[small[0]] >= k:
        return codes, labels, False
    keep = [i for i in range(len(labels)) if i not in small]
    remap = np.empty(len(labels), dtype=np.int64)
    for new, old in enumerate(keep):
        remap[old] = new
    remap[small] = len(keep)
    return remap[codes], (*[labels[i] for i in keep], other), True


@dataclass(frozen=True)
class PayNoise:
    """Noise on pay statistics by background when survey answers are joined.

    An analyst writes every pay in the file, so an exact mean or median of a
    background group could be steered to reveal who is in it (one person given
    an unusual pay, or pays chosen so that the sum says who contributed; a
    median is also one person's own pay). With survey answers in the figures,
    pay is capped at the workforce's 1st and 99th percentiles (bounds that do
    not depend on anyone's background) and every mean and median by background
    gets Laplace noise with scale ``spread / n`` — the most one person's capped
    pay can move a mean of ``n`` people. The noise is a fixed function of the
    release's secret ``seed`` and the statistic, so a figure shown twice, in two
    tables, or reloaded, is the same number.
    """

    seed: int

    def draw(self, key: str, scale: float) -> float:
        digest = hashlib.blake2b(f"{self.seed}:{key}".encode(), digest_size=8).digest()
        u = (int.from_bytes(digest, "big") + 0.5) / 2.0**64 - 0.5  # uniform on (-1/2, 1/2)
        return float(-scale * math.copysign(1.0, u) * math.log1p(-2.0 * abs(u)))

    def capped(self, values: np.ndarray) -> tuple[np.ndarray, float]:
        """Values capped at their 1st and 99th percentiles, and the capped spread."""
        finite = values[~np.isnan(values)]
        if not len(finite):
            return values, 0.0
        low, high = np.percentile(finite, [1, 99])
        return np.clip(values, low, high), float(high - low)

    def perturb(self, stat: np.ndarray, counts: np.ndarray, spread: float, key: str) -> None:
        """Add noise in place to each background entry ``stat[..., b]`` with count
        ``counts[..., b]`` (same shape); ``key`` names the statistic."""
        for index in np.ndindex(stat.shape):
            if not math.isnan(stat[index]):
                scale = spread / max(float(counts[index]), 1.0)
                stat[index] += self.draw(f"{key}:{index}", scale)


# ---------------------------------------------------------------------------
# The analysis
# ---------------------------------------------------------------------------


def analyse(
    snapshot: HrSnapshot,
    *,
    survey: SurveyAnswers | None = None,
    k: int = DEFAULT_K,
    benchmark_path: str | None = None,
    noise_seed: int | None = None,
) -> WorkforceInsights:
    """All insights for one snapshot, through disclosure control.

    Parameters
    ----------
    snapshot : HrSnapshot
    survey : SurveyAnswers, optional
        Survey answers by employee id; for those people they replace the
        answers in the HR file (none of theirs from HR is used).
    k : int
        Disclosure threshold (at least 5).
    benchmark_path : str, optional
        An organisation's own benchmark file (see :func:`upward.classify.benchmarks`).
    noise_seed : int, optional
        Secret seed for the noise on pay statistics (:class:`PayNoise`), used only when
        survey answers are joined; a fresh random one when not given. Which survey
        answers may be joined at all is :func:`upward.reports.survey_guard.guard`'s
        decision (:func:`protected_analysis` does both).

    Examples
    --------
    >>> from datetime import date
    >>> from upward.demo.synthetic_workforce import synthetic_snapshot
    >>> insights = analyse(synthetic_snapshot(500, seed=1, snapshot_date=date(2025, 3, 31)))
    >>> insights.table("background_profile").columns[:3]
    ('Background', 'People', '% of workforce')
    """
    if k < 5:
        suppress([0], k)  # raises the library's message
    table = snapshot.table
    leaver = np.asarray(table.column("leaver").to_numpy(zero_copy_only=False), dtype=bool)
    current = ~leaver
    answers = _joined_answers(snapshot, survey)
    noise = None
    if survey is not None and len(survey):
        noise = PayNoise(noise_seed if noise_seed is not None else secrets.randbits(63))
    background_all = _background_index(answers["main_earner_occupation"])
    grade_all, grades = _categories(table.column("grade").combine_chunks(), snapshot.grade_order)
    function_all, functions = _categories(table.column("function").combine_chunks())
    current_table = table.filter(pa.array(current))
    frame = _Frame(
        background=background_all[current],
        pay=np.asarray(current_table.column("hourly_pay").to_numpy(), dtype=np.float64),
        grade=grade_all[current], grades=grades,
        function=function_all[current], functions=functions,
        table=current_table, mask=current,
    )
    window_start = snapshot.snapshot_date - timedelta(days=WINDOW_DAYS)
    notes = [
        f"Cells of fewer than {k} people are shown as \"fewer than {k}\", and further cells as "
        "\"suppressed\" so that they cannot be worked out from totals or from other tables. "
        f"The threshold k = {k} is Upward's choice: the Social Mobility Commission publishes "
        "none.",
        "Background is the answer to the key question (main household earner's occupation at "
        "about 14), grouped as the Social Mobility Commission recommends; \"other\" and "
        "\"prefer not to say\" are reported with non-response.",
    ]
    if noise is not None:
        notes.append("Where a person answered the survey and their employee id is confirmed, "
                     "their own answers are used instead of any held by HR.")
        notes.append("Because survey answers are included, pay is capped at the 1st and 99th "
                     "percentiles and each mean and median by background has a little random "
                     "noise added, so that no one's pay can reveal their background.")
    key: dict[str, float | None] = {}

    profile_section, profile = _profile_section(frame, answers, current, k, key, benchmark_path)
    sections = [profile_section]
    open_ = not profile.suppressed.any()
    withheld = "" if open_ else (
        "Every breakdown by background is withheld: the background profile has to suppress "
        f"at least one group (fewer than {k} people), so no table crossing background with "
        "anything else can be published without revealing it.")
    sections.append(_representation_section(frame, profile, k, key, withheld))
    sections.append(_progression_section(frame, snapshot, profile, background_all, leaver,
                                         window_start, k, key, withheld))
    sections.append(_pay_section(frame, snapshot, profile, k, key, withheld, noise))
    sections.append(_intersection_section(frame, snapshot, profile, k, withheld, noise))
    sections.append(_mobility_section(frame, snapshot, profile, k, withheld))
    return WorkforceInsights(snapshot_date=snapshot.snapshot_date, k=k,
                             sections=tuple(sections), key=key, notes=tuple(notes))


@dataclass(frozen=True)
class ProtectedRelease:
    """A release of workforce figures with survey answers, and what its ledger keeps.

    Attributes
    ----------
    insights : WorkforceInsights
        The published figures.
    ledger_entry : Release
        Groups of the answers used, for the guard of later releases; keep it with
        every release that was shown to anyone, even after its snapshot is deleted.
    used, held_back : int
        How many confirmed survey answers matched a row of the snapshot and were
        used, and how many the guard held back. Not for display: in a crafted file
        they would tell whether a person answered.
    """

    insights: WorkforceInsights
    ledger_entry: Release
    used: int
    held_back: int


def protected_analysis(snapshot: HrSnapshot, *, survey: SurveyAnswers, k: int = DEFAULT_K,
                       ledger: Sequence[Release] = (), benchmark_path: str | None = None,
                       noise_seed: int | None = None) -> ProtectedRelease:
    """:func:`analyse` with the survey answers the differencing guard lets this release use.

    ``survey`` must carry ``tokens``. The guard
    (:func:`upward.reports.survey_guard.guard`) sees the groups of the snapshot that
    published tables cross with background, for the people whose answers match a row,
    and the ledger of earlier releases; it holds back answers that would otherwise be
    learnable by comparing groups. Pay statistics get :class:`PayNoise`.

    Examples
    --------
    >>> from datetime import date
    >>> from upward.demo.synthetic_workforce import synthetic_snapshot
    >>> snapshot = synthetic_snapshot(600, seed=3, snapshot_date=date(2025, 3, 31))
    >>> ids = snapshot.table.column("employee_id").to_pylist()[:400]
    >>> survey = SurveyAnswers(employee_ids=ids,
    ...                        answers={q: ["senior_manager"] * 400 if q == ANSWER_FIELDS[0]
    ...                                 else [None] * 400 for q in ANSWER_FIELDS},
    ...                        tokens=range(1, 401))
    >>> first = protected_analysis(snapshot, survey=survey, k=10, noise_seed=1)
    >>> first.used + first.held_back
    400
    >>> # The same file again without its first row: that person's absence is widened to
    >>> # k answers held back, so the two releases do not differ by one person's answer.
    >>> from dataclasses import replace
    >>> without_first = replace(snapshot, table=snapshot.table.slice(1))
    >>> second = protected_analysis(without_first, survey=survey, k=10,
    ...                             ledger=[first.ledger_entry], noise_seed=2)
    >>> first.used - second.used >= 10
    True
    """
    if len(survey) and len(survey.tokens) != len(survey):
        raise ValueError("survey answers need one token each for the release ledger")
    rows = survey_rows(snapshot, survey)
    matched = survey.subset(rows >= 0)
    groupings = survey_groupings(snapshot, rows[rows >= 0], k)
    decision = guard(np.asarray(matched.tokens, dtype=np.int64), groupings, k=k, ledger=ledger)
    insights = analyse(snapshot, survey=matched.subset(decision.used), k=k,
                       benchmark_path=benchmark_path, noise_seed=noise_seed)
    return ProtectedRelease(insights=insights, ledger_entry=decision.release,
                            used=decision.n_used, held_back=decision.n_held_back)


# -- background profile ------------------------------------------------------


def _profile_section(frame: _Frame, answers: Mapping[str, pa.Array], current: np.ndarray,
                     k: int, key: dict[str, float | None],
                     benchmark_path: str | None) -> tuple[Section, SuppressedTable]:
    counts = np.bincount(frame.background, minlength=4)
    profile = suppress(counts, k)
    values = _published(profile)
    total = _f(values[-1])
    classified = _sum(*(_f(values[i]) for i in range(3)))
    marks = {b.group: b for b in load_benchmarks(benchmark_path) if b.group}
    rows = []
    cells = count_cells(profile)
    for i, code in enumerate(BACKGROUNDS):
        share_all = _ratio(_f(values[i]), total)
        share_classified = _ratio(_f(values[i]), classified) if i < 3 else None
        mark = marks.get(code)
        bench = Cell(f"{100 * mark.share:.0f}%" + ("" if mark.confirmed else " (unconfirmed)"),
                     mark.share) if mark else Cell("")
        rows.append((BACKGROUND_LABELS[code], (
            cells[i], percent_cell(share_all),
            percent_cell(share_classified) if i < 3 else Cell(""), bench)))
    rows.append(("Total", (cells[4], percent_cell(1.0 if total else None), Cell(""), Cell(""))))
    response = _ratio(classified, total)
    key["headcount"] = total
    key["response_rate"] = response
    key["lower_share"] = _ratio(_f(values[2]), classified)
    key["professional_share"] = _ratio(_f(values[0]), classified)
    chart_cats = tuple(BACKGROUND_LABELS[c] for c in CLASSIFIED)
    chart = Chart(
        kind="bars", categories=chart_cats,
        series=(("This workforce", tuple(_ratio(_f(values[i]), classified) for i in range(3))),
                ("UK workforce benchmark",
                 tuple(marks[c].share if c in marks else None for c in CLASSIFIED))),
        summary="Share of people with a classified background in each group, against the UK "
                "workforce benchmark.")
    notes = [f"Response rate (classified answers as a share of the workforce): "
             f"{percent_cell(response).text}. The Social Mobility Commission suggests aiming for "
             "two-thirds at first, then at least 70%."]
    if any(not m.confirmed for m in marks.values()):
        notes.append("Benchmarks marked unconfirmed are approximate figures awaiting a primary "
                     "source; an organisation can load its own benchmark file.")
    main = Table(
        id="background_profile", title="Background profile of the workforce",
        description="Current employees by socio-economic background, against the UK workforce "
                    "(Labour Force Survey).",
        columns=("Background", "People", "% of workforce", "% of classified",
                 "UK benchmark (% of classified)"),
        kinds=("count", "percent", "percent", "percent"),
        rows=tuple(rows), notes=tuple(notes), chart=chart)
    tables = [main]
    for qid in ANSWER_FIELDS[1:]:
        tables.append(_question_table(qid, answers[qid].filter(pa.array(current)), k,
                                      [b for b in load_benchmarks(benchmark_path)
                                       if b.question == qid and not b.group]))
    intro = ("Who works here, by the occupation of their main household earner at about 14, "
             "and the supporting questions. Compare with the UK workforce to see who is "
             "missing.")
    return Section(id="profile", title="Background profile", intro=intro,
                   tables=tuple(tables)), profile


def _question_groups(codes: list[str], labels: list[str], counts: np.ndarray, k: int,
                     marks: list[Any]) -> tuple[tuple[tuple[int, ...], ...], list[str], list[bool]]:
    """The answers (and "No answer", last) combined by :func:`combine_small`: groups of
    indices, their labels, and whether each counts towards "those answering"."""
    from upward.reports.combined_tables import band_label

    index = {c: i for i, c in enumerate(codes)}
    non_answers = [index["prefer_not_to_say"], len(codes)] if "prefer_not_to_say" in index \
        else [len(codes)]
    answers = [i for i in range(len(codes)) if i not in non_answers]
    partners = {}
    for mark in marks:  # keep a benchmark's answers together, so its share survives
        picked = [index[o] for o in mark.options if o in index]
        for i in picked:
            others = [j for j in picked if j != i]
            if others:
                partners[i] = max(others, key=lambda j: (counts[j], -j))
    groups = [g for g in combine_small(counts, k, among=answers, partners=partners)
              if g[0] in answers]
    groups += [g for g in combine_small(counts, k, among=non_answers) if g[0] in non_answers]
    unique = tuple(sorted(groups))
    all_labels = [*labels, "No answer"]
    return (unique, [band_label([all_labels[m] for m in g], ordered=False) if len(g) > 1
                     else all_labels[g[0]] for g in unique],
            [not set(g) & set(non_answers) for g in unique])


def _question_table(qid: str, values: pa.Array, k: int, marks: list[Any]) -> Table:
    q = question(qid)
    codes = [o.code for o in q.options]
    labels = [o.short_label for o in q.options]
    index = {c: i for i, c in enumerate(codes)}
    raw_codes, uniques = _codes(values)
    lookup = np.array([index.get(u, len(codes)) if u is not None else len(codes)
                       for u in uniques] or [0], dtype=np.int64)
    counts = np.bincount(lookup[raw_codes] if len(raw_codes) else raw_codes,
                         minlength=len(codes) + 1)
    # ONS-style: small answers are combined (with their benchmark partner first) and only
    # the combined table is published, so that its shares can be; non-answers likewise.
    groups, group_labels, answering = _question_groups(codes, labels, counts, k, marks)
    t = suppress([int(counts[list(g)].sum()) for g in groups], k)
    vals = _published(t)
    cells = count_cells(t)
    answered = _sum(*(_f(vals[i]) for i in range(len(groups)) if answering[i]))
    rows = []
    for i, label in enumerate(group_labels):
        rows.append((label, (cells[i], percent_cell(_ratio(_f(vals[i]), answered)) if answering[i]
                             else Cell(""))))
    rows.append(("Total", (cells[-1], Cell(""))))
    notes = []
    for mark in marks:
        picked = {index[o] for o in mark.options if o in index}
        whole = [i for i, g in enumerate(groups) if set(g) <= picked]
        covered = {m for i in whole for m in groups[i]} == picked
        share = _ratio(_sum(*(_f(vals[i]) for i in whole)), answered) if covered else None
        notes.append(f"{mark.label}: {percent_cell(share).text} here (of those who gave an "
                     f"answer other than prefer not to say) against {100 * mark.share:.1f}% of "
                     f"the UK workforce.{' ' + mark.note if mark.note else ''}")
    combined = [label for g, label in zip(groups, group_labels, strict=True) if len(g) > 1]
    if combined:
        notes.append(f"Answers given by fewer than {k} people are combined with another answer "
                     f"so that the shares can be published: {'; '.join(combined)}.")
    return Table(
        id=f"question_{qid}", title=q.text, description="Answers of current employees.",
        columns=("Answer", "People", "% of those answering"), kinds=("count", "percent"),
        rows=tuple(rows), notes=tuple(notes))


# -- representation by grade and function -----------------------------------------


def _cross_background(rows: np.ndarray, labels: tuple[str, ...], frame: _Frame, k: int,
                      stats: Mapping[str, np.ndarray] | None = None) -> SuppressedTable | None:
    """rows x background, background totals public (the profile publishes them); None when no
    suppression pattern can protect its small cells against those totals."""
    counts = _crosstab(rows, len(labels), frame.background, 4)
    try:
        return suppress(counts, k, public_totals="columns", attribute_axis=1, stats=stats)
    except UnprotectableTable:
        return None


def _unprotectable(name: str, k: int) -> str:
    return (f"{name} by background is not published: with the background totals public, no "
            f"pattern of suppression could protect its groups of fewer than {k} people.")


def _background_rows(t: SuppressedTable, labels: tuple[str, ...], *,
                     lower_share: bool = True) -> list[tuple[str, tuple[Cell, ...]]]:
    values = _published(t)
    cells = np.array(count_cells(t), dtype=object).reshape(values.shape)
    out = []
    for i, label in enumerate([*labels, "Total"]):
        classified = _sum(*(_f(values[i, j]) for j in range(3)))
        total = _f(values[i, 4])
        row = list(cells[i])
        row.append(percent_cell(_ratio(classified, total)))
        if lower_share:
            row.append(percent_cell(_ratio(_f(values[i, 2]), classified)))
        out.append((label, tuple(row)))
    return out


def _with_combined(table: Table, t: SuppressedTable, labels: tuple[str, ...], *,
                   ordered: bool) -> tuple[Table, ...]:
    """The table, then its view with the suppressed rows combined (which then carries the
    chart: its bars are all published); see :mod:`upward.reports.combined_tables`."""
    from upward.reports.combined_tables import combined_background_table  # it builds on Table

    combined = combined_background_table(
        table, t, labels, ordered=ordered, name=table.columns[0],
        background_labels=tuple(BACKGROUND_LABELS[c] for c in CLASSIFIED))
    if combined is None:
        return (table,)
    if table.chart is None:
        combined = replace(combined, chart=None)
    return replace(table, chart=None), combined


_CROSS_COLUMNS = (*(BACKGROUND_LABELS[c] for c in BACKGROUNDS), "Total", "Response rate",
                  "Lower as % of classified")


def _representation_section(frame: _Frame, profile: SuppressedTable, k: int,
                            key: dict[str, float | None], withheld: str) -> Section:
    intro = ("The \"class ceiling\": how the share of people from lower socio-economic "
             "backgrounds changes from the most junior grade to the most senior.")
    if withheld:
        return Section(id="representation", title="Representation by grade", intro=intro,
                       withheld=withheld)
    tables, missing = [], []
    key["lower_share_top_grade"] = None
    by_grade = _cross_background(frame.grade, frame.grades, frame, k)
    if by_grade is None:
        missing.append(_unprotectable("Grade", k))
    else:
        rows = _background_rows(by_grade, frame.grades)
        values = _published(by_grade)
        shares = []
        for i in range(len(frame.grades)):
            classified = _sum(*(_f(values[i, j]) for j in range(3)))
            shares.append(tuple(_ratio(_f(values[i, j]), classified) for j in range(3)))
        chart = Chart(
            kind="stacked", categories=frame.grades,
            series=tuple((BACKGROUND_LABELS[c], tuple(s[j] for s in shares))
                         for j, c in enumerate(CLASSIFIED)),
            summary="For each grade, most junior first, the shares of professional, "
                    "intermediate and lower socio-economic backgrounds among people with a "
                    "classified answer.")
        top = len(frame.grades) - 1
        key["lower_share_top_grade"] = shares[top][2] if frame.grades else None
        tables.extend(_with_combined(Table(
            id="representation_by_grade", title="Background by grade",
            description="Current employees in each grade (most junior first) by background.",
            columns=("Grade", *_CROSS_COLUMNS), kinds=("count",) * 5 + ("percent",) * 2,
            rows=tuple(rows), chart=chart,
            notes=("Response rate: people with a classified answer as a share of the grade.",)),
            by_grade, frame.grades, ordered=True))
    by_function = _cross_background(frame.function, frame.functions, frame, k)
    if by_function is None:
        missing.append(_unprotectable("Function", k))
    else:
        tables.extend(_with_combined(Table(
            id="representation_by_function", title="Background by function",
            description="Current employees in each function by background.",
            columns=("Function", *_CROSS_COLUMNS), kinds=("count",) * 5 + ("percent",) * 2,
            rows=tuple(_background_rows(by_function, frame.functions))),
            by_function, frame.functions, ordered=False))
    return Section(id="representation", title="Representation by grade", intro=intro,
                   tables=tuple(tables), withheld=" ".join(missing))


def response_tables(insights: WorkforceInsights) -> tuple[Table, ...]:
    """Response rates by grade and function, derived from the published representation tables.

    These show no background breakdown, only the share with a classified answer,
    so they suit people who track the survey (network leads).
    """
    out = []
    for table_id, name in (("representation_by_grade", "grade"),
                           ("representation_by_function", "function")):
        try:
            t = insights.table(table_id)
        except KeyError:
            continue
        total_j = t.columns.index("Total") - 1
        rate_j = t.columns.index("Response rate") - 1
        rows = tuple((label, (cells[total_j], cells[rate_j])) for label, cells in t.rows)
        out.append(Table(
            id=f"response_by_{name}", title=f"Response rate by {name}",
            description=f"Share of current employees in each {name} with a classified answer "
                        "to the key question.",
            columns=(name.capitalize(), "People", "Response rate"), kinds=("count", "percent"),
            rows=rows,
            notes=(f"A rate is not published where the analysts' table of background by {name} "
                   "has to suppress the number without a classified answer, to protect a "
                   "small group.",),
            chart=Chart(kind="bars", categories=tuple(label for label, _ in rows[:-1]),
                        series=(("Response rate", tuple(c[1].value for _, c in rows[:-1])),),
                        summary=f"Response rate in each {name}.")))
    return tuple(out)


# -- progression and retention ---------------------------------------------------


def _rate_table(table_id: str, title: str, description: str, event: str, events_label: str,
                events: SuppressedTable, denominators: np.ndarray, k: int,
                key: dict[str, float | None], key_name: str) -> Table:
    """Rates by background from published event counts and published denominators."""
    published = _published(events)
    cells = count_cells(events)
    rows = []
    xs, ns = [], []
    for i, code in enumerate(BACKGROUNDS):
        x, n = _f(published[i]), _f(denominators[i])
        rate = _ratio(x, n)
        lo = hi = None
        if x is not None and n:
            lo, hi = wilson_interval(x, n)
        xs.append(x)
        ns.append(n)
        rows.append((BACKGROUND_LABELS[code], (cells[i], count_cell(n), percent_cell(rate),
                                                percent_cell(lo), percent_cell(hi))))
    x_all, n_all = _f(published[-1]), _sum(*ns)
    rows.append(("Total", (cells[-1], count_cell(n_all), percent_cell(_ratio(x_all, n_all)),
                           Cell(""), Cell(""))))
    notes = []
    comparator_x = _sum(xs[0], xs[1])
    comparator_n = _sum(ns[0], ns[1])
    rate_lower = _ratio(xs[2], ns[2])
    rate_comp = _ratio(comparator_x, comparator_n)
    key[f"{key_name}_lower"] = rate_lower
    key[f"{key_name}_comparator"] = rate_comp
    if None not in (comparator_x, comparator_n, xs[2], ns[2]) and comparator_n and ns[2]:
        diff, p = two_proportion_test(xs[2], ns[2], comparator_x, comparator_n)  # type: ignore[arg-type]
        notes.append(
            f"Lower socio-economic background against professional and intermediate together: "
            f"{100 * diff:+.1f} percentage points (two-proportion z-test, "
            f"p = {pvalue_cell(p).text}).")
        classified = [(x, n) for x, n in zip(xs[:3], ns[:3], strict=True)]
        if all(x is not None and n for x, n in classified):
            grid = np.array([[x, n - x] for x, n in classified],  # type: ignore[operator]
                            dtype=np.float64)
            if (grid.sum(axis=0) > 0).all():
                chi2, p3, dof, _ = scipy_stats.chi2_contingency(grid, correction=False)
                notes.append(f"Across the three classified backgrounds: chi-square = {chi2:.2f}, "
                             f"{dof} degrees of freedom, p = {pvalue_cell(p3).text}.")
    else:
        notes.append("The test of difference is not published: it needs counts that are "
                     "suppressed.")
    notes.append("Intervals are 95% Wilson score intervals. Rates and tests use published "
                 "counts only.")
    chart = Chart(
        kind="intervals", categories=tuple(BACKGROUND_LABELS[c] for c in CLASSIFIED),
        series=((f"{event} rate", tuple(r[1][2].value for r in rows[:3])),),
        lower=tuple(r[1][3].value for r in rows[:3]), upper=tuple(r[1][4].value for r in rows[:3]),
        summary=f"{event} rate by background with 95% confidence intervals.")
    return Table(id=table_id, title=title, description=description,
                 columns=("Background", events_label, "People", "Rate", "95% CI low",
                          "95% CI high"),
                 kinds=("count", "count", "percent", "percent", "percent"),
                 rows=tuple(rows), notes=tuple(notes), chart=chart)


def _days(column: pa.ChunkedArray) -> np.ndarray:
    values = pc.cast(column, pa.int32()).combine_chunks()
    return np.asarray(values.fill_null(-10**9).to_numpy(zero_copy_only=False))


def _progression_section(frame: _Frame, snapshot: HrSnapshot, profile: SuppressedTable,
                         background_all: np.ndarray, leaver: np.ndarray, window_start: date,
                         k: int, key: dict[str, float | None], withheld: str) -> Section:
    intro = ("Who is promoted and who leaves, by background, in the 12 months to the snapshot "
             "date.")
    if withheld:
        return Section(id="progression", title="Progression and retention", intro=intro,
                       withheld=withheld)
    tables = []
    epoch = date(1970, 1, 1)
    start, end = (window_start - epoch).days, (snapshot.snapshot_date - epoch).days
    denominators = _published(profile)[:4]
    if "last_promotion_date" in snapshot.present:
        promoted_day = _days(frame.table.column("last_promotion_date"))
        promoted = (promoted_day > start) & (promoted_day <= end)
        events = suppress(np.bincount(frame.background[promoted], minlength=4), k)
        tables.append(_rate_table(
            "promotion_rates", "Promotion rate by background",
            f"Current employees promoted between {window_start:%d %B %Y} and "
            f"{snapshot.snapshot_date:%d %B %Y}, as a share of current employees.",
            "Promotion", "Promoted", events, denominators, k, key, "promotion"))
    if "leaver" in snapshot.present or "leaving_date" in snapshot.present:
        left_day = _days(snapshot.table.column("leaving_date"))
        in_window = leaver & ((left_day == -10**9) | ((left_day > start) & (left_day <= end)))
        counts = np.bincount(background_all[in_window], minlength=4)
        events = suppress(counts, k)
        left = _published(events)[:4]
        at_start = np.array([_sum(_f(a), _f(b)) if _sum(_f(a), _f(b)) is not None else np.nan
                             for a, b in zip(denominators, left, strict=True)])
        tables.append(_rate_table(
            "attrition_rates", "Leaving rate by background",
            "People who left in the 12 months to the snapshot date, as a share of those who "
            "left plus current employees.", "Leaving", "Left", events, at_start, k, key,
            "attrition"))
    if not tables:
        return Section(id="progression", title="Progression and retention", intro=intro,
                       withheld="This snapshot has no last promotion date or leaver columns.")
    return Section(id="progression", title="Progression and retention", intro=intro,
                   tables=tuple(tables))


# -- pay ------------------------------------------------------------------------


def _pay_section(frame: _Frame, snapshot: HrSnapshot, profile: SuppressedTable, k: int,
                 key: dict[str, float | None], withheld: str,
                 noise: PayNoise | None) -> Section:
    intro = ("The socio-economic pay gap, reported the way employers report the gender pay "
             "gap: (comparator − lower) ÷ comparator, for mean and median hourly pay and bonus, "
             "with the share of each background in each pay quartile.")
    if withheld:
        return Section(id="pay", title="Pay gap", intro=intro, withheld=withheld)
    hourly, spread = noise.capped(frame.pay) if noise else (frame.pay, 0.0)
    headcount = np.bincount(frame.background, minlength=4)
    stats = {
        "mean": _group_stat(hourly, frame.background, 4, "mean"),
        "median": _group_stat(hourly, frame.background, 4, "median"),
    }
    if noise:
        for name, values in stats.items():
            noise.perturb(values[:4], headcount, spread, f"pay:{name}")
    pay = suppress(headcount, k, stats=stats)
    counts = _published(pay)
    means = pay.stats_with_margins["mean"]
    medians = pay.stats_with_margins["median"]
    mean_cells = stat_cells(pay, "mean")
    median_cells = stat_cells(pay, "median")
    counted = count_cells(pay)
    rows = [(label, (counted[i], mean_cells[i], median_cells[i]))
            for i, label in enumerate([*(BACKGROUND_LABELS[c] for c in BACKGROUNDS), "Total"])]

    n_p, n_i, n_l = (_f(counts[i]) for i in range(3))
    m_p, m_i, m_l = (_f(means[i]) for i in range(3))
    comp_mean = None
    if None not in (n_p, n_i, m_p, m_i) and (n_p + n_i):  # type: ignore[operator]
        comp_mean = (n_p * m_p + n_i * m_i) / (n_p + n_i)  # type: ignore[operator]
    # The combined median is a statistic of professional and intermediate together; it is
    # published only when both groups are (so the group has at least 2k people).
    both = not pay.suppressed[0] and not pay.suppressed[1]
    comparator = frame.background <= 1
    comp_median = _f(float(np.median(hourly[comparator]))) if both and comparator.any() \
        else None
    if noise and comp_median is not None:
        comp_median += noise.draw("pay:median:comparator", spread / int(comparator.sum()))
    gaps = [
        ("Professional", _gap(m_p, m_l), _gap(_f(medians[0]), _f(medians[2]))),
        ("Professional and intermediate", _gap(comp_mean, m_l), _gap(comp_median,
                                                                     _f(medians[2]))),
    ]
    key["mean_gap"] = gaps[1][1]
    key["median_gap"] = gaps[1][2]
    gap_rows = [(f"{name} vs lower", (percent_cell(mean), percent_cell(median)))
                for name, mean, median in gaps]
    tables = [
        Table(id="pay_by_background", title="Hourly pay by background",
              description="Ordinary hourly pay of current employees.",
              columns=("Background", "People", "Mean hourly pay", "Median hourly pay"),
              kinds=("count", "money", "money"), rows=tuple(rows)),
        Table(id="pay_gap", title="Socio-economic pay gap",
              description="How much less, per hour, people from lower socio-economic "
                          "backgrounds are paid than the comparator group, as a share of the "
                          "comparator's pay.",
              columns=("Comparator", "Mean hourly pay gap", "Median hourly pay gap"),
              kinds=("percent", "percent"), rows=tuple(gap_rows),
              notes=("A positive gap means lower-background employees are paid less. "
                     "National figure for comparison: people from working-class backgrounds "
                     "in professional jobs earn about 12-17% less (Social Mobility Foundation; "
                     "Laurison & Friedman 2016).",),
              chart=Chart(kind="bars", categories=tuple(r[0] for r in gap_rows),
                          series=(("Mean gap", tuple(r[1][0].value for r in gap_rows)),
                                  ("Median gap", tuple(r[1][1].value for r in gap_rows))),
                          summary="Mean and median hourly pay gap between each comparator "
                                  "group and people from lower socio-economic backgrounds.")),
    ]
    if "bonus" in snapshot.present:
        tables.append(_bonus_table(frame, counts, k, key, noise))
    tables.append(_quartile_table(frame, k))
    return Section(id="pay", title="Pay gap", intro=intro, tables=tuple(tables))


def _bonus_table(frame: _Frame, headcount: np.ndarray, k: int,
                 key: dict[str, float | None], noise: PayNoise | None) -> Table:
    bonus = np.asarray(frame.table.column("bonus").to_numpy(), dtype=np.float64)
    paid = bonus > 0
    groups = frame.background[paid]
    amounts, spread = noise.capped(bonus[paid]) if noise else (bonus[paid], 0.0)
    receivers = np.bincount(groups, minlength=4)
    stats = {"mean": _group_stat(amounts, groups, 4, "mean"),
             "median": _group_stat(amounts, groups, 4, "median")}
    if noise:
        for name, values in stats.items():
            noise.perturb(values[:4], receivers, spread, f"bonus:{name}")
    t = suppress(receivers, k, stats=stats)
    counts = _published(t)
    counted = count_cells(t)
    mean_cells, median_cells = stat_cells(t, "mean"), stat_cells(t, "median")
    rows = []
    for i, label in enumerate([*(BACKGROUND_LABELS[c] for c in BACKGROUNDS), "Total"]):
        rows.append((label, (counted[i], percent_cell(_ratio(_f(counts[i]), _f(headcount[i]))),
                             mean_cells[i], median_cells[i])))
    means, medians = t.stats_with_margins["mean"], t.stats_with_margins["median"]
    n_p, n_i = _f(counts[0]), _f(counts[1])
    comp = None
    if None not in (n_p, n_i, _f(means[0]), _f(means[1])) and (n_p + n_i):  # type: ignore[operator]
        comp = (n_p * means[0] + n_i * means[1]) / (n_p + n_i)  # type: ignore[operator]
    mean_gap = _gap(_f(comp) if comp is not None else None, _f(means[2]))
    median_gap = _gap(_f(medians[0]), _f(medians[2]))
    key["bonus_mean_gap"] = mean_gap
    notes = (f"Mean bonus gap, professional and intermediate vs lower: "
             f"{percent_cell(mean_gap).text}; "
             f"median bonus gap, professional vs lower: {percent_cell(median_gap).text}.",
             "Bonus statistics are over the people who received a bonus in the 12 months to "
             "the snapshot date.")
    return Table(id="bonus_by_background", title="Bonus by background",
                 description="Who received a bonus, and how much, by background.",
                 columns=("Background", "People receiving a bonus", "% receiving a bonus",
                          "Mean bonus", "Median bonus"),
                 kinds=("count", "percent", "money", "money"), rows=tuple(rows), notes=notes)


QUARTILES = ("Lower quartile", "Lower middle quartile", "Upper middle quartile",
             "Upper quartile")


def pay_quartiles(pay: np.ndarray) -> np.ndarray:
    """Quartile 0-3 of each person, ranking hourly pay from lowest to highest and splitting
    into four groups as equal in size as possible (gender pay gap method)."""
    order = np.argsort(pay, kind="stable")
    quartile = np.empty(len(pay), dtype=np.int64)
    quartile[order] = (np.arange(len(pay)) * 4) // max(len(pay), 1)
    return quartile


def _quartile_table(frame: _Frame, k: int) -> Table:
    quartile = pay_quartiles(frame.pay)
    counts = _crosstab(quartile, 4, frame.background, 4)
    # Quartile sizes follow from the headcount, and background totals are public.
    t = suppress(counts, k, public_totals="all", attribute_axis=1)
    values = _published(t)
    cells = np.array(count_cells(t), dtype=object).reshape(values.shape)
    rows, shares = [], []
    for i, label in enumerate([*QUARTILES, "Total"]):
        classified = _sum(*(_f(values[i, j]) for j in range(3)))
        row_shares = tuple(_ratio(_f(values[i, j]), classified) for j in range(3))
        if i < 4:
            shares.append(row_shares)
        rows.append((label, (*cells[i], *(percent_cell(s) for s in row_shares))))
    chart = Chart(kind="stacked", categories=QUARTILES,
                  series=tuple((BACKGROUND_LABELS[c], tuple(s[j] for s in shares))
                               for j, c in enumerate(CLASSIFIED)),
                  summary="For each pay quartile, lowest paid first, the shares of each "
                          "classified background.")
    return Table(
        id="pay_quartiles", title="Pay quartiles by background",
        description="Current employees ranked by hourly pay and split into four equal groups.",
        columns=("Quartile", *(BACKGROUND_LABELS[c] for c in BACKGROUNDS), "Total",
                 *(f"{BACKGROUND_LABELS[c]} % of classified" for c in CLASSIFIED)),
        kinds=("count",) * 5 + ("percent",) * 3, rows=tuple(rows), chart=chart)


# -- intersections ---------------------------------------------------------------


def _intersection_section(frame: _Frame, snapshot: HrSnapshot, profile: SuppressedTable,
                          k: int, withheld: str, noise: PayNoise | None) -> Section:
    intro = ("Background combined with sex and with ethnicity: representation and mean hourly "
             "pay in each combination.")
    if withheld:
        return Section(id="intersections", title="Intersections", intro=intro,
                       withheld=withheld)
    tables: list[Table] = []
    missing: list[str] = []
    for column, name in (("sex", "Sex"), ("ethnicity", "Ethnicity")):
        if column not in snapshot.present:
            continue
        codes, labels = _categories(frame.table.column(column).combine_chunks())
        codes, labels, merged = _merge_small(codes, labels, k)
        hourly, spread = noise.capped(frame.pay) if noise else (frame.pay, 0.0)
        grid = _grid_stat(hourly, codes, len(labels), frame.background, 4, "mean")
        if noise:
            counts = _crosstab(codes, len(labels), frame.background, 4)
            noise.perturb(grid[:-1, :4], counts, spread, f"{column}:mean")
            # The whole background groups' means are the pay table's: the same noise.
            noise.perturb(grid[-1, :4], np.bincount(frame.background, minlength=4), spread,
                          "pay:mean")
        stats = {"mean": grid}
        t = _cross_background(codes, labels, frame, k, stats=stats)
        if t is None:
            missing.append(_unprotectable(name, k))
            continue
        rows = _background_rows(t, labels)
        notes = ["Categories with fewer than k people, and \"not known\", are combined."] \
            if merged else []
        tables.extend(_with_combined(Table(
            id=f"{column}_by_background", title=f"{name} by background",
            description=f"Current employees by {column} and background.",
            columns=(name, *_CROSS_COLUMNS), kinds=("count",) * 5 + ("percent",) * 2,
            rows=tuple(rows), notes=tuple(notes)), t, labels, ordered=False))
        withheld_stats = _column_stat_guard(t, k)
        mean_cells = np.array(stat_cells(t, "mean", withheld_stats),
                              dtype=object).reshape(t.values_with_margins.shape)
        pay_rows = []
        means = t.stats_with_margins["mean"]
        for i, label in enumerate([*labels, "Total"]):
            gap = None
            if not withheld_stats[i, 2] and not withheld_stats[i, 0]:
                gap = _gap(_f(means[i, 0]), _f(means[i, 2]))
            pay_rows.append((label, (*mean_cells[i], percent_cell(gap))))
        tables.append(Table(
            id=f"{column}_pay_by_background", title=f"Mean hourly pay by {column} and "
                                                    "background",
            description=f"Mean ordinary hourly pay of current employees by {column} and "
                        "background.",
            columns=(name, *(BACKGROUND_LABELS[c] for c in BACKGROUNDS), "All",
                     "Pay gap, professional vs lower"),
            kinds=("money",) * 5 + ("percent",), rows=tuple(pay_rows),
            notes=("A mean is withheld where its cell is suppressed, or where it could be "
                   "combined with the published means of whole background groups to work out "
                   "the mean pay of fewer than k people.",)))
    if not tables and not missing:
        return Section(id="intersections", title="Intersections", intro=intro,
                       withheld="This snapshot has no sex or ethnicity columns.")
    return Section(id="intersections", title="Intersections", intro=intro, tables=tuple(tables),
                   withheld=" ".join(missing))


def _column_stat_guard(t: SuppressedTable, k: int) -> np.ndarray:
    """Cells (with totals) whose statistic must also be withheld because the column's total
    statistic is published elsewhere (the pay by background table).

    If a column's suppressed cells hold 1 to k-1 people together, the column total's
    mean minus the published cells' means would give those few people's mean: withhold
    every cell statistic in that column. Row totals are handled by :func:`suppress`.
    """
    suppressed = t.suppressed_with_margins
    values = t.values_with_margins
    n_rows, n_cols = values.shape
    withheld = np.zeros_like(suppressed)
    for j in range(n_cols - 1):
        hidden = suppressed[:-1, j]
        if not hidden.any():
            continue
        total = values[-1, j]
        shown = np.nansum(values[:-1, j][~hidden])
        hidden_people = total - shown if not math.isnan(total) else math.nan
        if math.isnan(hidden_people) or 0 < hidden_people < k:
            withheld[:-1, j] = True
    return withheld


# -- mobility ----------------------------------------------------------------------


def _mobility_section(frame: _Frame, snapshot: HrSnapshot, profile: SuppressedTable, k: int,
                      withheld: str) -> Section:
    intro = ("Parents' class (from the key question) against people's own class now (from the "
             "SOC 2020 major group of their job): a mobility table for this workforce, with "
             "absolute rates and log-linear models from upward.measure.")
    if withheld:
        return Section(id="mobility", title="Workforce mobility table", intro=intro,
                       withheld=withheld)
    if "soc_code" not in snapshot.present:
        return Section(id="mobility", title="Workforce mobility table", intro=intro,
                       withheld="This snapshot has no SOC 2020 codes, so people's current "
                                "class is not known.")
    classes = _soc_classes()
    destination = _destination(frame.table)
    column_labels = (*(label for _c, label, _g in classes), "No SOC code")
    counts = _crosstab(frame.background, 4, destination, 4)
    # Rows are the background groups, whose totals the profile publishes.
    t = suppress(counts, k, public_totals="rows")
    values = _published(t)
    cells = np.array(count_cells(t), dtype=object).reshape(values.shape)
    rows = [(label, tuple(cells[i]))
            for i, label in enumerate([*(BACKGROUND_LABELS[c] for c in BACKGROUNDS), "Total"])]
    main = Table(
        id="mobility_table", title="Parents' class by own class",
        description="Current employees: rows are the main household earner's class at about "
                    "14, columns the class of the person's job now.",
        columns=("Parents' class", *column_labels, "Total"), kinds=("count",) * 5,
        rows=tuple(rows),
        notes=("Own class from the SOC major group is an approximation (ONS derives NS-SEC "
               "from the unit group and employment status): groups 1-3 professional or "
               "managerial, 4 intermediate, 5-9 routine or manual.",))
    block = values[:3, :3]
    tables = [main]
    if np.isnan(block).any():
        return Section(id="mobility", title="Workforce mobility table", intro=intro,
                       tables=(main,), withheld="Mobility rates and model fits are not "
                       "published: they would need cells that are suppressed.")
    if (block.sum(axis=1) == 0).any() or (block.sum(axis=0) == 0).any():
        return Section(id="mobility", title="Workforce mobility table", intro=intro,
                       tables=(main,), withheld="Mobility rates need at least one person in "
                       "every class.")
    from upward.measure import MobilityTable  # imported here: only this section needs it

    labels = tuple(BACKGROUND_LABELS[c] for c in CLASSIFIED)
    mt = MobilityTable(block, labels=labels)
    rates = mt.absolute_rates()
    rate_rows = tuple((name.capitalize(), (percent_cell(getattr(rates, name)),))
                      for name in ("immobile", "upward", "downward", "structural",
                                   "circulation"))
    outflow = tuple((label, (percent_cell(rates.outflow_upward[i]),
                             percent_cell(rates.outflow_immobile[i]),
                             percent_cell(rates.outflow_downward[i])))
                    for i, label in enumerate(labels))
    tables.append(Table(
        id="mobility_rates", title="Absolute mobility rates",
        description="Shares of people with a classified background and a SOC code whose own "
                    "class is the same as, above or below their parents'.",
        columns=("Rate", "Share"), kinds=("percent",), rows=rate_rows,
        notes=("Structural mobility is the part forced by the difference between parents' and "
               "own class distributions; circulation is the rest (Erikson & Goldthorpe 1992).",)))
    tables.append(Table(
        id="mobility_outflow", title="Where people from each background are now",
        description="Of people from each background, the share now in a higher class, the "
                    "same class or a lower class.",
        columns=("Parents' class", "Moved up", "Same class", "Moved down"),
        kinds=("percent",) * 3, rows=outflow,
        chart=Chart(kind="stacked", categories=labels,
                    series=(("Moved up", tuple(r[1][0].value for r in outflow)),
                            ("Same class", tuple(r[1][1].value for r in outflow)),
                            ("Moved down", tuple(r[1][2].value for r in outflow))),
                    summary="For each parental background, the shares now above, in and below "
                            "their parents' class.")))
    fit_rows = []
    models: tuple[tuple[Literal["independence", "quasi_independence",
                                "uniform_association"], str], ...] = (
        ("independence", "Independence (no association)"),
        ("quasi_independence", "Quasi-independence (diagonal only)"),
        ("uniform_association", "Uniform association"))
    for model, label in models:
        try:
            fit = mt.fit(model)
        except (ValueError, np.linalg.LinAlgError):
            fit_rows.append((label, (Cell("could not be fitted"), Cell(""), Cell(""), Cell(""))))
            continue
        fit_rows.append((label, (number_cell(fit.g2), number_cell(float(fit.df), "{:.0f}"),
                                 pvalue_cell(fit.p_value), number_cell(fit.bic, "{:.1f}"))))
    tables.append(Table(
        id="mobility_models", title="Log-linear models of the mobility table",
        description="How well simple models of the link between parents' class and own class "
                    "fit this workforce.",
        columns=("Model", "G²", "Degrees of freedom", "p-value", "BIC"),
        kinds=("number", "number", "pvalue", "number"), rows=tuple(fit_rows),
        notes=("A small p-value for independence means own class depends on parents' class. "
               "Lower BIC is a better trade-off between fit and simplicity.",)))
    return Section(id="mobility", title="Workforce mobility table", intro=intro,
                   tables=tuple(tables))


# ---------------------------------------------------------------------------
# Trends across snapshots
# ---------------------------------------------------------------------------

TREND_FIGURES: tuple[tuple[str, str], ...] = (
    ("response_rate", "Response rate"),
    ("lower_share", "Lower background, % of classified"),
    ("lower_share_top_grade", "Lower background in the top grade, % of classified"),
    ("mean_gap", "Mean hourly pay gap (prof. + int. vs lower)"),
    ("median_gap", "Median hourly pay gap (prof. + int. vs lower)"),
    ("promotion_lower", "Promotion rate, lower background"),
    ("promotion_comparator", "Promotion rate, prof. + int."),
)


def headline_figures(insights: WorkforceInsights) -> tuple[tuple[str, str], ...]:
    """The key figures of one snapshot as (label, text), for a summary before the tables;
    "not published" where a figure needs a suppressed cell."""
    count = count_cell(insights.key.get("headcount"))
    return (("Headcount", count.text),
            *((label, percent_cell(insights.key.get(name)).text) for name, label in TREND_FIGURES))


def trends(snapshots: Sequence[WorkforceInsights]) -> Table:
    """Key figures of each snapshot, oldest first; each derived from that snapshot's
    published tables only."""
    ordered = sorted(snapshots, key=lambda s: s.snapshot_date)
    dates = tuple(s.snapshot_date.isoformat() for s in ordered)
    rows = []
    for name, label in TREND_FIGURES:
        rows.append((label, tuple(percent_cell(s.key.get(name)) for s in ordered)))
    headcount = ("Headcount", tuple(count_cell(s.key.get("headcount")) for s in ordered))
    chart = Chart(kind="lines", categories=dates,
                  series=tuple((label, tuple(c.value for c in cells))
                               for label, cells in rows[1:5]),
                  summary="Lower-background share overall and in the top grade, and the pay "
                          "gaps, at each snapshot date.")
    return Table(id="trends", title="Trends across snapshots",
                 description="Headline figures at each snapshot date.",
                 columns=("Figure", *dates), kinds=("percent",) * len(dates),
                 rows=(headcount, *rows), chart=chart,
                 notes=("Each snapshot is a different set of people: joiners, leavers and new "
                        "survey answers all move these figures.",))

"""A synthetic HR snapshot with realistic socio-economic gaps, for the demo, tests and benchmark.

Nobody in it is real. The structure and the gaps are built in on purpose, of
the size the UK evidence reports (``shared/reference/smc-measurement.md``):

* own class (the SOC major group of the job: professional or managerial,
  intermediate, routine or manual) depends on parents' class as in British
  mobility surveys — it is drawn from the outflow table ``_OUTFLOW``, whose
  professional column is the Social Mobility Commission's published 60% of
  people from professional backgrounds in professional jobs against 34% from
  working-class backgrounds;
* professional and managerial jobs sit in higher grades, and within a class
  people from lower backgrounds sit a little lower (the class ceiling), so they
  are under-represented in senior grades and paid about 10-17% less per hour on
  average (mostly because of the grades they are in, a little within grades);
* they are promoted less often and leave more often.

Randomness comes only from ``seed``: the same seed gives the same people.

Examples
--------
>>> from datetime import date
>>> people = synthetic_people(2000, seed=7, snapshot_date=date(2025, 3, 31))
>>> int((~people.leaver).sum())
2000
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from upward.reports.hr_file import HrSnapshot, read_hr_file

__all__ = ["SyntheticPeople", "synthetic_csv", "synthetic_people", "synthetic_snapshot"]

GRADES = ("Grade 1", "Grade 2", "Grade 3", "Grade 4", "Grade 5", "Grade 6", "Grade 7")
_GRADE_SHARES = np.array([0.25, 0.22, 0.18, 0.13, 0.10, 0.07, 0.05])
_GRADE_PAY = np.array([12.6, 15.4, 19.2, 24.5, 32.0, 44.0, 68.0])
_GRADE_BONUS_CHANCE = np.array([0.10, 0.15, 0.25, 0.40, 0.55, 0.70, 0.85])
FUNCTIONS = ("Operations", "Customer service", "Technology", "Finance", "Sales",
             "People and HR", "Legal", "Marketing")
# Key question option numbers 1-9 by background: professional (1, 2), intermediate (3, 7),
# lower (4, 5, 6), not classified (8, 9).
_ANSWER_SHARES = np.array([0.22, 0.18, 0.13, 0.12, 0.17, 0.02, 0.08, 0.04, 0.04])
_BACKGROUND_OF_ANSWER = np.array([0, 0, 1, 2, 2, 2, 1, 3, 3])

# Own class now (columns: professional or managerial, intermediate, routine or manual; the
# SOC major groups 1-3, 4 and 5-9 of upward/data/reports/soc_major_class.toml) given
# parents' class (rows: professional, intermediate, lower background). The professional
# column is the published British outflow: "60% of people from professional backgrounds
# are in professional jobs against 34% from working-class backgrounds" (Social Mobility
# Commission, State of the Nation 2018-19; see shared/reference/smc-measurement.md). The
# intermediate row lies between the two published rows; the split of the rest between
# intermediate (clerical) and routine or manual jobs is ours, with the same direction: the
# lower the background, the more routine or manual work. The "not classified" row is the
# classified rows' average, weighted by how common each background is.
_OUTFLOW = np.array([[0.60, 0.14, 0.26],
                     [0.46, 0.15, 0.39],
                     [0.34, 0.14, 0.52]])
_CLASS_SHARES = np.bincount(_BACKGROUND_OF_ANSWER, weights=_ANSWER_SHARES)[:3]
_OUTFLOW_ALL = np.vstack([_OUTFLOW, _CLASS_SHARES @ _OUTFLOW / _CLASS_SHARES.sum()])
# Latent seniority by own class (professional and managerial jobs sit in higher grades) and,
# a little, by background within a class (the class ceiling).
_CLASS_SHIFT = np.array([0.4, 0.0, -0.7])
_GRADE_SHIFT = np.array([0.10, 0.0, -0.10, 0.0])
# Jobs of each own class: (function, SOC 2020 unit group in junior grades, in senior grades,
# weight). The unit groups are illustrative; their major group is what sets the class.
_JOBS: tuple[tuple[tuple[str, str, str, float], ...], ...] = (
    (("Technology", "3132", "2134", 0.26), ("Finance", "3537", "2421", 0.15),
     ("Operations", "3541", "1161", 0.17), ("Sales", "3554", "3554", 0.14),
     ("Marketing", "3552", "2431", 0.10), ("People and HR", "3562", "2493", 0.09),
     ("Legal", "3520", "2412", 0.06), ("Customer service", "3555", "1254", 0.03)),
    (("Finance", "4122", "4122", 0.30), ("Operations", "4134", "4134", 0.25),
     ("People and HR", "4138", "4138", 0.18), ("Legal", "4124", "4124", 0.15),
     ("Customer service", "4159", "4159", 0.12)),
    (("Operations", "9260", "8214", 0.45), ("Customer service", "7211", "7220", 0.33),
     ("Sales", "7111", "7130", 0.22)),
)
_PAY_WITHIN_GRADE = np.array([1.0, 0.995, 0.99, 0.995])
_PROMOTION_RATE = np.array([0.14, 0.12, 0.085, 0.11])
_LEAVING_RATE = np.array([0.09, 0.10, 0.125, 0.11])
SEXES = ("Female", "Male")
ETHNICITIES = ("White British", "White other", "Asian or Asian British",
               "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups",
               "Other ethnic group", "")
REGIONS = ("London", "North West", "Yorkshire and the Humber", "West Midlands", "Scotland",
           "Wales")


@dataclass(frozen=True)
class SyntheticPeople:
    """Columns of a synthetic workforce (current employees first, then leavers)."""

    snapshot_date: date
    employee_id: np.ndarray
    grade: np.ndarray
    function: np.ndarray
    soc_code: np.ndarray
    hourly_pay: np.ndarray
    bonus: np.ndarray
    fte: np.ndarray
    start_date: np.ndarray  # datetime64[D]
    last_promotion_date: np.ndarray  # datetime64[D], NaT for none
    leaver: np.ndarray
    leaving_date: np.ndarray
    sex: np.ndarray
    ethnicity: np.ndarray
    region: np.ndarray
    answer: np.ndarray  # key question option number 1-9 (everyone's true answer)
    school_type: np.ndarray
    free_school_meals: np.ndarray
    parental_degree: np.ndarray

    @property
    def n(self) -> int:
        return len(self.employee_id)


def synthetic_people(current: int, *, seed: int = 2026, snapshot_date: date,
                     leaver_share: float | None = None) -> SyntheticPeople:
    """``current`` employees at ``snapshot_date`` plus those who left in the year before."""
    rng = np.random.default_rng(seed)
    answer_current = rng.choice(9, size=current, p=_ANSWER_SHARES) + 1
    background_current = _BACKGROUND_OF_ANSWER[answer_current - 1]
    rate = _LEAVING_RATE[background_current]
    if leaver_share is not None:
        rate = rate * leaver_share / _LEAVING_RATE.mean()
    leaves = rng.random(current) < rate / (1 - rate)
    n = current + int(leaves.sum())
    answer = np.concatenate([answer_current, answer_current[leaves]])
    background = _BACKGROUND_OF_ANSWER[answer - 1]
    leaver = np.zeros(n, dtype=bool)
    leaver[current:] = True

    own_class = _draw_rows(rng, _OUTFLOW_ALL[background])
    latent = rng.normal(size=n) + _CLASS_SHIFT[own_class] + _GRADE_SHIFT[background]
    cuts = np.quantile(latent, np.cumsum(_GRADE_SHARES)[:-1])
    grade = np.searchsorted(cuts, latent)
    senior = grade >= 4
    function = np.empty(n, dtype=np.int64)
    soc = np.empty(n, dtype=object)
    for c, jobs in enumerate(_JOBS):
        rows = np.flatnonzero(own_class == c)
        weights = np.array([w for *_job, w in jobs])
        pick = rng.choice(len(jobs), size=len(rows), p=weights / weights.sum())
        for j, (name, junior, senior_code, _w) in enumerate(jobs):
            chosen = rows[pick == j]
            function[chosen] = FUNCTIONS.index(name)
            soc[chosen] = np.where(senior[chosen], senior_code, junior)
    soc[rng.random(n) < 0.08] = ""
    # Chief executives and senior officials, among the managers at the top.
    soc[(grade == 6) & (own_class == 0) & (rng.random(n) < 0.7)] = "1115"

    pay = _GRADE_PAY[grade] * _PAY_WITHIN_GRADE[background] * rng.lognormal(0, 0.11, n)
    pay = np.round(pay, 2)
    gets_bonus = rng.random(n) < _GRADE_BONUS_CHANCE[grade] * np.where(background == 2, 0.85, 1)
    bonus = np.where(gets_bonus, np.round(pay * 1820 * rng.uniform(0.02, 0.12, n) *
                                          (1 + grade / 3), 0), 0.0)
    fte = np.where(rng.random(n) < 0.85, 1.0, np.round(rng.uniform(0.4, 0.9, n), 2))

    today = np.datetime64(snapshot_date, "D")
    tenure = np.minimum(rng.exponential(6 * 365, n) + 30 + grade * 200, 40 * 365).astype(int)
    start = today - tenure
    promoted_recently = (rng.random(n) < _PROMOTION_RATE[background]) & (tenure > 200) & (grade > 0)
    earlier = rng.random(n) < 0.6
    days_ago = np.where(promoted_recently, rng.integers(1, 364, n),
                        rng.integers(366, 366 + 5 * 365, n))
    promotion = today - np.minimum(days_ago, np.maximum(tenure - 1, 1))
    has_promotion = promoted_recently | (earlier & (grade > 0) & (promotion > start))
    promotion = np.where(has_promotion & (promotion > start), promotion, np.datetime64("NaT"))
    leaving = np.where(leaver, today - rng.integers(0, 364, n), np.datetime64("NaT"))
    start = np.where(leaver & (start >= leaving), leaving - 30, start)
    promotion = np.where(leaver & (promotion >= leaving), np.datetime64("NaT"), promotion)

    sex = np.array(SEXES, dtype=object)[rng.choice(2, size=n, p=[0.51, 0.49])]
    ethnicity = np.array(ETHNICITIES, dtype=object)[
        rng.choice(len(ETHNICITIES), size=n, p=[0.70, 0.08, 0.11, 0.05, 0.03, 0.01, 0.02])]
    region = np.array(REGIONS, dtype=object)[
        rng.choice(len(REGIONS), size=n, p=[0.34, 0.16, 0.14, 0.14, 0.12, 0.10])]
    # Supporting questions, correlated with background.
    independent = rng.random(n) < np.where(background == 0, 0.14, 0.02)
    school = np.where(independent, "independent",
                      np.where(rng.random(n) < 0.22, "state_selective", "state_non_selective"))
    school = np.where(rng.random(n) < 0.05, "outside_uk", school)
    school = np.where(rng.random(n) < 0.03, "prefer_not_to_say", school)
    school = np.where(rng.random(n) < 0.01, "dont_know", school)
    school = np.where(independent & (background == 2) & (rng.random(n) < 0.5),
                      "independent_bursary", school)
    fsm = np.where(rng.random(n) < np.where(background == 2, 0.32, 0.06), "yes", "no")
    fsm = np.where(rng.random(n) < 0.05, "dont_know", fsm)
    fsm = np.where(rng.random(n) < 0.03, "not_applicable", fsm)
    fsm = np.where(rng.random(n) < 0.02, "prefer_not_to_say", fsm)
    degree = np.where(rng.random(n) < np.where(background == 0, 0.6, 0.15), "yes", "no")
    degree = np.where(rng.random(n) < 0.04, "dont_know", degree)
    degree = np.where(rng.random(n) < 0.02, "prefer_not_to_say", degree)
    width = max(6, len(str(n)))
    ids = np.array([f"E{i:0{width}d}" for i in rng.permutation(n) + 1], dtype=object)
    return SyntheticPeople(
        snapshot_date=snapshot_date, employee_id=ids,
        grade=np.array(GRADES, dtype=object)[grade],
        function=np.array(FUNCTIONS, dtype=object)[function], soc_code=soc, hourly_pay=pay,
        bonus=bonus, fte=fte, start_date=start, last_promotion_date=promotion, leaver=leaver,
        leaving_date=leaving, sex=sex, ethnicity=ethnicity, region=region, answer=answer,
        school_type=school.astype(object), free_school_meals=fsm.astype(object),
        parental_degree=degree.astype(object))


def _draw_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of ``probabilities`` (each row sums to 1)."""
    cumulative = np.cumsum(probabilities, axis=1)
    u = rng.random(len(probabilities))[:, None]
    return np.minimum((u > cumulative).sum(axis=1), probabilities.shape[1] - 1)


def _date_strings(values: np.ndarray) -> pa.Array:
    return pc.fill_null(pc.cast(pa.array(values.astype("datetime64[D]")), pa.string()), "")


def synthetic_csv(people: SyntheticPeople, *, hr_answers: np.ndarray | None = None) -> bytes:
    """The people as an HR CSV export; answers only where ``hr_answers`` is true."""
    n = people.n
    given = np.ones(n, dtype=bool) if hr_answers is None else hr_answers

    def masked(values: np.ndarray) -> pa.Array:
        return pa.array(np.where(given, values.astype(str), ""), type=pa.string())

    table = pa.table({
        "Employee ID": pa.array(people.employee_id, type=pa.string()),
        "Grade": pa.array(people.grade, type=pa.string()),
        "Function": pa.array(people.function, type=pa.string()),
        "SOC 2020 code": pa.array(people.soc_code, type=pa.string()),
        "Hourly pay": pc.cast(pa.array(np.where(people.leaver, np.nan, people.hourly_pay)),
                              pa.string()),
        "Bonus": pc.cast(pa.array(people.bonus), pa.string()),
        "FTE": pc.cast(pa.array(people.fte), pa.string()),
        "Start date": _date_strings(people.start_date),
        "Last promotion date": _date_strings(people.last_promotion_date),
        "Leaver": pa.array(np.where(people.leaver, "Yes", "No"), type=pa.string()),
        "Leaving date": _date_strings(people.leaving_date),
        "Sex": pa.array(people.sex, type=pa.string()),
        "Ethnicity": pa.array(people.ethnicity, type=pa.string()),
        "Region": pa.array(people.region, type=pa.string()),
        "Main household earner occupation": masked(people.answer),
        "School type": masked(people.school_type),
        "Free school meals": masked(people.free_school_meals),
        "Parental degree": masked(people.parental_degree),
    })
    table = table.set_column(4, "Hourly pay",
                             pc.if_else(pc.equal(table.column(4), "nan"), "", table.column(4)))
    sink = io.BytesIO()
    pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
    return sink.getvalue()


def synthetic_snapshot(current: int, *, seed: int = 2026, snapshot_date: date,
                       hr_answer_share: float = 1.0) -> HrSnapshot:
    """A checked snapshot of ``current`` synthetic employees (through the real importer)."""
    people = synthetic_people(current, seed=seed, snapshot_date=snapshot_date)
    rng = np.random.default_rng(seed + 1)
    data = synthetic_csv(people, hr_answers=rng.random(people.n) < hr_answer_share)
    return read_hr_file(data, snapshot_date=snapshot_date)

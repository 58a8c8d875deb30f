"""A synthetic HR snapshot with realistic socio-economic gaps, for the demo, tests and benchmark.

Nobody in it is real. The gaps are built in on purpose, of the size the UK
evidence reports (``shared/reference/smc-measurement.md``): people from lower
socio-economic backgrounds are under-represented in senior grades, are paid
about 10-17% less per hour on average (mostly because of the grades they are
in, a little within grades), are promoted less often and leave more often.

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
_FUNCTION_SHARES = np.array([0.33, 0.20, 0.13, 0.09, 0.12, 0.05, 0.03, 0.05])
# (junior SOC unit group, senior SOC unit group) per function
_SOC = {
    "Operations": ("9260", "1161"), "Customer service": ("7211", "7220"),
    "Technology": ("3132", "2134"), "Finance": ("4122", "2421"), "Sales": ("7111", "3554"),
    "People and HR": ("4138", "2493"), "Legal": ("4124", "2412"), "Marketing": ("3552", "2431"),
}
# Key question option numbers 1-9 by background: professional (1, 2), intermediate (3, 7),
# lower (4, 5, 6), not classified (8, 9).
_ANSWER_SHARES = np.array([0.22, 0.18, 0.13, 0.12, 0.17, 0.02, 0.08, 0.04, 0.04])
_BACKGROUND_OF_ANSWER = np.array([0, 0, 1, 2, 2, 2, 1, 3, 3])
_GRADE_SHIFT = np.array([0.18, 0.04, -0.14, 0.0])  # latent seniority by background
_PAY_WITHIN_GRADE = np.array([1.0, 0.99, 0.98, 0.99])
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

    latent = rng.normal(size=n) + _GRADE_SHIFT[background]
    cuts = np.quantile(latent, np.cumsum(_GRADE_SHARES)[:-1])
    grade = np.searchsorted(cuts, latent)
    function = rng.choice(len(FUNCTIONS), size=n, p=_FUNCTION_SHARES)
    senior = grade >= 4
    soc = np.array([_SOC[FUNCTIONS[f]][int(s)] for f, s in zip(function, senior, strict=True)],
                   dtype=object)
    soc[rng.random(n) < 0.08] = ""
    soc[(grade == 6) & (rng.random(n) < 0.7)] = "1115"  # chief executives and senior officials

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

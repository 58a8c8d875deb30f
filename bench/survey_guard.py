"""What the differencing guard costs: answers held back, and time, on a workforce that changes.

A synthetic workforce (``upward.demo.synthetic_workforce``) is carried forward
release by release: each step some people leave (they appear as leavers), some are
promoted a grade, some join, and pay rises 3%. A share of everyone ever employed
has answered the survey and confirmed their employee number. Each release goes
through :func:`upward.reports.workforce.protected_analysis` with the ledger of the
ones before, as the web app does.

Printed per release: answers matched to a row, used, held back (and the share),
and the guard's time as a ratio of the analysis it protects, both measured in the
same run.

    python bench/survey_guard.py                       # 2,000 staff, 4 yearly releases
    python bench/survey_guard.py --staff 500
    python bench/survey_guard.py --cadence monthly --releases 7
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from upward.demo.synthetic_workforce import synthetic_snapshot
from upward.reports.hr_file import ANSWER_FIELDS, HrSnapshot
from upward.reports.survey_guard import guard
from upward.reports.workforce import SurveyAnswers, analyse, survey_groupings, survey_rows

CADENCES = {  # leave, promoted, join per step; days per step
    "yearly": (0.11, 0.10, 0.11, 365),
    "quarterly": (0.03, 0.025, 0.03, 91),
    "monthly": (0.01, 0.008, 0.01, 30),
}
OPTIONS = ("professional", "clerical_intermediate", "routine_manual_service",
           "technical_craft", "prefer_not_to_say")


def _set(table: pa.Table, name: str, values) -> pa.Table:
    field = table.schema.field(name)
    return table.set_column(table.schema.get_field_index(name), field,
                            pa.array(values, type=field.type))


def _step(table: pa.Table, grades: tuple[str, ...], day: date, rates, rng, step: int
          ) -> pa.Table:
    leave_rate, promote_rate, join_rate, days = rates
    current = table.filter(pc.invert(table.column("leaver")))
    n = current.num_rows
    leave = rng.random(n) < leave_rate
    promoted = (rng.random(n) < promote_rate) & ~leave
    grade = [grades[min(grades.index(g) + 1, len(grades) - 1)] if p else g
             for g, p in zip(current.column("grade").to_pylist(), promoted, strict=True)]
    recent = [day - timedelta(days=int(rng.integers(1, days))) for _ in range(n)]
    last = [r if p else d for r, p, d in zip(recent, promoted,
                                             current.column("last_promotion_date").to_pylist(),
                                             strict=True)]
    pay = np.asarray(current.column("hourly_pay").to_numpy(zero_copy_only=False), float)
    moved = _set(_set(_set(current, "grade", grade), "last_promotion_date", last),
                 "hourly_pay", np.round(pay * 1.03, 2))
    moved = _set(_set(moved, "leaver", leave), "leaving_date",
                 [r if gone else None for r, gone in zip(recent, leave, strict=True)])
    joiners = synthetic_snapshot(max(1, int(n * join_rate)), seed=1000 + step,
                                 snapshot_date=date(2025, 3, 31)).table
    joiners = joiners.filter(pc.invert(joiners.column("leaver")))
    joiners = _set(joiners, "employee_id", [f"J{step}-{i}" for i in range(joiners.num_rows)])
    return pa.concat_tables([moved, joiners.cast(moved.schema)]).combine_chunks()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--cadence", choices=sorted(CADENCES), default="yearly")
    parser.add_argument("--releases", type=int, default=4)
    parser.add_argument("--answered", type=float, default=0.65,
                        help="share of everyone who answered and confirmed their number")
    parser.add_argument("-k", type=int, default=10)
    args = parser.parse_args()
    rng = np.random.default_rng(5)
    rates = CADENCES[args.cadence]
    first = synthetic_snapshot(args.staff, seed=11, snapshot_date=date(2020, 3, 31))
    snapshots: list[HrSnapshot] = [first]
    day = first.snapshot_date
    for step in range(1, args.releases):
        day = day + timedelta(days=rates[3])
        table = _step(snapshots[-1].table, first.grade_order, day, rates, rng, step)
        snapshots.append(replace(first, table=table, snapshot_date=day))

    everyone = sorted(set().union(*(s.table.column("employee_id").to_pylist()
                                    for s in snapshots)))
    linked = [e for e in everyone if rng.random() < args.answered]
    key = list(rng.choice(OPTIONS, size=len(linked)))
    survey = SurveyAnswers(
        employee_ids=linked,
        answers={q: key if q == ANSWER_FIELDS[0] else [None] * len(linked)
                 for q in ANSWER_FIELDS},
        tokens=list(range(1, len(linked) + 1)))

    print(f"{args.staff:,} staff, {args.cadence} releases, {args.answered:.0%} answered, "
          f"k = {args.k}")
    print(f"{'release':>10} {'matched':>8} {'used':>6} {'held back':>10} "
          f"{'guard s':>8} {'analysis s':>10} {'guard/analysis':>15}")
    ledger = []
    for snapshot in snapshots:
        rows = survey_rows(snapshot, survey)
        matched = survey.subset(rows >= 0)
        started = time.perf_counter()
        groupings = survey_groupings(snapshot, rows[rows >= 0], args.k)
        decision = guard(np.asarray(matched.tokens), groupings, k=args.k, ledger=ledger)
        guard_s = time.perf_counter() - started
        started = time.perf_counter()
        analyse(snapshot, survey=matched.subset(decision.used), k=args.k, noise_seed=1)
        analysis_s = time.perf_counter() - started
        ledger.append(decision.release)
        held = decision.n_held_back
        print(f"{snapshot.snapshot_date.isoformat():>10} {len(matched):>8,} "
              f"{decision.n_used:>6,} {held:>5,} ({held / max(len(matched), 1):>4.0%}) "
              f"{guard_s:>8.2f} {analysis_s:>10.2f} {guard_s / analysis_s:>15.2f}")


if __name__ == "__main__":
    main()

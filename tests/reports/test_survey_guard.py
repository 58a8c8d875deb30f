"""Attacks on survey answers through crafted HR files, and the guard that stops them.

An analyst writes the HR file; survey answers are private. Each attack below is
run twice: against the plain join (:func:`analyse` with every linked answer,
which is what Upward did before the guard) to show that the attack works and the
test can fail, and against :func:`protected_analysis`, where it must learn
nothing. "Learns nothing" is checked the strong way where it can be: the
published tables are identical whatever the target answered.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
from upward.reports.hr_file import ANSWER_FIELDS, read_hr_file
from upward.reports.survey_guard import Grouping, Release, guard
from upward.reports.workforce import (
    BACKGROUNDS,
    SurveyAnswers,
    WorkforceInsights,
    analyse,
    protected_analysis,
    survey_groupings,
    survey_rows,
)

DAY = date(2025, 3, 31)
K = 10
# One key-question option for each background group (professional, intermediate, lower,
# not classified) and the number HR files use for it.
OPTION_OF = {"professional": "professional", "intermediate": "clerical_intermediate",
             "lower": "routine_manual_service", "not_classified": "prefer_not_to_say"}
HR_NUMBER_OF = {"professional": "1", "intermediate": "3", "lower": "5", "not_classified": "9"}
COUNT_TABLES = ("background_profile", "representation_by_grade", "representation_by_function",
                "pay_quartiles", "sex_by_background", "ethnicity_by_background",
                "mobility_table", "promotion_rates", "attrition_rates", "bonus_by_background")


def _workforce(n: int = 600, seed: int = 4, hr_answers: bool = False
               ) -> tuple[list[str], list[dict[str, str]]]:
    """A synthetic workforce as CSV rows, with HR holding nobody's answers (or everyone's)."""
    people = synthetic_people(n, seed=seed, snapshot_date=DAY)
    text = synthetic_csv(people, hr_answers=np.full(people.n, hr_answers)).decode()
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or ()), list(reader)


def _snapshot(header: list[str], rows: list[dict[str, str]]):
    sink = io.StringIO()
    writer = csv.DictWriter(sink, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return read_hr_file(sink.getvalue().encode(), snapshot_date=DAY)


def _survey(ids: list[str], groups: list[str]) -> SurveyAnswers:
    answers = {q: [None] * len(ids) for q in ANSWER_FIELDS}
    answers["main_earner_occupation"] = [OPTION_OF[g] for g in groups]
    return SurveyAnswers(employee_ids=list(ids), answers=answers,
                         tokens=[1000 + i for i in range(len(ids))])


def _linked(rows: list[dict[str, str]], share: float = 0.7, seed: int = 9
            ) -> tuple[list[str], list[str]]:
    """Employee ids of current staff who answered the survey, and their true groups."""
    rng = np.random.default_rng(seed)
    ids = [r["Employee ID"] for r in rows if r["Leaver"] == "No" and rng.random() < share]
    groups = list(rng.choice(BACKGROUNDS, size=len(ids), p=[0.4, 0.2, 0.3, 0.1]))
    return ids, groups


def _with_answer(survey: SurveyAnswers, employee_id: str, group: str) -> SurveyAnswers:
    i = list(survey.employee_ids).index(employee_id)
    key = list(survey.answers["main_earner_occupation"])
    key[i] = OPTION_OF[group]
    return replace(survey, answers={**survey.answers, "main_earner_occupation": key})


def _row_counts(insights: WorkforceInsights, table_id: str, label: str) -> np.ndarray | None:
    """The four background counts a table publishes for one row (NaN when not a number)."""
    try:
        table = insights.table(table_id)
    except KeyError:
        return None
    for row_label, cells in table.rows:
        if row_label == label:
            values = [c.value for c in cells[:4]]
            return np.array([np.nan if v is None else v for v in values])
    return None


def _all_count_cells(insights: WorkforceInsights) -> dict[str, list[list[str]]]:
    out = {}
    for table_id in COUNT_TABLES:
        try:
            out[table_id] = insights.table(table_id).to_rows()
        except KeyError:
            continue
    return out


# ---------------------------------------------------------------------------
# Attack 1 (found by the review): one crafted file, the target in a function of their own
# with ten filler rows per background whose answers the file sets.
# ---------------------------------------------------------------------------


def _crafted_functions(header, rows, targets):
    crafted = [dict(r) for r in rows]
    by_id = {r["Employee ID"]: r for r in crafted}
    for n, target in enumerate(targets):
        function = f"Special projects {n + 1}"
        by_id[target]["Function"] = function
        template = by_id[target]
        for group, number in HR_NUMBER_OF.items():
            for i in range(10):
                filler = dict(template)
                filler["Employee ID"] = f"X{n}-{group}-{i}"
                filler["Main household earner occupation"] = number
                crafted.append(filler)
    return _snapshot(header, crafted)


def _read_function_attack(insights: WorkforceInsights, n_targets: int) -> list[str | None]:
    """The attacker's reading: the background whose cell has 11 people instead of 10."""
    guesses = []
    for n in range(n_targets):
        counts = _row_counts(insights, "representation_by_function", f"Special projects {n + 1}")
        hits = [] if counts is None else [BACKGROUNDS[j] for j in range(4) if counts[j] == 11]
        guesses.append(hits[0] if len(hits) == 1 else None)
    return guesses


def test_crafted_file_reveals_answers_without_the_guard():
    header, rows = _workforce()
    ids, groups = _linked(rows)
    targets = [ids[i] for i in (0, 5, 10, 15, 20, 25)]
    truth = [groups[ids.index(t)] for t in targets]
    assert len(set(truth)) > 1  # the targets do not all share one answer
    snapshot = _crafted_functions(header, rows, targets)
    plain = analyse(snapshot, survey=_survey(ids, groups), k=K)
    assert _read_function_attack(plain, len(targets)) == truth


def test_crafted_file_learns_nothing_with_the_guard():
    header, rows = _workforce()
    ids, groups = _linked(rows)
    targets = [ids[i] for i in (0, 5, 10, 15, 20, 25)]
    snapshot = _crafted_functions(header, rows, targets)
    survey = _survey(ids, groups)
    release = protected_analysis(snapshot, survey=survey, k=K, noise_seed=7)
    assert release.used > 300  # everyone else's answers are still used
    for target in targets:
        # Whatever the target answered, every published table is exactly the same.
        seen = set()
        for group in BACKGROUNDS:
            other = protected_analysis(snapshot, survey=_with_answer(survey, target, group),
                                       k=K, noise_seed=7)
            seen.add(repr(other.insights.to_dict()))
        assert len(seen) == 1
    guesses = _read_function_attack(release.insights, len(targets))
    truth = [groups[ids.index(t)] for t in targets]
    assert not any(g == t and g != "not_classified" for g, t in zip(guesses, truth, strict=True))


# ---------------------------------------------------------------------------
# Attack 2 (admitted in the docs): two snapshots, the second the same file without the target.
# ---------------------------------------------------------------------------


def _profile(insights: WorkforceInsights) -> np.ndarray:
    rows = insights.table("background_profile").rows[:4]
    return np.array([np.nan if cells[0].value is None else cells[0].value
                     for _label, cells in rows])


def _differencing_guess(first: WorkforceInsights, second: WorkforceInsights,
                        target: dict[str, str]) -> str | None:
    """The background whose count fell by exactly one, all else equal, in any published row
    the target is in: the whole workforce's profile, their grade, function, sex, ethnicity."""
    pairs = [(_profile(first), _profile(second))]
    for table_id, column in (("representation_by_grade", "Grade"),
                             ("representation_by_function", "Function"),
                             ("sex_by_background", "Sex"),
                             ("ethnicity_by_background", "Ethnicity")):
        pairs.append((_row_counts(first, table_id, target[column]),
                      _row_counts(second, table_id, target[column])))
    for a, b in pairs:
        if a is not None and b is not None and (found := _one_more(a, b)) is not None:
            return found
    return None


def _one_more(a: np.ndarray, b: np.ndarray) -> str | None:
    """The background published in both rows with exactly one more person in ``a``, when every
    other background published in both is unchanged."""
    both = ~np.isnan(a) & ~np.isnan(b)
    diff = (a - b)[both]
    if (diff == 1).sum() == 1 and ((diff == 0) | (diff == 1)).all():
        return BACKGROUNDS[int(np.flatnonzero(both)[np.argmax(diff)])]
    return None


@pytest.mark.parametrize("guarded", [False, True])
def test_two_snapshot_differencing(guarded):
    header, rows = _workforce()
    ids, groups = _linked(rows)
    survey = _survey(ids, groups)
    full = _snapshot(header, rows)
    targets = ids[:8]
    learned = 0
    first = protected_analysis(full, survey=survey, k=K, noise_seed=1) if guarded else None
    for target in targets:
        row = next(r for r in rows if r["Employee ID"] == target)
        without = _snapshot(header, [r for r in rows if r["Employee ID"] != target])
        if guarded:
            second = protected_analysis(without, survey=survey, k=K,
                                        ledger=[first.ledger_entry], noise_seed=2)
            # The target's absence is widened: at least k - 1 more answers are held back, so
            # the difference between the releases is a group of at least k people.
            assert first.used - second.used >= K
            guess = _differencing_guess(first.insights, second.insights, row)
        else:
            guess = _differencing_guess(analyse(full, survey=survey, k=K),
                                        analyse(without, survey=survey, k=K), row)
        learned += guess == groups[ids.index(target)]
    if guarded:
        assert learned == 0
    else:
        assert learned == len(targets)


# ---------------------------------------------------------------------------
# Attack 3: one file, two tables: a grade of R plus the target, a function of R alone.
# ---------------------------------------------------------------------------


def _crafted_pair(header, rows, ids, target):
    crafted = [dict(r) for r in rows]
    others = [i for i in ids if i != target][:150]  # enough for every cell to be published
    for r in crafted:
        if r["Employee ID"] in others:
            r["Grade"], r["Function"] = "Grade X", "Function X"
        elif r["Employee ID"] == target:
            r["Grade"] = "Grade X"
    return _snapshot(header, crafted)


def test_cross_table_differencing_in_one_file():
    header, rows = _workforce()
    ids, groups = _linked(rows)
    survey = _survey(ids, groups)
    target = ids[3]
    snapshot = _crafted_pair(header, rows, ids, target)

    plain = analyse(snapshot, survey=survey, k=K)
    assert _one_more(_row_counts(plain, "representation_by_grade", "Grade X"),
                     _row_counts(plain, "representation_by_function", "Function X")) == groups[3]
    outputs = {repr(protected_analysis(snapshot, survey=_with_answer(survey, target, g), k=K,
                                       noise_seed=3).insights.to_dict())
               for g in BACKGROUNDS}
    assert len(outputs) == 1


# ---------------------------------------------------------------------------
# Attack 4: a tracer pay. Everyone is paid the same but the target; mean pay by background
# then says which group the target is in.
# ---------------------------------------------------------------------------


def test_tracer_pay_reveals_nothing():
    header, rows = _workforce()
    ids, groups = _linked(rows)
    survey = _survey(ids, groups)
    target = ids[7]
    crafted = [dict(r, **{"Hourly pay": "20.00"}) if r["Hourly pay"] else dict(r) for r in rows]
    for r in crafted:
        if r["Employee ID"] == target:
            r["Hourly pay"] = "900.00"
    snapshot = _snapshot(header, crafted)

    def means(insights):
        table = insights.table("pay_by_background")
        return [cells[1].value for _label, cells in table.rows[:4]]

    plain = means(analyse(snapshot, survey=survey, k=K))
    truth = BACKGROUNDS.index(groups[7])
    assert int(np.nanargmax(plain)) == truth  # the plain join gives the target away
    outputs = {repr(means(protected_analysis(snapshot, survey=_with_answer(survey, target, g),
                                             k=K, noise_seed=5).insights))
               for g in BACKGROUNDS}
    assert len(outputs) == 1


# ---------------------------------------------------------------------------
# The guard's rules, one at a time, and its ledger.
# ---------------------------------------------------------------------------


def test_small_group_is_held_back_not_shown():
    tokens = np.arange(25)
    team = Grouping("team", np.array([0] * 20 + [1] * 5))
    result = guard(tokens, [Grouping("all", np.zeros(25, dtype=int)), team], k=10)
    # The five in a team of five are held back; then "all" and "team 0" hold the same 20.
    assert result.used.tolist() == [True] * 20 + [False] * 5
    assert result.held_back == {"group_size": 5}


def test_union_of_groups_one_person_short_is_mended():
    tokens = np.arange(41)
    grade = Grouping("grade", np.array([0] * 41))
    function = Grouping("function", np.array([0] * 20 + [1] * 20 + [2]))
    result = guard(tokens, [grade, function], k=10)
    # Function 2 holds one person (rule 1), after which grade = function 0 + function 1.
    assert result.n_used == 40


def test_exact_isolation_through_a_combination_is_held_back():
    # a = A u B u {t}, b = A, c = B: no pair is a sliver (|B| >= k) and no union is either
    # (b and c are different groupings), yet a - b - c is the target alone.
    tokens = np.arange(41)
    a = Grouping("a", np.array([0] * 41))
    b = Grouping("b", np.array([0] * 20 + [-1] * 21))
    c = Grouping("c", np.array([-1] * 20 + [0] * 20 + [-1]))
    result = guard(tokens, [a, b, c], k=10)
    assert not result.used[40]
    assert result.held_back == {"isolation": 1}


def test_new_answers_wait_until_there_are_enough():
    tokens = np.arange(30)
    everyone = np.zeros(30, dtype=int)
    first = guard(tokens[:25], [Grouping("all", everyone[:25])], k=10)
    assert first.n_used == 25
    # Three people answered since: held back, not published as a difference of three.
    second = guard(tokens[:28], [Grouping("all", everyone[:28])], k=10, ledger=[first.release])
    assert second.n_used == 25 and second.held_back == {"sliver": 3}
    # Ten more: released together.
    third = guard(np.arange(35), [Grouping("all", np.zeros(35, dtype=int))], k=10,
                  ledger=[first.release, second.release])
    assert third.n_used == 35


def test_release_round_trips_through_parquet():
    release = Release(np.array([5, 9, 11]), (Grouping("grade", np.array([0, 2, -1])),))
    back = Release.from_parquet(release.to_parquet())
    assert back.tokens.tolist() == [5, 9, 11]
    assert back.groupings[0].name == "grade"
    assert back.groupings[0].codes.tolist() == [0, 2, -1]


def test_guard_refuses_bad_input():
    with pytest.raises(ValueError, match="distinct"):
        guard(np.array([1, 1]), [], k=10)
    with pytest.raises(ValueError, match="codes"):
        guard(np.array([1, 2]), [Grouping("g", np.array([0]))], k=10)
    with pytest.raises(ValueError, match="token"):
        header, rows = _workforce(60)
        protected_analysis(_snapshot(header, rows),
                           survey=replace(_survey(["E000001"], ["lower"]), tokens=()), k=K)


def test_groupings_follow_the_published_tables():
    header, rows = _workforce(hr_answers=True)
    snapshot = _snapshot(header, rows)
    ids = [r["Employee ID"] for r in rows]
    groupings = {g.name: g for g in survey_groupings(snapshot, survey_rows(
        snapshot, _survey(ids, ["lower"] * len(ids))), K)}
    assert {"workforce", "grade", "function", "promoted", "left", "bonus", "pay_quartile",
            "sex", "ethnicity", "own_class"} <= set(groupings)
    insights = analyse(snapshot, k=K)
    grade_rows = insights.table("representation_by_grade").rows[:-1]
    sizes = np.bincount(groupings["grade"].codes[groupings["grade"].codes >= 0])
    assert sizes.tolist() == [int(cells[4].value) for _label, cells in grade_rows]
    quartiles = np.bincount(groupings["pay_quartile"].codes[groupings["pay_quartile"].codes >= 0])
    published = insights.table("pay_quartiles").rows[:4]
    assert quartiles.tolist() == [int(cells[4].value) for _label, cells in published]

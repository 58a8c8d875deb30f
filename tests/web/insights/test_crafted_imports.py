"""The review's attacks, end to end: an analyst imports crafted HR files through the web app
and reads the dashboard's CSV exports, trying to learn named members' survey answers.

The library tests (tests/reports/test_survey_guard.py) show each attack working against the
plain join; here the web app, which releases figures through the guard, must give nothing away.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import numpy as np
import pytest
from django.urls import reverse

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
from upward.web.demo.factories import person
from upward.web.insights.models import Release
from upward.web.insights.services import snapshot_import_file, survey_link_confirm, survey_save

GROUP_OF = {"professional": "Professional", "clerical_intermediate": "Intermediate",
            "routine_manual_service": "Lower socio-economic",
            "prefer_not_to_say": "Not classified or no answer"}
HR_NUMBER = {"Professional": "1", "Intermediate": "3", "Lower socio-economic": "5",
             "Not classified or no answer": "9"}
BACKGROUND_COLUMNS = list(HR_NUMBER)


@pytest.fixture
def linked(personas):
    """A 600-person workforce; 300 members answered the survey and confirmed their number."""
    people = synthetic_people(600, seed=21, snapshot_date=date(2025, 3, 31))
    text = synthetic_csv(people, hr_answers=np.zeros(people.n, dtype=bool)).decode()
    reader = csv.DictReader(io.StringIO(text))
    header, rows = list(reader.fieldnames or ()), list(reader)
    current = [r["Employee ID"] for r in rows if r["Leaver"] == "No"]
    rng = np.random.default_rng(3)
    answers = {}
    for i, employee_id in enumerate(current[:300]):
        answer = str(rng.choice(list(GROUP_OF), p=[0.4, 0.2, 0.3, 0.1]))
        user = person(roles=["member"], email=f"m{i}@northbridge.example")
        response = survey_save(user=user, answers={"main_earner_occupation": answer},
                               employee_id=employee_id)
        survey_link_confirm(actor=personas["admin"], response=response)
        answers[employee_id] = GROUP_OF[answer]
    return header, rows, answers


def _import(analyst, header, rows, day):
    sink = io.StringIO()
    writer = csv.DictWriter(sink, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return snapshot_import_file(actor=analyst, content=sink.getvalue().encode(),
                                source_name="hr.csv", snapshot_date=day)


def _table(client, table_id, snapshot) -> dict[str, dict[str, str]]:
    url = reverse("insights:export_csv", args=[table_id])
    response = client.get(f"{url}?snapshot={snapshot.pk}")
    if response.status_code == 404:
        return {}
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return {row[0]: dict(zip(rows[0][1:], row[1:], strict=False)) for row in rows[1:]}


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _one_more(a: dict[str, str], b: dict[str, str]) -> str | None:
    """The background with exactly one more person in row a than in row b, all else equal."""
    diffs = {}
    for column in BACKGROUND_COLUMNS:
        x, y = _number(a.get(column, "")), _number(b.get(column, ""))
        if x is not None and y is not None:
            diffs[column] = x - y
    ones = [c for c, d in diffs.items() if d == 1]
    if len(ones) == 1 and all(d in (0, 1) for d in diffs.values()):
        return ones[0]
    return None


def test_filler_rows_in_a_function_of_their_own_reveal_nobody(personas, client_for, linked):
    header, rows, answers = linked
    analyst = client_for(personas["analyst"])
    targets = [e for e, group in answers.items() if group != "Not classified or no answer"][:6]
    crafted = [dict(r) for r in rows]
    for n, target in enumerate(targets):
        row = next(r for r in crafted if r["Employee ID"] == target)
        row["Function"] = f"Special projects {n + 1}"
        for number in HR_NUMBER.values():
            for i in range(10):
                crafted.append(dict(row, **{"Employee ID": f"X{n}-{number}-{i}",
                                            "Main household earner occupation": number}))
    snapshot = _import(personas["analyst"], header, crafted, date(2025, 3, 31))
    by_function = _table(analyst, "representation_by_function", snapshot)
    learned = 0
    for n, target in enumerate(targets):
        row = by_function.get(f"Special projects {n + 1}", {})
        elevens = [c for c in BACKGROUND_COLUMNS if row.get(c) == "11"]
        # The target counts as "no answer" whatever they answered: their answer was held back.
        assert elevens in ([], ["Not classified or no answer"])
        learned += elevens == [answers[target]]
    assert learned == 0
    assert Release.objects.get(snapshot=snapshot).survey_used > 200  # the rest still count


def test_the_same_file_without_one_person_reveals_nobody(personas, client_for, linked, settings):
    settings.UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR = 50  # the guard, not the yearly cap
    header, rows, answers = linked
    analyst = client_for(personas["analyst"])
    first = _import(personas["analyst"], header, rows, date(2025, 3, 31))
    learned = 0
    for n, target in enumerate(list(answers)[:4]):
        second = _import(personas["analyst"], header,
                         [r for r in rows if r["Employee ID"] != target], date(2025, 4, 1 + n))
        assert Release.objects.get(snapshot=second).survey_included  # not stopped by the cap
        row = next(r for r in rows if r["Employee ID"] == target)
        for table_id, label in (("representation_by_grade", row["Grade"]),
                                ("representation_by_function", row["Function"]),
                                ("sex_by_background", row["Sex"])):
            a = _table(analyst, table_id, first).get(label, {})
            b = _table(analyst, table_id, second).get(label, {})
            guess = _one_more(a, b)
            learned += guess == answers[target]
        a = {r: v.get("People", "") for r, v in _table(analyst, "background_profile",
                                                       first).items()}
        b = {r: v.get("People", "") for r, v in _table(analyst, "background_profile",
                                                       second).items()}
        learned += _one_more(a, b) == answers[target]
    assert learned == 0


def test_watching_the_dashboard_around_one_answer_shows_nothing(personas, client_for, linked):
    header, rows, answers = linked
    analyst = client_for(personas["analyst"])
    snapshot = _import(personas["analyst"], header, rows, date(2025, 3, 31))
    before = _table(analyst, "background_profile", snapshot)
    newcomer = next(r["Employee ID"] for r in rows
                    if r["Leaver"] == "No" and r["Employee ID"] not in answers)
    user = person(roles=["member"], email="newcomer@northbridge.example")
    response = survey_save(user=user, answers={"main_earner_occupation": "professional"},
                           employee_id=newcomer)
    survey_link_confirm(actor=personas["admin"], response=response)
    assert _table(analyst, "background_profile", snapshot) == before  # frozen
    analyst.post(reverse("insights:release", args=[snapshot.pk]))
    after = _table(analyst, "background_profile", snapshot)
    # The one new answer is held back until enough others arrive to hide it among them.
    assert after == before
    assert Release.objects.filter(snapshot=snapshot).first().survey_held_back >= 1


def test_a_changed_answer_is_not_shown_by_comparing_releases(personas, client_for, linked):
    """Someone who knows a colleague corrected their answer compares the releases before and
    after: the change is hidden among at least k answers held back."""
    header, rows, answers = linked
    analyst = client_for(personas["analyst"])
    snapshot = _import(personas["analyst"], header, rows, date(2025, 3, 31))
    first = Release.objects.get(snapshot=snapshot)
    from upward.reports.survey_guard import Release as LedgerEntry
    from upward.web.insights.models import SurveyResponse

    # A colleague whose answer the first release used (one held back shows nothing anyway).
    used = set(LedgerEntry.from_parquet(bytes(first.ledger)).tokens.tolist())
    target = next(e for e, group in answers.items() if group == "Professional"
                  and SurveyResponse.objects.get(employee_id=e).ledger_token in used)

    response = SurveyResponse.objects.get(employee_id=target)
    token = response.ledger_token
    survey_save(user=response.user, answers={"main_earner_occupation": "routine_manual_service"},
                employee_id=target)
    response.refresh_from_db()
    assert response.ledger_token != token
    before = _table(analyst, "background_profile", snapshot)
    analyst.post(reverse("insights:release", args=[snapshot.pk]))
    second = Release.objects.filter(snapshot=snapshot).first()
    assert first.survey_used - second.survey_used >= 10
    after = _table(analyst, "background_profile", snapshot)
    moved = {label: _number(after[label]["People"]) - _number(before[label]["People"])
             for label in BACKGROUND_COLUMNS
             if _number(after[label]["People"]) is not None
             and _number(before[label]["People"]) is not None}
    # Not "one fewer professional, one more lower".
    assert moved != {"Professional": -1, "Intermediate": 0, "Lower socio-economic": 1,
                     "Not classified or no answer": 0}
    assert sum(abs(v) for v in moved.values()) >= 10

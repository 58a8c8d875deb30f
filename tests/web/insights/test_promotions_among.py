"""promotions_among: for other apps (mentoring's health page), how many of a set of people
moved up a grade between two HR snapshots — counts only, and only through confirmed links."""

from __future__ import annotations

from datetime import date

import pytest

from upward.web.demo.factories import person
from upward.web.insights.models import SurveyResponse
from upward.web.insights.selectors import promotions_among
from upward.web.insights.services import snapshot_import_file, survey_save

pytestmark = pytest.mark.django_db

HEADER = "Employee ID,Grade,Function,Hourly pay,Start date"
ORDER = ["G1", "G2", "G3"]


def _import(personas, grades: dict[str, str], day: date):
    lines = [HEADER] + [f"{number},{grade},Ops,14,2020-01-06" for number, grade in grades.items()]
    return snapshot_import_file(actor=personas["analyst"], content="\n".join(lines).encode(),
                                source_name="hr.csv", snapshot_date=day, grade_order=ORDER)


def _linked(number: str, *, confirmed: bool = True):
    user = person(roles=["member"], email=f"{number.lower()}@northbridge.example")
    survey_save(user=user, answers={"school_type": "state_non_selective"}, employee_id=number)
    if confirmed:
        SurveyResponse.objects.filter(user=user).update(link_status="confirmed",
                                                        link_method="administrator")
    return user


def test_counts_people_who_moved_up_a_grade_by_the_next_snapshot(personas):
    _import(personas, {"E1": "G1", "E2": "G1", "E3": "G2", "E4": "G2", "E5": "G1"},
            date(2025, 3, 31))
    _import(personas, {"E1": "G2", "E2": "G1", "E3": "G3", "E4": "G1", "E5": "G2"},
            date(2025, 9, 30))
    _import(personas, {"E1": "G3", "E2": "G3", "E3": "G3", "E4": "G3", "E5": "G3"},
            date(2026, 3, 31))  # later than the next snapshot: not used
    users = [_linked(n) for n in ("E1", "E2", "E3", "E4")]
    unconfirmed = _linked("E5", confirmed=False)
    ids = [u.pk for u in users] + [unconfirmed.pk]
    # E1 and E3 moved up; E2 stayed; E4 moved down; E5's link is only a claim
    assert promotions_among(ids, date(2025, 4, 15)) == (4, 2)


def test_people_missing_from_either_snapshot_are_not_eligible(personas):
    _import(personas, {"E1": "G1", "E2": "G1"}, date(2025, 3, 31))
    _import(personas, {"E1": "G2", "E3": "G1"}, date(2025, 9, 30))
    users = [_linked(n) for n in ("E1", "E2", "E3")]
    assert promotions_among([u.pk for u in users], date(2025, 4, 1)) == (1, 1)


def test_none_without_a_snapshot_on_both_sides_of_the_date(personas):
    _import(personas, {"E1": "G1"}, date(2025, 3, 31))
    user = _linked("E1")
    assert promotions_among([user.pk], date(2025, 4, 1)) is None
    assert promotions_among([user.pk], date(2025, 1, 1)) is None


def test_only_the_given_people_are_counted(personas):
    _import(personas, {"E1": "G1", "E2": "G1"}, date(2025, 3, 31))
    _import(personas, {"E1": "G2", "E2": "G2"}, date(2025, 9, 30))
    first, _ = _linked("E1"), _linked("E2")
    assert promotions_among([first.pk], date(2025, 4, 1)) == (1, 1)
    assert promotions_among([], date(2025, 4, 1)) == (0, 0)

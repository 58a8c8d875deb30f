"""Frameworks ship as data and name only what is confirmed (shared/reference notes)."""

from __future__ import annotations

import pytest

from upward.reports.frameworks import (
    FrameworkError,
    load_framework,
    parse_framework,
    shipped_frameworks,
)

#: The names the project's reference notes confirm; nothing else may be shipped as a name.
CONFIRMED = {
    "levelling_up_goals": {
        1: "Strong foundations in early years", 2: "Successful school years",
        4: "Right advice and experiences", 9: "Extending enterprise",
        10: "Closing the digital divide", 14: "Equality through diversity and inclusion"},
    "employer_index_2017": {
        1: "Work with young people", 2: "Routes into the employer", 3: "Attraction",
        4: "Recruitment and selection", 5: "Data collection",
        6: "Progression and experienced hires", 7: "Internal and external advocacy",
        8: "Workforce data"},
    "gatsby_benchmarks": {
        1: "A stable careers programme", 2: "Learning from career and labour market information",
        3: "Addressing the needs of each pupil", 4: "Linking curriculum learning to careers",
        5: "Encounters with employers and employees", 6: "Experiences of workplaces",
        7: "Encounters with further and higher education", 8: "Personal guidance"},
}
GOALS = {"levelling_up_goals": 14, "employer_index_2017": 8, "gatsby_benchmarks": 8}


def test_the_three_frameworks_ship():
    assert shipped_frameworks() == sorted(CONFIRMED)


@pytest.mark.parametrize("key", sorted(CONFIRMED))
def test_every_shipped_name_is_a_confirmed_one(key):
    framework = load_framework(key)
    assert [g.number for g in framework.goals] == list(range(1, GOALS[key] + 1))
    named = {g.number: g.name for g in framework.goals if g.name}
    assert named == CONFIRMED[key]
    assert all(g.confirmed == bool(g.name) for g in framework.goals)
    assert framework.source and framework.publisher


def test_an_unconfirmed_goal_is_labelled_for_the_organisation_to_complete():
    goal = load_framework("levelling_up_goals").goal(3)
    assert goal.label == "Goal 3 (name to be completed)"
    with pytest.raises(KeyError):
        load_framework("levelling_up_goals").goal(15)


GOOD = """
key = "k"
name = "N"
publisher = "P"
published = "2020"
source = "S"
[[goals]]
number = 2
name = "Two"
confirmed = true
[[goals]]
number = 1
name = ""
confirmed = false
"""


def test_goals_are_read_in_number_order():
    assert [g.number for g in parse_framework(GOOD).goals] == [1, 2]


@pytest.mark.parametrize(("change", "message"), [
    (("number = 1", "number = 2"), "goal numbers repeat"),
    (('name = "Two"', 'name = ""'), "a confirmed goal needs its name"),
    (("confirmed = false", 'confirmed = "no"'), "'confirmed' must be true or false"),
    (("number = 2", "number = 0"), "'number' must be a whole number from 1"),
    (('publisher = "P"', 'publisher = ""'), "'publisher' is missing or empty"),
    (('source = "S"', 'source = "S"\ncolour = "red"'), "unknown key(s) colour"),
    (("[[goals]]", "[goals"), "not valid TOML"),
])
def test_a_bad_framework_names_its_problem(change, message):
    with pytest.raises(FrameworkError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_framework(GOOD.replace(*change, 1), origin="test.toml")


def test_a_framework_without_goals_is_refused():
    with pytest.raises(FrameworkError, match="at least one"):
        parse_framework(GOOD.split("[[goals]]")[0])


def test_an_unknown_framework_is_refused_with_the_choices():
    with pytest.raises(FrameworkError, match="choose from employer_index_2017"):
        load_framework("nope")

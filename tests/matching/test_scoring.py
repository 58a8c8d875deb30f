"""score_matrix and explain: the vectorised matrix and the words agree on every pair."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from upward.matching import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    MENTEE_PRIVATE_CRITERIA,
    Candidate,
    Rules,
    Weights,
    explain,
    score_matrix,
)

from .instances import signups, weight_maps


@settings(max_examples=300, deadline=None)
@given(signups(), weight_maps)
def test_explanations_add_up_to_the_matrix_for_every_pair(instance, weights):
    mentees, mentors, rules = instance
    scores = score_matrix(mentees, mentors, weights, rules)
    assert scores.points.shape == scores.feasible.shape == (len(mentees), len(mentors))
    assert scores.points.dtype == np.int32
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            why = explain(mentee, mentor, weights, rules)
            assert why.total == scores.points[i, j] == sum(p for _, p in why.parts)
            assert bool(why.blocked) == (not scores.feasible[i, j]), why.blocked
            if why.blocked:
                assert why.parts == () and why.total == 0
            assert all(points > 0 for _, points in why.parts)


@settings(max_examples=200, deadline=None)
@given(signups())
def test_explanations_name_only_the_pairs_own_sign_up_choices(instance):
    """Nothing but what the two filled in (and the mentor chose to show) is ever named;
    a mentor's lived-experience tag is named only when the mentee asked for it."""
    mentees, mentors, rules = instance
    for mentee in mentees:
        for mentor in mentors:
            for label, _ in explain(mentee, mentor, rules=rules).parts:
                if label.startswith(CRITERIA["lived_experience"]):
                    tag = label.split(": ", 1)[1]
                    assert tag in mentor.lived_experience and tag in mentee.lived_experience
                for tag in mentor.lived_experience - mentee.lived_experience:
                    assert tag not in label


def person(id_, **fields):
    return Candidate(id=id_, person=id_, **fields)


def test_a_worked_example_in_words():
    mentee = person(1, goals=frozenset({"first promotion", "confidence"}),
                    skills=frozenset({"stakeholder management"}), grade=1,
                    lived_experience=frozenset({"care experience"}), wanted_function="Finance",
                    location="Leeds", availability=frozenset({"mornings", "evenings"}))
    mentor = person(2, goals=frozenset({"first promotion"}),
                    skills=frozenset({"stakeholder management", "SQL"}), grade=3,
                    lived_experience=frozenset({"care experience", "career changer"}),
                    topics=frozenset({"Stakeholder Management"}), function="Finance",
                    location="Leeds", availability=frozenset({"evenings"}))
    why = explain(mentee, mentor, DEFAULT_WEIGHTS, Rules(bookmarks=frozenset({(1, 2)})))
    assert why.parts == (
        ("Same goal: first promotion", 30),
        ("Skills overlap: stakeholder management", 20),
        ("Lived experience: care experience", 25),
        ("Ask me about: Stakeholder Management", 10),
        ("Mentor from the function asked for: Finance", 15),
        ("Same location: Leeds", 5),
        ("Shared availability: evenings", 5),
        ("Seniority gap: mentor 2 grades above", 10),
        ("Bookmarked by the mentee", 15),
    )
    assert why.total == 135 and why.allowed
    assert why.summary().startswith("Same goal: first promotion +30; Skills overlap")
    assert score_matrix([mentee], [mentor], DEFAULT_WEIGHTS,
                        Rules(bookmarks=frozenset({(1, 2)}))).points[0, 0] == 135


def test_each_part_carries_its_criterion_key_and_private_ones_can_be_left_out():
    mentee = person(1, goals=frozenset({"first promotion"}), answers={"format": "video"},
                    lived_experience=frozenset({"care experience"}))
    mentor = person(2, goals=frozenset({"first promotion"}), answers={"format": "video"},
                    lived_experience=frozenset({"care experience"}))
    weights = Weights({**DEFAULT_WEIGHTS, "answers:format": 5}, labels={"format": "format"})
    why = explain(mentee, mentor, weights, Rules(bookmarks=frozenset({(1, 2)})))
    assert why.keys == ("goals", "lived_experience", "answers:format", "bookmarked")
    assert [key for key, _, _ in why.keyed] == list(why.keys)
    assert [(label, points) for _, label, points in why.keyed] == list(why.parts)
    public = why.without(MENTEE_PRIVATE_CRITERIA)
    assert public.keys == ("goals", "answers:format")
    assert public.parts == (("Same goal: first promotion", 30),
                            ("Same answer to format: video", 5))
    assert public.total == 35 == why.total - 25 - 15
    assert set(CRITERIA) >= MENTEE_PRIVATE_CRITERIA


@settings(max_examples=100, deadline=None)
@given(signups(), weight_maps)
def test_keys_are_parallel_to_parts_and_name_the_criterion(instance, weights):
    mentees, mentors, rules = instance
    for mentee in mentees:
        for mentor in mentors:
            why = explain(mentee, mentor, weights, rules)
            assert len(why.keys) == len(why.parts)
            for key, label, _ in why.keyed:
                expected = ("Same answer to" if key.startswith("answers:")
                            else CRITERIA[key])
                assert label.startswith(expected)


def test_at_most_two_shared_items_count_per_criterion():
    goals = frozenset({"a", "b", "c", "d"})
    why = explain(person(1, goals=goals), person(2, goals=goals), {"goals": 30})
    assert why.parts == (("Same goal: a", 30), ("Same goal: b", 30))
    assert score_matrix([person(1, goals=goals)], [person(2, goals=goals)],
                        {"goals": 30}).points[0, 0] == 60


def test_more_items_than_one_bitmask_word_are_counted():
    """A vocabulary over 64 items spans several uint64 words."""
    rng = np.random.default_rng(3)
    vocabulary = [f"skill {k}" for k in range(150)]
    people = [frozenset(rng.choice(vocabulary, 40, replace=False).tolist()) for _ in range(12)]
    mentees = [person(k, skills=s) for k, s in enumerate(people[:6])]
    mentors = [person(10 + k, skills=s) for k, s in enumerate(people[6:])]
    scores = score_matrix(mentees, mentors, {"skills": 7}, Rules())
    expected = [[7 * min(2, len(a.skills & b.skills)) for b in mentors] for a in mentees]
    assert scores.points.tolist() == expected


@pytest.mark.parametrize(("weight", "gap", "points"), [
    (10, 2, 10), (10, 1, 5), (10, 3, 5), (10, 0, 0), (10, 4, 0), (10, -1, 0),
    (15, 1, 8), (15, 3, 8), (15, 0, 0),  # 15 − ⌊15/2⌋ = 8
])
def test_grade_gap_points_fall_by_half_the_weight_per_grade_from_the_ideal(weight, gap, points):
    mentee, mentor = person(1, grade=2), person(2, grade=2 + gap)
    why = explain(mentee, mentor, {"grade_gap": weight}, Rules(ideal_grade_gap=2))
    assert why.total == points
    assert score_matrix([mentee], [mentor], {"grade_gap": weight},
                        Rules(ideal_grade_gap=2)).points[0, 0] == points


def test_an_unknown_grade_is_allowed_but_scores_no_grade_points():
    rules = Rules(min_grade_gap=1, max_grade_gap=3)
    why = explain(person(1, grade=None), person(2, grade=6), {"grade_gap": 10}, rules)
    assert why.allowed and why.total == 0


def test_topics_match_skills_and_goals_case_insensitively():
    mentee = person(1, skills=frozenset({"Excel"}), goals=frozenset({"networking"}))
    mentor = person(2, topics=frozenset({"EXCEL", " Networking ", "golf"}))
    why = explain(mentee, mentor, {"topics": 10})
    assert why.parts == (("Ask me about: EXCEL", 10), ("Ask me about: Networking", 10))
    assert score_matrix([mentee], [mentor], {"topics": 10}).points[0, 0] == 20


def test_custom_question_answers_are_named_with_the_question_wording():
    weights = Weights({"answers:format": 5}, labels={"format": "how to meet"})
    why = explain(person(1, answers={"format": "video"}), person(2, answers={"format": "video"}),
                  weights)
    assert why.parts == (("Same answer to how to meet: video", 5),)
    assert explain(person(1, answers={"format": "video"}),
                   person(2, answers={"format": "in person"}), weights).total == 0


@pytest.mark.parametrize(("mentee", "mentor", "rules", "reason"), [
    (Candidate(id=1, person=5), Candidate(id=2, person=5), Rules(), "Same person"),
    (person(1, avoid=frozenset({2})), person(2), Rules(), "Opted out"),
    (person(1), person(2, avoid=frozenset({1})), Rules(), "Opted out"),
    (person(1), person(2), Rules(past_pairs=frozenset({(1, 2)})), "Paired before"),
    (person(1), person(2), Rules(dismissed=frozenset({(1, 2)})), "Dismissed by the mentee"),
    (person(1, line_manager=2), person(2), Rules(), "Line manager"),
    (person(1), person(2, line_manager=1), Rules(), "Line manager"),
    (person(1, team="a"), person(2, team="a"), Rules(exclude_same_team=True), "Same team"),
    (person(1, grade=3), person(2, grade=3), Rules(min_grade_gap=1),
     "Seniority gap below the minimum (1)"),
    (person(1, grade=0), person(2, grade=5), Rules(max_grade_gap=3),
     "Seniority gap above the maximum (3)"),
])
def test_each_hard_constraint_blocks_with_its_reason(mentee, mentor, rules, reason):
    assert explain(mentee, mentor, rules=rules).blocked == (reason,)
    scores = score_matrix([mentee], [mentor], rules=rules)
    assert not scores.feasible[0, 0] and scores.points[0, 0] == 0


@pytest.mark.parametrize(("mentee", "rules"), [
    (person(1, line_manager=2), Rules(exclude_line_manager=False)),
    (person(1, team="a"), Rules()),  # same team is allowed unless the rule says so
    (person(1), Rules(past_pairs=frozenset({(2, 1)}))),  # (mentee, mentor): the other way
    (person(1), Rules(dismissed=frozenset({(2, 1)}))),
])
def test_constraints_apply_only_as_configured_and_in_their_direction(mentee, rules):
    mentor = person(2, team="a")
    assert explain(mentee, mentor, rules=rules).allowed
    assert score_matrix([mentee], [mentor], rules=rules).feasible[0, 0]


def test_past_pairs_block_every_sign_up_of_the_two_people():
    """A past pair is between people: a new sign-up of either person is still blocked."""
    mentees = [Candidate(id=1, person=10), Candidate(id=2, person=11)]
    mentors = [Candidate(id=3, person=20), Candidate(id=4, person=20)]
    scores = score_matrix(mentees, mentors, rules=Rules(past_pairs=frozenset({(10, 20)})))
    assert scores.feasible.tolist() == [[False, False], [True, True]]


def test_weights_reject_unknown_criteria_listing_the_valid_ones():
    with pytest.raises(ValueError, match="unknown matching criterion 'seniority'.*goals.*"
                                         "grade_gap.*answers:<question key>"):
        Weights({"seniority": 5})
    with pytest.raises(ValueError, match="unknown"):
        Weights({"answers:": 5})


@pytest.mark.parametrize("value", [-1, 2.5, True])
def test_weights_must_be_non_negative_whole_numbers(value):
    with pytest.raises(ValueError, match="weight of 'goals'"):
        Weights({"goals": value})


def test_weights_default_and_omitted_criteria():
    assert dict(Weights()) == dict(DEFAULT_WEIGHTS)
    weights = Weights({"goals": 1})
    assert weights.points("skills") == 0 and len(weights) == 1


def test_bad_sign_ups_and_rules_are_refused():
    with pytest.raises(ValueError, match="capacity must be at least 1"):
        Candidate(id=1, person=1, capacity=0)
    with pytest.raises(ValueError, match="grade is an index"):
        Candidate(id=1, person=1, grade=-1)
    with pytest.raises(ValueError, match="min_grade_gap"):
        Rules(min_grade_gap=3, max_grade_gap=1)
    with pytest.raises(ValueError, match="mentee ids must be unique"):
        score_matrix([person(1), person(1)], [person(2)])
    with pytest.raises(ValueError, match="mentor ids must be unique"):
        score_matrix([person(1)], [person(2), person(2)])


def test_candidates_can_be_kept_in_sets():
    one = Candidate(id=1, person=1, answers={"format": "video"})
    assert len({one, Candidate(id=1, person=1, answers={"format": "video"})}) == 1


def test_empty_sides_give_empty_matrices():
    assert score_matrix([], [person(2)]).points.shape == (0, 1)
    assert score_matrix([person(1)], []).feasible.shape == (1, 0)


@pytest.mark.parametrize(("wanted", "title", "scores"), [
    ("Finance", "Finance business partner", True),
    ("finance", "Head of FINANCE", True),
    ("Finance", "Financial controller", False),     # a longer word is not the function
    ("HR", "HRBP", False),
    ("HR", "Chris, team lead", False),
    ("HR", "Senior HR adviser", True),
    ("Business partner", "Finance  business   partner", True),  # a phrase, any spacing
    ("Finance", "Finance-business partner", True),  # a hyphen ends a word
    ("R&D", "Head of R&D", True),
    ("", "Finance analyst", False),                 # no function wanted: no points
    ("   ", "Finance analyst", False),
])
def test_career_scores_when_the_function_wanted_is_a_word_or_phrase_of_a_title(
        wanted, title, scores):
    mentee = person(1, wanted_function=wanted)
    mentor = person(2, career=frozenset({title}))
    why = explain(mentee, mentor, {"career": 10})
    assert why.total == (10 if scores else 0)
    assert score_matrix([mentee], [mentor], {"career": 10}).points[0, 0] == why.total
    if scores:
        assert why.parts == ((f"Has worked in {wanted.strip()}: {title}", 10),)
        assert why.keys == ("career",)


def test_career_names_the_first_matching_title_and_counts_once():
    mentee = person(1, wanted_function="Finance", function="HR")
    mentor = person(2, function="HR", career=frozenset(
        {"Head of finance", "Finance business partner", "Financial controller", "HR lead"}))
    why = explain(mentee, mentor, DEFAULT_WEIGHTS)
    assert why.parts == (("Has worked in Finance: Finance business partner", 10),)
    assert score_matrix([mentee], [mentor], DEFAULT_WEIGHTS).points[0, 0] == 10
    assert explain(mentee, mentor, {"goals": 30}).total == 0  # not weighted: no points


def test_career_in_a_pool_uses_each_mentees_own_function():
    mentees = [person(1, wanted_function="Finance"), person(2, wanted_function="HR"),
               person(3), person(4, wanted_function="finance")]
    mentors = [person(10, career=frozenset({"Finance analyst"})),
               person(11, career=frozenset({"HR adviser", "Finance director"})),
               person(12, career=frozenset())]
    scores = score_matrix(mentees, mentors, {"career": 10})
    assert scores.points.tolist() == [[10, 10, 0], [0, 10, 0], [0, 0, 0], [10, 10, 0]]

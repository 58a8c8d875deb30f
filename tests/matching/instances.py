"""Random instances for the matching tests: sign-ups (hypothesis) and score matrices."""

from __future__ import annotations

from itertools import product

import numpy as np
from hypothesis import strategies as st

from upward.matching import Candidate, Rules, Scores

GOALS = ["first promotion", "confidence", "networking"]
SKILLS = ["Excel", "presenting", "stakeholder management", "SQL"]
LIVED = ["care experience", "career changer", "first in family at university"]
FUNCTIONS = ["", "Finance", "HR"]
PLACES = ["", "Leeds", "London"]
SLOTS = ["mornings", "evenings"]
# Career titles: some name a function as a whole word ("Head of FINANCE"), some only
# look alike ("Financial controller", "HRBP"), so both outcomes are drawn.
TITLES = ["Finance analyst", "Head of FINANCE", "Financial controller", "  hr  business partner",
          "HRBP", "Trainee accountant"]
PEOPLE = range(1, 7)  # few people, so the same person, line managers and opt-outs collide


def _subset(items):
    return st.frozensets(st.sampled_from(items), max_size=len(items))


@st.composite
def candidate(draw, id_):
    topics = draw(_subset(["excel", "PRESENTING", "Confidence ", "golf"]))
    return Candidate(
        id=id_, person=draw(st.sampled_from(PEOPLE)), goals=draw(_subset(GOALS)),
        skills=draw(_subset(SKILLS)), lived_experience=draw(_subset(LIVED)), topics=topics,
        career=draw(_subset(TITLES)),
        grade=draw(st.none() | st.integers(0, 5)), function=draw(st.sampled_from(FUNCTIONS)),
        wanted_function=draw(st.sampled_from(FUNCTIONS)),
        team=draw(st.sampled_from(["", "a", "b"])), location=draw(st.sampled_from(PLACES)),
        availability=draw(_subset(SLOTS)),
        answers=draw(st.dictionaries(st.sampled_from(["format", "pace"]),
                                     st.sampled_from(["video", "in person"]))),
        line_manager=draw(st.none() | st.sampled_from(PEOPLE)),
        capacity=draw(st.integers(1, 3)),
        avoid=draw(st.frozensets(st.sampled_from(PEOPLE), max_size=1)))


@st.composite
def signups(draw):
    """(mentees, mentors, rules) of a small random programme."""
    n = draw(st.integers(0, 6))
    m = draw(st.integers(0, 5))
    mentees = [draw(candidate(i)) for i in range(n)]
    mentors = [draw(candidate(100 + j)) for j in range(m)]
    pair = st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE))
    ids = st.tuples(st.integers(0, max(0, n - 1)), st.integers(100, 100 + max(0, m - 1)))
    low = draw(st.none() | st.integers(-2, 2))
    high = draw(st.none() | st.integers(low if low is not None else -2, 4))
    rules = Rules(
        exclude_line_manager=draw(st.booleans()), exclude_same_team=draw(st.booleans()),
        min_grade_gap=low, max_grade_gap=high, ideal_grade_gap=draw(st.integers(0, 3)),
        past_pairs=draw(st.frozensets(pair, max_size=3)),
        dismissed=draw(st.frozensets(ids, max_size=3)),
        bookmarks=draw(st.frozensets(ids, max_size=3)))
    return mentees, mentors, rules


weight_maps = st.dictionaries(
    st.sampled_from(["goals", "skills", "lived_experience", "topics", "function", "career",
                     "location", "availability", "grade_gap", "bookmarked", "answers:format",
                     "answers:pace"]),
    st.integers(0, 40))


@st.composite
def score_instances(draw, max_mentees=5, max_mentors=3, max_points=6):
    """(Scores, capacities): small, with many ties and some forbidden pairs."""
    n = draw(st.integers(0, max_mentees))
    m = draw(st.integers(1, max_mentors))
    points = np.array(draw(st.lists(st.integers(0, max_points), min_size=n * m,
                                    max_size=n * m)), dtype=np.int32).reshape(n, m)
    feasible = np.array(draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m)),
                        dtype=bool).reshape(n, m)
    points[~feasible] = 0
    caps = np.array(draw(st.lists(st.integers(1, 3), min_size=m, max_size=m)))
    return Scores(points, feasible), caps


def random_scores(rng: np.random.Generator, n: int, m: int, forbidden: float = 0.2
                  ) -> tuple[Scores, np.ndarray]:
    """A medium instance with the structure of real scores: mentee, mentor and pair parts."""
    points = (rng.integers(0, 4, (n, 1)) * 10 + rng.integers(0, 3, (n, m)) * 20
              + rng.integers(0, 2, (1, m)) * 15 + rng.integers(0, 2, (n, m)) * 5)
    feasible = rng.random((n, m)) >= forbidden
    points = np.where(feasible, points, 0).astype(np.int32)
    return Scores(points, feasible), rng.integers(1, 4, m)


def brute_force_best(scores: Scores, caps) -> tuple[int, int]:
    """(best total, most mentees matched at that total), by enumerating every assignment."""
    n, m = scores.shape
    best = (0, 0)
    for choice in product(range(-1, m), repeat=n):
        load = np.zeros(m, dtype=int)
        total = matched = 0
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if not scores.feasible[i, j]:
                break
            load[j] += 1
            total += int(scores.points[i, j])
            matched += 1
        else:
            if (load <= caps).all():
                best = max(best, (total, matched))
    return best


def check_valid(assignment, scores: Scores, caps) -> None:
    """Every mode's promises: feasible pairs only, capacities kept, totals add up."""
    mentees = [i for i, _ in assignment.pairs]
    assert len(mentees) == len(set(mentees)), "a mentee has two mentors"
    load = np.bincount([j for _, j in assignment.pairs], minlength=scores.shape[1])
    assert (load <= caps).all(), "a mentor over capacity"
    assert all(scores.feasible[i, j] for i, j in assignment.pairs), "a forbidden pair"
    assert assignment.total == sum(int(scores.points[i, j]) for i, j in assignment.pairs)
    assert assignment.matched == len(assignment.pairs)
    assert sorted([*mentees, *assignment.unmatched]) == list(range(scores.shape[0]))

"""Coffee roulette: no repeats, as many pairs as possible (brute force), reproducible."""

from __future__ import annotations

from functools import cache
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upward.matching import roulette_pairs
from upward.matching.roulette import maximum_matching


def brute_force_pairs(people: tuple[int, ...], met: frozenset[frozenset[int]]) -> int:
    """The most disjoint pairs of people who have not met, by trying every pairing."""

    @cache
    def best(left: frozenset[int]) -> int:
        if len(left) < 2:
            return 0
        first = min(left)
        rest = left - {first}
        options = [best(rest)]  # the first person unpaired
        options += [1 + best(rest - {other}) for other in rest
                    if frozenset((first, other)) not in met]
        return max(options)

    return best(frozenset(people))


rounds = st.integers(2, 10).flatmap(lambda n: st.tuples(
    st.just(tuple(range(1, n + 1))),
    st.lists(st.sampled_from(list(combinations(range(1, n + 1), 2))), max_size=n * 2),
    st.integers(0, 2**32 - 1)))


@settings(max_examples=400, deadline=None)
@given(rounds)
def test_pairs_as_many_people_as_possible_and_never_repeats(round_):
    people, past, seed = round_
    met = frozenset(frozenset(p) for p in past)
    groups = roulette_pairs(people, [set(p) for p in past], seed=seed)
    everyone = [person for group in groups for person in group]
    assert sorted(everyone) == sorted(people)  # each person exactly once
    for group in groups:
        assert all(frozenset(p) not in met for p in combinations(group, 2)), group
    real_groups = [g for g in groups if len(g) > 1]
    assert all(len(g) in (2, 3) for g in real_groups)
    assert len(real_groups) == brute_force_pairs(people, met)
    sitting_out = [g[0] for g in groups if len(g) == 1]
    for person in sitting_out:  # could not have joined any pair as a third
        for group in groups:
            if len(group) == 2:
                assert any(frozenset((person, other)) in met for other in group)


def test_a_perfect_matching_is_found_when_only_one_exists():
    """Six people, everyone met except 1–4, 2–5 and 3–6: the one perfect pairing."""
    people = list(range(1, 7))
    allowed = {frozenset(p) for p in ((1, 4), (2, 5), (3, 6))}
    past = [set(p) for p in combinations(people, 2) if frozenset(p) not in allowed]
    for seed in range(10):
        assert roulette_pairs(people, past, seed=seed) == [(1, 4), (2, 5), (3, 6)]


def test_an_odd_one_out_joins_as_a_third_only_without_repeats():
    assert roulette_pairs([1, 2, 3], past=[], seed=0) == [(1, 2, 3)]
    assert roulette_pairs([1, 2, 3], past=[{1, 3}], seed=0) == [(1, 2), (3,)] or \
        roulette_pairs([1, 2, 3], past=[{1, 3}], seed=0) == [(2, 3), (1,)]


def test_past_trios_count_as_three_meetings():
    groups = roulette_pairs([1, 2, 3, 4], past=[{1, 2, 3}], seed=4)
    assert groups in ([(1, 4), (2,), (3,)], [(2, 4), (1,), (3,)], [(3, 4), (1,), (2,)])


def test_the_same_seed_gives_the_same_round_and_seeds_vary_it():
    people = list(range(40))
    past = [{k, k + 1} for k in range(39)]
    first = roulette_pairs(people, past, seed=7)
    assert roulette_pairs(people, past, seed=7) == first
    assert roulette_pairs(people, past, seed=np.random.default_rng(7)) == first
    assert len({tuple(roulette_pairs(people, past, seed=s)) for s in range(5)}) > 1


def test_a_larger_round_is_perfect():
    rng = np.random.default_rng(2)
    people = list(range(300))
    past = [set(rng.choice(people, 2, replace=False).tolist()) for _ in range(3000)]
    groups = roulette_pairs(people, past, seed=1)
    assert all(len(g) == 2 for g in groups) and len(groups) == 150


def test_maximum_matching_contracts_odd_cycles():
    """A graph (found by search) on which the same search without blossom contraction
    stops at 3 pairs; 4 pairs exist (0–6, 3–9, 2–8 and 5–7, say)."""
    adjacency = [[2, 6, 7], [], [0, 3, 5, 7, 8], [2, 7, 9], [], [2, 7, 8], [0],
                 [0, 2, 3, 5, 8], [2, 5, 7], [3]]
    match = maximum_matching(adjacency)
    assert sum(v != -1 for v in match) == 8
    assert all(match[match[v]] == v and v in adjacency[match[v]]
               for v in range(10) if match[v] != -1)


def test_repeated_people_are_refused():
    with pytest.raises(ValueError, match="must not repeat"):
        roulette_pairs([1, 1, 2], past=[], seed=0)

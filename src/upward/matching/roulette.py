"""Coffee roulette: monthly pairings in which nobody meets someone they met before."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np


def _augmenting_end(root: int, adjacency: list[list[int]], match: list[int],
                    parent: list[int]) -> int:
    """Edmonds' search from a free vertex: the free vertex an augmenting path ends at, or -1.

    Blossoms (odd cycles) are contracted by relabelling their vertices' ``base``;
    ``parent`` holds the path back to ``root`` for :func:`_augment`.
    """
    n = len(adjacency)
    used = [False] * n
    base = list(range(n))
    for v in range(n):
        parent[v] = -1
    used[root] = True
    queue = [root]

    def common_base(a: int, b: int) -> int:
        seen = [False] * n
        while True:
            a = base[a]
            seen[a] = True
            if match[a] == -1:
                break
            a = parent[match[a]]
        while True:
            b = base[b]
            if seen[b]:
                return b
            b = parent[match[b]]

    def mark(v: int, stem: int, child: int, in_blossom: list[bool]) -> None:
        while base[v] != stem:
            in_blossom[base[v]] = in_blossom[base[match[v]]] = True
            parent[v] = child
            child = match[v]
            v = parent[match[v]]

    head = 0
    while head < len(queue):
        v = queue[head]
        head += 1
        for to in adjacency[v]:
            if base[v] == base[to] or match[v] == to:
                continue
            if to == root or (match[to] != -1 and parent[match[to]] != -1):
                stem = common_base(v, to)
                in_blossom = [False] * n
                mark(v, stem, to, in_blossom)
                mark(to, stem, v, in_blossom)
                for u in range(n):
                    if in_blossom[base[u]]:
                        base[u] = stem
                        if not used[u]:
                            used[u] = True
                            queue.append(u)
            elif parent[to] == -1:
                parent[to] = v
                if match[to] == -1:
                    return to
                used[match[to]] = True
                queue.append(match[to])
    return -1


def _augment(end: int, match: list[int], parent: list[int]) -> None:
    while end != -1:
        before = parent[end]
        next_end = match[before]
        match[end], match[before] = before, end
        end = next_end


def maximum_matching(adjacency: list[list[int]]) -> list[int]:
    """A maximum matching of a general graph (Edmonds' blossom algorithm).

    Parameters
    ----------
    adjacency : list of list of int
        Neighbours of each vertex 0..n-1 (symmetric). The order in which neighbours
        are listed decides between equally large matchings.

    Returns
    -------
    list of int
        ``match[v]`` = the vertex matched to v, or -1.

    References
    ----------
    Edmonds, J. (1965). Paths, trees, and flowers. *Canadian Journal of Mathematics*
    17, 449–467.
    """
    n = len(adjacency)
    match = [-1] * n
    for v in range(n):  # a greedy start leaves few vertices to augment from
        if match[v] == -1:
            for to in adjacency[v]:
                if match[to] == -1:
                    match[v], match[to] = to, v
                    break
    parent = [-1] * n
    for v in range(n):
        if match[v] == -1:
            end = _augmenting_end(v, adjacency, match, parent)
            if end != -1:
                _augment(end, match, parent)
    return match


def _met_pairs(past: Iterable[Iterable[int]]) -> set[frozenset[int]]:
    met: set[frozenset[int]] = set()
    for group in past:
        met.update(frozenset(pair) for pair in combinations(sorted(set(group)), 2))
    return met


def roulette_pairs(people: Sequence[int], past: Iterable[Iterable[int]],
                   seed: int | np.random.Generator | None = None) -> list[tuple[int, ...]]:
    """One round of coffee roulette.

    Parameters
    ----------
    people : sequence of int
        Person ids taking part this round (no duplicates).
    past : iterable of sets of int
        Groups from past rounds (pairs or trios); nobody meets anyone again.
    seed : int or numpy.random.Generator, optional
        Randomness (``numpy.random.default_rng(seed)``): the same seed, people and past
        give the same round.

    Returns
    -------
    list of tuple of int
        Groups of two (and of three), each sorted, then a 1-tuple for each person who
        sits out this round because everyone left to pair them with was met before.

    Notes
    -----
    As many people as possible are paired: a maximum matching (Edmonds' blossom
    algorithm) of the graph whose edges join people who have not met, with neighbours
    visited in random order. Whoever is left over joins a pair as its third member
    when they have met neither of the two, one per pair (a bipartite matching of
    leftovers to pairs); the rest sit out.

    Examples
    --------
    >>> roulette_pairs([1, 2, 3, 4], past=[{1, 2}, {3, 4}], seed=1)
    [(1, 3), (2, 4)]
    """
    people = list(people)
    if len(set(people)) != len(people):
        raise ValueError("people must not repeat")
    rng = np.random.default_rng(seed)
    met = _met_pairs(past)
    order = [people[k] for k in rng.permutation(len(people))]
    adjacency = [[b for b in range(len(order))
                  if b != a and frozenset((order[a], order[b])) not in met]
                 for a in range(len(order))]
    for neighbours in adjacency:
        rng.shuffle(neighbours)
    match = maximum_matching(adjacency)
    pairs = [[order[a], order[match[a]]] for a in range(len(order)) if a < match[a]]
    left = [order[a] for a in range(len(order)) if match[a] == -1]

    # Leftovers to pairs (one each), Kuhn's augmenting paths.
    fits = [[p for p, (a, b) in enumerate(pairs)
             if frozenset((person, a)) not in met and frozenset((person, b)) not in met]
            for person in left]
    third_of: dict[int, int] = {}

    def seat(k: int, tried: set[int]) -> bool:
        for p in fits[k]:
            if p not in tried:
                tried.add(p)
                if p not in third_of or seat(third_of[p], tried):
                    third_of[p] = k
                    return True
        return False

    for k in range(len(left)):
        seat(k, set())
    seated = set(third_of.values())  # once seated, an augmenting path only moves them
    groups = [tuple(sorted([*pair, left[third_of[p]]] if p in third_of else pair))
              for p, pair in enumerate(pairs)]
    groups.sort()
    return groups + [(left[k],) for k in sorted(set(range(len(left))) - seated,
                                                key=lambda k: left[k])]

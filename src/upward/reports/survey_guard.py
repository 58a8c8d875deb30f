"""Which survey answers a release of workforce figures may use: the differencing guard.

Survey answers are private to each person; the HR file they are joined to is
not — an analyst writes it and can write anything. Every published table
crosses background with a grouping of people the file decides (grade,
function, pay quartile, …). With exact counts, an analyst who can choose those
groupings can make two published groups differ by one person — in one file
(one person's own function, filled up with rows whose answers the file itself
sets) or across two files (the same workforce with and without them) — and read
that person's answer off the difference. Suppressing small cells does not stop
this: every cell involved can be large.

The guard works on who is in which group, never on anyone's answer, so what it
decides reveals nothing about answers. Before a release is computed it decides,
for each person whose survey answers could be joined, whether they are used;
those held back count as if they had not linked their answers (HR's answers,
if the file has any, or "not classified"). It holds back until all of these
hold, over every grouping of this release **and of every earlier release**
(the ledger):

1. **Enough people per group.** Every group holds no used survey answers or at
   least ``k`` of them. A group's people that the file itself answers for are
   known to its writer and count for nothing.
2. **No slivers.** Any two groups' sets of used survey answers are the same or
   differ by at least ``k`` people — within a release (grade 7 against the
   executive function) and across releases (grade 7 last year and this year, or
   the whole workforce with and without one person).
3. **No slivers against unions.** The same for a group against the union of the
   groups of another grouping that lie mostly inside it (a function split into
   two grades, and one person more).
4. **No exact isolation.** No combination of all published groups, with any
   weights, equals one person (the leverage of every person in the span of the
   groups' indicator vectors stays below 1).

When a rule fails for people in this release, those people are held back: the
new people a group gained; and when part of the difference lies in an earlier
release (a person who withdrew, left, or was removed from the new file), also
enough people who are in both to make that difference ``k`` people wide, so it
tells no more than any group of ``k``. Held-back answers are counted, not named.
Pay statistics are protected separately, by noise (:mod:`upward.reports.workforce`).

What this does not stop is written up in ``docs/insights.md`` (Threat model).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from scipy import sparse

__all__ = ["GuardResult", "Grouping", "Release", "guard"]

#: Leverage at or above this counts as exact isolation (floating-point tolerance).
ISOLATED = 1.0 - 1e-6

RULES = ("group_size", "sliver", "union", "isolation", "ledger")


@dataclass(frozen=True)
class Grouping:
    """One way a release groups people: ``codes[i]`` is person i's group, or -1 for none."""

    name: str
    codes: np.ndarray


@dataclass(frozen=True)
class Release:
    """What the ledger keeps of one release: whose answers were used, and their groups.

    ``tokens`` are random numbers standing for survey responses (never a name, an
    account or an answer); each grouping's ``codes`` are aligned with them.
    """

    tokens: np.ndarray
    groupings: tuple[Grouping, ...]

    def to_parquet(self) -> bytes:
        columns: dict[str, pa.Array] = {"token": pa.array(self.tokens, type=pa.int64())}
        names = []
        for i, grouping in enumerate(self.groupings):
            columns[f"g{i}"] = pa.array(grouping.codes, type=pa.int32())
            names.append(grouping.name)
        table = pa.table(columns).replace_schema_metadata(
            {b"upward.groupings": json.dumps(names).encode()})
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        return sink.getvalue()

    @classmethod
    def from_parquet(cls, data: bytes) -> Release:
        table = pq.read_table(io.BytesIO(data))
        names = json.loads((table.schema.metadata or {})[b"upward.groupings"])
        tokens = np.asarray(table.column("token").to_numpy(), dtype=np.int64)
        groupings = tuple(
            Grouping(name, np.asarray(table.column(f"g{i}").to_numpy(), dtype=np.int64))
            for i, name in enumerate(names))
        return cls(tokens=tokens, groupings=groupings)


@dataclass(frozen=True)
class GuardResult:
    """The guard's decision.

    Attributes
    ----------
    used : numpy.ndarray of bool
        Per candidate, whether their answers are used in this release.
    release : Release
        The ledger entry to keep if the release is published.
    held_back : dict
        How many answers each rule held back (a person is counted under the
        first rule that held them back).
    """

    used: np.ndarray
    release: Release
    held_back: dict[str, int] = field(default_factory=dict)

    @property
    def n_used(self) -> int:
        return int(self.used.sum())

    @property
    def n_held_back(self) -> int:
        return int((~self.used).sum())


# ---------------------------------------------------------------------------


@dataclass
class _Groups:
    """Groups as rows of a sparse 0/1 matrix over a common list of tokens."""

    matrix: sparse.csr_matrix  # groups x tokens
    partition: np.ndarray  # which grouping each group row belongs to (global index)

    @property
    def sizes(self) -> np.ndarray:
        return np.asarray(self.matrix.sum(axis=1)).ravel()


def _group_rows(columns: np.ndarray, groupings: Sequence[Grouping], n_tokens: int,
                first_partition: int) -> _Groups:
    """Sparse group x token matrix; ``columns`` maps each person to their token column."""
    rows, cols, parts = [], [], []
    next_row = 0
    for p, grouping in enumerate(groupings):
        codes = np.asarray(grouping.codes, dtype=np.int64)
        member = codes >= 0
        if not member.any():
            continue
        present, inverse = np.unique(codes[member], return_inverse=True)
        rows.append(next_row + inverse)
        cols.append(columns[member])
        parts.append(np.full(len(present), first_partition + p, dtype=np.int64))
        next_row += len(present)
    if not rows:
        return _Groups(sparse.csr_matrix((0, n_tokens), dtype=np.float64),
                       np.zeros(0, dtype=np.int64))
    r, c = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(next_row, n_tokens))
    return _Groups(matrix, np.concatenate(parts))


def _leverage(matrix: sparse.csr_matrix) -> np.ndarray:
    """Per column, the squared length of its unit vector's projection onto the row space.

    From the small Gram matrix ``M M^T`` (groups x groups): with its eigenpairs
    (λ, v), the row space has the orthonormal basis ``M^T v / sqrt(λ)``, so column j's
    leverage is ``sum over λ > 0 of (M^T v)_j^2 / λ``. A 0/1 matrix of groups is well
    enough conditioned for this; eigenvalues below a relative 1e-10 count as zero.
    """
    n_groups, n_columns = matrix.shape
    if n_groups == 0 or n_columns == 0:
        return np.zeros(n_columns)
    gram = (matrix @ matrix.T).toarray()
    values, vectors = np.linalg.eigh(gram)
    keep = values > values.max(initial=0.0) * 1e-10
    projected = np.asarray(matrix.T @ vectors[:, keep])  # columns x rank
    return np.einsum("ij,ij->i", projected, projected / values[keep])


def guard(tokens: np.ndarray, groupings: Sequence[Grouping], *, k: int,
          ledger: Sequence[Release] = ()) -> GuardResult:
    """Decide whose survey answers a release may use.

    Parameters
    ----------
    tokens : array of int
        One random token per candidate (a person whose confirmed survey answers
        could be joined to a row of this snapshot); distinct.
    groupings : sequence of Grouping
        Every grouping of people the release publishes a breakdown by
        background for; ``codes`` aligned with ``tokens``.
    k : int
        Disclosure threshold.
    ledger : sequence of Release
        Every earlier release that used survey answers.

    Returns
    -------
    GuardResult

    Examples
    --------
    Two groupings that differ by one person: that person is held back.

    >>> import numpy as np
    >>> tokens = np.arange(12)
    >>> grade = Grouping("grade", np.zeros(12, dtype=int))            # all twelve
    >>> team = Grouping("team", np.array([0] * 11 + [-1]))              # all but the last
    >>> result = guard(tokens, [grade, team], k=10)
    >>> result.used.tolist()[-1], result.n_used, result.held_back
    (False, 11, {'sliver': 1})
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    tokens = np.asarray(tokens, dtype=np.int64)
    if len(np.unique(tokens)) != len(tokens):
        raise ValueError("tokens must be distinct")
    for grouping in groupings:
        if len(grouping.codes) != len(tokens):
            raise ValueError(f"grouping {grouping.name!r} has {len(grouping.codes)} codes for "
                             f"{len(tokens)} tokens")
    state = _Guard(tokens, groupings, k, ledger)
    state.run()
    kept = state.used.copy()
    release = Release(tokens=tokens[kept],
                      groupings=tuple(Grouping(g.name, np.asarray(g.codes)[kept])
                                      for g in groupings))
    return GuardResult(used=kept, release=release,
                       held_back={rule: count for rule, count in state.held.items() if count})


def _stack(parts: Sequence[_Groups], n_tokens: int) -> _Groups:
    parts = [p for p in parts if p.matrix.shape[0]]
    if not parts:
        return _Groups(sparse.csr_matrix((0, n_tokens), dtype=np.float64),
                       np.zeros(0, dtype=np.int64))
    return _Groups(sparse.vstack([p.matrix for p in parts]).tocsr(),
                   np.concatenate([p.partition for p in parts]))


def _row(matrix: sparse.csr_matrix, i: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]


class _Guard:
    """The guard's working state: who is still used, and the groups that follow."""

    def __init__(self, tokens: np.ndarray, groupings: Sequence[Grouping], k: int,
                 ledger: Sequence[Release]):
        self.groupings = groupings
        self.k = k
        self.n = len(tokens)
        self.used = np.ones(self.n, dtype=bool)
        self.held: dict[str, int] = dict.fromkeys(RULES, 0)
        ledger_tokens = [np.asarray(r.tokens, dtype=np.int64) for r in ledger]
        self.universe = np.unique(np.concatenate([tokens, *ledger_tokens]))
        self.n_tokens = len(self.universe)
        self.columns = np.searchsorted(self.universe, tokens)  # candidate -> token column
        parts, first = [], len(groupings)
        for release in ledger:
            cols = np.searchsorted(self.universe, np.asarray(release.tokens, dtype=np.int64))
            parts.append(_group_rows(cols, release.groupings, self.n_tokens, first))
            first += len(release.groupings)
        self.old = _stack(parts, self.n_tokens)
        self.old_leverage = _leverage(self.old.matrix)

    def hold(self, token_columns: np.ndarray, rule: str) -> bool:
        newly = np.isin(self.columns, token_columns) & self.used
        if not newly.any():
            return False
        self.held[rule] += int(newly.sum())
        self.used[newly] = False
        return True

    def run(self) -> None:
        while self.step():
            pass

    def step(self) -> bool:
        """Apply the rules once; True if someone was held back (the rules run again)."""
        masked = [Grouping(g.name, np.where(self.used, g.codes, -1)) for g in self.groupings]
        cur = _group_rows(self.columns, masked, self.n_tokens, 0)
        if not cur.matrix.shape[0]:
            return False
        sizes = cur.sizes
        k = self.k

        # 1. Enough people per group.
        small = np.flatnonzero((sizes > 0) & (sizes < k))
        if len(small):
            return self.hold(np.concatenate([_row(cur.matrix, g) for g in small]), "group_size")

        both = _stack([cur, self.old], self.n_tokens)
        n_cur = cur.matrix.shape[0]
        all_sizes = both.sizes
        inter = (cur.matrix @ both.matrix.T).toarray()

        # 2. No slivers between two groups of different groupings.
        delta = sizes[:, None] + all_sizes[None, :] - 2 * inter
        comparable = (both.partition[None, :] != cur.partition[:, None]) & \
            (all_sizes[None, :] > 0)
        for a, b in np.argwhere(comparable & (delta > 0) & (delta < k)):
            if self.mend(_row(cur.matrix, a), _row(both.matrix, b), b >= n_cur, "sliver"):
                return True

        # 3. No slivers against a union of another grouping's groups mostly inside a group.
        for p in np.unique(both.partition):
            in_p = np.flatnonzero(both.partition == p)
            for a in range(n_cur):
                if cur.partition[a] == p:
                    continue
                inside = in_p[2 * inter[a, in_p] > all_sizes[in_p]]
                if len(inside) < 2:
                    continue  # one group is rule 2's business
                d = sizes[a] + all_sizes[inside].sum() - 2 * inter[a, inside].sum()
                if 0 < d < k:
                    union = np.unique(np.concatenate([_row(both.matrix, b) for b in inside]))
                    if self.mend(_row(cur.matrix, a), union, p >= len(self.groupings), "union"):
                        return True

        # 4. No exact isolation, over the ledger and this release together.
        lev = _leverage(both.matrix)
        isolated = lev >= ISOLATED
        mine = self.columns[self.used & isolated[self.columns]]
        if len(mine):
            return self.hold(mine, "isolation")
        in_release = np.zeros(self.n_tokens, dtype=bool)
        in_release[self.columns[self.used]] = True
        if (isolated & ~in_release & (self.old_leverage < ISOLATED)).any():
            # Someone only in earlier releases would be isolated by this one: use none of
            # this release's answers rather than guess which to drop.
            return self.hold(self.columns, "ledger")
        return False

    def mend(self, members_a: np.ndarray, members_b: np.ndarray, b_is_old: bool,
             rule: str) -> bool:
        """Hold people back so that group a no longer differs from b by a few people."""
        only_a = np.setdiff1d(members_a, members_b)
        only_b = np.setdiff1d(members_b, members_a)
        if not b_is_old:
            return self.hold(np.concatenate([only_a, only_b]), rule)
        # The group gained a few since b was published: hold them back. If b also had people
        # the group no longer has (they left, withdrew, or were left out of the file), that
        # difference cannot be taken back: widen it to k people by holding back some who are
        # in both, so that it tells no more than a group of k. The ones with the smallest
        # tokens are taken: tokens are random, so this is a random choice, yet repeatable.
        shared = np.intersect1d(members_a, members_b)
        extra = max(self.k - len(only_b), 0) if len(only_b) else 0
        if extra > len(shared):
            return self.hold(members_a, rule)
        widen = shared[np.argsort(self.universe[shared], kind="stable")[:extra]]
        return self.hold(np.concatenate([only_a, widen]), rule)

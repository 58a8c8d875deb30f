"""Scoring every mentee–mentor pair at once, and explaining one pair in words.

:func:`score_matrix` is vectorised: each set-valued criterion (goals, skills, ...) is
encoded as a bitmask per candidate over that criterion's vocabulary, so a shared
item count is ``np.bitwise_count(a & b)`` over a whole block of pairs.
:func:`explain` recomputes one pair with plain Python sets; the two are tested to
agree on every pair of random instances.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from upward.matching.candidates import (
    ANSWER_PREFIX,
    CRITERIA,
    MAX_ITEMS_COUNTED,
    Candidate,
    Rules,
    Weights,
    as_weights,
)

#: Cells scored per block: bounds the temporaries (uint64 of this many cells).
_BLOCK_CELLS = 1 << 21

BLOCKED_SELF = "Same person"
BLOCKED_OPT_OUT = "Opted out"
BLOCKED_PAST = "Paired before"
BLOCKED_DISMISSED = "Dismissed by the mentee"
BLOCKED_LINE_MANAGER = "Line manager"
BLOCKED_TEAM = "Same team"
BLOCKED_GAP_LOW = "Seniority gap below the minimum"
BLOCKED_GAP_HIGH = "Seniority gap above the maximum"


@dataclass(frozen=True)
class Scores:
    """Points of every mentee (row) × mentor (column) pair.

    Attributes
    ----------
    points : ndarray of int32, shape (n_mentees, n_mentors)
        Weighted sum of the criteria; 0 where the pair is not allowed.
    feasible : ndarray of bool, same shape
        False where a hard constraint forbids the pair.
    """

    points: np.ndarray
    feasible: np.ndarray

    def __post_init__(self) -> None:
        points, feasible = np.asarray(self.points), np.asarray(self.feasible)
        if points.ndim != 2 or points.shape != feasible.shape:
            raise ValueError(f"points and feasible must be 2-d of the same shape, got "
                             f"{points.shape} and {feasible.shape}")
        if feasible.dtype != bool:
            raise ValueError(f"feasible must be boolean, got {feasible.dtype}")
        if not np.issubdtype(points.dtype, np.integer):
            raise ValueError(f"points must be integers, got {points.dtype}")
        if points.size and points.min() < 0:
            raise ValueError("points must not be negative")
        object.__setattr__(self, "points", points)
        object.__setattr__(self, "feasible", feasible)

    @property
    def shape(self) -> tuple[int, int]:
        """(n_mentees, n_mentors)."""
        return self.points.shape  # type: ignore[return-value]


@dataclass(frozen=True)
class Explanation:
    """Why a pair scores what it does, in words a member can read.

    Attributes
    ----------
    parts : tuple of (str, int)
        (label, points) for each criterion that scored, e.g.
        ``("Same goal: first promotion", 30)``. Empty when the pair is blocked.
    total : int
        Sum of the parts; equal to the pair's cell in :func:`score_matrix`.
    blocked : tuple of str
        Why the pair is not allowed (e.g. ``"Line manager"``); empty when allowed.
    keys : tuple of str
        The criterion key of each part, parallel to ``parts`` (``"goals"``,
        ``"answers:<question>"``, ...): what a caller filters on, never the label.
    """

    parts: tuple[tuple[str, int], ...]
    total: int
    blocked: tuple[str, ...]
    keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.keys and len(self.keys) != len(self.parts):
            raise ValueError("keys must be parallel to parts")

    @property
    def keyed(self) -> tuple[tuple[str, str, int], ...]:
        """(key, label, points) of each part."""
        return tuple((key, label, points)
                     for key, (label, points) in zip(self.keys, self.parts, strict=True))

    def without(self, keys: Iterable[str]) -> Explanation:
        """The explanation with the parts of these criteria left out (total re-added)."""
        drop = frozenset(keys)
        kept = [(key, part) for key, part in zip(self.keys, self.parts, strict=True)
                if key not in drop]
        return Explanation(parts=tuple(part for _, part in kept),
                           total=sum(points for _, (_, points) in kept),
                           blocked=self.blocked, keys=tuple(key for key, _ in kept))

    @property
    def allowed(self) -> bool:
        """True when no hard constraint forbids the pair."""
        return not self.blocked

    def summary(self) -> str:
        """One line: ``"Same goal: first promotion +30; ... = 55"`` or the reasons."""
        if self.blocked:
            return "Not allowed: " + "; ".join(self.blocked)
        words = "; ".join(f"{label} +{points}" for label, points in self.parts)
        return f"{words} = {self.total}" if words else "No criteria in common = 0"


def _fold(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.strip().casefold() for item in items)


def _topic_items(mentee: Candidate) -> frozenset[str]:
    return _fold(mentee.skills | mentee.goals)


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def _phrase(function: str) -> re.Pattern[str] | None:
    """A pattern finding ``function`` as a whole word or phrase in a :func:`_words` title;
    None for no function."""
    wanted = _words(function)
    return re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)") if wanted else None


def _worked_in(pattern: re.Pattern[str] | None, titles: Iterable[str]) -> list[str]:
    """The titles (sorted) in which the function of ``pattern`` appears."""
    if pattern is None:
        return []
    return sorted(title for title in titles if pattern.search(_words(title)))


def _grade_points(weight: int, gap: int, ideal: int) -> int:
    """Full points at the ideal gap, minus half the points (rounded down) per grade away."""
    return max(0, weight - abs(gap - ideal) * weight // 2)


# --- the matrix ------------------------------------------------------------------------


def _bitmasks(left: Sequence[Iterable[str]], right: Sequence[Iterable[str]]
              ) -> tuple[np.ndarray, np.ndarray]:
    """Encode two lists of sets over their joint vocabulary as uint64 words, shape (n, w)."""
    vocabulary: dict[str, int] = {}
    encoded = []
    for side in (left, right):
        ints = []
        for items in side:
            mask = 0
            for item in items:
                mask |= 1 << vocabulary.setdefault(item, len(vocabulary))
            ints.append(mask)
        encoded.append(ints)
    words = max(1, -(-len(vocabulary) // 64))
    low = (1 << 64) - 1
    return tuple(  # type: ignore[return-value]
        np.array([[(mask >> (64 * w)) & low for w in range(words)] for mask in ints],
                 dtype=np.uint64).reshape(len(ints), words)
        for ints in encoded)


def _shared(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Count of shared items for every (row of a, row of b): shape (len(a), len(b))."""
    count = np.zeros((a.shape[0], b.shape[0]), dtype=np.uint8)
    for w in range(a.shape[1]):
        count += np.bitwise_count(a[:, None, w] & b[None, :, w])
    return count


def _codes(left: Sequence[str], right: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of two lists of strings over a joint vocabulary; "" → -1."""
    vocabulary: dict[str, int] = {}

    def code(value: str) -> int:
        return -1 if value == "" else vocabulary.setdefault(value, len(vocabulary))

    return (np.array([code(v) for v in left], dtype=np.int64),
            np.array([code(v) for v in right], dtype=np.int64))


def _optional(values: Iterable[int | None]) -> tuple[np.ndarray, np.ndarray]:
    values = list(values)
    return (np.array([0 if v is None else v for v in values], dtype=np.int64),
            np.array([v is not None for v in values], dtype=bool))


def _check_unique(candidates: Sequence[Candidate], side: str) -> None:
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{side} ids must be unique (one sign-up per side)")


def score_matrix(mentees: Sequence[Candidate], mentors: Sequence[Candidate],
                 weights: Weights | Mapping[str, int] | None = None,
                 rules: Rules | None = None) -> Scores:
    """Score every mentee–mentor pair.

    Parameters
    ----------
    mentees, mentors : sequence of Candidate
        Rows and columns of the result, in this order.
    weights : Weights or mapping, optional
        Points per criterion (default :data:`DEFAULT_WEIGHTS`).
    rules : Rules, optional
        Hard constraints (default ``Rules()``).

    Returns
    -------
    Scores
        ``points`` (int32) and ``feasible`` (bool), shape (n_mentees, n_mentors).

    Notes
    -----
    For a feasible pair the points are

    .. math:: \\sum_c w_c \\, f_c(\\text{mentee}, \\text{mentor})

    where :math:`f_c` is the number of shared items capped at 2 (goals, skills,
    lived experience asked for and shown, mentee skills/goals in the mentor's topics),
    1/0 for function, career (the function wanted named in one of the mentor's job
    titles, as a whole word or phrase, ignoring case: a boolean function × mentor
    table indexed by each mentee's function), location, any shared availability, each
    custom question and a bookmark, and for ``grade_gap``
    :math:`\\max(0, 1 - |g - g^*|/2)` of the weight (rounded down in points),
    :math:`g` = mentor grade − mentee grade. See :func:`explain` for the same sum in
    words.
    """
    weights = as_weights(weights)
    rules = rules or Rules()
    _check_unique(mentees, "mentee")
    _check_unique(mentors, "mentor")
    n, m = len(mentees), len(mentors)
    points = np.zeros((n, m), dtype=np.int32)
    feasible = np.ones((n, m), dtype=bool)
    if n == 0 or m == 0:
        return Scores(points, feasible)

    counted = []  # (weight, mentee masks, mentor masks) of the per-item criteria
    for key, mentee_sets, mentor_sets in (
            ("goals", [c.goals for c in mentees], [c.goals for c in mentors]),
            ("skills", [c.skills for c in mentees], [c.skills for c in mentors]),
            ("lived_experience", [c.lived_experience for c in mentees],
             [c.lived_experience for c in mentors]),
            ("topics", [_topic_items(c) for c in mentees], [_fold(c.topics) for c in mentors])):
        if weights.points(key):
            counted.append((weights.points(key), *_bitmasks(mentee_sets, mentor_sets)))
    availability = (_bitmasks([c.availability for c in mentees],
                              [c.availability for c in mentors])
                    if weights.points("availability") else None)
    equal = []  # (weight, mentee codes, mentor codes): points when equal and given
    if weights.points("function"):
        equal.append((weights.points("function"),
                      *_codes([c.wanted_function for c in mentees],
                              [c.function for c in mentors])))
    worked = None  # (mentee's wanted function code, [code, mentor] → has worked in it)
    if weights.points("career"):
        # One row per distinct function wanted, one column per mentor: has the mentor a
        # title naming it? The last row (code -1: no function wanted) stays False.
        patterns = {function: pattern for function in dict.fromkeys(c.wanted_function
                                                                    for c in mentees)
                    if (pattern := _phrase(function)) is not None}
        code = {function: k for k, function in enumerate(patterns)}
        titles = [[_words(title) for title in c.career] for c in mentors]
        table = np.zeros((len(patterns) + 1, m), dtype=bool)
        for k, pattern in enumerate(patterns.values()):
            table[k] = [any(pattern.search(title) for title in own) for own in titles]
        worked = (np.array([code.get(c.wanted_function, -1) for c in mentees], dtype=np.int64),
                  table)
    if weights.points("location"):
        equal.append((weights.points("location"),
                      *_codes([c.location for c in mentees], [c.location for c in mentors])))
    for question in weights.answer_keys:
        equal.append((weights.points(ANSWER_PREFIX + question),
                      *_codes([c.answers.get(question, "") for c in mentees],
                              [c.answers.get(question, "") for c in mentors])))
    team_codes = _codes([c.team for c in mentees], [c.team for c in mentors])
    mentee_grade, mentee_graded = _optional(c.grade for c in mentees)
    mentor_grade, mentor_graded = _optional(c.grade for c in mentors)
    mentee_person = np.array([c.person for c in mentees], dtype=np.int64)
    mentor_person = np.array([c.person for c in mentors], dtype=np.int64)
    mentee_manager, mentee_managed = _optional(c.line_manager for c in mentees)
    mentor_manager, mentor_managed = _optional(c.line_manager for c in mentors)
    grade_weight = weights.points("grade_gap")

    step = max(1, _BLOCK_CELLS // m)
    for start in range(0, n, step):
        rows = slice(start, min(n, start + step))
        block = points[rows]
        for weight, left, right in counted:
            block += weight * np.minimum(_shared(left[rows], right),
                                         MAX_ITEMS_COUNTED).astype(np.int32)
        if availability is not None:
            left, right = availability
            any_shared = np.zeros(block.shape, dtype=bool)
            for w in range(left.shape[1]):
                any_shared |= (left[rows, None, w] & right[None, :, w]) != 0
            block += weights.points("availability") * any_shared
        for weight, left, right in equal:
            block += weight * ((left[rows, None] == right[None, :]) & (left[rows, None] >= 0))
        if worked is not None:
            wanted, table = worked
            block += weights.points("career") * table[wanted[rows]]
        graded = mentee_graded[rows, None] & mentor_graded[None, :]
        gap = mentor_grade[None, :] - mentee_grade[rows, None]
        if grade_weight:
            away = np.abs(gap - rules.ideal_grade_gap)
            block += np.where(graded, np.maximum(0, grade_weight - away * grade_weight // 2),
                              0).astype(np.int32)

        allowed = feasible[rows]
        allowed &= mentee_person[rows, None] != mentor_person[None, :]
        if rules.exclude_line_manager:
            allowed &= ~(mentee_managed[rows, None]
                         & (mentee_manager[rows, None] == mentor_person[None, :]))
            allowed &= ~(mentor_managed[None, :]
                         & (mentor_manager[None, :] == mentee_person[rows, None]))
        if rules.exclude_same_team:
            left, right = team_codes
            allowed &= ~((left[rows, None] == right[None, :]) & (left[rows, None] >= 0))
        if rules.min_grade_gap is not None:
            allowed &= ~(graded & (gap < rules.min_grade_gap))
        if rules.max_grade_gap is not None:
            allowed &= ~(graded & (gap > rules.max_grade_gap))

    # Sparse constraints: a handful of cells each, set by index.
    mentee_rows_of = defaultdict(list)
    for i, c in enumerate(mentees):
        mentee_rows_of[c.person].append(i)
    mentor_cols_of = defaultdict(list)
    for j, c in enumerate(mentors):
        mentor_cols_of[c.person].append(j)
    mentee_index = {c.id: i for i, c in enumerate(mentees)}
    mentor_index = {c.id: j for j, c in enumerate(mentors)}
    blocked_rows, blocked_cols = [], []
    for i, c in enumerate(mentees):
        for person in c.avoid:
            for j in mentor_cols_of.get(person, ()):
                blocked_rows.append(i)
                blocked_cols.append(j)
    for j, c in enumerate(mentors):
        for person in c.avoid:
            for i in mentee_rows_of.get(person, ()):
                blocked_rows.append(i)
                blocked_cols.append(j)
    for mentee_person_id, mentor_person_id in rules.past_pairs:
        for i in mentee_rows_of.get(mentee_person_id, ()):
            for j in mentor_cols_of.get(mentor_person_id, ()):
                blocked_rows.append(i)
                blocked_cols.append(j)
    for mentee_id, mentor_id in rules.dismissed:
        if mentee_id in mentee_index and mentor_id in mentor_index:
            blocked_rows.append(mentee_index[mentee_id])
            blocked_cols.append(mentor_index[mentor_id])
    feasible[blocked_rows, blocked_cols] = False
    if weights.points("bookmarked"):
        marked = [(mentee_index[a], mentor_index[b]) for a, b in rules.bookmarks
                  if a in mentee_index and b in mentor_index]
        if marked:
            rows_, cols_ = zip(*marked, strict=True)
            points[list(rows_), list(cols_)] += weights.points("bookmarked")
    points[~feasible] = 0
    return Scores(points, feasible)


# --- one pair in words -----------------------------------------------------------------


def blocked_reasons(mentee: Candidate, mentor: Candidate, rules: Rules | None = None
                    ) -> tuple[str, ...]:
    """Why a pair is not allowed (empty when it is), in a fixed order."""
    rules = rules or Rules()
    reasons = []
    if mentee.person == mentor.person:
        reasons.append(BLOCKED_SELF)
    if mentor.person in mentee.avoid or mentee.person in mentor.avoid:
        reasons.append(BLOCKED_OPT_OUT)
    if (mentee.person, mentor.person) in rules.past_pairs:
        reasons.append(BLOCKED_PAST)
    if (mentee.id, mentor.id) in rules.dismissed:
        reasons.append(BLOCKED_DISMISSED)
    if rules.exclude_line_manager and (mentee.line_manager == mentor.person
                                       or mentor.line_manager == mentee.person):
        reasons.append(BLOCKED_LINE_MANAGER)
    if rules.exclude_same_team and mentee.team and mentee.team == mentor.team:
        reasons.append(BLOCKED_TEAM)
    if mentee.grade is not None and mentor.grade is not None:
        gap = mentor.grade - mentee.grade
        if rules.min_grade_gap is not None and gap < rules.min_grade_gap:
            reasons.append(f"{BLOCKED_GAP_LOW} ({rules.min_grade_gap})")
        if rules.max_grade_gap is not None and gap > rules.max_grade_gap:
            reasons.append(f"{BLOCKED_GAP_HIGH} ({rules.max_grade_gap})")
    return tuple(reasons)


def _gap_words(gap: int) -> str:
    if gap == 0:
        return "same grade"
    grades = "grade" if abs(gap) == 1 else "grades"
    return f"mentor {abs(gap)} {grades} {'above' if gap > 0 else 'below'}"


def explain(mentee: Candidate, mentor: Candidate,
            weights: Weights | Mapping[str, int] | None = None,
            rules: Rules | None = None) -> Explanation:
    """Explain one pair's score in words: the criteria that scored, or why it is blocked.

    Names only sign-up choices (and the lived-experience tags the mentor chose to
    show); nothing else is in a :class:`Candidate`.

    Examples
    --------
    >>> mentee = Candidate(id=1, person=10, goals=frozenset({"first promotion"}))
    >>> mentor = Candidate(id=2, person=20, goals=frozenset({"first promotion"}))
    >>> explain(mentee, mentor, {"goals": 30}).summary()
    'Same goal: first promotion +30 = 30'
    """
    weights = as_weights(weights)
    rules = rules or Rules()
    blocked = blocked_reasons(mentee, mentor, rules)
    if blocked:
        return Explanation(parts=(), total=0, blocked=blocked)
    parts: list[tuple[str, str, int]] = []  # (key, label, points)

    def add(key: str, detail: str, points: int) -> None:
        if points > 0:
            parts.append((key, f"{CRITERIA[key]}: {detail}" if detail else CRITERIA[key],
                          points))

    for key, shared in (("goals", mentee.goals & mentor.goals),
                        ("skills", mentee.skills & mentor.skills),
                        ("lived_experience", mentee.lived_experience & mentor.lived_experience)):
        for item in sorted(shared)[:MAX_ITEMS_COUNTED]:
            add(key, item, weights.points(key))
    wanted = _topic_items(mentee)
    topics = sorted({t.strip().casefold(): t.strip() for t in sorted(mentor.topics)
                     if t.strip().casefold() in wanted}.items())
    for _, topic in topics[:MAX_ITEMS_COUNTED]:
        add("topics", topic, weights.points("topics"))
    if mentee.wanted_function and mentee.wanted_function == mentor.function:
        add("function", mentor.function, weights.points("function"))
    titles = _worked_in(_phrase(mentee.wanted_function), mentor.career)
    if titles and weights.points("career"):
        parts.append(("career", f"{CRITERIA['career']} {mentee.wanted_function.strip()}: "
                                 f"{titles[0]}", weights.points("career")))
    if mentee.location and mentee.location == mentor.location:
        add("location", mentor.location, weights.points("location"))
    if mentee.availability & mentor.availability:
        add("availability", ", ".join(sorted(mentee.availability & mentor.availability)),
            weights.points("availability"))
    if mentee.grade is not None and mentor.grade is not None:
        gap = mentor.grade - mentee.grade
        add("grade_gap", _gap_words(gap),
            _grade_points(weights.points("grade_gap"), gap, rules.ideal_grade_gap))
    for question in weights.answer_keys:
        answer = mentee.answers.get(question, "")
        if answer and answer == mentor.answers.get(question, ""):
            parts.append((ANSWER_PREFIX + question,
                          f"Same answer to {weights.question_label(question)}: {answer}",
                          weights.points(ANSWER_PREFIX + question)))
    if (mentee.id, mentor.id) in rules.bookmarks:
        add("bookmarked", "", weights.points("bookmarked"))
    parts = [part for part in parts if part[2] > 0]
    return Explanation(parts=tuple((label, points) for _, label, points in parts),
                       total=sum(points for _, _, points in parts), blocked=(),
                       keys=tuple(key for key, _, _ in parts))

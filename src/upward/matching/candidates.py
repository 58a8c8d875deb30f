"""What the matching engine knows about a sign-up, how it weighs criteria, and its rules.

Everything here is a sign-up choice (goals, skills, grade, the lived-experience tags
a mentor chose to show, ...), plus what a mentor lets matching read of their profile
(their "ask me about" topics and the job titles of their career timeline). Survey
answers never enter this package: a score bonus for a shared background answer would let
a mentee infer a mentor's answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: Criterion key → the label an explanation starts with. ``answers:<key>`` keys
#: (one per custom sign-up question) come on top of these.
CRITERIA: Mapping[str, str] = MappingProxyType({
    "goals": "Same goal",
    "skills": "Skills overlap",
    "lived_experience": "Lived experience",
    "topics": "Ask me about",
    "function": "Mentor from the function asked for",
    "career": "Has worked in",
    "location": "Same location",
    "availability": "Shared availability",
    "grade_gap": "Seniority gap",
    "bookmarked": "Bookmarked by the mentee",
})
ANSWER_PREFIX = "answers:"
#: Criteria that name the mentee's private choices (the lived experience they asked
#: for, the mentors they bookmarked). Nobody but the mentee may see these parts of an
#: explanation, nor any score that includes their points: the one list every caller uses.
MENTEE_PRIVATE_CRITERIA: frozenset[str] = frozenset({"lived_experience", "bookmarked"})
#: Per-item criteria count at most this many shared items.
MAX_ITEMS_COUNTED = 2

DEFAULT_WEIGHTS: Mapping[str, int] = MappingProxyType({
    "goals": 30, "skills": 20, "lived_experience": 25, "topics": 10, "function": 15,
    "career": 10, "location": 5, "availability": 5, "grade_gap": 10, "bookmarked": 15,
})


@dataclass(frozen=True)
class Candidate:
    """One sign-up to a programme, on the mentor or the mentee side.

    Parameters
    ----------
    id : int
        Participant id (one per side: a person signed up as both has two).
    person : int
        User id. Never paired with a candidate of the same person.
    goals, skills : frozenset of str
        Goals chosen; skills offered (mentor) or wanted (mentee).
    lived_experience : frozenset of str
        Mentor: the tags they chose to show. Mentee: the tags they ask for.
    topics : frozenset of str
        Mentor's profile "ask me about" topics (only when they allowed profile use),
        matched case-insensitively against the mentee's skills and goals.
    career : frozenset of str
        Mentor's past and present job titles from their profile's career timeline (only
        when they allowed profile use and their profile shows the timeline to network
        members). Scores when the mentee's ``wanted_function`` appears in one of them as
        a whole word or phrase, ignoring case ("Finance" in "Finance business partner",
        not in "Financial controller").
    grade : int or None
        Index in the programme's grade list, 0 = most junior; None = not given.
    function, wanted_function : str
        Own function; the function a mentee wants a mentor from ("" = no preference).
    team, location : str
        "" = not given (never matches).
    availability : frozenset of str
    answers : Mapping[str, str]
        Custom sign-up question key → the option chosen.
    line_manager : int or None
        User id of the line manager.
    capacity : int
        Mentees a mentor takes (at least 1).
    avoid : frozenset of int
        Person ids this person opted out of being paired with.
    """

    id: int
    person: int
    goals: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    lived_experience: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    career: frozenset[str] = frozenset()
    grade: int | None = None
    function: str = ""
    wanted_function: str = ""
    team: str = ""
    location: str = ""
    availability: frozenset[str] = frozenset()
    answers: Mapping[str, str] = field(default_factory=dict, hash=False)
    line_manager: int | None = None
    capacity: int = 1
    avoid: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if self.capacity < 1:
            raise ValueError(f"candidate {self.id}: capacity must be at least 1, "
                             f"got {self.capacity}")
        if self.grade is not None and self.grade < 0:
            raise ValueError(f"candidate {self.id}: grade is an index (0 = most junior), "
                             f"got {self.grade}")


@dataclass(frozen=True)
class Rules:
    """Hard constraints and rule settings of a matching run.

    Parameters
    ----------
    exclude_line_manager : bool
        Never pair someone with their line manager (either direction).
    exclude_same_team : bool
        Never pair two people of the same (given) team.
    min_grade_gap, max_grade_gap : int or None
        Bounds on mentor grade − mentee grade. A pair with an unknown grade is allowed
        (and gets no ``grade_gap`` points).
    ideal_grade_gap : int
        The gap that earns the full ``grade_gap`` points.
    past_pairs : frozenset of (int, int)
        (mentee person, mentor person) pairs never to repeat.
    dismissed : frozenset of (int, int)
        (mentee id, mentor id) participant pairs the mentee dismissed.
    bookmarks : frozenset of (int, int)
        (mentee id, mentor id) participant pairs the mentee bookmarked.
    """

    exclude_line_manager: bool = True
    exclude_same_team: bool = False
    min_grade_gap: int | None = None
    max_grade_gap: int | None = None
    ideal_grade_gap: int = 2
    past_pairs: frozenset[tuple[int, int]] = frozenset()
    dismissed: frozenset[tuple[int, int]] = frozenset()
    bookmarks: frozenset[tuple[int, int]] = frozenset()

    def __post_init__(self) -> None:
        if (self.min_grade_gap is not None and self.max_grade_gap is not None
                and self.min_grade_gap > self.max_grade_gap):
            raise ValueError(f"min_grade_gap ({self.min_grade_gap}) is above "
                             f"max_grade_gap ({self.max_grade_gap})")


class Weights(Mapping[str, int]):
    """Points per criterion: a read-only mapping, validated.

    Parameters
    ----------
    points : Mapping[str, int], optional
        Criterion key → non-negative points. Keys are those of :data:`CRITERIA` and
        ``"answers:<question key>"``. A criterion left out scores nothing. Default:
        :data:`DEFAULT_WEIGHTS`.
    labels : Mapping[str, str], optional
        Human wording of custom questions for explanations, question key → text
        (default: the key itself).

    Raises
    ------
    ValueError
        An unknown key (the message lists the valid ones) or negative points.

    Examples
    --------
    >>> Weights({"goals": 30, "answers:meet": 5})["answers:meet"]
    5
    >>> Weights()["goals"]
    30
    """

    def __init__(self, points: Mapping[str, int] | None = None,
                 labels: Mapping[str, str] | None = None) -> None:
        points = DEFAULT_WEIGHTS if points is None else points
        checked: dict[str, int] = {}
        for key, value in points.items():
            answer_key = key.startswith(ANSWER_PREFIX) and len(key) > len(ANSWER_PREFIX)
            if key not in CRITERIA and not answer_key:
                valid = ", ".join([*CRITERIA, f"{ANSWER_PREFIX}<question key>"])
                raise ValueError(f"unknown matching criterion {key!r}; valid: {valid}")
            if isinstance(value, bool) or int(value) != value:
                raise ValueError(f"weight of {key!r} must be a whole number, got {value!r}")
            if value < 0:
                raise ValueError(f"weight of {key!r} must not be negative, got {value}")
            checked[key] = int(value)
        self._points = MappingProxyType(checked)
        self._labels = MappingProxyType(dict(labels or {}))

    def __getitem__(self, key: str) -> int:
        return self._points[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._points)

    def __len__(self) -> int:
        return len(self._points)

    def __repr__(self) -> str:
        return f"Weights({dict(self._points)!r})"

    def points(self, key: str) -> int:
        """Points of a criterion, 0 when it is not weighted."""
        return self._points.get(key, 0)

    @property
    def answer_keys(self) -> tuple[str, ...]:
        """Custom question keys weighted, in a stable order."""
        return tuple(sorted(k[len(ANSWER_PREFIX):] for k in self._points
                            if k.startswith(ANSWER_PREFIX)))

    def question_label(self, question: str) -> str:
        """The wording of a custom question in explanations."""
        return self._labels.get(question, question)


def as_weights(weights: Weights | Mapping[str, int] | None) -> Weights:
    """Accept a :class:`Weights`, a plain mapping or None (the defaults)."""
    return weights if isinstance(weights, Weights) else Weights(weights)

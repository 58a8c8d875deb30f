"""Sign-ups as matching input: the ONLY place a :class:`Participant` becomes an
``upward.matching`` :class:`Candidate`, and a programme its ``Rules`` and ``Weights``.

What goes in is exactly what the person chose at sign-up (plus, for a mentor who allowed
it, their profile's "ask me about" topics, and the job titles of their career timeline when
their profile shows it to network members). Nothing else about a person exists in a
Candidate, so nothing else can reach a score or an explanation: survey background answers
never do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from upward.matching import (
    DEFAULT_WEIGHTS,
    MENTEE_PRIVATE_CRITERIA,
    Candidate,
    Explanation,
    Rules,
    Weights,
    explain,
)
from upward.web.accounts.selectors import SHOWN_TO_NETWORK, career_titles_shown_to_network
from upward.web.mentoring.models import (
    Bookmark,
    Dismissal,
    Pair,
    PairStatus,
    Participant,
    ParticipantStatus,
    Programme,
    Side,
)

MENTOR_SIDES = (Side.MENTOR, Side.BOTH)
MENTEE_SIDES = (Side.MENTEE, Side.BOTH)

#: Criteria left out of a pair's full score: a bookmark is the mentee's own bonus.
NOT_IN_FULL_SCORE = frozenset({"bookmarked"})

#: The library's criteria, each with what it rewards (the hint on the lead's weight field).
CRITERIA: dict[str, tuple[str, str]] = {
    "goals": ("Shared goals", "Points for each goal the mentor can help with that the mentee "
                              "has (at most 2 count)."),
    "skills": ("Skills overlap", "Points for each skill the mentee wants that the mentor offers "
                                 "(at most 2 count)."),
    "lived_experience": ("Lived experience", "Points for each lived-experience tag the mentee "
                                             "asked for that the mentor chose to show (at most "
                                             "2 count)."),
    "topics": ("Ask me about", "Points for each of the mentee's skills or goals in the mentor's "
                               "profile “ask me about” topics, when the mentor allows it (at most "
                               "2 count)."),
    "function": ("Function wanted", "Points when the mentor works in the function the mentee "
                                    "wants a mentor from."),
    "career": ("Has worked in", "Points when the mentor's career timeline shows a job in the "
                                "function the mentee wants a mentor from, when the mentor "
                                "allows it."),
    "location": ("Same location", "Points when both work in the same location."),
    "availability": ("Availability", "Points when they share at least one way or time to meet."),
    "grade_gap": ("Seniority gap", "Full points when the mentor is exactly the ideal number of "
                                   "grades above the mentee, half the points fewer for each "
                                   "grade away."),
    "bookmarked": ("Bookmarked", "Points when the mentee bookmarked the mentor."),
}
ANSWER_HINT = "Points when both chose the same answer to “{text}”."


def criteria(programme: Programme | None) -> list[tuple[str, str, str]]:
    """(key, label, hint) of every criterion this programme can weight, custom questions
    last (a programme not saved yet has none)."""
    out = [(key, label, hint) for key, (label, hint) in CRITERIA.items()]
    if programme is not None and programme.pk:
        out += [(f"answers:{q.key}", f"Same answer: {q.text}", ANSWER_HINT.format(text=q.text))
                for q in programme.questions.all()]
    return out


def default_weights() -> dict[str, int]:
    return {key: int(DEFAULT_WEIGHTS.get(key, 0)) for key in CRITERIA}


def programme_weights(programme: Programme, overrides: Mapping[str, int] | None = None
                      ) -> dict[str, int]:
    """The weights a run uses: library defaults, then the programme's, then ``overrides``;
    only criteria this programme has (a removed question's weight is dropped)."""
    keys = [key for key, _, _ in criteria(programme)]
    merged = {**{k: v for k, v in dict(DEFAULT_WEIGHTS).items() if k in keys},
              **{k: v for k, v in (programme.weights or {}).items() if k in keys},
              **{k: v for k, v in (overrides or {}).items() if k in keys}}
    return {key: int(merged.get(key, 0)) for key in keys}


def full_score(weights: Mapping[str, int]) -> int:
    """What a pair meeting every criterion once scores (bookmarks aside): the yardstick a
    weak match is measured against. Set criteria count up to twice, so a pair may score
    more than this."""
    return sum(int(points) for key, points in weights.items() if key not in NOT_IN_FULL_SCORE)


def rules_summary(programme: Programme) -> dict:
    """The programme's hard rules as stored on a run (JSON)."""
    return {"exclude_line_manager": programme.exclude_line_manager,
            "exclude_same_team": programme.exclude_same_team,
            "min_grade_gap": programme.min_grade_gap, "max_grade_gap": programme.max_grade_gap,
            "ideal_grade_gap": programme.ideal_grade_gap}


def _grade(programme: Programme, label: str) -> int | None:
    try:
        return list(programme.grades).index(label)
    except ValueError:
        return None


def _topics(participant: Participant) -> frozenset[str]:
    """The mentor's "ask me about" topics, when they let matching read their profile and
    their profile shows the topics to network members (explanations name them)."""
    if not participant.use_profile:
        return frozenset()
    profile = getattr(participant.user, "profile", None)
    if profile is None or profile.visibility_of("ask_me_about") not in SHOWN_TO_NETWORK:
        return frozenset()
    return frozenset(str(t) for t in (profile.ask_me_about or []))


def careers(mentors: Iterable[Participant]) -> dict[int, frozenset[str]]:
    """Participant id → the job titles matching may read, for a whole pool at once: a
    mentor's career timeline when they allowed profile use and their profile shows the
    timeline to network members (the people who see explanations); otherwise none."""
    allowed = [m for m in mentors if m.use_profile]
    titles = career_titles_shown_to_network(m.user_id for m in allowed)
    return {m.pk: frozenset(titles.get(m.user_id, ())) for m in allowed}


def candidate(participant: Participant, *, as_mentor: bool, capacity: int = 1,
              career: frozenset[str] | None = None) -> Candidate:
    """One side of a sign-up. A mentor's lived experience is what they chose to show; a
    mentee's is what they asked for (seen by nobody, only matched against). A mentor's
    ``career`` comes from :func:`careers` (give it for a pool: one read for all);
    left out, it is read for this mentor alone."""
    p = participant
    if not as_mentor:
        career = frozenset()
    elif career is None:
        career = careers([p]).get(p.pk, frozenset())
    return Candidate(
        id=p.pk, person=p.user_id,
        goals=frozenset(p.goals),
        skills=frozenset(p.skills_offered if as_mentor else p.skills_wanted),
        lived_experience=frozenset(p.lived_experience_shown if as_mentor
                                   else p.lived_experience_wanted),
        topics=_topics(p) if as_mentor else frozenset(), career=career,
        grade=_grade(p.programme, p.grade),
        function=p.function, wanted_function="" if as_mentor else p.wanted_function,
        team=p.team, location=p.location, availability=frozenset(p.availability),
        answers={str(k): str(v) for k, v in (p.answers or {}).items()},
        line_manager=p.line_manager_id, capacity=max(1, capacity),
        avoid=frozenset(u.pk for u in p.avoid.all()),
    )


def rules(programme: Programme, *, mentees: Iterable[Participant] = (),
          mentors: Iterable[Participant] = ()) -> Rules:
    """The programme's hard rules with every past pair of these people (any programme),
    their dismissals and their bookmarks."""
    mentees, mentors = list(mentees), list(mentors)
    mentee_ids = {p.pk for p in mentees}
    mentee_people = {p.user_id for p in mentees}
    mentor_people = {p.user_id for p in mentors}
    past = Pair.objects.filter(mentee__user_id__in=mentee_people,
                               mentor__user_id__in=mentor_people)
    return Rules(
        exclude_line_manager=programme.exclude_line_manager,
        exclude_same_team=programme.exclude_same_team,
        min_grade_gap=programme.min_grade_gap, max_grade_gap=programme.max_grade_gap,
        ideal_grade_gap=programme.ideal_grade_gap,
        past_pairs=frozenset(past.values_list("mentee__user_id", "mentor__user_id")),
        dismissed=frozenset(Dismissal.objects.filter(mentee_id__in=mentee_ids)
                            .values_list("mentee_id", "mentor_id")),
        bookmarks=frozenset(Bookmark.objects.filter(mentee_id__in=mentee_ids)
                            .values_list("mentee_id", "mentor_id")),
    )


def weights(values: Mapping[str, int], programme: Programme) -> Weights:
    """The library's weights, custom questions worded by their text in explanations."""
    return Weights(dict(values), labels={q.key: q.text for q in programme.questions.all()})


def active_pairs_as_mentor(mentors: Sequence[Participant]) -> dict[int, int]:
    """Mentor participant id → how many active pairs they mentor now."""
    rows = Participant.objects.filter(pk__in=[m.pk for m in mentors]).annotate(
        n=Count("pairs_as_mentor", filter=Q(pairs_as_mentor__status=PairStatus.ACTIVE)))
    return {row.pk: row.n for row in rows}


def remaining_capacity(mentor: Participant) -> int:
    return mentor.capacity - active_pairs_as_mentor([mentor]).get(mentor.pk, 0)


def with_details(queryset):
    """A participants queryset with what :func:`candidate` reads loaded."""
    return queryset.select_related("user__profile", "programme") \
        .prefetch_related(Prefetch("avoid", queryset=get_user_model().objects.only("pk")))


def mentor_candidates(mentors: Sequence[Participant], capacities: Sequence[int]
                      ) -> list[Candidate]:
    """Mentors' side of their sign-ups, their career timelines read in one go."""
    titles = careers(mentors)
    return [candidate(m, as_mentor=True, capacity=c, career=titles.get(m.pk, frozenset()))
            for m, c in zip(mentors, capacities, strict=True)]


@dataclass(frozen=True)
class Pool:
    """Who a run matches: active mentees without an active pair in the programme, and
    active mentors with room left (capacities are what is left)."""

    programme: Programme
    mentees: list[Participant]
    mentors: list[Participant]
    mentee_candidates: list[Candidate]
    mentor_candidates: list[Candidate]
    capacities: list[int]
    rules: Rules


def pool(programme: Programme) -> Pool:
    active = with_details(programme.participants.filter(status=ParticipantStatus.ACTIVE))
    mentees = list(active.filter(side__in=MENTEE_SIDES)
                   .exclude(pairs_as_mentee__status=PairStatus.ACTIVE))
    mentors_all = list(active.filter(side__in=MENTOR_SIDES))
    busy = active_pairs_as_mentor(mentors_all)
    mentors, capacities = [], []
    for mentor in mentors_all:
        left = mentor.capacity - busy.get(mentor.pk, 0)
        if left >= 1:
            mentors.append(mentor)
            capacities.append(left)
    return Pool(
        programme=programme, mentees=mentees, mentors=mentors,
        mentee_candidates=[candidate(p, as_mentor=False) for p in mentees],
        mentor_candidates=mentor_candidates(mentors, capacities),
        capacities=capacities,
        rules=rules(programme, mentees=mentees, mentors=mentors),
    )


def pair_explanation(mentee: Participant, mentor: Participant,
                     weights_used: Mapping[str, int] | None = None) -> Explanation:
    """The score of one mentee with one mentor, its parts, and why it is not allowed
    (``blocked``) if a hard rule forbids it."""
    programme = mentee.programme
    values = weights_used if weights_used is not None else programme_weights(programme)
    return explain(candidate(mentee, as_mentor=False),
                   candidate(mentor, as_mentor=True, capacity=max(1, mentor.capacity)),
                   weights(values, programme),
                   rules(programme, mentees=[mentee], mentors=[mentor]))


#: Said once wherever someone other than the mentee sees a pair's score or its parts.
OTHERS_HINT = "Scores shown here leave out preferences only the mentee sees."


def stored_explanation(explanation: Explanation) -> list[list]:
    """What a proposed match or a pair stores: every part, the mentee's private ones
    included, as ``[key, label, points]`` (filtered per viewer by :func:`parts_for`)."""
    return [[key, label, int(points)] for key, label, points in explanation.keyed]


def _private(part: Sequence) -> bool:
    # A part stored without its key (never written since the keys came in) counts as
    # private: shown to the mentee only, never guessed from its wording.
    return len(part) != 3 or str(part[0]) in MENTEE_PRIVATE_CRITERIA


def parts_for(stored: Iterable[Sequence], *, mentee: bool) -> list[tuple[str, int]]:
    """A stored explanation as (label, points): all of it for the mentee, and for anyone
    else (the mentor, leads, any API) without the parts of the mentee's private criteria."""
    return [(str(part[-2]), int(part[-1])) for part in stored if mentee or not _private(part)]


def score_for(stored: Iterable[Sequence], *, mentee: bool) -> int:
    """The score as this viewer may see it: the sum of the parts they see."""
    return sum(points for _, points in parts_for(stored, mentee=mentee))

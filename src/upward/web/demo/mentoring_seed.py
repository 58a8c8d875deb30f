"""Demo data for mentoring: four programmes with sign-ups, a published matching run,
pairs with months of history, requests, and coffee roulette rounds.

What ``make demo`` shows (the issue's "a member signs up, a lead matches and
publishes, a pair logs a meeting"):

* **Next Step mentoring** (this year's cohort, five months in, a month to go): about
  70 sign-ups, a published optimal run whose matches and explanations come from
  :mod:`upward.matching` itself (so every stored explanation adds up to its score),
  and a pair per match with agreed goals, meetings, next meetings, a few pairs ended
  (one asking to be matched again, and matched by request since), a couple not met
  for weeks, feedback from the ended pairs, and a few pending requests from people who
  signed up late. The Member persona is a mentee in an active pair with goals, three
  meetings and the next one booked; her mentor has one request waiting.
* **Career Conversations** (always open): about 40 sign-ups and no run yet, so the
  Network lead persona can run matching and publish; the Member persona is not signed
  up, so she can sign up. A few mentees bookmarked or dismissed mentors.
* **Coffee roulette**: about 30 sign-ups and three past monthly rounds, nobody meeting
  the same person twice.
* **Next Step 2025**: archived, every pair ended, most with feedback.

Rows are written with the ORM, backdated, and nothing is emailed or notified
(:func:`upward.web.mentoring.services.pairs.pair_start` would tell both people).
Sign-up grades are the people's own (from where their job title sits on their
team's career path), never anything from the survey. The words are in
``src/upward/data/demo/mentoring.toml``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from upward.demo.synthetic_workforce import FUNCTIONS, GRADES
from upward.matching import (
    DEFAULT_WEIGHTS,
    Candidate,
    Explanation,
    Rules,
    Weights,
    assign_greedy,
    assign_optimal,
    explain,
    lp_upper_bound,
    roulette_pairs,
    score_matrix,
)
from upward.web.accounts.models import User
from upward.web.accounts.selectors import network_members
from upward.web.demo import content
from upward.web.demo.data_files import DataFile
from upward.web.mentoring import candidates
from upward.web.mentoring.models import (
    DEFAULT_AVAILABILITY,
    DEFAULT_GOALS,
    DEFAULT_LIVED_EXPERIENCE,
    Bookmark,
    CoffeePairing,
    Dismissal,
    EndReason,
    Feedback,
    Kind,
    MatchRun,
    Meeting,
    MentorRequest,
    Mode,
    Outcome,
    Pair,
    PairGoal,
    PairSource,
    PairStatus,
    Participant,
    ParticipantStatus,
    Programme,
    ProposedMatch,
    RequestStatus,
    RouletteRound,
    RunStatus,
    Side,
    SignupQuestion,
)

_file = DataFile("mentoring.toml")
DESCRIPTIONS = _file.text_map("programmes")
TEAM_FUNCTIONS = _file.text_map("team_functions")
SKILLS = _file.texts("skills")
_question = _file.table("question")
QUESTION_KEY, QUESTION_TEXT = _question.text("key"), _question.text("text")
QUESTION_OPTIONS = _question.texts("options")
_question.done()
ABOUT_MENTOR = _file.texts("about_mentor")
ABOUT_MENTEE = _file.texts("about_mentee")
GOAL_TEXTS = _file.text_lists("goal_texts")
MEETING_NOTES = _file.texts("meeting_notes")
MEETING_PLACES = _file.texts("meeting_places")
REQUEST_MESSAGES = _file.texts("request_messages")
DECLINE_ANSWERS = _file.texts("decline_answers")
FEEDBACK_COMMENTS = _file.texts("feedback_comments")
_file.done()
if set(TEAM_FUNCTIONS) != set(content.TEAMS) or not set(TEAM_FUNCTIONS.values()) <= set(
        FUNCTIONS):
    raise _file.error("team_functions", "needs every team of organisation.toml, each with one "
                                        "of: " + ", ".join(FUNCTIONS))
if set(GOAL_TEXTS) != set(DEFAULT_GOALS):
    raise _file.error("goal_texts", "needs exactly the goals: " + ", ".join(DEFAULT_GOALS))

NEXT_STEP = "Next Step mentoring"
CAREER_CONVERSATIONS = "Career Conversations (always open)"
COFFEE_ROULETTE = "Coffee roulette"
WEIGHTS = {**DEFAULT_WEIGHTS, f"answers:{QUESTION_KEY}": 5}
# How many of each side a programme takes (fewer when the demo has fewer members).
COHORT_SIZES = {"mentor": 28, "mentee": 40, "both": 4}
PAST_COHORT_SIZES = {"mentor": 18, "mentee": 24, "both": 0}
OPEN_SIZES = {"mentor": 15, "mentee": 22, "both": 3}
ROULETTE_SIZE = 30
LATE_MENTEES = 3  # signed up to this year's cohort after the run
AT_RISK_PAIRS = 3  # active, no meeting for six weeks or more
# The Member persona's meeting notes (indices in meeting_notes, last meeting first).
JADE_NOTES = (7, 3)
# Why this year's ended pairs ended (the first wants another mentor). About one pair in
# five ends early in a six-month programme; ten also lets the leads' health page publish
# its active and ended counts (k = 10) while the reasons stay suppressed.
ENDED_THIS_YEAR = (EndReason.NOT_A_FIT, EndReason.NO_TIME, EndReason.LEFT,
                   EndReason.GOALS_MET, EndReason.NO_TIME, EndReason.GOALS_MET,
                   EndReason.LEFT, EndReason.NO_TIME, EndReason.OTHER, EndReason.NOT_A_FIT)
#: How often pairs meet: (days between meetings) and how many pairs in ten meet so.
RHYTHMS = (((12, 20), 3), ((24, 38), 5), ((38, 52), 2))


@dataclass(frozen=True)
class Person:
    """A seeded network member as sign-up sees them: their own grade, function, team."""

    user: User
    grade: int  # index in GRADES
    function: str
    team: str
    location: str


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _grade_of(team: str, job_title: str, rng: random.Random) -> int:
    """Where a job title sits on its team's career path, spread over the seven grades."""
    path = content.CAREER_PATHS.get(team, [])
    if job_title not in path:
        return rng.randint(0, 3)
    position = path.index(job_title) / max(1, len(path) - 1)
    return max(0, min(len(GRADES) - 1, round(position * 5) + rng.choice((0, 0, 1))))


def _people(rng: random.Random) -> list[Person]:
    people = []
    for user in network_members().select_related("profile").order_by("pk"):
        profile = user.profile
        people.append(Person(
            user=user, grade=_grade_of(profile.team, profile.job_title, rng),
            function=TEAM_FUNCTIONS.get(profile.team, ""), team=profile.team,
            location=profile.location))
    return people


# --- sign-ups ------------------------------------------------------------------------------


def _programme(*, name: str, slug: str, description: str, kind: str, created: datetime,
               lead: User, **fields) -> Programme:
    programme = Programme(
        name=name, slug=slug, description=description, kind=kind, created_by=lead,
        created_at=created, grades=list(GRADES), functions=list(FUNCTIONS),
        goals=list(DEFAULT_GOALS), skills=list(SKILLS),
        lived_experience=list(DEFAULT_LIVED_EXPERIENCE),
        availability=list(DEFAULT_AVAILABILITY), locations=list(content.LOCATIONS),
        weights=dict(WEIGHTS), **fields)
    programme.full_clean()
    programme.save()
    if kind != Kind.ROULETTE:
        SignupQuestion.objects.create(programme=programme, key=QUESTION_KEY,
                                      text=QUESTION_TEXT, options=list(QUESTION_OPTIONS))
    return programme


def _signup(programme: Programme, person: Person, side: str, rng: random.Random,
            joined: datetime) -> Participant:
    """One sign-up with varied, plausible choices (not saved)."""
    mentor, mentee = side in (Side.MENTOR, Side.BOTH), side in (Side.MENTEE, Side.BOTH)
    goals = set(rng.sample(DEFAULT_GOALS, rng.randint(2, 4))) if mentor else set()
    if mentee:
        goals |= set(rng.sample(DEFAULT_GOALS, rng.randint(1, 3)))
    wanted_function = ""
    if mentee and rng.random() < 0.35:
        wanted_function = rng.choice([f for f in FUNCTIONS if f != person.function])
    about = rng.choice(ABOUT_MENTOR if mentor else ABOUT_MENTEE)
    return Participant(
        programme=programme, user=person.user, side=side, grade=GRADES[person.grade],
        function=person.function, wanted_function=wanted_function, team=person.team,
        location=person.location if rng.random() < 0.9 else "",
        goals=[g for g in DEFAULT_GOALS if g in goals],
        skills_offered=rng.sample(SKILLS, rng.randint(3, 6)) if mentor else [],
        skills_wanted=rng.sample(SKILLS, rng.randint(2, 4)) if mentee else [],
        lived_experience_shown=(rng.sample(DEFAULT_LIVED_EXPERIENCE, rng.randint(1, 2))
                                if mentor and rng.random() < 0.45 else []),
        lived_experience_wanted=([rng.choice(DEFAULT_LIVED_EXPERIENCE)]
                                 if mentee and rng.random() < 0.35 else []),
        availability=rng.sample(DEFAULT_AVAILABILITY, rng.randint(1, 3)),
        answers={QUESTION_KEY: rng.choice(QUESTION_OPTIONS)},
        capacity=rng.choice((1, 1, 1, 2, 2, 3)) if mentor else 1,
        about=about, use_profile=rng.random() < 0.85, created_at=joined)


def _pick(pool: list[Person], count: int, fits, taken: set[int]) -> list[Person]:
    chosen = [p for p in pool if p.user.pk not in taken and fits(p)][:count]
    taken.update(p.user.pk for p in chosen)
    return chosen


def _sign_up_pool(programme: Programme, pool: list[Person], sizes: dict[str, int],
                  rng: random.Random, *, opened: datetime, closed: datetime,
                  first: Person | None = None) -> list[Participant]:
    """Mentors (grade 3 and up), mentees (grade 5 and below), a few both (in between);
    ``first`` is a mentee whatever their grade."""
    taken: set[int] = set()
    mentees = [first] if first else []
    if first:
        taken.add(first.user.pk)
    groups = [
        (Side.MENTOR, _pick(pool, sizes["mentor"], lambda p: p.grade >= 2, taken)),
        (Side.BOTH, _pick(pool, sizes["both"], lambda p: 2 <= p.grade <= 4, taken)),
        (Side.MENTEE, mentees + _pick(pool, sizes["mentee"] - len(mentees),
                                       lambda p: p.grade <= 4, taken)),
    ]
    span = max(60, int((closed - opened).total_seconds()))
    signups = [_signup(programme, person, side, rng,
                       opened + timedelta(seconds=rng.randrange(span)))
               for side, people in groups for person in people]
    by_user = {p.user.pk: p for group in groups for p in group[1]}
    for signup in signups:
        if first and signup.user_id == first.user.pk:
            # The Member persona: a story the pair space can show.
            signup.grade = GRADES[min(by_user[signup.user_id].grade, 2)]
            signup.goals = ["First promotion", "Confidence"]
            signup.lived_experience_wanted = [DEFAULT_LIVED_EXPERIENCE[0]]
    _add_line_managers(signups, by_user, rng)
    for signup in signups:
        # Foreign keys and uniqueness are the database's to check (a query each here).
        signup.full_clean(exclude=["avoid", "programme", "user", "line_manager"],
                          validate_unique=False, validate_constraints=False)
    return Participant.objects.bulk_create(signups)


def _add_line_managers(signups: list[Participant], by_user: dict[int, Person],
                       rng: random.Random) -> None:
    """Some mentees name their line manager: a more senior sign-up in their team, who
    matching then never pairs them with."""
    mentors = [s for s in signups if s.is_mentor]
    for signup in signups:
        if not signup.is_mentee or rng.random() > 0.3:
            continue
        me = by_user[signup.user_id]
        managers = [m for m in mentors if m.team == signup.team and m.user_id != me.user.pk
                    and by_user[m.user_id].grade > me.grade]
        if managers:
            signup.line_manager_id = rng.choice(managers).user_id


def _opt_out(signups: list[Participant], rng: random.Random) -> None:
    """Two mentees would rather not be matched with a mentor from their own team (an
    opt-out nobody else sees, which matching never crosses)."""
    mentors = [s for s in signups if s.is_mentor]
    mentees = [s for s in signups if s.side == Side.MENTEE]
    chosen = 0
    for mentee in rng.sample(mentees, len(mentees)):
        near = [m for m in mentors if m.team == mentee.team]
        if near and chosen < 2:
            mentee.avoid.add(near[rng.randrange(len(near))].user_id)
            chosen += 1


# --- matching ------------------------------------------------------------------------------


@dataclass
class Matcher:
    """The programme's weights and rules, and a way to score any pair of its sign-ups:
    sign-ups become matching input through ``upward.web.mentoring.candidates`` (the one
    place the app does it), so the seeded scores and explanations are the app's own."""

    programme: Programme
    rules: Rules
    weights: Weights
    _seen: dict[tuple[int, bool], Candidate] = field(default_factory=dict)

    @classmethod
    def for_programme(cls, programme: Programme, *, past_pairs=frozenset()) -> Matcher:
        rules = Rules(**candidates.rules_summary(programme), past_pairs=frozenset(past_pairs))
        return cls(programme, rules, candidates.weights(programme.weights, programme))

    def mentee(self, participant: Participant) -> Candidate:
        return self._candidate(participant, as_mentor=False)

    def mentor(self, participant: Participant) -> Candidate:
        return self._candidate(participant, as_mentor=True)

    def _candidate(self, participant: Participant, *, as_mentor: bool) -> Candidate:
        key = (participant.pk, as_mentor)
        if key not in self._seen:
            self._seen[key] = candidates.candidate(
                participant, as_mentor=as_mentor,
                capacity=participant.capacity if as_mentor else 1)
        return self._seen[key]

    def explain(self, mentee: Participant, mentor: Participant) -> Explanation:
        return explain(self.mentee(mentee), self.mentor(mentor), self.weights, self.rules)

    def rules_json(self) -> dict:
        return candidates.rules_summary(self.programme)


def _published_run(matcher: Matcher, signups: list[Participant], *, lead: User,
                   created: datetime, published: datetime, must_match: Participant | None = None
                   ) -> list[ProposedMatch]:
    """Run the optimal matcher over the sign-ups, as the lead did, and publish it.

    ``must_match`` left unmatched is given the best allowed mentor with a place left,
    as a lead adjusting the run by hand would."""
    mentees = [s for s in signups if s.is_mentee]
    mentors = [s for s in signups if s.is_mentor]
    rows = [matcher.mentee(s) for s in mentees]
    cols = [matcher.mentor(s) for s in mentors]
    capacities = [s.capacity for s in mentors]
    scores = score_matrix(rows, cols, matcher.weights, matcher.rules)
    optimal = assign_optimal(scores, capacities)
    chosen = {i: (j, False) for i, j in optimal.pairs}
    if must_match is not None:
        i = mentees.index(must_match)
        if i not in chosen:
            used = defaultdict(int)
            for j, _ in chosen.values():
                used[j] += 1
            free = [j for j in range(len(mentors))
                    if scores.feasible[i, j] and used[j] < capacities[j]]
            if free:
                chosen[i] = (max(free, key=lambda j: (scores.points[i, j], -j)), True)
    total = sum(int(scores.points[i, j]) for i, (j, _) in chosen.items())
    bound = lp_upper_bound(scores, capacities, assignment=optimal)
    greedy = int(assign_greedy(scores, capacities).total)
    run = MatchRun.objects.create(
        programme=matcher.programme, mode=Mode.OPTIMAL, weights=dict(matcher.weights),
        rules=matcher.rules_json(), status=RunStatus.PUBLISHED, total_score=total,
        # the keys the app's runs keep (services/matching.py)
        stats={"mentees": len(mentees), "mentors": len(mentors), "places": sum(capacities),
               "full_score": candidates.full_score(matcher.weights),
               "pool": [s.pk for s in mentees],
               "greedy_total": greedy,
               "greedy_percent": round(100 * total / greedy, 1) if greedy else None,
               "upper_bound": round(bound, 1),
               "gap_percent": round(100 * (bound - total) / bound, 2) if bound else 0.0,
               "matched": len(chosen), "total": total, "seconds": round(optimal.seconds, 3)},
        created_by=lead, created_at=created, published_at=published)
    matches = []
    for i, (j, adjusted) in sorted(chosen.items()):
        explanation = explain(rows[i], cols[j], matcher.weights, matcher.rules)
        matches.append(ProposedMatch(
            run=run, mentee=mentees[i], mentor=mentors[j], score=explanation.total,
            explanation=candidates.stored_explanation(explanation), adjusted=adjusted))
    return ProposedMatch.objects.bulk_create(matches)


# --- pairs and their history ------------------------------------------------------------


@dataclass
class History:
    """Rows of pairs' histories, created in bulk at the end."""

    goals: list[PairGoal] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)

    def save(self) -> None:
        PairGoal.objects.bulk_create(self.goals)
        Meeting.objects.bulk_create(self.meetings)
        Feedback.objects.bulk_create(self.feedback)


def _pair_from(match: ProposedMatch, started: datetime) -> Pair:
    return Pair(programme=match.run.programme, mentee=match.mentee, mentor=match.mentor,
                source=PairSource.MATCHED, run=match.run, score=match.score,
                explanation=match.explanation, started_at=started)


def _meeting_days(rng: random.Random, start: date, last_by: date, first_after: int = 7
                  ) -> list[date]:
    """Meetings at the pair's own rhythm (fortnightly, monthly or less often) from soon
    after ``start`` until ``last_by``."""
    low, high = rng.choices([gaps for gaps, _ in RHYTHMS],
                            weights=[share for _, share in RHYTHMS])[0]
    days = []
    day = start + timedelta(days=rng.randint(first_after, first_after + 14))
    while day <= last_by:
        days.append(day)
        day += timedelta(days=rng.randint(low, high))
    return days


def _log_meetings(history: History, pair: Pair, days: list[date], rng: random.Random,
                  notes: list[str], *, noted: float = 0.8) -> None:
    """Meetings on ``days``, most with a short note (taken from the end of ``notes``)."""
    people = (pair.mentee.user, pair.mentor.user)
    for n, day in enumerate(days):
        note = MEETING_NOTES[0] if n == 0 else (notes.pop() if notes and rng.random() < noted
                                                else "")
        history.meetings.append(Meeting(
            pair=pair, held_on=day, minutes=rng.choice((30, 45, 45, 60, 60, 90, None)),
            notes=note, logged_by=rng.choice(people), created_at=_at(day, 17, rng.randint(0, 59))))


def _set_goals(history: History, pair: Pair, rng: random.Random, *, set_on: date,
               until: date, done_share: float, count: int | None = None) -> None:
    texts = [t for goal in pair.mentee.goals for t in GOAL_TEXTS.get(goal, ())]
    rng.shuffle(texts)
    people = (pair.mentee.user, pair.mentor.user)
    for text in texts[:count or rng.randint(1, 3)]:
        done = None
        if rng.random() < done_share and until > set_on:
            done = _at(set_on + timedelta(days=rng.randint(1, (until - set_on).days)), 12)
        history.goals.append(PairGoal(pair=pair, text=text, done_at=done,
                                      created_by=rng.choice(people), created_at=_at(set_on, 18)))


def _give_feedback(history: History, pair: Pair, rng: random.Random, *, on: date,
                   share: float, today: date) -> None:
    mentee_outcomes = [Outcome.PROMOTION, Outcome.NEW_ROLE, Outcome.CONFIDENCE,
                       Outcome.NETWORK, Outcome.SKILLS, Outcome.NONE_YET]
    for side, author in ((Side.MENTEE, pair.mentee.user), (Side.MENTOR, pair.mentor.user)):
        if rng.random() > share:
            continue
        happy = pair.end_reason in (EndReason.COMPLETED, EndReason.GOALS_MET)
        satisfaction = rng.choice((4, 4, 5, 5, 5, 3)) if happy else rng.choice((2, 3, 3, 4))
        pool = mentee_outcomes if side == Side.MENTEE else [Outcome.NETWORK, Outcome.SKILLS,
                                                            Outcome.CONFIDENCE]
        outcomes = rng.sample(pool, rng.randint(1, 2))
        if Outcome.NONE_YET in outcomes:
            outcomes = [Outcome.NONE_YET]
        when = min(on + timedelta(days=rng.randint(0, 6)), today - timedelta(days=1))
        history.feedback.append(Feedback(
            pair=pair, author=author, side=side, satisfaction=satisfaction,
            outcomes=[str(o) for o in outcomes],
            comments=rng.choice(FEEDBACK_COMMENTS) if rng.random() < 0.6 else "",
            created_at=_at(when, 19)))


def _notes(rng: random.Random) -> list[str]:
    notes = list(MEETING_NOTES[1:])
    rng.shuffle(notes)
    return notes


# --- the four programmes -------------------------------------------------------------------


def _past_cohort(people: list[Person], rng: random.Random, lead: User, today: date
                 ) -> set[tuple[int, int]]:
    """Last year's cohort: archived, every pair ended, most with feedback. Returns the
    (mentee, mentor) people paired, never to be paired again."""
    starts = today - timedelta(days=520)
    ends = starts + timedelta(days=182)
    programme = _programme(
        name=f"{NEXT_STEP} {starts.year}", slug=f"next-step-{starts.year}",
        description=DESCRIPTIONS["next_step_past"], kind=Kind.COHORT, lead=lead,
        created=_at(starts - timedelta(days=45), 10), signup_closes_on=starts - timedelta(days=14),
        starts_on=starts, ends_on=ends, min_grade_gap=1, max_grade_gap=4, is_archived=True)
    pool = people[:]
    rng.shuffle(pool)
    signups = _sign_up_pool(programme, pool, PAST_COHORT_SIZES, rng, opened=programme.created_at,
                            closed=_at(starts - timedelta(days=14), 17))
    matcher = Matcher.for_programme(programme)
    matches = _published_run(matcher, signups, lead=lead,
                             created=_at(starts - timedelta(days=8), 11),
                             published=_at(starts - timedelta(days=6), 9))
    history = History()
    pairs = []
    for n, match in enumerate(matches):
        pair = _pair_from(match, match.run.published_at)
        early = n % 9 == 4
        reason = (EndReason.NO_TIME if early else
                  EndReason.GOALS_MET if rng.random() < 0.3 else EndReason.COMPLETED)
        end_day = (starts + timedelta(days=rng.randint(60, 110)) if early
                   else ends + timedelta(days=rng.randint(0, 10)))
        pair.status, pair.end_reason = PairStatus.ENDED, reason
        pair.ended_at = _at(end_day, 16)
        pair.ended_by = rng.choice((match.mentee.user, match.mentor.user))
        pairs.append(pair)
    Pair.objects.bulk_create(pairs)
    for pair in pairs:
        end_day = pair.ended_at.date()
        days = _meeting_days(rng, starts, end_day - timedelta(days=3))
        _log_meetings(history, pair, days, rng, _notes(rng))
        _set_goals(history, pair, rng, set_on=days[0] if days else starts, until=end_day,
                   done_share=0.7)
        _give_feedback(history, pair, rng, on=end_day, share=0.85, today=today)
    history.save()
    return {(p.mentee.user_id, p.mentor.user_id) for p in pairs}


def _this_cohort(people: list[Person], rng: random.Random, lead: User, jade: Person,
                 past_pairs, now: datetime) -> None:
    today = timezone.localdate(now)
    starts = today - timedelta(days=150)
    programme = _programme(
        name=f"{NEXT_STEP} {today.year}", slug=f"next-step-{today.year}",
        description=DESCRIPTIONS["next_step"], kind=Kind.COHORT, lead=lead,
        created=_at(starts - timedelta(days=50), 10), signup_closes_on=starts - timedelta(days=14),
        starts_on=starts, ends_on=today + timedelta(days=31), min_grade_gap=1, max_grade_gap=4)
    pool = [p for p in people if p.user.pk != jade.user.pk]
    rng.shuffle(pool)
    signups = _sign_up_pool(programme, pool, COHORT_SIZES, rng, opened=programme.created_at,
                            closed=_at(starts - timedelta(days=14), 17), first=jade)
    jade_signup = next(s for s in signups if s.user_id == jade.user.pk)
    _opt_out([s for s in signups if s is not jade_signup], rng)
    matcher = Matcher.for_programme(programme, past_pairs=past_pairs)
    published = _at(starts - timedelta(days=5), 9)
    matches = _published_run(matcher, signups, lead=lead, must_match=jade_signup,
                             created=_at(starts - timedelta(days=7), 11), published=published)
    pairs = Pair.objects.bulk_create([_pair_from(m, published) for m in matches])
    # The Member persona always has a pair, unless the demo has very few members.
    jade_pair = next((p for p in pairs if p.mentee_id == jade_signup.pk), None)
    others = [p for p in pairs if p is not jade_pair]
    rng.shuffle(others)
    ended = others[:len(ENDED_THIS_YEAR)]
    at_risk = others[len(ENDED_THIS_YEAR):len(ENDED_THIS_YEAR) + AT_RISK_PAIRS]
    history = History()
    if jade_pair is not None:
        _member_pair_history(history, jade_pair, rng, today)
    for pair in others:
        if pair in ended:
            index = ended.index(pair)
            rematch = index == 0
            end_day = today - timedelta(days=rng.randint(45, 80) if rematch
                                        else rng.randint(5, 110))
            pair.status, pair.end_reason = PairStatus.ENDED, ENDED_THIS_YEAR[index]
            pair.ended_at = _at(end_day, 15)
            pair.ended_by = pair.mentee.user if rematch else rng.choice(
                (pair.mentee.user, pair.mentor.user))
            pair.rematch_wanted = rematch
            last_by = end_day - timedelta(days=2)
        elif pair in at_risk:
            last_by = today - timedelta(days=rng.randint(45, 75))
            pair.last_nudged_at = _at(today - timedelta(days=rng.randint(2, 12)), 8)
        else:
            last_by = today - timedelta(days=1)
        days = _meeting_days(rng, starts, last_by)
        if pair not in ended and pair not in at_risk and (
                not days or days[-1] < today - timedelta(days=24)):
            days.append(today - timedelta(days=rng.randint(2, 24)))
        _log_meetings(history, pair, days, rng, _notes(rng))
        _set_goals(history, pair, rng, set_on=days[0] if days else starts,
                   until=days[-1] if days else today - timedelta(days=1),
                   done_share=0.8 if pair.end_reason == EndReason.GOALS_MET else 0.35)
        if pair in ended:
            _give_feedback(history, pair, rng, on=pair.ended_at.date(), share=0.8, today=today)
        elif pair not in at_risk and rng.random() < 0.6:
            pair.next_meeting_at = _at(today + timedelta(days=rng.randint(2, 21)),
                                       rng.choice((9, 10, 12, 13, 15, 16)), rng.choice((0, 30)))
            pair.next_meeting_place = rng.choice(MEETING_PLACES)
    Pair.objects.bulk_update(pairs, ["status", "end_reason", "ended_at", "ended_by",
                                     "rematch_wanted", "last_nudged_at", "next_meeting_at",
                                     "next_meeting_place"])
    _rematch_by_request(programme, signups, pairs, matcher, rng, history, today)
    history.save()
    _late_requests(programme, signups, pool, matcher, jade_pair, rng, now)


def _member_pair_history(history: History, pair: Pair, rng: random.Random, today: date
                         ) -> None:
    """The Member persona's pair: three meetings, three goals (one done), the next
    meeting booked."""
    days = [today - timedelta(days=d) for d in (96, 54, 17)]
    _log_meetings(history, pair, days, rng, [MEETING_NOTES[i] for i in JADE_NOTES], noted=1)
    first_goal = len(history.goals)
    _set_goals(history, pair, rng, set_on=days[0], until=days[-1], done_share=0, count=3)
    history.goals[first_goal].done_at = _at(days[1], 18)
    pair.next_meeting_at = _at(today + timedelta(days=5), 12, 30)
    pair.next_meeting_place = "Video call"


def _spare(mentor: Participant, pairs: list[Pair]) -> int:
    return mentor.capacity - sum(1 for p in pairs
                                 if p.mentor_id == mentor.pk and p.status == PairStatus.ACTIVE)


def _rematch_by_request(programme, signups, pairs, matcher, rng, history, today) -> None:
    """The mentee who ended a pair as not a fit asked another mentor, who accepted."""
    ended = next((p for p in pairs if p.rematch_wanted), None)
    mentors = [s for s in signups if ended and s.is_mentor and s.pk != ended.mentor_id
               and s.user_id != ended.mentee.user_id and _spare(s, pairs) > 0]
    scored = [(e, m) for m in mentors if (e := matcher.explain(ended.mentee, m)).allowed]
    if not scored:
        return  # a small demo: they wait for the next run
    explanation, mentor = max(scored, key=lambda em: (em[0].total, -em[1].pk))
    asked = ended.ended_at.date() + timedelta(days=rng.randint(3, 8))
    answered = asked + timedelta(days=2)
    MentorRequest.objects.create(
        programme=programme, mentee=ended.mentee, mentor=mentor,
        message=REQUEST_MESSAGES[-1], status=RequestStatus.ACCEPTED,
        created_at=_at(asked, 11), answered_at=_at(answered, 9))
    pair = Pair.objects.create(
        programme=programme, mentee=ended.mentee, mentor=mentor, source=PairSource.REQUESTED,
        score=explanation.total, explanation=candidates.stored_explanation(explanation),
        started_at=_at(answered, 9),
        next_meeting_at=_at(today + timedelta(days=rng.randint(3, 12)), 13),
        next_meeting_place=rng.choice(MEETING_PLACES))
    days = _meeting_days(rng, answered, today - timedelta(days=1), first_after=4)
    _log_meetings(history, pair, days, rng, _notes(rng))
    _set_goals(history, pair, rng, set_on=days[0] if days else answered,
               until=today - timedelta(days=1), done_share=0.2)


def _late_requests(programme, signups, pool, matcher, jade_pair, rng, now) -> None:
    """People who signed up after the run ask mentors directly: one asks the Member
    persona's mentor, one was declined before asking someone else."""
    taken = {s.user_id for s in signups}
    jade_mentor = jade_pair.mentor if jade_pair else None
    mentors = [s for s in signups if s.is_mentor and s != jade_mentor]
    late = []
    for person in pool:
        if len(late) == LATE_MENTEES:
            break
        if person.user.pk in taken or person.grade > 3:
            continue
        signup = _signup(programme, person, Side.MENTEE, rng,
                         now - timedelta(days=rng.randint(6, 30)))
        targets = [jade_mentor] if jade_mentor and not late else mentors
        signup.full_clean(exclude=["avoid"], validate_constraints=False)
        signup.save()  # matching input is read from saved sign-ups
        allowed = [m for m in targets if matcher.explain(signup, m).allowed]
        if allowed:
            late.append((signup, allowed))
        else:
            signup.delete()
    for n, (signup, allowed) in enumerate(late):
        asked = signup.created_at + timedelta(days=1)
        if n == 2 and len(allowed) > 1:
            MentorRequest.objects.create(
                programme=programme, mentee=signup, mentor=allowed[-1],
                message=rng.choice(REQUEST_MESSAGES[:-1]), status=RequestStatus.DECLINED,
                answer=DECLINE_ANSWERS[0], created_at=asked,
                answered_at=asked + timedelta(days=1))
            asked += timedelta(days=2)
        mentor = allowed[0] if n == 0 else rng.choice(allowed[:-1] or allowed)
        MentorRequest.objects.create(
            programme=programme, mentee=signup, mentor=mentor,
            message=rng.choice(REQUEST_MESSAGES[:-1]), created_at=min(asked, now))


def _open_programme(people: list[Person], rng: random.Random, lead: User, jade: Person,
                    now: datetime) -> None:
    opened = now - timedelta(days=270)
    programme = _programme(
        name=CAREER_CONVERSATIONS, slug="career-conversations",
        description=DESCRIPTIONS["career_conversations"], kind=Kind.OPEN, lead=lead,
        created=opened, allow_requests=True, max_grade_gap=5)
    pool = [p for p in people if p.user.pk != jade.user.pk]
    rng.shuffle(pool)
    signups = _sign_up_pool(programme, pool, OPEN_SIZES, rng, opened=opened + timedelta(days=3),
                            closed=now - timedelta(days=2))
    matcher = Matcher.for_programme(programme)
    mentees = [s for s in signups if s.is_mentee]
    mentors = [s for s in signups if s.is_mentor]
    bookmarks, dismissals = [], []
    for n, mentee in enumerate(rng.sample(mentees, min(7, len(mentees)))):
        allowed = [m for m in mentors if matcher.explain(mentee, m).allowed]
        chosen = rng.sample(allowed, min(len(allowed), 2 if n < 4 else 1))
        when = max(mentee.created_at, now - timedelta(days=20)) + timedelta(hours=n + 1)
        model, rows = (Bookmark, bookmarks) if n < 4 else (Dismissal, dismissals)
        rows.extend(model(mentee=mentee, mentor=m, created_at=when) for m in chosen)
    Bookmark.objects.bulk_create(bookmarks)
    Dismissal.objects.bulk_create(dismissals)


def _roulette(people: list[Person], rng: random.Random, lead: User, now: datetime) -> None:
    today = timezone.localdate(now)
    this_month = today.replace(day=1)
    months = []
    for _ in range(3):
        this_month = (this_month - timedelta(days=1)).replace(day=1)
        months.insert(0, this_month)
    programme = _programme(
        name=COFFEE_ROULETTE, slug="coffee-roulette", description=DESCRIPTIONS["coffee_roulette"],
        kind=Kind.ROULETTE, lead=lead, created=_at(months[0] - timedelta(days=20), 10),
        allow_requests=False)
    pool = people[:]
    rng.shuffle(pool)
    joined = {}  # user id → the first round they are in
    signups = []
    for n, person in enumerate(pool[:ROULETTE_SIZE]):
        first_round = 2 if n >= ROULETTE_SIZE - 2 else 0  # two joined for the last round
        joined[person.user.pk] = first_round
        signups.append(Participant(
            programme=programme, user=person.user, side=Side.BOTH, grade=GRADES[person.grade],
            function=person.function, team=person.team, location=person.location,
            availability=rng.sample(DEFAULT_AVAILABILITY, rng.randint(1, 3)),
            created_at=_at(months[first_round] - timedelta(days=rng.randint(2, 18)), 12)))
    left_after = {}
    if len(signups) > 3:
        signups[0].status = ParticipantStatus.LEFT  # left after the second round
        left_after[signups[0].user_id] = 1
    Participant.objects.bulk_create(signups)
    met: list[set[int]] = []
    through = CoffeePairing.people.through
    for index, month in enumerate(months):
        present = [u for u, first in joined.items()
                   if first <= index and left_after.get(u, index) >= index]
        drawn = roulette_pairs(present, past=met, seed=rng.randrange(2**32))
        groups = [group for group in drawn if len(group) > 1]
        sitting = [group for group in drawn if len(group) == 1]
        round_ = RouletteRound.objects.create(programme=programme, month=month,
                                              created_at=_at(month, 7), sitting_out=len(sitting))
        pairings = CoffeePairing.objects.bulk_create(
            [CoffeePairing(round=round_) for _ in groups])
        through.objects.bulk_create([through(coffeepairing_id=p.pk, user_id=u)
                                     for p, group in zip(pairings, groups, strict=True)
                                     for u in group])
        met.extend(set(group) for group in groups)


def seed_mentoring(*, seed: int = 2026) -> None:
    """Seed the four mentoring programmes from the demo's members (no email, no
    notifications). Deterministic for a given ``seed``."""
    rng = random.Random(f"mentoring-{seed}")
    now = timezone.now()
    people = _people(rng)
    lead = User.objects.get(email=f"lead@{content.DOMAIN}")
    jade = next(p for p in people if p.user.email == f"member@{content.DOMAIN}")
    others = [p for p in people if p.user.pk != lead.pk]
    past_pairs = _past_cohort([p for p in others if p.user.pk != jade.user.pk], rng, lead,
                              timezone.localdate(now))
    _this_cohort(others, rng, lead, jade, past_pairs, now)
    _open_programme(others, rng, lead, jade, now)
    _roulette(others, rng, lead, now)

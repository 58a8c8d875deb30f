"""Suggested mentors for a mentee: every mentor a hard rule allows and who has room,
ranked by the matching score, each with its explanation. A card shows only what the
mentor's sign-up says mentees see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import Http404
from django.utils.text import capfirst

from upward.matching import explain, score_matrix
from upward.web.core.permissions import can
from upward.web.mentoring import candidates
from upward.web.mentoring.models import (
    Bookmark,
    Kind,
    MentorRequest,
    Pair,
    PairStatus,
    Participant,
    ParticipantStatus,
    Programme,
    RequestStatus,
)
from upward.web.mentoring.selectors.pairs import participant_name


@dataclass(frozen=True)
class MentorCard:
    """What a mentee sees of a mentor (nothing else leaves this module)."""

    id: int
    name: str
    grade: str
    function: str
    location: str
    goals: tuple[str, ...]
    skills: tuple[str, ...]
    lived_experience: tuple[str, ...]
    availability: tuple[str, ...]
    about: str
    score: int
    explanation: tuple[tuple[str, int], ...]
    bookmarked: bool
    requested: bool

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "grade": self.grade,
                "function": self.function, "location": self.location,
                "goals": list(self.goals), "skills": list(self.skills),
                "lived_experience": list(self.lived_experience),
                "availability": list(self.availability), "about": self.about,
                "score": self.score,
                "explanation": [{"label": label, "points": points}
                                for label, points in self.explanation],
                "bookmarked": self.bookmarked, "requested": self.requested}



def mentee_signup(*, viewer, programme: Programme) -> Participant:
    """The viewer's active mentee sign-up (404 when they have none)."""
    if not can(viewer, "mentoring") or programme.is_archived or programme.kind == Kind.ROULETTE:
        raise Http404("No such programme.")
    mentee = candidates.with_details(Participant.objects.filter(
        programme=programme, user=viewer, status=ParticipantStatus.ACTIVE)).first()
    if mentee is None or not mentee.is_mentee:
        raise Http404("Sign up as a mentee to see suggested mentors.")
    return mentee


def has_mentor(*, viewer, programme: Programme) -> bool:
    """Whether the viewer is already a mentee in an active pair of this programme."""
    return Pair.objects.filter(programme=programme, mentee__user=viewer,
                               status=PairStatus.ACTIVE).exists()


class SuggestedMentors(Sequence[MentorCard]):
    """The viewer's suggested mentors, best first, as a sequence that explains only the
    cards it is asked for (a page of them), not every mentor in the programme."""

    def __init__(self, *, mentee, mentors, order, me, them, weights, rules, bookmarked,
                 requested):
        self._mentee, self._mentors, self._order = mentee, mentors, order
        self._me, self._them, self._weights, self._rules = me, them, weights, rules
        self._bookmarked, self._requested = bookmarked, requested

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._card(j) for j in self._order[index]]
        return self._card(self._order[index])

    def card_for(self, mentor_id: int) -> MentorCard | None:
        for j in self._order:
            if self._mentors[j].pk == mentor_id:
                return self._card(j)
        return None

    def _card(self, j: int) -> MentorCard:
        mentor = self._mentors[j]
        explanation = explain(self._me, self._them[j], self._weights, self._rules)
        return MentorCard(
            id=mentor.pk, name=capfirst(participant_name(mentor)), grade=mentor.grade,
            function=mentor.function,
            location=mentor.location, goals=tuple(mentor.goals),
            skills=tuple(mentor.skills_offered),
            lived_experience=tuple(mentor.lived_experience_shown),
            availability=tuple(mentor.availability), about=mentor.about,
            score=int(explanation.total), explanation=tuple(explanation.parts),
            bookmarked=mentor.pk in self._bookmarked, requested=mentor.pk in self._requested)


def suggestions_for(*, viewer, programme: Programme) -> SuggestedMentors:
    """Mentors for the viewer (an active mentee), best first; ties by sign-up order."""
    mentee = mentee_signup(viewer=viewer, programme=programme)
    mentors_all = list(candidates.with_details(programme.participants.filter(
        status=ParticipantStatus.ACTIVE, side__in=candidates.MENTOR_SIDES).exclude(user=viewer)))
    busy = candidates.active_pairs_as_mentor(mentors_all)
    mentors = [m for m in mentors_all if m.capacity - busy.get(m.pk, 0) >= 1]
    weights = candidates.weights(candidates.programme_weights(programme), programme)
    rules = candidates.rules(programme, mentees=[mentee], mentors=mentors)
    me = candidates.candidate(mentee, as_mentor=False)
    them = candidates.mentor_candidates(mentors, [m.capacity for m in mentors])
    order = []
    if mentors:
        scores = score_matrix([me], them, weights, rules)
        order = sorted((j for j in range(len(mentors)) if scores.feasible[0, j]),
                       key=lambda j: (-int(scores.points[0, j]), mentors[j].pk))
    return SuggestedMentors(
        mentee=mentee, mentors=mentors, order=order, me=me, them=them, weights=weights,
        rules=rules,
        bookmarked=set(Bookmark.objects.filter(mentee=mentee)
                       .values_list("mentor_id", flat=True)),
        requested=set(MentorRequest.objects.filter(mentee=mentee, status=RequestStatus.PENDING)
                      .values_list("mentor_id", flat=True)))


def mentor_card(*, viewer, programme: Programme, mentor_id: int) -> MentorCard:
    """One suggested mentor (404 unless they are among the viewer's suggestions)."""
    suggestions = suggestions_for(viewer=viewer, programme=programme)
    card = suggestions.card_for(mentor_id)
    if card is None:
        raise Http404("No such mentor.")
    return card

"""Writes about a member's own sign-up: join or change it, pause, leave; and what a
mentee keeps or rules out among suggested mentors (bookmarks, "not for me")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from upward.web.accounts.selectors import network_member_by_handle, network_members
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.permissions import require_capability
from upward.web.mentoring.models import (
    Bookmark,
    Dismissal,
    Kind,
    MentorRequest,
    Participant,
    ParticipantStatus,
    Programme,
    RequestStatus,
    Side,
)
from upward.web.mentoring.selectors.programmes import signup_is_open

MENTOR_ONLY = ("skills_offered", "lived_experience_shown", "capacity")
MENTEE_ONLY = ("wanted_function", "skills_wanted", "lived_experience_wanted")
SIGNUP_FIELDS = ("side", "grade", "function", "wanted_function", "team", "location", "goals",
                 "skills_offered", "skills_wanted", "lived_experience_shown",
                 "lived_experience_wanted", "availability", "answers", "capacity", "about",
                 "use_profile")
_CHOICES = {  # sign-up field → the programme's list it chooses from
    "grade": "grades", "function": "functions", "wanted_function": "functions",
    "location": "locations", "goals": "goals", "skills_offered": "skills",
    "skills_wanted": "skills", "lived_experience_shown": "lived_experience",
    "lived_experience_wanted": "lived_experience", "availability": "availability",
}


def person_named(text: str, *, field: str):
    """The network member ``text`` names: an @handle (the start of their address) or
    their exact display name when only one person has it. None for an empty text."""
    text = (text or "").strip()
    if not text:
        return None
    found = network_member_by_handle(text.lstrip("@")) if " " not in text else None
    if found is None:
        named = list(network_members().filter(profile__display_name__iexact=text)[:2])
        if len(named) > 1:
            raise ApplicationError(f"More than one person is called “{text}”: enter their "
                                   "handle instead, like @sam.jones", field=field)
        found = named[0] if named else None
    if found is None:
        raise ApplicationError(f"There is no network member “{text}”: enter their name or "
                               "handle, like @sam.jones", field=field)
    return found


def _check_choices(programme: Programme, values: Mapping) -> None:
    for name, source in _CHOICES.items():
        offered = list(getattr(programme, source) or [])
        chosen = values.get(name)
        if chosen in (None, "", []):
            continue
        for value in [chosen] if isinstance(chosen, str) else chosen:
            if value not in offered:
                raise ApplicationError(f"“{value}” is not one of this programme's choices.",
                                       field=name)
    questions = {q.key: q for q in programme.questions.all()}
    for key, answer in (values.get("answers") or {}).items():
        if key not in questions or (answer and answer not in questions[key].options):
            raise ApplicationError("Choose one of the answers offered.", field=f"answer_{key}")


@transaction.atomic
def signup_save(*, actor, programme: Programme, line_manager=None, avoid: Sequence = (),
                **fields) -> Participant:
    """Sign ``actor`` up to ``programme``, or change their sign-up. Only what is given
    here (and their profile's topics when ``use_profile``) is ever used for matching."""
    require_capability(actor, "mentoring", status=404)
    unknown = set(fields) - set(SIGNUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown sign-up fields: {sorted(unknown)}")
    participant = Participant.objects.filter(programme=programme, user=actor).first()
    if programme.is_archived:
        raise ApplicationError("This programme has closed.", status=404)
    rejoining = participant is None or participant.status == ParticipantStatus.LEFT
    if rejoining and not signup_is_open(programme):
        raise ApplicationError("Sign-up to this programme has closed.", status=409)
    _check_choices(programme, fields)
    if programme.kind == Kind.ROULETTE:  # everyone meets everyone: one side fits all
        fields["side"] = Side.BOTH
    side = fields.get("side")
    if side not in Side.values:
        raise ApplicationError("Select whether you want to be a mentor, a mentee or both.",
                               field="side")
    if side == Side.MENTEE:
        fields.update({name: [] for name in MENTOR_ONLY if name != "capacity"})
        fields["capacity"] = 1
    if side == Side.MENTOR:
        fields.update({name: "" if name == "wanted_function" else [] for name in MENTEE_ONLY})
    capacity = int(fields.get("capacity") or programme.default_capacity)
    if side != Side.MENTEE and not 1 <= capacity <= programme.max_capacity:
        raise ApplicationError(f"You can mentor from 1 to {programme.max_capacity} people at "
                               "once in this programme.", field="capacity")
    fields["capacity"] = capacity
    people = [p for p in (line_manager, *avoid) if p is not None]
    if any(p.pk == actor.pk for p in people):
        raise ApplicationError("Choose someone other than yourself.",
                               field="line_manager" if line_manager == actor else "avoid")
    if participant is None:
        participant = Participant(programme=programme, user=actor)
    if rejoining:
        participant.status = ParticipantStatus.ACTIVE
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.line_manager = line_manager
    try:
        participant.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:  # a second first sign-up at the same time
        raise ApplicationError("You have already signed up: change your sign-up instead.",
                               status=409) from error
    participant.avoid.set([p.pk for p in avoid])
    return participant


def _own(actor, participant: Participant) -> None:
    if participant.user_id != actor.pk:
        raise ApplicationError("Not found.", status=404)


@transaction.atomic
def signup_pause(*, actor, participant: Participant, paused: bool = True) -> Participant:
    """Pause (not matched or suggested for now; pairs carry on) or take part again."""
    _own(actor, participant)
    if participant.status == ParticipantStatus.LEFT:
        raise ApplicationError("You have left this programme: sign up again to take part.")
    participant.status = ParticipantStatus.PAUSED if paused else ParticipantStatus.ACTIVE
    participant.save(update_fields=["status", "updated_at"])
    return participant


@transaction.atomic
def signup_leave(*, actor, participant: Participant) -> Participant:
    """Leave the programme: no more matching or suggestions, requests waiting for an
    answer are withdrawn. Pairs carry on until one of them ends the pair."""
    _own(actor, participant)
    participant.status = ParticipantStatus.LEFT
    participant.save(update_fields=["status", "updated_at"])
    now = timezone.now()
    MentorRequest.objects.filter(mentee=participant, status=RequestStatus.PENDING) \
        .update(status=RequestStatus.WITHDRAWN, answered_at=now)
    MentorRequest.objects.filter(mentor=participant, status=RequestStatus.PENDING) \
        .update(status=RequestStatus.DECLINED, answered_at=now,
                answer="The mentor left the programme.")
    return participant


def _mentee_and_mentor(actor, programme: Programme, mentor_id: int):
    mentee = Participant.objects.filter(programme=programme, user=actor).first()
    mentor = Participant.objects.filter(programme=programme, pk=mentor_id).first()
    if mentee is None or not mentee.is_mentee or mentor is None or not mentor.is_mentor \
            or mentor.user_id == actor.pk:
        raise ApplicationError("Not found.", status=404)
    return mentee, mentor


@transaction.atomic
def bookmark_set(*, actor, programme: Programme, mentor_id: int, on: bool = True) -> bool:
    """Keep a suggested mentor in mind (a small matching bonus), or stop. Returns ``on``."""
    mentee, mentor = _mentee_and_mentor(actor, programme, mentor_id)
    if on:
        Bookmark.objects.get_or_create(mentee=mentee, mentor=mentor)
    else:
        Bookmark.objects.filter(mentee=mentee, mentor=mentor).delete()
    return on


@transaction.atomic
def mentor_dismiss(*, actor, programme: Programme, mentor_id: int) -> Dismissal:
    """"Not for me": this mentor is never suggested to, or matched with, the mentee again."""
    mentee, mentor = _mentee_and_mentor(actor, programme, mentor_id)
    Bookmark.objects.filter(mentee=mentee, mentor=mentor).delete()
    try:
        with transaction.atomic():
            dismissal, _ = Dismissal.objects.get_or_create(mentee=mentee, mentor=mentor)
    except IntegrityError:  # a second click at the same time
        dismissal = Dismissal.objects.get(mentee=mentee, mentor=mentor)
    return dismissal


def signup_submit(*, actor, programme: Programme, line_manager_text: str = "",
                  avoid_texts: Sequence[str] = (), **fields) -> Participant:
    """:func:`signup_save` from the form: people named by name or handle."""
    line_manager = person_named(line_manager_text, field="line_manager")
    avoid = [person_named(text, field="avoid") for text in avoid_texts]
    return signup_save(actor=actor, programme=programme, line_manager=line_manager,
                       avoid=avoid, **fields)

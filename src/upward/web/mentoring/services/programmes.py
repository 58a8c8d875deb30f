"""Writes about programmes (network leads): create, change, archive, sign-up questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.permissions import require_capability
from upward.web.mentoring.candidates import CRITERIA
from upward.web.mentoring.models import (
    DEFAULT_AVAILABILITY,
    DEFAULT_GOALS,
    DEFAULT_LIVED_EXPERIENCE,
    Programme,
    SignupQuestion,
)

#: Fields a lead sets on a programme (lists are ordered labels).
PROGRAMME_FIELDS = (
    "name", "description", "kind", "signup_closes_on", "starts_on", "ends_on", "grades",
    "functions", "goals", "skills", "lived_experience", "availability", "locations", "mode",
    "exclude_line_manager", "exclude_same_team", "min_grade_gap", "max_grade_gap",
    "ideal_grade_gap", "default_capacity", "max_capacity", "allow_requests",
    "nudge_after_weeks",
)
LIST_FIELDS = ("grades", "functions", "goals", "skills", "lived_experience", "availability",
               "locations")
MAX_OPTION = 80
RESERVED_SLUGS = frozenset({"new"})  # /mentoring/manage/new/ creates a programme


def _clean_list(values: Sequence[str] | None, label: str) -> list[str]:
    out: list[str] = []
    for value in values or ():
        value = " ".join(str(value).split())
        if not value or value.casefold() in {v.casefold() for v in out}:
            continue
        if len(value) > MAX_OPTION:
            raise ApplicationError(f"Each of the {label} must be {MAX_OPTION} characters or "
                                   f"fewer: “{value[:30]}…” is longer.", field=label)
        out.append(value)
    return out


def _clean_weights(programme: Programme, weights: Mapping[str, int] | None) -> dict[str, int]:
    questions = programme.questions.all() if programme.pk else ()
    valid = set(CRITERIA) | {f"answers:{q.key}" for q in questions}
    cleaned = {}
    for key, points in (weights or {}).items():
        if key not in valid:
            raise ApplicationError(f"There is no matching criterion “{key}”.", field="weights")
        if points is None:
            continue
        if int(points) < 0 or int(points) > 1000:
            raise ApplicationError("Weights must be whole numbers from 0 to 1000.",
                                   field=f"weight_{key}")
        cleaned[key] = int(points)
    return cleaned


def _check(programme: Programme) -> None:
    if programme.min_grade_gap is not None and programme.max_grade_gap is not None \
            and programme.min_grade_gap > programme.max_grade_gap:
        raise ApplicationError("The smallest grade gap must not be more than the largest.",
                               field="min_grade_gap")
    if programme.default_capacity < 1 or programme.max_capacity < 1:
        raise ApplicationError("Mentors must be able to take at least 1 mentee.",
                               field="default_capacity")
    if programme.default_capacity > programme.max_capacity:
        raise ApplicationError("The usual number of mentees must not be more than the most "
                               "a mentor may take.", field="default_capacity")
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise ApplicationError("The end date must be after the start date.", field="ends_on")
    try:
        programme.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error


def _unique_slug(name: str, *, exclude: int | None = None) -> str:
    base = slugify(name)[:100] or "programme"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or \
            Programme.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(programme: Programme, fields: Mapping) -> None:
    unknown = set(fields) - set(PROGRAMME_FIELDS) - {"weights"}
    if unknown:
        raise TypeError(f"Unknown programme fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in LIST_FIELDS:
            value = _clean_list(value, name.replace("_", " "))
        if name != "weights":
            setattr(programme, name, value)
    if "weights" in fields:
        programme.weights = _clean_weights(programme, fields["weights"])


@transaction.atomic
def programme_create(*, actor, request=None, **fields) -> Programme:
    """A new programme; goals, lived-experience tags and availability default to the
    platform's lists when left empty."""
    require_capability(actor, "run_mentoring")
    programme = Programme(created_by=actor)
    for name, default in (("goals", DEFAULT_GOALS), ("lived_experience", DEFAULT_LIVED_EXPERIENCE),
                          ("availability", DEFAULT_AVAILABILITY)):
        if not fields.get(name):
            fields[name] = list(default)
    _apply(programme, fields)
    programme.slug = _unique_slug(programme.name)
    _check(programme)
    programme.save()
    audit_record(actor=actor, action="mentoring.programme_create", target=programme,
                 request=request)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, request=None, **fields) -> Programme:
    require_capability(actor, "run_mentoring")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    _apply(programme, fields)
    _check(programme)
    programme.save()
    audit_record(actor=actor, action="mentoring.programme_update", target=programme,
                 request=request, detail={"fields": sorted(fields)})
    return programme


@transaction.atomic
def programme_archive(*, actor, programme: Programme, archived: bool = True,
                      request=None) -> Programme:
    """Archive (members no longer see it; pairs carry on) or bring it back."""
    require_capability(actor, "run_mentoring")
    programme.is_archived = archived
    programme.save(update_fields=["is_archived"])
    audit_record(actor=actor, action="mentoring.programme_update", target=programme,
                 request=request, detail={"archived": archived})
    return programme


@transaction.atomic
def question_add(*, actor, programme: Programme, text: str, options: Sequence[str],
                 weight: int = 0, request=None) -> SignupQuestion:
    """A multiple-choice sign-up question; a matching criterion ``answers:<key>`` worth
    ``weight`` points when mentor and mentee give the same answer."""
    require_capability(actor, "run_mentoring")
    options = _clean_list(options, "options")
    if len(options) < 2:
        raise ApplicationError("Give at least 2 answers to choose from, one a line.",
                               field="options")
    base = slugify(text)[:36] or "question"
    key, n = base, 2
    while programme.questions.filter(key=key).exists():
        key, n = f"{base[:33]}-{n}", n + 1
    question = SignupQuestion(programme=programme, key=key, text=" ".join(text.split()),
                              options=options, position=programme.questions.count() + 1)
    try:
        question.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error
    question.save()
    programme.weights = {**(programme.weights or {}), f"answers:{key}": max(0, int(weight))}
    programme.save(update_fields=["weights"])
    audit_record(actor=actor, action="mentoring.programme_update", target=programme,
                 request=request, detail={"question_added": key})
    return question


@transaction.atomic
def question_remove(*, actor, question: SignupQuestion, request=None) -> None:
    """Remove a question, its weight and everyone's answers to it."""
    require_capability(actor, "run_mentoring")
    programme = question.programme
    key = question.key
    question.delete()
    programme.weights = {k: v for k, v in (programme.weights or {}).items()
                         if k != f"answers:{key}"}
    programme.save(update_fields=["weights"])
    for participant in programme.participants.filter(answers__has_key=key):
        participant.answers.pop(key, None)
        participant.save(update_fields=["answers"])
    audit_record(actor=actor, action="mentoring.programme_update", target=programme,
                 request=request, detail={"question_removed": key})

"""Writes an awards administrator makes: cycles, categories, entry-form questions and
judging criteria. Every change is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction

from upward.web.awards.models import Category, Criterion, Cycle, Question
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.permissions import require_capability


def _save(obj: models.Model, *, actor, action: str, fields: dict) -> models.Model:
    require_capability(actor, "run_awards")
    for name, value in fields.items():
        setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError as error:
        field = next(iter(getattr(error, "error_dict", {}) or {}), None)
        labels = {f.name: str(getattr(f, "verbose_name", f.name)).capitalize()
                  for f in obj._meta.get_fields()}
        raise ApplicationError(validation_message(error, labels), field=field) from error
    obj.save()
    audit_record(actor=actor, action=action, target=obj, detail={"fields": sorted(fields)})
    return obj


@transaction.atomic
def cycle_save(*, actor, cycle: Cycle | None = None, **fields) -> Cycle:
    """Create (``cycle`` None) or change a cycle; its dates must fall in order."""
    action = "awards.cycle_create" if cycle is None else "awards.cycle_update"
    return _save(cycle or Cycle(), actor=actor, action=action, fields=fields)


@transaction.atomic
def category_save(*, actor, cycle: Cycle | None = None, category: Category | None = None,
                  **fields) -> Category:
    if category is None:
        category, action = Category(cycle=cycle), "awards.category_create"
    else:
        action = "awards.category_update"
    return _save(category, actor=actor, action=action, fields=fields)


@transaction.atomic
def question_save(*, actor, category: Category | None = None,
                  question: Question | None = None, **fields) -> Question:
    question = question or Question(category=category)
    return _save(question, actor=actor, action="awards.form_change", fields=fields)


@transaction.atomic
def criterion_save(*, actor, category: Category | None = None,
                   criterion: Criterion | None = None, **fields) -> Criterion:
    criterion = criterion or Criterion(category=category)
    return _save(criterion, actor=actor, action="awards.criteria_change", fields=fields)

"""Writes of the external entry workspace: award templates (a national award's questions
and word limits) and our drafts against them. Word limits are counted here, as for the
organisation's own entries, so a saved answer always fits."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from upward.web.awards.models import (
    ExternalAnswer,
    ExternalAward,
    ExternalEntry,
    ExternalQuestion,
    ExternalStatus,
)
from upward.web.awards.selectors.entries import word_count
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.permissions import require_capability

CAPABILITY = "draft_external_entries"


def _clean_save(obj: models.Model, fields: dict) -> models.Model:
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
    return obj


@transaction.atomic
def external_award_save(*, actor, award: ExternalAward | None = None,
                        **fields) -> ExternalAward:
    """Create (``award`` None) or change an award template."""
    require_capability(actor, CAPABILITY)
    created = award is None
    award = _clean_save(award or ExternalAward(created_by=actor), fields)
    audit_record(actor=actor, action="awards.external_award_create" if created
                 else "awards.external_award_update", target=award,
                 detail={"fields": sorted(fields)})
    return award


@transaction.atomic
def external_question_save(*, actor, award: ExternalAward | None = None,
                           question: ExternalQuestion | None = None,
                           **fields) -> ExternalQuestion:
    require_capability(actor, CAPABILITY)
    if question is None:
        fields.setdefault("order", award.questions.count())
        question = ExternalQuestion(award=award)
    question = _clean_save(question, fields)
    audit_record(actor=actor, action="awards.external_award_update", target=question.award,
                 detail={"question": question.pk})
    return question


@transaction.atomic
def external_entry_create(*, actor, award: ExternalAward, title: str, period_start: date,
                          period_end: date, notes: str = "") -> ExternalEntry:
    require_capability(actor, CAPABILITY)
    return _clean_save(ExternalEntry(award=award, created_by=actor), {
        "title": (title or "").strip(), "period_start": period_start,
        "period_end": period_end, "notes": notes or ""})


def _locked(entry: ExternalEntry) -> ExternalEntry:
    entry = ExternalEntry.objects.select_for_update().select_related("award").get(pk=entry.pk)
    if entry.status != ExternalStatus.DRAFT:
        raise ApplicationError("This entry was marked as submitted: reopen it as a draft "
                               "to change it.", status=409)
    return entry


def _check_words(question: ExternalQuestion, text: str) -> None:
    used = word_count(text)
    if question.word_limit and used > question.word_limit:
        raise ApplicationError(f"{question.label}: use {question.word_limit:,} words or fewer "
                               f"(you have {used:,}).", field=f"q_{question.pk}")


@transaction.atomic
def external_entry_save(*, actor, entry: ExternalEntry, answers: dict[int, str],
                        **fields) -> ExternalEntry:
    """Save a draft's answers (question id → text) and details (title, notes, the
    figures' period). Every word limit must hold; nothing is saved if one does not."""
    require_capability(actor, CAPABILITY)
    entry = _locked(entry)
    questions = {q.pk: q for q in entry.award.questions.all()}
    cleaned = {pk: (text or "").strip() for pk, text in answers.items() if pk in questions}
    for pk, text in cleaned.items():
        _check_words(questions[pk], text)
    entry = _clean_save(entry, fields)
    for pk, text in cleaned.items():
        ExternalAnswer.objects.update_or_create(entry=entry, question_id=pk,
                                                defaults={"text": text})
    return entry


@transaction.atomic
def external_answer_append(*, actor, entry: ExternalEntry, question: ExternalQuestion,
                           text: str) -> ExternalAnswer:
    """Append ``text`` (a figure's sentence or a quote, worded by the selectors) to the
    answer as a new paragraph; refused if the answer would go over its word limit."""
    require_capability(actor, CAPABILITY)
    entry = _locked(entry)
    if question.award_id != entry.award_id:
        raise ApplicationError("No such question.", status=404)
    answer, _ = ExternalAnswer.objects.select_for_update().get_or_create(
        entry=entry, question=question)
    combined = "\n\n".join(t for t in (answer.text.strip(), text.strip()) if t)
    if question.word_limit and word_count(combined) > question.word_limit:
        raise ApplicationError(
            f"{question.label}: adding this would make {word_count(combined):,} words, over "
            f"the limit of {question.word_limit:,}. Shorten the answer first.",
            field=f"q_{question.pk}")
    answer.text = combined
    answer.full_clean()
    answer.save()
    ExternalEntry.objects.filter(pk=entry.pk).update(updated_at=timezone.now())
    return answer


@transaction.atomic
def external_entry_mark(*, actor, entry: ExternalEntry, submitted: bool,
                        now: datetime | None = None) -> ExternalEntry:
    """Mark the draft as submitted to the award (it then stays as sent), or reopen it."""
    require_capability(actor, CAPABILITY)
    entry = ExternalEntry.objects.select_for_update().get(pk=entry.pk)
    entry.status = ExternalStatus.SUBMITTED if submitted else ExternalStatus.DRAFT
    entry.submitted_at = (now or timezone.now()) if submitted else None
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(actor=actor, action="awards.external_submitted" if submitted
                 else "awards.external_reopened", target=entry)
    return entry

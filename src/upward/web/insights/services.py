"""Writes: survey answers, organisation questions, reminders, snapshot imports and exports."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from upward.classify import question
from upward.reports.hr_file import (
    FIELD_BY_NAME,
    HrFileError,
    HrSnapshot,
    Problem,
    RawFile,
    check,
    check_size,
    read_raw,
    suggest_mapping,
)
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.links import absolute_url
from upward.web.insights import conf
from upward.web.insights.models import (
    QUESTION_IDS,
    OrganisationAnswer,
    OrganisationQuestion,
    Snapshot,
    SnapshotData,
    SnapshotUpload,
    SurveyReminder,
    SurveyResponse,
)

REMINDER_INTERVAL = timedelta(days=7)
UPLOAD_LIFETIME = timedelta(days=1)
MAX_OPTIONS = 12


class ImportProblems(ApplicationError):
    """An HR file that cannot be imported, with every problem found (nothing was imported)."""

    def __init__(self, error: HrFileError):
        count = f"{error.total:,} problem{'s' if error.total != 1 else ''}"
        super().__init__(f"The file cannot be imported: {count} found. Nothing was imported.",
                         status=400)
        self.problems: tuple[Problem, ...] = error.problems
        self.total = error.total


# --- the survey -----------------------------------------------------------------------------


@transaction.atomic
def survey_save(*, user, answers: Mapping[str, str], employee_id: str = "",
                organisation_answers: Mapping[int, str] | None = None) -> SurveyResponse:
    """Create or replace a person's answers. Empty means "not answered"."""
    for question_id, code in answers.items():
        if question_id not in QUESTION_IDS:
            raise ApplicationError(f"Unknown question {question_id!r}.", field=question_id)
        if code and code not in question(question_id).codes:
            raise ApplicationError("Choose one of the answers shown.", field=question_id)
    employee_id = employee_id.strip()
    if len(employee_id) > 64:
        raise ApplicationError("Employee id: use at most 64 characters.", field="employee_id")
    if not any(answers.values()) and not any((organisation_answers or {}).values()):
        # An empty form is not a response: it would count as "answered" in participation
        # and stop reminders. Withdrawing is its own action.
        raise ApplicationError(
            "You have not answered any question. Choose an answer (“prefer not to say” "
            "counts), or use “Delete my answers” to withdraw.")
    response, _ = SurveyResponse.objects.get_or_create(user=user)
    for question_id in QUESTION_IDS:
        setattr(response, question_id, answers.get(question_id, "") or "")
    response.employee_id = employee_id
    response.full_clean()
    response.save()
    if organisation_answers is not None:
        active = {q.pk: q for q in OrganisationQuestion.objects.filter(active=True)}
        for question_id, option in organisation_answers.items():
            q = active.get(int(question_id))
            if q is None:
                raise ApplicationError("That question is no longer asked.")
            if option and option not in q.choices:
                raise ApplicationError("Choose one of the answers shown.", field=f"org_{q.pk}")
        for question_id, option in organisation_answers.items():
            if option:
                OrganisationAnswer.objects.update_or_create(
                    response=response, question_id=int(question_id),
                    defaults={"option": option})
            else:
                OrganisationAnswer.objects.filter(response=response,
                                                  question_id=int(question_id)).delete()
    return response


@transaction.atomic
def survey_delete(*, user) -> bool:
    """Withdraw: erase every answer and the employee id at once. True if there were any."""
    deleted, _ = SurveyResponse.objects.filter(user=user).delete()
    return bool(deleted)


@transaction.atomic
def survey_remind(*, actor, request=None) -> None:
    """Email everyone with an account who has not answered yet (at most once a week)."""
    last = SurveyReminder.objects.first()
    if last is not None and timezone.now() - last.sent_at < REMINDER_INTERVAL:
        next_time = timezone.localtime(last.sent_at + REMINDER_INTERVAL)
        raise ApplicationError(
            f"A reminder was sent on {timezone.localtime(last.sent_at):%d %B at %H:%M}; the next "
            f"can be sent from {next_time:%d %B at %H:%M} so that people are not pestered.",
            status=409)
    from upward.web.accounts.models import User

    addresses = list(User.objects.filter(is_active=True, background_survey__isnull=True)
                     .values_list("email", flat=True))
    SurveyReminder.objects.create(sent_by=actor)
    audit_record(actor=actor, action="survey.remind", object_type="insights.survey",
                 object_label="Background survey reminder", request=request)
    link = absolute_url(reverse("insights:survey"))
    subject = f"{settings.UPWARD_ORGANISATION_NAME}: four questions about where you started"
    body = (
        "Hello,\n\nWe are asking everyone four short questions about their socio-economic "
        "background, the ones the Social Mobility Commission recommends. Your answers are seen "
        "by you alone: analysts only ever see totals of at least "
        f"{conf.disclosure_k()} people, and answers are never used for promotion or hiring "
        "decisions. Every question has \"prefer not to say\", and you can change or delete "
        f"your answers at any time.\n\n{link}\n\nThank you.\n")
    messages = [(subject, body, None, [address]) for address in addresses]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


# --- organisation questions -------------------------------------------------------------------


def _clean_options(options: Sequence[str]) -> list[str]:
    cleaned = []
    for option in options:
        option = " ".join(option.split())
        if not option:
            continue
        if len(option) > 200:
            raise ApplicationError("Answers: each answer can have at most 200 characters.",
                                   field="options")
        if option.casefold() in ("prefer not to say", "i prefer not to say"):
            continue  # always added
        if option.casefold() in (o.casefold() for o in cleaned):
            raise ApplicationError(f"Answers: “{option}” is listed twice.", field="options")
        cleaned.append(option)
    if not 2 <= len(cleaned) <= MAX_OPTIONS:
        raise ApplicationError(f"Answers: give between 2 and {MAX_OPTIONS} answers, one per line "
                               "(“Prefer not to say” is added for you).", field="options")
    return cleaned


@transaction.atomic
def organisation_question_create(*, actor, text: str, options: Sequence[str]
                                 ) -> OrganisationQuestion:
    text = " ".join(text.split())
    if not text:
        raise ApplicationError("Question: write the question.", field="text")
    last = OrganisationQuestion.objects.order_by("-position").first()
    q = OrganisationQuestion(text=text, options=_clean_options(options), created_by=actor,
                             position=(last.position + 1) if last else 0)
    q.full_clean()
    q.save()
    return q


@transaction.atomic
def organisation_question_set_active(*, actor, organisation_question: OrganisationQuestion,
                                     active: bool) -> None:
    organisation_question.active = active
    organisation_question.save(update_fields=["active"])


@transaction.atomic
def organisation_question_delete(*, actor, organisation_question: OrganisationQuestion) -> None:
    organisation_question.delete()


# --- HR snapshots --------------------------------------------------------------------------


def _raw_to_parquet(raw: RawFile) -> bytes:
    columns = {f"c{i}": column for i, column in enumerate(raw.columns)}
    columns["row"] = pa.array(raw.row_numbers)
    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink, compression="zstd")
    return sink.getvalue()


def raw_from_upload(upload: SnapshotUpload) -> RawFile:
    table = pq.read_table(io.BytesIO(bytes(upload.columns)))
    return RawFile(
        headers=tuple(upload.headers),
        columns=tuple(table.column(f"c{i}").combine_chunks() for i in range(len(upload.headers))),
        row_numbers=table.column("row").to_numpy(),
        file_format=upload.file_format, encoding=upload.encoding)


def _check_date_free(snapshot_date: date) -> None:
    if Snapshot.objects.filter(snapshot_date=snapshot_date).exists():
        raise ApplicationError(
            f"There is already a snapshot for {snapshot_date:%d %B %Y}: delete it first, or "
            "choose the date this file describes.", field="snapshot_date", status=409)


def upload_size_check(*, size: int) -> None:
    """Refuse a file over the upload limit before reading it."""
    try:
        check_size(size, conf.max_upload_bytes())
    except HrFileError as error:
        raise ImportProblems(error) from None


@transaction.atomic
def snapshot_upload_stage(*, actor, content: bytes, source_name: str,
                          snapshot_date: date) -> SnapshotUpload:
    """Decode an uploaded file and keep its columns for the mapping step.

    Raises ImportProblems for an unreadable file; nothing is kept then.
    """
    SnapshotUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_LIFETIME).delete()
    _check_date_free(snapshot_date)
    try:
        raw = read_raw(content, filename=source_name, max_bytes=conf.max_upload_bytes())
    except HrFileError as error:
        raise ImportProblems(error) from None
    mapping = suggest_mapping(raw.headers)  # None: not recognised, the person decides
    upload = SnapshotUpload(
        uploaded_by=actor, source_name=source_name[:255], file_format=raw.file_format,
        encoding=raw.encoding, headers=list(raw.headers), mapping=mapping,
        snapshot_date=snapshot_date, row_count=raw.n_rows, columns=_raw_to_parquet(raw))
    upload.full_clean(exclude=["columns"])
    upload.save()
    return upload


def upload_checked_snapshot(upload: SnapshotUpload) -> HrSnapshot:
    """The upload read with its saved mapping; raises ImportProblems if it does not pass."""
    # A header without a decision (None) is left out, so check() names it as unknown.
    mapping = {h: upload.mapping[h] for h in upload.headers if upload.mapping.get(h) is not None}
    try:
        return check(raw_from_upload(upload), mapping, snapshot_date=upload.snapshot_date,
                     grade_order=upload.grade_order or None)
    except HrFileError as error:
        raise ImportProblems(error) from None


@transaction.atomic
def snapshot_upload_map(*, actor, upload: SnapshotUpload, mapping: Mapping[str, str | None],
                        grade_order: Sequence[str] = ()) -> HrSnapshot:
    """Save the column mapping and check every value. Raises ImportProblems on any problem."""
    for header, name in mapping.items():
        if header not in upload.headers:
            raise ApplicationError(f"The file has no column {header!r}.")
        if name and name not in FIELD_BY_NAME:
            raise ApplicationError(f"{name!r} is not a field Upward reads.")
    upload.mapping = {h: mapping.get(h) for h in upload.headers}
    upload.grade_order = [g.strip() for g in grade_order if g.strip()]
    upload.checked = False
    upload.save(update_fields=["mapping", "grade_order", "checked"])
    snapshot = upload_checked_snapshot(upload)  # on problems the mapping above stays saved
    SnapshotUpload.objects.filter(pk=upload.pk).update(checked=True)
    upload.checked = True
    return snapshot


def _store(*, actor, snapshot: HrSnapshot, source_name: str, request=None) -> Snapshot:
    _check_date_free(snapshot.snapshot_date)
    data = snapshot.to_parquet()
    stored = Snapshot(snapshot_date=snapshot.snapshot_date, source_name=source_name[:255],
                      row_count=snapshot.n_rows, present=sorted(snapshot.present),
                      encoding=snapshot.encoding, imported_by=actor)
    stored.full_clean()
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # a concurrent import took the date
        _check_date_free(snapshot.snapshot_date)
        raise
    SnapshotData.objects.create(snapshot=stored, parquet=data,
                                sha256=hashlib.sha256(data).hexdigest())
    audit_record(actor=actor, action="data.import", target=stored, request=request,
                 detail={"kind": "workforce snapshot", "rows": snapshot.n_rows,
                         "snapshot_date": snapshot.snapshot_date.isoformat(),
                         "file": source_name[:255]})
    return stored


@transaction.atomic
def snapshot_import(*, actor, upload: SnapshotUpload, request=None) -> Snapshot:
    """Import a checked upload, all or nothing, and forget the upload."""
    if not upload.checked:
        raise ApplicationError("Check the column mapping before importing.", status=409)
    snapshot = upload_checked_snapshot(upload)
    stored = _store(actor=actor, snapshot=snapshot, source_name=upload.source_name,
                    request=request)
    upload.delete()
    return stored


@transaction.atomic
def snapshot_upload_cancel(*, actor, upload: SnapshotUpload) -> None:
    upload.delete()


@transaction.atomic
def snapshot_import_file(*, actor, content: bytes, source_name: str, snapshot_date: date,
                         ignore: Sequence[str] = (), grade_order: Sequence[str] = (),
                         request=None) -> Snapshot:
    """Read, check and import a file in one go with the automatic mapping (API, demo)."""
    from upward.reports.hr_file import read_hr_file

    _check_date_free(snapshot_date)
    try:
        snapshot = read_hr_file(content, snapshot_date=snapshot_date, filename=source_name,
                                ignore=ignore, grade_order=grade_order or None,
                                max_bytes=conf.max_upload_bytes())
    except HrFileError as error:
        raise ImportProblems(error) from None
    return _store(actor=actor, snapshot=snapshot, source_name=source_name, request=request)


@transaction.atomic
def snapshot_delete(*, actor, snapshot: Snapshot, request=None) -> None:
    audit_record(actor=actor, action="snapshot.delete", target=snapshot, request=request,
                 detail={"snapshot_date": snapshot.snapshot_date.isoformat(),
                         "rows": snapshot.row_count})
    snapshot.delete()


# --- exports ----------------------------------------------------------------------------------


def table_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def insights_export_record(*, actor, what: str, snapshot: Snapshot | None, fmt: str,
                           request=None) -> None:
    """Audit an export of published (already suppressed) figures."""
    detail = {"table": what, "format": fmt}
    if snapshot is not None:
        audit_record(actor=actor, action="data.export", target=snapshot, request=request,
                     detail=detail)
    else:
        audit_record(actor=actor, action="data.export", object_type="insights.survey",
                     object_label="Organisation question results", request=request,
                     detail=detail)

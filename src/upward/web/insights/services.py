"""Writes: survey answers, organisation questions, reminders, snapshot imports and exports."""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.conf import settings
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
from upward.web.core.jobs import send_email_later
from upward.web.core.links import absolute_url
from upward.web.insights import conf
from upward.web.insights.models import (
    QUESTION_IDS,
    LinkMethod,
    LinkStatus,
    OrganisationAnswer,
    OrganisationQuestion,
    OrganisationRelease,
    Release,
    Snapshot,
    SnapshotData,
    SnapshotUpload,
    SurveyReminder,
    SurveyResponse,
    new_ledger_token,
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
    before = [getattr(response, question_id) for question_id in QUESTION_IDS]
    for question_id in QUESTION_IDS:
        setattr(response, question_id, answers.get(question_id, "") or "")
    if [getattr(response, question_id) for question_id in QUESTION_IDS] != before:
        # Changed answers are, to the release ledger, a withdrawal and a new answer: the
        # differencing guard then hides the change among k others instead of letting two
        # releases show one person's old and new answer.
        response.ledger_token = new_ledger_token()
    claimed = employee_id != response.employee_id
    if claimed:  # a new number is a new claim: it waits for confirmation like any other
        response.employee_id = employee_id
        response.link_status = LinkStatus.PENDING if employee_id else LinkStatus.NONE
        response.link_method = LinkMethod.NONE
        response.link_reason = ""
        response.link_claimed_at = timezone.now() if employee_id else None
        response.link_decided_at = None
    response.full_clean()
    response.save()
    if claimed and employee_id:
        _link_confirm_from_hr_records(response)
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


def _link_confirm_from_hr_records(response: SurveyResponse) -> None:
    """Confirm a new claim at once when the latest snapshot's row for the number carries the
    account's email and nobody holds the number confirmed; otherwise it stays pending, and
    the person sees the same "waiting" state whatever the reason."""
    from upward.web.insights.selectors import hr_work_emails

    emails = hr_work_emails([response.employee_id]) or {}
    if emails.get(response.employee_id) != response.user.email.lower():
        return
    _link_confirm(response, method=LinkMethod.HR_EMAIL, actor=response.user)


def _link_confirm(response: SurveyResponse, *, method: str, actor=None, actor_label: str = "",
                  request=None) -> bool:
    """Make a pending claim the confirmed link for its number, if nobody else holds it.

    False (and nothing changed) when another account holds the number confirmed,
    including one confirmed concurrently: the database allows one per number.
    """
    held = SurveyResponse.objects.filter(employee_id=response.employee_id,
                                         link_status=LinkStatus.CONFIRMED)
    if held.exclude(pk=response.pk).exists():
        return False
    now = timezone.now()
    try:
        with transaction.atomic():
            changed = SurveyResponse.objects.filter(
                pk=response.pk, link_status=LinkStatus.PENDING,
                employee_id=response.employee_id,
            ).update(link_status=LinkStatus.CONFIRMED, link_method=method, link_decided_at=now,
                     updated_at=now)  # updated_at: the analysis cache key follows it
    except IntegrityError:
        return False
    if not changed:
        return False
    response.link_status, response.link_method = LinkStatus.CONFIRMED, method
    response.link_decided_at = response.updated_at = now
    audit_record(actor=actor, actor_label=actor_label, action="survey_link.confirm",
                 object_type="insights.employee_number_link", object_id=response.pk,
                 object_label=f"Employee number {response.employee_id}", request=request,
                 detail={"employee_number": response.employee_id,
                         "account": response.user.email, "how": method})
    return True


def _links_confirm_from_snapshot(snapshot: HrSnapshot, stored: Snapshot) -> int:
    """Confirm the pending claims whose number's row in a newly imported latest snapshot
    carries the claimant's email. Returns how many.

    Fast on a million rows: one pass of pyarrow's ``is_in`` over the ids picks the
    rows of claimed numbers; Python only ever loops over the pending claims.
    """
    if "work_email" not in snapshot.present:
        return 0
    claims: dict[str, dict[str, int]] = {}  # number → claimant's email → response pk
    for pk, number, email in (SurveyResponse.objects.filter(link_status=LinkStatus.PENDING)
                              .values_list("pk", "employee_id", "user__email")):
        claims.setdefault(number, {})[email.lower()] = pk
    if not claims:
        return 0
    ids = snapshot.table.column("employee_id").combine_chunks()
    claimed = pc.is_in(ids, value_set=pa.array(list(claims), type=pa.string()))
    emails = snapshot.table.column("work_email").combine_chunks().filter(claimed)
    matches = [claims[number][email]
               for number, email in zip(ids.filter(claimed).to_pylist(), emails.to_pylist(),
                                        strict=True)
               if email in claims[number]]
    label = f"HR records (snapshot of {stored.snapshot_date:%d %B %Y})"
    return sum(_link_confirm(response, method=LinkMethod.HR_EMAIL, actor_label=label)
               for response in SurveyResponse.objects.filter(pk__in=matches)
               .select_related("user").order_by("link_claimed_at", "pk"))


@transaction.atomic
def survey_link_confirm(*, actor, response: SurveyResponse, request=None) -> SurveyResponse:
    """An administrator confirms a pending claim: the number's answers are joined from now."""
    if response.link_status != LinkStatus.PENDING:
        raise ApplicationError("Only a claim waiting for confirmation can be confirmed.",
                               status=409)
    holder = (SurveyResponse.objects.filter(employee_id=response.employee_id,
                                            link_status=LinkStatus.CONFIRMED)
              .exclude(pk=response.pk).select_related("user__profile").first())
    if holder is not None:
        raise ApplicationError(
            f"Employee number {response.employee_id} is already confirmed for "
            f"{holder.user.display_name} ({holder.user.email}). Reject or unlink that link "
            "first, then confirm this one.", status=409)
    if not _link_confirm(response, method=LinkMethod.ADMINISTRATOR, actor=actor,
                         request=request):
        raise ApplicationError(f"Employee number {response.employee_id} was confirmed for "
                               "another account a moment ago: reload the page.", status=409)
    return response


@transaction.atomic
def survey_link_reject(*, actor, response: SurveyResponse, reason: str,
                       request=None) -> SurveyResponse:
    """An administrator rejects a claim, or unlinks a confirmed link, with a reason the
    person sees. Their answers stay theirs; they are no longer joined to HR's row."""
    reason = " ".join(reason.split())
    if not reason:
        raise ApplicationError("Reason: say why, in a few words; the person will see it.",
                               field="reason")
    if len(reason) > 200:
        raise ApplicationError("Reason: use at most 200 characters.", field="reason")
    if response.link_status not in (LinkStatus.PENDING, LinkStatus.CONFIRMED):
        raise ApplicationError("Only a pending or confirmed link can be rejected.", status=409)
    was = response.link_status
    response.link_status = LinkStatus.REJECTED
    response.link_method = LinkMethod.NONE
    response.link_reason = reason
    response.link_decided_at = timezone.now()
    response.full_clean()
    response.save(update_fields=["link_status", "link_method", "link_reason",
                                 "link_decided_at", "updated_at"])  # never the answers
    audit_record(actor=actor, action="survey_link.reject",
                 object_type="insights.employee_number_link", object_id=response.pk,
                 object_label=f"Employee number {response.employee_id}", request=request,
                 detail={"employee_number": response.employee_id,
                         "account": response.user.email, "was": was, "reason": reason})
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
    from upward.web.accounts.selectors import active_people

    addresses = list(active_people().filter(background_survey__isnull=True)
                     .values_list("email", flat=True))
    SurveyReminder.objects.create(sent_by=actor)
    audit_record(actor=actor, action="survey.remind", object_type="insights.survey",
                 object_label="Background survey reminder", request=request)
    link = absolute_url(reverse("insights:survey"))
    subject = f"{settings.UPWARD_ORGANISATION_NAME}: the background survey, where you started"
    own = OrganisationQuestion.objects.filter(active=True).count()
    added = (f", and {own} question{'s' if own != 1 else ''} of the organisation's own"
             if own else "")
    body = (
        "Hello,\n\nWe are asking everyone four short questions about their socio-economic "
        f"background, the ones the Social Mobility Commission recommends{added}. "
        "Your answers are seen "
        "by you alone: analysts only ever see totals of at least "
        f"{conf.disclosure_k()} people, and answers are never used for promotion or hiring "
        "decisions. Every question has \"prefer not to say\", and you can change or delete "
        f"your answers at any time.\n\n{link}\n\nThank you.\n")
    send_email_later(subject=subject, body=body, to=addresses)


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
    data = _analysis_parquet(snapshot)
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
                                sha256=hashlib.sha256(data).hexdigest(),
                                employee_emails=_employee_emails_parquet(snapshot))
    audit_record(actor=actor, action="data.import", target=stored, request=request,
                 detail={"kind": "workforce snapshot", "rows": snapshot.n_rows,
                         "snapshot_date": snapshot.snapshot_date.isoformat(),
                         "file": source_name[:255]})
    if Snapshot.objects.values_list("pk", flat=True).first() == stored.pk:  # the latest
        _links_confirm_from_snapshot(snapshot, stored)
    release_create(actor=actor, snapshot=stored, reason="import", request=request)
    return stored


def _analysis_parquet(snapshot: HrSnapshot) -> bytes:
    """The snapshot for the analysis: without work emails, which it never needs."""
    return replace(snapshot, table=snapshot.table.drop_columns(["work_email"])).to_parquet()


def _employee_emails_parquet(snapshot: HrSnapshot) -> bytes:
    """Every row's employee id and work email (null when none), to confirm links with."""
    table = snapshot.table.select(["employee_id", "work_email"])
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


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
    # The figures go with the snapshot; the ledger stays, so a re-imported file is still
    # compared with what was published.
    Release.objects.filter(snapshot=snapshot).update(figures=b"")
    snapshot.delete()


# --- releases of figures ------------------------------------------------------------------------

RELEASE_WINDOW = timedelta(days=365)


def _serialise_releases() -> None:
    """Releases are checked against every earlier one: make concurrent ones wait their turn.

    SQLite runs write transactions one at a time already (IMMEDIATE); PostgreSQL needs a lock.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x5550_5752])  # "UPWR"


def release_ledger() -> list:
    """Every earlier release that used survey answers, as the guard reads them."""
    from upward.reports.survey_guard import Release as LedgerEntry

    return [LedgerEntry.from_parquet(bytes(data)) for data in
            Release.objects.filter(survey_used__gt=0).order_by("created_at", "id")
            .values_list("ledger", flat=True)]


@transaction.atomic
def release_create(*, actor, snapshot: Snapshot, reason: str, request=None) -> Release:
    """Compute and freeze the figures of a snapshot with the survey answers as they are now.

    Survey answers are included only in the first
    ``UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR`` releases in any 365 days, and only those the
    differencing guard (:func:`upward.reports.workforce.protected_analysis`) allows against
    every earlier release.
    """
    from upward.reports.workforce import analyse, protected_analysis
    from upward.web.insights.selectors import load_snapshot, survey_answers_for_analysis

    _serialise_releases()
    k = conf.disclosure_k()
    hr = load_snapshot(snapshot)
    recent = Release.objects.filter(survey_used__gt=0,
                                    created_at__gte=timezone.now() - RELEASE_WINDOW).count()
    include = recent < conf.survey_releases_per_year()
    release = Release(snapshot=snapshot, snapshot_date=snapshot.snapshot_date, created_by=actor,
                      k=k, survey_included=include)
    if include:
        release.noise_seed = secrets.randbits(63)
        result = protected_analysis(hr, survey=survey_answers_for_analysis(), k=k,
                                    ledger=release_ledger(), benchmark_path=conf.benchmark_path(),
                                    noise_seed=release.noise_seed)
        insights = result.insights
        release.survey_used, release.survey_held_back = result.used, result.held_back
        if result.used:
            release.ledger = result.ledger_entry.to_parquet()
    else:
        insights = analyse(hr, k=k, benchmark_path=conf.benchmark_path())
        insights = replace(insights, notes=(*insights.notes, (
            "These figures do not include survey answers: at most "
            f"{conf.survey_releases_per_year()} releases in any 365 days may, so that repeated "
            "releases cannot be compared to work out anyone's answers. They use the answers "
            "in the HR file only.")))
    release.figures = insights.to_json().encode()
    release.full_clean(exclude=["figures", "ledger"])
    release.save()
    audit_record(actor=actor, action="insights.release", target=snapshot, request=request,
                 detail={"snapshot_date": snapshot.snapshot_date.isoformat(), "reason": reason,
                         "survey_included": include})
    return release


def _organisation_token(ledger_token: int, answers: Sequence[tuple[int, str]]) -> int:
    """Stands for one person's organisation answers in the ledger; changes when they do, so a
    changed answer is, to the guard, a withdrawal and a new answer."""
    digest = hashlib.blake2b(repr((ledger_token, sorted(answers))).encode(),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@transaction.atomic
def organisation_release_current() -> OrganisationRelease:
    """The latest release of the organisation questions' results, releasing them afresh first
    if answers or questions changed since. New answers wait until at least k can be
    released together; a withdrawal or change is hidden among k answers held back."""
    import json
    from dataclasses import asdict

    import numpy as np

    from upward.reports.survey_guard import Grouping, guard
    from upward.reports.survey_guard import Release as LedgerEntry
    from upward.web.insights.selectors import organisation_tables

    k = conf.disclosure_k()
    answers: dict[int, list[tuple[int, str]]] = {}
    for response_id, question_id, option in OrganisationAnswer.objects.values_list(
            "response_id", "question_id", "option"):
        answers.setdefault(response_id, []).append((question_id, option))
    responses = list(SurveyResponse.objects.order_by("pk").values_list("pk", "ledger_token"))
    tokens = np.array([_organisation_token(token, answers.get(pk, []))
                       for pk, token in responses], dtype=np.int64)
    questions = list(OrganisationQuestion.objects.values_list("pk", "text", "options", "active"))
    fingerprint = hashlib.sha256(repr((k, sorted(tokens.tolist()), questions)).encode()
                                 ).hexdigest()
    latest = OrganisationRelease.objects.filter(k=k).first()
    if latest is not None and latest.fingerprint == fingerprint:
        return latest
    _serialise_releases()
    ledger = [LedgerEntry.from_parquet(bytes(data)) for data in
              OrganisationRelease.objects.exclude(ledger=b"").order_by("created_at", "id")
              .values_list("ledger", flat=True)]
    decision = guard(tokens, [Grouping("respondents", np.zeros(len(tokens), dtype=np.int64))],
                     k=k, ledger=ledger)
    used_ids = [pk for (pk, _token), used in zip(responses, decision.used, strict=True) if used]
    tables = organisation_tables(used_ids, k)
    return OrganisationRelease.objects.create(
        k=k, fingerprint=fingerprint, tables=json.dumps([asdict(t) for t in tables]),
        ledger=decision.release.to_parquet() if decision.n_used else b"",
        used=decision.n_used, held_back=decision.n_held_back)


# --- exports ----------------------------------------------------------------------------------


def table_csv(rows: list[list[str]]) -> str:
    """A published table as CSV, safe to open in a spreadsheet (no formula injection)."""
    from upward.reports.csv_export import write_csv

    return write_csv(rows)


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

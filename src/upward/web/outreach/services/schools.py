"""Importing the GIAS schools register.

``schools_import`` is atomic for the file and forgiving for rows: a file-level problem
(a required column missing, bytes that are not Windows-1252 or UTF-8, broken CSV) raises
``ApplicationError`` and changes nothing; a bad row (say a URN that is not a number or an
FSM percentage of 140) is reported with its row number and skipped, and every other row
is imported. Re-importing a file is idempotent: schools are matched by URN and written
only when a value differs, so the same file twice reports 0 created and 0 updated.
Schools missing from a file are kept (a partial extract must not empty the register);
a school whose GIAS status is "Closed" is kept and marked ``is_open=False``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from upward.schools.gias import (
    GB_EASTING_MAX,
    GB_NORTHING_MAX,
    GiasFileError,
    RowProblem,
    SchoolRecord,
    read_gias,
)
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.jobs import enqueue_after_commit
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import Office, School, SchoolImport
from upward.web.outreach.uploads import progress_path, upload_dir, upload_path

__all__ = ["MAX_UPLOAD_MB", "ImportReport", "office_delete", "office_save", "schools_import",
           "schools_import_run", "schools_upload"]

BATCH = 2000
# The School columns a GIAS row sets, in SchoolRecord's order after the URN, so a record's
# ``record[1:]`` is compared and written as is.
FIELDS = SchoolRecord._fields[1:]
# Problems kept on the import's record (the counts stay exact beyond it).
MAX_PROBLEMS_KEPT = 1000


@dataclass
class ImportReport:
    source_name: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    failed: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    record: SchoolImport | None = None

    def to_dict(self) -> dict:
        return {"source_name": self.source_name, "rows_read": self.rows_read,
                "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "closed": self.closed, "failed": self.failed,
                "problems": [p.to_dict() for p in self.problems]}


def _columns(names) -> str:
    ops = connection.ops
    return ", ".join(ops.quote_name(School._meta.get_field(n).column) for n in names)


def _stored_register() -> dict[int, tuple]:
    """Every school in the register as ``urn → (pk, *FIELDS)``, in one query and as the
    database returns them (no ORM conversion: comparing 50,000 schools is then a tuple
    comparison each)."""
    sql = "SELECT {} FROM {}".format(_columns(["urn", "id", *FIELDS]),
                                     connection.ops.quote_name(School._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _insert(records: list[SchoolRecord]) -> None:
    """Insert new schools: ``COPY`` on PostgreSQL, one ``executemany`` elsewhere.
    ``bulk_create`` spends most of a 50,000-school import preparing each value through the
    ORM's compiler (measured: about 2 of 3.4 s); the values here are already checked and
    typed by the reader and go through the driver's own adapters. On PostgreSQL an
    ``executemany`` of 50,000 ``INSERT``s took 4 s, ``COPY`` a tenth of that."""
    ops = connection.ops
    columns = ["urn", *FIELDS, "updated_at"]
    table = ops.quote_name(School._meta.db_table)
    now = ops.adapt_datetimefield_value(timezone.now())
    date = ops.adapt_datefield_value
    rows = [(*r[:-1], date(r.closed_on), now) for r in records]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({_columns(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany("INSERT INTO {} ({}) VALUES ({})".format(
                table, _columns(columns), ", ".join(["%s"] * len(columns))), rows)


def _update(changed: list[tuple[int, SchoolRecord]]) -> None:
    """Update changed schools (``(pk, record)``) with one ``executemany`` of a plain
    ``UPDATE … WHERE id = %s``: ``bulk_update``'s ``CASE WHEN`` statements grow with the
    batch and took 19 s for 5,864 schools on SQLite."""
    ops = connection.ops
    columns = [*FIELDS, "updated_at"]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        ops.quote_name(School._meta.db_table),
        ", ".join(f"{_columns([c])} = %s" for c in columns),
        ops.quote_name(School._meta.pk.column))
    now = ops.adapt_datetimefield_value(timezone.now())
    date = ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*r[1:-1], date(r.closed_on), now, pk) for pk, r in changed])


def _write(records: list[SchoolRecord], report: ImportReport, stored: dict[int, tuple]) -> None:
    """Compare a batch of the file's schools with the register (``_stored_register``) and
    write only what differs: new schools inserted, changed ones updated."""
    is_open_at = FIELDS.index("is_open") + 1
    new, changed = [], []
    for record in records:
        before = stored.get(record.urn)
        if before is None:
            new.append(record)
            report.closed += not record.is_open
        elif before[1:] == record[1:]:  # dates come back as dates, booleans as 1/0 on SQLite
            report.unchanged += 1
        else:
            report.closed += bool(before[is_open_at]) and not record.is_open
            changed.append((before[0], record))
    if new:
        _insert(new)
    if changed:
        _update(changed)
    report.created += len(new)
    report.updated += len(changed)


def schools_import(*, actor, content: bytes, source_name: str,
                   progress: Callable[[int], None] | None = None,
                   record: SchoolImport | None = None) -> ImportReport:
    """Import a GIAS CSV (see the module's docstring). ``actor`` is the person importing
    (they need ``manage_schools``) or ``None`` for the ``upward schools import`` command.
    ``progress(rows_read)`` is called after each batch. ``record`` is the queued
    ``SchoolImport`` of a web upload, which receives the report; else one is created."""
    if actor is not None:
        require_capability(actor, "manage_schools")
    report = ImportReport(source_name=source_name[:255])
    try:
        with transaction.atomic():
            reader = read_gias(content)
            stored = _stored_register() if School.objects.exists() else {}
            seen: set[int] = set()
            batch: list[SchoolRecord] = []
            for row in reader:
                if row.school is None:
                    report.failed += 1
                    report.problems.extend(row.problems)
                    continue
                urn = row.school.urn
                if urn in seen:
                    report.failed += 1
                    report.problems.append(RowProblem(
                        row.row, str(urn), "URN", "the URN appears earlier in the file"))
                    continue
                seen.add(urn)
                batch.append(row.school)
                if len(batch) >= BATCH:
                    _write(batch, report, stored)
                    batch = []
                    if progress is not None:
                        progress(reader.rows_read)
            _write(batch, report, stored)
            report.rows_read = reader.rows_read
            if progress is not None:
                progress(reader.rows_read)
            if record is None:
                record = SchoolImport(
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                    source_name=report.source_name)
            for name in ("rows_read", "created", "updated", "unchanged", "closed", "failed"):
                setattr(record, name, getattr(report, name))
            record.problems = [p.to_dict() for p in report.problems[:MAX_PROBLEMS_KEPT]]
            record.status = SchoolImport.Status.DONE
            record.finished_at = timezone.now()
            record.save()
            report.record = record
            audit_record(actor=actor, action="outreach.schools_import", target=report.record,
                         detail={k: v for k, v in report.to_dict().items() if k != "problems"})
    except GiasFileError as error:
        raise ApplicationError(f"{source_name}: {error}", field="file") from None
    return report


# --- imports uploaded on the web: checked in the request, run by the worker -----------

# A full GIAS extract is about 60 MB (our 140-column benchmark file, 108 MB); the bound
# keeps a wrong file from filling the disk.
MAX_UPLOAD_MB = 200


def _check_file(path: Path) -> int:
    """Check the header and that every byte decodes, without touching the database, so a
    wrong file is refused at once (a fraction of a second for a full extract; the rows
    are checked by the import). Answers the number of lines after the header."""
    try:
        with path.open("rb") as raw:
            reader = read_gias(raw)
            text = reader.text_stream()
            lines = 0
            try:
                while chunk := text.read(1 << 20):
                    lines += chunk.count("\n")
            except UnicodeDecodeError as error:
                raise reader.encoding_error(error) from None
            return lines
    except GiasFileError as error:
        raise ApplicationError(f"The file cannot be imported: {error}.", field="file") from None


def schools_upload(*, actor, chunks: Iterable[bytes], source_name: str) -> SchoolImport:
    """Check an uploaded GIAS file and queue its import for the worker. A wrong file (too
    big, not CSV, a required column missing, bytes not in the encoding) raises
    ``ApplicationError`` and nothing is kept or changed."""
    require_capability(actor, "manage_schools")
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    limit = MAX_UPLOAD_MB * 1024 * 1024
    partial = directory / f"upload-{os.getpid()}-{id(chunks)}.part"
    try:
        size = 0
        with partial.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise ApplicationError(
                        f"The file is larger than {MAX_UPLOAD_MB} MB — upload the GIAS "
                        "establishment extract (about 60 MB) as it was downloaded.",
                        field="file")
                out.write(chunk)
        if size == 0:
            raise ApplicationError("The file is empty — choose the CSV file GIAS exported.",
                                   field="file")
        rows = _check_file(partial)
        with transaction.atomic():
            record = SchoolImport.objects.create(
                actor=actor, source_name=source_name[:255], status=SchoolImport.Status.QUEUED,
                rows_expected=rows)
            partial.replace(upload_path(record))
            enqueue_after_commit(schools_import_run, import_id=record.pk)
        return record
    finally:
        partial.unlink(missing_ok=True)


def _write_progress(path: Path, rows: int) -> None:
    temporary = path.with_suffix(".progress-new")
    temporary.write_text(str(rows))
    os.replace(temporary, path)  # a reader never sees a half-written number


@task()
def schools_import_run(*, import_id: int) -> str:
    """The worker's half of a web import: run the queued import of ``import_id``. A file
    that turns out to be bad (or an importer who lost ``manage_schools`` meanwhile) ends
    the import ``failed`` with the reason, and the register unchanged."""
    record = SchoolImport.objects.filter(pk=import_id, status=SchoolImport.Status.QUEUED).first()
    if record is None:
        return f"Schools import {import_id} is not waiting to run."
    SchoolImport.objects.filter(pk=record.pk).update(status=SchoolImport.Status.RUNNING)
    source, progress = upload_path(record), progress_path(record)
    try:
        try:
            content = source.read_bytes()
        except FileNotFoundError:
            raise ApplicationError("The uploaded file is gone — upload it again.") from None
        report = schools_import(actor=record.actor, content=content,
                                source_name=record.source_name, record=record,
                                progress=lambda rows: _write_progress(progress, rows))
        return (f"Schools import {import_id}: {report.created} created, {report.updated} "
                f"updated, {report.failed} rows skipped.")
    except ApplicationError as error:
        with transaction.atomic():
            SchoolImport.objects.filter(pk=record.pk).update(
                status=SchoolImport.Status.FAILED, error=error.message,
                finished_at=timezone.now())
            audit_record(actor=record.actor, action="outreach.schools_import_failed",
                         target=record, detail={"error": error.message})
        return f"Schools import {import_id} failed: {error.message}"
    finally:
        source.unlink(missing_ok=True)
        progress.unlink(missing_ok=True)


# --- offices ---------------------------------------------------------------------------

def _grid_value(value, top: int, label: str) -> int:
    if value is None:
        raise ApplicationError(f"Enter the {label}, or find it from the postcode",
                               field=label)
    if not 0 <= value <= top:
        raise ApplicationError(
            f"The {label} must be between 0 and {top:,} metres (Great Britain's grid)",
            field=label)
    return value


@transaction.atomic
def office_save(*, actor, office: Office | None = None, name: str, postcode: str,
                easting: int | None, northing: int | None) -> Office:
    """Add an office (``office=None``) or change one. The grid reference is metres on the
    British National Grid, within Great Britain (easting 0–700,000, northing
    0–1,300,000)."""
    require_capability(actor, "manage_schools")
    easting = _grid_value(easting, GB_EASTING_MAX, "easting")
    northing = _grid_value(northing, GB_NORTHING_MAX, "northing")
    creating = office is None
    office = office or Office()
    before = {} if creating else {"name": office.name, "postcode": office.postcode,
                                  "easting": office.easting, "northing": office.northing}
    office.name = name.strip()
    office.postcode = " ".join(postcode.upper().split())
    office.easting, office.northing = easting, northing
    try:
        office.full_clean()
    except ValidationError as error:
        field_name = next(iter(getattr(error, "message_dict", {})), None)
        raise ApplicationError(validation_message(error), field=field_name) from None
    office.save()
    after = {"name": office.name, "postcode": office.postcode, "easting": office.easting,
             "northing": office.northing}
    audit_record(actor=actor, action="outreach.office_create" if creating
                 else "outreach.office_update", target=office,
                 detail={"after": after} if creating else {"before": before, "after": after})
    return office


@transaction.atomic
def office_delete(*, actor, office: Office) -> None:
    require_capability(actor, "manage_schools")
    audit_record(actor=actor, action="outreach.office_delete", target=office,
                 detail={"name": office.name, "easting": office.easting,
                         "northing": office.northing})
    office.delete()

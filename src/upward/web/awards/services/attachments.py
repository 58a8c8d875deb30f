"""Attachments on entries: the type is decided by the file's first bytes (never by its
name or the browser's word), the size by the category's limit; files are stored under
``MEDIA_ROOT/awards/`` with random names and served only through
:func:`upward.web.awards.selectors.attachment_for_viewer`."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from upward.web.awards.models import ATTACHMENT_TYPES, Attachment, Entry
from upward.web.awards.selectors import can_edit, entry_participant_ids
from upward.web.core.errors import ApplicationError

MB = 1024 * 1024


def attachment_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "awards"


def attachment_path(attachment: Attachment) -> Path:
    return attachment_dir() / attachment.stored_name


def sniff(head: bytes, allowed) -> str | None:
    """The key of the allowed type whose magic bytes ``head`` starts with, or None."""
    for key in allowed:
        if any(head.startswith(magic) for magic in ATTACHMENT_TYPES[key][2]):
            return key
    return None


@transaction.atomic
def attachment_add(*, actor, entry: Entry, upload) -> Attachment:
    """Store ``upload`` (a Django ``UploadedFile``) on ``entry``."""
    entry = Entry.objects.select_for_update().select_related("category__cycle").get(pk=entry.pk)
    if actor.pk not in entry_participant_ids(entry):
        raise ApplicationError("Not found.", status=404)
    if not can_edit(entry, actor, now=timezone.now()):
        raise ApplicationError("This entry can no longer be changed.", status=409)
    category = entry.category
    if not category.attachment_types or category.max_attachments < 1:
        raise ApplicationError("This category takes no attachments.", field="file")
    if entry.attachments.count() >= category.max_attachments:
        raise ApplicationError(f"An entry may have {category.max_attachments} attachment"
                               f"{'' if category.max_attachments == 1 else 's'} at most.",
                               field="file")
    if upload.size > category.max_attachment_mb * MB:
        raise ApplicationError(f"The file must be {category.max_attachment_mb} MB or smaller.",
                               field="file")
    upload.seek(0)
    kind = sniff(upload.read(16), category.attachment_types)
    if kind is None:
        names = ", ".join(ATTACHMENT_TYPES[k][0] for k in category.attachment_types)
        raise ApplicationError(f"The file must be one of: {names}.", field="file")
    stored = f"{secrets.token_hex(16)}.{kind}"
    attachment = Attachment(entry=entry, kind=kind, stored_name=stored, size=upload.size,
                            original_name=Path(upload.name or "file").name[:200] or "file",
                            uploaded_by=actor)
    attachment.full_clean()
    attachment.save()
    directory = attachment_dir()
    directory.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with open(directory / stored, "xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return attachment


def _unlink_later(paths: list[Path]) -> None:
    def unlink() -> None:
        for path in paths:
            path.unlink(missing_ok=True)
    transaction.on_commit(unlink)


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    entry = attachment.entry
    if actor.pk not in entry_participant_ids(entry):
        raise ApplicationError("Not found.", status=404)
    if not can_edit(entry, actor, now=timezone.now()):
        raise ApplicationError("This entry can no longer be changed.", status=409)
    path = attachment_path(attachment)
    attachment.delete()
    _unlink_later([path])


def attachments_erase(entries) -> None:
    """Delete the files of ``entries``' attachments once the deletion commits."""
    _unlink_later([attachment_path(a) for a in Attachment.objects.filter(entry__in=entries)])

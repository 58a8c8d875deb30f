"""Where a GIAS file uploaded on the web waits for the worker, and where the running
import writes how far it has got. Both live under ``VAR_DIR`` (``schools-imports/``),
which the web process and ``upward worker`` share; the files go when the import ends.

The count is a file, not a database row: the import is one transaction, so nothing it
writes can be seen (and, on SQLite, nothing else can be written) until it ends."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

__all__ = ["progress_path", "upload_dir", "upload_path"]


def upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "schools-imports"


def upload_path(record) -> Path:
    """The queued import's file (``record`` is a ``SchoolImport``)."""
    return upload_dir() / f"{record.pk}.csv"


def progress_path(record) -> Path:
    """The running import's rows read so far, a whole number as text."""
    return upload_dir() / f"{record.pk}.progress"

"""Accounts' periodic work, run by ``upward worker`` (upward/web/core/jobs.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.accounts.services import password_reset_email_send
from upward.web.core.jobs import periodic

# A reset request holds the address someone typed (with or without an account) until
# the worker has answered it; afterwards it is kept no longer than the reset limits need.
FORGET_RESET_REQUESTS_AFTER = timedelta(hours=1)


@periodic("accounts.forget_reset_requests", every=timedelta(minutes=10))
def forget_reset_requests(*, now: datetime) -> str:
    """Delete the queue's record of reset requests answered more than an hour ago."""
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.filter(
        task_path=password_reset_email_send.module_path, finished_at__isnull=False,
        finished_at__lt=now - FORGET_RESET_REQUESTS_AFTER).delete()
    return f"Forgot {deleted} answered reset request(s)."

"""Background work: tasks queued for the worker, and periodic jobs it runs on schedule.

Two kinds of work leave the request:

- **Tasks** (django-tasks, the backport of Django 6's tasks framework): email and
  any slow side effect. A function decorated with ``@task()`` from ``django_tasks``,
  with JSON-serialisable keyword arguments, is queued with :func:`enqueue_after_commit`
  (or, for email, :func:`send_email_later`) and run by ``upward worker``. The queue is
  a table in Upward's own database (``TASKS`` in settings), so a task queued inside a
  transaction is committed, or rolled back, with it. The tests run tasks at once, as
  they are queued (tests/conftest.py).
- **Periodic jobs**: functions an app registers with :func:`periodic`, e.g.::

      @periodic("community.release_stories", every=timedelta(minutes=1))
      def release_stories(*, now):
          return f"Announced {stories_release_due(now=now)} stories."

  ``upward worker`` runs each one when it is due (:func:`jobs_run_due`). Occurrences
  are aligned on the clock (every hour on the hour), so every machine agrees which one
  is due, and a worker claims an occurrence in the database before running it, so
  several workers on several machines never run the same one twice. Jobs should be
  safe to run twice all the same (a claim outlives a worker that dies mid-run only
  until the job's timeout). Apps register from their ``jobs.py``, imported by their
  ``AppConfig.ready()``; core imports no app.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

from upward.web.core.models import ScheduledJob

logger = logging.getLogger("upward.worker")

# --- tasks ------------------------------------------------------------------------------


def enqueue_after_commit(queued: Task, /, **kwargs) -> None:
    """Queue ``queued`` with ``kwargs`` so that it runs only if the current transaction
    commits (at once outside a transaction).

    With the database queue the task is written in the same transaction, so it is
    committed or rolled back with the change that caused it and is never lost between
    the two; any other backend is called after the commit.
    """
    if isinstance(queued.get_backend(), DatabaseBackend):
        queued.enqueue(**kwargs)
    else:
        transaction.on_commit(partial(queued.enqueue, **kwargs))


@task()
def email_send(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text message to each address in ``recipients`` (nobody sees
    another's address), over one connection to the mail server. Returns how many
    were sent."""
    messages = [EmailMessage(subject, body, None, [address]) for address in recipients]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def send_email_later(*, subject: str, body: str, to: str | Sequence[str]) -> None:
    """Email ``body`` to ``to`` (one address, or several: each gets their own message)
    from the worker, once the current transaction commits. Example::

        send_email_later(subject="Welcome", body=text, to=user.email)
    """
    recipients = [to] if isinstance(to, str) else list(to)
    if recipients:
        enqueue_after_commit(email_send, subject=subject, body=body, recipients=recipients)


# --- periodic jobs -------------------------------------------------------------------------

# Occurrences are counted from here, in UTC, so that every machine agrees on them.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
JobFunction = Callable[..., object]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    timeout: timedelta
    function: JobFunction

    def next_after(self, moment: datetime) -> datetime:
        """The first occurrence strictly after ``moment``."""
        return EPOCH + (((moment - EPOCH) // self.every) + 1) * self.every


@dataclass(frozen=True)
class JobRun:
    """What one run of a job did: ``result`` is its summary, or the error."""

    name: str
    succeeded: bool
    result: str
    seconds: float


PERIODIC_JOBS: dict[str, PeriodicJob] = {}


def periodic(name: str, *, every: timedelta,
             timeout: timedelta | None = None) -> Callable[[JobFunction], JobFunction]:
    """Register the decorated function to run every ``every``.

    It is called as ``function(now=<the time the run was claimed>)`` and may return a
    one-line summary of what it did (kept as the job's last result). ``timeout``
    (default: ``every``, at least 10 minutes) is how long a run may take before
    another worker may take the job over from a worker presumed dead.
    """
    if not name or len(name) > 100:
        raise ValueError(f"Periodic job name {name!r}: use 1 to 100 characters.")
    if not isinstance(every, timedelta) or every < timedelta(seconds=1):
        raise ValueError(f"Periodic job {name!r}: every must be a timedelta of at least "
                         "1 second.")
    timeout = timeout or max(every, timedelta(minutes=10))

    def register(function: JobFunction) -> JobFunction:
        existing = PERIODIC_JOBS.get(name)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"Periodic job {name!r} is already registered by "
                             f"{existing.function.__module__}.{existing.function.__qualname__}.")
        PERIODIC_JOBS[name] = PeriodicJob(name=name, every=every, timeout=timeout,
                                          function=function)
        return function

    return register


def job_claim(job: PeriodicJob, *, now: datetime, worker: str = "") -> bool:
    """Claim the due occurrence of ``job`` for this worker. True for exactly one of the
    workers that try at the same time; False when it is not due, or is still running
    elsewhere, or another worker got it first."""
    state, _ = ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    if state.next_run_at > now:
        return False
    if state.running_since is not None and state.running_since > now - job.timeout:
        return False
    # One conditional UPDATE: of the workers that read the same row, one changes it and
    # the others then match nothing (PostgreSQL re-checks the condition once the winner
    # commits; SQLite runs one writer at a time).
    return ScheduledJob.objects.filter(
        name=job.name, next_run_at=state.next_run_at, running_since=state.running_since,
    ).update(next_run_at=job.next_after(now), running_since=now, last_started_at=now,
             last_worker=worker[:100]) == 1


def job_run(job: PeriodicJob, *, now: datetime, worker: str = "") -> JobRun:
    """Run a claimed occurrence of ``job`` and record how it went."""
    started = time.monotonic()
    try:
        summary = job.function(now=now)
    except Exception as error:  # a failing job must not stop the worker or other jobs
        logger.exception("Periodic job %s failed", job.name)
        run = JobRun(job.name, False, f"{type(error).__name__}: {error}"[:300],
                     time.monotonic() - started)
    else:
        run = JobRun(job.name, True, "" if summary is None else str(summary)[:300],
                     time.monotonic() - started)
        logger.info("Ran %s in %.1f s: %s", job.name, run.seconds, run.result or "done")
    # Only our own claim is closed: a worker that took over a timed-out run owns it now.
    ScheduledJob.objects.filter(name=job.name, running_since=now, last_worker=worker[:100]) \
        .update(running_since=None, last_finished_at=timezone.now(),
                last_succeeded=run.succeeded, last_result=run.result)
    return run


def jobs_run_due(*, now: datetime | None = None, worker: str = "",
                 stopping: Callable[[], bool] = lambda: False) -> list[JobRun]:
    """Run every registered job that is due and that this worker claims, in name
    order; ``stopping`` is asked between jobs. Returns what ran."""
    runs = []
    for name in sorted(PERIODIC_JOBS):
        if stopping():
            break
        job = PERIODIC_JOBS[name]
        claimed_at = now or timezone.now()
        if job_claim(job, now=claimed_at, worker=worker):
            runs.append(job_run(job, now=claimed_at, worker=worker))
    return runs


# --- the queue's own housekeeping ----------------------------------------------------------

# How long finished tasks are kept (for `upward worker --status` and a look at what failed).
KEEP_SUCCESSFUL_TASKS = timedelta(days=7)
KEEP_FAILED_TASKS = timedelta(days=30)


@periodic("core.prune_task_results", every=timedelta(days=1))
def prune_task_results(*, now: datetime) -> str:
    """Delete finished tasks from the database queue once they are no longer useful."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.filter(
        Q(status="SUCCESSFUL", finished_at__lt=now - KEEP_SUCCESSFUL_TASKS)
        | Q(status="FAILED", finished_at__lt=now - KEEP_FAILED_TASKS)).delete()
    return f"Deleted {deleted} finished task(s)."

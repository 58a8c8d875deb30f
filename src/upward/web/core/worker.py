"""``upward worker``: one process that runs the task queue and the periodic jobs.

Each round it runs the queued tasks (at most :data:`TASKS_PER_ROUND`, so a flood of
email cannot hold up the schedule), then the periodic jobs that are due
(:func:`upward.web.core.jobs.jobs_run_due`), then sleeps ``interval`` seconds when
there was nothing to do. Several workers, on one machine or many, share the work:
each task is claimed by one of them (django-tasks-db locks the row) and so is each
occurrence of a periodic job.

SIGTERM or SIGINT stops it after the task or job under way; a second one stops it at
once.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import close_old_connections
from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from upward.web.core.jobs import PERIODIC_JOBS, JobRun, jobs_run_due
from upward.web.core.models import ScheduledJob

logger = logging.getLogger("upward.worker")
TASKS_PER_ROUND = 100


def default_worker_id() -> str:
    """Host name and process id: unique across the machines that share the queue."""
    return f"{socket.gethostname()}:{os.getpid()}"[-64:]


def database_queue() -> DatabaseBackend | None:
    """The database queue workers run, or None when tasks run as they are queued (the
    tests' immediate backend)."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    return backend if isinstance(backend, DatabaseBackend) else None


@dataclass
class RoundResult:
    tasks: int = 0
    jobs: list[JobRun] = field(default_factory=list)


class Worker:
    """Runs rounds of queued tasks and due periodic jobs until told to stop."""

    def __init__(self, *, interval: float = 1.0, worker_id: str | None = None):
        self.interval = interval
        self.worker_id = worker_id or default_worker_id()
        self.stopping = False
        self._queue = None  # django-tasks-db's worker while it runs tasks

    # -- the queue --------------------------------------------------------------
    def run_tasks(self) -> int:
        """Run queued tasks until none is ready or TASKS_PER_ROUND have run."""
        backend = database_queue()
        if backend is None or self.stopping:
            return 0
        from django_tasks_db.management.commands.db_worker import Worker as QueueWorker

        self._queue = QueueWorker(
            queue_names=["*"], excluded_queue_names=[], interval=0, batch=True,
            backend_name=backend.alias, startup_delay=False, max_tasks=TASKS_PER_ROUND,
            worker_id=self.worker_id[:64])
        try:
            self._queue.run()
            return self._queue._run_tasks  # noqa: SLF001 - its count of tasks run
        finally:
            self._queue = None

    # -- rounds ---------------------------------------------------------------------
    def run_round(self, *, now: datetime | None = None) -> RoundResult:
        """Queued tasks, then due jobs, then the tasks those jobs queued."""
        close_old_connections()
        result = RoundResult()
        result.tasks += self.run_tasks()
        result.jobs = jobs_run_due(now=now, worker=self.worker_id,
                                   stopping=lambda: self.stopping)
        if result.jobs:
            result.tasks += self.run_tasks()
        close_old_connections()
        return result

    def run(self, *, once: bool = False) -> RoundResult:
        """Run rounds until stopped (or, with ``once``, one round that runs everything
        queued and due). Returns the totals."""
        logger.info("Worker %s started: %s; periodic jobs: %s.", self.worker_id,
                    "running the database task queue" if database_queue()
                    else "no task queue (tasks run as they are queued)",
                    ", ".join(sorted(PERIODIC_JOBS)) or "none")
        total = RoundResult()
        while not self.stopping:
            result = self.run_round()
            total.tasks += result.tasks
            total.jobs += result.jobs
            if once:
                # Until the queue is empty: a round stops after TASKS_PER_ROUND tasks.
                while result.tasks >= TASKS_PER_ROUND and not self.stopping:
                    result = RoundResult(tasks=self.run_tasks())
                    total.tasks += result.tasks
                break
            if not result.tasks:
                self._sleep(self.interval)
        logger.info("Worker %s stopped.", self.worker_id)
        return total

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.25))

    # -- signals -----------------------------------------------------------------
    def stop(self, signum: int | None = None, frame=None) -> None:
        """Finish the task or job under way, then stop; a second call stops at once."""
        if self.stopping and signum is not None:
            logger.warning("Received %s again: stopping now.", signal.strsignal(signum))
            raise SystemExit(1)
        if signum is not None:
            logger.info("Received %s: stopping after the work under way.",
                        signal.strsignal(signum))
        self.stopping = True
        if self._queue is not None:
            self._queue.running = False

    def handle_signals(self):
        """Install the SIGTERM/SIGINT handlers; returns a function restoring the old ones."""
        previous = {s: signal.signal(s, self.stop) for s in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

        return restore


# --- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobStatus:
    name: str
    every: timedelta
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_succeeded: bool | None
    last_result: str
    next_run_at: datetime | None
    running: bool
    late: bool


@dataclass(frozen=True)
class QueueStatus:
    ready: int
    oldest_ready_at: datetime | None
    failed_last_day: int


def worker_status(*, now: datetime | None = None) -> tuple[list[JobStatus], QueueStatus | None]:
    """Each registered job's last and next run, and the task queue (None without one).

    A job is late when its next occurrence is more than a period (and a minute) past:
    no worker has been running it.
    """
    now = now or timezone.now()
    states = {s.name: s for s in ScheduledJob.objects.filter(name__in=list(PERIODIC_JOBS))}
    jobs = []
    for name in sorted(PERIODIC_JOBS):
        job, state = PERIODIC_JOBS[name], states.get(name)
        next_run_at = state.next_run_at if state else None
        jobs.append(JobStatus(
            name=name, every=job.every,
            last_started_at=state.last_started_at if state else None,
            last_finished_at=state.last_finished_at if state else None,
            last_succeeded=state.last_succeeded if state else None,
            last_result=state.last_result if state else "",
            next_run_at=next_run_at,
            running=bool(state and state.running_since),
            late=next_run_at is None or next_run_at < now - job.every - timedelta(minutes=1),
        ))
    queue = None
    if database_queue() is not None:
        from django_tasks_db.models import DBTaskResult

        counts = DBTaskResult.objects.aggregate(
            ready=Count("pk", filter=Q(status="READY")),
            oldest=Min("enqueued_at", filter=Q(status="READY")),
            failed=Count("pk", filter=Q(status="FAILED",
                                        finished_at__gte=now - timedelta(days=1))))
        queue = QueueStatus(ready=counts["ready"], oldest_ready_at=counts["oldest"],
                            failed_last_day=counts["failed"])
    return jobs, queue

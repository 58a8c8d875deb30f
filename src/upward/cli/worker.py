"""``upward worker``: run queued tasks (email, slow side effects) and the periodic jobs.

The work itself is in :mod:`upward.web.core.worker`; this is the command around it.
"""

from __future__ import annotations

import enum
import json
import logging
import sys

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text


class Output(enum.StrEnum):
    table = "table"
    json = "json"


def worker(
    once: bool = typer.Option(False, "--once",
                              help="Run every queued task and every due job, then exit."),
    interval: float = typer.Option(1.0, "--interval", min=0.1, max=3600,
                                   help="Seconds to wait when there is nothing to do."),
    status: bool = typer.Option(False, "--status",
                                help="Show each periodic job's last and next run and the "
                                     "task queue, then exit: 1 if a job is late."),
    fmt: Output = typer.Option(None, "--format", "-f",
                               help="--status format: table (default on a terminal) or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Log only warnings and errors, not each task and job."),
) -> None:
    """Run queued tasks and periodic jobs (digests, embargo releases) until stopped.

    Several may run, on one machine or many: each task and job runs once.
    SIGTERM or Ctrl+C stops it after the work under way.

    Example: upward worker
    """
    from upward.cli.main import _django, _fail

    try:
        _django()
    except Exception as error:  # misconfiguration is the operator's to fix
        raise _fail(f"{error}") from None
    if _migrations_pending():
        raise _fail("the database is not up to date — run `upward migrate` first "
                    "(the web server's unit does it before starting: docs/operating.md).")
    if status:
        raise typer.Exit(_print_status(fmt or (Output.table if sys.stdout.isatty()
                                               else Output.json)))
    from upward.web.core.worker import Worker

    # What it runs: each job, and each task as it starts and ends (django-tasks' log).
    # django-tasks-db's own log says "starting" and "no more tasks" every round: quiet.
    level = logging.WARNING if quiet else logging.INFO
    logging.getLogger("upward.worker").setLevel(level)
    logging.getLogger("django_tasks").setLevel(level)
    logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
    runner = Worker(interval=interval)
    restore = runner.handle_signals()
    try:
        total = runner.run(once=once)
    finally:
        restore()
    if once:
        failed = [run.name for run in total.jobs if not run.succeeded]
        typer.echo(f"Ran {total.tasks} task(s) and {len(total.jobs)} periodic job(s)"
                   + (f"; failed: {', '.join(failed)}" if failed else "") + ".", err=True)
        if failed:
            raise typer.Exit(1)


def _migrations_pending() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _day_and_time(moment, *, now) -> str:
    """A moment as people read it: ``today 16:30``, ``tomorrow 00:00``, else the date."""
    from django.utils import timezone

    if moment is None:
        return "never"
    local, today = timezone.localtime(moment), timezone.localtime(now).date()
    day = {0: "today", 1: "tomorrow", -1: "yesterday"}.get((local.date() - today).days,
                                                          local.strftime("%Y-%m-%d"))
    return f"{day} {local:%H:%M}"


def _every(interval) -> str:
    """``timedelta(minutes=10)`` as ``10 min``; days, hours, minutes, seconds."""
    seconds = int(interval.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("min", 60)):
        if seconds % size == 0:
            number = seconds // size
            return f"{number} {unit}" + ("s" if number != 1 and unit != "min" else "")
    return f"{seconds} s"


def _print_status(fmt: Output) -> int:
    from upward.web.core.worker import worker_status

    jobs, queue = worker_status()
    late = [job.name for job in jobs if job.late]
    if fmt is Output.json:
        typer.echo(json.dumps({
            "jobs": [{
                "name": job.name, "every_seconds": job.every.total_seconds(),
                "last_started_at": job.last_started_at and job.last_started_at.isoformat(),
                "last_finished_at": job.last_finished_at and job.last_finished_at.isoformat(),
                "last_succeeded": job.last_succeeded, "last_result": job.last_result,
                "next_run_at": job.next_run_at and job.next_run_at.isoformat(),
                "running": job.running, "late": job.late,
            } for job in jobs],
            "queue": queue and {
                "ready": queue.ready,
                "oldest_ready_at": queue.oldest_ready_at and queue.oldest_ready_at.isoformat(),
                "failed_last_day": queue.failed_last_day,
            },
        }, indent=2))
    else:
        from django.utils import timezone

        now = timezone.now()
        # Each job's outcome goes on a line of its own under its name: the names and times
        # keep their width and the table still fits 80 columns.
        table = Table(title="Periodic jobs", title_justify="left")
        table.add_column("Job and last outcome", overflow="fold")
        for column in ("Every", "Last run", "Next run"):
            table.add_column(column, no_wrap=True)
        for job in jobs:
            outcome = ("running now" if job.running else "not run yet"
                       if job.last_succeeded is None
                       else ("ok: " if job.last_succeeded else "FAILED: ") + job.last_result)
            table.add_row(job.name, _every(job.every), _day_and_time(job.last_started_at, now=now),
                          _day_and_time(job.next_run_at, now=now) + (" (late)" if job.late else ""))
            table.add_row(Text(f"  {outcome}"), end_section=True)
        out = Console()
        out.print(table)
        if queue is not None:
            oldest = _day_and_time(queue.oldest_ready_at, now=now)
            out.print(f"Task queue: {queue.ready} waiting"
                      + (f" (oldest since {oldest})" if queue.ready else "")
                      + f", {queue.failed_last_day} failed in the last day.", markup=False)
    if late:
        typer.echo(f"Error: {', '.join(late)} {'is' if len(late) == 1 else 'are'} late — "
                   "no worker is running them: start `upward worker` (docs/operating.md).",
                   err=True)
        return 1
    return 0

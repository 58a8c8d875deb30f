"""`upward worker` as operators run it: a process that stops cleanly on SIGTERM,
`--status` for monitoring, and `upward demo` running one alongside the server."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from upward.cli.main import app

UPWARD = str(Path(sys.executable).with_name("upward"))
runner = CliRunner()


def test_worker_help_has_an_example():
    result = runner.invoke(app, ["worker", "--help"])
    assert result.exit_code == 0 and "Example: upward worker" in result.output
    assert "worker" in runner.invoke(app, ["--help"]).output


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "UPWARD_ENV", "UPWARD_DEBUG"}}
    env.update(UPWARD_VAR_DIR=str(tmp_path / "var"), LOG_LEVEL="WARNING")
    return env


def _wait_for(predicate, what: str, process: subprocess.Popen, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"never saw {what}")


def test_worker_runs_the_jobs_and_stops_cleanly_on_sigterm(tmp_path):
    env = _environment(tmp_path)
    subprocess.run([UPWARD, "migrate"], env=env, check=True, capture_output=True, timeout=300)
    before = subprocess.run([UPWARD, "worker", "--status", "--format", "json"], env=env,
                            capture_output=True, text=True, timeout=120)
    names = [job["name"] for job in json.loads(before.stdout)["jobs"]]
    assert "core.send_digests" in names and before.returncode == 1  # all late: never run
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen([UPWARD, "worker", "--interval", "0.2"], env=env,
                                  stdout=output, stderr=subprocess.STDOUT)
    try:
        # every periodic job once (the apps' jobs run after core's, in the registry's order)
        _wait_for(lambda: all(f"Ran {name}" in log.read_text() for name in names),
                  "every periodic job run", worker)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
    text = log.read_text()
    assert "Ran community.release_stories" in text  # logs what it runs
    assert "Received Terminated: stopping after the work under way." in text
    assert text.rstrip().endswith("stopped.")
    # Its last runs are recorded for `upward worker --status`.
    status = subprocess.run([UPWARD, "worker", "--status", "--format", "json"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert status.returncode == 0, status.stderr
    jobs = {job["name"]: job for job in json.loads(status.stdout)["jobs"]}
    assert jobs["core.send_digests"]["last_succeeded"] is True
    assert not any(job["late"] for job in jobs.values())


def test_worker_refuses_a_database_that_is_not_migrated(tmp_path):
    result = subprocess.run([UPWARD, "worker", "--once"], env=_environment(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert " ".join(result.stderr.split()).startswith(
        "Error: the database is not up to date — run `upward migrate` first")
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_status_fails_when_no_worker_has_run_the_jobs():
    result = runner.invoke(app, ["worker", "--status", "--format", "json"])
    assert result.exit_code == 1
    assert "Error: accounts.forget_reset_requests, awards.consent_reminders, " \
           "awards.judging_reminders, " \
           "community.release_stories, core.prune_task_results, core.send_digests, " \
           "events.reminders, mentoring.feedback_requests, mentoring.meeting_reminders, " \
           "mentoring.nudges, mentoring.roulette, outreach.volunteer_reminders are late — no " \
           "worker is running them: start `upward worker`" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_demo_runs_a_worker_alongside_the_server_and_stops_it(tmp_path):
    env = _environment(tmp_path)
    port = _free_port()
    demo = subprocess.Popen([UPWARD, "demo", "--members", "12", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    worker_log = tmp_path / "var" / "worker.log"

    def serving() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return True
        except OSError:
            return False

    try:
        _wait_for(serving, "the demo serving", demo, timeout=600)
        _wait_for(lambda: worker_log.exists() and "Ran core.send_digests" in
                  worker_log.read_text(), "the worker's digest run", demo)
        pid = int(re.search(r"Worker [^ ]*:(\d+) started", worker_log.read_text()).group(1))
        demo.send_signal(signal.SIGTERM)  # the demo alone, as a service manager would
        assert demo.wait(timeout=120) == 0
    finally:
        if demo.poll() is None:
            demo.kill()
    printed = demo.stdout.read().decode()
    assert "A background worker sends the demo's email" in printed
    assert "Subject: Your week in the network" in worker_log.read_text()  # digests sent
    assert worker_log.read_text().rstrip().endswith("stopped.")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the worker stopped with the demo


@pytest.mark.django_db
def test_status_table_fits_80_columns_with_plain_intervals():
    result = runner.invoke(app, ["worker", "--status", "--format", "table"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 1  # no worker has run the jobs: they are late
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    rows = [[cell.strip() for cell in line.strip("│").split("│")]
            for line in lines if line.startswith("│")]
    assert ["accounts.forget_reset_requests", "10 min", "never", "never (late)"] in rows
    assert ["not run yet", "", "", ""] in rows
    assert ["core.prune_task_results", "1 day", "never", "never (late)"] in rows
    assert ["mentoring.nudges", "6 hours", "never", "never (late)"] in rows


def test_times_and_intervals_read_as_people_say_them():
    from datetime import UTC, datetime, timedelta

    from django.utils import timezone

    from upward.cli.worker import _day_and_time, _every

    assert [_every(timedelta(**kw)) for kw in (
        {"minutes": 1}, {"minutes": 10}, {"hours": 1}, {"hours": 6}, {"days": 1}, {"days": 7},
        {"seconds": 90})] == ["1 min", "10 min", "1 hour", "6 hours", "1 day", "7 days", "90 s"]
    now = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    local = timezone.localtime(now)
    assert _day_and_time(now, now=now) == f"today {local:%H:%M}"
    assert _day_and_time(now + timedelta(days=1), now=now).startswith("tomorrow ")
    assert _day_and_time(now - timedelta(days=1), now=now).startswith("yesterday ")
    later = timezone.localtime(now + timedelta(days=3))
    assert _day_and_time(now + timedelta(days=3), now=now) == f"{later:%Y-%m-%d %H:%M}"
    assert _day_and_time(None, now=now) == "never"

"""`upward worker` against a real database, with the database task queue production uses:
it sends the digest, releases embargoed stories, sends queued email, and two workers
racing send nothing twice."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from upward.cli.main import app
from upward.web.accounts.services import invitation_create
from upward.web.community import services as community
from upward.web.community.models import Story
from upward.web.core.jobs import (
    PERIODIC_JOBS,
    jobs_run_due,
    periodic,
    prune_task_results,
    send_email_later,
)
from upward.web.core.models import ScheduledJob
from upward.web.core.notifications.models import Notification
from upward.web.core.notifications.services import digests_send

# The worker opens and closes its own connections and the races use several: the test
# database is really committed to (and emptied after each test).
pytestmark = pytest.mark.django_db(transaction=True)
DIGEST = "Your week in the network"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 0
    settings.UPWARD_SITE_URL = "https://upward.example.org"


def _worker_once(*args: str) -> str:
    result = CliRunner().invoke(app, ["worker", "--once", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _story_out_of_embargo(author, *, title: str, body: str) -> Story:
    story = community.story_create(
        actor=author, submit=True, title=title, body=body,
        prompt_started="I grew up in Hull and worked on the tills at 16.",
        embargo_until=timezone.now() + timedelta(days=2))
    past = timezone.now() - timedelta(minutes=1)  # as time passing would
    Story.objects.filter(pk=story.pk).update(embargo_until=past, visible_from=past)
    return story


def _digests() -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    for message in mail.outbox:
        if message.subject == DIGEST:
            sent.setdefault(message.to[0], []).append(message.body)
    return sent


def test_upward_worker_sends_a_digest_and_releases_an_embargoed_story(database_queue,
                                                                         personas):
    member, lead = personas["member"], personas["lead"]
    story = _story_out_of_embargo(member, title="Night school at forty",
                                  body="Thanks to @lead for the push.")
    mentions = Notification.objects.filter(kind="mention", recipient=lead)
    assert story.announced_at is None and not mentions.exists()
    mail.outbox.clear()

    output = _worker_once()

    story.refresh_from_db()
    assert story.announced_at is not None and mentions.count() == 1
    assert any(lead.email in m.to and "mentioned you" in m.subject for m in mail.outbox)
    digests = _digests()
    assert len(digests[lead.email]) == 1 and "Night school at forty" in digests[lead.email][0]
    assert all(len(bodies) == 1 for bodies in digests.values())
    # The mention's email is a task the release job queued, sent in the same round.
    assert f"Ran 1 task(s) and {len(PERIODIC_JOBS)} periodic job(s)." in output
    states = {s.name: s for s in ScheduledJob.objects.all()}
    assert states["core.send_digests"].last_result.startswith(f"Sent {len(digests)} digest")
    assert states["community.release_stories"].last_result == \
        "Announced 1 story whose embargo ended."

    # Due again at once (as if an hour had passed): still one digest and one mention each.
    ScheduledJob.objects.update(next_run_at=timezone.now() - timedelta(minutes=1))
    mail.outbox.clear()
    assert f"{len(PERIODIC_JOBS)} periodic job(s)" in _worker_once()
    assert _digests() == {} and mentions.count() == 1


def test_email_waits_in_the_queue_until_the_worker_sends_it(database_queue, admin):
    invitation_create(actor=admin, email="new.starter@northbridge.example")
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and queued.task_path == "upward.web.core.jobs.email_send"

    assert "Ran 1 task(s)" in _worker_once()
    assert [m.to for m in mail.outbox] == [["new.starter@northbridge.example"]]
    assert "invited you to join" in mail.outbox[0].body
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


def test_a_notification_email_waits_in_the_queue_and_is_not_repeated_in_the_digest(
        database_queue, personas):
    member, lead = personas["member"], personas["lead"]
    story = community.story_create(actor=member, submit=True, title="Night school at forty",
                                   body="Thanks to @lead for the push.")
    assert story.announced_at is not None
    mention = Notification.objects.get(kind="mention", recipient=lead)
    assert mention.emailed_at is not None  # handed to the queue …
    queued = DBTaskResult.objects.filter(task_path="upward.web.core.jobs.email_send",
                                         status="READY")
    assert [m for m in mail.outbox if lead.email in m.to] == []  # … and not sent yet
    assert any(lead.email in task.args_kwargs["kwargs"]["recipients"] for task in queued)

    _worker_once()
    sent = [m for m in mail.outbox if lead.email in m.to]
    assert [m.subject for m in sent if "mentioned you" in m.subject] == [
        f"Upward: {mention.text}"[:150]]
    [digest] = _digests()[lead.email]
    assert "Night school at forty" in digest and mention.text not in digest


def test_email_queued_in_a_transaction_that_rolls_back_is_never_queued(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_email_later(subject="Hello", body="Body", to="someone@northbridge.example")
        assert DBTaskResult.objects.count() == 1  # written with the change …
        raise RuntimeError("the change failed")
    assert DBTaskResult.objects.count() == 0  # … and rolled back with it
    _worker_once()
    assert mail.outbox == []


def test_a_task_that_fails_is_recorded_and_the_worker_goes_on(database_queue, settings):
    import socket

    with socket.socket() as unused:  # a port nothing listens on: the SMTP server is down
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    send_email_later(subject="Hello", body="Body", to="someone@northbridge.example")
    output = _worker_once()
    assert f"Ran 1 task(s) and {len(PERIODIC_JOBS)} periodic job(s)." in output
    assert DBTaskResult.objects.get().status == "FAILED"
    status = CliRunner().invoke(app, ["worker", "--status", "--format", "json"])
    assert status.exit_code == 0, status.output
    assert '"failed_last_day": 1' in status.output


def test_finished_tasks_are_pruned_after_a_week_and_failures_after_a_month(database_queue):
    for address in ("old@northbridge.example", "new@northbridge.example"):
        send_email_later(subject="Hello", body="Body", to=address)
    _worker_once()
    old, new = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - timedelta(days=8))
    failed = DBTaskResult.objects.filter(pk=new.pk)
    failed.update(status="FAILED", finished_at=timezone.now() - timedelta(days=8))
    assert prune_task_results(now=timezone.now()) == "Deleted 1 finished task(s)."
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [new.pk]
    failed.update(finished_at=timezone.now() - timedelta(days=31))
    assert prune_task_results(now=timezone.now()) == "Deleted 1 finished task(s)."
    assert not DBTaskResult.objects.exists()


def _race(work, names=("worker-a", "worker-b")) -> dict:
    """Run ``work(name)`` in one thread per name, each with its own database
    connection, released together; returns name → result."""
    barrier = threading.Barrier(len(names))
    results, errors = {}, []

    def run(name):
        try:
            barrier.wait(timeout=60)
            results[name] = work(name)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return results


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once need PostgreSQL (SQLite's in-memory "
                    "test database is shared through one cache that refuses, not waits)")


def test_eight_workers_racing_run_each_occurrence_once(postgresql, database_queue, registry):
    ran, lock = [], threading.Lock()

    def count(*, now):
        with lock:
            ran.append(now)

    periodic("count", every=timedelta(hours=1))(count)
    start = timezone.now()
    for hour in range(10):
        moment = start + timedelta(hours=hour)
        _race(lambda name, moment=moment: jobs_run_due(now=moment, worker=name),
              names=[f"worker-{n}" for n in range(8)])
    assert ran == [start + timedelta(hours=hour) for hour in range(10)]


def test_two_workers_racing_run_each_occurrence_once(postgresql, database_queue, personas):
    _story_out_of_embargo(personas["member"], title="Night school at forty",
                          body="Thanks to @lead for the push.")
    mail.outbox.clear()
    now = timezone.now()

    results = _race(lambda name: jobs_run_due(now=now, worker=name))

    ran = [run.name for runs in results.values() for run in runs]
    # Every registered job was due; each ran on exactly one of the two workers.
    assert sorted(ran) == sorted(PERIODIC_JOBS)
    assert {"community.release_stories", "core.send_digests"} <= set(ran)
    digests = _digests()
    assert digests and all(len(bodies) == 1 for bodies in digests.values())
    mentions = Notification.objects.filter(kind="mention", recipient=personas["lead"])
    assert mentions.count() == 1


def test_two_digest_runs_at_once_send_each_person_one_digest(postgresql, database_queue,
                                                             personas):
    """The job itself is safe to run twice at once (a run that outlived its timeout, or
    `upward manage send_digests` by hand while the worker runs it)."""
    _story_out_of_embargo(personas["member"], title="Night school at forty",
                          body="A manager showed me how promotions actually work.")
    mail.outbox.clear()
    now = timezone.now()

    results = _race(lambda name: digests_send(now=now))

    digests = _digests()
    assert digests and all(len(bodies) == 1 for bodies in digests.values())
    assert sum(run.sent for run in results.values()) == len(digests)

"""Periodic jobs: registration, occurrences on the clock, one claim per occurrence,
failures recorded; and queued email."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction

from upward.web.core import jobs
from upward.web.core.jobs import PERIODIC_JOBS, job_claim, jobs_run_due, periodic
from upward.web.core.models import ScheduledJob

NOON = datetime(2026, 3, 2, 12, 0, 30, tzinfo=UTC)


def test_the_apps_register_their_jobs():
    assert PERIODIC_JOBS["core.send_digests"].every == timedelta(hours=1)
    assert PERIODIC_JOBS["community.release_stories"].every == timedelta(minutes=1)
    assert PERIODIC_JOBS["core.prune_task_results"].every == timedelta(days=1)
    assert PERIODIC_JOBS["accounts.forget_reset_requests"].every == timedelta(minutes=10)


def test_occurrences_are_aligned_on_the_clock(registry):
    periodic("hourly", every=timedelta(hours=1))(lambda *, now: None)
    periodic("every-15-min", every=timedelta(minutes=15))(lambda *, now: None)
    assert registry["hourly"].next_after(NOON) == datetime(2026, 3, 2, 13, tzinfo=UTC)
    assert registry["every-15-min"].next_after(NOON) == datetime(2026, 3, 2, 12, 15, tzinfo=UTC)
    on_the_hour = datetime(2026, 3, 2, 13, tzinfo=UTC)
    assert registry["hourly"].next_after(on_the_hour) == datetime(2026, 3, 2, 14, tzinfo=UTC)


@pytest.mark.parametrize(("name", "every", "message"), [
    ("", timedelta(hours=1), "use 1 to 100 characters"),
    ("x" * 101, timedelta(hours=1), "use 1 to 100 characters"),
    ("fast", timedelta(milliseconds=10), "at least 1 second"),
    ("number", 60, "must be a timedelta"),
])
def test_bad_registrations_are_refused(registry, name, every, message):
    with pytest.raises(ValueError, match=message):
        periodic(name, every=every)
    assert registry == {}


def test_two_functions_cannot_share_a_name(registry):
    def first(*, now):
        return None

    def second(*, now):
        return None

    periodic("same", every=timedelta(hours=1))(first)
    with pytest.raises(ValueError, match="already registered by .*first"):
        periodic("same", every=timedelta(hours=1))(second)
    assert registry["same"].function is first


@pytest.mark.django_db
def test_a_job_runs_once_per_occurrence(registry):
    ran = []
    periodic("count", every=timedelta(hours=1))(lambda *, now: ran.append(now) or "counted")
    assert [r.name for r in jobs_run_due(now=NOON, worker="a")] == ["count"]  # new: due now
    assert jobs_run_due(now=NOON, worker="b") == []  # the same occurrence: already run
    assert jobs_run_due(now=NOON + timedelta(minutes=59), worker="b") == []
    assert len(jobs_run_due(now=NOON + timedelta(minutes=60), worker="b")) == 1  # 13:00:30
    assert ran == [NOON, NOON + timedelta(minutes=60)]
    state = ScheduledJob.objects.get(name="count")
    assert state.next_run_at == datetime(2026, 3, 2, 14, tzinfo=UTC)
    assert (state.last_succeeded, state.last_result, state.last_worker) == (True, "counted", "b")
    assert state.running_since is None and state.last_finished_at is not None


@pytest.mark.django_db
def test_a_claim_read_before_another_worker_won_it_fails(registry):
    """Two workers read the row at once; the second one's conditional update loses."""
    periodic("race", every=timedelta(hours=1))(lambda *, now: None)
    race = registry["race"]
    ScheduledJob.objects.create(name="race", next_run_at=NOON - timedelta(minutes=1))
    stale = ScheduledJob.objects.get(name="race")
    assert job_claim(race, now=NOON, worker="a") is True
    # Worker b read `stale` before a's claim; its update must match nothing.
    assert ScheduledJob.objects.filter(
        name="race", next_run_at=stale.next_run_at, running_since=stale.running_since,
    ).update(running_since=NOON, last_worker="b") == 0
    assert job_claim(race, now=NOON, worker="b") is False
    assert ScheduledJob.objects.get(name="race").last_worker == "a"


@pytest.mark.django_db
def test_a_slow_run_is_not_overlapped_until_its_timeout(registry):
    periodic("slow", every=timedelta(minutes=1), timeout=timedelta(minutes=30))(
        lambda *, now: None)
    slow = registry["slow"]
    assert job_claim(slow, now=NOON, worker="a")  # a starts, and is still running …
    later = NOON + timedelta(minutes=5)
    assert not job_claim(slow, now=later, worker="b")  # … so the next occurrences wait
    # a died: after the timeout another worker takes the job over.
    assert job_claim(slow, now=NOON + timedelta(minutes=31), worker="b")
    assert ScheduledJob.objects.get(name="slow").last_worker == "b"


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(registry, caplog):
    def broken(*, now):
        raise RuntimeError("the mail server said no")

    periodic("a-broken", every=timedelta(hours=1))(broken)
    periodic("b-fine", every=timedelta(hours=1))(lambda *, now: "fine")
    runs = jobs_run_due(now=NOON, worker="w")
    assert [(r.name, r.succeeded, r.result) for r in runs] == [
        ("a-broken", False, "RuntimeError: the mail server said no"),
        ("b-fine", True, "fine"),
    ]
    state = ScheduledJob.objects.get(name="a-broken")
    assert state.last_succeeded is False and state.running_since is None
    assert "Periodic job a-broken failed" in caplog.text
    # The next occurrence runs again as usual.
    assert len(jobs_run_due(now=NOON + timedelta(hours=1), worker="w")) == 2


@pytest.mark.django_db
def test_stopping_between_jobs_leaves_the_rest_for_later(registry):
    periodic("first", every=timedelta(hours=1))(lambda *, now: None)
    periodic("second", every=timedelta(hours=1))(lambda *, now: None)
    asked = []
    runs = jobs_run_due(now=NOON, stopping=lambda: asked.append(1) or len(asked) > 1)
    assert [r.name for r in runs] == ["first"]
    assert not ScheduledJob.objects.filter(name="second").exists()


@pytest.mark.django_db
def test_send_email_later_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        jobs.send_email_later(subject="Hello", body="Body", to=["a@x.example", "b@x.example"])
        assert mail.outbox == []
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.example", "b@x.example"]
    assert all(len(m.to) == 1 and m.subject == "Hello" for m in mail.outbox)


@pytest.mark.django_db
def test_email_queued_in_a_transaction_that_rolls_back_is_never_sent(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), \
            pytest.raises(RuntimeError), transaction.atomic():
        jobs.send_email_later(subject="Hello", body="Body", to="a@x.example")
        raise RuntimeError("the change failed")
    assert mail.outbox == []

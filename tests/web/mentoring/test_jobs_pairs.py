"""Periodic jobs: nudges for pairs that have not met, meeting reminders a day ahead,
feedback requests at cohort end — each once, however often the jobs run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from upward.web.core.jobs import PERIODIC_JOBS, jobs_run_due
from upward.web.core.notifications.models import Notification
from upward.web.mentoring import jobs
from upward.web.mentoring.services import pairs as services

from .pairs_factories import make_pair, programme

pytestmark = pytest.mark.django_db


def _kinds(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def _people(pair):
    return sorted([pair.mentee.user_id, pair.mentor.user_id])


def test_the_jobs_are_registered_with_the_worker():
    for name in ("mentoring.nudges", "mentoring.meeting_reminders",
                 "mentoring.feedback_requests", "mentoring.roulette"):
        assert name in PERIODIC_JOBS


def test_a_pair_that_has_not_met_is_nudged_once_however_often_the_job_runs(
        django_capture_on_commit_callbacks):
    pair = make_pair(programme(nudge_after_weeks=4), started_days_ago=35)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        summary = jobs.nudges(now=now)
    assert summary == "Nudged 1 pair that had not met."
    jobs.nudges(now=now)
    jobs.nudges(now=now + timedelta(hours=6))
    assert _kinds("mentoring_nudge") == _people(pair)
    nudge = Notification.objects.filter(kind="mentoring_nudge").first()
    assert "4 weeks" in nudge.text
    # the kind is emailed at once: through the task queue to the outbox
    assert any("4 weeks" in m.body for m in mail.outbox)
    # ... and again a period later if they still have not met
    jobs.nudges(now=now + timedelta(weeks=4, hours=1))
    assert len(_kinds("mentoring_nudge")) == 4


def test_the_worker_runs_the_nudges_job_and_a_second_run_nudges_nobody_again():
    make_pair(programme(nudge_after_weeks=2), started_days_ago=20)
    now = timezone.now()
    jobs_run_due(now=now)
    jobs_run_due(now=now + timedelta(hours=7))
    assert len(_kinds("mentoring_nudge")) == 2


@pytest.mark.parametrize("situation", ["new", "met_lately", "meeting_set", "ended", "off"])
def test_pairs_that_met_lately_or_have_a_meeting_set_are_not_nudged(situation):
    weeks = 0 if situation == "off" else 4
    pair = make_pair(programme(nudge_after_weeks=weeks),
                     started_days_ago=10 if situation == "new" else 60)
    mentee = pair.mentee.user
    if situation == "met_lately":
        services.meeting_log(actor=mentee, pair_id=pair.pk,
                             held_on=timezone.localdate() - timedelta(days=20))
    elif situation == "meeting_set":
        services.next_meeting_set(actor=mentee, pair_id=pair.pk,
                                  at=timezone.now() + timedelta(days=10))
    elif situation == "ended":
        services.pair_end(actor=mentee, pair_id=pair.pk, reason="completed")
    assert services.pairs_nudge_due(now=timezone.now()) == 0
    assert not Notification.objects.filter(kind="mentoring_nudge").exists()


def test_a_pair_whose_last_meeting_was_long_ago_is_nudged():
    pair = make_pair(programme(nudge_after_weeks=4), started_days_ago=90)
    services.meeting_log(actor=pair.mentor.user, pair_id=pair.pk,
                         held_on=timezone.localdate() - timedelta(days=40))
    assert services.pairs_nudge_due(now=timezone.now()) == 1


def test_the_next_meeting_is_reminded_a_day_ahead_once():
    pair = make_pair()
    now = timezone.now()
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk,
                              at=now + timedelta(hours=30), place="Room 2")
    Notification.objects.filter(kind="mentoring_meeting").delete()  # the "set" notice
    assert jobs.meeting_reminders(now=now) == "Reminded 0 pairs of tomorrow's meeting."
    later = now + timedelta(hours=8)
    assert jobs.meeting_reminders(now=later) == "Reminded 1 pair of tomorrow's meeting."
    jobs.meeting_reminders(now=later + timedelta(minutes=30))
    assert _kinds("mentoring_meeting") == _people(pair)
    assert all("Room 2" in n.text for n in Notification.objects.filter(kind="mentoring_meeting"))


def test_moving_the_meeting_brings_a_new_reminder():
    pair = make_pair()
    now = timezone.now()
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk, at=now + timedelta(hours=5))
    Notification.objects.filter(kind="mentoring_meeting").delete()
    services.meetings_remind_due(now=now)
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk,
                              at=now + timedelta(hours=20))
    Notification.objects.filter(kind="mentoring_meeting", text__startswith="Member").delete()
    services.meetings_remind_due(now=now)
    reminders = Notification.objects.filter(kind="mentoring_meeting",
                                            text__startswith="Reminder")
    assert reminders.count() == 4


def test_feedback_is_asked_once_when_the_cohort_ends():
    today = timezone.localdate()
    ending = programme(ends_on=today)
    pair = make_pair(ending)
    running = make_pair(programme(ends_on=today + timedelta(days=1)))
    now = timezone.now()
    assert jobs.feedback_requests(now=now) == "Asked 1 pair for end-of-cycle feedback."
    jobs.feedback_requests(now=now + timedelta(minutes=5))
    assert _kinds("mentoring_feedback") == _people(pair)
    pair.refresh_from_db()
    running.refresh_from_db()
    assert pair.feedback_asked_at == now and running.feedback_asked_at is None


def test_a_pair_that_ended_early_is_not_asked_again_at_cohort_end():
    pair = make_pair(programme(ends_on=timezone.localdate()))
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="no_time")
    assert services.feedback_ask_due(now=timezone.now()) == 0

"""Entries: self-entry and nomination, consent, drafts, word limits, the deadline,
withdrawal, the judging gate, notifications and the reminder job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from upward.web.awards.jobs import consent_reminders
from upward.web.awards.models import Consent, Entry, EntryStatus
from upward.web.awards.selectors import entries_for_judging
from upward.web.awards.services.entries import (
    REMIND_AFTER,
    consent_answer,
    endorsement_save,
    entry_save,
    entry_start,
    entry_submit,
    entry_withdraw,
    nomination_create,
    seconder_invite,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(entry, text):
    q = entry.category.questions.get()
    return {q.pk: text}


def _nominate(lead, champion, colleague):
    return nomination_create(actor=lead, category=champion, email=colleague.email.upper(),
                             title="Sam's mentoring circle", reason="She built it.")


def test_a_self_entry_is_consented_and_submits_before_the_deadline(member, champion):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    assert (entry.consent, entry.status) == (Consent.GIVEN, EntryStatus.DRAFT)
    entry_save(actor=member, entry=entry, answers=_answer(entry, "Forty mentees placed."))
    entry = entry_submit(actor=member, entry=entry)
    assert entry.status == EntryStatus.SUBMITTED and entry.submitted_at
    assert list(entries_for_judging(champion)) == [entry]
    assert AuditEntry.objects.filter(action="awards.entry_submit", object_id=entry.pk).exists()


def test_submitting_at_or_after_the_close_is_refused(member, champion):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    entry_save(actor=member, entry=entry, answers=_answer(entry, "Done."))
    close = champion.cycle.entries_close_at
    with pytest.raises(ApplicationError, match="closed on"):
        entry_submit(actor=member, entry=entry, now=close)
    with pytest.raises(ApplicationError, match="closed on"):
        entry_submit(actor=member, entry=entry, now=close + timedelta(seconds=1))
    assert entry_submit(actor=member, entry=entry,
                        now=close - timedelta(microseconds=1)).status == EntryStatus.SUBMITTED


def test_a_required_question_must_be_answered_to_submit(member, champion):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    with pytest.raises(ApplicationError, match="Answer “Impact” before you submit"):
        entry_submit(actor=member, entry=entry)


def test_word_limits_are_enforced_by_the_server(member, champion):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    entry_save(actor=member, entry=entry, answers=_answer(entry, "word " * 50))
    with pytest.raises(ApplicationError) as refused:
        entry_save(actor=member, entry=entry, answers=_answer(entry, "word " * 51))
    assert refused.value.message == "Impact: use 50 words or fewer (you have 51)."
    assert refused.value.field == f"q_{champion.questions.get().pk}"
    assert entry.answers.get().text.split() == ["word"] * 50


def test_a_nomination_waits_for_consent_and_cannot_be_submitted(lead, champion, colleague):
    entry = _nominate(lead, champion, colleague)
    assert entry.consent == Consent.PENDING and entry.nominee == colleague
    entry_save(actor=lead, entry=entry, answers=_answer(entry, "Twelve circles."))
    with pytest.raises(ApplicationError, match="has not agreed"):
        entry_submit(actor=lead, entry=entry)
    with pytest.raises(IntegrityError):  # and the database refuses it too
        Entry.objects.filter(pk=entry.pk).update(status=EntryStatus.SUBMITTED)


def test_entries_for_judging_only_ever_returns_consented_submitted_live_entries(
        member, lead, champion, colleague, personas):
    pending = _nominate(lead, champion, colleague)
    draft = entry_start(actor=personas["moderator"], category=champion, title="Draft")
    submitted = entry_start(actor=member, category=champion, title="Submitted")
    entry_save(actor=member, entry=submitted, answers=_answer(submitted, "Yes."))
    entry_submit(actor=member, entry=submitted)
    assert list(entries_for_judging(champion)) == [submitted]
    entry_withdraw(actor=member, entry=submitted)
    assert list(entries_for_judging(champion)) == []
    assert {pending.pk, draft.pk}.isdisjoint(e.pk for e in entries_for_judging(champion))


def test_the_nominee_consents_completes_and_submits(lead, champion, colleague):
    entry = _nominate(lead, champion, colleague)
    asked = Notification.objects.get(recipient=colleague, kind="awards_consent_request")
    assert asked.url == reverse("awards:consent", args=[entry.pk])
    entry = consent_answer(actor=colleague, entry=entry, give=True)
    assert entry.consent == Consent.GIVEN and entry.consent_at
    told = Notification.objects.get(recipient=lead, kind="awards_consent_answer")
    assert "agreed to" in told.text
    entry_save(actor=colleague, entry=entry, answers=_answer(entry, "In my words."))
    assert entry_submit(actor=colleague, entry=entry).status == EntryStatus.SUBMITTED
    assert AuditEntry.objects.filter(action="awards.consent_given").count() == 1


def test_a_declined_nomination_goes_no_further(lead, champion, colleague):
    entry = _nominate(lead, champion, colleague)
    entry = consent_answer(actor=colleague, entry=entry, give=False)
    assert entry.consent == Consent.DECLINED
    assert "declined" in Notification.objects.get(recipient=lead,
                                                  kind="awards_consent_answer").text
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        entry_save(actor=lead, entry=entry, answers=_answer(entry, "More."))
    with pytest.raises(ApplicationError, match="already answered"):
        consent_answer(actor=colleague, entry=entry, give=True)
    assert AuditEntry.objects.filter(action="awards.consent_declined").count() == 1


def test_only_the_nominee_answers_and_nobody_is_nominated_twice(lead, member, champion,
                                                                  colleague):
    entry = _nominate(lead, champion, colleague)
    with pytest.raises(ApplicationError) as refused:
        consent_answer(actor=member, entry=entry, give=True)
    assert refused.value.status == 404
    with pytest.raises(ApplicationError, match="already has an entry"):
        nomination_create(actor=member, category=champion, email=colleague.email, title="x")
    with pytest.raises(ApplicationError, match="Nobody in the network"):
        nomination_create(actor=member, category=champion, email="no@x.example", title="x")
    with pytest.raises(ApplicationError, match="use “Enter” instead"):
        nomination_create(actor=member, category=champion, email=member.email, title="x")


def test_withdrawal_asks_first_and_is_audited(member, champion, client_for):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    client = client_for(member)
    url = reverse("awards:withdraw", args=[entry.pk])
    assert f'href="{url}"' in client.get(reverse("awards:entry", args=[entry.pk])).content.decode()
    page = client.get(url).content.decode()
    assert "<h1>Withdraw “Tills to HQ”?" in page
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.DRAFT
    assert client.post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN and entry.withdrawn_at
    assert AuditEntry.objects.get(action="awards.entry_withdraw").detail == {"from": "draft"}


def test_entries_cannot_start_once_closed(admin, member):
    from .builders import category, open_cycle

    closed = category(admin, open_cycle(admin, name="2025", opened_days_ago=40, days_open=30))
    with pytest.raises(ApplicationError, match="closed"):
        entry_start(actor=member, category=closed, title="Late")


def test_the_seconder_endorses(lead, champion, colleague, member):
    entry = _nominate(lead, champion, colleague)
    entry = seconder_invite(actor=lead, entry=entry, email=member.email)
    assert Notification.objects.filter(recipient=member, kind="awards_endorse_request").exists()
    endorsement_save(actor=member, entry=entry, text="She changed my career.")
    assert entry.endorsements.get().text == "She changed my career."
    with pytest.raises(ApplicationError) as refused:
        endorsement_save(actor=colleague, entry=entry, text="Me too")
    assert refused.value.status == 404


def test_the_reminder_job_reminds_once_per_period(lead, champion, colleague):
    entry = _nominate(lead, champion, colleague)
    now = timezone.now()
    assert consent_reminders(now=now) == "Reminded 0 nominees to answer a nomination."
    later = now + REMIND_AFTER + timedelta(minutes=1)
    assert consent_reminders(now=later) == "Reminded 1 nominee to answer a nomination."
    assert consent_reminders(now=later) == "Reminded 0 nominees to answer a nomination."
    assert consent_reminders(now=later + timedelta(hours=1)).startswith("Reminded 0")
    assert consent_reminders(now=later + REMIND_AFTER).startswith("Reminded 1")
    consent_answer(actor=colleague, entry=entry, give=True)
    assert consent_reminders(now=later + 3 * REMIND_AFTER).startswith("Reminded 0")
    # the first request plus two reminders
    assert Notification.objects.filter(recipient=colleague,
                                       kind="awards_consent_request").count() == 3


def test_the_entry_page_saves_submits_and_autosaves(member, champion, client_for):
    entry = entry_start(actor=member, category=champion, title="Tills to HQ")
    q = champion.questions.get()
    client = client_for(member)
    url = reverse("awards:entry", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Save draft" in page and "Up to 50 words." in page and "hx-post" in page
    too_long = client.post(url, {"title": "Tills to HQ", f"q_{q.pk}": "w " * 60,
                                 "action": "save"})
    assert too_long.status_code == 400 and "use 50 words or fewer" in too_long.content.decode()
    saved = client.post(reverse("awards:autosave", args=[entry.pk]),
                        {"title": "Tills to HQ", f"q_{q.pk}": "Autosaved words"})
    assert saved.content.decode().startswith("Draft saved at")
    assert entry.answers.get().text == "Autosaved words"
    assert "Up to 50 words (2 used)." in client.get(url).content.decode()
    assert client.post(url, {"title": "Tills", f"q_{q.pk}": "Final", "action": "submit"}) \
        .status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.title) == (EntryStatus.SUBMITTED, "Tills")
    assert "Save draft" not in client.get(url).content.decode()

"""Awards in "download my data", and what deleting an account does to entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from upward.web.accounts.services import account_delete, personal_data_export
from upward.web.awards.models import Endorsement, Entry
from upward.web.awards.services.attachments import attachment_add
from upward.web.awards.services.entries import (
    consent_answer,
    endorsement_save,
    entry_save,
    entry_start,
    nomination_create,
    seconder_invite,
)

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _world(member, lead, colleague, champion, personas):
    own = entry_start(actor=member, category=champion, title="Tills to HQ")
    q = champion.questions.get()
    entry_save(actor=member, entry=own, answers={q.pk: "My own words."})
    attachment_add(actor=member, entry=own,
                   upload=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 x"))
    made = nomination_create(actor=member, category=champion, email=colleague.email,
                             title="Sam's circle", reason="Sam built it.")
    consent_answer(actor=colleague, entry=made, give=True)
    mentor = _other(champion, personas["admin"])
    pending = nomination_create(actor=member, category=champion, email=lead.email,
                                title="Lead's work")
    about_member = nomination_create(actor=personas["moderator"], category=mentor,
                                     email=member.email,
                                     title="Member's mentoring")
    consent_answer(actor=member, entry=about_member, give=False)
    made = seconder_invite(actor=member, entry=Entry.objects.get(pk=made.pk),
                           email=lead.email)
    nominated_by_lead = nomination_create(actor=lead, category=mentor, email=colleague.email,
                                          title="Sam again")
    consent_answer(actor=colleague, entry=nominated_by_lead, give=True)
    nominated_by_lead = seconder_invite(actor=lead, entry=nominated_by_lead,
                                        email=member.email)
    endorsement_save(actor=member, entry=nominated_by_lead, text="Sam is brilliant.")
    return own, made, pending, about_member


def _other(champion, admin):
    """A second category of the same cycle (one entry per person per category)."""
    from .builders import category

    return champion.cycle.categories.filter(name="Mentor").first() or category(
        admin, champion.cycle, name="Mentor")


def test_the_download_holds_entries_nominations_consent_and_endorsements(
        member, lead, colleague, champion, personas):
    _world(member, lead, colleague, champion, personas)
    data = personal_data_export(user=member)["awards"]
    about = {e["title"]: e for e in data["entries_about_you"]}
    assert about["Tills to HQ"]["answers"] == [{"question": "Impact",
                                                "answer": "My own words."}]
    assert about["Tills to HQ"]["attachments"] == ["cv.pdf"]
    assert about["Member's mentoring"]["consent"] == "declined"
    assert about["Member's mentoring"]["consent_at"]
    made = {e["title"]: e for e in data["nominations_you_made"]}
    assert made["Sam's circle"]["nominee"] == "Sam Okafor"
    assert made["Sam's circle"]["reason"] == "Sam built it."
    assert data["endorsements_you_wrote"][0]["text"] == "Sam is brilliant."


def test_deleting_an_account_erases_their_entries_and_keeps_consented_nominations(
        member, lead, colleague, champion, personas):
    own, made, pending, about_member = _world(member, lead, colleague, champion, personas)
    stored = Path(settings.MEDIA_ROOT) / "awards" / own.attachments.get().stored_name
    assert stored.exists()
    account_delete(user=member, password=PASSWORD)
    assert not Entry.objects.filter(pk__in=[own.pk, pending.pk, about_member.pk]).exists()
    assert not stored.exists()
    made.refresh_from_db()  # the nominee agreed: it is theirs now, without the nominator
    assert made.nominator is None and made.reason == "" and made.seconder == lead
    assert not Endorsement.objects.exists()

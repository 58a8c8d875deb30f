"""Response tracking and reminders."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from upward.web.core.models import AuditEntry
from upward.web.insights.models import SurveyReminder
from upward.web.insights.services import survey_save


def test_participation_is_counted_and_suppressed(personas, client_for):
    survey_save(user=personas["member"], answers={"main_earner_occupation": "other"})
    page = client_for(personas["lead"]).get(reverse("insights:responses")).content.decode()
    assert "Survey participation" in page
    assert "fewer than 10" in page  # 1 of 6 people answered: never shown as 1
    assert "No HR snapshot yet" in page


def test_rates_by_grade_and_function_come_from_the_latest_snapshot(personas, client_for,
                                                                   snapshot):
    page = client_for(personas["analyst"]).get(reverse("insights:responses")).content.decode()
    assert "Response rate by grade" in page and "Response rate by function" in page
    assert "From the HR snapshot of 31 March 2025" in page
    assert "Send reminder" not in page  # analysts track; leads remind


def test_reminder_reaches_only_those_who_have_not_answered(personas, client_for,
                                                           django_capture_on_commit_callbacks):
    survey_save(user=personas["member"], answers={"free_school_meals": "prefer_not_to_say"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas["lead"]).post(reverse("insights:remind"))
    assert response.status_code == 302
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert "member@northbridge.example" not in recipients
    assert len(recipients) == 5 and all(len(m.to) == 1 for m in mail.outbox)  # nobody sees others
    assert "/survey/" in mail.outbox[0].body
    assert "seen by you alone" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="survey.remind")
    assert entry.actor_label == "lead@northbridge.example"
    assert entry.detail == {}  # not even how many people had not answered


def test_reminders_are_at_most_weekly(personas, client_for, django_capture_on_commit_callbacks):
    lead = client_for(personas["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        lead.post(reverse("insights:remind"))
        again = lead.post(reverse("insights:remind"), follow=True)
    assert "the next can be sent from" in again.content.decode()
    assert SurveyReminder.objects.count() == 1
    SurveyReminder.objects.update(sent_at=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        lead.post(reverse("insights:remind"))
    assert SurveyReminder.objects.count() == 2


def test_no_email_is_sent_if_the_reminder_is_refused(personas, client_for,
                                                     django_capture_on_commit_callbacks):
    SurveyReminder.objects.create(sent_by=personas["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas["lead"]).post(reverse("insights:remind"))
    assert mail.outbox == []


def test_the_reminder_names_the_organisations_own_questions_too(
        personas, client_for, django_capture_on_commit_callbacks):
    from upward.web.insights.models import OrganisationQuestion

    OrganisationQuestion.objects.create(text="Were you the first in your family at university?",
                                        options=["Yes", "No"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas["lead"]).post(reverse("insights:remind"))
    body = mail.outbox[0].body
    assert "the ones the Social Mobility Commission recommends, and 1 question of the " \
           "organisation's own." in body
    assert "four questions" not in mail.outbox[0].subject

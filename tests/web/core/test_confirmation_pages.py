"""Destructive and significant actions ask on a page of their own (no JavaScript
``confirm()``): a GET shows what will happen, a button that posts to the same address
and a way back; only the POST acts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

WEB = Path(__file__).resolve().parents[3] / "src/upward/web"


def _story(personas):
    from upward.web.community import services
    from upward.web.community.models import Story

    story = services.story_create(actor=personas["member"], submit=True, title="Tills to HQ",
                                  prompt_started="Hull.")
    return (personas["member"], story.pk, reverse("community:story", args=[story.pk]),
            lambda: Story.objects.filter(pk=story.pk, status="published").exists())


def _career(personas):
    from upward.web.accounts.models import CareerEntry
    from upward.web.accounts.services import career_entry_add

    entry = career_entry_add(profile=personas["member"].profile, title="Intern",
                             start_year=2019)
    return (personas["member"], entry.pk, reverse("accounts:profile_edit"),
            lambda: CareerEntry.objects.filter(pk=entry.pk).exists())


def _question(personas):
    from upward.web.insights.models import OrganisationQuestion
    from upward.web.insights.services import organisation_question_create

    q = organisation_question_create(actor=personas["lead"], text="First to university?",
                                     options=["Yes", "No"])
    return (personas["lead"], q.pk, reverse("insights:questions"),
            lambda: OrganisationQuestion.objects.filter(pk=q.pk).exists())


def _survey(personas):
    from upward.web.insights.models import SurveyResponse
    from upward.web.insights.services import survey_save

    survey_save(user=personas["member"], answers={"main_earner_occupation": "professional"})
    return (personas["member"], None, reverse("insights:survey"),
            lambda: SurveyResponse.objects.filter(user=personas["member"]).exists())


def _snapshot(personas):
    from datetime import date

    from upward.web.insights.models import Snapshot
    from upward.web.insights.services import snapshot_import_file

    snapshot = snapshot_import_file(
        actor=personas["analyst"], source_name="hr.csv", snapshot_date=date(2024, 3, 31),
        content=b"Employee ID,Grade,Function,Hourly pay,Start date\nE1,G1,S,14,2020-01-06\n")
    return (personas["analyst"], snapshot.pk, reverse("insights:snapshots"),
            lambda: Snapshot.objects.filter(pk=snapshot.pk).exists())


def _token(personas):
    from upward.web.accounts.services import token_create

    token, _ = token_create(user=personas["member"], name="Report script")
    return (personas["member"], token.pk, reverse("accounts:tokens"),
            lambda: type(token).objects.get(pk=token.pk).revoked_at is None)


def _invitation(personas):
    from upward.web.accounts.services import invitation_create

    invitation, _ = invitation_create(actor=personas["admin"], email="new@northbridge.example")
    return (personas["admin"], invitation.pk, reverse("accounts:manage_invitations"),
            lambda: type(invitation).objects.get(pk=invitation.pk).status == "pending")


CASES = {
    "community:story_withdraw": (_story, "Withdraw “Tills to HQ”?"),
    "community:story_delete": (_story, "Delete “Tills to HQ”?"),
    "accounts:career_remove": (_career, "Remove “Intern (2019–now)” from your career"),
    "insights:question_delete": (_question, "Delete the question “First to university?”?"),
    "insights:survey_delete": (_survey, "Delete all your survey answers?"),
    "insights:snapshot_delete": (_snapshot, "Delete the snapshot of 31 March 2024?"),
    "accounts:token_revoke": (_token, "Revoke the token “Report script”?"),
    "accounts:invitation_revoke": (_invitation,
                                   "Revoke the invitation for new@northbridge.example?"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_action_asks_on_a_page_and_only_the_post_acts(name, personas, client_for):
    build, title = CASES[name]
    owner, pk, source, still_there = build(personas)
    url = reverse(name, args=[pk] if pk is not None else [])
    client = client_for(owner)
    # The page the action starts from links to the confirmation page (no form, no script).
    assert f'href="{url}"' in client.get(source).content.decode()
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and still_there()
    assert f"<h1>{title}" in html.replace("&amp;", "&")
    form = re.search(r'<form method="post" novalidate>.*?</form>', html, re.S).group(0)
    assert 'type="submit"' in form and "Cancel</a>" in form
    assert client.post(url).status_code == 302 and not still_there()


def test_nothing_asks_through_javascript_confirm():
    templates = list((WEB / "templates").rglob("*.html"))
    assert templates and not [t for t in templates if "data-confirm" in t.read_text()]
    assert "confirm(" not in (WEB / "static/js/upward.js").read_text()

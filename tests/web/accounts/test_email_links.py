"""Every absolute link in an email starts with UPWARD_SITE_URL, whatever Host the
request that caused it carried (a client chooses that header)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
SITE = "https://upward.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.UPWARD_SITE_URL = SITE
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]


def _links(message) -> list[str]:
    return [word for word in message.body.split() if "://" in word]


def test_invitation_email_links_to_the_site(client_for, admin, mailoutbox,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(admin).post(reverse("accounts:manage_invitations"),
                               {"email": "new@northbridge.example", "roles": ["member"]},
                               HTTP_HOST="localhost")
    [link] = _links(mailoutbox[0])
    assert link.startswith(SITE + "/accounts/invitation/")


def test_sign_up_confirmation_links_to_the_site(client, mailoutbox,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), {"email": "new@northbridge.example",
                                                 "display_name": "New Person",
                                                 "password": "a long passphrase here"},
                    HTTP_HOST="localhost")
    [link] = _links(mailoutbox[0])
    assert link.startswith(SITE + "/accounts/activate/")


def test_password_reset_links_to_the_site(client, member, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": member.email},
                HTTP_HOST="localhost")
    [link] = _links(mailoutbox[0])
    assert link.startswith(SITE + "/accounts/reset/")


def test_survey_reminder_links_to_the_site(personas, mailoutbox,
                                           django_capture_on_commit_callbacks):
    from upward.web.insights.services import survey_remind

    with django_capture_on_commit_callbacks(execute=True):
        survey_remind(actor=personas["lead"], request=None)
    assert mailoutbox
    for message in mailoutbox:
        assert _links(message) == [SITE + reverse("insights:survey")]


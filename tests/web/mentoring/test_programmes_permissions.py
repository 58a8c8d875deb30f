"""Who may open each programmes page: members' pages for network members (mentoring),
leads' pages for network leads (run_mentoring); everyone else 403 (or 404 for another
person's things). An allowed and a denied case for every rule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.mentoring.services.matching import run_create

from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db

NETWORK = {"member", "moderator", "lead"}
EVERYONE = ["member", "moderator", "lead", "analyst", "judge", "admin"]


@pytest.fixture
def setup(lead):
    programme = make_programme(lead)
    mentor = sign_up(member(), programme, "mentor")
    sign_up(member(), programme, "mentee")
    run = run_create(actor=lead, programme=programme)
    return programme, mentor, run


def _member_pages(programme, mentor):
    slug = programme.slug
    return [reverse("mentoring:home"), reverse("mentoring:programme", args=[slug]),
            reverse("mentoring:signup", args=[slug]), reverse("mentoring:requests")]


def _lead_pages(programme, run):
    slug = programme.slug
    return [reverse("mentoring:manage"), reverse("mentoring:programme_new"),
            reverse("mentoring:manage_programme", args=[slug]),
            reverse("mentoring:programme_edit", args=[slug]),
            reverse("mentoring:programme_archive", args=[slug]),
            reverse("mentoring:run", args=[slug, run.pk]),
            reverse("mentoring:run_publish", args=[slug, run.pk]),
            reverse("mentoring:run_discard", args=[slug, run.pk])]


@pytest.mark.parametrize("role", EVERYONE)
def test_members_pages_open_to_the_network_only(role, personas, client_for, setup):
    programme, mentor, _ = setup
    client = client_for(personas[role])
    for url in _member_pages(programme, mentor):
        assert client.get(url).status_code == (200 if role in NETWORK else 403), url


@pytest.mark.parametrize("role", EVERYONE)
def test_leads_pages_open_to_leads_only(role, personas, client_for, setup):
    programme, _, run = setup
    client = client_for(personas[role])
    for url in _lead_pages(programme, run):
        assert client.get(url).status_code == (200 if role == "lead" else 403), url


def test_anonymous_visitors_are_sent_to_sign_in(client_for, setup):
    programme, mentor, run = setup
    client = client_for(None)
    for url in [*_member_pages(programme, mentor), *_lead_pages(programme, run)]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response.url, url


def test_a_members_suggestions_need_a_mentee_sign_up(client_for, setup):
    programme, mentor, _ = setup
    mentee_user = programme.participants.get(side="mentee").user
    url = reverse("mentoring:mentors", args=[programme.slug])
    assert client_for(mentee_user).get(url).status_code == 200
    assert client_for(mentor.user).get(url).status_code == 404
    ask = reverse("mentoring:request_new", args=[programme.slug, mentor.pk])
    assert client_for(mentee_user).get(ask).status_code == 200
    assert client_for(member()).get(ask).status_code == 404

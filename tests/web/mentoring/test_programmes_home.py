"""Mentoring's home panels: programmes open to sign up, requests waiting for an answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from upward.web.core.home import home_panels_for
from upward.web.mentoring.services.requests import request_send

from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db


def _titles(viewer):
    return {panel.title: panel for panel in home_panels_for(viewer=viewer)}


def test_programmes_to_join_lists_open_programmes_not_yet_joined(lead, member):
    open_ = make_programme(lead, name="Open all year")
    joined = make_programme(lead, name="Already in")
    make_programme(lead, name="Closed cohort", kind="cohort",
                   signup_closes_on=date.today() - timedelta(days=1))
    sign_up(member, joined)
    panel = _titles(member)["Mentoring programmes to join"]
    assert [item.label for item in panel.items] == [open_.name]
    assert panel.items[0].url == reverse("mentoring:programme", args=[open_.slug])


def test_no_programme_panel_for_people_outside_the_network_or_with_nothing_to_join(
        lead, personas):
    make_programme(lead)
    assert "Mentoring programmes to join" not in _titles(personas["analyst"])
    assert "Mentoring programmes to join" not in _titles(personas["admin"])


def test_requests_to_answer_are_the_mentors_only(lead):
    programme = make_programme(lead)
    mentee_user, mentor_user = member("Ola Mentee"), member()
    sign_up(mentee_user, programme, "mentee")
    mentor = sign_up(mentor_user, programme, "mentor")
    request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk,
                 message="A private message")
    panel = _titles(mentor_user)["Mentoring requests to answer"]
    assert [item.label for item in panel.items] == ["Ola Mentee asked you to be their mentor"]
    assert "A private message" not in str(panel)
    assert "Mentoring requests to answer" not in _titles(mentee_user)


def test_the_home_page_shows_the_panels(lead, member, client_for):
    make_programme(lead, name="Open all year")
    body = client_for(member).get("/").content.decode()
    assert "Mentoring programmes to join" in body and "Open all year" in body

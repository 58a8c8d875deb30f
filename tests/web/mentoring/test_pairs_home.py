"""The signed-in home's "Your mentoring" panel: the viewer's active pairs, each with its
next meeting's date and a link to the pair; no panel for anyone without a pair."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.core.home import home_panels_for
from upward.web.mentoring.services.pairs import next_meeting_set, pair_end

from .pairs_factories import make_pair, member

pytestmark = pytest.mark.django_db

TITLE = "Your mentoring"


def _panel(viewer):
    return {panel.title: panel for panel in home_panels_for(viewer=viewer)}.get(TITLE)


def test_each_side_sees_its_pair_with_the_next_meetings_date_and_a_link():
    pair = make_pair(mentee=member("Ada Mentee"), mentor=member("Sol Mentor"))
    at = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=9),
                                              datetime.min.time().replace(hour=14, minute=35)))
    next_meeting_set(actor=pair.mentor.user, pair_id=pair.pk, at=at, place="Room 4")
    url = reverse("mentoring:pair", args=[pair.pk])
    day = f"{timezone.localdate(at).day} {timezone.localdate(at):%B %Y}"

    mentee_panel = _panel(pair.mentee.user)
    (item,) = mentee_panel.items
    assert (item.label, item.url) == ("Your mentor Sol Mentor", url)
    assert item.detail == f"{pair.programme.name}: next meeting {day}"
    assert "14:35" not in str(mentee_panel) and "Room 4" not in str(mentee_panel)
    (item,) = _panel(pair.mentor.user).items
    assert (item.label, item.url) == ("Mentoring Ada Mentee", url)


def test_a_pair_without_a_next_meeting_says_so():
    pair = make_pair()
    (item,) = _panel(pair.mentee.user).items
    assert item.detail == f"{pair.programme.name}: no next meeting set"


def test_no_panel_without_an_active_pair(personas):
    pair = make_pair()
    for who in ("member", "lead", "admin", "analyst"):
        assert _panel(personas[who]) is None, who
    pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="goals_met")
    assert _panel(pair.mentee.user) is None and _panel(pair.mentor.user) is None


def test_nothing_private_of_the_pair_is_on_the_home_page(client_for):
    pair = make_pair(mentee=member("Ada Mentee"), mentor=member("Sol Mentor"))
    body = client_for(pair.mentor.user).get("/").content.decode()
    assert TITLE in body and "Mentoring Ada Mentee" in body
    assert reverse("mentoring:pair", args=[pair.pk]) in body
    assert "Care experience" not in body and "Bookmarked" not in body

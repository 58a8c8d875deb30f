"""A mentee's private preferences (the lived experience they ask for, the mentors they
bookmark) cannot be read or inferred by anyone else: the mentor and leads see neither
the parts naming them, nor their points, nor any score that includes them. The mentee
sees all of it."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from upward.web.mentoring.models import Pair
from upward.web.mentoring.services.matching import run_create, run_match_remove, run_publish
from upward.web.mentoring.services.requests import request_accept, request_send
from upward.web.mentoring.services.signup import bookmark_set

from .clients import api_client, web_client
from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db

TAG = "Care experience"


@pytest.fixture
def world(lead):
    """A mentee who asked for a tag the mentor shows publicly and bookmarked the mentor."""
    programme = make_programme(lead)
    mentee_user, mentor_user = member("Mina Mentee"), member("Theo Mentor")
    mentee = sign_up(mentee_user, programme, "mentee", lived_experience_wanted=[TAG])
    mentor = sign_up(mentor_user, programme, "mentor", lived_experience_shown=[TAG])
    bookmark_set(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    return {"programme": programme, "lead": lead, "mentee_user": mentee_user,
            "mentor_user": mentor_user, "mentee": mentee, "mentor": mentor}


def _parts(explanation) -> list[tuple[str, int]]:
    return [(str(part[-2]), int(part[-1])) for part in explanation]


def _assert_nothing_private(text: str, where: str, *, full: int, visible: int) -> None:
    # (a lead's run page lists every criterion's weight: only parts are checked)
    assert "Lived experience:" not in text and TAG not in text, where
    assert "Bookmarked by" not in text, where
    assert "Preferences only the mentee" not in text, where
    assert full != visible
    assert not re.search(rf"(?<![\d.]){full}(?![\d.])", text), f"full score {full} in {where}"
    for points in (25, 15, 40):  # the private parts' points, alone or together
        assert f"+{points}" not in text and f'"points": {points}' not in text, where


def test_the_run_a_lead_sees_leaves_the_private_parts_out(world):
    programme, lead = world["programme"], world["lead"]
    run = run_create(actor=lead, programme=programme)
    match = run.matches.get()
    full = match.score
    visible = sum(points for label, points in _parts(match.explanation)
                  if not label.startswith(("Lived experience", "Bookmarked")))
    assert full == visible + 25 + 15  # what is stored is the whole score
    page = web_client(lead).get(reverse("mentoring:run", args=[programme.slug, run.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Scores shown here leave out preferences only the mentee sees." in html
    assert re.search(rf'<td class="numeric">{visible}\b', html)
    _assert_nothing_private(html, "run page", full=full, visible=visible)
    data = api_client(lead).get(f"/api/v1/mentoring/runs/{run.pk}").json()
    (shown,) = data["matches"]
    assert shown["score"] == visible == sum(p["points"] for p in shown["explanation"])
    assert data["total_score"] == visible
    _assert_nothing_private(json.dumps(data), "run api", full=full, visible=visible)
    manage = web_client(lead).get(reverse("mentoring:manage_programme", args=[programme.slug]))
    _assert_nothing_private(manage.content.decode(), "manage page", full=full, visible=visible)


def test_removing_matches_by_hand_does_not_reveal_a_full_score(world, lead):
    """A run of two mentees, one removed: the total left must not be the full score."""
    programme = world["programme"]
    other = sign_up(member(), programme, "mentee")
    sign_up(member(), programme, "mentor")
    run = run_create(actor=lead, programme=programme)
    run_match_remove(actor=lead, run=run, match_id=run.matches.get(mentee=other).pk)
    match = run.matches.get()
    visible = sum(p for label, p in _parts(match.explanation)
                  if not label.startswith(("Lived experience", "Bookmarked")))
    html = web_client(lead).get(reverse("mentoring:run", args=[programme.slug, run.pk])) \
        .content.decode()
    _assert_nothing_private(html, "run page", full=match.score, visible=visible)
    data = api_client(lead).get(f"/api/v1/mentoring/runs/{run.pk}").json()
    _assert_nothing_private(json.dumps(data), "run api", full=match.score, visible=visible)


def _pair_outputs(pair: Pair, user) -> dict[str, str]:
    page = web_client(user).get(reverse("mentoring:pair", args=[pair.pk]))
    return {
        "pair page": page.content.decode(),
        "pair api": api_client(user).get(f"/api/v1/mentoring/pairs/{pair.pk}").content.decode(),
        "pairs api": api_client(user).get("/api/v1/mentoring/pairs").content.decode(),
        "pairs page": web_client(user).get(reverse("mentoring:pairs")).content.decode(),
    }


def _visible(pair: Pair) -> int:
    return sum(p for label, p in _parts(pair.explanation)
               if not label.startswith(("Lived experience", "Bookmarked")))


@pytest.mark.parametrize("how", ["published run", "accepted request"])
def test_the_mentor_never_learns_them_but_the_mentee_sees_them(world, how):
    programme, mentor_user, mentee_user = (world["programme"], world["mentor_user"],
                                           world["mentee_user"])
    if how == "published run":
        run_publish(actor=world["lead"], run=run_create(actor=world["lead"],
                                                        programme=programme))
        pair = Pair.objects.get()
    else:
        asked = request_send(actor=mentee_user, programme=programme,
                             mentor_id=world["mentor"].pk)
        requests_page = web_client(mentor_user).get(reverse("mentoring:requests")).content.decode()
        requests_api = api_client(mentor_user).get("/api/v1/mentoring/requests").content.decode()
        pair = request_accept(actor=mentor_user, request=asked)
    full, visible = pair.score, _visible(pair)
    assert full == visible + 25 + 15
    outputs = _pair_outputs(pair, mentor_user)
    if how == "accepted request":
        outputs.update({"requests page": requests_page, "requests api": requests_api})
    for where, text in outputs.items():
        _assert_nothing_private(text, f"mentor's {where}", full=full, visible=visible)
    assert "Scores shown here leave out preferences only the mentee sees." in \
        outputs["pair page"]
    why = json.loads(outputs["pair api"])["why_matched"]
    assert sum(p["points"] for p in why) == visible
    # The mentee sees their own choices, with their points.
    mine = _pair_outputs(pair, mentee_user)
    assert f"Lived experience: {TAG}" in mine["pair page"]
    assert "Bookmarked by the mentee" in mine["pair page"]
    assert "leave out preferences" not in mine["pair page"]
    why = json.loads(mine["pair api"])["why_matched"]
    assert {"reason": f"Lived experience: {TAG}", "points": 25} in why
    assert sum(p["points"] for p in why) == full


@pytest.mark.parametrize("who", ["lead", "admin", "moderator", "member"])
def test_nobody_else_reaches_the_pair_at_all(world, personas, who):
    run_publish(actor=world["lead"], run=run_create(actor=world["lead"],
                                                    programme=world["programme"]))
    pair = Pair.objects.get()
    page = web_client(personas[who]).get(reverse("mentoring:pair", args=[pair.pk]))
    assert page.status_code == 404
    assert api_client(personas[who]).get(f"/api/v1/mentoring/pairs/{pair.pk}").status_code == 404

"""Attacks on what a pair's partner can learn: a person's survey answers, and what they
chose privately at sign-up (the lived experience they asked for, who they would rather
not meet, their line manager), never reach the other person — not on the pair page, the
list, the .ics files, the API, or the notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts.services import token_create
from upward.web.core.notifications.models import Notification
from upward.web.insights.services import survey_save
from upward.web.mentoring.services import pairs as services

from .pairs_factories import make_pair, member

pytestmark = pytest.mark.django_db

SURVEY = {"school_type": "independent_bursary", "free_school_meals": "yes",
          "parental_degree": "no", "main_earner_occupation": "technical_craft"}
# Words of the answers above that no mentoring output has any reason to contain.
SURVEY_WORDS = ["bursary", "Independent or fee-paying", "neither of my parents",
                "motor mechanic", "free school meals", "independent_bursary", "technical_craft"]


def _everything_the_partner_sees(pair, partner) -> str:
    client = Client()
    client.force_login(partner)
    _, secret = token_create(user=partner, name="t")
    api = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    pages = [client.get(reverse(f"mentoring:{name}", args=args)).content.decode()
             for name, args in [("pairs", []), ("pair", [pair.pk]),
                                ("pair_meetings_ics", [pair.pk]),
                                ("pair_next_meeting_ics", [pair.pk]),
                                ("pair_feedback", [pair.pk])]]
    pages += [client.get(f"/api/v1/mentoring/pairs/{pair.pk}", **api).content.decode(),
              client.get("/api/v1/mentoring/pairs?include_ended=true", **api).content.decode()]
    pages += list(Notification.objects.filter(recipient=partner).values_list("text", flat=True))
    return "\n".join(pages)


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_a_persons_survey_answers_never_reach_their_partner(side):
    pair = make_pair()
    person, partner = (pair.mentee.user, pair.mentor.user) if side == "mentee" else \
        (pair.mentor.user, pair.mentee.user)
    survey_save(user=person, answers=SURVEY)
    services.meeting_log(actor=person, pair_id=pair.pk, held_on=timezone.localdate())
    services.next_meeting_set(actor=person, pair_id=pair.pk, at=timezone.now() + timedelta(days=2))
    seen = _everything_the_partner_sees(pair, partner)
    assert "Mentoring with" in seen and "BEGIN:VCALENDAR" in seen  # the pages did render
    for word in SURVEY_WORDS:
        assert word.lower() not in seen.lower(), word


def test_the_mentees_private_sign_up_choices_never_reach_the_mentor():
    manager = member("Morgan Line-Manager")
    avoided = member("Avery Avoided")
    pair = make_pair(lived_experience_wanted=["Care experience", "Grew up on free school meals"],
                     line_manager=manager, team="Payments squad")
    pair.mentee.avoid.add(avoided)
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk,
                              at=timezone.now() + timedelta(days=2))
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="not_a_fit")
    seen = _everything_the_partner_sees(pair, pair.mentor.user)
    for secret in ("Care experience", "free school meals", "Morgan Line-Manager",
                   "Avery Avoided", "not a good fit", "not_a_fit", "Bookmarked"):
        assert secret.lower() not in seen.lower(), secret

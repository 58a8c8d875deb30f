"""Mentoring in "download my data", and what deleting an account does to a pair."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from upward.web.accounts.services import account_delete, personal_data_export
from upward.web.core.notifications.models import Notification
from upward.web.mentoring.models import Feedback, MentorRequest, Pair, Participant
from upward.web.mentoring.services import pairs as services
from upward.web.mentoring.services.roulette import roulette_draw

from .pairs_factories import make_pair, member, programme, sign_up

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _pair_with_history():
    pair = make_pair(lived_experience_wanted=["Care experience"], about="Finance, 3 years")
    mentee, mentor = pair.mentee.user, pair.mentor.user
    services.pair_goal_add(actor=mentee, pair_id=pair.pk, text="Apply for G7")
    services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=timezone.localdate(),
                         notes="Mentee's notes")
    services.meeting_log(actor=mentor, pair_id=pair.pk, held_on=timezone.localdate(),
                         notes="Mentor's notes")
    return pair, mentee, mentor


def test_the_download_holds_sign_ups_pairs_meetings_feedback_and_requests():
    pair, mentee, mentor = _pair_with_history()
    services.pair_end(actor=mentee, pair_id=pair.pk, reason="not_a_fit", rematch_wanted=True)
    services.feedback_give(actor=mentee, pair_id=pair.pk, satisfaction=2, comments="Mine")
    MentorRequest.objects.create(programme=pair.programme, mentee=pair.mentee,
                                 mentor=pair.mentor, message="Would you mentor me?")
    data = personal_data_export(user=mentee)["mentoring"]
    json.dumps(data)  # JSON-able
    [sign_up_data] = data["sign_ups"]
    assert sign_up_data["lived_experience_wanted"] == ["Care experience"]  # their own
    [pair_data] = data["pairs"]
    assert pair_data["with"] == mentor.profile.display_name
    assert pair_data["end_reason"] == "not_a_fit" and pair_data["new_match_wanted"] is True
    assert [g["text"] for g in pair_data["goals"]] == ["Apply for G7"]
    assert sorted(m["notes"] for m in pair_data["meetings"]) == ["Mentee's notes",
                                                                 "Mentor's notes"]
    assert data["feedback_you_gave"][0]["comments"] == "Mine"
    assert data["requests_you_made"][0]["message"] == "Would you mentor me?"


def test_the_other_persons_download_holds_neither_the_reason_nor_private_choices():
    pair, mentee, mentor = _pair_with_history()
    services.pair_end(actor=mentee, pair_id=pair.pk, reason="not_a_fit")
    services.feedback_give(actor=mentee, pair_id=pair.pk, satisfaction=2,
                           comments="Mentee's private comment")
    data = personal_data_export(user=mentor)["mentoring"]
    text = json.dumps(data)
    [pair_data] = data["pairs"]
    assert pair_data["end_reason"] is None and pair_data["ended_by_you"] is False
    assert "Care experience" not in text  # the mentee's wish, not the mentor's data
    assert "Mentee's private comment" not in text
    assert data["feedback_you_gave"] == []
    assert data["requests_you_received"] == []


def test_coffee_pairings_are_in_the_download():
    prog = programme(kind="roulette")
    people = [member() for _ in range(2)]
    for user in people:
        sign_up(user, prog)
    roulette_draw(actor=None, programme_id=prog.pk)
    data = personal_data_export(user=people[0])["mentoring"]
    assert data["coffee_pairings"][0]["with"] == [people[1].profile.display_name]


def test_deleting_an_account_ends_the_pair_and_tells_the_other_person():
    pair, mentee, mentor = _pair_with_history()
    services.pair_end(actor=mentor, pair_id=pair.pk, reason="completed")
    services.feedback_give(actor=mentor, pair_id=pair.pk, satisfaction=5)
    other = make_pair(mentee=member(), mentor=mentor)  # a second, active pair
    other_mentee = other.mentee.user
    name = other_mentee.profile.display_name
    account_delete(user=other_mentee, password=PASSWORD)
    assert not Participant.objects.filter(user_id=other_mentee.pk).exists()
    # the mentor keeps the pair, ended, with an empty mentee side (test_erasure.py)
    other.refresh_from_db()
    assert other.status == "ended" and other.end_reason == "left" and other.mentee is None
    told = Notification.objects.get(recipient=mentor, kind="mentoring_ended")
    assert "left Upward" in told.text and told.url.endswith(f"/pairs/{other.pk}/")
    assert name not in told.text
    # the mentor's other pair and feedback are untouched
    assert Pair.objects.filter(pk=pair.pk).exists()
    assert Feedback.objects.filter(author=mentor).count() == 1


def test_deleting_an_ended_pairs_person_tells_nobody():
    pair, mentee, mentor = _pair_with_history()
    services.pair_end(actor=mentor, pair_id=pair.pk, reason="completed")
    Notification.objects.all().delete()
    account_delete(user=mentee, password=PASSWORD)
    assert not Notification.objects.filter(kind="mentoring_ended").exists()
    pair.refresh_from_db()
    assert pair.mentee is None and [m.notes for m in pair.meetings.all()] == ["Mentor's notes"]

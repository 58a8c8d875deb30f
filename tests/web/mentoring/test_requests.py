"""Requests: a mentee asks, the mentor accepts (a pair starts) or declines, the mentee
may withdraw; notifications to each; capacity and hard rules respected."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.mentoring.models import MentorRequest, Pair, RequestStatus
from upward.web.mentoring.services.pairs import pair_start
from upward.web.mentoring.services.requests import (
    request_accept,
    request_decline,
    request_send,
    request_withdraw,
)

from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(lead):
    return make_programme(lead)


@pytest.fixture
def people(programme):
    mentee_user, mentor_user = member("Asha Mentee"), member("Ben Mentor")
    return (mentee_user, sign_up(mentee_user, programme, "mentee"),
            mentor_user, sign_up(mentor_user, programme, "mentor"))


def test_ask_and_accept_starts_a_pair_and_tells_both(programme, people):
    mentee_user, mentee, mentor_user, mentor = people
    sent = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk,
                        message="Could you help me prepare for promotion?")
    assert Notification.objects.filter(recipient=mentor_user, kind="mentoring_request").exists()
    pair = request_accept(actor=mentor_user, request=sent)
    assert (pair.mentee, pair.mentor, pair.source) == (mentee, mentor, "requested")
    assert sum(points for *_, points in pair.explanation) == pair.score
    sent.refresh_from_db()
    assert sent.status == RequestStatus.ACCEPTED
    assert Notification.objects.filter(recipient=mentee_user, kind="mentoring_answer").exists()


def test_decline_with_a_reason_and_withdraw(programme, people):
    mentee_user, _, mentor_user, mentor = people
    sent = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    with pytest.raises(ApplicationError):
        request_decline(actor=mentee_user, request=sent)  # not the mentee's to answer
    request_decline(actor=mentor_user, request=sent, reason="No time this quarter.")
    sent.refresh_from_db()
    assert (sent.status, sent.answer) == (RequestStatus.DECLINED, "No time this quarter.")
    assert Notification.objects.filter(recipient=mentee_user, kind="mentoring_answer").exists()
    again = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    with pytest.raises(ApplicationError):
        request_withdraw(actor=mentor_user, request=again)
    request_withdraw(actor=mentee_user, request=again)
    with pytest.raises(ApplicationError, match="already been answered"):
        request_accept(actor=mentor_user, request=again)
    assert not Pair.objects.exists()


def test_a_second_request_to_the_same_mentor_waits(programme, people):
    mentee_user, _, _, mentor = people
    request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    with pytest.raises(ApplicationError, match="already asked"):
        request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)


def test_a_full_mentor_cannot_accept(programme, people):
    mentee_user, _, mentor_user, mentor = people
    sent = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    pair_start(mentee=sign_up(member(), programme, "mentee"), mentor=mentor, source="matched")
    with pytest.raises(ApplicationError, match="as many people as you said") as refused:
        request_accept(actor=mentor_user, request=sent)
    assert refused.value.status == 409
    sent.refresh_from_db()
    assert sent.status == RequestStatus.PENDING


def test_requests_against_hard_rules_are_refused(programme):
    boss_user, mentee_user, avoider = member(), member(), member()
    boss = sign_up(boss_user, programme, "mentor")
    sign_up(mentee_user, programme, "mentee", line_manager=boss_user)
    with pytest.raises(ApplicationError, match="cannot ask this mentor"):
        request_send(actor=mentee_user, programme=programme, mentor_id=boss.pk)
    other = sign_up(avoider, programme, "mentor", avoid=[mentee_user])
    with pytest.raises(ApplicationError, match="cannot ask this mentor"):
        request_send(actor=mentee_user, programme=programme, mentor_id=other.pk)
    assert not MentorRequest.objects.exists()


def test_no_requests_when_the_programme_does_not_take_them(lead):
    programme = make_programme(lead, allow_requests=False)
    mentee_user = member()
    sign_up(mentee_user, programme, "mentee")
    mentor = sign_up(member(), programme, "mentor")
    with pytest.raises(ApplicationError, match="matches people itself"):
        request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)


def test_only_a_mentee_may_ask_and_nobody_asks_themself(programme):
    both_user = member()
    both = sign_up(both_user, programme, "both")
    with pytest.raises(ApplicationError) as refused:
        request_send(actor=both_user, programme=programme, mentor_id=both.pk)
    assert refused.value.status == 404
    mentor_user = member()
    sign_up(mentor_user, programme, "mentor")
    with pytest.raises(ApplicationError, match="Sign up as a mentee"):
        request_send(actor=mentor_user, programme=programme, mentor_id=both.pk)


# --- pages -------------------------------------------------------------------------------

def test_the_whole_request_journey_through_the_pages(programme, people, client_for):
    mentee_user, mentee, mentor_user, mentor = people
    mentee_client, mentor_client = client_for(mentee_user), client_for(mentor_user)
    ask = reverse("mentoring:request_new", args=[programme.slug, mentor.pk])
    assert "Ask Ben Mentor to be your mentor" in mentee_client.get(ask).content.decode()
    assert mentee_client.post(ask, {"message": "x" * 2001}).status_code == 400
    assert mentee_client.post(ask, {"message": "Hello!"}).status_code == 302
    sent = MentorRequest.objects.get()
    page = mentor_client.get(reverse("mentoring:requests")).content.decode()
    assert "Asha Mentee" in page and "Hello!" in page
    accept = reverse("mentoring:request_accept", args=[sent.pk])
    assert mentee_client.get(accept).status_code == 404  # not the mentee's to answer
    assert "Accept this request?" in mentor_client.get(accept).content.decode()
    assert mentor_client.post(accept).status_code == 302
    assert Pair.objects.filter(mentee=mentee, mentor=mentor).exists()


def test_decline_and_withdraw_pages(programme, people, client_for):
    mentee_user, _, mentor_user, mentor = people
    sent = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    decline = reverse("mentoring:request_decline", args=[sent.pk])
    assert client_for(mentee_user).get(decline).status_code == 404
    assert client_for(mentor_user).post(decline, {"reason": "r" * 301}).status_code == 400
    assert client_for(mentor_user).post(decline, {"reason": "Sorry"}).status_code == 302
    again = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    withdraw = reverse("mentoring:request_withdraw", args=[again.pk])
    assert client_for(mentor_user).get(withdraw).status_code == 404
    assert "Withdraw your request?" in client_for(mentee_user).get(withdraw).content.decode()
    client_for(mentee_user).post(withdraw)
    again.refresh_from_db()
    assert again.status == RequestStatus.WITHDRAWN


def test_other_members_never_see_someone_elses_requests(programme, people, client_for):
    mentee_user, _, _, mentor = people
    sent = request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk,
                        message="Private words")
    stranger = client_for(member())
    assert "Private words" not in stranger.get(reverse("mentoring:requests")).content.decode()
    for name in ("request_accept", "request_decline", "request_withdraw"):
        assert stranger.get(reverse(f"mentoring:{name}", args=[sent.pk])).status_code == 404

"""Ending a pair (either side, with a reason the other is never told) and end-of-cycle
feedback (comments for their author alone)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.mentoring.models import (
    EndReason,
    Feedback,
    PairStatus,
    ParticipantStatus,
)
from upward.web.mentoring.services import pairs as services

from .pairs_factories import make_pair, programme

pytestmark = pytest.mark.django_db


def test_the_end_page_asks_first_and_ending_changes_nothing_until_posted(client_for):
    pair = make_pair()
    page = client_for(pair.mentee.user).get(reverse("mentoring:pair_end", args=[pair.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "End the pair" in html and "Why is the pair ending?" in html
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE


def test_the_mentee_ends_the_pair_and_wants_a_new_match(client_for):
    pair = make_pair()
    mentee, mentor = pair.mentee.user, pair.mentor.user
    response = client_for(mentee).post(reverse("mentoring:pair_end", args=[pair.pk]),
                                       {"reason": "not_a_fit", "rematch_wanted": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring:pair_feedback", args=[pair.pk])
    pair.refresh_from_db()
    assert (pair.status, pair.end_reason, pair.rematch_wanted, pair.ended_by) == \
        (PairStatus.ENDED, "not_a_fit", True, mentee)
    pair.mentee.refresh_from_db()
    assert pair.mentee.status == ParticipantStatus.ACTIVE  # back in the pool
    told = Notification.objects.get(recipient=mentor, kind="mentoring_ended")
    assert mentee.profile.display_name in told.text
    assert "fit" not in told.text.lower() and str(EndReason.NOT_A_FIT.label) not in told.text
    assert not Notification.objects.filter(recipient=mentee, kind="mentoring_ended").exists()


def test_ending_without_wanting_a_new_match_pauses_ones_own_sign_up_only():
    pair = make_pair()
    services.pair_end(actor=pair.mentor.user, pair_id=pair.pk, reason="no_time")
    pair.mentor.refresh_from_db()
    pair.mentee.refresh_from_db()
    assert pair.mentor.status == ParticipantStatus.PAUSED
    assert pair.mentee.status == ParticipantStatus.ACTIVE


def test_the_audit_entry_names_the_pair_but_never_the_reason():
    pair = make_pair()
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="not_a_fit")
    entry = AuditEntry.objects.get(action="mentoring.pair_end")
    assert entry.object_label == f"Mentoring pair #{pair.pk} in {pair.programme.name}"
    recorded = f"{entry.object_label} {entry.detail}".lower()
    assert "fit" not in recorded and "not_a_fit" not in recorded


def test_an_ended_pair_is_read_only_and_cannot_end_twice(client_for):
    pair = make_pair()
    mentee = pair.mentee.user
    services.pair_end(actor=mentee, pair_id=pair.pk, reason="goals_met")
    with pytest.raises(ApplicationError) as refused:
        services.pair_goal_add(actor=mentee, pair_id=pair.pk, text="One more")
    assert refused.value.status == 409
    with pytest.raises(ApplicationError):
        services.pair_end(actor=pair.mentor.user, pair_id=pair.pk, reason="other")
    with pytest.raises(ApplicationError):
        services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=timezone.localdate())
    page = client_for(mentee).get(reverse("mentoring:pair", args=[pair.pk]))
    assert page.status_code == 200
    assert reverse("mentoring:pair_meeting_new", args=[pair.pk]) not in page.content.decode()


def test_ending_needs_a_known_reason(client_for):
    pair = make_pair()
    response = client_for(pair.mentee.user).post(reverse("mentoring:pair_end", args=[pair.pk]),
                                                 {"reason": "bored"})
    assert response.status_code == 400
    with pytest.raises(ApplicationError, match="Select why"):
        services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="bored")
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE


def test_an_ended_pair_stays_in_both_peoples_past_pairs(client_for):
    pair = make_pair()
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="completed")
    for user in (pair.mentee.user, pair.mentor.user):
        page = client_for(user).get(reverse("mentoring:pairs")).content.decode()
        assert "Past pairs" in page and reverse("mentoring:pair", args=[pair.pk]) in page


# --- feedback -------------------------------------------------------------------------------


def test_feedback_is_not_open_while_the_programme_and_pair_run(client_for):
    pair = make_pair(programme(ends_on=timezone.localdate() + timedelta(days=30)))
    with pytest.raises(ApplicationError, match="Feedback opens"):
        services.feedback_give(actor=pair.mentee.user, pair_id=pair.pk, satisfaction=4)
    page = client_for(pair.mentee.user).get(reverse("mentoring:pair_feedback", args=[pair.pk]))
    assert "Feedback opens when the programme ends" in page.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_opens_when_the_programme_ends():
    pair = make_pair(programme(ends_on=timezone.localdate()))
    given = services.feedback_give(actor=pair.mentor.user, pair_id=pair.pk, satisfaction=5,
                                   outcomes=["confidence"], comments="A joy.")
    assert (given.side, given.satisfaction, given.outcomes) == ("mentor", 5, ["confidence"])


def test_both_sides_give_feedback_after_the_end_and_may_change_it(client_for):
    pair = make_pair()
    mentee, mentor = pair.mentee.user, pair.mentor.user
    services.pair_end(actor=mentee, pair_id=pair.pk, reason="goals_met")
    url = reverse("mentoring:pair_feedback", args=[pair.pk])
    response = client_for(mentee).post(url, {"satisfaction": "4",
                                             "outcomes": ["promotion", "confidence"],
                                             "comments": "My private thoughts about Sam"})
    assert response.status_code == 302
    client_for(mentee).post(url, {"satisfaction": "5", "outcomes": ["promotion"]})
    mine = Feedback.objects.get(author=mentee)
    assert (mine.side, mine.satisfaction, mine.outcomes, mine.comments) == \
        ("mentee", 5, ["promotion"], "")
    services.feedback_give(actor=mentor, pair_id=pair.pk, satisfaction=3,
                           comments="Mentor's own note")
    assert Feedback.objects.count() == 2


def test_feedback_comments_are_shown_to_their_author_only(client_for):
    pair = make_pair()
    mentee, mentor = pair.mentee.user, pair.mentor.user
    services.pair_end(actor=mentee, pair_id=pair.pk, reason="goals_met")
    services.feedback_give(actor=mentee, pair_id=pair.pk, satisfaction=2,
                           comments="Sam kept cancelling")
    for name in ("pair", "pair_feedback"):
        other = client_for(mentor).get(reverse(f"mentoring:{name}", args=[pair.pk]))
        assert "Sam kept cancelling" not in other.content.decode()
    own = client_for(mentee).get(reverse("mentoring:pair_feedback", args=[pair.pk]))
    assert "Sam kept cancelling" in own.content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"satisfaction": ""}, "Select how satisfied you are"),
    ({"satisfaction": "9"}, "Select a valid choice"),
    ({"satisfaction": "4", "outcomes": ["fame"]}, "Select a valid choice"),
    ({"satisfaction": "4", "comments": "x" * 2001}, "Comments must be 2,000 characters"),
])
def test_bad_feedback_is_refused_and_saves_nothing(client_for, data, message):
    pair = make_pair()
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="completed")
    response = client_for(pair.mentee.user).post(
        reverse("mentoring:pair_feedback", args=[pair.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_services_check_their_input():
    pair = make_pair()
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="completed")
    for bad in ({"satisfaction": 0}, {"satisfaction": 6}, {"satisfaction": None},
                {"satisfaction": 3, "outcomes": ["fame"]}):
        with pytest.raises(ApplicationError):
            services.feedback_give(actor=pair.mentee.user, pair_id=pair.pk, **bad)
    assert not Feedback.objects.exists()

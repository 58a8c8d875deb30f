"""The pairs API under /api/v1/mentoring/: own pairs only (404 for anyone else's), writes
through the same services as the pages, and leads' health as suppressed tables."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from upward.web.mentoring.models import Feedback, PairStatus
from upward.web.mentoring.services import pairs as services

from .clients import api_client
from .pairs_factories import make_pair, programme

pytestmark = pytest.mark.django_db


def test_a_member_lists_and_reads_their_own_pairs():
    pair = make_pair(lived_experience_wanted=["Care experience"])
    services.meeting_log(actor=pair.mentor.user, pair_id=pair.pk,
                         held_on=timezone.localdate(), minutes=30, notes="Our notes")
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk,
                              at=timezone.now() + timedelta(days=2), place="Room 3")
    make_pair()  # someone else's
    mentee_api = api_client(pair.mentee.user)
    listed = mentee_api.get("/api/v1/mentoring/pairs").json()
    assert [p["id"] for p in listed] == [pair.pk]
    assert listed[0]["your_side"] == "mentee"
    assert listed[0]["partner"] == pair.mentor.user.profile.display_name
    assert listed[0]["next_meeting"]["place"] == "Room 3"
    assert listed[0]["next_meeting"]["ics"].endswith("/next-meeting.ics")
    detail = mentee_api.get(f"/api/v1/mentoring/pairs/{pair.pk}").json()
    assert detail["meetings"][0]["notes"] == "Our notes"
    assert detail["meetings"][0]["logged_by_you"] is False
    assert {"reason": "Lived experience: Care experience", "points": 25} in detail["why_matched"]
    as_mentor = api_client(pair.mentor.user).get(f"/api/v1/mentoring/pairs/{pair.pk}")
    assert "Care experience" not in as_mentor.content.decode()


@pytest.mark.parametrize("who", ["lead", "admin", "member"])
def test_anyone_elses_pair_is_a_404_for_reads_and_writes(personas, who):
    pair = make_pair()
    services.meeting_log(actor=pair.mentee.user, pair_id=pair.pk,
                         held_on=timezone.localdate(), notes="Our notes")
    api = api_client(personas[who])
    read = api.get(f"/api/v1/mentoring/pairs/{pair.pk}")
    assert read.status_code == 404 and b"Our notes" not in read.content
    assert api.get("/api/v1/mentoring/pairs").json() == []
    for path, body in [("meetings", {"held_on": "2025-01-01"}), ("goals", {"text": "x"}),
                       ("end", {"reason": "other"}), ("feedback", {"satisfaction": 3})]:
        response = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/{path}", body,
                            content_type="application/json")
        assert response.status_code == 404, path
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE and pair.meetings.count() == 1
    assert not pair.goals.exists()


def test_logging_a_meeting_and_adding_a_goal():
    pair = make_pair()
    api = api_client(pair.mentee.user)
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    logged = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/meetings",
                      {"held_on": day, "minutes": 50, "notes": "Mock interview"},
                      content_type="application/json")
    assert logged.status_code == 201
    assert logged.json()["notes"] == "Mock interview" and logged.json()["logged_by_you"]
    goal = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/goals", {"text": "Get a G7 role"},
                    content_type="application/json")
    assert goal.status_code == 201 and goal.json()["text"] == "Get a G7 role"
    assert pair.meetings.count() == 1 and pair.goals.count() == 1


def test_bad_input_gets_a_clear_error_and_changes_nothing():
    pair = make_pair()
    api = api_client(pair.mentee.user)
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/meetings", {"held_on": future},
                        content_type="application/json")
    assert response.status_code == 400
    assert "must be today or in the past" in response.json()["detail"]
    response = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/meetings",
                        {"held_on": "2025-01-01", "minutes": 0}, content_type="application/json")
    assert response.status_code == 422 and "minutes" in response.json()["detail"]
    response = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/end", {"reason": "bored"},
                        content_type="application/json")
    assert response.status_code == 422
    assert not pair.meetings.exists()


def test_a_read_only_token_cannot_write():
    pair = make_pair()
    response = api_client(pair.mentee.user, scope="read").post(
        f"/api/v1/mentoring/pairs/{pair.pk}/goals", {"text": "x"},
        content_type="application/json")
    assert response.status_code == 403 and not pair.goals.exists()


def test_ending_then_feedback():
    pair = make_pair()
    api = api_client(pair.mentor.user)
    early = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/feedback", {"satisfaction": 4},
                     content_type="application/json")
    assert early.status_code == 409
    ended = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/end",
                     {"reason": "goals_met", "rematch_wanted": True},
                     content_type="application/json")
    assert ended.status_code == 200
    assert ended.json()["status"] == "ended" and ended.json()["feedback_open"] is True
    given = api.post(f"/api/v1/mentoring/pairs/{pair.pk}/feedback",
                     {"satisfaction": 4, "outcomes": ["skills"], "comments": "Mine"},
                     content_type="application/json")
    assert given.status_code == 200
    assert given.json() == {"satisfaction": 4, "outcomes": ["skills"], "comments": "Mine"}
    assert Feedback.objects.get().side == "mentor"
    listed = api.get("/api/v1/mentoring/pairs?include_ended=true").json()
    assert [p["status"] for p in listed] == ["ended"]
    assert api.get("/api/v1/mentoring/pairs").json() == []


def test_leads_get_suppressed_health_and_nobody_else_does(personas, settings):
    settings.UPWARD_INSIGHTS_K = 5
    prog = programme()
    pair = make_pair(prog)
    services.pair_end(actor=pair.mentee.user, pair_id=pair.pk, reason="not_a_fit")
    services.feedback_give(actor=pair.mentee.user, pair_id=pair.pk, satisfaction=2,
                           comments="Secret comment")
    response = api_client(personas["lead"]).get(f"/api/v1/mentoring/programmes/{prog.slug}/health")
    assert response.status_code == 200
    body = response.json()
    assert body["k"] == 5
    pairs_table = next(t for t in body["tables"] if t["key"] == "pairs")
    assert pairs_table["header"] == ["", "Pairs"]
    assert ["All pairs", "fewer than 5"] in pairs_table["rows"]
    text = response.content.decode()
    assert "Secret comment" not in text and '"2.0"' not in text and '"1"' not in text
    for who in ("member", "admin", "analyst"):
        denied = api_client(personas[who]).get(f"/api/v1/mentoring/programmes/{prog.slug}/health")
        assert denied.status_code == 404

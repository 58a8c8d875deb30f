"""The programmes API under /api/v1/mentoring/: the same rules as the pages."""

from __future__ import annotations

import pytest

from upward.web.mentoring.models import MentorRequest, Pair, Participant

from .clients import api_client as api
from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_programmes_are_listed_for_members_only(lead, personas):
    programme = make_programme(lead)
    listed = api(personas["member"]).get("/api/v1/mentoring/programmes").json()
    assert [p["slug"] for p in listed] == [programme.slug]
    assert listed[0]["signup_open"] is True and "Stakeholder management" in listed[0]["skills"]
    assert api(personas["analyst"]).get("/api/v1/mentoring/programmes").json() == []
    assert api(personas["analyst"]).get(
        f"/api/v1/mentoring/programmes/{programme.slug}").status_code == 404
    assert api(personas["member"]).get("/api/v1/mentoring/programmes/nope").status_code == 404


def test_sign_up_needs_the_write_scope_and_checks_choices(lead, member):
    programme = make_programme(lead)
    url = f"/api/v1/mentoring/programmes/{programme.slug}/sign-up"
    body = {"side": "mentee", "grade": "EO", "goals": ["Confidence"]}
    assert post(api(member, scope="read"), url, body).status_code == 403
    bad = post(api(member), url, {**body, "grade": "Admiral"})
    assert bad.status_code == 400 and "not one of this programme's choices" in bad.json()["detail"]
    assert post(api(member), url, {**body, "shoe_size": 9}).status_code == 422
    done = post(api(member), url, body)
    assert done.status_code == 200 and done.json()["side"] == "mentee"
    assert Participant.objects.get(user=member).goals == ["Confidence"]


def test_suggestions_request_and_accept(lead):
    programme = make_programme(lead)
    mentee_user, mentor_user = member(), member()
    sign_up(mentee_user, programme, "mentee")
    mentor = sign_up(mentor_user, programme, "mentor")
    suggestions = api(mentee_user).get(
        f"/api/v1/mentoring/programmes/{programme.slug}/suggestions").json()
    assert [s["id"] for s in suggestions] == [mentor.pk]
    assert sum(p["points"] for p in suggestions[0]["explanation"]) == suggestions[0]["score"]
    assert api(mentor_user).get(
        f"/api/v1/mentoring/programmes/{programme.slug}/suggestions").status_code == 404
    sent = post(api(mentee_user), "/api/v1/mentoring/requests",
                {"programme": programme.slug, "mentor": mentor.pk, "message": "Hi"})
    assert sent.status_code == 201
    request_id = sent.json()["id"]
    assert post(api(mentee_user), f"/api/v1/mentoring/requests/{request_id}/accept",
                {}).status_code == 404
    accepted = post(api(mentor_user), f"/api/v1/mentoring/requests/{request_id}/accept", {})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Pair.objects.filter(mentor=mentor).exists()
    again = post(api(mentor_user), f"/api/v1/mentoring/requests/{request_id}/decline", {})
    assert again.status_code == 409


def test_decline_through_the_api(lead):
    programme = make_programme(lead)
    mentee_user, mentor_user = member(), member()
    sign_up(mentee_user, programme, "mentee")
    mentor = sign_up(mentor_user, programme, "mentor")
    request_id = post(api(mentee_user), "/api/v1/mentoring/requests",
                      {"programme": programme.slug, "mentor": mentor.pk}).json()["id"]
    declined = post(api(mentor_user), f"/api/v1/mentoring/requests/{request_id}/decline",
                    {"reason": "Busy"})
    assert declined.json()["status"] == "declined"
    assert MentorRequest.objects.get().answer == "Busy"


def test_runs_are_for_leads_only(lead, personas):
    programme = make_programme(lead)
    for _ in range(2):
        sign_up(member(), programme, "mentee")
    sign_up(member(), programme, "mentor", capacity=2)
    someone = personas["member"]
    refused = post(api(someone), "/api/v1/mentoring/runs", {"programme": programme.slug})
    assert refused.status_code == 404
    created = post(api(lead), "/api/v1/mentoring/runs",
                   {"programme": programme.slug, "mode": "stable", "weights": {"goals": 50}})
    assert created.status_code == 201
    run = created.json()
    assert run["status"] == "pending" and run["weights"]["goals"] == 50
    assert len(run["matches"]) == 2 and "pool" not in run["stats"]
    assert api(someone).get(f"/api/v1/mentoring/runs/{run['id']}").status_code == 404
    assert post(api(someone), f"/api/v1/mentoring/runs/{run['id']}/publish", {}) \
        .status_code == 404
    assert api(lead).get(f"/api/v1/mentoring/runs/{run['id']}").json()["id"] == run["id"]
    published = post(api(lead), f"/api/v1/mentoring/runs/{run['id']}/publish", {})
    assert published.json()["status"] == "published"
    assert Pair.objects.count() == 2
    assert post(api(lead), f"/api/v1/mentoring/runs/{run['id']}/publish", {}).status_code == 409
    bad = post(api(lead), "/api/v1/mentoring/runs",
               {"programme": programme.slug, "mode": "random"})
    assert bad.status_code == 400


def test_each_person_lists_only_their_own_requests(lead):
    programme = make_programme(lead)
    mentee_user, mentor_user, stranger = member(), member(), member()
    sign_up(mentee_user, programme, "mentee")
    mentor = sign_up(mentor_user, programme, "mentor")
    post(api(mentee_user), "/api/v1/mentoring/requests",
         {"programme": programme.slug, "mentor": mentor.pk, "message": "Hello"})
    assert [r["message"] for r in api(mentee_user).get("/api/v1/mentoring/requests").json()] \
        == ["Hello"]
    assert len(api(mentor_user).get("/api/v1/mentoring/requests?role=received").json()) == 1
    assert api(mentor_user).get("/api/v1/mentoring/requests?role=sent").json() == []
    assert api(stranger).get("/api/v1/mentoring/requests").json() == []

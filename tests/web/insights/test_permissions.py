"""Every insights page and endpoint: an allowed and a denied case for every role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.accounts.services import token_create

ALL = {"anonymous", "member", "moderator", "lead", "analyst", "judge", "admin"}
SIGNED_IN = ALL - {"anonymous"}
ANALYST = {"analyst"}
TRACKERS = {"lead", "analyst"}
MANAGERS = {"lead", "admin"}
LINK_REVIEWERS = {"admin"}  # not analysts or leads: they would learn who answered


def _pages(snapshot):
    return [
        ("insights:survey", None, SIGNED_IN),
        ("insights:survey_edit", None, SIGNED_IN),
        ("insights:dashboard", None, ANALYST),
        ("insights:snapshots", None, ANALYST),
        ("insights:responses", None, TRACKERS),
        ("insights:questions", None, MANAGERS),
        ("insights:links", None, LINK_REVIEWERS),
        ("insights:report", [snapshot.pk], ANALYST),
        ("insights:export_csv", ["background_profile"], ANALYST),
        ("insights:responses_csv", ["survey_participation"], TRACKERS),
    ]


@pytest.mark.parametrize("role", sorted(ALL))
def test_page_access(role, personas, client_for, snapshot):
    client = client_for(personas.get(role))
    for name, args, allowed in _pages(snapshot):
        url = reverse(name, args=args)
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, f"{role} should see {url}"
        elif role == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403, f"{role} must not see {url}"


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_posts_are_guarded_like_pages(role, personas, client_for, snapshot):
    """A denied role's POST changes nothing."""
    from upward.web.insights.models import OrganisationQuestion, Snapshot, SurveyReminder

    client = client_for(personas[role])
    before = (OrganisationQuestion.objects.count(), Snapshot.objects.count(),
              SurveyReminder.objects.count())
    q = client.post(reverse("insights:questions"),
                    {"text": f"Asked by {role}?", "options": "Yes\nNo"})
    assert q.status_code == (302 if role in MANAGERS else 403)
    r = client.post(reverse("insights:remind"))
    assert r.status_code == (302 if role == "lead" else 403)
    d = client.post(reverse("insights:snapshot_delete", args=[snapshot.pk]))
    assert d.status_code == (302 if role in ANALYST else 403)
    after = (OrganisationQuestion.objects.count(), Snapshot.objects.count(),
             SurveyReminder.objects.count())
    expected = (before[0] + (role in MANAGERS), before[1] - (role in ANALYST),
                before[2] + (role == "lead"))
    assert after == expected


@pytest.mark.parametrize("role", sorted(ALL))
def test_only_administrators_decide_employee_number_links(role, personas, client_for):
    from upward.web.demo.factories import person
    from upward.web.insights.models import SurveyResponse
    from upward.web.insights.services import survey_save

    claimant = person(roles=["member"], email="claimant@northbridge.example")
    claims = [survey_save(user=claimant, answers={"school_type": "independent"},
                          employee_id="E1")]
    other = person(roles=["member"], email="other.claimant@northbridge.example")
    claims.append(survey_save(user=other, answers={"school_type": "independent"},
                              employee_id="E2"))
    client = client_for(personas.get(role))
    requests = [
        client.get(reverse("insights:link_reject", args=[claims[1].pk])),
        client.post(reverse("insights:link_confirm", args=[claims[0].pk])),
        client.post(reverse("insights:link_reject", args=[claims[1].pk]),
                    {"reason": "Not in HR's records."}),
    ]
    statuses = [r.status_code for r in requests]
    if role in LINK_REVIEWERS:
        assert statuses == [200, 302, 302]
    elif role == "anonymous":
        assert statuses == [302, 302, 302]
        assert all(r["Location"].startswith(reverse("accounts:login")) for r in requests)
    else:
        assert statuses == [403, 403, 403], role
    decided = role in LINK_REVIEWERS
    assert list(SurveyResponse.objects.order_by("pk").values_list("link_status", flat=True)) \
        == (["confirmed", "rejected"] if decided else ["pending", "pending"])
    # A claim that is not waiting for a decision, or a response that is not a claim: 404.
    if decided:
        assert client.post(reverse("insights:link_confirm", args=[claims[1].pk])).status_code \
            == 404
        unclaimed = survey_save(user=personas["judge"], answers={"school_type": "independent"})
        assert client.get(reverse("insights:link_reject", args=[unclaimed.pk])).status_code \
            == 404


def test_uploads_belong_to_their_uploader(personas, client_for, django_user_model):
    from upward.web.demo.factories import person

    other = person(roles=["analyst"], email="second.analyst@northbridge.example")
    first = client_for(personas["analyst"])
    response = first.post(reverse("insights:snapshots"), {
        "file": _file(b"Employee ID,Grade,Function,Hourly pay,Start date\n"
                      b"E1,G1,S,14,2020-01-06\n"),
        "snapshot_date": "2025-03-31"})
    assert response.status_code == 302
    url = response["Location"]
    assert first.get(url).status_code == 200
    assert client_for(other).get(url).status_code == 404  # not "forbidden": no existence leak


def _file(content: bytes, name: str = "hr.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def _api(role, personas):
    if role == "anonymous":
        return {}
    _, secret = token_create(user=personas[role], name="matrix", scope="write")
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize("role", sorted(ALL))
def test_api_access(role, personas, client, snapshot):
    headers = _api(role, personas)
    endpoints = [
        ("get", "/api/v1/insights/survey", SIGNED_IN, {}),
        ("put", "/api/v1/insights/survey", SIGNED_IN,
         {"data": '{"answers": {"school_type": "prefer_not_to_say"}}',
          "content_type": "application/json"}),
        ("get", "/api/v1/insights/responses", TRACKERS, {}),
        ("get", "/api/v1/insights/snapshots", ANALYST, {}),
        ("get", f"/api/v1/insights/snapshots/{snapshot.pk}", ANALYST, {}),
        ("get", f"/api/v1/insights/snapshots/{snapshot.pk}/tables/pay_gap", ANALYST, {}),
        ("get", f"/api/v1/insights/snapshots/{snapshot.pk}/tables/pay_gap?format=csv",
         ANALYST, {}),
        ("get", "/api/v1/insights/trends", ANALYST, {}),
        ("get", "/api/v1/insights/organisation-questions", ANALYST, {}),
        ("delete", "/api/v1/insights/survey", SIGNED_IN, {}),
    ]
    for method, path, allowed, kwargs in endpoints:
        response = getattr(client, method)(path, headers=headers, **kwargs)
        if role in allowed:
            assert response.status_code in (200, 204), (role, path, response.content[:200])
        elif role == "anonymous":
            assert response.status_code == 401, path
        else:
            assert response.status_code == 403, (role, path)
            assert "detail" in response.json()


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_api_import_and_delete_are_for_analysts(role, personas, client, snapshot):
    from upward.web.insights.models import Snapshot

    headers = _api(role, personas)
    response = client.post("/api/v1/insights/snapshots", headers=headers, data={
        "file": _file(b"Employee ID,Grade,Function,Hourly pay,Start date\n"
                      b"E1,G1,S,14,2020-01-06\n"),
        "snapshot_date": "2024-03-31"})
    assert response.status_code == (201 if role in ANALYST else 403)
    removed = client.delete(f"/api/v1/insights/snapshots/{snapshot.pk}", headers=headers)
    assert removed.status_code == (204 if role in ANALYST else 403)
    assert Snapshot.objects.filter(pk=snapshot.pk).exists() == (role not in ANALYST)

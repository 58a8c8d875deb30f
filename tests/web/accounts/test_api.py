"""The JSON API: Bearer tokens, the `me` endpoints and one error shape."""

from __future__ import annotations

import pytest

from upward.web.accounts.models import Profile
from upward.web.accounts.services import token_create, token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(member):
    _, secret = token_create(user=member, name="tests")
    return {"Authorization": f"Bearer {secret}"}


def test_me_read(client, member, auth):
    data = client.get("/api/v1/me", headers=auth).json()
    assert data["email"] == member.email
    assert data["roles"] == ["member"]
    assert data["display_name"] == "Member Persona"
    assert data["visibility"]["bio"] == "network"


def test_me_update(client, member, auth):
    response = client.patch("/api/v1/me", headers=auth, content_type="application/json",
                            data={"job_title": "Risk analyst", "ask_me_about": ["risk"],
                                  "visibility": {"bio": "only_me"}})
    assert response.status_code == 200, response.content
    assert response.json()["job_title"] == "Risk analyst"
    profile = Profile.objects.get(user=member)
    assert profile.ask_me_about == ["risk"] and profile.visibility["bio"] == "only_me"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"},
                                     {"Authorization": "Basic dXNlcjpwYXNz"},
                                     {"Authorization": "Bearer upw_forged"}])
def test_without_a_valid_token_is_401_with_detail(client, headers):
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


def test_session_cookie_is_not_api_auth(client, member):
    client.force_login(member)
    assert client.get("/api/v1/me").status_code == 401


def test_revoked_token_stops_working(client, member):
    token, secret = token_create(user=member, name="temp")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    token_revoke(user=member, token_id=token.pk)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"bio": "x" * 2001}, 422, "bio"),
        ({"display_name": ""}, 422, "display_name"),
        ({"salary": 100}, 422, "salary"),
        ({"visibility": {"bio": "everyone"}}, 422, "visibility"),
        ({"visibility": {"shoe_size": "only_me"}}, 400, "not a profile field"),
        ({"ask_me_about": ["x" * 41]}, 400, "longer than 40"),
        ({"job_title": 12}, 422, "job_title"),
    ],
)
def test_bad_update_gets_detail_and_changes_nothing(client, member, auth, body, status, fragment):
    before = Profile.objects.get(user=member)
    response = client.patch("/api/v1/me", headers=auth, content_type="application/json",
                            data=body)
    assert response.status_code == status
    assert fragment in response.json()["detail"]
    after = Profile.objects.get(user=member)
    assert (after.bio, after.display_name, after.visibility, after.ask_me_about) == (
        before.bio, before.display_name, before.visibility, before.ask_me_about)


def test_malformed_json_gets_detail(client, auth):
    response = client.patch("/api/v1/me", headers=auth, content_type="application/json",
                            data="{not json")
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_unknown_endpoint_is_json_404(client, auth):
    response = client.get("/api/v1/nothing-here", headers=auth)
    assert response.status_code == 404


def test_openapi_schema_describes_bearer_auth_and_me(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())

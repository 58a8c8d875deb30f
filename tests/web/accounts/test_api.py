"""The JSON API: Bearer tokens, the `me` endpoints and one error shape."""

from __future__ import annotations

import pytest

from upward.web.accounts.models import Profile
from upward.web.accounts.services import token_create, token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(member):
    _, secret = token_create(user=member, name="tests", scope="write")
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


# --- token scopes ----------------------------------------------------------------------------

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _write_operations():
    """Every (method, path) of every router that changes something, path parameters
    filled in with 1."""
    import re

    from upward.web.core.api import api

    found = []
    for _, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in set(operation.methods) & WRITE_METHODS:
                    found.append((method, "/api/v1" + re.sub(r"\{[^}]+\}", "1", path)))
    return sorted(found)


@pytest.fixture
def read_only(member):
    _, secret = token_create(user=member, name="report script")
    return {"Authorization": f"Bearer {secret}"}


def test_new_tokens_are_read_only_and_may_read(client, read_only):
    assert client.get("/api/v1/me", headers=read_only).status_code == 200


def test_a_read_token_cannot_change_anything_and_is_told_why(client, member, read_only):
    response = client.patch("/api/v1/me", headers=read_only, content_type="application/json",
                            data={"job_title": "Changed by a read token"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert "Read and write" in response.json()["detail"]
    assert Profile.objects.get(user=member).job_title != "Changed by a read token"


def test_every_write_endpoint_of_every_router_refuses_a_read_token(client, read_only):
    operations = _write_operations()
    assert {path.split("/")[3] for _, path in operations} >= {"me", "insights", "stories",
                                                              "threads", "flags"}
    for method, path in operations:
        response = client.generic(method, path, data="{}", content_type="application/json",
                                  headers=read_only)
        assert response.status_code == 403, (method, path, response.content)
        assert "read-only" in response.json()["detail"], (method, path)


def test_a_write_token_may_change_things(client, member):
    _, secret = token_create(user=member, name="sync script", scope="write")
    response = client.patch("/api/v1/me", headers={"Authorization": f"Bearer {secret}"},
                            content_type="application/json", data={"job_title": "Risk lead"})
    assert response.status_code == 200
    assert Profile.objects.get(user=member).job_title == "Risk lead"


def test_an_unknown_scope_is_refused_and_creates_nothing(member):
    from upward.web.accounts.models import AccessToken
    from upward.web.core.errors import ApplicationError

    with pytest.raises(ApplicationError, match="Scope: choose read or write"):
        token_create(user=member, name="typo", scope="admin")
    assert not AccessToken.objects.filter(user=member).exists()


def test_tokens_page_creates_read_only_by_default_and_shows_the_scope(client, member):
    from django.urls import reverse

    from upward.web.accounts.models import AccessToken

    client.force_login(member)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert 'value="read"' in page and 'value="write"' in page
    client.post(reverse("accounts:tokens"), {"name": "Report", "days": "30", "scope": "read"})
    client.post(reverse("accounts:tokens"), {"name": "Sync", "days": "30", "scope": "write"})
    client.post(reverse("accounts:tokens"), {"name": "Unsaid", "days": "30"})
    scopes = dict(AccessToken.objects.filter(user=member).values_list("name", "scope"))
    assert scopes == {"Report": "read", "Sync": "write", "Unsaid": "read"}
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "Read only" in page and "Read and write" in page
    response = client.post(reverse("accounts:tokens"), {"name": "Bad", "scope": "admin"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not AccessToken.objects.filter(name="Bad").exists()

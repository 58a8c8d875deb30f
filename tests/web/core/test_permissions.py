"""The permission matrix: every page and API endpoint, an allowed and a denied case per role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.accounts.services import token_create

ALL = {"anonymous", "member", "moderator", "lead", "analyst", "judge", "admin"}
SIGNED_IN = ALL - {"anonymous"}
NETWORK = {"member", "moderator", "lead"}

# (url name, args builder, who may GET it). Args may depend on the personas.
PAGES = [
    ("core:home", None, ALL),
    ("core:healthz", None, ALL),
    ("core:audit_log", None, {"admin"}),
    ("accounts:me", None, SIGNED_IN),
    ("accounts:profile_edit", None, SIGNED_IN),
    ("accounts:career_add", None, SIGNED_IN),
    ("accounts:tokens", None, SIGNED_IN),
    ("accounts:my_data", None, SIGNED_IN),
    ("accounts:password_change", None, SIGNED_IN),
    ("accounts:people", None, NETWORK),
    ("accounts:person", lambda p: [p["member"].profile.pk], NETWORK),
    ("accounts:manage_people", None, {"admin"}),
    ("accounts:manage_roles", lambda p: [p["member"].pk], {"admin"}),
    ("accounts:manage_invitations", None, {"admin", "lead"}),
]


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_page_access(role, name, args, allowed, personas, client_for):
    url = reverse(name, args=args(personas) if args else None)
    response = client_for(personas.get(role)).get(url)
    if role in allowed:
        assert response.status_code == 200, f"{role} should see {url}"
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (403, 404), f"{role} must not see {url}"
        assert response.status_code != 200


def test_person_page_is_404_for_a_non_network_profile(personas, client_for):
    # An analyst is not a network member: members cannot look them up by id,
    # and the answer does not reveal that the profile exists.
    url = reverse("accounts:person", args=[personas["analyst"].profile.pk])
    assert client_for(personas["member"]).get(url).status_code == 404


@pytest.mark.parametrize("role", sorted(ALL))
def test_sign_in_page_is_for_anonymous_visitors(role, personas, client_for):
    response = client_for(personas.get(role)).get(reverse("accounts:login"))
    assert response.status_code == (200 if role == "anonymous" else 302)


API = [
    ("get", "/api/v1/", ALL),
    ("get", "/api/v1/openapi.json", ALL),
    ("get", "/api/v1/me", SIGNED_IN),
    ("patch", "/api/v1/me", SIGNED_IN),
]


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("method", "path", "allowed"), API, ids=[f"{m} {p}" for m, p, _ in API])
def test_api_access(role, method, path, allowed, personas, client):
    headers = {}
    if role != "anonymous":
        _, secret = token_create(user=personas[role], name="matrix")
        headers["Authorization"] = f"Bearer {secret}"
    kwargs = {"content_type": "application/json", "data": "{}"} if method == "patch" else {}
    response = getattr(client, method)(path, headers=headers, **kwargs)
    if role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 401
        assert "detail" in response.json()


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("accounts:manage_invitations", {"admin", "lead"}), ("accounts:manage_roles", {"admin"})],
)
@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_management_posts(role, name, allowed, personas, client_for):
    """Writes are guarded like reads: a denied role's POST changes nothing."""
    from upward.web.accounts.models import Invitation, RoleAssignment

    target = personas["judge"]
    if name == "accounts:manage_roles":
        url, data = reverse(name, args=[target.pk]), {"roles": ["judge", "analyst"]}
    else:
        url, data = reverse(name), {"email": f"new-{role}@northbridge.example", "roles": ["member"]}
    before = (Invitation.objects.count(), RoleAssignment.objects.count())
    response = client_for(personas[role]).post(url, data)
    if role in allowed:
        assert response.status_code in (200, 302)
        assert not response.context or not response.context.get("form", None) or \
            not response.context["form"].errors
        assert (Invitation.objects.count(), RoleAssignment.objects.count()) != before
    else:
        assert response.status_code == 403
        assert (Invitation.objects.count(), RoleAssignment.objects.count()) == before

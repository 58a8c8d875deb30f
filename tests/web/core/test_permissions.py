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
        _, secret = token_create(user=personas[role], name="matrix", scope="write")
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


def _own_post_targets(personas, role):
    """POST-only endpoints acting on the persona's own things, and what they should change."""
    from upward.web.accounts.services import career_entry_add

    user = personas[role]
    entry = career_entry_add(profile=user.profile, title="Intern", start_year=2019)
    token, _ = token_create(user=user, name="to revoke")
    return [
        (reverse("accounts:career_remove", args=[entry.pk]),
         lambda: not type(entry).objects.filter(pk=entry.pk).exists()),
        (reverse("accounts:token_revoke", args=[token.pk]),
         lambda: type(token).objects.get(pk=token.pk).revoked_at is not None),
    ]


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_own_post_endpoints_allowed_for_the_owner(role, personas, client_for):
    for url, changed in _own_post_targets(personas, role):
        response = client_for(personas[role]).post(url)
        assert response.status_code == 302 and changed(), url


@pytest.mark.parametrize("role", sorted(ALL))
def test_own_post_endpoints_denied_to_everyone_else(role, personas, client_for):
    # The targets belong to the judge: nobody else, anonymous included, can touch them.
    owner = "judge" if role != "judge" else "member"
    for url, changed in _own_post_targets(personas, owner):
        response = client_for(personas.get(role)).post(url)
        expected = 302 if role == "anonymous" else 404
        assert response.status_code == expected, url
        assert not changed(), url
        if role == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", sorted(ALL))
def test_invitation_revoke_by_role(role, personas, client_for):
    from upward.web.accounts.models import Invitation
    from upward.web.accounts.services import invitation_create

    invitation, _ = invitation_create(actor=personas["admin"], email="pending@northbridge.example")
    response = client_for(personas.get(role)).post(
        reverse("accounts:invitation_revoke", args=[invitation.pk]))
    revoked = Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    if role in {"admin", "lead"}:
        assert response.status_code == 302 and revoked
    else:
        assert response.status_code in (302, 403) and not revoked


@pytest.mark.parametrize("role", sorted(ALL))
def test_data_download_and_delete_need_sign_in(role, personas, client_for):
    from upward.web.accounts.models import User

    client = client_for(personas.get(role))
    download = client.post(reverse("accounts:my_data"))
    if role == "anonymous":
        assert download.status_code == 302
    else:
        assert download.json()["account"]["email"] == personas[role].email
    before = User.objects.count()
    response = client.post(reverse("accounts:account_delete"), {"password": "wrong"})
    assert response.status_code == (302 if role == "anonymous" else 400)
    assert User.objects.count() == before

"""Accounts services: profiles, visibility, roles, invitations, sign-up, tokens, privacy."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from upward.web.accounts import selectors, services
from upward.web.accounts.models import (
    AccessToken,
    CareerEntry,
    Invitation,
    Profile,
    RoleAssignment,
    User,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_users_are_keyed_by_email_case_insensitively():
    user = User.objects.create_user("Jo.Bloggs@Northbridge.Example", "a long passphrase here")
    assert user.email == "jo.bloggs@northbridge.example"
    assert User.USERNAME_FIELD == "email"


# --- profiles and visibility ---------------------------------------------------------


def test_profile_update_saves_fields_topics_and_visibility(member):
    profile = services.profile_update(
        profile=member.profile, job_title="Data analyst", bio="Started on the tills.",
        ask_me_about="apprenticeships,  Apprenticeships , part-time study",
        visibility={"bio": "only_me"},
    )
    assert profile.job_title == "Data analyst"
    assert profile.ask_me_about == ["apprenticeships", "part-time study"]
    assert profile.visibility["bio"] == "only_me"
    assert profile.visibility["team"] == "organisation"  # others unchanged


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"bio": "x" * 2001}, "About me"),
        ({"job_title": "x" * 101}, "Job title"),
        ({"display_name": "   "}, "Display name"),
        ({"ask_me_about": ["x" * 41]}, "longer than 40"),
        ({"ask_me_about": [f"topic {i}" for i in range(11)]}, "at most 10"),
        ({"visibility": {"bio": "everyone-on-earth"}}, "not a level"),
        ({"visibility": {"salary": "only_me"}}, "not a profile field"),
        ({"favourite_colour": "blue"}, "Unknown profile field"),
    ],
)
def test_bad_profile_input_is_refused_and_changes_nothing(member, changes, message):
    before = Profile.objects.get(pk=member.profile.pk)
    with pytest.raises(ApplicationError, match=message):
        services.profile_update(profile=member.profile, **{"pronouns": "they/them", **changes})
    after = Profile.objects.get(pk=member.profile.pk)
    assert (after.pronouns, after.job_title, after.bio, after.visibility) == (
        before.pronouns, before.job_title, before.bio, before.visibility)


def test_visibility_per_field_per_viewer(personas):
    owner = personas["member"]
    services.profile_update(
        profile=owner.profile, bio="My story", job_title="Paralegal", location="Hull",
        visibility={"bio": "only_me", "job_title": "organisation", "location": "network"},
    )
    owner.profile.refresh_from_db()
    seen = {
        name: selectors.profile_for_viewer(profile=owner.profile, viewer=personas[name]).fields
        for name in ("member", "moderator", "analyst")
    }
    assert seen["member"]["bio"] == "My story"  # the owner sees everything
    assert "bio" not in seen["moderator"] and "bio" not in seen["analyst"]
    assert seen["moderator"]["location"] == "Hull"  # network member
    assert "location" not in seen["analyst"]  # signed in, not in the network
    assert seen["analyst"]["job_title"] == "Paralegal"


def test_directory_search_does_not_match_hidden_fields(personas):
    owner = personas["lead"]
    services.profile_update(profile=owner.profile, location="Sunderland",
                            visibility={"location": "only_me"})
    found = selectors.people_visible_to(viewer=personas["member"], query="Sunderland")
    assert owner.profile not in found
    services.profile_update(profile=owner.profile, visibility={"location": "network"})
    assert owner.profile in selectors.people_visible_to(viewer=personas["member"],
                                                        query="Sunderland")


def test_directory_search_finds_ask_me_about_topics_only_where_shared(personas):
    owner = personas["lead"]
    services.profile_update(profile=owner.profile, ask_me_about=["Apprenticeships", "Café culture"],
                            visibility={"ask_me_about": "network"})
    member = personas["member"]
    for query in ("apprenticeships", "APPRENTICE", "café", "Café culture"):
        assert owner.profile in selectors.people_visible_to(viewer=member, query=query), query
    assert personas["moderator"].profile not in selectors.people_visible_to(
        viewer=member, query="apprenticeships")
    services.profile_update(profile=owner.profile, visibility={"ask_me_about": "only_me"})
    assert owner.profile not in selectors.people_visible_to(viewer=member,
                                                            query="apprenticeships")


def test_directory_lists_network_members_only_and_only_to_them(personas):
    listed = set(selectors.people_visible_to(viewer=personas["member"]))
    assert personas["analyst"].profile not in listed
    assert personas["moderator"].profile in listed
    assert not selectors.people_visible_to(viewer=personas["analyst"]).exists()


def test_career_entries_validate_years(member):
    entry = services.career_entry_add(profile=member.profile, title="Paralegal",
                                      start_year=2018, end_year=2021)
    assert str(entry) == "Paralegal (2018–2021)"
    with pytest.raises(ApplicationError, match="before the start"):
        services.career_entry_add(profile=member.profile, title="X", start_year=2020,
                                  end_year=2019)
    with pytest.raises(ApplicationError, match="future"):
        services.career_entry_add(profile=member.profile, title="X",
                                  start_year=timezone.now().year + 1)
    with pytest.raises(ApplicationError, match="Career entry"):
        services.career_entry_add(profile=member.profile, title="x" * 101, start_year=2019)
    assert CareerEntry.objects.filter(profile=member.profile).count() == 1


def test_career_entry_of_someone_else_cannot_be_removed(member, lead):
    entry = services.career_entry_add(profile=lead.profile, title="Analyst", start_year=2019)
    with pytest.raises(ApplicationError):
        services.career_entry_remove(profile=member.profile, entry_id=entry.pk)
    assert CareerEntry.objects.filter(pk=entry.pk).exists()


# --- roles -----------------------------------------------------------------------------


def test_a_person_can_hold_several_roles_and_changes_are_audited(admin, member):
    services.roles_set(actor=admin, user=member, roles=["member", "judge", "analyst"])
    assert set(member.role_assignments.values_list("role", flat=True)) == {
        "member", "judge", "analyst"}
    services.roles_set(actor=admin, user=member, roles=["member"])
    actions = list(AuditEntry.objects.filter(object_id=str(member.pk))
                   .values_list("action", "detail"))
    assert ("role.grant", {"role": "judge"}) in actions
    assert ("role.revoke", {"role": "analyst"}) in actions


def test_the_last_administrator_cannot_lose_the_role(admin):
    with pytest.raises(ApplicationError, match="last administrator"):
        services.role_revoke(actor=admin, user=admin, role="admin")
    assert RoleAssignment.objects.filter(user=admin, role="admin").exists()


def test_unknown_role_is_refused(admin, member):
    with pytest.raises(ApplicationError, match="Unknown role"):
        services.role_grant(actor=admin, user=member, role="overlord")


# --- invitations -----------------------------------------------------------------------------


def test_invitation_round_trip(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, link = services.invitation_create(actor=admin, email="New.Person@Example.org",
                                                      roles=["member", "judge"])
    assert invitation.email == "new.person@example.org"
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in invitation.token_hash  # only a hash is stored
    user = services.invitation_accept(token=token, display_name="New Person",
                                      password="a long enough passphrase")
    assert set(user.role_assignments.values_list("role", flat=True)) == {"member", "judge"}
    assert user.profile.display_name == "New Person"
    with pytest.raises(ApplicationError, match="accepted"):
        services.invitation_accept(token=token, display_name="Again",
                                   password="a long enough passphrase")


@pytest.mark.parametrize("tamper", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
                                    lambda t: t + "x", lambda t: "", lambda t: t[:10]])
def test_tampered_invitation_is_refused_clearly(admin, tamper):
    _, link = services.invitation_create(actor=admin, email="someone@example.org")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    users = User.objects.count()
    with pytest.raises(ApplicationError, match="not valid"):
        services.invitation_accept(token=tamper(token), display_name="Mallory",
                                   password="a long enough passphrase")
    assert User.objects.count() == users


def test_expired_and_revoked_invitations_are_refused(admin):
    invitation, link = services.invitation_create(actor=admin, email="late@example.org")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ApplicationError, match="expired"):
        services.invitation_for_token(token=token)
    invitation2, link2 = services.invitation_create(actor=admin, email="revoked@example.org")
    services.invitation_revoke(actor=admin, invitation=invitation2)
    with pytest.raises(ApplicationError, match="revoked"):
        services.invitation_for_token(token=link2.rstrip("/").rsplit("/", 1)[-1])


def test_leads_invite_members_only(lead):
    with pytest.raises(ApplicationError, match="members only"):
        services.invitation_create(actor=lead, email="x@example.org", roles=["admin"])
    assert not Invitation.objects.exists()


def test_weak_password_on_acceptance_changes_nothing(admin):
    invitation, link = services.invitation_create(actor=admin, email="weak@example.org")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(ApplicationError):
        services.invitation_accept(token=token, display_name="Weak", password="password")
    assert not User.objects.filter(email="weak@example.org").exists()
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


# --- sign-up by allowed domain ---------------------------------------------------------------


def test_domain_sign_up_needs_the_emailed_link(settings, django_capture_on_commit_callbacks):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_by_domain(email="ann.lee@northbridge.example", display_name="Ann Lee",
                                  password="a long enough passphrase")
    user = User.objects.get(email="ann.lee@northbridge.example")
    assert not user.is_active
    token = mail.outbox[-1].body.split("/accounts/activate/")[1].split("/")[0]
    with pytest.raises(ApplicationError, match="not valid"):
        services.signup_activate(token=token[:-2] + "xx")
    assert services.signup_activate(token=token).is_active
    assert user.role_assignments.filter(role="member").exists()


def test_sign_up_refuses_other_domains(settings):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    with pytest.raises(ApplicationError, match="work addresses at: northbridge.example"):
        services.signup_by_domain(email="eve@gmail.example", display_name="Eve",
                                  password="a long enough passphrase")
    assert not User.objects.filter(email="eve@gmail.example").exists()


def test_sign_up_does_not_reveal_existing_accounts(settings, member,
                                                    django_capture_on_commit_callbacks):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    old_password = member.password
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_by_domain(email=member.email, display_name="Impostor",
                                  password="a long enough passphrase")
    member.refresh_from_db()
    assert member.password == old_password
    assert "already have an account" in mail.outbox[-1].body


def test_activation_link_expires(settings, member):
    token = signing.dumps({"u": member.pk, "e": member.email}, salt=services.ACTIVATION_SALT)
    settings.SECRET_KEY = settings.SECRET_KEY  # same key, so only age matters
    with pytest.raises(ApplicationError, match="expired"):
        from unittest import mock

        with mock.patch("django.core.signing.time.time", return_value=10**10):
            services.signup_activate(token=token)


# --- tokens ----------------------------------------------------------------------------------


def test_tokens_are_stored_hashed_and_can_be_revoked(member):
    token, secret = services.token_create(user=member, name="Report script")
    assert secret.startswith("upw_") and secret not in token.token_hash
    assert services.token_authenticate(secret=secret).user == member
    assert services.token_authenticate(secret=secret + "x") is None
    services.token_revoke(user=member, token_id=token.pk)
    assert services.token_authenticate(secret=secret) is None


def test_expired_token_and_inactive_user_are_refused(member):
    token, secret = services.token_create(user=member, name="Old", days=1)
    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(1))
    assert services.token_authenticate(secret=secret) is None
    _, secret2 = services.token_create(user=member, name="New")
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert services.token_authenticate(secret=secret2) is None


def test_token_of_another_person_cannot_be_revoked(member, lead):
    token, secret = services.token_create(user=lead, name="Lead's")
    with pytest.raises(ApplicationError):
        services.token_revoke(user=member, token_id=token.pk)
    assert services.token_authenticate(secret=secret).user == lead


# --- download my data and delete my account --------------------------------------------------


def test_personal_data_export_has_everything_and_no_secrets(member):
    services.profile_update(profile=member.profile, bio="Grew up in Hull.")
    services.career_entry_add(profile=member.profile, title="Paralegal", start_year=2019)
    _, secret = services.token_create(user=member, name="Script")
    data = services.personal_data_export(user=member)
    text = json.dumps(data)
    assert data["account"]["email"] == member.email
    assert data["profile"]["bio"] == "Grew up in Hull."
    assert data["profile"]["career"][0]["title"] == "Paralegal"
    assert data["api_tokens"][0]["name"] == "Script"
    assert secret not in text and "token_hash" not in text
    assert AuditEntry.objects.filter(action="account.export", actor_id=member.pk).exists()


def test_account_deletion_needs_the_password_and_erases(member):
    with pytest.raises(ApplicationError, match="not your current password"):
        services.account_delete(user=member, password="wrong")
    assert User.objects.filter(pk=member.pk).exists()
    pk, email = member.pk, member.email
    services.account_delete(user=member, password="correct horse battery")
    assert not User.objects.filter(pk=pk).exists()
    assert not Profile.objects.filter(user_id=pk).exists()
    entry = AuditEntry.objects.get(action="account.delete", object_id=str(pk))
    assert email not in (entry.actor_label + entry.object_label)


def test_the_last_administrator_cannot_delete_their_account(admin):
    with pytest.raises(ApplicationError, match="last administrator"):
        services.account_delete(user=admin, password="correct horse battery")
    assert User.objects.filter(pk=admin.pk).exists()

"""Who may see and manage which invitations: an allowed and a denied case per rule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.accounts import selectors, services
from upward.web.accounts.models import Invitation
from upward.web.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations(admin, lead):
    elevated, _ = services.invitation_create(actor=admin, email="new.analyst@example.org",
                                             roles=["analyst", "member"])
    by_admin, _ = services.invitation_create(actor=admin, email="new.member@example.org")
    by_lead, _ = services.invitation_create(actor=lead, email="lead.invitee@example.org")
    return {"elevated": elevated, "by_admin": by_admin, "by_lead": by_lead}


def test_a_lead_lists_member_invitations_but_not_elevated_ones(lead, invitations, client_for):
    page = client_for(lead).get(reverse("accounts:manage_invitations")).content.decode()
    assert "new.member@example.org" in page and "lead.invitee@example.org" in page
    assert "new.analyst@example.org" not in page
    assert reverse("accounts:invitation_revoke", args=[invitations["elevated"].pk]) not in page


def test_an_administrator_lists_every_invitation(admin, invitations, client_for):
    page = client_for(admin).get(reverse("accounts:manage_invitations")).content.decode()
    for email in ("new.analyst@example.org", "new.member@example.org",
                  "lead.invitee@example.org"):
        assert email in page


def test_a_lead_cannot_revoke_an_elevated_invitation(lead, invitations, client_for):
    elevated = invitations["elevated"]
    response = client_for(lead).post(reverse("accounts:invitation_revoke", args=[elevated.pk]))
    assert response.status_code == 404
    assert Invitation.objects.get(pk=elevated.pk).status == "pending"
    with pytest.raises(ApplicationError) as error:
        services.invitation_revoke(actor=lead, invitation=elevated)
    assert error.value.status == 404
    assert Invitation.objects.get(pk=elevated.pk).status == "pending"


def test_a_lead_revokes_a_member_invitation(lead, invitations, client_for):
    by_admin = invitations["by_admin"]
    response = client_for(lead).post(reverse("accounts:invitation_revoke", args=[by_admin.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get(pk=by_admin.pk).status == "revoked"


def test_an_administrator_revokes_an_elevated_invitation(admin, invitations, client_for):
    elevated = invitations["elevated"]
    response = client_for(admin).post(reverse("accounts:invitation_revoke", args=[elevated.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get(pk=elevated.pk).status == "revoked"


def test_a_lead_is_offered_only_the_member_role(lead, admin, client_for):
    lead_page = client_for(lead).get(reverse("accounts:manage_invitations")).content.decode()
    assert 'value="member"' in lead_page and 'value="admin"' not in lead_page
    admin_page = client_for(admin).get(reverse("accounts:manage_invitations")).content.decode()
    assert 'value="admin"' in admin_page


def test_invitations_visible_to_other_roles_is_empty(personas, invitations):
    for name in ("member", "moderator", "analyst", "judge"):
        assert not selectors.invitations_visible_to(viewer=personas[name]).exists()

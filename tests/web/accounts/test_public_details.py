"""Accounts says when a person's public details change (core.people.public_details_changed),
so other apps can forget what they built from them without importing accounts' models."""

from __future__ import annotations

import pytest
from django.utils import timezone

from upward.web.accounts.services import (
    career_entry_add,
    career_entry_remove,
    profile_update,
)
from upward.web.core.people import public_details_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    received = []

    def receiver(sender, user_id=None, **kwargs):
        received.append((sender.__name__, user_id))

    public_details_changed.connect(receiver, dispatch_uid="test-public-details")
    yield received
    public_details_changed.disconnect(dispatch_uid="test-public-details")


def test_profile_and_career_changes_are_announced(personas, heard):
    member = personas["member"]
    profile_update(profile=member.profile, display_name="New Name")
    entry = career_entry_add(profile=member.profile, title="Cashier", start_year=2010)
    career_entry_remove(profile=member.profile, entry_id=entry.pk)
    assert heard == [("Profile", member.pk), ("CareerEntry", member.pk),
                     ("CareerEntry", member.pk)]


def test_deleting_an_account_is_announced(personas, heard):
    member = personas["member"]
    member_id = member.pk
    member.delete()
    assert ("User", member_id) in heard and ("Profile", member_id) in heard


def test_signing_in_is_not_a_change(personas, heard):
    member = personas["member"]
    member.last_login = timezone.now()
    member.save(update_fields=["last_login"])
    assert heard == []

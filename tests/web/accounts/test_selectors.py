"""Accounts' selectors of people for other apps (community, insights)."""

from __future__ import annotations

import pytest

from upward.web.accounts.selectors import (
    active_people,
    active_person_by_email,
    active_profile,
    network_member_by_handle,
    network_members,
    person_row,
)
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def _gone(email: str, roles=("member",)):
    user = person(roles=roles, email=email)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def test_network_members_are_active_people_with_a_network_role_each_once(personas):
    _gone("left@northbridge.example")
    members = list(network_members().order_by("email"))
    # The moderator and the lead hold two network roles each: listed once all the same.
    assert [user.email for user in members] == [
        "lead@northbridge.example", "member@northbridge.example",
        "moderator@northbridge.example"]
    assert active_people().count() == len(personas)


def test_network_member_by_handle_is_the_mention_of_a_member(personas):
    assert network_member_by_handle("member") == personas["member"]
    assert network_member_by_handle("MODERATOR") == personas["moderator"]
    assert network_member_by_handle("analyst") is None  # not in the network
    assert network_member_by_handle("memb") is None  # the handle is the whole local part
    _gone("left@northbridge.example")
    assert network_member_by_handle("left") is None


def test_active_person_by_email_ignores_case_and_spaces(personas):
    assert active_person_by_email(" Analyst@Northbridge.EXAMPLE ") == personas["analyst"]
    assert active_person_by_email("nobody@northbridge.example") is None
    assert active_person_by_email("") is None
    _gone("left@northbridge.example")
    assert active_person_by_email("left@northbridge.example") is None


def test_active_profile_only_of_an_active_account(personas):
    profile = personas["judge"].profile
    assert active_profile(profile.pk) == profile
    gone = _gone("left@northbridge.example")
    assert active_profile(gone.profile.pk) is None
    assert active_profile(10**9) is None


def test_person_row_reads_values_of_one_account(personas):
    assert list(person_row(personas["lead"].pk).values_list("profile__display_name",
                                                            flat=True)) == ["Lead Persona"]

"""factory-boy factories for people. Tests and the demo seed both build on these;
later features add their own factories next to these."""

from __future__ import annotations

import random
import unicodedata

import factory
from factory.django import DjangoModelFactory

from upward.web.accounts.models import CareerEntry, Profile, RoleAssignment, User
from upward.web.demo import content

# Hashing a password with argon2 takes tens of milliseconds; factories reuse one hash.
_HASHES: dict[str, str] = {}


def password_hash(password: str) -> str:
    from django.contrib.auth.hashers import make_password

    if password not in _HASHES:
        _HASHES[password] = make_password(password)
    return _HASHES[password]


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch in ".-")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@northbridge.example")
    password = factory.LazyFunction(lambda: password_hash("correct horse battery"))
    is_active = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=self, role=str(role)) for role in extracted]
            )


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("name", locale="en_GB")
    job_title = factory.LazyFunction(lambda: random.choice(content.CURRENT_TITLES))
    team = factory.LazyFunction(lambda: random.choice(content.TEAMS))
    location = factory.LazyFunction(lambda: random.choice(content.LOCATIONS))


class CareerEntryFactory(DjangoModelFactory):
    class Meta:
        model = CareerEntry

    profile = factory.SubFactory(ProfileFactory)
    title = "Customer service adviser"
    organisation = "Northbridge Group"
    start_year = 2015
    end_year = None


def person(*, roles=("member",), email: str | None = None, display_name: str | None = None,
           password: str = "correct horse battery", **profile_fields) -> User:
    """A user with a profile and roles in one call (tests' named personas use this)."""
    user_kwargs = {"roles": list(roles), "password": password_hash(password)}
    if email:
        user_kwargs["email"] = email
    user = UserFactory(**user_kwargs)
    profile_kwargs = dict(profile_fields)
    if display_name:
        profile_kwargs["display_name"] = display_name
    ProfileFactory(user=user, **profile_kwargs)
    return user

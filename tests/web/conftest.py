"""Shared fixtures for the web tests: named personas, one per role."""

from __future__ import annotations

import pytest

from upward.web.demo.factories import person

PASSWORD = "correct horse battery"

# role → the roles that persona holds (as in the demo)
PERSONAS = {
    "member": ["member"],
    "moderator": ["member", "moderator"],
    "lead": ["member", "lead"],
    "analyst": ["analyst"],
    "judge": ["judge"],
    "admin": ["admin"],
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # argon2 is the production hasher (tested in test_settings); tests use a fast one
    # for speed, keeping argon2 so hashes made elsewhere still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture
def personas(db):
    """One user per persona, keyed by persona name."""
    return {
        name: person(roles=roles, email=f"{name}@northbridge.example",
                     display_name=f"{name.title()} Persona")
        for name, roles in PERSONAS.items()
    }


@pytest.fixture
def member(personas):
    return personas["member"]


@pytest.fixture
def admin(personas):
    return personas["admin"]


@pytest.fixture
def lead(personas):
    return personas["lead"]


@pytest.fixture
def client_for(client):
    """A function giving a test client signed in as a persona (None → anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make

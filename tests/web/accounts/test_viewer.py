"""The signed-in person is loaded in one query with their roles, name and unread count;
sessions read through a failing cache still work."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upward.web.accounts.backends import ModelBackend
from upward.web.accounts.models import Profile, RoleAssignment
from upward.web.accounts.viewer import load_viewer
from upward.web.core.notifications.models import Notification
from upward.web.core.permissions import user_roles
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["member", "moderator", "lead", "analyst", "judge", "admin"])
def test_roles_name_and_unread_in_one_query(personas, name):
    user = personas[name]
    for _ in range(len(name)):  # a different count for each persona
        Notification.objects.create(recipient=user, kind="reply", text="Hi")
    Notification.objects.create(recipient=personas["admin" if name != "admin" else "member"],
                                kind="reply", text="Someone else's")
    with CaptureQueriesContext(connection) as queries:
        loaded = load_viewer(user.pk)
        roles = user_roles(loaded)
        name_shown = loaded.display_name
    assert len(queries) == 1
    assert roles == frozenset(RoleAssignment.objects.filter(user=user)
                              .values_list("role", flat=True))
    assert name_shown == Profile.objects.get(user=user).display_name
    from upward.web.community.selectors.notifications import unread_for_header

    with CaptureQueriesContext(connection) as queries:
        assert unread_for_header(viewer=loaded) == len(name)
    assert len(queries) == 0


def test_no_profile_shows_the_email_name(db):
    user = person(roles=["member"], email="no.profile@northbridge.example")
    Profile.objects.filter(user=user).delete()
    assert load_viewer(user.pk).display_name == "no.profile"


@pytest.mark.parametrize("user_id", ["", "abc", None, "12.5", 10**12])
def test_bad_or_unknown_ids_load_nobody(db, user_id):
    assert load_viewer(user_id) is None


def test_inactive_people_are_not_signed_in(member):
    member.is_active = False
    member.save()
    assert ModelBackend().get_user(member.pk) is None
    assert ModelBackend().get_user(str(member.pk)) is None


def test_a_signed_in_page_loads_the_person_once(member, client_for):
    client = client_for(member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/community/").status_code == 200
    users = [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"]
             and '"accounts_user"."password"' in q["sql"]]
    roles = [q["sql"] for q in queries if q["sql"].lstrip().startswith(
        'SELECT "accounts_roleassignment"')]
    assert len(users) == 1 and not roles


def test_changing_roles_shows_on_the_next_request(member, client_for):
    client = client_for(member)
    assert "/moderation/\"" not in client.get("/").content.decode()
    RoleAssignment.objects.create(user=member, role="moderator")
    assert "/moderation/\"" in client.get("/").content.decode()


@pytest.fixture
def broken_session_cache(settings):
    """Sessions cached through a real Redis client pointed at a port where nothing
    listens."""
    settings.CACHES = {**settings.CACHES, "broken": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}}}
    settings.SESSION_CACHE_ALIAS = "broken"


def test_session_read_falls_back_to_the_database_when_the_cache_fails(settings, member,
                                                                        broken_session_cache):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

    from upward.web.core.sessions import SessionStore

    stored = DatabaseStore()
    stored.update({SESSION_KEY: str(member.pk),
                   BACKEND_SESSION_KEY: "upward.web.accounts.backends.ModelBackend",
                   HASH_SESSION_KEY: member.get_session_auth_hash()})
    stored.create()
    request = type("Request", (), {})()
    request.session = SessionStore(stored.session_key)
    assert get_user(request).pk == member.pk
    assert SessionStore().exists(stored.session_key)
    assert not SessionStore().exists("x" * 32)


def test_signing_in_works_while_the_session_cache_is_down(settings, member, client,
                                                          broken_session_cache):
    from django.contrib.sessions.models import Session

    settings.SESSION_ENGINE = "upward.web.core.sessions"
    from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

    earlier = DatabaseStore()  # a session from before signing in, which gets a new key
    earlier["seen"] = True
    earlier.create()
    client.cookies["sessionid"] = earlier.session_key
    response = client.post("/accounts/sign-in/",
                           {"email": member.email, "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200
    assert client.cookies["sessionid"].value != earlier.session_key
    assert Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
    assert not Session.objects.filter(session_key=earlier.session_key).exists()

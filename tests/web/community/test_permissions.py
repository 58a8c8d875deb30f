"""The community's permission matrix for reading: every page and API endpoint, an
allowed and a denied case for each role and for a visitor who is not signed in.
(Writes are in test_permissions_actions.py.)

The people and posts are made once for the module, inside a transaction that is
rolled back afterwards; each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from upward.web.accounts.services import token_create
from upward.web.community import services
from upward.web.community.models import Audience, Tag
from upward.web.demo.factories import person

from .builders import build_things

pytestmark = pytest.mark.django_db

ALL = {"anonymous", "member", "moderator", "lead", "analyst", "judge", "admin"}
SIGNED_IN = ALL - {"anonymous"}
NETWORK = {"member", "moderator", "lead"}
MODERATORS = {"moderator", "lead"}
LEADS = {"lead"}
ROLES = {"member": ["member"], "moderator": ["member", "moderator"], "lead": ["member", "lead"],
         "analyst": ["analyst"], "judge": ["judge"], "admin": ["admin"]}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            people = {name: person(roles=roles, email=f"{name}@permissions.example",
                                   display_name=f"{name.title()} Reader")
                      for name, roles in ROLES.items()}
            tokens = {name: token_create(user=user, name="matrix")[1]
                      for name, user in people.items()}
            yield people, build_things(people), tokens
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _client(world, role, *, api=False) -> Client:
    people, _, tokens = world
    client = Client()
    if role != "anonymous":
        if api:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {tokens[role]}"
        else:
            client.force_login(people[role])
    return client


# (url name, args from things, who may GET it)
PAGES = [
    ("community:feed", None, SIGNED_IN),
    ("community:my_stories", None, SIGNED_IN),
    ("community:bookmarks", None, SIGNED_IN),
    ("community:discussions", None, SIGNED_IN),
    ("community:search", None, SIGNED_IN),
    ("community:notifications", None, SIGNED_IN),
    ("community:settings", None, SIGNED_IN),
    ("community:story_new", None, NETWORK),
    ("community:story", lambda t: [t["network"].pk], NETWORK),
    ("community:story", lambda t: [t["org"].pk], SIGNED_IN),
    ("community:story", lambda t: [t["pending"].pk], {"member", "moderator", "lead"}),
    ("community:story_history", lambda t: [t["network"].pk], NETWORK),
    ("community:story_edit", lambda t: [t["network"].pk], {"member"}),
    ("community:category", lambda t: [t["network_category"].slug], NETWORK),
    ("community:category", lambda t: [t["org_category"].slug], SIGNED_IN),
    ("community:thread_new", lambda t: [t["network_category"].slug], NETWORK),
    ("community:thread_new", lambda t: [t["org_category"].slug], SIGNED_IN),
    ("community:thread", lambda t: [t["thread"].pk], NETWORK),
    ("community:thread", lambda t: [t["org_thread"].pk], SIGNED_IN),
    ("community:thread_edit", lambda t: [t["thread"].pk], {"member"}),
    ("community:reply_edit", lambda t: [t["answer"].pk], {"lead"}),
    ("community:flag", lambda t: ["story", t["org"].pk], SIGNED_IN),
    ("community:flag", lambda t: ["comment", t["comment"].pk], NETWORK),
    ("community:queue", None, MODERATORS),
    ("community:watched_words", None, MODERATORS),
    ("community:members", None, MODERATORS),
    ("community:moderate_edit", lambda t: ["story", t["network"].pk], MODERATORS),
    # A post's earlier versions: its author (here the member or the lead) and moderators.
    ("community:post_history", lambda t: ["thread", t["thread"].pk], {"member"} | MODERATORS),
    ("community:post_history", lambda t: ["comment", t["comment"].pk], MODERATORS),
    ("community:post_history", lambda t: ["reply", t["answer"].pk], MODERATORS),
    ("community:post_history", lambda t: ["story", t["network"].pk], set()),
    ("community:suspend", lambda t: [t["network"].author_id], MODERATORS),
    ("community:manage", None, LEADS),
    ("community:category_new", None, LEADS),
    ("community:category_edit", lambda t: [t["org_category"].pk], LEADS),
    ("community:tag_edit", lambda t: [Tag.objects.order_by("pk").first().pk], LEADS),
    ("community:public_index", None, ALL),
    ("community:public_feed", None, ALL),
    ("community:public_story", lambda t: [t["public"].pk], ALL),
]


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("name", "args", "allowed"), PAGES,
                         ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)])
def test_page_access(role, name, args, allowed, world):
    things = world[1]
    url = reverse(name, args=args(things) if args else None)
    response = _client(world, role).get(url)
    if role in allowed:
        assert response.status_code == 200, f"{role} should see {url}"
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (403, 404), f"{role} must not see {url}"


def test_an_unapproved_public_story_has_no_public_page(world):
    people, things, _ = world
    story = services.story_create(actor=people["member"], submit=True, title="Asking",
                                  body="Text", audience=Audience.PUBLIC)
    assert _client(world, "anonymous").get(reverse("community:public_story",
                                                   args=[story.pk])).status_code == 404
    assert _client(world, "analyst").get(reverse("community:story",
                                                 args=[story.pk])).status_code == 200


API_READS = [
    ("/api/v1/stories", SIGNED_IN),
    ("/api/v1/stories/{network}", NETWORK),
    ("/api/v1/stories/{org}", SIGNED_IN),
    ("/api/v1/stories/{pending}", {"member", "moderator", "lead"}),  # author and reviewers
    ("/api/v1/stories/{network}/comments", NETWORK),
    ("/api/v1/categories", SIGNED_IN),
    ("/api/v1/threads", SIGNED_IN),
    ("/api/v1/threads?category=careers-and-progression", NETWORK),
    ("/api/v1/threads/{thread}", NETWORK),
    ("/api/v1/threads/{org_thread}", SIGNED_IN),
    ("/api/v1/search?q=story", SIGNED_IN),
    ("/api/v1/reactions", SIGNED_IN),
]


def _fill(path: str, things) -> str:
    for key in ("network", "org", "pending", "thread", "org_thread"):
        path = path.replace("{" + key + "}", str(things[key].pk))
    return path


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("path", "allowed"), API_READS, ids=[a[0] for a in API_READS])
def test_api_reads(role, path, allowed, world):
    response = _client(world, role, api=True).get(_fill(path, world[1]))
    if role in allowed:
        assert response.status_code == 200, (role, path, response.content)
    elif role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code in (403, 404), (role, path, response.status_code)
        assert "detail" in response.json()

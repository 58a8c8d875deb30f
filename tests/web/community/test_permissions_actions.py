"""The community's permission matrix for writing: every action, allowed and denied
for each role and for a visitor who is not signed in. A denied write changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.community.models import (
    Category,
    Flag,
    Reaction,
    Status,
    Story,
    StoryComment,
    Suspension,
    Thread,
    WatchedWord,
)

from .builders import build_things

pytestmark = pytest.mark.django_db

ALL = {"anonymous", "member", "moderator", "lead", "analyst", "judge", "admin"}
SIGNED_IN = ALL - {"anonymous"}
NETWORK = {"member", "moderator", "lead"}
MODERATORS = {"moderator", "lead"}
LEADS = {"lead"}


@pytest.fixture
def things(personas):
    return build_things(personas)


# (url name, args, POST data, who may do it, how to tell it happened)
def _actions(things, personas):
    network, pending = things["network"], things["pending"]
    return [
        ("community:comment", [network.pk], {"body": "Lovely"}, NETWORK,
         lambda: StoryComment.objects.filter(body="Lovely").exists()),
        ("community:react", [network.pk], {"kind": "helped"}, NETWORK - {"member"},
         lambda: Reaction.objects.filter(story=network).exists()),
        ("community:story_withdraw", [network.pk], {}, {"member"},
         lambda: Story.objects.get(pk=network.pk).status == Status.WITHDRAWN),
        ("community:moderate", ["story", pending.pk, "approve"], {}, MODERATORS,
         lambda: Story.objects.get(pk=pending.pk).status == Status.PUBLISHED),
        ("community:moderate", ["story", network.pk, "hide"], {"reason": "Too personal"},
         MODERATORS, lambda: Story.objects.get(pk=network.pk).hidden_at is not None),
        ("community:moderate", ["thread", things["thread"].pk, "lock"], {}, MODERATORS,
         lambda: Thread.objects.get(pk=things["thread"].pk).locked_at is not None),
        ("community:feature", [network.pk], {"featured": "1"}, LEADS,
         lambda: Story.objects.get(pk=network.pk).featured_at is not None),
        ("community:category_new", [], {"name": "Money", "audience": "network",
                                        "position": 5}, LEADS,
         lambda: Category.objects.filter(name="Money").exists()),
        ("community:watched_words", [], {"phrase": "chav", "action": "block"}, MODERATORS,
         lambda: WatchedWord.objects.filter(phrase="chav").exists()),
        ("community:suspend", [personas["judge"].pk], {"days": 2, "reason": "Spam"},
         set(), lambda: Suspension.objects.exists()),  # judges are not network members
        ("community:suspend", [personas["member"].pk], {"days": 2, "reason": "Spam"},
         MODERATORS, lambda: Suspension.objects.filter(user=personas["member"]).exists()),
        ("community:flag", ["story", things["org"].pk], {"reason": "spam"},
         SIGNED_IN - {"member"}, lambda: Flag.objects.exists()),
        ("community:reply_accept", [things["question"].pk], {"reply": things["answer"].pk},
         {"member", "moderator", "lead"},
         lambda: Thread.objects.get(pk=things["question"].pk).accepted_reply_id is not None),
        ("community:thread_new", [things["org_category"].slug],
         {"title": "Open to all", "body": "Hello", "kind": "discussion"}, SIGNED_IN,
         lambda: Thread.objects.filter(title="Open to all").exists()),
        ("community:story_new", [], {"title": "New", "body": "Text", "identity": "named",
                                     "audience": "network", "action": "publish"}, NETWORK,
         lambda: Story.objects.filter(title="New").exists()),
    ]


ACTION_NAMES = ["comment", "react", "withdraw", "approve", "hide", "lock", "feature",
                "category", "watched word", "suspend a non-member", "suspend", "flag",
                "accept answer", "start org thread", "write story"]


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("index", range(len(ACTION_NAMES)), ids=ACTION_NAMES)
def test_every_action_is_allowed_or_denied_by_role(role, index, personas, things, client_for):
    name, args, data, allowed, happened = _actions(things, personas)[index]
    url = reverse(name, args=args)
    assert not happened(), f"{url} had already happened"
    response = client_for(personas.get(role)).post(url, data)
    if role in allowed:
        assert response.status_code in (200, 302), (role, url, response.status_code)
        assert happened(), f"{role} should be able to POST {url}"
    else:
        assert not happened(), f"{role} must not be able to POST {url}"
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            # Moderation actions a moderator may not take come back as a message (302).
            assert response.status_code in (302, 400, 403, 404), (role, url)



API_WRITES = [
    ("post", "/api/v1/stories", {"title": "Via the API", "body": "Hello", "submit": True},
     NETWORK, 201, lambda t: Story.objects.filter(title="Via the API").exists()),
    ("patch", "/api/v1/stories/{network}", {"title": "Renamed"}, {"member"}, 200,
     lambda t: Story.objects.filter(title="Renamed").exists()),
    ("post", "/api/v1/stories/{org}/comments", {"body": "Thanks"}, SIGNED_IN, 201,
     lambda t: StoryComment.objects.filter(body="Thanks").exists()),
    ("put", "/api/v1/stories/{org}/reactions/helped", None, SIGNED_IN - {"member"}, 200,
     lambda t: Reaction.objects.exists()),
    ("post", "/api/v1/threads", {"category": "careers-and-progression", "title": "API thread",
                                 "body": "Hi"}, NETWORK, 201,
     lambda t: Thread.objects.filter(title="API thread").exists()),
    ("post", "/api/v1/threads/{org_thread}/replies", {"body": "Reply"}, SIGNED_IN, 201,
     lambda t: t["org_thread"].replies.exists()),
    ("post", "/api/v1/flags", {"kind": "story", "id": "{network}", "reason": "spam"},
     NETWORK - {"member"}, 201, lambda t: Flag.objects.exists()),
    ("post", "/api/v1/stories/{network}/withdraw", None, {"member"}, 200,
     lambda t: Story.objects.get(pk=t["network"].pk).status == Status.WITHDRAWN),
]


def _fill(value, things):
    if isinstance(value, str):
        for key in ("network", "org", "thread", "org_thread"):
            value = value.replace("{" + key + "}", str(things[key].pk))
        return int(value) if value.isdigit() else value
    if isinstance(value, dict):
        return {k: _fill(v, things) for k, v in value.items()}
    return value


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("method", "path", "body", "allowed", "status", "happened"),
                         API_WRITES, ids=[f"{a[0]} {a[1]}" for a in API_WRITES])
def test_api_writes(role, method, path, body, allowed, status, happened, personas, things,
                    api_for):
    client = api_for(personas.get(role))
    kwargs = {"content_type": "application/json", "data": _fill(body, things)} \
        if body is not None else {}
    response = getattr(client, method)(_fill(path, things), **kwargs)
    if role in allowed:
        assert response.status_code == status, (role, path, response.content)
        assert happened(things)
    else:
        assert not happened(things)
        if role == "anonymous":
            assert response.status_code == 401
        else:  # 400: the author reacting to or flagging their own story
            assert response.status_code in (400, 403, 404), (role, path, response.status_code)
        assert "detail" in response.json()

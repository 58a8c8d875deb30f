"""The community's permission matrix for writing: every write URL in community/urls.py
and every write endpoint in community/api.py, tried by every role — a visitor who is
not signed in, the author of the posts, another member, a suspended member, a
moderator, a network lead and three people outside the network. Each has at least
one allowed and one refused case, and a refused write changes nothing at all.

How a refusal answers, on purpose:
- not signed in: pages send you to sign in, the API answers 401;
- a page for a role you do not hold (moderation, leads' pages): 403;
- a post you cannot see, or that is not yours to edit: 404, so existence does not leak;
- a rule the service applies (suspended, reacting to or flagging your own post): the
  service's status (403 or 400) — except on form pages, which show the message on the
  form again with 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from upward.web.community import services
from upward.web.community.models import (
    Bookmark,
    Category,
    CategorySubscription,
    ConversationRequest,
    MemberSettings,
    Mute,
    NotificationKind,
    Reaction,
    ReactionKind,
    Reply,
    Status,
    Story,
    StoryComment,
    Suspension,
    Tag,
    Thread,
    ThreadSubscription,
    WatchedWord,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.flags.models import Flag
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.demo.factories import person

from .builders import build_things

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "author", "member", "suspended", "moderator", "lead", "analyst",
         "judge", "admin")
OUTSIDERS = frozenset({"analyst", "judge", "admin"})  # signed in, not in the network
NETWORK = frozenset({"author", "member", "suspended", "moderator", "lead"})
POSTING = NETWORK - {"suspended"}
SIGNED_IN = NETWORK | OUTSIDERS
MODERATORS = frozenset({"moderator", "lead"})
LEADS = frozenset({"lead"})
NOT_FOUND_OUTSIDE = dict.fromkeys(OUTSIDERS, 404)


@pytest.fixture
def people(personas):
    """Who tries each write. The personas' member wrote every post in ``build_things``,
    so here they are the author; "member" is another member of the network."""
    suspended = person(roles=["member"], email="suspended@northbridge.example",
                       display_name="Suspended Persona")
    services.member_suspend(actor=personas["lead"], member=suspended, days=7,
                            reason="Repeated spam")
    return {
        "anonymous": None, "author": personas["member"],
        "member": person(roles=["member"], email="other@northbridge.example",
                         display_name="Other Member"),
        "suspended": suspended,
        **{role: personas[role] for role in ("moderator", "lead", "analyst", "judge", "admin")},
        # Not a role in the matrix: someone to share a story with.
        "colleague": person(roles=["member"], email="colleague@northbridge.example",
                            display_name="Colleague Persona"),
    }


@pytest.fixture
def things(personas):
    return build_things(personas)


def _database() -> dict:
    """Every row the community keeps, and the audit log."""
    models = [*apps.get_app_config("community").get_models(), AuditEntry]
    return {model._meta.label: list(model.objects.order_by("pk").values())
            for model in models}


class Attempt(NamedTuple):
    """What one write sends, and how to tell it took effect."""

    args: list  # the URL's arguments; for the API, [the path under /api/v1]
    data: dict | None
    happened: Callable[[], bool]


class Write(NamedTuple):
    target: str  # a URL name, or "METHOD /path" as in the API schema (under /api/v1)
    allowed: frozenset[str]
    refused: dict[str, int]  # status for a refused, signed-in role (403 if not listed)
    build: Callable[[dict, dict], Attempt]

    def status_for(self, role: str) -> int:
        return self.refused.get(role, 403)


PAGE_WRITES: dict[str, Write] = {}
API_WRITES: dict[str, Write] = {}


def page(name: str, url_name: str, allowed, **refused: int):
    def register(build):
        PAGE_WRITES[name] = Write(f"community:{url_name}", frozenset(allowed), refused, build)
        return build
    return register


def api(name: str, target: str, allowed, **refused: int):
    def register(build):
        API_WRITES[name] = Write(target, frozenset(allowed), refused, build)
        return build
    return register


def _story_form(title: str) -> dict:
    return {"title": title, "body": "Text", "identity": "named", "audience": "network",
            "action": "publish"}


# --- stories -------------------------------------------------------------------------------


@page("write a story", "story_new", POSTING, suspended=400)
def _(people, things):
    return Attempt([], _story_form("New"), lambda: Story.objects.filter(title="New").exists())


@page("edit a story", "story_edit", {"author"}, **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], _story_form("Edited title"),
                   lambda: Story.objects.get(pk=network.pk).title == "Edited title")


@page("withdraw a story", "story_withdraw", {"author"}, **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], {},
                   lambda: Story.objects.get(pk=network.pk).status == Status.WITHDRAWN)


@page("delete a story", "story_delete", {"author"}, **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], {}, lambda: not Story.objects.filter(pk=network.pk).exists())


@page("comment", "comment", POSTING, suspended=400, **NOT_FOUND_OUTSIDE)
def _(people, things):
    return Attempt([things["network"].pk], {"body": "Lovely"},
                   lambda: StoryComment.objects.filter(body="Lovely").exists())


@page("react", "react", POSTING - {"author"}, author=400, **NOT_FOUND_OUTSIDE)
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], {"kind": "helped"},
                   lambda: Reaction.objects.filter(story=network).exists())


@page("bookmark", "bookmark", NETWORK, **NOT_FOUND_OUTSIDE)
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], {}, lambda: Bookmark.objects.filter(story=network).exists())


@page("share", "share", POSTING, suspended=400, **NOT_FOUND_OUTSIDE)
def _(people, things):
    colleague = people["colleague"]
    return Attempt([things["network"].pk], {"email": colleague.email, "note": "For you"},
                   lambda: Notification.objects.filter(recipient=colleague,
                                                       kind=NotificationKind.SHARE).exists())


# --- discussions ---------------------------------------------------------------------------


@page("follow a category", "category_subscribe", NETWORK, **NOT_FOUND_OUTSIDE)
def _(people, things):
    category = things["network_category"]
    return Attempt([category.slug], {"subscribe": "1"},
                   lambda: CategorySubscription.objects.filter(category=category).exists())


@page("start an organisation thread", "thread_new", SIGNED_IN - {"suspended"}, suspended=400)
def _(people, things):
    return Attempt([things["org_category"].slug],
                   {"title": "Open to all", "body": "Hello", "kind": "discussion"},
                   lambda: Thread.objects.filter(title="Open to all").exists())


@page("start a network thread", "thread_new", POSTING, suspended=400, **NOT_FOUND_OUTSIDE)
def _(people, things):
    return Attempt([things["network_category"].slug],
                   {"title": "Members only", "body": "Hello", "kind": "question"},
                   lambda: Thread.objects.filter(title="Members only").exists())


@page("reply", "reply", POSTING, suspended=400, **NOT_FOUND_OUTSIDE)
def _(people, things):
    return Attempt([things["thread"].pk], {"body": "A reply"},
                   lambda: Reply.objects.filter(body="A reply").exists())


@page("edit a thread", "thread_edit", {"author"}, **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    thread = things["thread"]
    return Attempt([thread.pk], {"title": "Edited thread", "body": "Body"},
                   lambda: Thread.objects.get(pk=thread.pk).title == "Edited thread")


@page("follow a thread", "thread_subscribe", NETWORK, **NOT_FOUND_OUTSIDE)
def _(people, things):
    thread = things["thread"]
    ThreadSubscription.objects.filter(thread=thread).delete()  # the author follows it
    return Attempt([thread.pk], {"subscribe": "1"},
                   lambda: ThreadSubscription.objects.filter(thread=thread).exists())


@page("accept an answer", "reply_accept", {"author"} | MODERATORS, member=403,
      suspended=403, **NOT_FOUND_OUTSIDE)
def _(people, things):
    question = things["question"]
    return Attempt([question.pk], {"reply": things["answer"].pk},
                   lambda: Thread.objects.get(pk=question.pk).accepted_reply_id is not None)


@page("edit a reply", "reply_edit", {"author"}, **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    reply = services.reply_create(actor=people["author"], thread=things["thread"], body="Mine")
    return Attempt([reply.pk], {"body": "Mine, edited"},
                   lambda: Reply.objects.get(pk=reply.pk).body == "Mine, edited")


# --- notifications and settings -----------------------------------------------------------------


@page("mark a notification read", "notifications_read", {"author"},
      **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    notification = Notification.objects.create(recipient=people["author"], text="Hello",
                                               kind=NotificationKind.ACTIVITY)
    return Attempt([], {"notification": notification.pk},
                   lambda: Notification.objects.get(pk=notification.pk).read_at is not None)


@page("settings", "settings", SIGNED_IN)
def _(people, things):
    return Attempt([], {"on_account_deletion": "anonymise", "weekly_digest": "on"},
                   lambda: MemberSettings.objects.filter(
                       on_account_deletion="anonymise").exists())


@page("mute", "mute", SIGNED_IN - {"author"}, author=400)
def _(people, things):
    return Attempt([people["author"].profile.pk], {"mute": "1"},
                   lambda: Mute.objects.exists())


@page("flag", "flag", SIGNED_IN - {"author", "suspended"}, author=400, suspended=400)
def _(people, things):
    return Attempt(["story", things["org"].pk], {"reason": "spam"},
                   lambda: Flag.objects.exists())


# --- network leads ----------------------------------------------------------------------------


@page("add a tag", "tag_add", LEADS)
def _(people, things):
    return Attempt([], {"name": "Night school"},
                   lambda: Tag.objects.filter(name="Night school").exists())


@page("rename a tag", "tag_edit", LEADS)
def _(people, things):
    tag = Tag.objects.get(slug="apprenticeship")
    return Attempt([tag.pk], {"name": "Apprenticeships", "description": tag.description},
                   lambda: Tag.objects.get(pk=tag.pk).name == "Apprenticeships")


@page("retire a tag", "tag_toggle", LEADS)
def _(people, things):
    tag = Tag.objects.get(slug="apprenticeship")
    return Attempt([tag.pk], {}, lambda: not Tag.objects.get(pk=tag.pk).is_active)


@page("add a reaction", "reaction_add", LEADS)
def _(people, things):
    return Attempt([], {"label": "Brave"},
                   lambda: ReactionKind.objects.filter(label="Brave").exists())


@page("retire a reaction", "reaction_toggle", LEADS)
def _(people, things):
    kind = ReactionKind.objects.get(key="me-too")
    return Attempt([kind.pk], {}, lambda: not ReactionKind.objects.get(pk=kind.pk).is_active)


@page("add a category", "category_new", LEADS)
def _(people, things):
    return Attempt([], {"name": "Money", "audience": "network", "position": 5},
                   lambda: Category.objects.filter(name="Money").exists())


@page("edit a category", "category_edit", LEADS)
def _(people, things):
    category = things["network_category"]
    return Attempt([category.pk], {"name": "Careers", "audience": "network", "position": 5},
                   lambda: Category.objects.get(pk=category.pk).name == "Careers")


@page("feature a story", "feature", LEADS)
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], {"featured": "1"},
                   lambda: Story.objects.get(pk=network.pk).featured_at is not None)


@page("decide on a public page", "public_decide", LEADS)
def _(people, things):
    story = services.story_create(actor=people["author"], submit=True, title="For the web",
                                  body="Text", audience="public")
    return Attempt([story.pk], {"decision": "approve"},
                   lambda: Story.objects.get(pk=story.pk).public_approved_at is not None)


@page("re-tag a story", "retag", LEADS)
def _(people, things):
    network = things["network"]
    return Attempt([network.pk], {"tags": ["apprenticeship"]},
                   lambda: network.tags.filter(slug="apprenticeship").exists())


# --- moderation -------------------------------------------------------------------------------


@page("approve", "moderate", MODERATORS)
def _(people, things):
    pending = things["pending"]
    return Attempt(["story", pending.pk, "approve"], {},
                   lambda: Story.objects.get(pk=pending.pk).status == Status.PUBLISHED)


@page("reject", "moderate", MODERATORS)
def _(people, things):
    pending = things["pending"]
    return Attempt(["story", pending.pk, "reject"], {"reason": "Names a team"},
                   lambda: Story.objects.get(pk=pending.pk).status == Status.REJECTED)


@page("hide", "moderate", MODERATORS)
def _(people, things):
    network = things["network"]
    return Attempt(["story", network.pk, "hide"], {"reason": "Too personal"},
                   lambda: Story.objects.get(pk=network.pk).hidden_at is not None)


@page("restore", "moderate", MODERATORS)
def _(people, things):
    network = things["network"]
    services.post_hide(actor=people["moderator"], post=network, reason="Checking")
    return Attempt(["story", network.pk, "restore"], {},
                   lambda: Story.objects.get(pk=network.pk).hidden_at is None)


@page("dismiss flags", "moderate", MODERATORS)
def _(people, things):
    network = things["network"]
    services.flag_create(actor=people["member"], post=network, reason="spam")
    return Attempt(["story", network.pk, "dismiss"], {},
                   lambda: not Flag.objects.filter(resolved_at=None).exists())


@page("lock", "moderate", MODERATORS)
def _(people, things):
    thread = things["thread"]
    return Attempt(["thread", thread.pk, "lock"], {},
                   lambda: Thread.objects.get(pk=thread.pk).locked_at is not None)


@page("unlock", "moderate", MODERATORS)
def _(people, things):
    thread = things["thread"]
    services.lock_set(actor=people["moderator"], post=thread, locked=True)
    return Attempt(["thread", thread.pk, "unlock"], {},
                   lambda: Thread.objects.get(pk=thread.pk).locked_at is None)


@page("moderator edit", "moderate_edit", MODERATORS)
def _(people, things):
    network = things["network"]
    return Attempt(["story", network.pk],
                   {"title": "Moderated", "body": "Text", "reason": "A name removed"},
                   lambda: Story.objects.get(pk=network.pk).title == "Moderated")


@page("watch a word", "watched_words", MODERATORS)
def _(people, things):
    return Attempt([], {"phrase": "chav", "action": "block"},
                   lambda: WatchedWord.objects.filter(phrase="chav").exists())


@page("stop watching a word", "watched_word_remove", MODERATORS)
def _(people, things):
    word = services.watched_word_add(actor=people["moderator"], phrase="chav", action="block")
    return Attempt([word.pk], {}, lambda: not WatchedWord.objects.filter(pk=word.pk).exists())


@page("suspend a non-member", "suspend", set(), moderator=404, lead=404)
def _(people, things):
    judge = people["judge"]
    return Attempt([judge.pk], {"days": 2, "reason": "Spam"},
                   lambda: Suspension.objects.filter(user=judge).exists())


@page("suspend", "suspend", MODERATORS)
def _(people, things):
    member = people["member"]
    return Attempt([member.pk], {"days": 2, "reason": "Spam"},
                   lambda: Suspension.objects.filter(user=member).exists())


@page("lift a suspension", "suspension_lift", MODERATORS)
def _(people, things):
    suspension = Suspension.objects.get(user=people["suspended"])
    return Attempt([suspension.pk], {},
                   lambda: Suspension.objects.get(pk=suspension.pk).lifted_at is not None)


# --- asking for a conversation ---------------------------------------------------------------


@page("ask for a conversation", "conversation_ask", POSTING, suspended=400)
def _(people, things):
    colleague = people["colleague"]
    return Attempt([colleague.profile.pk], {"message": "Coffee?"},
                   lambda: ConversationRequest.objects.filter(recipient=colleague).exists())


@page("answer a request for a conversation", "conversation", {"author"},
      **dict.fromkeys(NETWORK - {"author"}, 404))
def _(people, things):
    asked = services.conversation_request(actor=people["colleague"], recipient=people["author"])
    return Attempt([asked.pk], {"decision": "reply", "answer": "Thursday?"},
                   lambda: ConversationRequest.objects.get(pk=asked.pk).state == "replied")


API_SUCCESS = {"POST": {200, 201}, "PATCH": {200}, "PUT": {200}, "DELETE": {200, 204}}


def _send(write: Write, attempt: Attempt, client):
    """Make the request; returns the response and the statuses that mean it worked."""
    if write.target.startswith("community:"):
        return client.post(reverse(write.target, args=attempt.args), attempt.data), {302}
    method = write.target.split()[0]
    kwargs = {"content_type": "application/json", "data": attempt.data} \
        if attempt.data is not None else {}
    [path] = attempt.args
    response = getattr(client, method.lower())(f"/api/v1{path}", **kwargs)
    return response, API_SUCCESS[method]


def _try(write: Write, role: str, people, things, client) -> None:
    attempt = write.build(people, things)
    assert not attempt.happened(), f"{write.target} had already happened"
    before = _database()
    response, success = _send(write, attempt, client)
    if role in write.allowed:
        assert response.status_code in success, (role, response.status_code)
        assert attempt.happened(), f"{role} should be able to {write.target}"
        return
    assert not attempt.happened(), f"{role} must not be able to {write.target}"
    assert _database() == before, f"{role}'s refused {write.target} changed the database"
    if role != "anonymous":
        assert response.status_code == write.status_for(role), (role, response.status_code)
    elif write.target.startswith("community:"):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 401
    if not write.target.startswith("community:") and response.status_code != 200:
        assert "detail" in response.json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGE_WRITES))
def test_page_writes_by_role(name, role, people, things, client_for):
    _try(PAGE_WRITES[name], role, people, things, client_for(people[role]))


# --- the API ---------------------------------------------------------------------------------


@api("write a story", "POST /stories", POSTING, suspended=403)
def _(people, things):
    return Attempt(["/stories"], {"title": "Via the API", "body": "Hello", "submit": True},
                   lambda: Story.objects.filter(title="Via the API").exists())


@api("edit a story", "PATCH /stories/{story_id}", {"author"}, **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    return Attempt([f"/stories/{things['network'].pk}"], {"title": "Renamed"},
                   lambda: Story.objects.filter(title="Renamed").exists())


@api("submit a draft", "POST /stories/{story_id}/submit", {"author"},
     **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    draft = services.story_create(actor=people["author"], title="Draft", body="Text")
    return Attempt([f"/stories/{draft.pk}/submit"], None,
                   lambda: Story.objects.get(pk=draft.pk).status == Status.PUBLISHED)


@api("withdraw a story", "POST /stories/{story_id}/withdraw", {"author"},
     **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    network = things["network"]
    return Attempt([f"/stories/{network.pk}/withdraw"], None,
                   lambda: Story.objects.get(pk=network.pk).status == Status.WITHDRAWN)


@api("delete a story", "DELETE /stories/{story_id}", {"author"},
     **dict.fromkeys(SIGNED_IN, 404))
def _(people, things):
    network = things["network"]
    return Attempt([f"/stories/{network.pk}"], None,
                   lambda: not Story.objects.filter(pk=network.pk).exists())


@api("comment", "POST /stories/{story_id}/comments", SIGNED_IN - {"suspended"},
     suspended=403)
def _(people, things):
    return Attempt([f"/stories/{things['org'].pk}/comments"], {"body": "Thanks"},
                   lambda: StoryComment.objects.filter(body="Thanks").exists())


@api("react", "PUT /stories/{story_id}/reactions/{kind}",
     SIGNED_IN - {"author", "suspended"}, author=400, suspended=403)
def _(people, things):
    org = things["org"]
    return Attempt([f"/stories/{org.pk}/reactions/helped"], None,
                   lambda: Reaction.objects.filter(story=org).exists())


# The author never reacted to their own story, so taking a reaction back is answered
# with the (unchanged) reactions: 200, and nothing happens.
@api("take back a reaction", "DELETE /stories/{story_id}/reactions/{kind}",
     SIGNED_IN - {"author", "suspended"}, author=200, suspended=403)
def _(people, things):
    org = things["org"]
    helped = ReactionKind.objects.get(key="helped")
    for role in SIGNED_IN - {"author"}:  # the suspended member reacted before
        Reaction.objects.create(story=org, user=people[role], kind=helped)
    reacted = Reaction.objects.filter(story=org).count()
    return Attempt([f"/stories/{org.pk}/reactions/helped"], None,
                   lambda: Reaction.objects.filter(story=org).count() < reacted)


@api("start a thread", "POST /threads", POSTING, suspended=403, **NOT_FOUND_OUTSIDE)
def _(people, things):
    return Attempt(["/threads"], {"category": "careers-and-progression", "title": "API thread",
                                  "body": "Hi"},
                   lambda: Thread.objects.filter(title="API thread").exists())


@api("reply", "POST /threads/{thread_id}/replies", SIGNED_IN - {"suspended"}, suspended=403)
def _(people, things):
    org_thread = things["org_thread"]
    return Attempt([f"/threads/{org_thread.pk}/replies"], {"body": "Reply"},
                   lambda: org_thread.replies.exists())


@api("flag", "POST /flags", POSTING - {"author"}, author=400, suspended=403,
     **NOT_FOUND_OUTSIDE)
def _(people, things):
    return Attempt(["/flags"], {"kind": "story", "id": things["network"].pk, "reason": "spam"},
                   lambda: Flag.objects.exists())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(API_WRITES))
def test_api_writes_by_role(name, role, people, things, api_for):
    _try(API_WRITES[name], role, people, things, api_for(people[role]))


# --- a suspended author ----------------------------------------------------------------------

# A suspended author can still take their posts down, and settle their own question,
# but cannot change what others read. None: allowed; otherwise the refusal's status.
SUSPENDED_AUTHOR = [
    ("page", "edit a story", 400), ("page", "edit a thread", 400),
    ("page", "edit a reply", 400), ("page", "withdraw a story", None),
    ("page", "delete a story", None), ("page", "accept an answer", None),
    ("api", "edit a story", 403), ("api", "submit a draft", 403),
    ("api", "withdraw a story", None), ("api", "delete a story", None),
]


@pytest.mark.parametrize(("via", "name", "refusal"), SUSPENDED_AUTHOR,
                         ids=[f"{via}: {name}" for via, name, _ in SUSPENDED_AUTHOR])
def test_a_suspended_author_may_take_down_but_not_change_their_posts(
        via, name, refusal, people, things, client_for, api_for):
    write = (PAGE_WRITES if via == "page" else API_WRITES)[name]
    attempt = write.build(people, things)
    author = people["author"]
    services.member_suspend(actor=people["lead"], member=author, days=7, reason="Spam")
    client = client_for(author) if via == "page" else api_for(author)  # api_for audits
    before = _database()
    response, success = _send(write, attempt, client)
    if refusal is None:
        assert response.status_code in success and attempt.happened()
    else:
        assert response.status_code == refusal
        assert not attempt.happened() and _database() == before


# --- nothing is missed ------------------------------------------------------------------------

# Community pages that only read; every other community URL is a write and must be above.
READ_ONLY = {"feed", "my_stories", "story", "story_history", "bookmarks", "discussions",
             "category", "thread", "search", "notifications", "post_history", "manage",
             "queue", "members", "public_index", "public_feed", "public_story",
             "conversations"}


def test_every_write_url_is_in_the_matrix_with_an_allowed_and_a_refused_role():
    resolver = next(p for p in get_resolver().url_patterns
                    if isinstance(p, URLResolver) and p.namespace == "community")
    names = {p.name for p in resolver.url_patterns if isinstance(p, URLPattern)}
    covered = {write.target.removeprefix("community:") for write in PAGE_WRITES.values()}
    assert names - READ_ONLY == covered
    for target in covered:
        writes = [w for w in PAGE_WRITES.values() if w.target == f"community:{target}"]
        assert any(w.allowed for w in writes), f"nobody may POST {target}"
        assert any(set(ROLES) - w.allowed for w in writes), f"everyone may POST {target}"


def test_every_write_endpoint_is_in_the_matrix(client):
    schema = client.get("/api/v1/openapi.json").json()
    writes = {f"{method.upper()} {path.removeprefix('/api/v1')}"
              for path, operations in schema["paths"].items()
              for method, operation in operations.items()
              if method in ("post", "put", "patch", "delete")
              and "community" in operation.get("tags", [])}
    assert writes == {write.target for write in API_WRITES.values()}
    assert all(write.allowed for write in API_WRITES.values())


# --- leads' story tools and stories they may not see ------------------------------------------


@pytest.mark.parametrize("url_name, data", [
    ("retag", {"tags": ["apprenticeship"]}), ("feature", {"featured": "1"}),
    ("public_decide", {"decision": "approve"})])
def test_leads_story_tools_answer_404_for_stories_the_lead_may_not_see(url_name, data,
                                                                      personas, client_for):
    """A draft, a withdrawn story, another member's embargoed story and a missing id all
    answer the same 404, change nothing and write nothing (no title) to the audit log."""
    from datetime import timedelta

    from django.utils import timezone

    author, lead = personas["member"], personas["lead"]
    draft = services.story_create(actor=author, title="Secret draft title", body="Text",
                                  audience="public")
    withdrawn = services.story_create(actor=author, submit=True, body="Text",
                                      title="Secret withdrawn title", audience="public")
    services.story_withdraw(actor=author, story=withdrawn)
    embargoed = services.story_create(actor=author, submit=True, body="Text",
                                      title="Secret embargoed title", audience="public",
                                      embargo_until=timezone.now() + timedelta(days=3))
    missing = max(draft.pk, withdrawn.pk, embargoed.pk) + 1000
    client = client_for(lead)
    before = _database()
    for story_id in (draft.pk, withdrawn.pk, embargoed.pk, missing):
        response = client.post(reverse(f"community:{url_name}", args=[story_id]), data)
        assert response.status_code == 404, (url_name, story_id)
        assert "Secret" not in response.content.decode()
    assert _database() == before
    for story in (draft, withdrawn, embargoed):
        with pytest.raises(ApplicationError) as refused:
            services.story_retag(actor=lead, story=story, tags=["apprenticeship"])
        assert refused.value.status == 404
    assert not AuditEntry.objects.filter(object_label__contains="Secret").exists()


def test_leads_retag_stories_they_may_see_and_the_audit_names_them(personas, client_for):
    story = services.story_create(actor=personas["member"], submit=True, body="Text",
                                  title="A published story")
    response = client_for(personas["lead"]).post(reverse("community:retag", args=[story.pk]),
                                                 {"tags": ["apprenticeship"]})
    assert response.status_code == 302
    assert list(story.tags.values_list("slug", flat=True)) == ["apprenticeship"]
    entry = AuditEntry.objects.get(action="community.retag")
    assert entry.object_label == f"Story #{story.pk}: A published story"

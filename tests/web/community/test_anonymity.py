"""The anonymity leak suite.

A member writes anonymously: stories (network, organisation and an approved public
page), a comment on their own story, a discussion and replies, a mention, a share,
an edit that went through the moderators, posts still waiting in the queue, and a
flagged post. Then every person who is not the author — each role, and a visitor
who is not signed in — fetches every community page and API endpoint there is
(found from the URL configuration and the OpenAPI schema, so new endpoints are
covered without editing this test), the public pages and Atom feed, their
notifications and emails, their own data download and the audit log. The author's
display name, email address and ids must appear in none of it — nor in the earlier
versions of the edited comment, discussion and replies.

Nor may any of it tell the time of day of anything anonymous: every timestamp of the
anonymous posts, their earlier versions and the notifications no named person sent
is set to one distinctive moment, and only its day may be shown.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from upward.web.accounts.models import Profile, User
from upward.web.community import services
from upward.web.community.models import (
    Audience,
    Category,
    ConversationRequest,
    PostRevision,
    Reply,
    Story,
    StoryComment,
    StoryRevision,
    Tag,
    Thread,
)
from upward.web.core.notifications.models import Notification
from upward.web.demo.factories import ProfileFactory, UserFactory, password_hash

pytestmark = pytest.mark.django_db

AUTHOR_ID = 987_651
AUTHOR_PROFILE_ID = 876_541
AUTHOR_NAME = "Philippa Anonymouse-Quill"
AUTHOR_EMAIL = "p.quillhidden@northbridge.example"
SECRETS = [AUTHOR_NAME, "Anonymouse", "Philippa", AUTHOR_EMAIL, "quillhidden",
           str(AUTHOR_ID), str(AUTHOR_PROFILE_ID)]


def _secret_time() -> datetime:
    """Three days ago (within the digest's week), at an hour at least three away from
    now's in UTC and in the site's time zone, so no named post written during the test
    shares its hour, and never at midnight (the start of a day may be shown)."""
    now = datetime.now(UTC)
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    hours = (now.hour, local.hour)
    hour = next(h for h in (9, 15, 20)
                if all(min((h - x) % 24, (x - h) % 24) >= 3 for x in hours))
    return (local - timedelta(days=3)).replace(hour=hour, minute=37, second=42,
                                               microsecond=424242)


# The moment every anonymous thing is dated, and how a page could show its time of day
# (in the site's time zone, or in UTC as the API does).
SECRET_TIME = _secret_time()
TIME_SECRETS = [token for moment in (SECRET_TIME, SECRET_TIME.astimezone(UTC))
                for token in (f"{moment:%H}:37",  # a clock time (12:37, T12:37:42…)
                              f"T{moment:%H}:",  # an ISO time, even to the hour
                              f"{moment:%H}:00")] + ["424242"]  # rounded; microseconds


def _date_anonymous_things(world) -> None:
    """Give every timestamp of anonymous posts (and their history) and of notifications
    no named person sent the secret moment."""
    when = SECRET_TIME
    for model, stamps in ((Story, ("created_at", "published_at", "visible_from")),
                          (StoryComment, ("created_at",)), (Thread, ("created_at",)),
                          (Reply, ("created_at",))):
        anonymous = model.objects.filter(is_anonymous=True)
        anonymous.update(**dict.fromkeys(stamps, when))
        anonymous.exclude(edited_at=None).update(edited_at=when)
    StoryRevision.objects.filter(story__is_anonymous=True).update(edited_at=when)
    PostRevision.objects.filter(comment__is_anonymous=True).update(edited_at=when)
    PostRevision.objects.filter(thread__is_anonymous=True).update(edited_at=when)
    PostRevision.objects.filter(reply__is_anonymous=True).update(edited_at=when)
    Notification.objects.filter(sender=None).update(created_at=when)
    # A discussion's last activity can be an anonymous post: the anonymous discussion
    # (as if its author's reply came last) and the lead's (its anonymous reply).
    Thread.objects.filter(pk__in=[world["thread"].pk, world["lead_thread"].pk]).update(
        last_activity_at=when)


@pytest.fixture
def author(db):
    user = UserFactory(pk=AUTHOR_ID, email=AUTHOR_EMAIL, roles=["member"],
                       password=password_hash("correct horse battery"))
    ProfileFactory(pk=AUTHOR_PROFILE_ID, user=user, display_name=AUTHOR_NAME,
                   job_title="Senior risk analyst", team="Risk & Compliance")
    return user


@pytest.fixture
def world(personas, author, django_capture_on_commit_callbacks):
    """Everything the anonymous author did, approved where it needed approving."""
    moderator, lead, member = personas["moderator"], personas["lead"], personas["member"]
    write = dict(prompt_started="I grew up in Grimsby; Dad was on the trawlers.",
                 prompt_hard="Nobody had heard of a graduate scheme.",
                 body="Ask @lead about the bursary — it changed everything.",
                 cover_quote="I nearly didn't apply.", tags=["free-school-meals"])
    with django_capture_on_commit_callbacks(execute=True):
        network = services.story_create(actor=author, submit=True, is_anonymous=True,
                                        title="From the fish docks to the risk team", **write)
        services.post_approve(actor=moderator, post=network)
        org = services.story_create(actor=author, submit=True, is_anonymous=True,
                                    audience=Audience.ORGANISATION,
                                    title="What I wish HR had asked me", **write)
        services.post_approve(actor=moderator, post=org)
        public = services.story_create(actor=author, submit=True, is_anonymous=True,
                                       audience=Audience.PUBLIC,
                                       title="The bus at six every morning", **write)
        services.post_approve(actor=moderator, post=public)
        services.story_public_decide(actor=lead, story=public, approve=True)
        # An edit after publication: back to the moderators, then approved again.
        services.story_update(actor=author, story=network, body="Ask @lead about the bursary.")
        network = services.post_approve(actor=moderator, post=network)
        services.story_feature_set(actor=lead, story=network, featured=True)
        # Responses on the anonymous story, including the author's own (anonymous) comment.
        comment = services.comment_create(actor=member, story=network, body="Same for me.")
        own = services.comment_create(actor=author, story=network, parent=comment,
                                      body="Thank you — @member, it gets easier.")
        own = services.post_approve(actor=moderator, post=own)
        services.reaction_toggle(actor=member, story=network, kind="helped")
        services.reaction_toggle(actor=lead, story=org, kind="me-too")
        services.story_share(actor=author, story=org, email=personas["analyst"].email,
                             note="Thought of you")
        # A discussion in the anonymous category, and replies.
        category = Category.objects.get(allow_anonymous=True)
        thread = services.thread_create(actor=author, category=category, is_anonymous=True,
                                        title="Is it normal to feel like a fraud here?",
                                        body="Asking for me. @moderator any advice?")
        thread = services.post_approve(actor=moderator, post=thread)
        services.reply_create(actor=lead, thread=thread, body="Yes, and it passes.")
        own_reply = services.reply_create(actor=author, thread=thread, body="Thanks @lead")
        services.post_approve(actor=moderator, post=own_reply)
        lead_thread = services.thread_create(actor=lead, category=category, title="Open mic",
                                             body="Anything goes.")
        anon_reply = services.reply_create(actor=author, thread=lead_thread,
                                           is_anonymous=True, body="Quoting nobody.")
        anon_reply = services.post_approve(actor=moderator, post=anon_reply)
        services.reply_create(actor=member, thread=lead_thread, quote_of=anon_reply,
                              body="> Quoting nobody.\n\nHa!")
        # Still waiting for the moderators, and a flagged post.
        services.story_create(actor=author, submit=True, is_anonymous=True,
                              title="Waiting in the queue", **write)
        services.reply_create(actor=author, thread=thread, body="One more thing…")
        services.flag_create(actor=member, post=own, reason="off_topic", note="Not sure")
        # Earlier versions: the author's own edit of an anonymous reply (approved again),
        # and moderators' edits, with reasons, of the anonymous comment and discussion.
        services.reply_update(actor=author, reply=anon_reply, body="Quoting nobody at all.")
        services.post_approve(actor=moderator, post=anon_reply)
        services.post_edit(actor=moderator, post=own, reason="Trimmed the mention",
                           body="Thank you — it gets easier.")
        services.post_edit(actor=moderator, post=thread, reason="A clearer title",
                           title="Feeling like a fraud here", body="Asking for me.")
    things = {"stories": [network, org, public], "thread": thread, "lead_thread": lead_thread,
              "comments": [comment, own], "replies": list(Reply.objects.all()),
              "category": category}
    _date_anonymous_things(things)
    return things


def _leaks(text: str) -> list[str]:
    """The author's identity, or the time of day of anything anonymous, in ``text``."""
    found = []
    for secret in SECRETS:
        if secret.isdigit():
            if re.search(rf"(?<!\d){secret}(?!\d)", text):
                found.append(secret)
        elif secret.lower() in text.lower():
            found.append(secret)
    # A clock time starts a time: "17:09:37" (a named post's minute and second) is not
    # the secret "09:37" (a named post created at hh:09:37 could make this test fail at random).
    return found + [secret for secret in TIME_SECRETS if re.search(
        (r"(?<![\d:])" if secret[:1].isdigit() else "") + re.escape(secret), text)]


def _argument_values(world, personas) -> dict[str, list]:
    ids = {
        "story_id": [s.pk for s in Story.objects.all()],
        "thread_id": [t.pk for t in Thread.objects.all()],
        "reply_id": [r.pk for r in Reply.objects.all()],
        "slug": list(Category.objects.values_list("slug", flat=True)),
        "tag_id": list(Tag.objects.values_list("pk", flat=True)[:2]),
        "kind_id": [1],
        "category_id": list(Category.objects.values_list("pk", flat=True)),
        "word_id": [1],
        "suspension_id": [1],
        "user_id": [personas["member"].pk],
        "profile_id": [personas["member"].profile.pk],
        "post_id": [],  # filled per kind below
        "action": ["approve"],
        "request_id": list(ConversationRequest.objects.values_list("pk", flat=True)),
    }
    return ids


def _community_urls(world, personas) -> list[str]:
    """Every GET-able community URL, with every object id it can take."""
    values = _argument_values(world, personas)
    posts = {"story": [s.pk for s in Story.objects.all()],
             "comment": [c.pk for c in StoryComment.objects.all()],
             "thread": [t.pk for t in Thread.objects.all()],
             "reply": [r.pk for r in Reply.objects.all()]}
    resolver = next(p for p in get_resolver().url_patterns
                    if isinstance(p, URLResolver) and p.namespace == "community")
    urls = []
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        params = list(pattern.pattern.converters)
        name = f"community:{pattern.name}"
        if "kind" in params:
            for kind, ids in posts.items():
                for pk in ids:
                    kwargs = {"kind": kind, "post_id": pk}
                    if "action" in params:
                        kwargs["action"] = "approve"
                    urls.append(reverse(name, kwargs=kwargs))
            continue
        for combo in product(*[values[p] for p in params]):
            urls.append(reverse(name, kwargs=dict(zip(params, combo, strict=True))))
    urls += [reverse("community:search") + f"?q={q}" for q in ("Grimsby", "fraud", "bursary",
                                                                "trawlers", "queue")]
    urls += [reverse("community:feed") + "?sort=helpful",
             reverse("community:feed") + "?tag=free-school-meals",
             f"{reverse('community:thread', args=[world['thread'].pk])}?quote="
             f"{world['replies'][0].pk}",
             f"{reverse('community:thread', args=[world['lead_thread'].pk])}?quote="
             f"{Reply.objects.filter(thread=world['lead_thread']).first().pk}",
             reverse("core:audit_log"), reverse("core:home")]
    return urls


def _api_paths(client) -> list[str]:
    schema = client.get("/api/v1/openapi.json").json()
    paths = []
    for template, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        names = re.findall(r"{(\w+)}", template)
        choices = {"story_id": [s.pk for s in Story.objects.all()],
                   "thread_id": [t.pk for t in Thread.objects.all()]}
        if any(n not in choices for n in names):
            continue  # another app's endpoint (e.g. insights' snapshot_id): no community ids
        for combo in product(*[choices[n] for n in names]):
            path = template
            for name, value in zip(names, combo, strict=True):
                path = path.replace("{" + name + "}", str(value))
            paths.append(path)
    paths += [f"/api/v1/search?q={q}" for q in ("Grimsby", "fraud", "bursary", "queue")]
    paths += ["/api/v1/threads?category=things-i-cant-ask-at-work", "/api/v1/stories?page=1",
              "/api/v1/stories?sort=helpful"]
    return paths


VIEWERS = ["anonymous", "member", "moderator", "lead", "analyst", "judge", "admin"]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_page_or_endpoint_reveals_the_anonymous_author(viewer, world, personas,
                                                          client_for, api_for):
    user = personas.get(viewer)
    client = client_for(user)
    checked = 0
    for url in _community_urls(world, personas):
        response = client.get(url)
        if response.status_code == 200:
            checked += 1
        body = response.content.decode()
        assert not _leaks(body), (viewer, url, _leaks(body))
        assert not _leaks(response.get("Location", "")), (viewer, url)
    # Guard against a vacuous pass: a visitor reaches the public pages, people far more.
    assert checked >= (3 if viewer == "anonymous" else 20), f"only {checked} pages answered"
    api = api_for(user)
    answered = 0
    for path in _api_paths(api):
        response = api.get(path)
        answered += response.status_code == 200
        assert not _leaks(response.content.decode()), (viewer, path, _leaks(
            response.content.decode()))
    assert viewer == "anonymous" or answered > 5


@pytest.mark.parametrize("viewer", ["member", "moderator", "lead", "analyst", "admin"])
def test_searching_for_the_author_finds_none_of_their_anonymous_posts(viewer, world, personas,
                                                                     client_for, api_for):
    # (The search page repeats the query, so these are checked by their results.)
    for query in ("Anonymouse", "Philippa Anonymouse-Quill", "quillhidden", AUTHOR_EMAIL):
        page = client_for(personas[viewer]).get(reverse("community:search"), {"q": query})
        assert page.status_code == 200 and page.context["results"].total == 0, query
        found = api_for(personas[viewer]).get("/api/v1/search", {"q": query}).json()
        assert found["total"] == 0 and found["results"] == [], query
    assert client_for(personas[viewer]).get(reverse("community:search"), {
        "q": "Grimsby"}).context["results"].total >= (1 if viewer != "judge" else 0)


@pytest.mark.parametrize("viewer", ["member", "moderator", "lead", "analyst", "admin"])
def test_notifications_emails_and_exports_of_others_do_not_reveal_the_author(
        viewer, world, personas, client_for):
    user = personas[viewer]
    client = client_for(user)
    notifications = client.get(reverse("community:notifications")).content.decode()
    assert not _leaks(notifications)
    export = client.post(reverse("accounts:my_data"))
    assert export.status_code == 200
    assert not _leaks(json.dumps(export.json(), ensure_ascii=False)), _leaks(
        json.dumps(export.json()))
    for message in mail.outbox:
        if user.email in message.to:
            assert not _leaks(message.subject + message.body), message.body


@pytest.mark.parametrize("viewer", ["moderator", "lead"])
def test_earlier_versions_of_anonymous_posts_name_nobody(viewer, world, personas, client_for):
    """Guard against a vacuous pass: moderators really read the old words (edited by
    "the author" or "a moderator"), and nothing on those pages names the author."""
    client = client_for(personas[viewer])
    own_comment = world["comments"][1]
    pages = {("comment", own_comment.pk): "Thank you — @member, it gets easier.",
             ("thread", world["thread"].pk): "Is it normal to feel like a fraud here?"}
    anon_reply = Reply.objects.get(thread=world["lead_thread"], is_anonymous=True)
    pages[("reply", anon_reply.pk)] = "Quoting nobody."
    for (kind, pk), old_words in pages.items():
        for url in (reverse("community:post_history", args=[kind, pk]),
                    reverse("community:moderate_edit", args=[kind, pk])):
            response = client.get(url)
            body = response.content.decode()
            assert response.status_code == 200 and old_words in body, url
            assert not _leaks(body), (url, _leaks(body))
    story = client.get(reverse("community:story", args=[own_comment.story_id])).content.decode()
    assert reverse("community:post_history", args=["comment", own_comment.pk]) in story
    assert not _leaks(story)


def test_the_author_reads_and_exports_the_history_of_their_anonymous_posts(world, author,
                                                                           client_for):
    client = client_for(author)
    own_comment = world["comments"][1]
    page = client.get(reverse("community:post_history", args=["comment", own_comment.pk]))
    assert page.status_code == 200
    assert "Thank you — @member, it gets easier." in page.content.decode()
    export = client.post(reverse("accounts:my_data")).json()["community"]
    [comment] = [c for c in export["comments"] if c["id"] == own_comment.pk]
    assert comment["history"][0]["edited_by"] == "a moderator"
    assert comment["history"][0]["reason"] == "Trimmed the mention"
    [thread] = [t for t in export["discussions"] if t["id"] == world["thread"].pk]
    assert thread["history"][0]["before"]["title"] == "Is it normal to feel like a fraud here?"


def test_the_suite_really_exercised_notifications_and_email(world, personas):
    """Guard against a vacuous pass: others were told about anonymous activity."""
    from upward.web.core.notifications.models import Notification

    texts = list(Notification.objects.exclude(recipient_id=AUTHOR_ID)
                 .values_list("text", flat=True))
    assert any("Anonymous member mentioned you" in t for t in texts)
    assert any("A colleague shared" in t for t in texts)
    assert any("Anonymous member replied" in t for t in texts)
    assert any(personas["lead"].email in m.to for m in mail.outbox)


def test_digest_emails_do_not_reveal_the_author(world, personas):
    from django.core.management import call_command

    mail.outbox.clear()
    call_command("send_digests")
    assert mail.outbox
    for message in mail.outbox:
        if AUTHOR_EMAIL not in message.to:
            assert not _leaks(message.body), message.body


def test_the_author_still_sees_and_manages_their_own_posts(world, author, client_for):
    """The other side of the promise: the private link works for the author."""
    client = client_for(author)
    mine = client.get(reverse("community:my_stories")).content.decode()
    assert "From the fish docks" in mine and "Waiting in the queue" in mine
    export = client.post(reverse("accounts:my_data")).json()["community"]
    assert {s["title"] for s in export["stories"]} >= {"From the fish docks to the risk team",
                                                       "Waiting in the queue"}
    assert all(s["anonymous"] for s in export["stories"])


def test_when_the_author_also_writes_named_posts_the_anonymous_ones_stay_unlinked(
        world, personas, author, client_for, api_for):
    services.story_create(actor=author, submit=True, title="Named and proud",
                          body="This one has my name on it.")
    for story in world["stories"]:
        page = client_for(personas["lead"]).get(reverse("community:story", args=[story.pk]))
        assert not _leaks(page.content.decode())
        data = api_for(personas["lead"]).get(f"/api/v1/stories/{story.pk}").json()
        assert data["author"] is None and data["anonymous"] is True
    found = api_for(personas["lead"]).get("/api/v1/search?q=Anonymouse").json()
    assert [r["url"] for r in found["results"]] == [
        reverse("community:story", args=[Story.objects.get(title="Named and proud").pk])]
    feed = client_for(personas["lead"]).get(reverse("community:feed")).content.decode()
    # The name appears once, on the named story's card, and nowhere near the others.
    cards = re.findall(r'<li class="card story-card">.*?</li>', feed, re.DOTALL)
    for card in cards:
        if "Named and proud" not in card:
            assert not _leaks(card), card


def test_deleting_the_account_with_kept_posts_removes_the_private_link(world, author):
    from upward.web.accounts.services import account_delete

    services.member_settings_update(user=author, email_mentions=True, email_replies=True,
                                    weekly_digest=True, on_account_deletion="anonymise")
    account_delete(user=author, password="correct horse battery")
    assert not User.objects.filter(pk=AUTHOR_ID).exists()
    assert not Profile.objects.filter(pk=AUTHOR_PROFILE_ID).exists()
    kept = Story.objects.get(pk=world["stories"][0].pk)
    assert kept.author_id is None and kept.is_anonymous


def test_anonymous_things_show_their_day_and_named_ones_their_time(world, personas,
                                                                   client_for, api_for):
    """Guard against a vacuous pass: the secret moment's day is what is shown, in pages
    and the API; a named post keeps its time to the minute."""
    lead = personas["lead"]
    story = world["stories"][0]
    day = SECRET_TIME.date()
    page = client_for(lead).get(reverse("community:story", args=[story.pk])).content.decode()
    assert f'<time datetime="{day.isoformat()}">{day:%-d %B %Y}</time>' in page
    published = datetime.fromisoformat(
        api_for(lead).get(f"/api/v1/stories/{story.pk}").json()["published_at"])
    local = published.astimezone(ZoneInfo(settings.TIME_ZONE))
    assert local.date() == day and (local.hour, local.minute, local.second) == (0, 0, 0)
    # The member's named comment on it is shown to the minute.
    named = world["comments"][0]
    assert f'datetime="{named.created_at.astimezone(ZoneInfo(settings.TIME_ZONE)):%Y-%m-%dT%H:%M}' \
        in page

"""The shared page cache never serves what a viewer may not see.

Withdrawn and hidden stories disappear on the very next request with the cache
warm — even if the content version were never bumped, because a cached page is
checked against the database before it is served; an anonymous author is in no
cached fragment; audiences are never mixed; a viewer's own posts, mutes and CSRF
token are never shared. One test runs the same against a real Redis.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse

from upward.web.community import caching, services

pytestmark = pytest.mark.django_db

FEED = "/community/"


@pytest.fixture(autouse=True)
def _cache_on(cache_on):
    """Every test here runs with the page cache on (conftest's ``cache_on``)."""


def _cached_values(backend=None):
    """What the shared cache holds (pages are stored with their expiry time)."""
    backend = backend or caches["default"]
    if isinstance(backend, LocMemCache):
        values = [backend.get(k.split(":", 2)[-1]) for k in list(backend._cache)]
    else:  # django-redis lists its own keys, without the prefix and version
        values = [backend.get(k) for k in backend.keys("*")]
    return [v[1] if isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], float) else v
            for v in values]


def _text(values) -> str:
    return repr(values)


@pytest.fixture
def no_bump(monkeypatch):
    """As if a bump were lost: the cache keeps its version whatever is written."""
    monkeypatch.setattr(caching, "bump", lambda *scopes: None)
    monkeypatch.setattr(caching, "_changed", lambda sender, **kwargs: None)


def _story(make_story, author, **fields):
    return make_story(author, title=fields.pop("title", "From the tills to the board"),
                      **fields)


def _warm(client, *paths):
    for path in paths:
        assert client.get(path).status_code == 200
    assert caching.content_version()


def test_pages_are_cached_and_checked(personas, client_for, make_story):
    story = _story(make_story, personas["member"])
    reader = client_for(personas["lead"])
    _warm(reader, FEED, reverse("community:story", args=[story.pk]))
    assert any(isinstance(v, dict) and story.pk in v.get("ids", []) for v in _cached_values())
    assert story.title in reader.get(FEED).content.decode()


@pytest.mark.parametrize("bumped", [True, False], ids=["bumped", "bump-lost"])
def test_withdrawn_story_disappears_at_once(personas, client_for, make_story, request, bumped):
    story = _story(make_story, personas["member"], title="A story to withdraw")
    reader = client_for(personas["lead"])
    page = reverse("community:story", args=[story.pk])
    search = reverse("community:search") + "?q=withdraw"
    _warm(reader, FEED, page, search)
    assert page in reader.get(search).content.decode()
    if not bumped:
        request.getfixturevalue("no_bump")
    services.story_withdraw(actor=personas["member"], story=story)
    assert "A story to withdraw" not in reader.get(FEED).content.decode()
    assert reader.get(page).status_code == 404
    assert page not in reader.get(search).content.decode()


@pytest.mark.parametrize("bumped", [True, False], ids=["bumped", "bump-lost"])
def test_hidden_story_disappears_at_once(personas, client_for, make_story, request, bumped):
    story = _story(make_story, personas["lead"], title="A story to hide")
    reader = client_for(personas["member"])  # leads and moderators see hidden posts
    page = reverse("community:story", args=[story.pk])
    search = reverse("community:search") + "?q=hide"
    _warm(reader, FEED, page, search)
    assert page in reader.get(search).content.decode()
    if not bumped:
        request.getfixturevalue("no_bump")
    services.post_hide(actor=personas["moderator"], post=story, reason="Names a colleague")
    assert "A story to hide" not in reader.get(FEED).content.decode()
    assert reader.get(page).status_code == 404
    assert page not in reader.get(search).content.decode()


def test_hidden_comment_disappears_at_once(personas, client_for, make_story):
    story = _story(make_story, personas["member"])
    comment = services.comment_create(actor=personas["lead"], story=story,
                                      body="A comment to hide")
    reader = client_for(personas["member"])
    page = reverse("community:story", args=[story.pk])
    _warm(reader, page, page)
    assert "A comment to hide" in reader.get(page).content.decode()
    services.post_hide(actor=personas["moderator"], post=comment, reason="Unkind")
    assert "A comment to hide" not in reader.get(page).content.decode()


def test_anonymous_author_is_in_no_cached_fragment(personas, client_for, publish_anonymous):
    author = personas["member"]
    story = publish_anonymous(title="Nobody knows it was me")
    services.comment_create(actor=author, story=story, body="Thank you all for reading")
    services.comment_create(actor=personas["lead"], story=story, body="Brave and useful")
    page = reverse("community:story", args=[story.pk])
    for persona in ("lead", "moderator", "analyst", "member"):
        client = client_for(personas[persona])
        for path in (FEED, page, reverse("community:search") + "?q=nobody",
                     reverse("community:search") + "?q=Persona"):
            client.get(path)
    cached = _text(_cached_values())
    assert "Nobody knows it was me" in cached  # the pages were cached…
    profile = author.profile
    for secret in (profile.display_name, author.email, f"/people/{profile.pk}/",
                   reverse("accounts:person", args=[profile.pk])):
        assert secret not in cached  # …without the author
    # The author's own view of the page says "you"; nobody else's does.
    own = client_for(author).get(page).content.decode()
    other = client_for(personas["lead"]).get(page).content.decode()
    mark = 'Anonymous member <span class="tag">you</span>'
    assert mark in own and mark not in other


def test_audiences_are_never_mixed(personas, client_for, make_story):
    _story(make_story, personas["member"], title="For the network only", audience="network")
    network, organisation = client_for(personas["lead"]), client_for(personas["analyst"])
    for first in (network, organisation):  # whoever warms the cache first
        cache.clear()
        first.get(FEED)
        first.get(reverse("community:search") + "?q=network")
        in_feed = "For the network only" in organisation.get(FEED).content.decode()
        found = "For the network only" in organisation.get(
            reverse("community:search") + "?q=network").content.decode()
        assert not in_feed and not found
        assert "For the network only" in network.get(FEED).content.decode()


def test_muted_author_stays_hidden_with_the_cache_warm(personas, client_for, make_story):
    _story(make_story, personas["member"], title="Loud opinions")
    reader = client_for(personas["lead"])
    _warm(client_for(personas["moderator"]), FEED)
    services.mute_set(actor=personas["lead"], member=personas["member"], muted=True)
    assert "Loud opinions" not in reader.get(FEED).content.decode()
    assert "Loud opinions" in client_for(personas["moderator"]).get(FEED).content.decode()


PLACEHOLDER = re.compile(r"upw[0-9a-f]{32}(?:name|unread|csrf)")


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_csrf_tokens_are_never_cached(personas, client_for, make_story):
    story = _story(make_story, personas["lead"])
    services.comment_create(actor=personas["moderator"], story=story, body="Answer me")
    page = reverse("community:story", args=[story.pk])
    reader = client_for(personas["member"])
    _warm(reader, page)
    html = reader.get(page).content.decode()
    assert not PLACEHOLDER.search(html)
    assert 'name="parent"' in html and 'name="csrfmiddlewaretoken" value=""' not in html
    assert _csrf_token(html) not in _text(_cached_values())
    # The cached comments and page know where a token goes, without holding one.
    assert any(isinstance(v, caching.Holes) and caching.CSRF in v.slots
               for v in _cached_values())


def test_cache_failure_falls_back_to_the_database(personas, client_for, make_story,
                                                  monkeypatch):
    _story(make_story, personas["member"], title="Still here")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert "Still here" in client_for(personas["lead"]).get(FEED).content.decode()


def test_off_in_production_without_a_shared_cache(settings):
    settings.UPWARD_COMMUNITY_CACHE = False
    assert caching.content_version() is None


def test_with_real_redis(settings, personas, client_for, make_story):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15", "KEY_PREFIX": "upward-test"}}
    backend = caches["default"]
    backend.clear()
    try:
        story = _story(make_story, personas["member"], title="Redis-cached story",
                       is_anonymous=False)
        reader = client_for(personas["lead"])
        page = reverse("community:story", args=[story.pk])
        _warm(reader, FEED, page)
        assert "Redis-cached story" in _text(_cached_values(backend))
        services.story_withdraw(actor=personas["member"], story=story)
        assert "Redis-cached story" not in reader.get(FEED).content.decode()
        assert reader.get(page).status_code == 404
    finally:
        backend.clear()


def test_shared_pages_carry_each_viewers_own_name_and_token(personas, client_for,
                                                            make_story):
    from upward.web.demo.factories import person

    story = _story(make_story, personas["lead"])
    other = person(roles=["member"], email="other@northbridge.example",
                   display_name="Other Reader")
    for path in (FEED, reverse("community:story", args=[story.pk]),
                 reverse("community:search") + "?q=tills"):
        first = client_for(personas["member"]).get(path).content.decode()
        second = client_for(other).get(path).content.decode()
        assert "Member Persona" in first and "Other Reader" not in first
        assert "Other Reader" in second and "Member Persona" not in second
        for html in (first, second):
            assert not PLACEHOLDER.search(html)


def test_search_own_posts_and_mutes_with_the_cache_warm(personas, client_for, make_story):
    _story(make_story, personas["member"], title="Night school in Wigan")
    search = reverse("community:search") + "?q=Wigan"
    assert "Member Persona" in client_for(personas["moderator"]).get(search).content.decode()
    own = client_for(personas["member"]).get(search).content.decode()
    assert 'Member Persona</a><span class="tag">you</span>' in own
    services.mute_set(actor=personas["lead"], member=personas["member"], muted=True)
    assert "Member Persona</a>" not in client_for(personas["lead"]).get(search).content.decode()


def test_shared_pages_show_each_viewers_unread_count(personas, client_for, make_story):
    from upward.web.core.notifications.models import Notification

    _story(make_story, personas["moderator"])
    for _ in range(3):
        Notification.objects.create(recipient=personas["member"], kind="reply", text="Hi")
    badge = '<span class="count">{}<span class="visually-hidden"> unread</span></span>'
    client_for(personas["lead"]).get(FEED)  # warms the shared page
    html = client_for(personas["member"]).get(FEED).content.decode()
    assert badge.format(3) in html
    assert 'class="count"' not in client_for(personas["lead"]).get(FEED).content.decode()


def _story_page_rendered(client, story) -> bool:
    """Whether the story's page was built (its comments read) rather than served cached."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("community:story", args=[story.pk])).status_code == 200
    return any('FROM "community_storycomment"' in (q["sql"] or "") and
               '"community_storycomment"."body"' in (q["sql"] or "") for q in queries)


def test_a_reaction_on_one_story_leaves_the_others_cached(personas, client_for, make_story):
    from upward.web.demo.factories import person

    one = _story(make_story, personas["member"], title="One")
    other = _story(make_story, personas["member"], title="Other")
    reader = client_for(person(roles=["member"], email="reader@northbridge.example"))
    for story in (one, other):
        assert _story_page_rendered(reader, story)
        assert not _story_page_rendered(reader, story)  # now cached
    services.reaction_toggle(actor=personas["moderator"], story=one, kind="helped")
    assert not _story_page_rendered(reader, other)
    assert _story_page_rendered(reader, one)
    page = reader.get(reverse("community:story", args=[one.pk])).content.decode()
    assert '<span class="reaction__count">1</span>' in page


def test_a_comment_shows_at_once_on_its_story_and_in_the_feed(personas, client_for,
                                                             make_story):
    story = _story(make_story, personas["member"], title="Commented on")
    reader = client_for(personas["lead"])
    _warm(reader, FEED, reverse("community:story", args=[story.pk]))
    services.comment_create(actor=personas["moderator"], story=story, body="Thank you!")
    assert "Thank you!" in reader.get(
        reverse("community:story", args=[story.pk])).content.decode()
    assert "1 comment" in reader.get(FEED).content.decode()


def test_a_new_name_reaches_every_cached_page(personas, client_for, make_story):
    from upward.web.accounts.models import Profile
    from upward.web.accounts.services import profile_update

    story = _story(make_story, personas["member"], title="Named story")
    reader = client_for(personas["lead"])
    pages = [FEED, reverse("community:story", args=[story.pk]),
             reverse("community:search") + "?q=Named"]
    _warm(reader, *pages)
    profile_update(profile=Profile.objects.get(user=personas["member"]),
                   display_name="Renamed Person")
    for path in pages:
        html = reader.get(path).content.decode()
        assert "Renamed Person" in html and "Member Persona" not in html, path


# --- text that looks like a placeholder -------------------------------------------------------

# What the placeholders used to be: a member who wrote them into a post made every
# reader's page carry that reader's name and CSRF token in the member's link.
OLD_PLACEHOLDERS = ("__upward_viewer_name__", "__upward_csrf_placeholder__",
                    "__upward_unread_badge__")
LURE = ("https://evil.example/?n=__upward_viewer_name__&t=__upward_csrf_placeholder__"
        "&u=__upward_unread_badge__")
WORDS = " ".join(OLD_PLACEHOLDERS)  # 74 characters: fits a display name
CODE = f"`{WORDS}`"  # Markdown keeps it literal in code, and search keeps code's words


def _victim():
    from upward.web.demo.factories import person

    return person(roles=["member"], email="victim@northbridge.example",
                  display_name="Vicky Victim")


def _assert_untouched(html: str, *, link: bool = False, name_shown: int | None = 1,
                      snippet: bool = False) -> None:
    """The member's words are shown as written, and this reader's name and token only
    where the page itself puts them. (A search snippet may show only some of the words:
    PostgreSQL's ``ts_headline`` picks a fragment.)"""
    assert not PLACEHOLDER.search(html)
    shown = [placeholder for placeholder in OLD_PLACEHOLDERS if placeholder in html]
    assert shown if snippet else shown == list(OLD_PLACEHOLDERS), shown
    if link:
        assert 'href="https://evil.example/?n=__upward_viewer_name__&amp;' \
               't=__upward_csrf_placeholder__&amp;u=__upward_unread_badge__"' in html
    if name_shown is not None:
        assert html.count("Vicky Victim") == name_shown  # the header
    for token in set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)):
        assert html.count(token) == html.count(f'name="csrfmiddlewaretoken" value="{token}"')


def _post(kind: str, personas, make_story, category) -> list[tuple[str, bool]]:
    """The member's post with the lure in it, and the pages that show it (each with
    whether it shows the post's links)."""
    member = personas["member"]
    if kind == "comment":
        story = _story(make_story, personas["lead"])
        services.comment_create(actor=member, story=story, body=f"Look [here]({LURE}) {CODE}")
        return [(reverse("community:story", args=[story.pk]), True)]
    if kind == "story body":
        story = _story(make_story, member, body=f"Look [here]({LURE}) {CODE}")
        return [(reverse("community:story", args=[story.pk]), True),
                (reverse("community:search") + "?q=tills", False)]
    if kind == "story title":
        story = _story(make_story, member, title=f"Tills {WORDS}")
        return [(FEED, False), (reverse("community:story", args=[story.pk]), False),
                (reverse("community:search") + "?q=tills", False)]
    if kind == "discussion":
        thread = services.thread_create(actor=member, category=category,
                                        title=f"Quokkas {WORDS}", body=f"Quokkas {CODE}")
        return [(reverse("community:search") + "?q=quokkas", False),
                (reverse("community:thread", args=[thread.pk]), False)]
    if kind == "reply":
        thread = services.thread_create(actor=personas["lead"], category=category,
                                        title="Wombats", body="Wombats")
        services.reply_create(actor=member, thread=thread, body=f"Quokkas {CODE}")
        return [(reverse("community:search") + "?q=quokkas", False),
                (reverse("community:thread", args=[thread.pk]), False)]
    if kind == "display name":
        from upward.web.accounts.services import profile_update

        profile_update(profile=member.profile, display_name=WORDS)
        story = _story(make_story, member)
        return [(FEED, False), (reverse("community:story", args=[story.pk]), False),
                (reverse("community:search") + "?q=tills", False)]
    assert kind == "search query"
    return [(reverse("community:search") + "?q=" + WORDS.replace(" ", "+"), False)]


@pytest.mark.parametrize("kind", ["comment", "story body", "story title", "discussion",
                                  "reply", "display name", "search query"])
def test_placeholder_text_in_what_members_write_is_never_filled_in(kind, personas,
                                                                   client_for, make_story,
                                                                   category):
    victim = client_for(_victim())
    for path, link in _post(kind, personas, make_story, category):
        for _ in range(2):  # built (and cached), then served from the cache
            response = victim.get(path)
            assert response.status_code == 200, path
            _assert_untouched(response.content.decode(), link=link,
                              snippet="/search/" in path and kind != "search query")


def test_placeholder_text_is_kept_for_a_reader_who_sees_comments_their_own_way(
        personas, client_for, make_story):
    """A reader who commented gets the comments rendered for them alone (around the
    shared article): the lure in someone else's comment stays as written there too."""
    story = _story(make_story, personas["lead"])
    services.comment_create(actor=personas["member"], story=story,
                            body=f"Look [here]({LURE}) {CODE}")
    victim = _victim()
    services.comment_create(actor=victim, story=story, body="My own comment")
    client = client_for(victim)
    for _ in range(2):
        html = client.get(reverse("community:story", args=[story.pk])).content.decode()
        _assert_untouched(html, link=True, name_shown=None)  # their comment's byline too


def test_a_career_change_or_a_deleted_account_reaches_every_cached_page(personas):
    # Heard through accounts' public_details_changed: community does not import its models.
    from upward.web.accounts.services import career_entry_add
    from upward.web.demo.factories import person

    before = caching.content_version()
    career_entry_add(profile=personas["member"].profile, title="Cashier", start_year=2010)
    after_career = caching.content_version()
    assert after_career != before
    person(roles=["member"], email="leaving@northbridge.example").delete()
    assert caching.content_version() != after_career

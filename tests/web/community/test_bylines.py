"""Names — bylines and @mentions — link to profiles only for viewers who may open
them ("see_people").

Who belongs to the network can be sensitive, so a profile answers 403 to
administrators, analysts and judges who are not members; their pages show an
author's name without a link. The shared page cache keeps linked and unlinked
fragments apart: whoever warms it first, each viewer gets the bylines for them.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from upward.web.community import services
from upward.web.community.models import Audience
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db

FEED = "/community/"
OUTSIDERS = ["admin", "analyst", "judge"]  # signed in, but not network members
MEMBERS = ["member", "moderator", "lead"]


@pytest.fixture
def posts(personas, make_story, org_category):
    """A story with a comment and a discussion with a reply, all seen by the whole
    organisation, all matching the search word "lighthouse" and each @mentioning the
    moderator."""
    writer, answerer = personas["member"], personas["lead"]
    story = make_story(writer, title="The lighthouse shift", audience=Audience.ORGANISATION,
                       body="Night shifts at the lighthouse paid for my degree, says @moderator.")
    services.comment_create(actor=answerer, story=story,
                            body="The lighthouse story again, @moderator!")
    thread = services.thread_create(actor=writer, category=org_category,
                                    title="Lighthouse volunteering day",
                                    body="Who is coming to the lighthouse, @moderator?")
    services.reply_create(actor=answerer, thread=thread, body="Count me in, @moderator.")
    return {"story": story, "thread": thread, "writer": writer, "answerer": answerer,
            "mentioned": personas["moderator"]}


@pytest.fixture
def reader(db):
    """A member who wrote none of it (and does not moderate), so the pages they get are
    the shared ones."""
    return person(roles=["member"], email="reader@northbridge.example",
                  display_name="Reader Persona")


def _pages(posts) -> dict[str, str]:
    return {
        "feed": FEED,
        "story": reverse("community:story", args=[posts["story"].pk]),
        "thread": reverse("community:thread", args=[posts["thread"].pk]),
        "search": reverse("community:search") + "?q=lighthouse",
    }


# The people whose bylines each page shows: the story page its comment's author too,
# the thread page its reply's.
SHOWN = {"feed": ["writer"], "story": ["writer", "answerer"],
         "thread": ["writer", "answerer"], "search": ["writer"]}
# How many @mentions each page shows in full text (the story and its comment, the
# discussion and its reply).
MENTIONS = {"feed": 0, "story": 2, "thread": 2, "search": 0}


def _profile_url(user) -> str:
    return reverse("accounts:person", args=[user.profile.pk])


def _assert_bylines(html: str, people, *, linked: bool) -> None:
    for user in people:
        name = user.profile.display_name
        assert name in html
        url = re.escape(_profile_url(user))
        link = re.search(rf'<a href="{url}"[^>]*>\s*{re.escape(name)}\s*</a>', html)
        assert bool(link) is linked, (name, linked)
    if not linked:
        assert 'href="/people/' not in html


def _assert_mentions(html: str, mentioned, count: int, *, linked: bool) -> None:
    link = f'<a href="{_profile_url(mentioned)}" class="mention"'
    assert html.count(link) == (count if linked else 0)
    assert html.count("@moderator") >= count  # the text stays, linked or not


def _check(client, posts, *, linked: bool) -> None:
    for page, path in _pages(posts).items():
        response = client.get(path)
        assert response.status_code == 200, page
        html = response.content.decode()
        _assert_bylines(html, [posts[who] for who in SHOWN[page]], linked=linked)
        _assert_mentions(html, posts["mentioned"], MENTIONS[page], linked=linked)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_see_names_without_links(personas, client_for, posts, role):
    _check(client_for(personas[role]), posts, linked=False)


@pytest.mark.parametrize("role", MEMBERS)
def test_members_see_names_linked_to_profiles(personas, client_for, posts, role):
    _check(client_for(personas[role]), posts, linked=True)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_cache_warmed_by_a_member_gives_outsiders_no_links(cache_on, personas, client_for,
                                                            posts, reader, role):
    member = client_for(reader)
    _check(member, posts, linked=True)
    _check(client_for(personas[role]), posts, linked=False)
    _check(member, posts, linked=True)  # served warm


@pytest.mark.parametrize("role", OUTSIDERS)
def test_cache_warmed_by_an_outsider_still_gives_members_links(cache_on, personas,
                                                                client_for, posts, reader,
                                                                role):
    outsider = client_for(personas[role])
    _check(outsider, posts, linked=False)
    _check(client_for(reader), posts, linked=True)
    _check(outsider, posts, linked=False)  # served warm

"""The prepared checks behind cached pages decide exactly as the selectors do.

Every combination of story state (status, hidden, embargo, when it became
visible, audience and public approval, named or anonymous, whose it is) is read
by every kind of viewer (network member, organisation-only employee, a member who
mutes the author, the author): the prepared query (``visible_authors``,
``story_glance``, ``shared_results_still_visible``) must give what the ORM
selectors give, and both what the rule in words says.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from upward.web.community import services
from upward.web.community.models import Audience, Mute, Reaction, ReactionKind, Status, Story
from upward.web.community.selectors import search as search_selectors
from upward.web.community.selectors import stories as selectors
from upward.web.community.selectors.discussions import threads_visible_to
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    now = timezone.now()
    writer = person(roles=["member"], email="writer@northbridge.example",
                    display_name="Story Writer")
    muter = person(roles=["member"], email="muter@northbridge.example",
                   display_name="Mutes The Writer")
    Mute.objects.create(user=muter, muted=writer)
    employee = personas["analyst"]  # not in the network: reads as the organisation
    stories = []
    states = itertools.product(
        [Status.PUBLISHED, Status.PENDING, Status.DRAFT], [False, True],  # hidden
        [None, now - timedelta(days=1), now + timedelta(days=1)],  # visible from
        [Audience.NETWORK, Audience.ORGANISATION, Audience.PUBLIC], [False, True],  # approved
        [False, True])  # anonymous
    for n, (status, hidden, visible_from, audience, approved, anonymous) in enumerate(states):
        if approved and audience != Audience.PUBLIC:
            continue
        stories.append(Story.objects.create(
            author=writer if n % 3 else personas["member"], is_anonymous=anonymous,
            status=status, hidden_at=now if hidden else None, title=f"Story {n}",
            audience=audience, public_approved_at=now if approved else None,
            visible_from=visible_from, published_at=visible_from,
            embargo_until=(now + timedelta(days=2)) if n % 4 == 0 else
            ((now - timedelta(days=2)) if n % 4 == 1 else None)))
    viewers = {"member": personas["member"], "lead": personas["lead"], "muter": muter,
               "employee": employee, "writer": writer}
    return {"stories": stories, "viewers": viewers, "writer": writer, "now": now}


def _rule(story, viewer, *, network: bool, mutes: set) -> bool:
    """The visibility rule in words (DESIGN: published, not hidden, visible now, the
    viewer's audience, named posts of muted members hidden)."""
    if story.status != Status.PUBLISHED or story.hidden_at is not None:
        return False
    if story.visible_from is None or story.visible_from > timezone.now():
        return False
    if not network and story.audience == Audience.NETWORK:
        return False
    return story.is_anonymous or story.author_id not in mutes


def test_visible_authors_matches_the_selector_and_the_rule(world):
    ids = [s.pk for s in world["stories"]]
    for name, viewer in world["viewers"].items():
        expected = dict(selectors.stories_visible_to(viewer=viewer).filter(pk__in=ids)
                        .values_list("pk", "author_id"))
        assert selectors.visible_authors(viewer=viewer, ids=ids) == expected, name
        mutes = set(Mute.objects.filter(user=viewer).values_list("muted_id", flat=True))
        network = name != "employee"
        assert set(expected) == {s.pk for s in world["stories"]
                                 if _rule(s, viewer, network=network, mutes=mutes)}, name
        # and for parts of the list (each length is compiled once)
        for part in (ids[:7], ids[5:6], ids[3:40]):
            assert selectors.visible_authors(viewer=viewer, ids=part) == {
                k: v for k, v in expected.items() if k in part}, name


def test_the_checks_see_things_in_both_audiences(world):
    # So the equivalence above is not vacuous.
    ids = [s.pk for s in world["stories"]]
    member = selectors.visible_authors(viewer=world["viewers"]["member"], ids=ids)
    employee = selectors.visible_authors(viewer=world["viewers"]["employee"], ids=ids)
    muter = selectors.visible_authors(viewer=world["viewers"]["muter"], ids=ids)
    assert len(member) > len(employee) > 0
    assert len(member) > len(muter) > 0


def test_story_glance_matches_the_selectors(world):
    kind = ReactionKind.objects.filter(is_active=True).first()
    some = world["stories"][0]
    Reaction.objects.create(story=some, user=world["viewers"]["member"], kind=kind)
    seen = 0
    for name, viewer in world["viewers"].items():
        for story in world["stories"]:
            glance = selectors.story_glance(viewer=viewer, story_id=story.pk)
            visible = selectors.stories_visible_to(viewer=viewer).filter(pk=story.pk).exists()
            assert (glance is not None) == visible, (name, story.title)
            if glance is None:
                continue
            seen += 1
            assert glance.author_id == story.author_id
            assert glance.is_visible == (story.is_live and not story.is_embargoed)
            assert glance.state == selectors.viewer_story_state(viewer=viewer, story=story)
    assert seen > 20


def test_shared_search_results_check_matches_the_selectors(world, personas, category):
    member, lead = personas["member"], personas["lead"]
    thread = services.thread_create(actor=lead, category=category, title="Night school",
                                    body="Anyone else?")
    reply = services.reply_create(actor=world["writer"], thread=thread, body="Me!")
    stories = world["stories"]

    def by_the_selectors(viewer, posts) -> bool:
        if Mute.objects.filter(user=viewer).exists():
            return False
        visible = {"story": selectors.stories_visible_to(viewer=viewer),
                   "thread": threads_visible_to(viewer=viewer),
                   "reply": search_selectors._replies_visible_to(viewer)}
        return all(visible[kind].filter(pk=pk).exclude(author=viewer).exists()
                   for kind, pk in posts)

    pages = [(("story", s.pk),) for s in stories[:60]] + [
        (("thread", thread.pk), ("reply", reply.pk)),
        (("thread", thread.pk), ("story", stories[1].pk), ("reply", reply.pk)),
        (("reply", reply.pk),), ()]
    answers = set()
    for viewer in (*world["viewers"].values(), lead):
        for posts in pages:
            expected = by_the_selectors(viewer, posts)
            assert search_selectors.shared_results_still_visible(
                viewer=viewer, posts=posts) == expected, (viewer.email, posts)
            answers.add(expected)
    assert answers == {True, False}
    assert member  # the member persona is among the viewers

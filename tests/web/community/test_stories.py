"""Stories: drafts, publishing, pre-moderation, visibility, embargo, editing with
history, withdrawing, public pages, and the honest notice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.community import services
from upward.web.community.models import Audience, Status, Story
from upward.web.community.notices import AudienceSizes, story_notice
from upward.web.community.selectors.search import search
from upward.web.community.selectors.stories import (
    can_see_story,
    featured_stories,
    public_stories,
    story_feed,
    story_history,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def test_a_draft_is_seen_by_its_author_only(personas, make_story, client_for):
    story = make_story(personas["member"], submit=False)
    assert story.status == Status.DRAFT
    for role in ("lead", "moderator", "admin", "analyst"):
        assert not can_see_story(viewer=personas[role], story=story)
        assert client_for(personas[role]).get(
            reverse("community:story", args=[story.pk])).status_code == 404
    assert client_for(personas["member"]).get(
        reverse("community:story", args=[story.pk])).status_code == 200


def test_a_named_story_publishes_at_once_for_the_network(personas, make_story):
    story = make_story(personas["member"], tags=["apprenticeship", "free-school-meals"])
    assert story.status == Status.PUBLISHED and story.visible_from is not None
    assert list(story_feed(viewer=personas["lead"])) == [story]
    assert sorted(t.slug for t in story.tags.all()) == ["apprenticeship", "free-school-meals"]
    # Network audience: analysts and administrators are not network members.
    assert not can_see_story(viewer=personas["analyst"], story=story)
    assert not can_see_story(viewer=personas["admin"], story=story)
    assert not can_see_story(viewer=None, story=story)


def test_an_anonymous_story_always_waits_for_a_moderator(personas, make_story):
    story = make_story(personas["member"], is_anonymous=True)
    assert story.status == Status.PENDING
    assert not can_see_story(viewer=personas["lead"], story=story)
    services.post_approve(actor=personas["moderator"], post=story)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert can_see_story(viewer=personas["lead"], story=story)
    entry = AuditEntry.objects.get(action="community.approve")
    assert entry.actor_id == personas["moderator"].pk
    assert "member" not in (entry.object_label + str(entry.detail)).lower()


def test_withdrawing_unpublishes_at_once_everywhere(personas, make_story, api_for):
    member, lead = personas["member"], personas["lead"]
    story = make_story(member, title="Nightshifts and night school")
    services.story_feature_set(actor=lead, story=story, featured=True)
    assert search(viewer=lead, query="night school").total == 1
    services.story_withdraw(actor=member, story=story)
    assert not can_see_story(viewer=lead, story=story)
    assert list(story_feed(viewer=lead)) == [] and featured_stories(viewer=lead) == []
    assert search(viewer=lead, query="night school").total == 0
    assert api_for(lead).get(f"/api/v1/stories/{story.pk}").status_code == 404
    # The author still has it, and can publish it again.
    services.story_submit(actor=member, story=story)
    assert can_see_story(viewer=lead, story=story)


def test_embargo_hides_a_story_until_its_date(personas, make_story):
    later = timezone.now() + timedelta(days=2)
    story = make_story(personas["member"], embargo_until=later)
    assert story.status == Status.PUBLISHED and story.visible_from == later
    assert not can_see_story(viewer=personas["lead"], story=story)
    Story.objects.filter(pk=story.pk).update(visible_from=timezone.now() - timedelta(minutes=1))
    assert can_see_story(viewer=personas["lead"], story=story)


def _embargo_ends(story) -> None:
    """Move a story's embargo into the past, as time passing would."""
    past = timezone.now() - timedelta(minutes=1)
    Story.objects.filter(pk=story.pk).update(embargo_until=past, visible_from=past)


def test_people_mentioned_in_an_embargoed_story_are_told_when_it_ends(
        personas, make_story, publish_anonymous):
    from io import StringIO

    from django.core.management import call_command

    from upward.web.core.notifications.models import Notification

    later = timezone.now() + timedelta(days=2)
    named = make_story(personas["member"], embargo_until=later,
                       body="Thanks to @lead for the push.")
    anonymous = publish_anonymous(embargo_until=later, title="Quietly",
                                  body="@moderator, @lead: you helped more than you know.")
    mentions = Notification.objects.filter(kind="mention")
    assert not mentions.exists()  # nobody can read them yet, so nobody is told
    out = StringIO()
    call_command("release_stories", stdout=out)
    assert "Announced 0 stories" in out.getvalue() and not mentions.exists()
    _embargo_ends(named)
    _embargo_ends(anonymous)
    call_command("release_stories", stdout=out)
    assert "Announced 2 stories" in out.getvalue()
    told = sorted((n.recipient.email, n.sender_id or 0) for n in mentions)
    # The anonymous story's mentions come from nobody.
    assert told == [("lead@northbridge.example", 0),
                    ("lead@northbridge.example", personas["member"].pk),
                    ("moderator@northbridge.example", 0)]
    assert all(s.announced_at for s in Story.objects.filter(pk__in=[named.pk, anonymous.pk]))
    # Told once: running it again announces nothing.
    call_command("release_stories", stdout=out)
    assert out.getvalue().rstrip().endswith("Announced 0 stories whose embargo ended.")
    assert mentions.count() == 3


def test_taking_an_embargo_off_announces_the_story_at_once(personas, make_story):
    from upward.web.core.notifications.models import Notification

    story = make_story(personas["member"], body="Thanks to @lead.",
                       embargo_until=timezone.now() + timedelta(days=3))
    mentions = Notification.objects.filter(kind="mention", recipient=personas["lead"])
    assert not mentions.exists()
    services.story_update(actor=personas["member"], story=story, embargo_until=None)
    assert mentions.count() == 1
    assert Story.objects.get(pk=story.pk).announced_at is not None


def test_release_leaves_stories_that_never_had_an_embargo_alone(personas, make_story):
    """Stories loaded in bulk (an import, a seed) may lack announced_at: the release job
    does not tell anyone about them, long after the fact."""
    from upward.web.core.notifications.models import Notification

    story = make_story(personas["member"], body="Thanks to @lead.")
    Notification.objects.all().delete()
    Story.objects.filter(pk=story.pk).update(announced_at=None)
    assert services.stories_release_due() == 0
    assert not Notification.objects.exists()


def test_a_story_live_at_once_is_announced_at_once(personas, make_story):
    from upward.web.core.notifications.models import Notification

    story = make_story(personas["member"], body="Thanks to @lead.")
    assert Story.objects.get(pk=story.pk).announced_at is not None
    assert Notification.objects.filter(kind="mention", recipient=personas["lead"]).count() == 1
    assert services.stories_release_due() == 0


def test_organisation_and_public_audiences(personas, make_story, client_for):
    member, lead, analyst = personas["member"], personas["lead"], personas["analyst"]
    org = make_story(member, title="For everyone", audience=Audience.ORGANISATION)
    public = make_story(member, title="For the world", audience=Audience.PUBLIC)
    assert can_see_story(viewer=analyst, story=org)
    # A public page waits for a lead; until then the organisation can read it.
    assert can_see_story(viewer=analyst, story=public)
    assert not can_see_story(viewer=None, story=public)
    assert client_for(None).get(reverse("community:public_story",
                                        args=[public.pk])).status_code == 404
    with pytest.raises(ApplicationError):
        services.story_public_decide(actor=personas["moderator"], story=public, approve=True)
    services.story_public_decide(actor=lead, story=public, approve=True)
    assert list(public_stories()) == [Story.objects.get(pk=public.pk)]
    page = client_for(None).get(reverse("community:public_story", args=[public.pk]))
    assert page.status_code == 200 and "For the world" in page.content.decode()
    feed = client_for(None).get(reverse("community:public_feed")).content.decode()
    assert "For the world" in feed and "For everyone" not in feed
    # Changing the words needs the lead's approval again.
    services.story_update(actor=member, story=public, body="A new ending.")
    assert not can_see_story(viewer=None, story=Story.objects.get(pk=public.pk))


def test_a_lead_can_keep_a_story_inside_with_a_reason(personas, make_story):
    story = make_story(personas["member"], audience=Audience.PUBLIC)
    with pytest.raises(ApplicationError, match="Reason"):
        services.story_public_decide(actor=personas["lead"], story=story, approve=False)
    services.story_public_decide(actor=personas["lead"], story=story, approve=False,
                                 reason="It names a school; let's talk first.")
    story.refresh_from_db()
    assert story.audience == Audience.ORGANISATION


def test_editing_a_published_story_keeps_its_history(personas, make_story):
    member = personas["member"]
    story = make_story(member, title="First title")
    services.story_update(actor=member, story=story, title="Second title")
    services.story_update(actor=member, story=story, title="Second title")  # no change
    reader = person(roles=["member"], display_name="Another Reader")
    history = story_history(viewer=reader, story=story)
    assert [h.revision.number for h in history] == [1]
    assert history[0].editor_label == "The author" and history[0].snapshot is None
    own = story_history(viewer=member, story=story)
    assert own[0].snapshot["title"] == "First title"
    moderator_view = story_history(viewer=personas["moderator"], story=story)
    assert moderator_view[0].snapshot["title"] == "First title"


def test_editing_an_anonymous_story_sends_it_back_to_the_moderators(personas,
                                                                    publish_anonymous):
    story = publish_anonymous()
    services.story_update(actor=personas["member"], story=story, body="Added a detail.")
    story.refresh_from_db()
    assert story.status == Status.PENDING
    assert not can_see_story(viewer=personas["lead"], story=story)


def test_a_published_story_cannot_switch_between_named_and_anonymous(personas, make_story):
    story = make_story(personas["member"])
    with pytest.raises(ApplicationError, match="named and anonymous"):
        services.story_update(actor=personas["member"], story=story, is_anonymous=True)
    story.refresh_from_db()
    assert not story.is_anonymous


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "  "}, "Title"),
    ({"title": "x" * 121}, "Title"),
    ({"tags": ["not-a-tag"]}, "not a tag"),
    ({"is_anonymous": True, "include_timeline": True}, "timeline"),
    ({"audience": "everyone"}, "Who can read it"),
    ({"prompt_started": "", "body": ""}, "empty"),
])
def test_bad_story_input_is_refused_and_saves_nothing(personas, make_story, fields, message):
    before = Story.objects.count()
    with pytest.raises(ApplicationError, match=message):
        make_story(personas["member"], **fields)
    assert Story.objects.count() == before


def test_only_network_members_write_stories_and_only_authors_change_them(personas,
                                                                         make_story):
    for role in ("analyst", "judge", "admin"):
        with pytest.raises(ApplicationError) as error:
            make_story(personas[role])
        assert error.value.status == 403
    story = make_story(personas["member"])
    for role in ("lead", "moderator"):
        for change in (lambda a: services.story_update(actor=a, story=story, title="Mine now"),
                       lambda a: services.story_withdraw(actor=a, story=story),
                       lambda a: services.story_delete(actor=a, story=story)):
            with pytest.raises(ApplicationError) as error:
                change(personas[role])
            assert error.value.status == 404
    story.refresh_from_db()
    assert story.title != "Mine now" and story.status == Status.PUBLISHED


def test_deleting_a_story_erases_it_and_its_responses(personas, make_story):
    story = make_story(personas["member"])
    services.comment_create(actor=personas["lead"], story=story, body="Thank you")
    services.reaction_toggle(actor=personas["lead"], story=story, kind="helped")
    services.story_delete(actor=personas["member"], story=story)
    assert not Story.objects.filter(pk=story.pk).exists()
    assert search(viewer=personas["lead"], query="checkout").total == 0


def test_featured_slot_is_curated_by_leads(personas, make_story):
    stories = [make_story(personas["member"], title=f"Story {i}") for i in range(4)]
    with pytest.raises(ApplicationError):
        services.story_feature_set(actor=personas["moderator"], story=stories[0], featured=True)
    for story in stories[:3]:
        services.story_feature_set(actor=personas["lead"], story=story, featured=True)
    with pytest.raises(ApplicationError, match="already 3"):
        services.story_feature_set(actor=personas["lead"], story=stories[3], featured=True)
    assert len(featured_stories(viewer=personas["member"])) == 3


def test_feed_filters_by_tag_and_orders_by_helpfulness(personas, make_story):
    quiet = make_story(personas["member"], title="Quiet", tags=["career-changer"])
    loved = make_story(personas["member"], title="Loved", tags=["apprenticeship"])
    for role in ("lead", "moderator"):
        services.reaction_toggle(actor=personas[role], story=loved, kind="helped")
    viewer = personas["lead"]
    assert [s.title for s in story_feed(viewer=viewer)] == ["Loved", "Quiet"]
    assert [s.title for s in story_feed(viewer=viewer, sort="helpful")] == ["Loved", "Quiet"]
    assert [s.title for s in story_feed(viewer=viewer, tag="career-changer")] == ["Quiet"]
    services.reaction_toggle(actor=personas["lead"], story=loved, kind="helped")
    services.reaction_toggle(actor=personas["moderator"], story=loved, kind="helped")
    for role in ("lead", "moderator"):
        services.reaction_toggle(actor=personas[role], story=quiet, kind="me-too")
    assert [s.title for s in story_feed(viewer=viewer, sort="helpful")] == ["Quiet", "Loved"]


def test_the_notice_says_exactly_who_can_see_what():
    sizes = AudienceSizes(network=42, organisation=900)
    named = " ".join(story_notice(anonymous=False, audience="network", include_timeline=True,
                                  embargo_until=None, sizes=sizes, organisation="Northbridge"))
    assert "42 people" in named and "name is shown" in named and "career timeline" in named
    anonymous = " ".join(story_notice(anonymous=True, audience="public",
                                      include_timeline=False,
                                      embargo_until=timezone.now() + timedelta(days=1),
                                      sizes=sizes, organisation="Northbridge"))
    for promise in ("not to moderators, network leads or administrators", "900 people",
                    "anyone on the internet", "moderator reads the story before",
                    "could in principle read that link", "can still identify you",
                    "Nobody else sees it before"):
        assert promise in anonymous, promise


def test_the_api_tells_moderators_and_the_author_where_a_story_stands(
        personas, make_story, api_for):
    story = make_story(personas["member"], is_anonymous=True, title="Waiting its turn")
    path = f"/api/v1/stories/{story.pk}"
    assert api_for(personas["moderator"]).get(path).json()["status"] == "pending"
    assert api_for(personas["member"]).get(path).json()["status"] == "pending"
    assert api_for(personas["lead"]).get(path).json()["status"] == "pending"
    services.post_approve(actor=personas["moderator"], post=story)
    assert api_for(personas["member"]).get(path).json()["status"] == "published"


def test_the_public_web_shows_a_mentioned_colleague_as_a_colleague(personas, make_story,
                                                                   client_for):
    """Colleagues agreed to nothing public, and a handle is the start of their work
    address: the public page, list and feed name nobody and link to no internal
    profile. Inside the organisation the mention still links to the profile."""
    member, lead = personas["member"], personas["lead"]
    story = make_story(member, audience=Audience.PUBLIC, title="Thank you @lead",
                       cover_quote="@lead believed in me",
                       prompt_started="My manager @lead put me forward. @nobody.here too.")
    other_lead = person(roles=["member", "lead"], email="lead2@northbridge.example")
    services.story_public_decide(actor=other_lead, story=story, approve=True)
    inside = client_for(lead).get(reverse("community:story", args=[story.pk])).content.decode()
    assert 'class="mention"' in inside and "@lead" in inside
    anyone = client_for(None)
    pages = [anyone.get(reverse("community:public_story", args=[story.pk])),
             anyone.get(reverse("community:public_index")),
             anyone.get(reverse("community:public_feed"))]
    for response in pages:
        text = response.content.decode()
        assert response.status_code == 200
        assert "@lead" not in text and "/people/" not in text and 'class="mention"' not in text
        assert "a colleague" in text
        assert "Lead Persona" not in text
    story_page = pages[0].content.decode()
    assert "Thank you a colleague" in story_page and "a colleague believed in me" in story_page
    assert "My manager a colleague put me forward" in story_page
    # A handle that names nobody here is left as written.
    assert "@nobody.here" in story_page


def test_leads_rename_a_tag_and_stories_are_found_by_the_new_name(personas, make_story,
                                                                  client_for):
    from upward.web.community.models import Tag

    lead = personas["lead"]
    tag = services.tag_save(actor=lead, name="Night school")
    make_story(personas["member"], title="Evenings", tags=[tag.slug])
    assert search(viewer=lead, query="night").total == 1
    url = reverse("community:tag_edit", args=[tag.pk])
    assert client_for(personas["member"]).post(url, {"name": "x"}).status_code in (403, 404)
    client = client_for(lead)
    assert "Night school" in client.get(url).content.decode()
    response = client.post(url, {"name": "Adult learning", "description": "Study later on"})
    assert response.status_code == 302
    tag = Tag.objects.get(pk=tag.pk)
    assert (tag.name, tag.slug, tag.description) == ("Adult learning", "adult-learning",
                                                     "Study later on")
    assert search(viewer=lead, query="adult learning").total == 1
    assert search(viewer=lead, query="night").total == 0
    entry = AuditEntry.objects.filter(action="community.tag").latest("at")
    assert entry.detail["renamed_from"] == "Night school"
    # A name another tag has is refused, and nothing changes.
    services.tag_save(actor=lead, name="Apprenticeships")
    response = client.post(url, {"name": "Apprenticeships"})
    assert response.status_code == 400 and "already exists" in response.content.decode()
    assert Tag.objects.get(pk=tag.pk).name == "Adult learning"

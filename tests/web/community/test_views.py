"""Pages: bad input gets a clear, specific message and changes nothing; previews save
nothing; htmx gets fragments; templates never read a post's author directly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from upward.web.community import services
from upward.web.community.models import (
    Reaction,
    Status,
    Story,
    StoryComment,
    Thread,
)
from upward.web.core.flags.models import Flag
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[3] / "src/upward/web/templates/community"


def _story_form(**overrides):
    data = {"title": "Checkout to boardroom", "prompt_started": "Hull, 1998.",
            "identity": "named", "audience": "network", "action": "publish"}
    data.update(overrides)
    return data


def test_writing_a_story_through_the_page(personas, client_for):
    client = client_for(personas["member"])
    response = client.post(reverse("community:story_new"), _story_form(tags=["apprenticeship"]))
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "community:story", args=[story.pk])
    assert story.status == Status.PUBLISHED and story.tags.get().slug == "apprenticeship"
    page = client.get(response["Location"]).content.decode()
    assert "Your story is published." in page and "Hull, 1998." in page


def test_preview_renders_and_saves_nothing(personas, client_for):
    response = client_for(personas["member"]).post(
        reverse("community:story_new"),
        _story_form(action="preview", identity="anonymous", prompt_started="**Bold** start"))
    html = response.content.decode()
    assert response.status_code == 200 and "<strong>Bold</strong>" in html
    assert "shown as “Anonymous member”" in html
    assert "Your name is not shown to anyone" in html  # the notice follows the choices
    assert not Story.objects.exists()


def _article(html: str) -> str:
    """The story's <article>, its time to the day (a preview is not published yet)."""
    article = re.search(r'<article class="story[^"]*".*?</article>', html, re.S).group(0)
    return re.sub(r'datetime="([^"T]+)T[^"]*"', r'datetime="\1"', article)


@pytest.mark.parametrize("identity", ["named", "anonymous"])
def test_the_preview_is_the_article_of_the_published_page(personas, client_for, identity):
    from upward.web.accounts.services import career_entry_add

    member = personas["member"]
    career_entry_add(profile=member.profile, title="Checkout operator", start_year=1998,
                     end_year=2004)
    form = _story_form(identity=identity, cover_quote="I kept going.",
                       prompt_started="Hull, 1998.", prompt_hard="**Money**, mostly.",
                       prompt_now="Team lead.", body="Thanks to @lead for the push.",
                       tags=["apprenticeship"],
                       include_timeline="on" if identity == "named" else "")
    client = client_for(member)
    preview = client.post(reverse("community:story_new"), {**form, "action": "preview"})
    assert preview.status_code == 200 and not Story.objects.exists()
    assert client.post(reverse("community:story_new"), form).status_code == 302
    story = Story.objects.get()
    if identity == "anonymous":
        services.post_approve(actor=personas["moderator"], post=story)
    published = client.get(reverse("community:story", args=[story.pk])).content.decode()
    article = _article(published)
    assert _article(preview.content.decode()) == article
    assert '<h1 id="story-title">Checkout to boardroom</h1>' in article
    for heading in ("Where I started", "What was hard", "Where I am now", "In my own words"):
        assert f"<h2>{heading}</h2>" in article
    assert ("Checkout operator" in article) is (identity == "named")


def test_the_public_page_keeps_the_prompt_headings(personas, make_story, client_for):
    story = make_story(personas["member"], audience="public", prompt_hard="Money.",
                       prompt_now="Team lead.")
    services.story_public_decide(actor=personas["lead"], story=story, approve=True)
    page = client_for(None).get(reverse("community:public_story", args=[story.pk]))
    article = _article(page.content.decode())
    for heading in ("Where I started", "What was hard", "Where I am now", "In my own words"):
        assert f"<h2>{heading}</h2>" in article


@pytest.mark.parametrize(("overrides", "message"), [
    ({"title": ""}, "Enter a title"),
    ({"prompt_started": ""}, "Your story is empty"),
    ({"identity": "anonymous", "include_timeline": "on"}, "timeline"),
    ({"audience": "everyone"}, "Select a valid choice"),
    ({"tags": ["made-up"]}, "Select a valid choice"),
    ({"embargo_until": "2001-01-01T09:00"}, "in the future"),
    ({"embargo_until": "next tuesday"}, "Embargo until must be a real date and time"),
    ({"title": "x" * 200}, "Title must be 120 characters or fewer"),
])
def test_bad_story_input_is_explained_and_saves_nothing(personas, client_for, overrides,
                                                        message):
    response = client_for(personas["member"]).post(reverse("community:story_new"),
                                                   _story_form(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not Story.objects.exists()


def test_bad_comment_reaction_flag_and_reply_input(personas, client_for, make_story, category):
    story = make_story(personas["member"])
    client = client_for(personas["lead"])
    empty = client.post(reverse("community:comment", args=[story.pk]), {"body": ""})
    assert empty.status_code == 400 and "There is a problem" in empty.content.decode()
    react = client.post(reverse("community:react", args=[story.pk]), {"kind": "angry"})
    assert react.status_code == 400 and "is not one of" in react.content.decode()
    flag = client.post(reverse("community:flag", args=["story", story.pk]), {"reason": "other"})
    assert flag.status_code == 400 and "tell the moderators what is wrong" in \
        flag.content.decode()
    thread = services.thread_create(actor=personas["member"], category=category, title="T",
                                    body="B")
    reply = client.post(reverse("community:reply", args=[thread.pk]), {"body": " "})
    assert reply.status_code == 400
    assert not (StoryComment.objects.exists() or Reaction.objects.exists()
                or Flag.objects.exists() or thread.replies.exists())


def test_reactions_answer_htmx_with_a_fragment(personas, client_for, make_story):
    story = make_story(personas["member"])
    response = client_for(personas["lead"]).post(
        reverse("community:react", args=[story.pk]), {"kind": "me-too"},
        headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'aria-pressed="true"' in html and "Reaction added." in html


def test_search_page_and_htmx_fragment(personas, client_for, make_story):
    make_story(personas["member"], title="Secondment stories")
    client = client_for(personas["lead"])
    page = client.get(reverse("community:search"), {"q": "secondment"})
    assert page.status_code == 200 and "<mark>Secondment</mark>" in page.content.decode()
    fragment = client.get(reverse("community:search"), {"q": "secondment"},
                          headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "1 result" in \
        fragment.content.decode()


def test_quoting_a_reply_prefills_the_form_without_naming_anonymous_authors(
        personas, client_for, anonymous_category):
    thread = services.thread_create(actor=personas["lead"], category=anonymous_category,
                                    title="T", body="B")
    reply = services.reply_create(actor=personas["member"], thread=thread, is_anonymous=True,
                                  body="My secret answer")
    services.post_approve(actor=personas["moderator"], post=reply)
    html = client_for(personas["lead"]).get(
        reverse("community:thread", args=[thread.pk]), {"quote": reply.pk}).content.decode()
    assert "&gt; **Anonymous member wrote:**" in html and "Member Persona" not in html


def test_moderation_actions_from_the_queue(personas, client_for, make_story):
    story = make_story(personas["member"], is_anonymous=True)
    client = client_for(personas["moderator"])
    queue = client.get(reverse("community:queue")).content.decode()
    assert "Anonymous member" in queue and "Member Persona" not in queue
    refused = client.post(reverse("community:moderate", args=["story", story.pk, "reject"]),
                          {"reason": ""})
    assert refused.status_code == 302
    assert Story.objects.get(pk=story.pk).status == Status.PENDING
    client.post(reverse("community:moderate", args=["story", story.pk, "approve"]))
    assert Story.objects.get(pk=story.pk).status == Status.PUBLISHED
    bad = client.post(reverse("community:moderate", args=["story", story.pk, "explode"]))
    assert bad.status_code == 404


def test_earlier_versions_after_a_moderators_edit_are_shown_to_moderators_and_the_author(
        personas, client_for, make_story, category):
    moderator, member, lead = personas["moderator"], personas["member"], personas["lead"]
    reader = person(roles=["member"], email="reader@northbridge.example",
                    display_name="Rita Reader")
    story = make_story(lead)
    comment = services.comment_create(actor=member, story=story, body="Call 07700 900123")
    thread = services.thread_create(actor=lead, category=category, title="Numbers",
                                    body="Anyone?")
    reply = services.reply_create(actor=member, thread=thread, body="Mine is 07700 900456")
    story_url = reverse("community:story", args=[story.pk])
    thread_url = reverse("community:thread", args=[thread.pk])
    client_for(reader).get(story_url)  # a shared page is cached before the edits
    mod = client_for(moderator)
    for kind, post in (("comment", comment), ("reply", reply)):
        edited = mod.post(reverse("community:moderate_edit", args=[kind, post.pk]),
                          {"body": "(number removed)", "reason": "Phone numbers stay private"})
        assert edited.status_code == 302
    comment_history = reverse("community:post_history", args=["comment", comment.pk])
    reply_history = reverse("community:post_history", args=["reply", reply.pk])
    # Moderators reach the old words from the post, the edit page and the queue.
    assert comment_history in mod.get(story_url).content.decode()
    assert reply_history in mod.get(thread_url).content.decode()
    edit_page = mod.get(reverse("community:moderate_edit", args=["reply", reply.pk]))
    assert "Mine is 07700 900456" in edit_page.content.decode()
    services.flag_create(actor=reader, post=comment, reason="other", note="Still rude")
    queue = mod.get(reverse("community:queue")).content.decode()
    assert comment_history in queue and "Earlier versions (1)" in queue
    page = mod.get(comment_history)
    assert page.status_code == 200
    main = page.content.decode().split("<main", 1)[1]  # the header names the viewer
    assert "Call 07700 900123" in main and "Phone numbers stay private" in main
    assert "edited by a moderator" in main and "Moderator Persona" not in main
    # The author too.
    mine = client_for(member)
    assert comment_history in mine.get(story_url).content.decode()
    assert reply_history in mine.get(thread_url).content.decode()
    assert "Mine is 07700 900456" in mine.get(reply_history).content.decode()
    # Everyone else sees the reason with the post, not the old words or the way to them.
    for url in (story_url, thread_url):
        html = client_for(reader).get(url).content.decode()
        assert "Phone numbers stay private" in html
        assert "07700" not in html and "/community/history/" not in html
    for url in (comment_history, reply_history):
        assert client_for(reader).get(url).status_code == 404


def test_thread_form_offers_anonymity_only_where_allowed(personas, client_for, category,
                                                        anonymous_category):
    client = client_for(personas["member"])
    plain = client.get(reverse("community:thread_new", args=[category.slug])).content.decode()
    open_ = client.get(reverse("community:thread_new",
                               args=[anonymous_category.slug])).content.decode()
    assert "Post anonymously" not in plain and "Post anonymously" in open_
    client.post(reverse("community:thread_new", args=[category.slug]),
                {"title": "T", "body": "B", "kind": "discussion", "is_anonymous": "on"})
    assert not Thread.objects.filter(is_anonymous=True).exists()


def test_templates_never_read_a_posts_author_directly():
    """Bylines come from identity.byline via {% byline %}: no template may show
    ``.author`` itself (only the moderation queue reads ``author_id`` of named posts
    to offer a suspension)."""
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for match in re.finditer(r"\.author(_id)?\b(?!_)", text):
            line = text[:match.start()].count("\n") + 1
            allowed = template.name == "_item.html" and match.group(1) == "_id"
            if not allowed:
                offenders.append(f"{template.relative_to(TEMPLATES)}:{line}")
    assert offenders == []


def test_a_story_whose_embargo_has_ended_can_still_be_edited(personas, client_for):
    """The edit form shows the embargo the story had; saving it unchanged after the
    date has passed is not "an embargo in the past", and the story keeps its place
    in the feed (visible from the end of the embargo)."""
    from datetime import timedelta

    from django.utils import timezone

    member = personas["member"]
    later = timezone.now() + timedelta(days=1)
    story = services.story_create(actor=member, submit=True, title="Held back",
                                  prompt_started="Hull.", embargo_until=later)
    ended = timezone.now() - timedelta(hours=2)
    Story.objects.filter(pk=story.pk).update(  # as if written a day before the embargo ended
        published_at=ended - timedelta(days=1), embargo_until=ended, visible_from=ended)
    client = client_for(member)
    page = client.get(reverse("community:story_edit", args=[story.pk])).content.decode()
    shown = re.search(r'name="embargo_until" value="([^"]+)"', page).group(1)
    response = client.post(reverse("community:story_edit", args=[story.pk]), _story_form(
        title="Held back, then told", embargo_until=shown, action="save"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Held back, then told"
    assert story.embargo_until == ended and story.visible_from == ended
    # A new date in the past is still refused, and changes nothing.
    response = client.post(reverse("community:story_edit", args=[story.pk]), _story_form(
        title="Changed", embargo_until="2020-01-01T09:00", action="save"))
    assert response.status_code == 400 and "in the future" in response.content.decode()
    assert Story.objects.get(pk=story.pk).title == "Held back, then told"


def test_muting_from_a_profile_or_a_discussion_and_undoing_it(personas, client_for, category,
                                                              anonymous_category):
    from upward.web.community.models import Mute

    lead, member = personas["lead"], personas["member"]
    client = client_for(lead)
    mute_url = reverse("community:mute", args=[member.profile.pk])
    profile_url = reverse("accounts:person", args=[member.profile.pk])
    page = client.get(profile_url).content.decode()
    assert f'action="{mute_url}"' in page and "Mute Member Persona" in page
    response = client.post(mute_url, {"mute": "1", "next": profile_url}, follow=True)
    assert Mute.objects.filter(user=lead, muted=member).exists()
    page = response.content.decode()
    assert "You have muted Member Persona" in page and "Unmute Member Persona" in page
    client.post(mute_url, {"mute": "0", "next": profile_url})
    assert not Mute.objects.exists()
    # Nobody is offered to mute themselves, on their own profile or their own post.
    own = client_for(member).get(profile_url).content.decode()
    assert mute_url not in own
    # A discussion offers to mute its named author, never an anonymous one.
    named = services.thread_create(actor=member, category=category, title="Named",
                                   body="Hello")
    assert mute_url in client.get(reverse("community:thread", args=[named.pk])).content.decode()
    assert mute_url not in client_for(member).get(
        reverse("community:thread", args=[named.pk])).content.decode()
    hidden_author = services.thread_create(actor=member, category=anonymous_category,
                                           title="Quiet", body="Hello", is_anonymous=True)
    services.post_approve(actor=personas["moderator"], post=hidden_author)
    page = client.get(reverse("community:thread", args=[hidden_author.pk])).content.decode()
    assert mute_url not in page and "/mute/" not in page


def test_reply_forms_say_what_they_do_once(personas, client_for, category, make_story):
    member, lead = personas["member"], personas["lead"]
    thread = services.thread_create(actor=lead, category=category, title="Night school",
                                    body="Who did it?")
    page = client_for(member).get(reverse("community:thread", args=[thread.pk])
                                  ).content.decode()
    assert page.count("Your reply") == 1  # the label, under "Reply to the discussion"
    assert '<h3 id="reply-form-heading">Reply to the discussion</h3>' in page
    story = make_story(member, title="Tills")
    services.comment_create(actor=lead, story=story, body="Great story.")
    page = client_for(member).get(reverse("community:story", args=[story.pk])).content.decode()
    assert "<summary>Reply to this comment" in page and ">Answer<" not in page

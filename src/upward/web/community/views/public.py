"""The public web: stories a network lead approved for everyone, and their Atom feed."""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from upward.web.community.models import PROMPTS, STORY_TEXT_FIELDS
from upward.web.community.selectors.stories import public_stories, timeline_for
from upward.web.community.services.notifications import mention_links
from upward.web.community.views.paging import window
from upward.web.core.content import identity
from upward.web.core.content.rendering import excerpt, without_mention_links, without_mentions


def _colleagues(story) -> set[str]:
    """The @handles in the story that name colleagues."""
    return set(mention_links("\n".join(getattr(story, f) for f in STORY_TEXT_FIELDS)))


def _public_words(story) -> SimpleNamespace:
    """The story's title and cover quote as the public web shows them: each colleague
    it @mentions is "a colleague" (they agreed to nothing public, and their handle is
    their work address)."""
    colleagues = _colleagues(story)
    return SimpleNamespace(title=without_mentions(story.title, colleagues),
                           cover_quote=without_mentions(story.cover_quote, colleagues),
                           colleagues=colleagues)


def public_index(request):
    page = window(public_stories(), request.GET.get("page"))
    for story in page.items:
        story.public = _public_words(story)
    return render(request, "community/public/index.html", {"page": page})


def public_story(request, story_id: int):
    story = public_stories().filter(pk=story_id).first()
    if story is None:
        raise Http404("No such story.")
    story.public = _public_words(story)
    prompts = [(heading, without_mention_links(story.rendered.get(field, "")))
               for field, (heading, _) in PROMPTS.items() if getattr(story, field).strip()]
    return render(request, "community/public/story.html", {
        "story": story, "prompts": prompts,
        "body_html": without_mention_links(story.rendered.get("body", "")),
        "byline": identity.byline(story), "timeline": timeline_for(story),
    })


class PublicStoriesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return f"Stories from {settings.UPWARD_ORGANISATION_NAME}"

    def subtitle(self):
        return "Colleagues' stories of where they started and where they are now."

    def link(self):
        return reverse("community:public_index")

    def items(self):
        stories = list(public_stories()[:30])
        for story in stories:
            story.public = _public_words(story)
        return stories

    def item_title(self, item):
        return item.public.title

    def item_description(self, item):
        text = "\n\n".join(without_mentions(part, item.public.colleagues) for part in [
            item.cover_quote, *[getattr(item, f) for f in PROMPTS], item.body])
        return excerpt(text, 600)

    def item_link(self, item):
        return reverse("community:public_story", args=[item.pk])

    def item_author_name(self, item):
        return identity.public_name(item)

    def item_pubdate(self, item):
        return identity.shown_time(item.visible_from, item)

    def item_updateddate(self, item):
        return identity.shown_time(item.edited_at or item.visible_from, item)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

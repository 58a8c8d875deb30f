"""The public web: stories a network lead approved for everyone, and their Atom feed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from upward.web.community import identity
from upward.web.community.models import PROMPTS
from upward.web.community.rendering import excerpt
from upward.web.community.selectors.stories import public_stories, timeline_for
from upward.web.community.views.paging import window


def public_index(request):
    page = window(public_stories(), request.GET.get("page"))
    return render(request, "community/public/index.html", {"page": page})


def public_story(request, story_id: int):
    story = public_stories().filter(pk=story_id).first()
    if story is None:
        raise Http404("No such story.")
    prompts = [(heading, story.rendered.get(field, "")) for field, (heading, _) in
               PROMPTS.items() if getattr(story, field).strip()]
    return render(request, "community/public/story.html", {
        "story": story, "prompts": prompts, "body_html": story.rendered.get("body", ""),
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
        return public_stories()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = "\n\n".join([item.cover_quote, *[getattr(item, f) for f in PROMPTS], item.body])
        return excerpt(text, 600)

    def item_link(self, item):
        return reverse("community:public_story", args=[item.pk])

    def item_author_name(self, item):
        return identity.public_name(item)

    def item_pubdate(self, item):
        return item.visible_from

    def item_updateddate(self, item):
        return item.edited_at or item.visible_from

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

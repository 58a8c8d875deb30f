"""The community's panels on the signed-in home page (registered from ``CommunityConfig.ready``).

Everything comes from the community's selectors, which decide what the viewer may
see. Panels show titles, counts and dates only: never an author, and never a time of
day (an anonymous post's time is shown to the day only, see ``identity.shown_time``).
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from upward.web.community.access import is_lead, is_moderator, is_network_member
from upward.web.community.models import Status
from upward.web.community.selectors import discussions, moderation, stories
from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel

RECENT = timedelta(days=7)  # "new" on the home page: in the last week
SHOWN = 5  # items per panel; each panel links to the full list


def _day(when) -> str:
    return date_format(timezone.localtime(when), "j M Y")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@home_panel("community.moderation", order=10)
def review_queue(viewer) -> HomePanel | None:
    if not is_moderator(viewer):
        return None
    pending = len(moderation.pending_posts(viewer=viewer))
    flagged = len(moderation.flagged_posts(viewer=viewer))
    summary = (f"{_plural(pending, 'post is', 'posts are')} waiting for approval and "
               f"{_plural(flagged, 'post has', 'posts have')} open flags."
               if pending or flagged else "")
    return HomePanel(
        title="Review queue", summary=summary, empty="Nothing is waiting for review.",
        actions=[HomeLink("Open the review queue", reverse("community:queue"))])


@home_panel("community.approvals", order=11)
def public_page_requests(viewer) -> HomePanel | None:
    if not is_lead(viewer):
        return None
    requests = moderation.public_requests(viewer=viewer)
    return HomePanel(
        title="Waiting for your approval",
        summary=_plural(len(requests), "story asks", "stories ask") + " for a public web page."
        if requests else "",
        items=[HomeItem(item.title, item.url) for item in requests[:SHOWN]],
        empty="No stories are waiting for your approval.",
        actions=[HomeLink("Decide in the review queue",
                          reverse("community:queue") + "#public-heading")])


@home_panel("community.drafts", order=20)
def drafts(viewer) -> HomePanel | None:
    if not is_network_member(viewer):  # only network members write stories
        return None
    own = stories.own_stories(viewer=viewer).filter(status=Status.DRAFT)[:SHOWN]
    return HomePanel(
        title="Your drafts",
        items=[HomeItem(story.title or "Untitled draft",
                        reverse("community:story_edit", args=[story.pk]),
                        f"Last saved {_day(story.edited_at or story.created_at)}")
               for story in own],
        empty="You have no drafts. Only you can see a draft until you publish it.",
        actions=[HomeLink("Write a story", reverse("community:story_new")),
                 HomeLink("All your stories", reverse("community:my_stories"))])


@home_panel("community.stories", order=30)
def new_stories(viewer) -> HomePanel:
    since = timezone.now() - RECENT
    recent = stories.story_feed(viewer=viewer).filter(visible_from__gte=since)[:SHOWN]
    return HomePanel(
        title="New stories",
        items=[HomeItem(story.title, reverse("community:story", args=[story.pk]),
                        f"{_day(story.visible_from)} · "
                        + _plural(story.comment_count, "comment", "comments"))
               for story in recent],
        empty="No new stories in the last week.",
        actions=[HomeLink("All stories", reverse("community:feed"))])


@home_panel("community.discussions", order=40)
def active_discussions(viewer) -> HomePanel:
    since = timezone.now() - RECENT
    active = discussions.thread_list(viewer=viewer).filter(last_activity_at__gte=since)[:SHOWN]
    return HomePanel(
        title="New replies in discussions",
        items=[HomeItem(thread.title, reverse("community:thread", args=[thread.pk]),
                        _plural(thread.reply_count, "reply", "replies")
                        + f" · last on {_day(thread.last_activity_at)}")
               for thread in active],
        empty="No discussions have new posts in the last week.",
        actions=[HomeLink("All discussions", reverse("community:discussions"))])

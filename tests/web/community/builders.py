"""Posts for the permission tests: one of each thing, written by the member."""

from __future__ import annotations

from upward.web.community import services
from upward.web.community.models import Audience, Category


def build_things(people) -> dict:
    """One of each thing, written by the member."""
    member, lead = people["member"], people["lead"]

    def story(**fields):
        return services.story_create(actor=member, submit=True, body="Text", **fields)

    public = story(title="Public story", audience=Audience.PUBLIC)
    services.story_public_decide(actor=lead, story=public, approve=True)
    network_category = Category.objects.get(slug="careers-and-progression")
    org_category = Category.objects.get(slug="events-and-volunteering")
    network = story(title="Network story")
    question = services.thread_create(actor=member, category=network_category, title="Q?",
                                      body="?", kind="question")
    return {
        "network": network, "org": story(title="Org story", audience=Audience.ORGANISATION),
        "public": public, "pending": story(title="Pending", is_anonymous=True),
        "thread": services.thread_create(actor=member, category=network_category,
                                         title="Thread", body="Body"),
        "org_thread": services.thread_create(actor=member, category=org_category,
                                             title="Org thread", body="Body"),
        "network_category": network_category, "org_category": org_category,
        "question": question,
        "answer": services.reply_create(actor=lead, thread=question, body="A."),
        "comment": services.comment_create(actor=lead, story=network, body="Hi"),
    }

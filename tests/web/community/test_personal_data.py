"""The community's part of "download my data", and account deletion: posts erased,
or kept without the person's name, as they chose."""

from __future__ import annotations

import pytest

from upward.web.accounts.services import account_delete, personal_data_export
from upward.web.community import services
from upward.web.community.models import (
    PostRevision,
    Reaction,
    Reply,
    Status,
    Story,
    StoryComment,
    Thread,
)
from upward.web.community.selectors.search import search
from upward.web.community.selectors.stories import story_comments
from upward.web.core.notifications.models import Notification
from upward.web.core.search.models import SearchEntry
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture
def leaver(db):
    return person(roles=["member"], email="leaver@northbridge.example",
                  display_name="Lesley Leaver")


@pytest.fixture
def history(leaver, personas, make_story, category):
    """What the leaver wrote, and what others wrote around it."""
    lead, member = personas["lead"], personas["member"]
    named = make_story(leaver, title="Named by Lesley", body="Ladders and snakes.")
    draft = make_story(leaver, title="Unfinished", submit=False)
    others_story = make_story(member, title="Someone else's story")
    comment = services.comment_create(actor=leaver, story=others_story, body="Lesley's comment")
    answer = services.comment_create(actor=lead, story=others_story, parent=comment,
                                     body="An answer to Lesley")
    services.reaction_toggle(actor=leaver, story=others_story, kind="helped")
    quiet = services.thread_create(actor=leaver, category=category, title="Nobody replied",
                                   body="Hello?")
    busy = services.thread_create(actor=leaver, category=category, title="Lesley's question",
                                  body="What do you think?")
    reply = services.reply_create(actor=lead, thread=busy, body="Lead's reply")
    own_reply = services.reply_create(actor=leaver, thread=busy, body="Lesley's reply")
    services.mute_set(actor=leaver, member=member, muted=True)
    return {"named": named, "draft": draft, "others_story": others_story, "comment": comment,
            "answer": answer, "quiet": quiet, "busy": busy, "reply": reply,
            "own_reply": own_reply}


def test_the_export_holds_everything_the_person_wrote_or_did(leaver, history, publish_anonymous):
    anonymous = publish_anonymous(author=leaver, title="Anonymous by Lesley")
    services.story_update(actor=leaver, story=history["named"], title="Renamed by Lesley")
    data = personal_data_export(user=leaver)["community"]
    titles = {s["title"]: s for s in data["stories"]}
    assert set(titles) == {"Renamed by Lesley", "Unfinished", "Anonymous by Lesley"}
    assert titles["Anonymous by Lesley"]["anonymous"] is True
    assert titles["Renamed by Lesley"]["history"][0]["before"]["title"] == "Named by Lesley"
    assert titles["Renamed by Lesley"]["history"][0]["edited_by"] == "you"
    assert [c["body"] for c in data["comments"]] == ["Lesley's comment"]
    assert {t["title"] for t in data["discussions"]} == {"Nobody replied", "Lesley's question"}
    assert [r["body"] for r in data["replies"]] == ["Lesley's reply"]
    assert [r["reaction"] for r in data["reactions"]] == ["This helped me"]
    assert data["muted_members"] == ["Member Persona"]
    assert anonymous.pk in {s["id"] for s in data["stories"]}


def test_others_exports_hold_only_their_own_posts(leaver, history, personas):
    data = personal_data_export(user=personas["lead"])["community"]
    assert data["stories"] == []
    assert [c["body"] for c in data["comments"]] == ["An answer to Lesley"]
    assert [r["body"] for r in data["replies"]] == ["Lead's reply"]
    assert data["discussions"] == [] and data["muted_members"] == []


def test_deleting_the_account_erases_posts_by_default(leaver, history, personas):
    account_delete(user=leaver, password=PASSWORD)
    assert not Story.objects.filter(title__in=["Named by Lesley", "Unfinished"]).exists()
    assert not StoryComment.objects.filter(body="Lesley's comment").exists()
    assert not Reply.objects.filter(body="Lesley's reply").exists()
    assert not Thread.objects.filter(pk=history["quiet"].pk).exists()
    # Others' words stay: the answer moves up a level, the busy thread keeps its reply.
    answer = StoryComment.objects.get(pk=history["answer"].pk)
    assert answer.parent_id is None
    busy = Thread.objects.get(pk=history["busy"].pk)
    assert busy.title == "Deleted discussion" and busy.body == "" and busy.author_id is None
    assert Reply.objects.filter(pk=history["reply"].pk).exists()
    others_story = Story.objects.get(pk=history["others_story"].pk)
    assert others_story.reaction_count == 0 and not Reaction.objects.exists()
    assert others_story.comment_count == 1
    assert search(viewer=personas["lead"], query="Lesley").total == 0
    assert search(viewer=personas["lead"], query="snakes").total == 0


def test_deleting_the_account_can_keep_posts_without_the_name(leaver, history, personas):
    services.member_settings_update(user=leaver, email_mentions=True, email_replies=True,
                                    weekly_digest=True, on_account_deletion="anonymise")
    account_delete(user=leaver, password=PASSWORD)
    kept = Story.objects.get(pk=history["named"].pk)
    assert kept.author_id is None and kept.is_anonymous and kept.status == Status.PUBLISHED
    assert not Story.objects.filter(pk=history["draft"].pk).exists()  # never published
    comment = StoryComment.objects.get(pk=history["comment"].pk)
    assert comment.author_id is None and comment.is_anonymous
    [view] = story_comments(viewer=personas["lead"], story=history["others_story"])
    assert view.byline.label == "Anonymous member"
    # The name no longer finds the kept posts, but their words still do.
    assert search(viewer=personas["lead"], query="Lesley Leaver").total == 0
    assert search(viewer=personas["lead"], query="snakes").total == 1
    assert SearchEntry.objects.filter(author_name="Lesley Leaver").count() == 0


def test_earlier_versions_are_in_the_export_and_go_with_erased_posts(leaver, history,
                                                                     personas):
    moderator = personas["moderator"]
    services.post_edit(actor=moderator, post=history["comment"], reason="Too personal",
                       body="Edited by a moderator")
    services.reply_update(actor=leaver, reply=history["own_reply"],
                          body="Lesley's second thoughts")
    services.thread_update(actor=leaver, thread=history["busy"], title="Lesley's question",
                           body="What do you all think?")
    data = personal_data_export(user=leaver)["community"]
    [comment] = data["comments"]
    assert comment["history"] == [{
        "edited_at": comment["history"][0]["edited_at"], "edited_by": "a moderator",
        "reason": "Too personal", "before": {"body": "Lesley's comment"}}]
    [reply] = data["replies"]
    assert reply["history"][0]["before"] == {"body": "Lesley's reply"}
    assert reply["history"][0]["edited_by"] == "you"
    busy = next(t for t in data["discussions"] if t["title"] == "Lesley's question")
    assert busy["history"][0]["before"] == {"title": "Lesley's question",
                                            "body": "What do you think?"}
    # Nobody else's export holds them (the moderator's neither).
    others = personal_data_export(user=moderator)["community"]
    assert "Lesley's comment" not in str(others)
    account_delete(user=leaver, password=PASSWORD)
    # Erased with the posts, including the discussion kept for others' replies.
    assert not PostRevision.objects.exists()
    assert Thread.objects.filter(pk=history["busy"].pk).exists()


def test_kept_posts_keep_their_history_without_the_link_to_the_person(leaver, history,
                                                                      personas):
    services.member_settings_update(user=leaver, email_mentions=True, email_replies=True,
                                    weekly_digest=True, on_account_deletion="anonymise")
    services.reply_update(actor=leaver, reply=history["own_reply"], body="Second thoughts")
    services.post_edit(actor=personas["moderator"], post=history["comment"], reason="Tidy",
                       body="Tidied")
    account_delete(user=leaver, password=PASSWORD)
    kept = {r.body: r for r in PostRevision.objects.all()}
    assert set(kept) == {"Lesley's reply", "Lesley's comment"}
    assert kept["Lesley's reply"].editor_id is None
    assert kept["Lesley's comment"].editor == personas["moderator"]


def test_notifications_naming_the_person_go_with_them(leaver, personas, make_story):
    story = make_story(personas["member"])
    services.comment_create(actor=leaver, story=story, body="Hi")
    assert Notification.objects.filter(recipient=personas["member"],
                                       text__contains="Lesley Leaver").exists()
    account_delete(user=leaver, password=PASSWORD)
    assert not Notification.objects.filter(text__contains="Lesley Leaver").exists()

"""Notifications, settings, flags and the search index moved from community's tables to
core's: every row made before the move is there after it, pointing at the same posts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("community", "0004_story_announced_at"), ("core", "0003_throttle_hits")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_rows_made_before_the_move_keep_their_ids_targets_and_choices():
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    now = timezone.now()
    user_model = old.get_model("accounts", "User")
    writer = user_model.objects.create(email="writer@example.org", password="!",
                                       date_joined=now)
    reader = user_model.objects.create(email="reader@example.org", password="!",
                                       date_joined=now)
    story = old.get_model("community", "Story").objects.create(
        author=writer, title="Night school", body="Apprenticeships", status="published",
        published_at=now, visible_from=now)
    comment = old.get_model("community", "StoryComment").objects.create(
        story=story, author=writer, body="A comment")
    category = old.get_model("community", "Category").objects.create(name="Moved rows",
                                                                       slug="moved-rows")
    thread = old.get_model("community", "Thread").objects.create(
        category=category, author=writer, title="Study leave", body="Who took it?")
    reply = old.get_model("community", "Reply").objects.create(thread=thread, author=reader,
                                                               body="I did")
    flag_model = old.get_model("community", "Flag")
    flags = {
        "story": flag_model.objects.create(reporter=reader, reason="spam", story=story),
        "storycomment": flag_model.objects.create(reporter=reader, reason="unkind",
                                                  comment=comment, note="Rude"),
        "thread": flag_model.objects.create(reporter=reader, reason="off_topic", thread=thread,
                                            resolved_at=now, resolved_by=writer,
                                            resolution="No action needed"),
        "reply": flag_model.objects.create(reporter=writer, reason="other", reply=reply,
                                           note="Names a manager"),
    }
    entry_model = old.get_model("community", "SearchEntry")
    entries = {
        "story": entry_model.objects.create(kind="story", story=story, title="Night school",
                                            text="Apprenticeships", author_name="Wendy Writer"),
        "thread": entry_model.objects.create(kind="thread", thread=thread, title="Study leave",
                                             text="Who took it?"),
        "reply": entry_model.objects.create(kind="reply", reply=reply, title="Study leave",
                                            text="I did"),
    }
    if connection.vendor == "postgresql":  # the services kept the tsvector up to date
        from django.contrib.postgres.search import SearchVector

        entry_model.objects.update(document=SearchVector("title", weight="A")
                                   + SearchVector("text", weight="B", config="english"))
    note = old.get_model("community", "Notification").objects.create(
        recipient=writer, sender=reader, kind="reply", text="Reader replied", url="/x/",
        read_at=now)
    settings_model = old.get_model("community", "MemberSettings")
    settings_model.objects.create(user=writer, email_mentions=False, email_replies=True,
                                  weekly_digest=False, on_account_deletion="anonymise",
                                  last_digest_at=now)
    settings_model.objects.create(user=reader)

    _migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.contenttypes.models import ContentType

    from upward.web.community.models import MemberSettings, Reply, Story, StoryComment, Thread
    from upward.web.community.selectors.search import search
    from upward.web.core.flags.models import Flag
    from upward.web.core.notifications.models import Notification, NotificationSettings
    from upward.web.core.search.models import SearchEntry

    targets = {"story": (Story, story.pk), "storycomment": (StoryComment, comment.pk),
               "thread": (Thread, thread.pk), "reply": (Reply, reply.pk)}
    for kind, old_flag in flags.items():
        flag = Flag.objects.get(pk=old_flag.pk)
        model, pk = targets[kind]
        assert flag.content_type == ContentType.objects.get_for_model(model)
        assert flag.target == model.objects.get(pk=pk)
        assert (flag.reporter_id, flag.reason, flag.note, flag.resolution) == (
            old_flag.reporter_id, old_flag.reason, old_flag.note, old_flag.resolution)
    assert Flag.objects.get(pk=flags["thread"].pk).resolved_by_id == writer.pk
    assert Flag.objects.filter(story=Story.objects.get(pk=story.pk)).count() == 1
    for kind, old_entry in entries.items():
        entry = SearchEntry.objects.get(pk=old_entry.pk)
        model, pk = targets[kind]
        assert (entry.kind, entry.target, entry.title, entry.text, entry.author_name) == (
            kind, model.objects.get(pk=pk), old_entry.title, old_entry.text,
            old_entry.author_name)
    moved = Notification.objects.get(pk=note.pk)
    assert (moved.recipient_id, moved.sender_id, moved.kind, moved.text, moved.url) == (
        writer.pk, reader.pk, "reply", "Reader replied", "/x/")
    assert moved.read_at == note.read_at
    chosen = NotificationSettings.objects.get(user_id=writer.pk)
    assert chosen.email_off == ["mention"] and not chosen.weekly_digest
    assert chosen.last_digest_at == now
    assert NotificationSettings.objects.get(user_id=reader.pk).email_off == []
    assert MemberSettings.objects.get(user_id=writer.pk).on_account_deletion == "anonymise"

    # The moved index answers searches (FTS5 on SQLite, the tsvector on PostgreSQL), and
    # new rows get new ids.
    from upward.web.accounts.models import RoleAssignment, User

    RoleAssignment.objects.create(user_id=reader.pk, role="member")
    found = search(viewer=User.objects.get(pk=reader.pk), query="apprenticeships")
    assert found.posts == (("story", story.pk),)
    fresh = Notification.objects.create(recipient_id=reader.pk, kind="reply", text="New")
    assert fresh.pk > note.pk
    fresh_flag = Flag.objects.create(reporter_id=writer.pk, reason="spam",
                                     target=Reply.objects.get(pk=reply.pk))
    assert fresh_flag.pk > max(f.pk for f in flags.values())

"""Notifications, notification settings, flags and the search index move to the shared
platform (``core``), keeping every row: ids, times, readers' states, who flagged what
and how it was resolved, the indexed text (and, on PostgreSQL, the tsvector).

Flags and index entries pointed at a story, comment, discussion or reply through one
nullable foreign key per kind; in core they point through (content type, object id).
The email choices become the list of kinds a person does not want emailed at once; what
happens to one's posts on account deletion stays in ``community.MemberSettings``.
Copied with INSERT … SELECT, so it takes seconds even for millions of entries.
"""

import importlib

from django.core.management.color import no_style
from django.db import migrations

KINDS = ("story", "storycomment", "thread", "reply")
NOTIFICATION_COLUMNS = "id, recipient_id, sender_id, kind, text, url, created_at, read_at, " \
    "emailed_at"
FLAG_COLUMNS = "id, reporter_id, reason, note, created_at, resolved_at, resolved_by_id, " \
    "resolution"
ENTRY_COLUMNS = "id, kind, title, text, author_name, document"
# The community's own FTS5 table (SQLite), built in 0002 on community_searchentry.
OLD_FTS5_UNDO = [
    "DROP TRIGGER IF EXISTS community_search_au",
    "DROP TRIGGER IF EXISTS community_search_ad",
    "DROP TRIGGER IF EXISTS community_search_ai",
    "DROP TABLE IF EXISTS community_search_fts",
]


def _content_types(apps) -> dict[str, int]:
    content_type = apps.get_model("contenttypes", "ContentType")
    return {model: content_type.objects.get_or_create(app_label="community", model=model)[0].pk
            for model in KINDS}


def _reset_sequences(apps, schema_editor, *labels) -> None:
    models = [apps.get_model(*label.split(".")) for label in labels]
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), models):
        schema_editor.execute(statement)


def copy_to_core(apps, schema_editor):
    types = _content_types(apps)
    story, comment, thread, reply = (types[k] for k in KINDS)
    run = schema_editor.execute
    run(f"INSERT INTO core_notification ({NOTIFICATION_COLUMNS}) "
        f"SELECT {NOTIFICATION_COLUMNS} FROM community_notification")
    run(f"INSERT INTO core_flag ({FLAG_COLUMNS}, content_type_id, object_id) "
        f"SELECT {FLAG_COLUMNS}, CASE WHEN story_id IS NOT NULL THEN %s "
        "WHEN comment_id IS NOT NULL THEN %s WHEN thread_id IS NOT NULL THEN %s ELSE %s END, "
        "COALESCE(story_id, comment_id, thread_id, reply_id) FROM community_flag",
        (story, comment, thread, reply))
    run(f"INSERT INTO core_searchentry ({ENTRY_COLUMNS}, content_type_id, object_id) "
        f"SELECT {ENTRY_COLUMNS}, CASE WHEN story_id IS NOT NULL THEN %s "
        "WHEN thread_id IS NOT NULL THEN %s ELSE %s END, "
        "COALESCE(story_id, thread_id, reply_id) FROM community_searchentry",
        (story, thread, reply))
    as_json = "CAST({} AS jsonb)" if schema_editor.connection.vendor == "postgresql" else "{}"
    email_off = as_json.format(
        "CASE WHEN email_mentions AND email_replies THEN '[]' "
        "WHEN email_mentions THEN '[\"reply\"]' WHEN email_replies THEN '[\"mention\"]' "
        "ELSE '[\"mention\", \"reply\"]' END")
    run("INSERT INTO core_notificationsettings (user_id, email_off, weekly_digest, "
        f"last_digest_at) SELECT user_id, {email_off}, weekly_digest, last_digest_at "
        "FROM community_membersettings")
    _reset_sequences(apps, schema_editor, "core.Notification", "core.Flag", "core.SearchEntry",
                     "core.NotificationSettings")
    for statement in OLD_FTS5_UNDO if schema_editor.connection.vendor == "sqlite" else ():
        run(statement)


def copy_back(apps, schema_editor):
    """Undo: the community's rows go back to its tables (and leave core's)."""
    types = _content_types(apps)
    story, comment, thread, reply = (types[k] for k in KINDS)
    ours = (story, comment, thread, reply)
    run = schema_editor.execute
    if schema_editor.connection.vendor == "sqlite":
        before = importlib.import_module(
            "upward.web.community.migrations.0002_search_and_defaults")
        for statement in before.FTS5:
            run(statement)
    run(f"INSERT INTO community_notification ({NOTIFICATION_COLUMNS}) "
        f"SELECT {NOTIFICATION_COLUMNS} FROM core_notification")
    run(f"INSERT INTO community_flag ({FLAG_COLUMNS}, story_id, comment_id, thread_id, reply_id) "
        f"SELECT {FLAG_COLUMNS}, CASE WHEN content_type_id = %s THEN object_id END, "
        "CASE WHEN content_type_id = %s THEN object_id END, "
        "CASE WHEN content_type_id = %s THEN object_id END, "
        "CASE WHEN content_type_id = %s THEN object_id END "
        "FROM core_flag WHERE content_type_id IN (%s, %s, %s, %s)", ours + ours)
    run(f"INSERT INTO community_searchentry ({ENTRY_COLUMNS}, story_id, thread_id, reply_id) "
        f"SELECT {ENTRY_COLUMNS}, CASE WHEN content_type_id = %s THEN object_id END, "
        "CASE WHEN content_type_id = %s THEN object_id END, "
        "CASE WHEN content_type_id = %s THEN object_id END "
        "FROM core_searchentry WHERE content_type_id IN (%s, %s, %s)",
        (story, thread, reply, story, thread, reply))
    run("INSERT INTO community_membersettings (user_id, on_account_deletion, email_mentions, "
        "email_replies, weekly_digest) SELECT user_id, 'erase', TRUE, TRUE, TRUE "
        "FROM core_notificationsettings WHERE user_id NOT IN "
        "(SELECT user_id FROM community_membersettings)")
    run("UPDATE community_membersettings SET "
        "email_mentions = NOT EXISTS (SELECT 1 FROM core_notificationsettings s WHERE "
        "s.user_id = community_membersettings.user_id AND "
        "CAST(s.email_off AS TEXT) LIKE '%%\"mention\"%%'), "
        "email_replies = NOT EXISTS (SELECT 1 FROM core_notificationsettings s WHERE "
        "s.user_id = community_membersettings.user_id AND "
        "CAST(s.email_off AS TEXT) LIKE '%%\"reply\"%%'), "
        "weekly_digest = COALESCE((SELECT s.weekly_digest FROM core_notificationsettings s "
        "WHERE s.user_id = community_membersettings.user_id), TRUE), "
        "last_digest_at = (SELECT s.last_digest_at FROM core_notificationsettings s "
        "WHERE s.user_id = community_membersettings.user_id)")
    _reset_sequences(apps, schema_editor, "community.Notification", "community.Flag",
                     "community.SearchEntry")
    run("DELETE FROM core_flag WHERE content_type_id IN (%s, %s, %s, %s)", ours)
    run("DELETE FROM core_searchentry WHERE content_type_id IN (%s, %s, %s)",
        (story, thread, reply))
    run("DELETE FROM core_notification")
    run("DELETE FROM core_notificationsettings")


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0004_story_announced_at'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0004_shared_content_platform'),
    ]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
        migrations.RemoveField(
            model_name='membersettings',
            name='email_mentions',
        ),
        migrations.RemoveField(
            model_name='membersettings',
            name='email_replies',
        ),
        migrations.RemoveField(
            model_name='membersettings',
            name='last_digest_at',
        ),
        migrations.RemoveField(
            model_name='membersettings',
            name='weekly_digest',
        ),
        migrations.DeleteModel(
            name='Flag',
        ),
        migrations.DeleteModel(
            name='Notification',
        ),
        migrations.DeleteModel(
            name='SearchEntry',
        ),
    ]

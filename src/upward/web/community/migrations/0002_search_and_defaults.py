"""Full-text search structures for each database, and a starting vocabulary.

SQLite: an FTS5 table mirroring ``community_searchentry`` through triggers
(porter stemming, accents folded). PostgreSQL: a GIN index on the entry's
weighted tsvector. The starting tags, reactions and categories come from
``community/defaults.py``; leads change them later.
"""

from django.db import migrations

FTS5 = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS community_search_fts USING fts5("
    "title, text, author_name, content='community_searchentry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS community_search_ai AFTER INSERT ON community_searchentry "
    "BEGIN INSERT INTO community_search_fts(rowid, title, text, author_name) "
    "VALUES (new.id, new.title, new.text, new.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS community_search_ad AFTER DELETE ON community_searchentry "
    "BEGIN INSERT INTO community_search_fts(community_search_fts, rowid, title, text, "
    "author_name) VALUES ('delete', old.id, old.title, old.text, old.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS community_search_au AFTER UPDATE ON community_searchentry "
    "BEGIN INSERT INTO community_search_fts(community_search_fts, rowid, title, text, "
    "author_name) VALUES ('delete', old.id, old.title, old.text, old.author_name); "
    "INSERT INTO community_search_fts(rowid, title, text, author_name) "
    "VALUES (new.id, new.title, new.text, new.author_name); END",
]
FTS5_UNDO = [
    "DROP TRIGGER IF EXISTS community_search_au",
    "DROP TRIGGER IF EXISTS community_search_ad",
    "DROP TRIGGER IF EXISTS community_search_ai",
    "DROP TABLE IF EXISTS community_search_fts",
]
POSTGRES = ["CREATE INDEX IF NOT EXISTS community_search_document_gin "
            "ON community_searchentry USING gin (document)"]
POSTGRES_UNDO = ["DROP INDEX IF EXISTS community_search_document_gin"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)
    return run


def defaults(apps, schema_editor):
    from upward.web.community.defaults import ensure_defaults

    ensure_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": FTS5, "postgresql": POSTGRES}),
                             _run({"sqlite": FTS5_UNDO, "postgresql": POSTGRES_UNDO})),
        migrations.RunPython(defaults, migrations.RunPython.noop),
    ]

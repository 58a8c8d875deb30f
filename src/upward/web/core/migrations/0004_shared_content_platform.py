"""The shared platform's tables: notifications and their settings, flags and the search
index, for every app's content (generic references to contenttypes). The rows the
community kept in its own tables are copied here by community's migration 0005.

Full-text search structures: on SQLite an FTS5 table mirroring ``core_searchentry``
through triggers (porter stemming, accents folded); on PostgreSQL a GIN index on the
entry's weighted tsvector.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


FTS5 = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS core_search_fts USING fts5("
    "title, text, author_name, content='core_searchentry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS core_search_ai AFTER INSERT ON core_searchentry "
    "BEGIN INSERT INTO core_search_fts(rowid, title, text, author_name) "
    "VALUES (new.id, new.title, new.text, new.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS core_search_ad AFTER DELETE ON core_searchentry "
    "BEGIN INSERT INTO core_search_fts(core_search_fts, rowid, title, text, "
    "author_name) VALUES ('delete', old.id, old.title, old.text, old.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS core_search_au AFTER UPDATE ON core_searchentry "
    "BEGIN INSERT INTO core_search_fts(core_search_fts, rowid, title, text, "
    "author_name) VALUES ('delete', old.id, old.title, old.text, old.author_name); "
    "INSERT INTO core_search_fts(rowid, title, text, author_name) "
    "VALUES (new.id, new.title, new.text, new.author_name); END",
]
FTS5_UNDO = [
    "DROP TRIGGER IF EXISTS core_search_au",
    "DROP TRIGGER IF EXISTS core_search_ad",
    "DROP TRIGGER IF EXISTS core_search_ai",
    "DROP TABLE IF EXISTS core_search_fts",
]
POSTGRES = ["CREATE INDEX IF NOT EXISTS core_search_document_gin "
            "ON core_searchentry USING gin (document)"]
POSTGRES_UNDO = ["DROP INDEX IF EXISTS core_search_document_gin"]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_throttle_hits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NotificationSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email_off', models.JSONField(blank=True, default=list)),
                ('weekly_digest', models.BooleanField(default=True)),
                ('last_digest_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_settings', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'notification settings',
            },
        ),
        migrations.CreateModel(
            name='Flag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('off_topic', 'Off-topic'), ('unkind', 'Unkind or disrespectful'), ('personal_data', "Reveals someone's personal data"), ('spam', 'Spam'), ('other', 'Something else')], max_length=16)),
                ('note', models.CharField(blank=True, max_length=500)),
                ('object_id', models.PositiveBigIntegerField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ('resolution', models.CharField(blank=True, max_length=300)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('reporter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['resolved_at'], name='core_flag_open'), models.Index(fields=['content_type', 'object_id'], name='core_flag_target')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30)),
                ('text', models.CharField(max_length=300)),
                ('url', models.CharField(blank=True, max_length=300)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('read_at', models.DateTimeField(blank=True, null=True)),
                ('emailed_at', models.DateTimeField(blank=True, null=True)),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sender', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['recipient', 'read_at'], name='core_notification_unread')],
            },
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30)),
                ('object_id', models.PositiveBigIntegerField()),
                ('title', models.CharField(blank=True, max_length=120)),
                ('text', models.TextField(blank=True)),
                ('author_name', models.CharField(blank=True, max_length=80)),
                ('document', django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name_plural': 'search entries',
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='one_search_entry')],
            },
        ),
        migrations.RunPython(_run({"sqlite": FTS5, "postgresql": POSTGRES}),
                             _run({"sqlite": FTS5_UNDO, "postgresql": POSTGRES_UNDO})),
    ]

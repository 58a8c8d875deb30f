"""A small app's content, registered with the shared platform exactly as
docs/developing.md shows: a ``Note`` that people are notified about, find with the one
search, flag, and that reaches the moderators' review queue.

The model is not in INSTALLED_APPS (its table is made for the tests that use it), so
nothing outside those tests sees it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.http import Http404
from django.utils import timezone

from upward.web.core.audit import register_audit_actions
from upward.web.core.content.identity import indexed_author_name
from upward.web.core.content.registry import (
    ReviewFacts,
    SearchDocument,
    SearchFacts,
    register,
)
from upward.web.core.notifications.kinds import register_notification_kind


class Note(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    is_anonymous = models.BooleanField(default=False)
    title = models.CharField(max_length=120)
    body = models.TextField()
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Its flags and index entry go with it.
    flags = GenericRelation("core.Flag")
    search_entries = GenericRelation("core.SearchEntry")

    class Meta:
        app_label = "notes"

    def __str__(self) -> str:  # audit labels name the note, never its author
        return f"Note #{self.pk}: {self.title}"


def _readable(viewer):
    """Notes a signed-in person may read: every note that is not hidden."""
    if not getattr(viewer, "is_authenticated", False):
        return Note.objects.none()
    return Note.objects.filter(hidden_at=None)


class NoteSearch:
    filters = frozenset()

    def document(self, obj):
        return SearchDocument(obj.title, obj.body, indexed_author_name(obj))

    def visible_ids(self, *, viewer, ids, filters):
        return set(_readable(viewer).filter(pk__in=ids).values_list("pk", flat=True))

    def results(self, ids):
        return Note.objects.select_related("author__profile").in_bulk(ids)

    def facts(self, obj):
        return SearchFacts(url=f"/notes/{obj.pk}/", when=obj.created_at, context="Notes")

    def everything(self):
        return Note.objects.select_related("author__profile")

    def named_by(self, user_id):
        return Note.objects.filter(is_anonymous=False, author_id=user_id).values("pk")


class NoteFlags:
    def get_for_reader(self, *, viewer, pk):
        note = _readable(viewer).filter(pk=pk).first()
        if note is None:
            raise Http404("No such note.")
        return note

    def can_flag(self, *, viewer, obj):
        return _readable(viewer).filter(pk=obj.pk).exists()

    def get_for_moderation(self, *, pk):
        return Note.objects.filter(pk=pk).first()

    def for_review(self, ids):
        return Note.objects.filter(pk__in=ids).select_related("author__profile")

    def review(self, obj):
        return ReviewFacts(title=obj.title, text=obj.body, url=f"/notes/{obj.pk}/")

    def hide_until_reviewed(self, obj, *, reason):
        if obj.hidden_at is not None:
            return False
        obj.hidden_at, obj.hidden_reason = timezone.now(), reason
        obj.save(update_fields=["hidden_at", "hidden_reason"])
        return True

    def show_after_review(self, obj):
        if obj.hidden_at is None:
            return False
        obj.hidden_at, obj.hidden_reason = None, ""
        obj.save(update_fields=["hidden_at", "hidden_reason"])
        return True


class NoteLinks:
    def url(self, obj):
        return f"/notes/{obj.pk}/"


def register_notes() -> None:
    """What the app's ``AppConfig.ready()`` would do."""
    register_audit_actions({"notes.hide": "Note hidden", "notes.flags": "Flags on a note "
                                                                        "dismissed"})
    register_notification_kind("note_answer", "Answers to your notes", email_at_once=True)
    register(Note, key="note", label="note", audit_prefix="notes", searchable=NoteSearch(),
             flaggable=NoteFlags(), notifiable=NoteLinks())

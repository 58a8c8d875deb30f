"""The content registry end to end: another app's content (``content_app.Note``) is
notified about, found by the one search, flagged, hidden after enough flags and shown
in (and dismissed from) the moderators' review queue — through the same pages and
services as the community's posts."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse

from upward.web.core.content.registry import content_kind, register, unregister
from upward.web.core.flags.models import Flag
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.core.notifications.services import notify_about
from upward.web.core.search.models import SearchEntry
from upward.web.core.search.selectors import search
from upward.web.core.search.services import search_index

from .content_app import Note, register_notes


@pytest.fixture(scope="module")
def notes_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Note)
        # Made here, outside the tests' transactions: Django caches content types.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_model(Note)
        yield
        with connection.schema_editor() as editor:
            editor.delete_model(Note)
        ContentType.objects.filter(app_label="notes").delete()
        ContentType.objects.clear_cache()


@pytest.fixture
def notes(notes_table, db):
    register_notes()
    yield
    unregister("note")


@pytest.fixture
def note(notes, personas):
    found = Note.objects.create(author=personas["member"], title="Bus routes to the depot",
                                body="The number 12 stops at the gate.")
    search_index(found)
    return found


def test_people_are_notified_about_registered_content(note, personas, client_for,
                                                      django_capture_on_commit_callbacks):
    lead = personas["lead"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify_about(recipient=lead, kind="note_answer", target=note,
                            text="Member Persona answered your note")
    assert (sent.url, sent.sender_id) == (f"/notes/{note.pk}/", personas["member"].pk)
    assert [m.to for m in mail.outbox] == [[lead.email]]  # emailed at once: it asked to be
    note.is_anonymous = True
    quiet = notify_about(recipient=lead, kind="note_answer", target=note, text="An answer")
    assert quiet.sender_id is None and quiet.is_anonymous  # never sent as its author
    assert "Member Persona answered your note" in client_for(lead).get(
        reverse("community:notifications")).content.decode()
    assert Notification.objects.filter(recipient=lead).count() == 2


def test_registered_content_is_found_only_while_the_viewer_may_read_it(note, personas):
    member, lead = personas["member"], personas["lead"]
    found = search(viewer=lead, query="depot")
    assert found.posts == (("note", note.pk),)
    [hit] = found.hits
    assert hit.url == f"/notes/{note.pk}/" and hit.byline.label == "Member Persona"
    assert search(viewer=lead, query="Persona", kinds=["note"]).total == 1  # author name
    assert search(viewer=None, query="depot").total == 0
    # The community's search covers its own posts only.
    from upward.web.community.selectors.search import search as community_search

    assert community_search(viewer=lead, query="depot").total == 0
    Note.objects.filter(pk=note.pk).update(hidden_at=note.created_at)
    assert search(viewer=member, query="depot").total == 0  # at once, not re-indexed
    Note.objects.get(pk=note.pk).delete()  # its entry goes with it (a GenericRelation)
    assert not SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Note)).exists()


def test_registered_content_is_flagged_hidden_and_reviewed(note, personas, client_for,
                                                           settings):
    settings.UPWARD_COMMUNITY_FLAGS_TO_HIDE = 2
    moderator = personas["moderator"]
    flag_page = reverse("community:flag", args=["note", note.pk])
    answer = client_for(personas["lead"]).post(flag_page, {"reason": "off_topic"})
    assert answer.status_code == 302 and answer["Location"] == f"/notes/{note.pk}/"
    assert client_for(personas["member"]).post(flag_page, {"reason": "spam"}) \
        .status_code == 400  # nobody flags their own
    client_for(personas["analyst"]).post(flag_page, {"reason": "spam"})
    assert note.flags.filter(resolved_at=None).count() == 2
    note.refresh_from_db()
    assert note.hidden_at is not None  # two people flagged it
    assert AuditEntry.objects.filter(action="notes.hide", object_id=str(note.pk)).exists()

    queue = client_for(moderator).get(reverse("community:queue")).content.decode()
    assert "Bus routes to the depot" in queue and "Flags (2)" in queue
    assert client_for(moderator).post(reverse("community:moderate",
                                              args=["note", note.pk, "hide"]),
                                      {"reason": "x"}).status_code == 404  # flags only
    client_for(moderator).post(reverse("community:moderate", args=["note", note.pk,
                                                                   "dismiss"]))
    note.refresh_from_db()
    assert note.hidden_at is None
    assert not note.flags.filter(resolved_at=None).exists()
    assert AuditEntry.objects.filter(action="notes.flags", object_id=str(note.pk)).exists()
    assert "Bus routes to the depot" not in client_for(moderator).get(
        reverse("community:queue")).content.decode()
    assert client_for(personas["member"]).get(reverse("community:queue")).status_code == 403


def test_registering_checks_what_the_app_supplies(notes):
    class Incomplete:
        def url(self, obj):
            return "/"

    with pytest.raises(ImproperlyConfigured, match="lacks.*hide_until_reviewed"):
        register(Note, key="note", label="note", flaggable=Incomplete())
    with pytest.raises(ImproperlyConfigured, match="already used by"):
        register(Flag, key="note", label="note")
    with pytest.raises(ImproperlyConfigured, match="lower-case"):
        register(Note, key="Note!", label="note")
    assert content_kind("note").flaggable is not None  # the good registration stands

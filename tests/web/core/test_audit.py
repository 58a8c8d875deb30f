"""The audit log is append-only: no update or delete path, in Python or in SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from upward.web.accounts.services import role_grant
from upward.web.core.audit import audit_record
from upward.web.core.models import AuditEntry, AuditLogIsAppendOnly


@pytest.fixture
def entry(admin, member):
    role_grant(actor=admin, user=member, role="judge")
    return AuditEntry.objects.get(action="role.grant", object_id=str(member.pk))


def test_role_change_is_recorded_with_actor_time_and_object(entry, admin, member):
    assert entry.actor_id == admin.pk
    assert entry.actor_label == admin.email
    assert entry.object_type == "accounts.user"
    assert entry.object_label == member.email
    assert entry.detail == {"role": "judge"}
    assert entry.at is not None


def test_model_refuses_update_and_delete(entry):
    entry.action = "something.else"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "role.grant"


def test_database_refuses_raw_update(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "role.grant"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="delete trigger is PostgreSQL's")
def test_postgresql_refuses_raw_delete(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_unknown_action_is_refused(admin):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_record(actor=admin, action="made.up")


def test_viewer_lists_and_filters_entries(entry, admin, client_for):
    page = client_for(admin).get(reverse("core:audit_log"), {"action": "role.grant"})
    assert page.status_code == 200
    assert entry.object_label in page.content.decode()
    other = client_for(admin).get(reverse("core:audit_log"), {"action": "token.create"})
    assert entry.object_label not in other.content.decode()


def test_no_write_route_exists_for_entries(entry, admin, client_for):
    # The viewer only reads: a POST is not accepted as a way to change anything.
    response = client_for(admin).post(reverse("core:audit_log"), {"action": "forged"})
    assert AuditEntry.objects.filter(action="forged").count() == 0
    assert response.status_code in (200, 405)


def test_viewer_shows_readable_action_labels(entry, admin, client_for):
    body = client_for(admin).get(reverse("core:audit_log")).content.decode()
    assert "<td>Role granted</td>" in body

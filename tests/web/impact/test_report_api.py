"""/api/v1/impact/report-snapshots: the list and one snapshot with its figures, for
people who may view impact; nothing for others (404 for one, as for a missing one)."""

from __future__ import annotations

import pytest

from upward.web.impact.services import report as services

from ..mentoring.clients import api_client

pytestmark = pytest.mark.django_db


def test_snapshots_list_and_detail(personas):
    snapshot = services.report_snapshot_create(actor=personas["admin"], year=2026,
                                               foreword="Our year.")
    client = api_client(personas["analyst"])
    listed = client.get("/api/v1/impact/report-snapshots").json()
    assert [(s["id"], s["year"], s["status"], s["content_hash"]) for s in listed] == [
        (snapshot.pk, 2026, "draft", snapshot.content_hash)]
    one = client.get(f"/api/v1/impact/report-snapshots/{snapshot.pk}").json()
    assert one["foreword"] == "Our year." and one["figures"] == snapshot.figures
    assert client.get("/api/v1/impact/report-snapshots/999").status_code == 404


def test_members_see_no_snapshots(personas):
    snapshot = services.report_snapshot_create(actor=personas["admin"], year=2026)
    client = api_client(personas["member"])
    assert client.get("/api/v1/impact/report-snapshots").json() == []
    assert client.get(f"/api/v1/impact/report-snapshots/{snapshot.pk}").status_code == 404

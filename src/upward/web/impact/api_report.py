"""The annual report's snapshots in the API: ``/api/v1/impact/report-snapshots`` (list)
and ``/{id}`` (one, with its frozen figures). Read-only; view_impact."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Router, Schema

from upward.web.impact.selectors import report as selectors

router = Router(tags=["impact"])


class SnapshotOut(Schema):
    id: int
    year: int
    created_at: datetime
    status: str
    content_hash: str


class SnapshotDetailOut(SnapshotOut):
    foreword: str
    figures: dict[str, Any]


def _out(snapshot, detail: bool = False):
    fields = {"id": snapshot.pk, "year": snapshot.year, "created_at": snapshot.created_at,
              "status": snapshot.status, "content_hash": snapshot.content_hash}
    if detail:
        return SnapshotDetailOut(**fields, foreword=snapshot.foreword, figures=snapshot.figures)
    return SnapshotOut(**fields)


@router.get("/impact/report-snapshots", response=list[SnapshotOut],
            summary="Annual report snapshots")
def report_snapshots(request):
    return [_out(s) for s in selectors.snapshots_visible_to(viewer=request.auth)]


@router.get("/impact/report-snapshots/{pk}", response=SnapshotDetailOut,
            summary="One report snapshot with its frozen figures and their provenance")
def report_snapshot(request, pk: int):
    return _out(selectors.snapshot_get_for_viewer(viewer=request.auth, pk=pk), detail=True)

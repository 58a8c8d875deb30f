"""Outreach's JSON API under /api/v1/outreach/ (each part adds its own endpoints)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["outreach"])

"""Awards' JSON API under /api/v1/awards/ (each part adds its own endpoints)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["awards"])

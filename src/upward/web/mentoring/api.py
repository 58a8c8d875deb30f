"""Mentoring's JSON API under /api/v1/mentoring/ (each part adds its own endpoints)."""

from __future__ import annotations

from ninja import Router

from upward.web.mentoring.api_pairs import router as pairs_router
from upward.web.mentoring.api_programmes import router as programmes_router

router = Router(tags=["mentoring"])
router.add_router("", programmes_router)
router.add_router("", pairs_router)

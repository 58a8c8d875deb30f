"""Outreach's JSON API under /api/v1/outreach/ (each part adds its own endpoints)."""

from __future__ import annotations

from ninja import Router

from upward.web.outreach.api_impact import router as impact_router
from upward.web.outreach.api_opportunities import router as opportunities_router
from upward.web.outreach.api_schools import router as schools_router

router = Router(tags=["outreach"])
router.add_router("", schools_router)
router.add_router("", opportunities_router)
router.add_router("", impact_router)

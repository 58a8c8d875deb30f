"""Awards' JSON API under /api/v1/awards/ (each part adds its own endpoints)."""

from __future__ import annotations

from ninja import Router

from upward.web.awards.api_judging import router as judging_router
from upward.web.awards.api_results import router as results_router

router = Router(tags=["awards"])
router.add_router("", judging_router)
router.add_router("", results_router)

"""Fixtures for the core tests."""

from __future__ import annotations

import pytest

from upward.web.core.jobs import PERIODIC_JOBS


@pytest.fixture
def registry():
    """PERIODIC_JOBS holding only what the test registers (the apps' jobs are put back)."""
    kept = dict(PERIODIC_JOBS)
    PERIODIC_JOBS.clear()
    yield PERIODIC_JOBS
    PERIODIC_JOBS.clear()
    PERIODIC_JOBS.update(kept)

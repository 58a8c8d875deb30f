"""Fixtures for the insights tests: a synthetic workforce imported through the real service,
and members who answered the survey with their employee ids."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from django.core.cache import cache

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people

DAY = date(2025, 3, 31)
ANSWER_CODES = {1: "professional", 2: "manager_administrator", 3: "clerical_intermediate",
                4: "technical_craft", 5: "routine_manual_service", 6: "long_term_unemployed",
                7: "small_business_owner", 8: "other", 9: "prefer_not_to_say"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def workforce():
    """600 synthetic employees (plus leavers); HR holds answers for two-thirds of them."""
    return synthetic_people(600, seed=11, snapshot_date=DAY)


@pytest.fixture
def import_snapshot(personas):
    from upward.web.insights.services import snapshot_import_file

    def do(people, *, snapshot_date=DAY, hr_share=0.66, seed=1):
        rng = np.random.default_rng(seed)
        data = synthetic_csv(people, hr_answers=rng.random(people.n) < hr_share)
        return snapshot_import_file(actor=personas["analyst"], content=data,
                                    source_name="hr.csv", snapshot_date=snapshot_date)

    return do


@pytest.fixture
def snapshot(workforce, import_snapshot):
    return import_snapshot(workforce)

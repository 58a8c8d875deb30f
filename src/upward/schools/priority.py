"""The "priority school" rule: a school whose free-school-meals percentage is above a
threshold (by default the national average for England, in ``upward/data/schools.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

__all__ = ["is_priority", "national_fsm_percent"]


@cache
def _reference() -> dict:
    text = resources.files("upward.data").joinpath("schools.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def national_fsm_percent() -> float:
    """England's share of pupils eligible for free school meals (percent), with its
    source in ``schools.toml``."""
    return float(_reference()["priority"]["national_fsm_percent"])


def is_priority(fsm_percent: float | None, threshold: float) -> bool:
    """Whether a school with this FSM percentage is a priority school (unknown: no)."""
    return fsm_percent is not None and fsm_percent > threshold

"""Read the packaged reference data under ``upward/data/classify``."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "upward"
DATA_DIR = ("data", "classify")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse one packaged TOML file (cached; callers must not mutate it)."""
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, name)
    with path.open("rb") as fh:
        return tomllib.load(fh)

"""The layering rules (DESIGN.md) as import-linter contracts, in pyproject.toml's
``[tool.importlinter]``: measure, classify, reports, matching, schools and judging never
import Django or the web project; core imports no app; selectors never import services;
apps reach each other only through services and selectors; mentoring never imports the
survey's models."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) \
        or shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 broken" in result.stdout, result.stdout

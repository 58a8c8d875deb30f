"""The project's fact sheet on the SMC standard, as the independent source for these tests.

``fixtures/smc-measurement.md`` is a byte-for-byte copy of
``shared/reference/smc-measurement.md`` (with a provenance comment on top); the
packaged data was transcribed from it by hand, so comparing the two catches
transcription slips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REFERENCE = Path(__file__).with_name("fixtures") / "smc-measurement.md"


@dataclass(frozen=True)
class Reference:
    text: str

    def section(self, heading: str) -> str:
        """The body of one '## heading' section."""
        pattern = rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)"
        match = re.search(pattern, self.text, re.M | re.S)
        assert match, f"reference has no section {heading!r}"
        return match.group(1)

    @staticmethod
    def quoted_question(text: str, starts: str) -> str:
        match = re.search(rf'"({re.escape(starts)}[^"]*\?)"', text)
        assert match, f"no quoted question starting {starts!r}"
        return match.group(1)


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference(REFERENCE.read_text(encoding="utf-8"))

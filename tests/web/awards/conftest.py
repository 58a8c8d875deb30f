from __future__ import annotations

import pytest

from upward.web.demo.factories import person

from .builders import category, open_cycle


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cycle(personas):
    return open_cycle(personas["admin"])


@pytest.fixture
def champion(personas, cycle):
    return category(personas["admin"], cycle, attachment_types=["pdf"], max_attachments=2,
                    max_attachment_mb=1)


@pytest.fixture
def colleague(db):
    return person(roles=["member"], email="sam.okafor@northbridge.example",
                  display_name="Sam Okafor")

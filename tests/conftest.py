"""Settings for the whole suite."""

from __future__ import annotations

import pytest
from django.test import override_settings

# Tasks run as they are queued, so a test sees the email a request caused in
# mail.outbox at once. The worker's own tests (tests/web/core/test_worker.py) use the
# database queue that production uses.
RUN_TASKS_AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_at_once():
    with override_settings(TASKS=RUN_TASKS_AT_ONCE):
        yield

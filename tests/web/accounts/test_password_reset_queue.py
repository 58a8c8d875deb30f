"""The reset email is found, made and sent by the worker: a request does the same work
whether or not the address has an account, so its timing tells nobody which."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from upward.cli.main import app
from upward.web.accounts.jobs import forget_reset_requests
from upward.web.core.jobs import send_email_later

pytestmark = pytest.mark.django_db(transaction=True)
VALUES = re.compile(r"'[^']*'|\b\d+(\.\d+)?\b")


def _ask_reset(email: str, ip: str) -> list[str]:
    """The SQL a reset request runs, with the values taken out."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().post(reverse("accounts:password_reset"), {"email": email},
                                 REMOTE_ADDR=ip)
    assert response.status_code == 302
    return [VALUES.sub("?", query["sql"]) for query in queries.captured_queries]


def test_a_reset_request_does_the_same_work_with_or_without_an_account(settings, member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    known = _ask_reset(member.email, "198.51.100.7")
    unknown = _ask_reset("nobody@northbridge.example", "198.51.100.8")
    assert known == unknown
    assert not any("accounts_user" in sql for sql in known)  # nobody is looked up
    assert mail.outbox == []
    queued = [task.args_kwargs["kwargs"] for task in DBTaskResult.objects.order_by("enqueued_at")]
    assert queued == [{"email": member.email}, {"email": "nobody@northbridge.example"}]

    result = CliRunner().invoke(app, ["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert [m.to for m in mail.outbox] == [[member.email]]  # only the account is emailed
    assert f"{settings.UPWARD_SITE_URL}/accounts/reset/" in mail.outbox[0].body


def test_answered_reset_requests_are_forgotten_after_an_hour(settings, member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _ask_reset(member.email, "198.51.100.7")
    _ask_reset("nobody@northbridge.example", "198.51.100.8")
    send_email_later(subject="Hello", body="Body", to=member.email)  # not a reset: kept
    assert forget_reset_requests(now=timezone.now()) == "Forgot 0 answered reset request(s)."
    assert CliRunner().invoke(app, ["worker", "--once"]).exit_code == 0
    answered = DBTaskResult.objects.get(args_kwargs__kwargs__email=member.email).finished_at
    assert forget_reset_requests(now=answered + timedelta(minutes=59)).startswith("Forgot 0 ")
    assert forget_reset_requests(now=answered + timedelta(minutes=61)) == \
        "Forgot 2 answered reset request(s)."
    assert [t.task_path for t in DBTaskResult.objects.all()] == [
        "upward.web.core.jobs.email_send"]

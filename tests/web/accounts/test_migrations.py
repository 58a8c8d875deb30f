"""Data migrations in accounts: what happens to rows that existed before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


@pytest.mark.django_db(transaction=True)
def test_tokens_made_before_scopes_keep_writing():
    before, after = ("accounts", "0002_sign_in_throttling_by_django_axes"), \
        ("accounts", "0003_token_scopes")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    user = old.get_model("accounts", "User").objects.create(
        email="script.owner@example.org", password="!", date_joined=timezone.now())
    old.get_model("accounts", "AccessToken").objects.create(
        user=user, name="nightly sync", prefix="upw_abcdef", token_hash="0" * 64)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state([after]).apps
    token = new.get_model("accounts", "AccessToken").objects.get(name="nightly sync")
    assert token.scope == "write"

    from upward.web.accounts.models import AccessToken

    fresh = AccessToken.objects.create(user_id=user.pk, name="new one", prefix="upw_x",
                                       token_hash="1" * 64)
    assert fresh.scope == "read"

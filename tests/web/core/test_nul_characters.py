"""A NUL character can never reach the database: PostgreSQL refuses one in text outright,
which surfaced as a server error from the API. The request is refused with a 400 that
says why, and nothing changes."""

from __future__ import annotations

import json

import pytest

from upward.web.community import services
from upward.web.community.models import Reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(personas):
    from upward.web.community.models import Category

    return services.thread_create(
        actor=personas["lead"], category=Category.objects.get(slug="careers-and-progression"),
        title="Commuting costs", body="How do you manage?")


@pytest.mark.parametrize("body", [
    {"body": "A railcard\u0000 and an early train."},
    {"body\u0000": "A railcard."},
    {"body": "A railcard.", "tags": ["x\u0000"]},
])
def test_the_api_refuses_a_json_body_holding_a_nul(personas, thread, body):
    from django.test import Client

    from upward.web.accounts.services import token_create

    _, secret = token_create(user=personas["member"], name="tests", scope="write")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.post(f"/api/v1/threads/{thread.pk}/replies", json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]
    assert not Reply.objects.filter(thread=thread).exists()
    # the same text without the NUL goes through
    ok = client.post(f"/api/v1/threads/{thread.pk}/replies",
                     json.dumps({"body": "A railcard and an early train."}),
                     content_type="application/json")
    assert ok.status_code == 201


@pytest.mark.parametrize("query", ["q=rail%00card", "q=rail\x00card"])
def test_a_query_string_holding_a_nul_is_refused_on_pages_and_the_api(personas, client, query):
    client.force_login(personas["member"])
    page = client.get(f"/community/search/?{query}")
    assert page.status_code == 400 and b"NUL character" in page.content
    api = client.get(f"/api/v1/search?{query}")
    assert api.status_code == 400 and "NUL character" in api.json()["detail"]


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(personas, thread):
    from django.test import Client

    from upward.web.accounts.services import token_create

    _, secret = token_create(user=personas["member"], name="tests", scope="write")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    text = "Type \\u0000 in the box."  # a literal backslash, then u0000: six characters
    response = client.post(f"/api/v1/threads/{thread.pk}/replies", json.dumps({"body": text}),
                           content_type="application/json")
    assert response.status_code == 201

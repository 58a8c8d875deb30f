"""Fixtures for the community tests: stories and posts made through the services,
and API clients with personal access tokens."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _nobody_is_new(settings):
    # Personas are created moments before each test, so they would all be "new
    # members" under the posting rate limit; the rate-limit tests turn it back on.
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 0
    settings.UPWARD_SITE_URL = "https://upward.example.org"


@pytest.fixture
def make_story():
    from upward.web.community import services

    def make(author, *, submit=True, title="From the checkout to the boardroom", **fields):
        fields.setdefault("prompt_started", "I grew up in Hull and worked on the tills at 16.")
        fields.setdefault("body", "A manager showed me how promotions actually work.")
        return services.story_create(actor=author, submit=submit, title=title, **fields)

    return make


@pytest.fixture
def publish_anonymous(make_story, personas):
    """An anonymous story by the member, approved by the moderator."""
    from upward.web.community import services

    def make(author=None, **fields):
        story = make_story(author or personas["member"], is_anonymous=True, **fields)
        return services.post_approve(actor=personas["moderator"], post=story)

    return make


@pytest.fixture
def api_for():
    """A function giving a test client that sends a Bearer token for ``user``."""
    from django.test import Client

    from upward.web.accounts.services import token_create

    def make(user):
        client = Client()
        if user is None:
            return client
        _, secret = token_create(user=user, name="tests", scope="write")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        return client

    return make


@pytest.fixture
def category():
    from upward.web.community.models import Category

    return Category.objects.get(slug="careers-and-progression")


@pytest.fixture
def anonymous_category():
    from upward.web.community.models import Category

    return Category.objects.get(slug="things-i-cant-ask-at-work")


@pytest.fixture
def org_category():
    from upward.web.community.models import Category

    return Category.objects.get(slug="events-and-volunteering")


@pytest.fixture
def cache_on(settings):
    """The community's page cache on, empty before and after the test."""
    from django.core.cache import cache

    from upward.web.community import caching

    settings.UPWARD_COMMUNITY_CACHE = True
    cache.clear()
    caching.clear_local()
    yield
    cache.clear()
    caching.clear_local()

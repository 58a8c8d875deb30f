"""Making a calendar address is a POST that redirects (Post/Redirect/Get): the new
address is shown once, on the page after the redirect; refreshing that page shows it no
more and makes no new one."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from upward.web.events.models import CalendarFeed
from upward.web.events.views import NEW_FEED_SECRET

pytestmark = pytest.mark.django_db
ADDRESS = re.compile(r"<code>https?://[^/]+(/events/feed/[^<]+\.ics)</code>")


def test_the_post_redirects_and_the_address_is_shown_once(member, client_for):
    client = client_for(member)
    response = client.post("/events/feed/reset/")
    assert response.status_code == 302 and response["Location"] == "/events/feed/"
    assert "<code>" not in response.content.decode()
    first = client.get("/events/feed/")
    path = ADDRESS.search(first.content.decode()).group(1)
    assert "no-store" in first["Cache-Control"]
    assert Client().get(path).status_code == 200
    hash_before = CalendarFeed.objects.get(person=member).secret_hash
    # a refresh is a GET: no address, no new secret, the old one still works
    again = client.get("/events/feed/").content.decode()
    assert not ADDRESS.search(again) and "You have a calendar address" in again
    assert NEW_FEED_SECRET not in client.session
    assert CalendarFeed.objects.get(person=member).secret_hash == hash_before
    assert Client().get(path).status_code == 200


def test_the_secret_is_only_in_the_session_of_the_person_who_made_it(member, personas,
                                                                     client_for):
    client_for(member).post("/events/feed/reset/")
    other = client_for(personas["lead"]).get("/events/feed/").content.decode()
    assert not ADDRESS.search(other)
    assert "Make my calendar address" in other

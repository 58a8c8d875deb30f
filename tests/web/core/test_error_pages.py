"""Error pages: styled, and the 500 page renders even when nothing else can."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from upward.web.core import views

pytestmark = pytest.mark.django_db


def test_not_found_is_the_styled_page_without_the_urlconf(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page and "upward.css" in page
    assert "URLconf" not in page


def test_server_error_page_renders_without_a_user_or_session():
    # A bare request: no middleware ran (the failure may have been in one, or the
    # database behind the context processors).
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Something went wrong</h1>" in page
    assert "/static/css/upward.css" in page


def test_a_crashing_page_answers_with_the_styled_500(client, settings):
    from django.urls import path

    def crash(request):
        raise RuntimeError("boom")

    import upward.web.urls as site_urls

    settings.ROOT_URLCONF = type("Urls", (), {
        "urlpatterns": [path("crash/", crash), *site_urls.urlpatterns],
        "handler500": site_urls.handler500,
    })
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()

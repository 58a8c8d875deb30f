"""`upward serve --prod` runs gunicorn with production settings and WhiteNoise static files."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

UPWARD = str(Path(sys.executable).with_name("upward"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def production_server(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "UPWARD_ENV"}}
    env.update(
        UPWARD_ENV="production", UPWARD_VAR_DIR=str(tmp_path),
        SECRET_KEY="test-only-" + "x" * 60, ALLOWED_HOSTS="127.0.0.1",
        UPWARD_SITE_URL="https://127.0.0.1",
        UPWARD_BEHIND_PROXY="1", FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    subprocess.run([UPWARD, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    server = subprocess.Popen([UPWARD, "serve", "--prod", "--port", str(port), "--workers", "1"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(base + "/healthz")
            break
        except OSError:
            if server.poll() is not None:
                raise AssertionError(server.stdout.read().decode()) from None
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=20)


def test_gunicorn_serves_production_with_https_redirect_and_static_files(production_server):
    https = {"X-Forwarded-Proto": "https"}
    status, _, body = _get(production_server + "/healthz", https)
    assert status == 200 and '"status": "ok"' in body
    status, headers, _ = _get(production_server + "/healthz")
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, page = _get(production_server + "/", https)
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    stylesheet = re.search(r'href="(/static/css/upward\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "static files should have cache-busting names in production"
    status, headers, css = _get(production_server + stylesheet.group(1), https)
    assert status == 200 and "--brand" in css
    assert "immutable" in headers.get("Cache-Control", "")


def _wait_for(base, server):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _get(base + "/healthz")
            return
        except OSError:
            if server.poll() is not None:
                raise AssertionError(server.stdout.read().decode()) from None
            time.sleep(0.3)
    raise AssertionError("the demo did not start")


def test_the_demo_runs_without_debug_and_still_serves_styled_errors_and_static(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "UPWARD_ENV", "UPWARD_DEBUG"}}
    env.update(UPWARD_VAR_DIR=str(tmp_path))
    server = subprocess.Popen([UPWARD, "demo", "--members", "12", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, server)
        status, _, page = _get(base + "/no-such-page/")
        assert status == 404
        assert "URLconf" not in page and "DEBUG = True" not in page
        assert "<h1>Page not found</h1>" in page and "/static/css/upward.css" in page
        status, _, css = _get(base + "/static/css/upward.css")
        assert status == 200 and "--brand" in css
        status, _, landing = _get(base + "/")
        assert status == 200 and "Sign in" in landing
    finally:
        server.terminate()
        server.wait(timeout=20)

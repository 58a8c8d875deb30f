"""Insights settings, from Django settings (read from the environment by upward.web.config).

``UPWARD_INSIGHTS_K``: disclosure threshold (default 10; the disclosure library
refuses anything below 5). ``UPWARD_INSIGHTS_MAX_UPLOAD_MB``: largest HR file
the web import accepts (default 100). ``UPWARD_INSIGHTS_BENCHMARKS``: path of an
organisation's own benchmark file (default: the packaged UK figures).
``UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR``: how many releases of figures in any
365 days may include survey answers (default 4; at least 1).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from upward.reports.disclosure import DEFAULT_K, MIN_K


def _setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    return default if value is None else str(value)


def disclosure_k() -> int:
    k = int(_setting("UPWARD_INSIGHTS_K", str(DEFAULT_K)))
    if k < MIN_K:
        raise ImproperlyConfigured(f"UPWARD_INSIGHTS_K must be at least {MIN_K}, not {k}: "
                                   "smaller groups could identify people.")
    return k


def max_upload_bytes() -> int:
    return int(float(_setting("UPWARD_INSIGHTS_MAX_UPLOAD_MB", "100")) * 1_000_000)


def benchmark_path() -> str | None:
    return _setting("UPWARD_INSIGHTS_BENCHMARKS", "") or None


def survey_releases_per_year() -> int:
    value = int(_setting("UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR", "4"))
    if value < 1:
        raise ImproperlyConfigured("UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR must be at least 1.")
    return value

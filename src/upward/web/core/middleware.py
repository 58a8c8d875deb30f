from __future__ import annotations

from django.shortcuts import render

from upward.web.core.errors import ApplicationError


class ApplicationErrorMiddleware:
    """Render an ``ApplicationError`` raised by a page as a friendly error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApplicationError):
            return render(
                request,
                "core/error.html",
                {"title": "Something needs your attention", "message": exception.message},
                status=exception.status,
            )
        return None

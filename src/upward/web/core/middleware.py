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


NUL_MESSAGE = ("The request contains a NUL character (\\u0000 or %00), which no text in "
               "Upward may hold: remove it and send the request again.")


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


class NulCharacterMiddleware:
    """Refuse, with a 400 that says why, a request whose query string or JSON body holds a
    NUL character: no text field may store one (PostgreSQL refuses it outright, which
    would otherwise surface as a server error). Web forms already refuse it field by
    field, with Django's own message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._nul_in(request):
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return render(request, "core/error.html",
                          {"title": "This address cannot be read", "message": NUL_MESSAGE},
                          status=400)
        return self.get_response(request)

    @staticmethod
    def _nul_in(request) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            return True
        if request.path.startswith("/api/") and request.content_type == "application/json":
            body = request.body
            if b"\x00" in body or b"\\u0000" in body:
                import json

                try:
                    return _holds_nul(json.loads(body))
                except ValueError:  # not JSON: the API says so itself
                    return b"\x00" in body
        return False

"""The JSON API root at /api/v1/: Bearer-token auth and one shape for every error,
``{"detail": "..."}`` (validation errors add ``"errors"`` with each field's problem)."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from upward.web.core.api_tokens import token_for_secret
from upward.web.core.client_ip import client_ip
from upward.web.core.errors import ApplicationError
from upward.web.core.throttle import throttle_take

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_ONLY_MESSAGE = (
    "This token is read-only, so it cannot {method}. Create a token with the "
    "'Read and write' scope under My profile → API tokens for scripts that change things."
)

#: Wrong tokens an address may send in the window before it gets 429s.
BAD_TOKENS_PER_WINDOW = 30
BAD_TOKEN_WINDOW = timedelta(minutes=10)
TOO_MANY_BAD_TOKENS = ("Too many requests with a token that is not valid came from this "
                       "address: wait 10 minutes, then use a token from My profile → API "
                       "tokens.")


class PersonalAccessToken(HttpBearer):
    openapi_description = ("A personal access token from “My profile → API tokens”. A read-only "
                           "token may only GET; writes need the “Read and write” scope.")

    def authenticate(self, request, token: str):
        found = token_for_secret(token)
        if found is None:
            # Tokens are too long to guess, but each wrong one costs a lookup: an address
            # that keeps sending them is told to wait (a valid token still works).
            if not throttle_take(scope="api.bad_token",
                                 limits=[(client_ip(request), BAD_TOKENS_PER_WINDOW)],
                                 window=BAD_TOKEN_WINDOW):
                raise HttpError(429, TOO_MANY_BAD_TOKENS)
            return None
        # Every router is behind this one check: a read token changes nothing anywhere.
        if request.method not in READ_METHODS and not found.can_write:
            raise HttpError(403, READ_ONLY_MESSAGE.format(method=request.method))
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="Upward API",
    version="1",
    description="Upward's JSON API. Authenticate with `Authorization: Bearer <token>`.",
    auth=PersonalAccessToken(),
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is enough
    openapi_url="/openapi.json",
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request,
        {"detail": "Authentication required: send the header "
                   "'Authorization: Bearer <token>' with a valid personal access token."},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    problems = []
    for error in exc.errors:
        location = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body",
                                                                                       "payload"))
        problems.append(f"{location or 'request'}: {error.get('msg', 'invalid')}")
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")}
              for e in exc.errors]
    return api.create_response(
        request, {"detail": "Invalid request — " + "; ".join(problems), "errors": errors},
        status=422)


@api.exception_handler(ApplicationError)
def _application_error(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.get("/", auth=None, summary="API index", tags=["meta"])
def index(request):
    """What this API offers and where its schema is."""
    return {
        "name": "Upward API",
        "version": "1",
        "openapi": request.build_absolute_uri("/api/v1/openapi.json"),
        "authentication": "Authorization: Bearer <personal access token>",
        "endpoints": ["/api/v1/me", "/api/v1/stories", "/api/v1/threads", "/api/v1/search",
                      "/api/v1/insights/survey", "/api/v1/insights/snapshots"],
    }


api.add_router("/", "upward.web.accounts.api.router")
api.add_router("/", "upward.web.insights.api.router")
api.add_router("/", "upward.web.community.api.router")
api.add_router("/", "upward.web.mentoring.api.router")
api.add_router("/", "upward.web.outreach.api.router")
api.add_router("/", "upward.web.awards.api.router")
api.add_router("/", "upward.web.impact.api.router")
api.add_router("/", "upward.web.events.api.router")

"""Home page, health check and the audit log viewer."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from upward.web.core.audit import AUDIT_ACTIONS, audit_entries
from upward.web.core.home import home_panels_for
from upward.web.core.permissions import capability_required, user_roles
from upward.web.core.roles import ROLE_DESCRIPTIONS, Role


def home(request):
    """The landing page for visitors; for someone signed in, the panels every app has
    for them (see ``upward.web.core.home``)."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    roles = [(Role(r).label, ROLE_DESCRIPTIONS[r]) for r in sorted(user_roles(request.user))]
    return render(request, "core/home.html", {
        "panels": home_panels_for(viewer=request.user), "roles": roles})


@never_cache
def healthz(request):
    """Report whether the database answers; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unreachable",
                             "detail": error.__class__.__name__}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@capability_required("view_audit_log")
def audit_log(request):
    action = request.GET.get("action", "")
    actor = request.GET.get("actor", "")
    page_obj = Paginator(audit_entries(action=action, actor_label=actor), 50).get_page(
        request.GET.get("page"))
    for entry in page_obj:
        entry.action_label = AUDIT_ACTIONS.get(entry.action, entry.action)
    return render(request, "core/audit_log.html", {
        "page_obj": page_obj, "actions": AUDIT_ACTIONS, "action": action, "actor": actor,
    })


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the failure may be the database the context processors read.
    return HttpResponseServerError(loader.get_template("500.html").render())


def forbidden(request, exception=None):
    return render(request, "core/error.html", {
        "title": "You do not have access to this page",
        "message": "Ask an administrator if you think you should have access.",
    }, status=403)


def csrf_failure(request, reason=""):
    return render(request, "core/error.html", {
        "title": "Your form expired",
        "message": "For your security, forms expire. Go back, reload the page and try again.",
    }, status=403)

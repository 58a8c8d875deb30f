"""Access checks by capability (``upward.web.core.capabilities``): one decorator for
views, answering 403 with a helpful page, and ``can`` / ``require_capability`` for
selectors, services and templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from upward.web.core.capabilities import refusal_message, roles_with
from upward.web.core.errors import ApplicationError
from upward.web.core.roles import Role


def user_roles(user) -> frozenset[str]:
    """The roles ``user`` holds (empty for anonymous or inactive users), cached per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_upward_roles", None)
    if cached is None:
        cached = frozenset(user.role_assignments.values_list("role", flat=True))
        user._upward_roles = cached
    return cached


def has_any_role(user, roles: Iterable[str]) -> bool:
    return bool(user_roles(user) & frozenset(roles))


def can(user, capability: str) -> bool:
    """Whether ``user`` holds a role that has ``capability``."""
    return has_any_role(user, roles_with(capability))


def require_capability(user, capability: str, *, status: int = 403) -> None:
    """Raise an ApplicationError (403 unless told) unless ``user`` has ``capability``."""
    if not can(user, capability):
        raise ApplicationError(refusal_message(capability), status=status)


def capability_required(capability: str) -> Callable:
    """Allow the view to signed-in people who have ``capability``; see ``role_required``."""
    gate = role_required(*roles_with(capability))

    def decorator(view):
        wrapper = gate(view)
        wrapper.capability = capability  # read by the role × page tests
        return wrapper

    return decorator


def role_required(*roles: Role | str) -> Callable:
    """Allow the view to signed-in users holding at least one of ``roles``.

    Views use ``capability_required`` (so the table in ``core/capabilities.py`` stays the
    one place that says which role may do what); this is its mechanism.

    Anonymous visitors are sent to sign in; signed-in people without the role
    get a 403 page that says which role the page needs.
    """
    needed = frozenset(str(r) for r in roles)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needed and not has_any_role(request.user, needed):
                labels = ", ".join(sorted(str(Role(r).label) for r in needed))
                return render(
                    request,
                    "core/error.html",
                    {
                        "title": "You do not have access to this page",
                        "message": f"This page is for people with one of these roles: {labels}. "
                        "Ask an administrator if you think you should have access.",
                    },
                    status=403,
                )
            return view(request, *args, **kwargs)

        wrapper.required_roles = needed
        return wrapper

    return decorator


def signed_in(view):
    """Any active, signed-in person."""
    return role_required()(view)

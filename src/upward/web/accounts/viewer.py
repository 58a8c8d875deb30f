"""The signed-in person, loaded once per request with what every page shows of them.

Django's model backend loads the user with one query; the navigation then asks
for their roles, the header for their name and the notifications badge for their
unread count — three more. Here one prepared query (see
``upward.web.core.prepared``) fetches the user row with all of that (the unread
count of the shared notifications in ``upward.web.core.notifications``). Apps add
what else they need to :data:`VIEWER_ANNOTATIONS` instead of this module knowing
about them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Case, Expression, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from upward.web.accounts.models import RoleAssignment, User
from upward.web.core.notifications.selectors import UNREAD, unread_of_user_row
from upward.web.core.prepared import Prepared
from upward.web.core.roles import Role

# name -> a function making an expression over the user row (OuterRef("pk") is the user)
VIEWER_ANNOTATIONS: dict[str, Callable[[], Expression]] = {}

NAME = "upward_viewer_name"


ROLES = "upward_viewer_roles"
_ROLE_BITS = {role: 1 << number for number, role in enumerate(Role.values)}


def _build(user_id):
    # The roles as one number, a bit each (a person holds each role once): one
    # subquery plans several times faster than one EXISTS per role.
    bits = Case(*(When(role=role, then=Value(bit)) for role, bit in _ROLE_BITS.items()),
                default=Value(0))
    roles = RoleAssignment.objects.filter(user_id=OuterRef("pk")).order_by() \
        .values("user_id").annotate(bits=Sum(bits)).values("bits")
    annotations = {NAME: F("profile__display_name"),
                   ROLES: Coalesce(Subquery(roles), Value(0)),
                   UNREAD: unread_of_user_row()}
    for name, make in VIEWER_ANNOTATIONS.items():
        annotations[name] = make()
    return User.objects.filter(pk=user_id).order_by().annotate(**annotations)


_QUERY = Prepared(_build)


def load_viewer(user_id) -> User | None:
    """The user with id ``user_id`` (None if there is none), their roles cached for
    ``upward.web.core.permissions.user_roles``, their display name and whatever
    :data:`VIEWER_ANNOTATIONS` adds as attributes."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    users = _QUERY.instances(user_id)
    if not users:
        return None
    user = users[0]
    bits = int(getattr(user, ROLES) or 0)
    user._upward_roles = frozenset(role for role, bit in _ROLE_BITS.items() if bits & bit)
    user._upward_display_name = getattr(user, NAME)
    return user

"""Who may do what in the community: named questions over the capability table
(``upward.web.core.capabilities``). Object visibility lives in the selectors."""

from __future__ import annotations

from upward.web.core.permissions import can


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_network_member(user) -> bool:
    return can(user, "take_part")


def is_moderator(user) -> bool:
    return can(user, "moderate")


def is_lead(user) -> bool:
    return can(user, "curate")

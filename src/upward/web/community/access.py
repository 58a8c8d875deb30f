"""Who may do what in the community, by role. Object visibility lives in the selectors."""

from __future__ import annotations

from upward.web.core.permissions import has_any_role
from upward.web.core.roles import NETWORK_ROLES, Role

# Moderation is for moderators, and network leads who run the network.
MODERATION_ROLES = frozenset({Role.MODERATOR, Role.NETWORK_LEAD})
LEAD_ROLES = frozenset({Role.NETWORK_LEAD})


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_network_member(user) -> bool:
    return has_any_role(user, NETWORK_ROLES)


def is_moderator(user) -> bool:
    return has_any_role(user, MODERATION_ROLES)


def is_lead(user) -> bool:
    return has_any_role(user, LEAD_ROLES)

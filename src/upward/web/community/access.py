"""Who may do what in the community: named questions over the capability table
(``upward.web.core.capabilities``). Object visibility lives in the selectors."""

from __future__ import annotations

from upward.web.core.permissions import can


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_network_member(user) -> bool:
    return can(user, "take_part")


def links_people(user) -> bool:
    """Whether names link to their profiles for ``user``: only for those who may open
    them ("see_people"). Who belongs to the network can be sensitive, so everyone
    else (administrators, analysts, judges) sees a name without a link."""
    return can(user, "see_people")


def is_moderator(user) -> bool:
    return can(user, "moderate")


def is_lead(user) -> bool:
    return can(user, "curate")

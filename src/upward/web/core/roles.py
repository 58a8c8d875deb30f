"""The roles a person can hold; several at once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")
    NETWORK_LEAD = "lead", _("Network lead")
    ANALYST = "analyst", _("Analyst")
    JUDGE = "judge", _("Judge")
    ADMIN = "admin", _("Administrator")


ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.MEMBER: "Belongs to the network: stories, discussions, the people directory.",
    Role.MODERATOR: "Reviews flags and pre-moderated posts.",
    Role.NETWORK_LEAD: "Runs the network: invites members, curates, manages categories.",
    Role.ANALYST: "Sees aggregate workforce insights (never an individual's background).",
    Role.JUDGE: "Scores award entries assigned to them.",
    Role.ADMIN: "Manages people, roles and the audit log.",
}

# Roles that make someone part of the network itself (membership can be
# sensitive, so only these people see who else belongs).
NETWORK_ROLES = frozenset({Role.MEMBER, Role.MODERATOR, Role.NETWORK_LEAD})

"""Writing to the audit log: one function every app calls for sensitive actions."""

from __future__ import annotations

from typing import Any

from upward.web.core.client_ip import client_ip
from upward.web.core.models import AuditEntry

# Known actions and how the viewer labels them. Apps add theirs here.
AUDIT_ACTIONS: dict[str, str] = {
    "role.grant": "Role granted",
    "role.revoke": "Role revoked",
    "invitation.create": "Invitation sent",
    "invitation.revoke": "Invitation revoked",
    "invitation.accept": "Invitation accepted",
    "token.create": "API token created",
    "token.revoke": "API token revoked",
    "account.lockout": "Sign-in locked after failed attempts",
    "account.export": "Personal data downloaded",
    "account.delete": "Account deleted",
    "data.import": "Data imported",
    "data.export": "Data exported",
    "moderation": "Moderation action",
    "score.change": "Score changed",
    # community (moderators and network leads)
    "community.approve": "Post approved",
    "community.reject": "Post not approved",
    "community.hide": "Post hidden",
    "community.restore": "Post restored",
    "community.edit": "Post edited by a moderator",
    "community.lock": "Discussion or comments locked",
    "community.unlock": "Discussion or comments reopened",
    "community.flags": "Flags dismissed",
    "community.suspend": "Member suspended from posting",
    "community.unsuspend": "Suspension lifted",
    "community.watched_word": "Watched words changed",
    "community.public": "Public story page decided",
    "community.feature": "Featured stories changed",
    "community.category": "Discussion category changed",
    "community.tag": "Story tag added or changed",
    "community.retag": "Story's tags changed by a lead",
    "community.reaction": "Reactions on offer changed",
    "community.accept": "Answer chosen by a moderator",
    # insights (analysts and network leads)
    "snapshot.delete": "Workforce snapshot deleted",
    "insights.release": "Workforce figures released",
    "survey.remind": "Background survey reminder sent",
    # insights (administrators, and HR records on import)
    "survey_link.confirm": "Employee number link confirmed",
    "survey_link.reject": "Employee number link rejected",
}


def register_audit_actions(actions: dict[str, str]) -> None:
    """Add an app's action names (``"<app>.<verb>"`` → label shown in the audit log), e.g.
    the ``<prefix>.hide`` and ``<prefix>.flags`` its flaggable content needs."""
    for name, label in actions.items():
        if AUDIT_ACTIONS.get(name, label) != label:
            raise ValueError(f"Audit action {name!r} is already registered differently.")
        AUDIT_ACTIONS[name] = label


def audit_record(
    *,
    actor,
    action: str,
    target: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    object_label: str = "",
    detail: dict | None = None,
    request=None,
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry. ``target`` may be a model instance (type, id and label are
    taken from it)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}; add it to AUDIT_ACTIONS first.")
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or target.pk
        object_label = object_label or str(target)[:254]
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor_id=actor.pk if is_person else None,
        actor_label=(actor_label or (actor.email if is_person else "system"))[:254],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_label=object_label[:254],
        detail=detail or {},
        ip_address=client_ip(request) if request is not None else None,
    )


def audit_entries(*, action: str = "", actor_label: str = ""):
    """Entries for the admin viewer, newest first, optionally filtered."""
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if actor_label:
        entries = entries.filter(actor_label__icontains=actor_label)
    return entries

"""Writes to frameworks and goals: loading the shipped frameworks, completing goals,
the organisation's own frameworks and goals."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.impact.models import Framework, Goal
from upward.web.impact.services._common import require_manager, save_checked
from upward.web.impact.shipped import load_shipped_into


@transaction.atomic
def frameworks_load_shipped(*, actor=None) -> dict[str, int]:
    """Create the shipped frameworks and goals that are missing and refresh goals the
    organisation has not edited; a goal it edited is never overwritten (see
    :mod:`upward.web.impact.shipped`). Safe to run any number of times. ``actor`` None:
    the system (the data migration, the demo seed)."""
    if actor is not None:
        require_manager(actor)
    changes = load_shipped_into(Framework, Goal)
    if changes["created"] or changes["refreshed"]:
        audit_record(actor=actor, action="impact.frameworks_load", object_type="framework",
                     object_label="Shipped frameworks", detail=changes,
                     actor_label="" if actor else "Upward")
    return changes


@transaction.atomic
def goal_update(*, actor, goal: Goal, name: str | None = None, description: str,
                source: str) -> Goal:
    """Complete or change a goal. An official (confirmed) name cannot be changed: only
    its description and source can."""
    require_manager(actor)
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if name is not None and not goal.confirmed:
        goal.name = name.strip()
    goal.description = description.strip()
    goal.source = source.strip()
    goal.edited = True
    save_checked(goal)
    audit_record(actor=actor, action="impact.goal_update", target=goal)
    return goal


@transaction.atomic
def framework_create(*, actor, name: str, publisher: str = "", source: str = "",
                     description: str = "") -> Framework:
    """The organisation's own framework (never marked shipped)."""
    require_manager(actor)
    base = slugify(name)[:50] or "framework"
    key, n = base, 2
    while Framework.objects.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    framework = save_checked(Framework(key=key, name=name.strip(), publisher=publisher.strip(),
                                       source=source.strip(), description=description.strip()))
    audit_record(actor=actor, action="impact.framework_create", target=framework)
    return framework


@transaction.atomic
def goal_create(*, actor, framework: Framework, name: str, description: str = "",
                source: str = "") -> Goal:
    """Add a goal, numbered after the last, to the organisation's own framework. Shipped
    frameworks keep their published numbering."""
    require_manager(actor)
    if framework.shipped:
        raise ApplicationError("Goals are added to your organisation's own frameworks; a "
                               "shipped framework keeps its published goals.")
    if not name.strip():
        raise ApplicationError("Enter the goal's name", field="name")
    last = framework.goals.order_by("-number").values_list("number", flat=True).first() or 0
    goal = save_checked(Goal(framework=framework, number=last + 1, name=name.strip(),
                             description=description.strip(), source=source.strip(),
                             edited=True))
    audit_record(actor=actor, action="impact.goal_create", target=goal)
    return goal

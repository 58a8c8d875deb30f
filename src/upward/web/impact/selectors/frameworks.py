"""Reads of frameworks and goals: for people who may view impact; fetch-and-authorise
in one call, 404 for missing and forbidden alike."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from upward.web.core.permissions import can
from upward.web.impact.models import Framework, Goal


def frameworks_visible_to(*, viewer) -> QuerySet[Framework]:
    if not can(viewer, "view_impact"):
        return Framework.objects.none()
    return Framework.objects.prefetch_related("goals")


def framework_get_for_viewer(*, viewer, pk: int) -> Framework:
    found = frameworks_visible_to(viewer=viewer).filter(pk=pk).first()
    if found is None:
        raise Http404("No such framework.")
    return found


def goal_get_for_manager(*, viewer, pk: int) -> Goal:
    if not can(viewer, "manage_impact"):
        raise Http404("No such goal.")
    found = Goal.objects.select_related("framework").filter(pk=pk).first()
    if found is None:
        raise Http404("No such goal.")
    return found


def goals_for_choice() -> QuerySet[Goal]:
    return Goal.objects.select_related("framework").order_by("framework__name", "number")


def framework_needs_loading() -> bool:
    return not Framework.objects.filter(shipped=True).exists()

"""Reads of initiatives, KPIs and their yearly values."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from upward.web.accounts.selectors import active_people
from upward.web.core.permissions import can
from upward.web.impact.models import Initiative, Kpi, KpiValue


def initiatives_visible_to(*, viewer) -> QuerySet[Initiative]:
    if not can(viewer, "view_impact"):
        return Initiative.objects.none()
    return (Initiative.objects.select_related("owner__profile")
            .prefetch_related("goals__framework", "kpis__values"))


def initiative_get_for_viewer(*, viewer, pk: int) -> Initiative:
    found = initiatives_visible_to(viewer=viewer).filter(pk=pk).first()
    if found is None:
        raise Http404("No such initiative.")
    return found


def initiative_get_for_manager(*, viewer, pk: int) -> Initiative:
    if not can(viewer, "manage_impact"):
        raise Http404("No such initiative.")
    return initiative_get_for_viewer(viewer=viewer, pk=pk)


def kpi_get_for_manager(*, viewer, pk: int) -> Kpi:
    found = Kpi.objects.select_related("initiative").filter(pk=pk).first() \
        if can(viewer, "manage_impact") else None
    if found is None:
        raise Http404("No such KPI.")
    return found


def kpi_value(kpi: Kpi, year: int) -> KpiValue | None:
    return next((v for v in kpi.values.all() if v.year == year), None)


def kpi_values_visible_to(*, viewer) -> QuerySet[KpiValue]:
    if not can(viewer, "view_impact"):
        return KpiValue.objects.none()
    return KpiValue.objects.select_related("kpi__initiative").order_by(
        "kpi__initiative__name", "kpi__name", "kpi__pk", "year")


def owner_choices() -> QuerySet:
    """People who may own an initiative: anyone with an active account."""
    return active_people().select_related("profile").order_by("profile__display_name", "pk")


def person_name(user) -> str:
    return user.display_name if user is not None else "No owner"

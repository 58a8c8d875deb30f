"""The schools directory: filters, distance from an office and the priority flag."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from upward.schools.distance import distance_km
from upward.schools.priority import is_priority, national_fsm_percent
from upward.web.core.permissions import require_capability
from upward.web.outreach.models import Office, School

__all__ = ["DirectoryRow", "offices", "priority_fsm_percent", "school_filter_choices",
           "schools_directory"]


@dataclass(frozen=True)
class DirectoryRow:
    school: School
    priority: bool
    distance_km: float | None  # from the chosen office; None without one or a grid ref


def priority_fsm_percent() -> float:
    """The FSM threshold above which a school is a priority school:
    ``UPWARD_PRIORITY_FSM_PERCENT`` when set, else England's national average."""
    configured = getattr(settings, "UPWARD_PRIORITY_FSM_PERCENT", None)
    return float(configured) if configured is not None else national_fsm_percent()


def offices(*, viewer):
    require_capability(viewer, "see_schools")
    return Office.objects.all()


def school_filter_choices(*, viewer) -> dict[str, list[str]]:
    """The phases and local authorities of the open schools, for the directory's filters."""
    require_capability(viewer, "see_schools")
    schools = School.objects.filter(is_open=True).exclude(phase="")
    return {
        "phases": sorted(set(schools.values_list("phase", flat=True))),
        "local_authorities": sorted(set(
            School.objects.filter(is_open=True).exclude(local_authority="")
            .values_list("local_authority", flat=True))),
    }


def schools_directory(*, viewer, phase: str | None = None, local_authority: str | None = None,
                      office: Office | None = None, max_km: float | None = None,
                      min_fsm: float | None = None, priority_only: bool = False,
                      include_closed: bool = False) -> list[DirectoryRow]:
    """Schools for a network member, filtered, each with its priority flag and its
    distance from ``office``; nearest first when an office is given, else by name.
    ``max_km`` needs an office (schools without a grid reference are then left out)."""
    require_capability(viewer, "see_schools")
    if max_km is not None and office is None:
        raise ValueError("max_km needs an office to measure from")
    threshold = priority_fsm_percent()
    schools = School.objects.all()
    if not include_closed:
        schools = schools.filter(is_open=True)
    if phase:
        schools = schools.filter(phase=phase)
    if local_authority:
        schools = schools.filter(local_authority=local_authority)
    if min_fsm is not None:
        schools = schools.filter(fsm_percent__gte=min_fsm)
    if priority_only:
        schools = schools.filter(fsm_percent__gt=threshold)
    if office is not None and max_km is not None:
        # a bounding box in the database, then the exact circle below
        reach = int(max_km * 1000) + 1
        schools = schools.filter(easting__gte=office.easting - reach,
                                 easting__lte=office.easting + reach,
                                 northing__gte=office.northing - reach,
                                 northing__lte=office.northing + reach)
    rows = []
    for school in schools:
        distance = None
        if office is not None and school.easting is not None and school.northing is not None:
            distance = distance_km(office.easting, office.northing, school.easting, school.northing)
        if max_km is not None and (distance is None or distance > max_km):
            continue
        rows.append(DirectoryRow(school, is_priority(school.fsm_percent, threshold), distance))
    if office is not None:
        rows.sort(key=lambda r: (r.distance_km is None, r.distance_km or 0.0, r.school.name))
    return rows

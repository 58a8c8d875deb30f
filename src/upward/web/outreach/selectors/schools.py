"""The schools directory: filters, distance from an office and the priority flag."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404

from upward.schools.distance import distance_km
from upward.schools.priority import is_priority, national_fsm_percent
from upward.web.core.permissions import can, require_capability
from upward.web.outreach.models import Office, School, SchoolImport
from upward.web.outreach.uploads import progress_path

__all__ = ["DirectoryRow", "ImportProgress", "import_progress", "office_for_manager",
           "offices", "postcode_grid_reference", "priority_fsm_percent",
           "school_filter_choices", "school_imports", "schools_directory"]


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
    """The offices: for the directory's members, and for those who manage them."""
    if not can(viewer, "manage_schools"):
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


# --- imports and offices, for the people who manage the register (manage_schools) -------

@dataclass(frozen=True)
class ImportProgress:
    record: SchoolImport
    rows_done: int  # rows read so far (all of them once it has ended)

    @property
    def finished(self) -> bool:
        return self.record.status in (SchoolImport.Status.DONE, SchoolImport.Status.FAILED)

    @property
    def percent(self) -> int:
        expected = self.record.rows_expected
        return min(100, round(100 * self.rows_done / expected)) if expected else 0


def school_imports(*, viewer):
    """Every import of the register, newest first."""
    require_capability(viewer, "manage_schools")
    return SchoolImport.objects.select_related("actor")


def import_progress(*, viewer, import_id: int) -> ImportProgress:
    """An import and how far it has got (a running import's count is in a file beside its
    upload, as the import's own transaction hides its writes until it ends)."""
    require_capability(viewer, "manage_schools")
    record = SchoolImport.objects.filter(pk=import_id).select_related("actor").first()
    if record is None:
        raise Http404
    rows = record.rows_read
    if record.status == SchoolImport.Status.RUNNING:
        try:
            rows = int(progress_path(record).read_text() or 0)
        except (FileNotFoundError, ValueError):
            rows = 0
    return ImportProgress(record, rows)


def office_for_manager(*, viewer, office_id: int) -> Office:
    require_capability(viewer, "manage_schools")
    office = Office.objects.filter(pk=office_id).first()
    if office is None:
        raise Http404
    return office


def postcode_grid_reference(*, viewer, postcode: str) -> School | None:
    """A school in the register with ``postcode`` and a grid reference, for an office at
    the same postcode (no postcode lookup service is used: the register is the source)."""
    require_capability(viewer, "manage_schools")
    normal = " ".join(postcode.upper().split())
    if not normal:
        return None
    return (School.objects.filter(postcode=normal, easting__isnull=False,
                                  northing__isnull=False)
            .order_by("-is_open", "name").first())

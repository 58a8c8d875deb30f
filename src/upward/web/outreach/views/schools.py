"""Outreach's pages: the schools directory (GET filters, no writes)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from upward.web.core.permissions import capability_required
from upward.web.outreach import selectors

MAX_KM_CHOICES = (5, 10, 15, 25, 50)


def _number(text: str | None, low: float, high: float) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if low <= value <= high else None


@capability_required("see_schools")
def schools(request):
    choices = selectors.school_filter_choices(viewer=request.user)
    offices = list(selectors.offices(viewer=request.user))
    get = request.GET
    phase = get.get("phase") if get.get("phase") in choices["phases"] else ""
    la = get.get("la") if get.get("la") in choices["local_authorities"] else ""
    office = next((o for o in offices if str(o.pk) == get.get("office")), None)
    max_km = _number(get.get("km"), 1, 1000) if office is not None else None
    min_fsm = _number(get.get("fsm"), 0, 100)
    priority_only = get.get("priority") == "1"
    rows = selectors.schools_directory(
        viewer=request.user, phase=phase or None, local_authority=la or None, office=office,
        max_km=max_km, min_fsm=min_fsm, priority_only=priority_only)
    page_obj = Paginator(rows, 50).get_page(get.get("page"))
    return render(request, "outreach/schools.html", {
        "page_obj": page_obj, "rows": page_obj.object_list, "total": len(rows),
        "choices": choices, "offices": offices, "office": office,
        "km_choices": MAX_KM_CHOICES, "threshold": selectors.priority_fsm_percent(),
        "f": {"phase": phase, "la": la, "office": str(office.pk) if office else "",
              "km": f"{max_km:g}" if max_km else "",
              "fsm": f"{min_fsm:g}" if min_fsm is not None else "",
              "priority": priority_only},
    })

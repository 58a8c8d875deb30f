"""Outreach's schools pages: the directory (GET filters), importing the register from
GIAS (upload, then a progress page that becomes the report) and the offices distances are
measured from."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.outreach import selectors, services
from upward.web.outreach.forms_schools import GiasUploadForm, OfficeForm

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


# --- importing the register (manage_schools) -------------------------------------------


@capability_required("manage_schools")
@require_http_methods(["GET", "POST"])
def schools_import(request):
    form = GiasUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.schools_upload(actor=request.user, chunks=upload.chunks(),
                                             source_name=upload.name)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("outreach:schools_import_progress", import_id=record.pk)
    imports = Paginator(selectors.school_imports(viewer=request.user), 25)
    return render(request, "outreach/import.html", {
        "form": form, "page_obj": imports.get_page(request.GET.get("page")),
        "max_mb": services.MAX_UPLOAD_MB}, status=400 if form.errors else 200)


@capability_required("manage_schools")
def schools_import_progress(request, import_id: int):
    progress = selectors.import_progress(viewer=request.user, import_id=import_id)
    problems = progress.record.problems if progress.finished else []
    page_obj = Paginator(problems, 100).get_page(request.GET.get("page"))
    return render(request, "outreach/import_progress.html", {
        "progress": progress, "record": progress.record, "page_obj": page_obj,
        "problems": page_obj.object_list})


# --- offices (manage_schools) ----------------------------------------------------------


@capability_required("manage_schools")
def offices(request):
    return render(request, "outreach/offices.html",
                  {"offices": selectors.offices(viewer=request.user)})


@capability_required("manage_schools")
@require_http_methods(["GET", "POST"])
def office_edit(request, office_id: int | None = None):
    office = (selectors.office_for_manager(viewer=request.user, office_id=office_id)
              if office_id is not None else None)
    initial = ({"name": office.name, "postcode": office.postcode, "easting": office.easting,
                "northing": office.northing} if office else None)
    found = None  # the register's answer to "Find from the postcode"
    if request.method == "POST" and "find" in request.POST:
        found = _postcode_lookup(request)
        form = OfficeForm(initial={**request.POST.dict(), **found.get("grid", {})})
    else:
        form = OfficeForm(request.POST or None, initial=initial)
    if request.method == "POST" and found is None and form.is_valid():
        data = form.cleaned_data
        try:
            services.office_save(actor=request.user, office=office, name=data["name"],
                                 postcode=data["postcode"], easting=data["easting"],
                                 northing=data["northing"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Saved the office “{data['name']}”.")
            return redirect("outreach:offices")
    return render(request, "outreach/office_form.html", {
        "form": form, "office": office, "found": found},
        status=400 if form.is_bound and form.errors else 200)


def _postcode_lookup(request) -> dict:
    """The grid reference of a school in the register at the posted postcode, to fill
    the form with (``grid``), or the postcode and no school."""
    postcode = " ".join(request.POST.get("postcode", "").upper().split())
    school = (selectors.postcode_grid_reference(viewer=request.user, postcode=postcode)
              if postcode else None)
    grid = {"easting": school.easting, "northing": school.northing} if school else {}
    return {"postcode": postcode, "school": school, "grid": grid}


@capability_required("manage_schools")
@require_http_methods(["GET", "POST"])
def office_delete(request, office_id: int):
    office = selectors.office_for_manager(viewer=request.user, office_id=office_id)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Delete the office “{office.name}”?",
            explanation="The schools directory will no longer offer distances from it. "
                        "Schools and outreach records are not changed.",
            button="Delete office", cancel_url=reverse("outreach:offices"))
    services.office_delete(actor=request.user, office=office)
    messages.success(request, f"Deleted the office “{office.name}”.")
    return redirect("outreach:offices")

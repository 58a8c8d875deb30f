"""Impact pages for people who manage it: goals, the organisation's frameworks,
initiatives, KPIs, their yearly values and recalculating computed KPIs."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.impact import forms
from upward.web.impact.models import KpiKind
from upward.web.impact.selectors import frameworks as framework_selectors
from upward.web.impact.selectors import initiatives as initiative_selectors
from upward.web.impact.selectors.initiatives import kpi_value
from upward.web.impact.services import frameworks as framework_services
from upward.web.impact.services import initiatives as services
from upward.web.impact.views.common import year_from


def _form_page(request, form, *, title: str, back: str, button: str, intro: str = ""):
    return render(request, "impact/form.html", {
        "form": form, "title": title, "back": back, "button": button, "intro": intro})


def _attempt(form, call) -> bool:
    """Run the service; on an expected failure, put its message on the form."""
    try:
        call()
    except ApplicationError as error:
        show_service_error(form, error)
        return False
    return True


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk: int):
    goal = framework_selectors.goal_get_for_manager(viewer=request.user, pk=pk)
    form = forms.GoalForm(request.POST or None, official=goal.confirmed, initial={
        "name": goal.name, "description": goal.description, "source": goal.source})
    back = reverse("impact:framework", args=[goal.framework_id])
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: (
            framework_services.goal_update(actor=request.user, goal=goal, **form.cleaned_data))):
        messages.success(request, f"{goal.framework.name}: goal {goal.number} saved.")
        return redirect(back)
    intro = (f"“{goal.name}” is the official name, so only the description and source can "
             "change." if goal.confirmed else
             "This goal's official name is not confirmed in Upward's data. Enter it from the "
             "framework's own publication, with its source.")
    return _form_page(request, form, title=f"{goal.framework.name}: goal {goal.number}",
                      back=back, button="Save the goal", intro=intro)


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def framework_new(request):
    form = forms.FrameworkForm(request.POST or None)
    made = []
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: made.append(
            framework_services.framework_create(actor=request.user, **form.cleaned_data))):
        messages.success(request, f"{made[0].name} created. Add its goals.")
        return redirect("impact:framework", pk=made[0].pk)
    return _form_page(request, form, title="Add your own framework",
                      back=reverse("impact:home"), button="Create the framework")


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def goal_new(request, pk: int):
    framework = framework_selectors.framework_get_for_viewer(viewer=request.user, pk=pk)
    form = forms.OwnGoalForm(request.POST or None)
    back = reverse("impact:framework", args=[pk])
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: (
            framework_services.goal_create(actor=request.user, framework=framework,
                                           **form.cleaned_data))):
        messages.success(request, "Goal added.")
        return redirect(back)
    return _form_page(request, form, title=f"Add a goal to {framework.name}", back=back,
                      button="Add the goal")


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def initiative_new(request):
    form = forms.InitiativeForm(request.POST or None)
    made = []
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: made.append(
            services.initiative_create(actor=request.user, **form.cleaned_data))):
        messages.success(request, f"{made[0].name} created. Add its KPIs.")
        return redirect("impact:initiative", pk=made[0].pk)
    return _form_page(request, form, title="Add an initiative", back=reverse("impact:home"),
                      button="Create the initiative")


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk: int):
    found = initiative_selectors.initiative_get_for_manager(viewer=request.user, pk=pk)
    form = forms.InitiativeForm(request.POST or None,
                                initial=forms.InitiativeForm.initial_for(found))
    back = reverse("impact:initiative", args=[pk])
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: (
            services.initiative_update(actor=request.user, initiative=found,
                                       **form.cleaned_data))):
        messages.success(request, f"{found.name} saved.")
        return redirect(back)
    return _form_page(request, form, title=f"Change {found.name}", back=back,
                      button="Save the initiative")


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def initiative_delete(request, pk: int):
    found = initiative_selectors.initiative_get_for_manager(viewer=request.user, pk=pk)
    if request.method == "POST":
        services.initiative_delete(actor=request.user, initiative=found)
        messages.success(request, f"{found.name} deleted.")
        return redirect("impact:home")
    return confirmation_page(
        request, title=f"Delete {found.name}?", button="Delete the initiative",
        explanation="The initiative, its KPIs and every year's baseline, target and actual "
                    "are deleted. The audit log keeps a record that it was deleted.",
        cancel_url=reverse("impact:initiative", args=[pk]))


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def kpi_new(request, pk: int):
    found = initiative_selectors.initiative_get_for_manager(viewer=request.user, pk=pk)
    form = forms.KpiForm(request.POST or None)
    back = reverse("impact:initiative", args=[pk])
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: (
            services.kpi_create(actor=request.user, initiative=found, **form.cleaned_data))):
        messages.success(request, "KPI added. Set its baseline and target.")
        return redirect(back)
    return _form_page(request, form, title=f"Add a KPI to {found.name}", back=back,
                      button="Add the KPI")


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def kpi_edit(request, pk: int):
    kpi = initiative_selectors.kpi_get_for_manager(viewer=request.user, pk=pk)
    form = forms.KpiForm(request.POST or None, initial=forms.KpiForm.initial_for(kpi))
    back = reverse("impact:initiative", args=[kpi.initiative_id])
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: (
            services.kpi_update(actor=request.user, kpi=kpi, **form.cleaned_data))):
        messages.success(request, f"{kpi.name} saved.")
        return redirect(back)
    return _form_page(request, form, title=f"Change {kpi.name}", back=back,
                      button="Save the KPI")


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def kpi_delete(request, pk: int):
    kpi = initiative_selectors.kpi_get_for_manager(viewer=request.user, pk=pk)
    back = reverse("impact:initiative", args=[kpi.initiative_id])
    if request.method == "POST":
        services.kpi_delete(actor=request.user, kpi=kpi)
        messages.success(request, f"{kpi.name} deleted.")
        return redirect(back)
    return confirmation_page(
        request, title=f"Delete the KPI {kpi.name}?", button="Delete the KPI",
        explanation="The KPI and every year's baseline, target and actual are deleted.",
        cancel_url=back)


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def kpi_values(request, pk: int):
    kpi = initiative_selectors.kpi_get_for_manager(viewer=request.user, pk=pk)
    computed = kpi.kind == KpiKind.COMPUTED
    year = year_from(request)
    current = kpi_value(kpi, year)
    initial = {"year": year}
    if current:
        initial.update(baseline=current.baseline, target=current.target,
                       actual=current.actual, evidence=current.evidence)
    form = forms.KpiValueForm(request.POST or None, computed=computed, initial=initial)
    back = reverse("impact:initiative", args=[kpi.initiative_id])
    if request.method == "POST" and form.is_valid() and _attempt(form, lambda: (
            services.kpi_value_set(actor=request.user, kpi=kpi, **form.cleaned_data))):
        messages.success(request, f"{kpi.name}: {form.cleaned_data['year']} saved.")
        return redirect(f"{back}?year={form.cleaned_data['year']}")
    intro = ("Upward computes this KPI's actual: recalculate computed KPIs from the impact "
             "page." if computed else "Enter the actual with the evidence for it.")
    return _form_page(request, form, title=f"{kpi.name}: baseline, target and actual",
                      back=back, button="Save the figures", intro=intro)


@capability_required("manage_impact")
@require_http_methods(["GET", "POST"])
def compute(request):
    year = year_from(request)
    if request.method == "POST":
        done = services.kpis_compute(actor=request.user, year=year)
        messages.success(request, f"{done} computed KPI(s) recalculated for {year}.")
        return redirect(f"{reverse('impact:progress')}?year={year}")
    return confirmation_page(
        request, title=f"Recalculate computed KPIs for {year}?",
        button=f"Recalculate {year}", danger=False,
        explanation=[f"Every computed KPI's actual for {year} is worked out again from the "
                     "platform and replaces the one stored, with the inputs it came from.",
                     "Counts of fewer than k people are stored as not published."],
        cancel_url=reverse("impact:home"))


urlpatterns = [
    path("impact/goals/<int:pk>/edit/", goal_edit, name="goal_edit"),
    path("impact/frameworks/new/", framework_new, name="framework_new"),
    path("impact/frameworks/<int:pk>/goals/new/", goal_new, name="goal_new"),
    path("impact/initiatives/new/", initiative_new, name="initiative_new"),
    path("impact/initiatives/<int:pk>/edit/", initiative_edit, name="initiative_edit"),
    path("impact/initiatives/<int:pk>/delete/", initiative_delete, name="initiative_delete"),
    path("impact/initiatives/<int:pk>/kpis/new/", kpi_new, name="kpi_new"),
    path("impact/kpis/<int:pk>/edit/", kpi_edit, name="kpi_edit"),
    path("impact/kpis/<int:pk>/delete/", kpi_delete, name="kpi_delete"),
    path("impact/kpis/<int:pk>/figures/", kpi_values, name="kpi_values"),
    path("impact/compute/", compute, name="compute"),
]

"""Judging pages: panels and assignment for administrators (under /awards/manage/), a
judge's assignments, scoring, conflicts and submission, and the lead judge's progress
view (under /awards/judging/)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.awards.forms_judging import (
    AutoAssignForm,
    ManualAssignForm,
    PanelForm,
    ReasonForm,
    ScoreForm,
)
from upward.web.awards.selectors import entries as entry_selectors
from upward.web.awards.selectors import judging as selectors
from upward.web.awards.services import judging as services
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required

# --- administrators ---------------------------------------------------------------------


def _panel_form_page(request, form, *, title, cancel, save):
    if request.method == "POST" and form.is_valid():
        try:
            panel = save(form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Panel saved.")
            return redirect("awards:panel", panel.pk)
    return render(request, "awards/panel_form.html", {"form": form, "title": title,
                                                      "cancel": cancel},
                  status=400 if form.errors else 200)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def panel_new(request, pk: int):
    category = entry_selectors.category_for_admin(viewer=request.user, pk=pk)
    form = PanelForm(request.POST or None, judges=selectors.judges_available(),
                     initial={"name": f"{category.name} panel"})
    return _panel_form_page(
        request, form, title=f"Add a judging panel to {category.name}",
        cancel=reverse("awards:category", args=[category.pk]),
        save=lambda data: services.panel_save(actor=request.user, category=category, **data))


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def panel_edit(request, pk: int):
    panel = selectors.panel_for_admin(viewer=request.user, pk=pk)
    form = PanelForm(request.POST or None, judges=selectors.judges_available(), initial={
        "name": panel.name, "judges": list(panel.judges.all()), "lead_judge": panel.lead_judge,
        "max_entries_per_judge": panel.max_entries_per_judge})
    return _panel_form_page(
        request, form, title=f"Change {panel.name}", cancel=reverse("awards:panel", args=[pk]),
        save=lambda data: services.panel_save(actor=request.user, panel=panel, **data))


def _panel_page(request, panel, *, auto=None, manual=None):
    entries = entry_selectors.entries_for_judging(panel.category).order_by("pk")
    judges = panel.judges.select_related("profile").order_by("pk")
    return render(request, "awards/panel_detail.html", {
        "panel": panel, "judges": judges,
        "assignments": selectors.panel_assignments(panel),
        "progress": selectors.panel_progress(panel),
        "auto_form": auto or AutoAssignForm(),
        "manual_form": manual or ManualAssignForm(entries=entries, judges=judges),
        "entries_count": entries.count()},
        status=400 if (auto and auto.errors) or (manual and manual.errors) else 200)


@capability_required("run_awards")
def panel(request, pk: int):
    return _panel_page(request, selectors.panel_for_admin(viewer=request.user, pk=pk))


@capability_required("run_awards")
@require_POST
def panel_assign(request, pk: int):
    found = selectors.panel_for_admin(viewer=request.user, pk=pk)
    form = AutoAssignForm(request.POST)
    if form.is_valid():
        try:
            made, short = services.assignments_generate(actor=request.user, panel=found,
                                                        **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"{made} assignment{'' if made == 1 else 's'} made."
                             + (f" {len(short)} entr{'y' if len(short) == 1 else 'ies'} could "
                                "not get enough judges (caps or conflicts)." if short else ""))
            return redirect("awards:panel", found.pk)
    return _panel_page(request, found, auto=form)


@capability_required("run_awards")
@require_POST
def panel_assign_one(request, pk: int):
    found = selectors.panel_for_admin(viewer=request.user, pk=pk)
    form = ManualAssignForm(request.POST, judges=found.judges.select_related("profile"),
                            entries=entry_selectors.entries_for_judging(found.category))
    if form.is_valid():
        try:
            services.assignment_add(actor=request.user, panel=found,
                                    entry_id=form.cleaned_data["entry"],
                                    judge_id=form.cleaned_data["judge"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Judge assigned.")
            return redirect("awards:panel", found.pk)
    return _panel_page(request, found, manual=form)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def assignment_reopen(request, pk: int):
    assignment = selectors.submitted_assignment_for_admin(viewer=request.user, pk=pk)
    back = reverse("awards:panel", args=[assignment.panel_id])
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_reopen(actor=request.user, assignment=assignment,
                                       reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Scores reopened; the judge has been told.")
            return redirect(back)
    return render(request, "awards/judging_reason.html", {
        "form": form, "title": f"Reopen the scores for entry #{assignment.entry_id}?",
        "explanation": "The judge will be able to change and resubmit their scores. The "
                       "reason is kept in the audit log and sent to the judge.",
        "button": "Reopen the scores", "cancel": back}, status=400 if form.errors else 200)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def assignment_remove(request, pk: int):
    assignment = selectors.open_assignment_for_admin(viewer=request.user, pk=pk)
    back = reverse("awards:panel", args=[assignment.panel_id])
    judge = assignment.judge.profile.display_name or assignment.judge.email
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_remove(actor=request.user, assignment=assignment,
                                       reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Entry #{assignment.entry_id} is off {judge}'s list.")
            return redirect(back)
    started = assignment.scores.count()
    return render(request, "awards/judging_reason.html", {
        "form": form, "title": f"Take entry #{assignment.entry_id} off {judge}'s list?",
        "explanation": "The judge will no longer see or score this entry"
                       + (f"; the {started} score{'s' if started != 1 else ''} they had "
                          "started will be deleted" if started else "")
                       + ". The reason is kept in the audit log.",
        "button": "Remove the assignment", "cancel": back}, status=400 if form.errors else 200)


# --- judges -----------------------------------------------------------------------------


@capability_required("judge_awards")
def judging(request):
    return render(request, "awards/judging_home.html", {
        "rows": selectors.assignments_for_judge(viewer=request.user),
        "led": selectors.panels_led_by(viewer=request.user)})


def _assignment_context(assignment, form):
    return {"assignment": assignment, "form": form,
            "entry": selectors.judge_entry_view(assignment.entry),
            "recused": selectors.assignment_is_recused(assignment)}


@capability_required("judge_awards")
@require_http_methods(["GET", "POST"])
def assignment(request, pk: int):
    found = selectors.assignment_for_judge(viewer=request.user, pk=pk)
    form = ScoreForm(request.POST or None,
                     criteria_scores=selectors.assignment_scores(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(actor=request.user, assignment=found, scores=form.scores())
        except ApplicationError as error:
            if error.status != 400:  # locked or recused: the error page says why
                raise
            show_service_error(form, error)
        else:
            messages.success(request, "Scores saved. Submit them when you have finished.")
            return redirect("awards:judging_assignment", found.pk)
    return render(request, "awards/judging_assignment.html", _assignment_context(found, form),
                  status=400 if form.errors else 200)


@capability_required("judge_awards")
@require_http_methods(["GET", "POST"])
def assignment_submit(request, pk: int):
    found = selectors.assignment_for_judge(viewer=request.user, pk=pk)
    back = reverse("awards:judging_assignment", args=[found.pk])
    if request.method == "POST":
        services.assignment_submit(actor=request.user, assignment=found)
        messages.success(request, "Scores submitted.")
        return redirect(back)
    return confirmation_page(
        request, title="Submit your scores?", danger=False, button="Submit scores",
        cancel_url=back, explanation="Once submitted your scores are locked: only an awards "
                                     "administrator can reopen them.")


@capability_required("judge_awards")
@require_http_methods(["GET", "POST"])
def assignment_conflict(request, pk: int):
    found = selectors.assignment_for_judge(viewer=request.user, pk=pk)
    back = reverse("awards:judging_assignment", args=[found.pk])
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(actor=request.user, assignment=found,
                                      reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Conflict declared: you are recused from this entry.")
            return redirect("awards:judging")
    return render(request, "awards/judging_reason.html", {
        "form": form, "title": "Declare a conflict of interest?",
        "explanation": "You will be recused from this entry: you cannot score it and any "
                       "scores you gave are left out of the results. Administrators see "
                       "your reason.",
        "button": "Declare a conflict", "cancel": back}, status=400 if form.errors else 200)


@capability_required("judge_awards")
def panel_progress(request, pk: int):
    found = selectors.panel_for_lead(viewer=request.user, pk=pk)
    return render(request, "awards/panel_progress.html", {
        "panel": found, "progress": selectors.panel_progress(found),
        "waiting": selectors.judges_with_unsubmitted(found).exclude(pk=request.user.pk)
        .count()})


@capability_required("judge_awards")
@require_http_methods(["GET", "POST"])
def panel_remind(request, pk: int):
    found = selectors.panel_for_lead(viewer=request.user, pk=pk)
    back = reverse("awards:panel_progress", args=[found.pk])
    if request.method == "POST":
        count = services.panel_remind(actor=request.user, panel=found)
        messages.success(request, f"Reminded {count} judge{'' if count == 1 else 's'}.")
        return redirect(back)
    return confirmation_page(
        request, title="Remind the judges?", danger=False, button="Send reminders",
        cancel_url=back, explanation="Every judge of this panel with scores still to submit "
                                     "gets a notification.")


urlpatterns = [
    path("awards/manage/categories/<int:pk>/panels/new/", panel_new, name="panel_new"),
    path("awards/manage/panels/<int:pk>/", panel, name="panel"),
    path("awards/manage/panels/<int:pk>/edit/", panel_edit, name="panel_edit"),
    path("awards/manage/panels/<int:pk>/assign/", panel_assign, name="panel_assign"),
    path("awards/manage/panels/<int:pk>/assign-one/", panel_assign_one,
         name="panel_assign_one"),
    path("awards/manage/assignments/<int:pk>/reopen/", assignment_reopen,
         name="assignment_reopen"),
    path("awards/manage/assignments/<int:pk>/remove/", assignment_remove,
         name="assignment_remove"),
    path("awards/judging/", judging, name="judging"),
    path("awards/judging/assignments/<int:pk>/", assignment, name="judging_assignment"),
    path("awards/judging/assignments/<int:pk>/submit/", assignment_submit,
         name="judging_submit"),
    path("awards/judging/assignments/<int:pk>/conflict/", assignment_conflict,
         name="judging_conflict"),
    path("awards/judging/panels/<int:pk>/", panel_progress, name="panel_progress"),
    path("awards/judging/panels/<int:pk>/remind/", panel_remind, name="panel_remind"),
]

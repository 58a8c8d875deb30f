"""Awards administrators' pages: cycles, their categories, each category's entry form
(questions, blind fields) and judging criteria."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from upward.web.awards import selectors
from upward.web.awards.forms import CategoryForm, CriterionForm, CycleForm, QuestionForm
from upward.web.awards.models import Criterion, Question
from upward.web.awards.services import setup as services
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required


def _form_page(request, form, *, title, back, cancel, save):
    """GET shows ``form``; a valid POST calls ``save(cleaned_data)`` and redirects to
    ``back`` (an address, or a function of what was saved)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(back(saved) if callable(back) else back)
    return render(request, "awards/manage_form.html", {
        "form": form, "title": title, "cancel": cancel}, status=400 if form.errors else 200)


@capability_required("run_awards")
def manage(request):
    return render(request, "awards/manage.html", {"cycles": selectors.cycles_for_admin()})


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def cycle_new(request):
    form = CycleForm(request.POST or None)
    return _form_page(request, form, title="Create an awards cycle",
                      cancel=reverse("awards:manage"),
                      back=lambda c: reverse("awards:cycle", args=[c.pk]),
                      save=lambda data: services.cycle_save(actor=request.user, **data))


@capability_required("run_awards")
def cycle(request, pk: int):
    found = selectors.cycle_for_admin(viewer=request.user, pk=pk)
    categories = [(c, selectors.eligibility_checks(c),
                   selectors.entries_for_admin(viewer=request.user, category=c).count())
                  for c in found.categories.all()]
    return render(request, "awards/manage_cycle.html", {"cycle": found,
                                                        "categories": categories})


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def cycle_edit(request, pk: int):
    found = selectors.cycle_for_admin(viewer=request.user, pk=pk)
    form = CycleForm(request.POST or None, instance=found)
    back = reverse("awards:cycle", args=[found.pk])
    return _form_page(request, form, title=f"Change {found.name}", back=back, cancel=back,
                      save=lambda data: services.cycle_save(actor=request.user, cycle=found,
                                                            **data))


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def category_new(request, pk: int):
    found = selectors.cycle_for_admin(viewer=request.user, pk=pk)
    form = CategoryForm(request.POST or None)
    return _form_page(request, form, title=f"Add a category to {found.name}",
                      cancel=reverse("awards:cycle", args=[found.pk]),
                      back=lambda c: reverse("awards:category", args=[c.pk]),
                      save=lambda data: services.category_save(actor=request.user, cycle=found,
                                                               **data))


@capability_required("run_awards")
def category(request, pk: int):
    found = selectors.category_for_admin(viewer=request.user, pk=pk)
    return render(request, "awards/manage_category.html", {
        "category": found, "checks": selectors.eligibility_checks(found),
        "questions": found.questions.all(), "criteria": found.criteria.all(),
        "entries": selectors.entries_for_admin(viewer=request.user, category=found)})


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def category_edit(request, pk: int):
    found = selectors.category_for_admin(viewer=request.user, pk=pk)
    form = CategoryForm(request.POST or None, instance=found)
    back = reverse("awards:category", args=[found.pk])
    return _form_page(request, form, title=f"Change {found.name}", back=back, cancel=back,
                      save=lambda data: services.category_save(actor=request.user,
                                                               category=found, **data))


def _part(request, pk, part_pk, *, model, form_class, noun, save):
    category = selectors.category_for_admin(viewer=request.user, pk=pk)
    instance = get_object_or_404(model, pk=part_pk, category=category) if part_pk else None
    form = form_class(request.POST or None, instance=instance)
    back = reverse("awards:category", args=[category.pk])
    title = f"Change the {noun}" if instance else f"Add a {noun} to {category.name}"
    existing = {noun: instance} if instance else {}
    return _form_page(request, form, title=title, back=back, cancel=back,
                      save=lambda data: save(actor=request.user, category=category,
                                             **existing, **data))


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def question_form(request, pk: int, question_id: int | None = None):
    return _part(request, pk, question_id, model=Question, form_class=QuestionForm,
                 noun="question", save=services.question_save)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def criterion_form(request, pk: int, criterion_id: int | None = None):
    return _part(request, pk, criterion_id, model=Criterion, form_class=CriterionForm,
                 noun="criterion", save=services.criterion_save)


urlpatterns = [
    path("awards/manage/", manage, name="manage"),
    path("awards/manage/cycles/new/", cycle_new, name="cycle_new"),
    path("awards/manage/cycles/<int:pk>/", cycle, name="cycle"),
    path("awards/manage/cycles/<int:pk>/edit/", cycle_edit, name="cycle_edit"),
    path("awards/manage/cycles/<int:pk>/categories/new/", category_new, name="category_new"),
    path("awards/manage/categories/<int:pk>/", category, name="category"),
    path("awards/manage/categories/<int:pk>/edit/", category_edit, name="category_edit"),
    path("awards/manage/categories/<int:pk>/questions/new/", question_form,
         name="question_new"),
    path("awards/manage/categories/<int:pk>/questions/<int:question_id>/", question_form,
         name="question_edit"),
    path("awards/manage/categories/<int:pk>/criteria/new/", criterion_form,
         name="criterion_new"),
    path("awards/manage/categories/<int:pk>/criteria/<int:criterion_id>/", criterion_form,
         name="criterion_edit"),
]

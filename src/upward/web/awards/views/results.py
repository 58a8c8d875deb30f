"""Results pages: the admin's results per category (raw and normalised side by side,
reliability, calibration), shortlisting, the panel's confirmation of winners, citations,
publishing, the CSV export and certificates; and the public results page of a cycle,
open to anyone (signed in or not) once — and only once — the results are published."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from upward.web.awards import selectors
from upward.web.awards.certificates import certificate_filename, certificate_pdf
from upward.web.awards.forms_results import CitationForm, ShortlistForm, WinnerForm
from upward.web.awards.models import Entry, Outcome
from upward.web.awards.selectors import results as results_selectors
from upward.web.awards.services import results as services
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import can, capability_required


def _back(category_pk: int) -> str:
    return reverse("awards:results", args=[category_pk])


@capability_required("run_awards")
def category_results(request, pk: int):
    category = selectors.category_for_admin(viewer=request.user, pk=pk)
    panels = [(found, results_selectors.panel_finalists(found.panel))
              for found in selectors.category_results(category)]
    return render(request, "awards/results_category.html", {
        "category": category, "panels": panels,
        "min_judges": results_selectors.MIN_JUDGES,
        "min_entries": results_selectors.MIN_ENTRIES_PER_JUDGE})


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def shortlist(request, pk: int):
    panel = results_selectors.panel_for_admin(viewer=request.user, pk=pk)
    tied_choices = []
    form = ShortlistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        top = data["top"] if data["method"] == "top" else None
        threshold = data["threshold"] if data["method"] == "threshold" else None
        chosen = [int(x) for x in request.POST.getlist("tied")] \
            if data.get("ties_decided") else None
        try:
            finalists = services.shortlist_apply(actor=request.user, panel=panel, top=top,
                                                 threshold=threshold, tied_chosen=chosen)
        except ApplicationError as error:
            if error.field == "tied":  # ask which of the tied entries go through
                found = results_selectors.panel_results(panel)
                _, tied = results_selectors.panel_shortlist(found, top=top)
                tied_choices = [(e.pk, e.title) for e in Entry.objects.filter(pk__in=tied)]
                form = ShortlistForm({**request.POST.dict(), "ties_decided": "on"},
                                     tied_choices=tied_choices)
                form.is_valid()
            show_service_error(form, error)
        else:
            messages.success(request, f"{len(finalists)} finalist"
                                      f"{'s' if len(finalists) != 1 else ''} shortlisted.")
            return redirect(_back(panel.category_id))
    return render(request, "awards/results_shortlist.html", {
        "panel": panel, "form": form, "back": _back(panel.category_id)},
        status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def winner(request, pk: int):
    """The lead judge (or an administrator) records the panel's confirmation of a winner."""
    panel = results_selectors.panel_for_confirmation(viewer=request.user, pk=pk)
    finalists = results_selectors.panel_finalists(panel).filter(outcome=Outcome.FINALIST)
    form = WinnerForm(request.POST or None, finalists=finalists)
    if request.method == "POST" and form.is_valid():
        try:
            services.winner_confirm(actor=request.user, panel=panel,
                                    entry=finalists.get(pk=form.cleaned_data["entry"]),
                                    note=form.cleaned_data["note"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The panel's confirmation is recorded.")
            return redirect(_back(panel.category_id) if can(request.user, "run_awards")
                            else reverse("awards:winner", args=[panel.pk]))
    return render(request, "awards/results_winner.html", {
        "panel": panel, "form": form, "finalists": finalists,
        "winners": results_selectors.panel_finalists(panel).filter(outcome=Outcome.WINNER)},
        status=400 if form.errors else 200)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def winner_revoke(request, pk: int):
    entry = results_selectors.entry_with_outcome_for_admin(viewer=request.user, pk=pk)
    if request.method == "POST":
        services.winner_revoke(actor=request.user, entry=entry)
        messages.success(request, f"“{entry.title}” is a finalist again.")
        return redirect(_back(entry.category_id))
    return confirmation_page(
        request, title=f"Make “{entry.title}” a finalist again?",
        explanation="The panel's confirmation stays in the audit log.",
        button="Make it a finalist", cancel_url=_back(entry.category_id))


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def citation(request, pk: int):
    entry = results_selectors.entry_with_outcome_for_admin(viewer=request.user, pk=pk)
    form = CitationForm(request.POST or None, initial={"citation": entry.citation})
    if request.method == "POST" and form.is_valid():
        try:
            services.citation_save(actor=request.user, entry=entry,
                                   citation=form.cleaned_data["citation"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Citation saved.")
            return redirect(_back(entry.category_id))
    return render(request, "awards/results_citation.html", {
        "entry": entry, "name": selectors.entry_display_name(entry), "form": form,
        "back": _back(entry.category_id)}, status=400 if form.errors else 200)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def publish(request, pk: int):
    cycle = selectors.cycle_for_admin(viewer=request.user, pk=pk)
    back = reverse("awards:cycle", args=[cycle.pk])
    if request.method == "POST":
        services.results_publish(actor=request.user, cycle=cycle)
        messages.success(request, "Results published.")
        return redirect(reverse("awards:public_results", args=[cycle.pk]))
    return confirmation_page(
        request, title=f"Publish the results of {cycle.name}?",
        explanation=["Anyone, signed in or not, will see the finalists and winners who "
                     "consented, their citations, and the method, weights and reliability.",
                     "Withdrawn or unconsented entries are never shown."],
        button="Publish the results", cancel_url=back, danger=False)


@capability_required("run_awards")
@require_http_methods(["GET", "POST"])
def unpublish(request, pk: int):
    cycle = selectors.cycle_for_admin(viewer=request.user, pk=pk)
    back = reverse("awards:cycle", args=[cycle.pk])
    if request.method == "POST":
        services.results_unpublish(actor=request.user, cycle=cycle)
        messages.success(request, "Results unpublished.")
        return redirect(back)
    return confirmation_page(
        request, title=f"Unpublish the results of {cycle.name}?",
        explanation="The public results page will answer “not found” until you publish "
                    "again.", button="Unpublish the results", cancel_url=back)


@capability_required("run_awards")
def results_csv(request, pk: int):
    category = selectors.category_for_admin(viewer=request.user, pk=pk)
    response = HttpResponse(services.results_export(actor=request.user, category=category),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="results-{category.pk}.csv"'
    return response


@login_required
def certificate(request, pk: int):
    entry = selectors.certificate_entry(viewer=request.user, pk=pk)
    response = HttpResponse(certificate_pdf(entry), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(entry)}"'
    return response


def public_results(request, pk: int):
    """Open to anyone once published: only published, consented content is on it."""
    cycle = selectors.published_cycle(pk=pk)
    return render(request, "awards/public_results.html", {
        "cycle": cycle, "categories": selectors.public_results(cycle),
        "min_judges": results_selectors.MIN_JUDGES,
        "min_entries": results_selectors.MIN_ENTRIES_PER_JUDGE})


def public_index(request):
    return render(request, "awards/public_index.html",
                  {"cycles": selectors.published_cycles()})


urlpatterns = [
    path("awards/manage/categories/<int:pk>/results/", category_results, name="results"),
    path("awards/manage/categories/<int:pk>/results.csv", results_csv, name="results_csv"),
    path("awards/manage/panels/<int:pk>/shortlist/", shortlist, name="shortlist"),
    path("awards/panels/<int:pk>/winner/", winner, name="winner"),
    path("awards/manage/results/entries/<int:pk>/unwin/", winner_revoke, name="winner_revoke"),
    path("awards/manage/results/entries/<int:pk>/citation/", citation, name="citation"),
    path("awards/manage/cycles/<int:pk>/publish/", publish, name="publish"),
    path("awards/manage/cycles/<int:pk>/unpublish/", unpublish, name="unpublish"),
    path("awards/certificates/<int:pk>.pdf", certificate, name="certificate"),
    path("awards/results/", public_index, name="public_index"),
    path("awards/results/<int:pk>/", public_results, name="public_results"),
]

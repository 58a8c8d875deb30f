"""The external entry workspace: award templates and our drafts of entries to national
awards, with figures and quotes from the platform inserted into the answers.

The draft page is one form: "Insert" buttons are submit buttons of it, so without
JavaScript an insert first saves what was typed, then appends the figure or quote that
the selectors word (the browser only names which one)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from upward.web.awards import selectors
from upward.web.awards.forms_external import (
    ExternalAwardForm,
    ExternalEntryForm,
    ExternalEntryStartForm,
    ExternalQuestionForm,
)
from upward.web.awards.selectors.external import figure_sentence
from upward.web.awards.services import external as services
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required

CAPABILITY = "draft_external_entries"


@capability_required(CAPABILITY)
def external(request):
    return render(request, "awards/external_home.html", {
        "entries": selectors.external_entries(viewer=request.user),
        "awards": selectors.external_awards(viewer=request.user)})


def _form_page(request, form, *, title, cancel, save, back, intro=""):
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(back(saved))
    return render(request, "awards/external_form.html", {
        "form": form, "title": title, "cancel": cancel, "intro": intro},
        status=400 if form.errors else 200)


@capability_required(CAPABILITY)
@require_http_methods(["GET", "POST"])
def award_form(request, pk: int | None = None):
    award = selectors.external_award_get(viewer=request.user, pk=pk) if pk else None
    form = ExternalAwardForm(request.POST or None, instance=award)
    return _form_page(
        request, form, title=f"Change {award}" if award else "Add a national award",
        cancel=reverse("awards:external_award", args=[pk]) if pk else reverse(
            "awards:external"),
        back=lambda a: reverse("awards:external_award", args=[a.pk]),
        save=lambda data: services.external_award_save(actor=request.user, award=award,
                                                       **data))


@capability_required(CAPABILITY)
def award(request, pk: int):
    found = selectors.external_award_get(viewer=request.user, pk=pk)
    return render(request, "awards/external_award.html", {
        "award": found, "questions": found.questions.all(),
        "entries": selectors.external_entries(viewer=request.user).filter(award=found)})


@capability_required(CAPABILITY)
@require_http_methods(["GET", "POST"])
def question_form(request, pk: int, question_id: int | None = None):
    found = selectors.external_award_get(viewer=request.user, pk=pk)
    question = found.questions.filter(pk=question_id).first() if question_id else None
    if question_id and question is None:
        raise Http404("No such question.")
    form = ExternalQuestionForm(request.POST or None, instance=question)
    back = reverse("awards:external_award", args=[found.pk])
    return _form_page(
        request, form, title=f"{'Change a' if question else 'Add a'} question: {found}",
        cancel=back, back=lambda _: back,
        save=lambda data: services.external_question_save(
            actor=request.user, award=found, question=question, **data))


@capability_required(CAPABILITY)
@require_http_methods(["GET", "POST"])
def entry_start(request, pk: int):
    found = selectors.external_award_get(viewer=request.user, pk=pk)
    today = timezone.localdate()
    form = ExternalEntryStartForm(request.POST or None, initial={
        "title": f"{found.category}", "period_end": today,
        "period_start": today.replace(year=today.year - 1)})
    return _form_page(
        request, form, title=f"Start an entry: {found}",
        intro="Choose the period the platform's figures should cover; you can change it later.",
        cancel=reverse("awards:external_award", args=[found.pk]),
        back=lambda e: reverse("awards:external_entry", args=[e.pk]),
        save=lambda data: services.external_entry_create(actor=request.user, award=found,
                                                         **data))


def _entry_page(request, entry, *, form=None, status=200):
    answers = selectors.external_answers(entry)
    editable = entry.status == "draft"
    if form is None and editable:
        form = ExternalEntryForm(
            instance=entry, initial={f"q_{q.pk}": text for q, text, _ in answers},
            questions=[q for q, _, _ in answers], used={q.pk: n for q, _, n in answers})
    return render(request, "awards/external_entry.html", {
        "entry": entry, "form": form, "editable": editable, "answers": answers,
        "figures": selectors.platform_figures(viewer=request.user, start=entry.period_start,
                                              end=entry.period_end),
        "quotes": selectors.quotable_stories(viewer=request.user),
        "into": request.POST.get("into") or request.GET.get("into", ""),
    }, status=status)


def _insert_text(request, entry, token: str) -> str:
    kind, _, value = token.partition(":")
    if kind == "figure":
        return figure_sentence(viewer=request.user, entry=entry, key=value)
    if kind == "quote" and value.isdigit():
        return selectors.quote_get(viewer=request.user, story_id=int(value)).sentence
    raise ApplicationError("Choose a figure or a quote to insert.")


@capability_required(CAPABILITY)
@require_http_methods(["GET", "POST"])
def entry(request, pk: int):
    found = selectors.external_entry_get(viewer=request.user, pk=pk)
    if request.method == "GET":
        return _entry_page(request, found)
    form = ExternalEntryForm(request.POST, instance=found,
                             questions=found.award.questions.all())
    if form.is_valid():
        try:
            saved = services.external_entry_save(actor=request.user, entry=found,
                                                 answers=form.answers(), **form.details())
            insert = request.POST.get("insert", "")
            if insert:
                into = request.POST.get("into", "")
                if not into.isdigit():
                    raise ApplicationError("Choose the answer to insert into.", field="into")
                question = selectors.external_question_get(entry=saved, pk=int(into))
                services.external_answer_append(actor=request.user, entry=saved,
                                                question=question,
                                                text=_insert_text(request, saved, insert))
                messages.success(request, f"Saved, and inserted into “{question.label}”.")
                # keep the chosen answer selected for the next insert
                return redirect(reverse("awards:external_entry", args=[found.pk])
                                + f"?into={question.pk}#id_q_{question.pk}")
            messages.success(request, "Draft saved.")
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("awards:external_entry", found.pk)
    found.refresh_from_db()
    return _entry_page(request, found, form=form, status=400)


@capability_required(CAPABILITY)
def export(request, pk: int, fmt: str):
    found = selectors.external_entry_get(viewer=request.user, pk=pk)
    kind = "text/markdown" if fmt == "md" else "text/plain"
    response = HttpResponse(selectors.external_entry_markdown(found),
                            content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="external-entry-{found.pk}.{fmt}"'
    return response


@capability_required(CAPABILITY)
@require_http_methods(["GET", "POST"])
def mark(request, pk: int, submitted: bool):
    found = selectors.external_entry_get(viewer=request.user, pk=pk)
    back = reverse("awards:external_entry", args=[found.pk])
    if request.method == "POST":
        services.external_entry_mark(actor=request.user, entry=found, submitted=submitted)
        messages.success(request, "Marked as submitted." if submitted else "Reopened as a draft.")
        return redirect(back)
    if submitted:
        return confirmation_page(
            request, title=f"Mark “{found.title}” as submitted?",
            explanation=["Do this once you have sent the entry to the award.",
                         "The answers are then kept as sent; you can reopen it as a draft."],
            button="Mark as submitted", cancel_url=back, danger=False)
    return confirmation_page(
        request, title=f"Reopen “{found.title}” as a draft?",
        explanation="The answers can be changed again; it will no longer show as submitted.",
        button="Reopen as a draft", cancel_url=back, danger=False)


urlpatterns = [
    path("awards/external/", external, name="external"),
    path("awards/external/awards/new/", award_form, name="external_award_new"),
    path("awards/external/awards/<int:pk>/", award, name="external_award"),
    path("awards/external/awards/<int:pk>/edit/", award_form, name="external_award_edit"),
    path("awards/external/awards/<int:pk>/questions/new/", question_form,
         name="external_question_new"),
    path("awards/external/awards/<int:pk>/questions/<int:question_id>/", question_form,
         name="external_question_edit"),
    path("awards/external/awards/<int:pk>/start/", entry_start, name="external_start"),
    path("awards/external/entries/<int:pk>/", entry, name="external_entry"),
    path("awards/external/entries/<int:pk>/export.md", export, {"fmt": "md"},
         name="external_export_md"),
    path("awards/external/entries/<int:pk>/export.txt", export, {"fmt": "txt"},
         name="external_export_txt"),
    path("awards/external/entries/<int:pk>/submitted/", mark, {"submitted": True},
         name="external_submitted"),
    path("awards/external/entries/<int:pk>/reopen/", mark, {"submitted": False},
         name="external_reopen"),
]

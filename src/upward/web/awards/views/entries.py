"""Members' awards pages: the awards home, entering, nominating, the nominee's consent,
the entry form (drafts, autosave, submit, withdraw), attachments and endorsements."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.awards import selectors
from upward.web.awards.forms import (
    AttachmentForm,
    ConsentForm,
    EndorsementForm,
    EntryForm,
    NominationForm,
    SeconderForm,
    SelfEntryForm,
)
from upward.web.awards.models import ATTACHMENT_TYPES
from upward.web.awards.services import attachments as attachment_services
from upward.web.awards.services import entries as services
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required, signed_in


@capability_required("enter_awards")
def home(request):
    viewer = request.user
    cycles = [(c, [(cat, selectors.eligibility_checks(cat)) for cat in c.categories.all()])
              for c in selectors.cycles_open()]
    return render(request, "awards/home.html", {
        "cycles": cycles,
        "entries": selectors.own_entries(viewer=viewer),
        "made": selectors.nominations_made(viewer=viewer),
        "awaiting": selectors.nominations_awaiting(viewer=viewer),
    })


def _start(request, pk, form_class, template, start):
    category = selectors.category_open_for_entries(viewer=request.user, pk=pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            entry = start(actor=request.user, category=category, **data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("awards:entry", entry.pk)
    return render(request, template, {"form": form, "category": category,
                                      "checks": selectors.eligibility_checks(category)},
                  status=400 if form.errors else 200)


@capability_required("enter_awards")
@require_http_methods(["GET", "POST"])
def enter(request, pk: int):
    return _start(request, pk, SelfEntryForm, "awards/enter.html", services.entry_start)


@capability_required("enter_awards")
@require_http_methods(["GET", "POST"])
def nominate(request, pk: int):
    def start(**kwargs):
        entry = services.nomination_create(**kwargs)
        messages.success(request, "Nomination started. We have asked them to agree to it.")
        return entry
    return _start(request, pk, NominationForm, "awards/nominate.html", start)


@signed_in
@require_http_methods(["GET", "POST"])
def consent(request, pk: int):
    entry = selectors.nomination_for_nominee(viewer=request.user, pk=pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        give = form.cleaned_data["answer"] == "give"
        try:
            services.consent_answer(actor=request.user, entry=entry, give=give)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            if give:
                messages.success(request, "Thank you. You can now complete the entry.")
                return redirect("awards:entry", entry.pk)
            messages.success(request, "You declined the nomination. Nothing goes further.")
            return redirect("awards:home")
    return render(request, "awards/consent.html", {
        "entry": entry, "form": form, "nominator": selectors.person_name(entry.nominator)},
        status=400 if form.errors else 200)


def _entry_page(request, entry, *, form=None, attachment_form=None, seconder_form=None,
                status=200):
    now = timezone.now()
    editable = selectors.can_edit(entry, request.user, now=now)
    if form is None and editable:
        saved = selectors.entry_answers(entry)
        form = EntryForm(initial={"title": entry.title,
                                  **{f"q_{q.pk}": text for q, text, _ in saved}},
                         questions=entry.category.questions.all(),
                         used={q.pk: words for q, _, words in saved})
    category = entry.category
    return render(request, "awards/entry.html", {
        "entry": entry, "form": form, "editable": editable, "now": now,
        "answers": selectors.entry_answers(entry),
        "attachments": entry.attachments.all(),
        "attachment_form": attachment_form or AttachmentForm(),
        "attachment_types": ", ".join(ATTACHMENT_TYPES[k][0]
                                      for k in category.attachment_types),
        "seconder_form": seconder_form or SeconderForm(),
        "is_nominator": entry.nominator_id == request.user.pk,
        "endorsements": entry.endorsements.select_related("author__profile"),
        "nominee": selectors.person_name(entry.nominee),
        "nominator": selectors.person_name(entry.nominator) if entry.nominator_id else "",
    }, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def entry(request, pk: int):
    found = selectors.entry_for_participant(viewer=request.user, pk=pk)
    if request.method == "GET":
        return _entry_page(request, found)
    form = EntryForm(request.POST, questions=found.category.questions.all())
    if form.is_valid():
        try:
            services.entry_save(actor=request.user, entry=found, answers=form.answers(),
                                title=form.cleaned_data["title"])
            if request.POST.get("action") == "submit":
                services.entry_submit(actor=request.user, entry=found)
                messages.success(request, "Entry submitted. Good luck!")
            else:
                messages.success(request, "Draft saved.")
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("awards:entry", found.pk)
    found.refresh_from_db()
    return _entry_page(request, found, form=form, status=400)


@signed_in
@require_POST
def autosave(request, pk: int):
    """The htmx enhancement of "Save draft": answers a line for the status area."""
    found = selectors.entry_for_participant(viewer=request.user, pk=pk)
    form = EntryForm(request.POST, questions=found.category.questions.all())
    if not form.is_valid():
        return HttpResponse("Not saved: " + " ".join(
            str(e) for errors in form.errors.values() for e in errors))
    try:
        services.entry_save(actor=request.user, entry=found, answers=form.answers(),
                            title=form.cleaned_data["title"])
    except ApplicationError as error:
        return HttpResponse(f"Not saved: {error.message}")
    return HttpResponse(f"Draft saved at {timezone.localtime():%H:%M}.")


@signed_in
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    found = selectors.entry_for_participant(viewer=request.user, pk=pk)
    if request.method == "POST":
        services.entry_withdraw(actor=request.user, entry=found)
        messages.success(request, "Entry withdrawn.")
        return redirect("awards:home")
    return confirmation_page(
        request, title=f"Withdraw “{found.title}”?",
        explanation=["It leaves the awards at once: it will not be judged or published.",
                     "You cannot undo this."],
        button="Withdraw the entry", cancel_url=reverse("awards:entry", args=[found.pk]))


@signed_in
@require_POST
def attachment_add(request, pk: int):
    found = selectors.entry_for_participant(viewer=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_services.attachment_add(actor=request.user, entry=found,
                                               upload=form.cleaned_data["file"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Attachment added.")
            return redirect(reverse("awards:entry", args=[found.pk]) + "#attachments")
    return _entry_page(request, found, attachment_form=form, status=400)


@signed_in
def attachment(request, pk: int, attachment_id: int):
    found = selectors.attachment_for_viewer(viewer=request.user, entry_pk=pk, pk=attachment_id)
    path_ = attachment_services.attachment_path(found)
    if not path_.is_file():
        raise Http404
    return FileResponse(path_.open("rb"), as_attachment=True, filename=found.original_name,
                        content_type=ATTACHMENT_TYPES[found.kind][1])


@signed_in
@require_http_methods(["GET", "POST"])
def attachment_remove(request, pk: int, attachment_id: int):
    selectors.entry_for_participant(viewer=request.user, pk=pk)
    found = selectors.attachment_for_viewer(viewer=request.user, entry_pk=pk, pk=attachment_id)
    back = reverse("awards:entry", args=[pk]) + "#attachments"
    if request.method == "POST":
        attachment_services.attachment_remove(actor=request.user, attachment=found)
        messages.success(request, "Attachment removed.")
        return redirect(back)
    return confirmation_page(request, title=f"Remove “{found.original_name}”?",
                             explanation="The file is deleted from the entry.",
                             button="Remove the attachment", cancel_url=back)


@signed_in
@require_POST
def seconder(request, pk: int):
    found = selectors.entry_for_participant(viewer=request.user, pk=pk)
    form = SeconderForm(request.POST)
    if form.is_valid():
        try:
            services.seconder_invite(actor=request.user, entry=found, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "We have asked them to endorse the nomination.")
            return redirect("awards:entry", found.pk)
    return _entry_page(request, found, seconder_form=form, status=400)


@signed_in
@require_http_methods(["GET", "POST"])
def endorse(request, pk: int):
    found = selectors.entry_for_seconder(viewer=request.user, pk=pk)
    form = EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.endorsement_save(actor=request.user, entry=found, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Thank you for your endorsement.")
            return redirect("awards:home")
    return render(request, "awards/endorse.html", {
        "entry": found, "form": form, "nominee": selectors.person_name(found.nominee)},
        status=400 if form.errors else 200)


urlpatterns = [
    path("awards/", home, name="home"),
    path("awards/categories/<int:pk>/enter/", enter, name="enter"),
    path("awards/categories/<int:pk>/nominate/", nominate, name="nominate"),
    path("awards/entries/<int:pk>/", entry, name="entry"),
    path("awards/entries/<int:pk>/autosave/", autosave, name="autosave"),
    path("awards/entries/<int:pk>/withdraw/", withdraw, name="withdraw"),
    path("awards/entries/<int:pk>/consent/", consent, name="consent"),
    path("awards/entries/<int:pk>/attachments/", attachment_add, name="attachment_add"),
    path("awards/entries/<int:pk>/attachments/<int:attachment_id>/", attachment,
         name="attachment"),
    path("awards/entries/<int:pk>/attachments/<int:attachment_id>/remove/",
         attachment_remove, name="attachment_remove"),
    path("awards/entries/<int:pk>/seconder/", seconder, name="seconder"),
    path("awards/entries/<int:pk>/endorse/", endorse, name="endorse"),
]

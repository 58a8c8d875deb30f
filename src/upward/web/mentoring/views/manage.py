"""Network leads' mentoring pages: programmes, their sign-up questions, matching runs."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.mentoring.forms import MatchSetForm, ProgrammeForm, QuestionForm, RunForm
from upward.web.mentoring.selectors import matching as run_selectors
from upward.web.mentoring.selectors import programmes as selectors
from upward.web.mentoring.services import matching as run_services
from upward.web.mentoring.services import programmes as services


@capability_required("run_mentoring")
def manage(request):
    return render(request, "mentoring/manage.html", {
        "programmes": selectors.programmes_for_lead(viewer=request.user),
    })


@capability_required("run_mentoring")
@require_http_methods(["GET", "POST"])
def programme_edit(request, slug: str | None = None):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug) if slug else None
    form = ProgrammeForm(request.POST if request.method == "POST" else None, programme=found)
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                found = services.programme_create(actor=request.user, request=request,
                                                   **form.service_fields())
            else:
                services.programme_update(actor=request.user, programme=found,
                                          request=request, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"{found.name} is saved.")
            return redirect("mentoring:manage_programme", slug=found.slug)
    return render(request, "mentoring/programme_form.html", {"form": form, "programme": found},
                  status=400 if form.errors else 200)


def _manage_page(request, programme, *, run_form=None, question_form=None, status=200):
    return render(request, "mentoring/manage_programme.html", {
        "programme": programme,
        "sizes": selectors.pool_sizes(viewer=request.user, programme=programme),
        "runs": [run_selectors.run_summary(r) for r in
                 run_selectors.runs_for_programme(viewer=request.user, programme=programme)[:20]],
        "run_form": run_form or RunForm(programme=programme),
        "question_form": question_form or QuestionForm(),
    }, status=status)


@capability_required("run_mentoring")
def programme_manage(request, slug: str):
    return _manage_page(request, selectors.programme_get_for_lead(viewer=request.user, slug=slug))


@capability_required("run_mentoring")
@require_http_methods(["GET", "POST"])
def programme_archive(request, slug: str):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    archive = not found.is_archived
    if request.method == "GET":
        return confirmation_page(
            request, title=f"{'Archive' if archive else 'Reopen'} {found.name}?",
            button="Archive the programme" if archive else "Reopen the programme",
            explanation="Members no longer see it or sign up; pairs carry on." if archive
            else "Members see it again and may sign up.", danger=archive,
            cancel_url=reverse("mentoring:manage_programme", args=[found.slug]))
    services.programme_archive(actor=request.user, programme=found, archived=archive,
                               request=request)
    messages.success(request, f"{found.name} is {'archived' if archive else 'open again'}.")
    return redirect("mentoring:manage_programme", slug=found.slug)


@capability_required("run_mentoring")
@require_POST
def question_add(request, slug: str):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(actor=request.user, programme=found, request=request,
                                  text=form.cleaned_data["text"], options=form.options_list(),
                                  weight=form.cleaned_data["weight"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The question is added to the sign-up form.")
            return redirect(reverse("mentoring:manage_programme", args=[slug]) + "#questions")
    return _manage_page(request, found, question_form=form, status=400)


@capability_required("run_mentoring")
@require_http_methods(["GET", "POST"])
def question_remove(request, slug: str, question_id: int):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    question = found.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404("No such question.")
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Remove the question “{question.text}”?", button="Remove it",
            explanation="Everyone's answers to it are deleted and it no longer counts in "
                        "matching.", cancel_url=reverse("mentoring:manage_programme", args=[slug]))
    services.question_remove(actor=request.user, question=question, request=request)
    messages.success(request, "The question is removed.")
    return redirect("mentoring:manage_programme", slug=slug)


@capability_required("run_mentoring")
@require_POST
def run_new(request, slug: str):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    form = RunForm(request.POST, programme=found)
    if form.is_valid():
        try:
            run = run_services.run_create(actor=request.user, programme=found, request=request,
                                          mode=form.cleaned_data["mode"],
                                          weights=form.cleaned_weights())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Matched {run.stats['matched']} of "
                             f"{run.stats['mentees']} mentees. Nobody sees these matches "
                             "until you publish them.")
            return redirect("mentoring:run", slug=slug, run_id=run.pk)
    return _manage_page(request, found, run_form=form, status=400)


def _run_page(request, programme, run, *, set_form=None, status=200):
    matches = list(run_selectors.run_matches(run))
    threshold = run_selectors.weak_threshold(run)
    return render(request, "mentoring/run.html", {
        "programme": programme, "run": run, "matches": matches, "threshold": threshold,
        "summary": run_selectors.run_summary(run), "others_hint": run_selectors.OTHERS_HINT,
        "unmatched": run_selectors.unmatched_mentees(run),
        "spread": run_selectors.quality_spread(viewer=request.user, run=run),
        "compare": run_selectors.runs_to_compare(viewer=request.user, run=run),
        "set_form": set_form or _set_form(run), "weights": run_selectors.weights_used(run),
    }, status=status)


def _set_form(run, data=None):
    return MatchSetForm(data, mentees=run_selectors.pool_mentee_choices(run),
                        mentors=run_selectors.mentor_choices(run))


@capability_required("run_mentoring")
def run_page(request, slug: str, run_id: int):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    run = run_selectors.run_get_for_lead(viewer=request.user, programme=found, run_id=run_id)
    return _run_page(request, found, run)


@capability_required("run_mentoring")
@require_POST
def run_remove(request, slug: str, run_id: int, match_id: int):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    run = run_selectors.run_get_for_lead(viewer=request.user, programme=found, run_id=run_id)
    run_services.run_match_remove(actor=request.user, run=run, match_id=match_id,
                                  request=request)
    messages.success(request, "The match is removed; the mentee is now unmatched.")
    return redirect("mentoring:run", slug=slug, run_id=run.pk)


@capability_required("run_mentoring")
@require_POST
def run_set(request, slug: str, run_id: int):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    run = run_selectors.run_get_for_lead(viewer=request.user, programme=found, run_id=run_id)
    form = _set_form(run, request.POST)
    if form.is_valid():
        try:
            run_services.run_match_set(actor=request.user, run=run, request=request,
                                       mentee_id=form.cleaned_data["mentee"],
                                       mentor_id=form.cleaned_data["mentor"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The match is set by hand.")
            return redirect("mentoring:run", slug=slug, run_id=run.pk)
    return _run_page(request, found, run, set_form=form, status=400)


@capability_required("run_mentoring")
@require_http_methods(["GET", "POST"])
def run_publish(request, slug: str, run_id: int):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    run = run_selectors.run_get_for_lead(viewer=request.user, programme=found, run_id=run_id)
    if request.method == "GET":
        return confirmation_page(
            request, title="Publish these matches?", button="Publish and start the pairs",
            explanation=[f"{run.matches.count()} pairs start, and everyone in them is told.",
                         "The programme's other pending runs are discarded."],
            cancel_url=reverse("mentoring:run", args=[slug, run.pk]), danger=False)
    pairs = run_services.run_publish(actor=request.user, run=run, request=request)
    started = "1 pair has" if len(pairs) == 1 else f"{len(pairs)} pairs have"
    messages.success(request, f"Published: {started} started.")
    return redirect("mentoring:manage_programme", slug=slug)


@capability_required("run_mentoring")
@require_http_methods(["GET", "POST"])
def run_discard(request, slug: str, run_id: int):
    found = selectors.programme_get_for_lead(viewer=request.user, slug=slug)
    run = run_selectors.run_get_for_lead(viewer=request.user, programme=found, run_id=run_id)
    if request.method == "GET":
        return confirmation_page(
            request, title="Discard this run?", button="Discard the run",
            explanation="Its matches are never published. You can run matching again.",
            cancel_url=reverse("mentoring:run", args=[slug, run.pk]))
    run_services.run_discard(actor=request.user, run=run, request=request)
    messages.success(request, "The run is discarded.")
    return redirect("mentoring:manage_programme", slug=slug)


urlpatterns = [
    path("mentoring/manage/", manage, name="manage"),
    path("mentoring/manage/new/", programme_edit, name="programme_new"),
    path("mentoring/manage/<slug:slug>/", programme_manage, name="manage_programme"),
    path("mentoring/manage/<slug:slug>/edit/", programme_edit, name="programme_edit"),
    path("mentoring/manage/<slug:slug>/archive/", programme_archive, name="programme_archive"),
    path("mentoring/manage/<slug:slug>/questions/", question_add, name="question_add"),
    path("mentoring/manage/<slug:slug>/questions/<int:question_id>/remove/", question_remove,
         name="question_remove"),
    path("mentoring/manage/<slug:slug>/runs/", run_new, name="run_new"),
    path("mentoring/manage/<slug:slug>/runs/<int:run_id>/", run_page, name="run"),
    path("mentoring/manage/<slug:slug>/runs/<int:run_id>/matches/<int:match_id>/remove/",
         run_remove, name="run_remove"),
    path("mentoring/manage/<slug:slug>/runs/<int:run_id>/set/", run_set, name="run_set"),
    path("mentoring/manage/<slug:slug>/runs/<int:run_id>/publish/", run_publish,
         name="run_publish"),
    path("mentoring/manage/<slug:slug>/runs/<int:run_id>/discard/", run_discard,
         name="run_discard"),
]

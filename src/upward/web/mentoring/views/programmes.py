"""Members' mentoring pages: programmes, sign-up, suggested mentors, requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.mentoring.forms import DeclineForm, RequestForm, SignupForm
from upward.web.mentoring.selectors import programmes as selectors
from upward.web.mentoring.selectors import requests as request_selectors
from upward.web.mentoring.selectors import suggestions as suggestion_selectors
from upward.web.mentoring.selectors.pairs import pairs_for_member
from upward.web.mentoring.services import requests as request_services
from upward.web.mentoring.services import signup as signup_services

SUGGESTIONS_PER_PAGE = 10


@capability_required("mentoring")
def home(request):
    return render(request, "mentoring/home.html", {
        "programmes": selectors.programmes_open_to(viewer=request.user),
        "participations": selectors.own_participations(viewer=request.user),
        "pairs": pairs_for_member(viewer=request.user),
        "waiting": request_selectors.requests_waiting_for(viewer=request.user).count(),
    })


@capability_required("mentoring")
def programme(request, slug: str):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    return render(request, "mentoring/programme.html", {
        "programme": found, "signup_open": selectors.signup_is_open(found),
        "participant": selectors.own_participation(viewer=request.user, programme=found),
    })


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def signup(request, slug: str):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    own = selectors.own_participation(viewer=request.user, programme=found)
    initial = SignupForm.initial_for(own) if own else \
        SignupForm.initial_for_new(request.user, found)
    data = request.POST if request.method == "POST" else None
    form = SignupForm(data, programme=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        manager, avoid = form.people_texts()
        try:
            signup_services.signup_submit(actor=request.user, programme=found,
                                          line_manager_text=manager, avoid_texts=avoid,
                                          **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Your sign-up is saved." if own
                             else f"You have signed up to {found.name}.")
            return redirect("mentoring:programme", slug=found.slug)
    return render(request, "mentoring/signup.html", {
        "programme": found, "form": form, "participant": own,
        "signup_open": selectors.signup_is_open(found),
    }, status=400 if form.errors else 200)


def _own_or_404(request, slug):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    own = selectors.own_participation(viewer=request.user, programme=found)
    if own is None:
        raise ApplicationError("You have not signed up to this programme.", status=404)
    return found, own


@capability_required("mentoring")
@require_POST
def pause(request, slug: str):
    found, own = _own_or_404(request, slug)
    paused = request.POST.get("paused") != "0"
    signup_services.signup_pause(actor=request.user, participant=own, paused=paused)
    messages.success(request, "You are paused: nobody is matched with you or suggested you "
                     "until you take part again." if paused else "You are taking part again.")
    return redirect("mentoring:programme", slug=found.slug)


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def leave(request, slug: str):
    found, own = _own_or_404(request, slug)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Leave {found.name}?", button="Leave the programme",
            explanation=["You will not be matched or suggested to anyone in it, and requests "
                         "waiting for an answer are withdrawn.",
                         "Pairs you are in carry on until one of you ends them."],
            cancel_url=reverse("mentoring:programme", args=[found.slug]))
    signup_services.signup_leave(actor=request.user, participant=own)
    messages.success(request, f"You have left {found.name}.")
    return redirect("mentoring:home")


@capability_required("mentoring")
def mentors(request, slug: str):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    cards = suggestion_selectors.suggestions_for(viewer=request.user, programme=found)
    page = Paginator(cards, SUGGESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "mentoring/mentors.html", {
        "programme": found, "page_obj": page, "cards": page.object_list,
        "has_mentor": suggestion_selectors.has_mentor(viewer=request.user, programme=found)})


@capability_required("mentoring")
@require_POST
def bookmark(request, slug: str, mentor_id: int):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    on = request.POST.get("on") != "0"
    signup_services.bookmark_set(actor=request.user, programme=found, mentor_id=mentor_id, on=on)
    messages.success(request, "Bookmarked." if on else "Bookmark removed.")
    return redirect(reverse("mentoring:mentors", args=[found.slug]) + f"#mentor-{mentor_id}")


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def dismiss(request, slug: str, mentor_id: int):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    card = suggestion_selectors.mentor_card(viewer=request.user, programme=found,
                                            mentor_id=mentor_id)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Not for you: {card.name}?", button="Do not suggest them again",
            explanation="They will not be suggested to you or matched with you again in this "
                        "programme. They are not told.", danger=False,
            cancel_url=reverse("mentoring:mentors", args=[found.slug]))
    signup_services.mentor_dismiss(actor=request.user, programme=found, mentor_id=mentor_id)
    messages.success(request, f"{card.name} will not be suggested to you again.")
    return redirect("mentoring:mentors", slug=found.slug)


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def request_new(request, slug: str, mentor_id: int):
    found = selectors.programme_get_for_member(viewer=request.user, slug=slug)
    card = suggestion_selectors.mentor_card(viewer=request.user, programme=found,
                                            mentor_id=mentor_id)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            request_services.request_send(actor=request.user, programme=found,
                                          mentor_id=mentor_id, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Your request is sent to {card.name}.")
            return redirect("mentoring:requests")
    return render(request, "mentoring/request_form.html", {
        "programme": found, "card": card, "form": form}, status=400 if form.errors else 200)


@capability_required("mentoring")
def requests_page(request):
    return render(request, "mentoring/requests.html", {
        "sent": request_selectors.requests_sent(viewer=request.user)[:50],
        "received": request_selectors.requests_received(viewer=request.user)[:50],
    })


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def request_withdraw(request, request_id: int):
    found = request_selectors.request_get_for_mentee(viewer=request.user, request_id=request_id)
    if request.method == "GET":
        return confirmation_page(
            request, title="Withdraw your request?", button="Withdraw the request",
            explanation="The mentor will no longer see it waiting for an answer.",
            cancel_url=reverse("mentoring:requests"))
    request_services.request_withdraw(actor=request.user, request=found)
    messages.success(request, "Your request is withdrawn.")
    return redirect("mentoring:requests")


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def request_accept(request, request_id: int):
    found = request_selectors.request_get_for_mentor(viewer=request.user, request_id=request_id)
    if request.method == "GET":
        return confirmation_page(
            request, title="Accept this request?", button="Accept and start the pair",
            explanation="You and the mentee get a shared space for goals and meetings.",
            cancel_url=reverse("mentoring:requests"), danger=False)
    request_services.request_accept(actor=request.user, request=found)
    messages.success(request, "You have accepted the request: your pair has started.")
    return redirect("mentoring:requests")


@capability_required("mentoring")
@require_http_methods(["GET", "POST"])
def request_decline(request, request_id: int):
    found = request_selectors.request_get_for_mentor(viewer=request.user, request_id=request_id)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            request_services.request_decline(actor=request.user, request=found,
                                             reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "You have declined the request.")
            return redirect("mentoring:requests")
    return render(request, "mentoring/decline.html", {"request_": found, "form": form},
                  status=400 if form.errors else 200)


urlpatterns = [
    path("mentoring/", home, name="home"),
    path("mentoring/programmes/<slug:slug>/", programme, name="programme"),
    path("mentoring/programmes/<slug:slug>/sign-up/", signup, name="signup"),
    path("mentoring/programmes/<slug:slug>/pause/", pause, name="pause"),
    path("mentoring/programmes/<slug:slug>/leave/", leave, name="leave"),
    path("mentoring/programmes/<slug:slug>/mentors/", mentors, name="mentors"),
    path("mentoring/programmes/<slug:slug>/mentors/<int:mentor_id>/bookmark/", bookmark,
         name="bookmark"),
    path("mentoring/programmes/<slug:slug>/mentors/<int:mentor_id>/not-for-me/", dismiss,
         name="dismiss"),
    path("mentoring/programmes/<slug:slug>/mentors/<int:mentor_id>/request/", request_new,
         name="request_new"),
    path("mentoring/requests/", requests_page, name="requests"),
    path("mentoring/requests/<int:request_id>/withdraw/", request_withdraw,
         name="request_withdraw"),
    path("mentoring/requests/<int:request_id>/accept/", request_accept, name="request_accept"),
    path("mentoring/requests/<int:request_id>/decline/", request_decline,
         name="request_decline"),
]

"""Opportunities and volunteering: the list, an opportunity's page (sign up, withdraw,
.ics), posting and editing (leads), cancelling, publishing or declining a proposal,
the safeguarding checklist, the outcome, suggestions and the volunteer profile."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import can, capability_required
from upward.web.outreach import calendar
from upward.web.outreach.forms import (
    OpportunityForm,
    OutcomeForm,
    SafeguardingForm,
    VolunteerProfileForm,
)
from upward.web.outreach.models import SignupStatus
from upward.web.outreach.selectors import offices
from upward.web.outreach.selectors import opportunities as selectors
from upward.web.outreach.selectors import volunteers as volunteer_selectors
from upward.web.outreach.services import opportunities as services
from upward.web.outreach.services import volunteers as volunteer_services


def _url(opportunity) -> str:
    return reverse("outreach:opportunity", args=[opportunity.pk])


@capability_required("volunteer")
def opportunities(request):
    viewer = request.user
    return render(request, "outreach/opportunities.html", {
        "upcoming": selectors.opportunities_upcoming(viewer=viewer)[:100],
        "fitting": volunteer_selectors.opportunities_fitting(viewer=viewer),
        "has_profile": volunteer_selectors.profile_of(viewer=viewer) is not None,
        "mine": [s for s in selectors.signups_of(viewer=viewer)
                 if s.status != SignupStatus.WITHDRAWN],
        "proposed": selectors.opportunities_proposed(viewer=viewer),
        "past": selectors.opportunities_past(viewer=viewer)[:50],
        "is_lead": can(viewer, "run_outreach"),
    })


@capability_required("volunteer")
def opportunity(request, pk: int):
    viewer = request.user
    found = selectors.opportunity_for_viewer(viewer=viewer, pk=pk)
    return render(request, "outreach/opportunity.html", {
        "o": found, "signup": selectors.signup_of(viewer=viewer, opportunity=found),
        "names": selectors.confirmed_names(found),
        "places_left": selectors.places_left(found),
        "years": selectors.year_groups_text(found.year_groups),
        "safeguarding": getattr(found, "safeguarding", None),
        "is_lead": can(viewer, "run_outreach"),
        "signups": selectors.signups_for_lead(viewer=viewer, opportunity=found),
        "suggestions": volunteer_selectors.suggestions_for(viewer=viewer, opportunity=found),
        "outcome": getattr(found, "outcome", None),
    })


def _form_page(request, template, form, status=None, **context):
    return render(request, template, {"form": form, **context},
                  status=status or (400 if form.errors else 200))


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def opportunity_new(request):
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.opportunity_post(actor=request.user, request=request,
                                              **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Opportunity posted: members can now sign up.")
            return redirect(_url(found))
    return _form_page(request, "outreach/opportunity_form.html", form, editing=None)


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def opportunity_edit(request, pk: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    form = OpportunityForm(request.POST or None,
                           initial=OpportunityForm.initial_from(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_update(actor=request.user, opportunity_id=found.pk,
                                        **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Opportunity saved.")
            return redirect(_url(found))
    return _form_page(request, "outreach/opportunity_form.html", form, editing=found)


def _confirmed_action(request, found, *, service, title, explanation, button, done,
                      danger=True):
    if request.method == "POST":
        service(actor=request.user, opportunity_id=found.pk, request=request)
        messages.success(request, done)
        return redirect(_url(found))
    return confirmation_page(request, title=title, explanation=explanation, button=button,
                             cancel_url=_url(found), danger=danger)


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def opportunity_cancel(request, pk: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    return _confirmed_action(
        request, found, service=services.opportunity_cancel,
        title=f"Cancel “{found.title}”?",
        explanation="Everyone who signed up, confirmed or waiting, is told it is cancelled. "
                    "This cannot be undone.",
        button="Cancel the opportunity", done="Opportunity cancelled; volunteers were told.")


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def opportunity_publish(request, pk: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    return _confirmed_action(
        request, found, service=services.opportunity_publish,
        title=f"Publish “{found.title}”?",
        explanation="Members can then sign up to volunteer. Check its details first.",
        button="Publish", done="Published: members can now sign up.", danger=False)


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def opportunity_decline(request, pk: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    return _confirmed_action(
        request, found, service=services.opportunity_decline,
        title=f"Decline “{found.title}”?",
        explanation="The school's proposal is not published. The school sees it as cancelled.",
        button="Decline the proposal", done="Proposal declined.")


@capability_required("volunteer")
@require_http_methods(["GET", "POST"])
def signup(request, pk: int):
    found = selectors.opportunity_for_viewer(viewer=request.user, pk=pk)
    if request.method == "POST":
        made = volunteer_services.signup_create(actor=request.user, opportunity_id=found.pk)
        messages.success(request, "You are confirmed. Thank you!"
                         if made.status == SignupStatus.CONFIRMED else
                         "It is full, so you are on the waiting list. We will tell you if a "
                         "place comes free.")
        return redirect(_url(found))
    return confirmation_page(
        request, title=f"Volunteer for “{found.title}”?",
        explanation=["The school and the other volunteers will see your name (as on your "
                     "profile) among the volunteers coming.",
                     "If it is full you join the waiting list, and get a place "
                     "automatically if someone withdraws."],
        button="Sign up", cancel_url=_url(found), danger=False)


@capability_required("volunteer")
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    found = selectors.opportunity_for_viewer(viewer=request.user, pk=pk)
    if request.method == "POST":
        volunteer_services.signup_withdraw(actor=request.user, opportunity_id=found.pk)
        messages.success(request, "You have withdrawn.")
        return redirect(_url(found))
    return confirmation_page(
        request, title=f"Withdraw from “{found.title}”?",
        explanation="Your place goes to the first person on the waiting list.",
        button="Withdraw", cancel_url=_url(found))


@capability_required("volunteer")
def opportunity_ics(request, pk: int):
    found = selectors.opportunity_for_viewer(viewer=request.user, pk=pk)
    content = calendar.opportunity_ics(viewer=request.user, opportunity=found)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outreach-{found.pk}.ics"'
    return response


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def safeguarding(request, pk: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    check = getattr(found, "safeguarding", None)
    initial = {f: getattr(check, f) for f in SafeguardingForm.base_fields} if check else {}
    form = SafeguardingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.safeguarding_save(actor=request.user, opportunity_id=found.pk,
                                   **form.cleaned_data)
        messages.success(request, "Safeguarding arrangements saved.")
        return redirect(_url(found) + "#safeguarding")
    return _form_page(request, "outreach/safeguarding_form.html", form, o=found)


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def outcome(request, pk: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    confirmed = [s for s in selectors.signups_for_lead(viewer=request.user, opportunity=found)
                 if s.status == SignupStatus.CONFIRMED]
    done = getattr(found, "outcome", None)
    initial = {}
    if done:
        initial = {f: getattr(done, f) for f in OutcomeForm.base_fields if hasattr(done, f)}
        initial["year_groups"] = [str(y) for y in done.year_groups]
        initial["attended"] = [str(s.pk) for s in confirmed if s.attended]
    form = OutcomeForm(request.POST or None, initial=initial,
                       signups=[(s.pk, selectors.person_name(s.volunteer)) for s in confirmed])
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(actor=request.user, opportunity_id=found.pk,
                                    request=request, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Outcome recorded.")
            return redirect(_url(found) + "#outcome")
    return _form_page(request, "outreach/outcome_form.html", form, o=found)


@capability_required("run_outreach")
@require_POST
def invite(request, pk: int, person_id: int):
    found = selectors.opportunity_for_lead(viewer=request.user, pk=pk)
    volunteer_services.volunteer_invite(actor=request.user, opportunity_id=found.pk,
                                        person_id=person_id)
    messages.success(request, "Invitation sent.")
    return redirect(_url(found) + "#suggestions")


@capability_required("volunteer")
@require_http_methods(["GET", "POST"])
def volunteer_profile(request):
    current = volunteer_selectors.profile_of(viewer=request.user)
    initial = {"available": True, "online": True, "travel_km": 10}
    if current:
        initial = {f: getattr(current, f) for f in VolunteerProfileForm.base_fields}
        initial["year_groups"] = [str(y) for y in current.year_groups]
    form = VolunteerProfileForm(request.POST or None, initial=initial,
                                offices=offices(viewer=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            volunteer_services.volunteer_profile_save(actor=request.user, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Volunteer profile saved.")
            return redirect("outreach:opportunities")
    return _form_page(request, "outreach/volunteer_profile.html", form)


urlpatterns = [
    path("outreach/opportunities/", opportunities, name="opportunities"),
    path("outreach/opportunities/new/", opportunity_new, name="opportunity_new"),
    path("outreach/opportunities/<int:pk>/", opportunity, name="opportunity"),
    path("outreach/opportunities/<int:pk>/edit/", opportunity_edit, name="opportunity_edit"),
    path("outreach/opportunities/<int:pk>/cancel/", opportunity_cancel,
         name="opportunity_cancel"),
    path("outreach/opportunities/<int:pk>/publish/", opportunity_publish,
         name="opportunity_publish"),
    path("outreach/opportunities/<int:pk>/decline/", opportunity_decline,
         name="opportunity_decline"),
    path("outreach/opportunities/<int:pk>/sign-up/", signup, name="opportunity_signup"),
    path("outreach/opportunities/<int:pk>/withdraw/", withdraw, name="opportunity_withdraw"),
    path("outreach/opportunities/<int:pk>/calendar.ics", opportunity_ics,
         name="opportunity_ics"),
    path("outreach/opportunities/<int:pk>/safeguarding/", safeguarding,
         name="opportunity_safeguarding"),
    path("outreach/opportunities/<int:pk>/outcome/", outcome, name="opportunity_outcome"),
    path("outreach/opportunities/<int:pk>/invite/<int:person_id>/", invite,
         name="opportunity_invite"),
    path("outreach/volunteer-profile/", volunteer_profile, name="volunteer_profile"),
]

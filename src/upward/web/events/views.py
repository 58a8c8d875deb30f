"""Event pages under /events/: the list, an event, RSVPs, .ics files and the secret
feed (for members, ``events``); creating, changing, cancelling, attendance and survey
results (for leads, ``run_events``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.links import absolute_url
from upward.web.core.permissions import capability_required
from upward.web.events import calendar, selectors, services
from upward.web.events.forms import AttendanceForm, EventForm, SurveyForm

# The session key holding a just-made feed secret until the page after the redirect.
NEW_FEED_SECRET = "events.new_feed_secret"


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@capability_required("events")
@never_cache
def event_list(request):
    return render(request, "events/list.html", {
        "upcoming": selectors.events_upcoming_by_next_date(viewer=request.user),
        "past": selectors.events_past(viewer=request.user)[:50],
        "mine": {r.event_id: r for r in selectors.own_rsvps(viewer=request.user)},
    })


@capability_required("events")
def event(request, pk: int):
    found = selectors.event_for_member(viewer=request.user, pk=pk)
    return render(request, "events/event.html",
                  {"view": selectors.event_view(viewer=request.user, event=found)})


@capability_required("events")
@require_POST
def rsvp(request, pk: int):
    found = selectors.event_for_member(viewer=request.user, pk=pk)
    made = services.rsvp_create(actor=request.user, event_id=found.pk)
    messages.success(request, "You have a place." if made.status == "confirmed"
                     else "The event is full: you are on the waiting list.")
    return redirect("events:event", found.pk)


@capability_required("events")
@require_http_methods(["GET", "POST"])
def rsvp_cancel(request, pk: int):
    found = selectors.event_for_member(viewer=request.user, pk=pk)
    back = reverse("events:event", args=[found.pk])
    if request.method == "GET":
        return confirmation_page(
            request, title="Cancel your RSVP?", button="Cancel my RSVP", cancel_url=back,
            explanation=f"You will lose your place at “{found.title}”"
                        f"{' (every date of the series)' if found.is_series else ''}; "
                        "if you change your mind, you join the end of the waiting list.")
    services.rsvp_cancel(actor=request.user, event_id=found.pk)
    messages.success(request, "Your RSVP is cancelled.")
    return redirect(back)


@capability_required("events")
def event_ics(request, pk: int):
    found = selectors.event_for_member(viewer=request.user, pk=pk)
    view = selectors.event_view(viewer=request.user, event=found)
    return _ics(calendar.event_ics(event=found, with_link=view.show_online_link),
                f"event-{found.pk}.ics")


@capability_required("events")
@never_cache  # the page may hold the secret: no copy kept by the browser or a proxy
def feed(request):
    # A new address, made by the POST that redirected here, is shown this once: a
    # refresh shows the page without it and makes nothing (Post/Redirect/Get).
    secret = request.session.pop(NEW_FEED_SECRET, None)
    return render(request, "events/feed.html", {
        "has_feed": selectors.has_feed(viewer=request.user),
        "feed_url": absolute_url(reverse("events:feed_ics", args=[secret])) if secret else ""})


@capability_required("events")
@require_http_methods(["GET", "POST"])
def feed_reset(request):
    has_feed = selectors.has_feed(viewer=request.user)
    if request.method == "GET":
        if not has_feed:  # nothing to replace: the page that makes one
            return render(request, "events/feed.html", {"has_feed": False})
        return confirmation_page(
            request, title="Make a new calendar address?", button="Make a new address",
            cancel_url=reverse("events:feed"),
            explanation="Your current address stops working at once: calendars using it "
                        "stop updating until you add the new one.")
    request.session[NEW_FEED_SECRET] = services.feed_secret_reset(actor=request.user)
    return redirect("events:feed")


def feed_ics(request, secret: str):
    """No session: the secret in the address is the key (only its hash is stored)."""
    person = selectors.feed_owner(secret)
    return _ics(calendar.feed_ics(events=selectors.feed_events(person=person)),
                "upward-events.ics")


@capability_required("run_events")
def manage(request):
    return render(request, "events/manage.html", {
        "upcoming": selectors.events_upcoming_by_next_date(viewer=request.user),
        "past": selectors.events_past(viewer=request.user)[:100],
    })


@capability_required("run_events")
@require_http_methods(["GET", "POST"])
def event_new(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.event_create(actor=request.user, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Event published.")
            return redirect("events:event", made.pk)
    return render(request, "events/form.html", {"form": form},
                  status=400 if form.errors else 200)


@capability_required("run_events")
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    found = selectors.event_for_runner(viewer=request.user, pk=pk)
    form = EventForm.for_event(found, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event_id=found.pk,
                                  **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Event changed.")
            return redirect("events:event", found.pk)
    return render(request, "events/form.html", {"form": form, "event": found},
                  status=400 if form.errors else 200)


@capability_required("run_events")
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk: int):
    found = selectors.event_for_runner(viewer=request.user, pk=pk)
    back = reverse("events:event", args=[found.pk])
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Cancel “{found.title}”?", button="Cancel the event",
            cancel_url=back,
            explanation="Everyone who said they are going, and everyone on the waiting "
                        "list, is told. This cannot be undone.")
    services.event_cancel(actor=request.user, event_id=found.pk)
    messages.success(request, "Event cancelled. Everyone who RSVPed has been told.")
    return redirect(back)


@capability_required("run_events")
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    found = selectors.event_for_runner(viewer=request.user, pk=pk)
    everyone = list(selectors.attendees(viewer=request.user, event_id=found.pk))
    for r in everyone:
        r.name = selectors.person_name(r.person)
    going = [r for r in everyone if r.status == "confirmed"]
    form = AttendanceForm(request.POST or None, rsvps=going)
    if request.method == "POST" and form.is_valid():
        try:
            came = services.attendance_mark(
                actor=request.user, event_id=found.pk,
                attended_ids={int(i) for i in form.cleaned_data["attended"]})
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Attendance saved: {came} came.")
            return redirect("events:attendance", found.pk)
    return render(request, "events/attendance.html", {
        "event": found, "form": form, "rsvps": going,
        "started": found.starts_at <= timezone.now(),
        "waiting": [r for r in everyone if r.status == "waitlisted"],
    }, status=400 if form.errors else 200)


@capability_required("events")
@require_http_methods(["GET", "POST"])
def survey(request, pk: int):
    found = selectors.event_for_member(viewer=request.user, pk=pk)
    view = selectors.event_view(viewer=request.user, event=found)
    answer = selectors.own_answer(viewer=request.user, event=found)
    initial = {"rating": answer.rating, "comment": answer.comment} if answer else None
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(actor=request.user, event_id=found.pk, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Thank you: your answer is saved.")
            return redirect("events:event", found.pk)
    return render(request, "events/survey.html", {"view": view, "form": form},
                  status=400 if form.errors else 200)


@capability_required("run_events")
def survey_results(request, pk: int):
    return render(request, "events/survey_results.html", {
        "results": selectors.survey_results(viewer=request.user, event_id=pk)})


urlpatterns = [
    path("events/", event_list, name="list"),
    path("events/new/", event_new, name="new"),
    path("events/manage/", manage, name="manage"),
    path("events/feed/", feed, name="feed"),
    path("events/feed/reset/", feed_reset, name="feed_reset"),
    path("events/feed/<str:secret>.ics", feed_ics, name="feed_ics"),
    path("events/<int:pk>/", event, name="event"),
    path("events/<int:pk>/rsvp/", rsvp, name="rsvp"),
    path("events/<int:pk>/rsvp/cancel/", rsvp_cancel, name="rsvp_cancel"),
    path("events/<int:pk>/event.ics", event_ics, name="event_ics"),
    path("events/<int:pk>/edit/", event_edit, name="edit"),
    path("events/<int:pk>/cancel/", event_cancel, name="cancel"),
    path("events/<int:pk>/attendance/", attendance, name="attendance"),
    path("events/<int:pk>/survey/", survey, name="survey"),
    path("events/<int:pk>/survey/results/", survey_results, name="survey_results"),
]

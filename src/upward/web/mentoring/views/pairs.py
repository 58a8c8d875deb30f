"""A pair's own space: goals, meetings, next meeting, feedback, ending. Every page is for
the pair's two people only: they are ``signed_in`` pages whose selector answers 404 for
anyone else, leads and administrators included (a 403 for people without the mentoring
capability would be a different answer from a member's, so everyone gets the same)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required, signed_in
from upward.web.mentoring import calendar
from upward.web.mentoring.pair_forms import (
    EndForm,
    FeedbackForm,
    GoalForm,
    MeetingForm,
    NextMeetingForm,
)
from upward.web.mentoring.selectors import pairs as selectors
from upward.web.mentoring.services import pairs as services


def _page(request, pair, *, goal_form=None, status=200):
    return render(request, "mentoring/pair.html", {
        "view": selectors.pair_view(viewer=request.user, pair=pair),
        "goals": selectors.pair_goals(pair=pair),
        "meetings": selectors.pair_meetings(pair=pair),
        "goal_form": goal_form or GoalForm(),
        "feedback_open": selectors.feedback_open(pair=pair),
        "feedback": selectors.feedback_own(viewer=request.user, pair=pair),
    }, status=status)


def _form_page(request, template, form, pair, **context):
    return render(request, template, {
        "form": form, "view": selectors.pair_view(viewer=request.user, pair=pair), **context,
    }, status=400 if form.errors else 200)


@capability_required("mentoring")
def pairs(request):
    return render(request, "mentoring/pair_list.html", {
        "pairs": selectors.pair_views_for_member(viewer=request.user),
        "past": [selectors.pair_view(viewer=request.user, pair=p)
                 for p in selectors.pairs_past_for_member(viewer=request.user)[:50]],
    })


@signed_in
def pair(request, pk: int):
    return _page(request, selectors.pair_for_member(viewer=request.user, pk=pk))


@signed_in
@require_POST
def goal_add(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.pair_goal_add(actor=request.user, pair_id=found.pk, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Goal added.")
            return redirect(reverse("mentoring:pair", args=[found.pk]) + "#goals")
    return _page(request, found, goal_form=form, status=400)


@signed_in
@require_POST
def goal_done(request, pk: int, goal_id: int):
    goal = selectors.goal_for_member(viewer=request.user, pk=pk, goal_id=goal_id)
    services.pair_goal_mark(actor=request.user, pair_id=pk, goal_id=goal.pk,
                            done=request.POST.get("done") != "0")
    return redirect(reverse("mentoring:pair", args=[pk]) + "#goals")


@signed_in
@require_http_methods(["GET", "POST"])
def goal_remove(request, pk: int, goal_id: int):
    goal = selectors.goal_for_member(viewer=request.user, pk=pk, goal_id=goal_id)
    back = reverse("mentoring:pair", args=[pk]) + "#goals"
    if request.method == "GET":
        return confirmation_page(request, title="Remove this goal?", button="Remove the goal",
                                 explanation=f"“{goal.text}” will be removed for both of you.",
                                 cancel_url=back)
    services.pair_goal_remove(actor=request.user, pair_id=pk, goal_id=goal.pk)
    messages.success(request, "Goal removed.")
    return redirect(back)


@signed_in
@require_http_methods(["GET", "POST"])
def meeting_new(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_log(actor=request.user, pair_id=found.pk, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Meeting logged.")
            return redirect(reverse("mentoring:pair", args=[found.pk]) + "#meetings")
    return _form_page(request, "mentoring/pair_meeting_form.html", form, found)


@signed_in
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int, meeting_id: int):
    meeting = selectors.meeting_for_author(viewer=request.user, pk=pk, meeting_id=meeting_id)
    form = MeetingForm(request.POST or None, initial={
        "held_on": meeting.held_on, "minutes": meeting.minutes, "notes": meeting.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, pair_id=pk, meeting_id=meeting.pk,
                                    **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Meeting changed.")
            return redirect(reverse("mentoring:pair", args=[pk]) + "#meetings")
    return _form_page(request, "mentoring/pair_meeting_form.html", form, meeting.pair,
                      meeting=meeting)


@signed_in
@require_http_methods(["GET", "POST"])
def meeting_delete(request, pk: int, meeting_id: int):
    meeting = selectors.meeting_for_author(viewer=request.user, pk=pk, meeting_id=meeting_id)
    back = reverse("mentoring:pair", args=[pk]) + "#meetings"
    if request.method == "GET":
        return confirmation_page(
            request, title="Delete this meeting?", button="Delete the meeting", cancel_url=back,
            explanation=f"The meeting on {meeting.held_on:%-d %B %Y} and its notes will be "
                        "deleted for both of you. This cannot be undone.")
    services.meeting_delete(actor=request.user, pair_id=pk, meeting_id=meeting.pk)
    messages.success(request, "Meeting deleted.")
    return redirect(back)


@signed_in
@require_http_methods(["GET", "POST"])
def next_meeting(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    form = NextMeetingForm(request.POST or None, initial={
        "at": found.next_meeting_at, "place": found.next_meeting_place})
    if request.method == "POST" and form.is_valid():
        try:
            services.next_meeting_set(actor=request.user, pair_id=found.pk, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Next meeting set. The other person has been told.")
            return redirect("mentoring:pair", found.pk)
    return _form_page(request, "mentoring/pair_next_meeting_form.html", form, found)


@signed_in
@require_http_methods(["GET", "POST"])
def next_meeting_clear(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    back = reverse("mentoring:pair", args=[found.pk])
    if request.method == "GET":
        return confirmation_page(request, title="Clear the next meeting?", cancel_url=back,
                                 explanation="The date, time and place will be removed for "
                                             "both of you.", button="Clear the next meeting")
    services.next_meeting_clear(actor=request.user, pair_id=found.pk)
    messages.success(request, "Next meeting cleared.")
    return redirect(back)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signed_in
def next_meeting_ics(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    content = calendar.next_meeting_ics(viewer=request.user, pair=found)
    if content is None:
        raise Http404("No next meeting is set.")
    return _ics(content, f"mentoring-next-meeting-{found.pk}.ics")


@signed_in
def meetings_ics(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    return _ics(calendar.meetings_ics(viewer=request.user, pair=found),
                f"mentoring-meetings-{found.pk}.ics")


@signed_in
@require_http_methods(["GET", "POST"])
def pair_end(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_end(actor=request.user, pair_id=found.pk, request=request,
                              **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "The pair has ended. Tell the programme how it went.")
            return redirect("mentoring:pair_feedback", found.pk)
    return _form_page(request, "mentoring/pair_end.html", form, found)


@signed_in
@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    found = selectors.pair_for_member(viewer=request.user, pk=pk)
    given = selectors.feedback_own(viewer=request.user, pair=found)
    form = FeedbackForm(request.POST or None, initial=given and {
        "satisfaction": given.satisfaction, "outcomes": given.outcomes,
        "comments": given.comments})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(actor=request.user, pair_id=found.pk, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Thank you: your feedback is saved.")
            return redirect("mentoring:pair", found.pk)
    return _form_page(request, "mentoring/pair_feedback.html", form, found,
                      feedback_open=selectors.feedback_open(pair=found))


urlpatterns = [
    path("mentoring/pairs/", pairs, name="pairs"),
    path("mentoring/pairs/<int:pk>/", pair, name="pair"),
    path("mentoring/pairs/<int:pk>/goals/", goal_add, name="pair_goal_add"),
    path("mentoring/pairs/<int:pk>/goals/<int:goal_id>/done/", goal_done,
         name="pair_goal_done"),
    path("mentoring/pairs/<int:pk>/goals/<int:goal_id>/remove/", goal_remove,
         name="pair_goal_remove"),
    path("mentoring/pairs/<int:pk>/meetings/new/", meeting_new, name="pair_meeting_new"),
    path("mentoring/pairs/<int:pk>/meetings/<int:meeting_id>/edit/", meeting_edit,
         name="pair_meeting_edit"),
    path("mentoring/pairs/<int:pk>/meetings/<int:meeting_id>/delete/", meeting_delete,
         name="pair_meeting_delete"),
    path("mentoring/pairs/<int:pk>/meetings.ics", meetings_ics, name="pair_meetings_ics"),
    path("mentoring/pairs/<int:pk>/next-meeting/", next_meeting, name="pair_next_meeting"),
    path("mentoring/pairs/<int:pk>/next-meeting/clear/", next_meeting_clear,
         name="pair_next_meeting_clear"),
    path("mentoring/pairs/<int:pk>/next-meeting.ics", next_meeting_ics,
         name="pair_next_meeting_ics"),
    path("mentoring/pairs/<int:pk>/end/", pair_end, name="pair_end"),
    path("mentoring/pairs/<int:pk>/feedback/", feedback, name="pair_feedback"),
]

"""Asking a member for a conversation (from their profile), and the requests one made
and received."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from upward.web.accounts.selectors import profile_get_for_viewer
from upward.web.community import services
from upward.web.community.forms import (
    ConversationDeclineForm,
    ConversationReplyForm,
    ConversationRequestForm,
)
from upward.web.community.selectors import conversations as selectors
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required


@capability_required("take_part")
@require_http_methods(["GET", "POST"])
def ask(request, profile_id: int):
    profile = profile_get_for_viewer(viewer=request.user, profile_id=profile_id)
    form = ConversationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_request(actor=request.user, recipient=profile.user,
                                          message=form.cleaned_data["message"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Your request was sent to {profile.display_name}. "
                                      "You will be told when they answer.")
            return redirect("community:conversations")
    return render(request, "community/conversation_ask.html", {
        "form": form, "profile": profile,
        "earlier": selectors.conversation_last_asked(viewer=request.user,
                                                     recipient_id=profile.user_id),
    }, status=400 if form.errors else 200)


@capability_required("take_part")
def conversations(request):
    return render(request, "community/conversations.html", {
        "received": selectors.conversations_received(viewer=request.user)[:50],
        "sent": selectors.conversations_sent(viewer=request.user)[:50],
    })


@capability_required("take_part")
@require_http_methods(["GET", "POST"])
def conversation(request, request_id: int):
    asked = selectors.conversation_get_for_party(viewer=request.user, pk=request_id)
    accept = request.POST.get("decision") != "decline"
    data = request.POST if request.method == "POST" else None
    reply_form = ConversationReplyForm(data if accept else None)
    decline_form = ConversationDeclineForm(None if accept else data)
    form = reply_form if accept else decline_form
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_answer(actor=request.user, request_id=asked.pk, accept=accept,
                                         answer=form.cleaned_data["answer"])
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Your reply was sent." if accept
                             else "You declined. They have been told.")
            return redirect("community:conversation", asked.pk)
    return render(request, "community/conversation_detail.html", {
        "asked": asked, "reply_form": reply_form, "decline_form": decline_form, "form": form,
        "is_recipient": asked.recipient_id == request.user.pk,
    }, status=400 if form.errors else 200)

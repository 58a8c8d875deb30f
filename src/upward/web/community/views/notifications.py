"""One's notifications, community settings (email, digest, what happens to one's
posts on account deletion) and muted members."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.accounts.selectors import active_profile
from upward.web.community import services
from upward.web.community.forms import SettingsForm
from upward.web.community.selectors import notifications as selectors
from upward.web.community.services.posting import active_suspension
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import signed_in


@signed_in
def notifications(request):
    page_obj = Paginator(selectors.notifications_for(viewer=request.user), 30).get_page(
        request.GET.get("page"))
    return render(request, "community/notifications.html", {
        "page_obj": page_obj, "unread": selectors.unread_count(viewer=request.user),
    })


@signed_in
@require_POST
def notifications_read(request):
    notification_id = request.POST.get("notification", "")
    services.notification_mark_read(
        user=request.user,
        notification_id=int(notification_id) if notification_id.isdigit() else None)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("community:notifications")


@signed_in
@require_http_methods(["GET", "POST"])
def settings_page(request):
    current = selectors.community_settings(viewer=request.user)
    form = SettingsForm(request.POST or None, initial={
        "email_mentions": current.email_mentions, "email_replies": current.email_replies,
        "email_conversations": current.email_conversations,
        "weekly_digest": current.weekly_digest,
        "on_account_deletion": current.on_account_deletion,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.member_settings_update(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Your community settings are saved.")
            return redirect("community:settings")
    return render(request, "community/settings.html", {
        "form": form, "muted": selectors.muted_members(viewer=request.user),
        "suspension": active_suspension(request.user),
    }, status=400 if form.errors else 200)


@signed_in
@require_POST
def mute(request, profile_id: int):
    profile = active_profile(profile_id)
    if profile is None:
        raise Http404("No such person.")
    on = request.POST.get("mute") == "1"
    services.mute_set(actor=request.user, member=profile.user, muted=on)
    messages.success(request, "Muted: you will no longer see their posts or hear from them. "
                              "They are not told." if on else "Unmuted.")
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("community:settings")

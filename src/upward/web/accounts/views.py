"""Pages for signing in and up, one's own profile and data, the people directory."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from upward.web.accounts import selectors, services
from upward.web.accounts.forms import (
    CareerEntryForm,
    DeleteAccountForm,
    InvitationAcceptForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
    TokenForm,
)
from upward.web.accounts.throttling import sign_in_locks_clear
from upward.web.core.client_ip import client_ip
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required, signed_in

BACKEND = "upward.web.accounts.backends.ModelBackend"
LOCKED_MESSAGE = (
    "Too many failed sign-in attempts. Wait {minutes} minutes and try again, "
    "or reset your password."
)


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)




@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # authenticate() checks the password with the same work whether or not the
        # address has an account (Django hashes a dummy one), and django-axes refuses a
        # locked (address, client) pair first (upward.web.accounts.throttling).
        user = authenticate(request, email=form.cleaned_data["email"].strip().lower(),
                            password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            return redirect(_safe_next(request))
        if getattr(request, "axes_locked_out", False):
            form.add_error(None, LOCKED_MESSAGE.format(
                minutes=settings.UPWARD_LOGIN_LOCKOUT_MINUTES))
        else:
            form.add_error(None, "That email address and password do not match an account. "
                                 "Check both and try again.")
    return render(request, "accounts/sign_in.html", {
        "form": form, "next": request.GET.get("next", ""),
        "signup_open": bool(settings.UPWARD_ALLOWED_EMAIL_DOMAINS),
    }, status=400 if form.errors else 200)


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("core:home")


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if not settings.UPWARD_ALLOWED_EMAIL_DOMAINS:
        raise ApplicationError("Sign-up is by invitation only here: ask a network lead.",
                               status=404)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signup_by_domain(request=request, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return render(request, "accounts/check_email.html",
                          {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_up.html",
                  {"form": form, "domains": settings.UPWARD_ALLOWED_EMAIL_DOMAINS},
                  status=400 if form.errors else 200)


def activate(request, token: str):
    user = services.signup_activate(token=token, request=request)
    login(request, user, backend=BACKEND)
    messages.success(request, "Your address is confirmed. Welcome!")
    return redirect("accounts:profile_edit")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.invitation_for_token(token=token)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, request=request, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, "Welcome! Tell colleagues a little about yourself.")
            return redirect("accounts:profile_edit")
    return render(request, "accounts/invitation_accept.html",
                  {"form": form, "invitation": invitation}, status=400 if form.errors else 200)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The worker looks the address up and sends the email: the request does the same
        # work whether or not the address has an account.
        try:
            services.password_reset_request(email=form.cleaned_data["email"],
                                            ip_address=client_ip(self.request))
        except ApplicationError as error:
            show_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form),
                                           status=error.status)
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        sign_in_locks_clear(email=form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:me")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


# --- one's own profile and data -----------------------------------------------------------


@signed_in
def me(request):
    profile = services.profile_ensure(user=request.user)
    view = selectors.profile_for_viewer(profile=profile, viewer=request.user)
    return render(request, "accounts/profile.html", {"view": view, "profile": profile})


@signed_in
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = services.profile_ensure(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(profile=profile, **form.changes())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Your profile has been saved.")
            return redirect("accounts:me")
    return render(request, "accounts/profile_edit.html",
                  {"form": form, "career_form": CareerEntryForm(), "profile": profile},
                  status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def career_add(request):
    profile = services.profile_ensure(user=request.user)
    form = CareerEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.career_entry_add(profile=profile, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Added to your career timeline.")
            return redirect("accounts:profile_edit")
    return render(request, "accounts/career_add.html", {"form": form},
                  status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def career_remove(request, entry_id: int):
    if request.method == "GET":
        entry = selectors.career_entry_get_own(user=request.user, entry_id=entry_id)
        return confirmation_page(
            request, title=f"Remove “{entry}” from your career timeline?",
            explanation="It is removed from your profile, and from any story that shows "
                        "your timeline.",
            button="Remove the entry", cancel_url=reverse("accounts:profile_edit") + "#career")
    services.career_entry_remove(profile=services.profile_ensure(user=request.user),
                                 entry_id=entry_id)
    messages.success(request, "Removed from your career timeline.")
    return redirect("accounts:profile_edit")


@signed_in
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        days = int(form.cleaned_data["days"]) if form.cleaned_data["days"] else None
        try:
            _, new_secret = services.token_create(user=request.user, name=form.cleaned_data["name"],
                                                  days=days, scope=form.cleaned_data["scope"],
                                                  request=request)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "new_secret": new_secret,
        "tokens": request.user.access_tokens.all(),
    }, status=400 if form.errors else 200)


@signed_in
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id: int):
    if request.method == "GET":
        token = selectors.token_get_own_usable(user=request.user, token_id=token_id)
        return confirmation_page(
            request, title=f"Revoke the token “{token.name}”?", button="Revoke the token",
            explanation="It stops working at once: anything that uses it (a script, a "
                        "report) will be refused. This cannot be undone; you can create a "
                        "new token.", cancel_url=reverse("accounts:tokens"))
    services.token_revoke(user=request.user, token_id=token_id, request=request)
    messages.success(request, "The token has been revoked and no longer works.")
    return redirect("accounts:tokens")


@signed_in
def my_data(request):
    if request.method == "POST":
        data = services.personal_data_export(user=request.user, request=request)
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="my-upward-data.json"'
        return response
    return render(request, "accounts/my_data.html", {"delete_form": DeleteAccountForm()})


@signed_in
@require_POST
def account_delete(request):
    form = DeleteAccountForm(request.POST)
    if form.is_valid():
        try:
            services.account_delete(user=request.user, password=form.cleaned_data["password"],
                                    request=request)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            logout(request)
            messages.success(request, "Your account and everything in it have been deleted.")
            return redirect("core:home")
    return render(request, "accounts/my_data.html", {"delete_form": form}, status=400)


# --- the people directory ---------------------------------------------------------------------


@capability_required("see_people")
def people(request):
    query = request.GET.get("q", "")
    page = Paginator(selectors.people_visible_to(viewer=request.user, query=query), 24)
    page_obj = page.get_page(request.GET.get("page"))
    views = [selectors.profile_for_viewer(profile=p, viewer=request.user) for p in page_obj]
    template = "accounts/_people_results.html" if request.headers.get("HX-Request") \
        else "accounts/people.html"
    return render(request, template, {"views": views, "page_obj": page_obj, "query": query})


@capability_required("see_people")
def person(request, profile_id: int):
    profile = selectors.profile_get_for_viewer(viewer=request.user, profile_id=profile_id)
    view = selectors.profile_for_viewer(profile=profile, viewer=request.user)
    return render(request, "accounts/profile.html", {"view": view, "profile": profile})

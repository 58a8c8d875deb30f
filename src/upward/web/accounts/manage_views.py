"""Pages for administrators and network leads: people, roles and invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from upward.web.accounts import selectors, services
from upward.web.accounts.forms import InvitationForm, RolesForm
from upward.web.accounts.models import User
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.core.roles import Role


@capability_required("manage_roles")
def people(request):
    query, role = request.GET.get("q", ""), request.GET.get("role", "")
    page_obj = Paginator(selectors.users_for_admin(query=query, role=role), 50).get_page(
        request.GET.get("page"))
    return render(request, "accounts/manage/people.html", {
        "page_obj": page_obj, "query": query, "role": role, "roles": Role.choices,
    })


@capability_required("manage_roles")
@require_http_methods(["GET", "POST"])
def roles(request, user_id: int):
    person = get_object_or_404(User, pk=user_id)
    current = selectors.roles_of(person)
    form = RolesForm(request.POST or None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.roles_set(actor=request.user, user=person, roles=form.cleaned_data["roles"],
                               request=request)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Roles for {person.email} have been saved.")
            return redirect("accounts:manage_people")
    return render(request, "accounts/manage/roles.html", {"person": person, "form": form},
                  status=400 if form.errors else 200)


@capability_required("invite")
@require_http_methods(["GET", "POST"])
def invitations(request):
    allowed = selectors.invitable_roles(request.user)
    form = InvitationForm(request.POST or None, allowed_roles=allowed)
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            _, link = services.invitation_create(actor=request.user, request=request,
                                                 **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            form = InvitationForm(allowed_roles=allowed)
    page_obj = Paginator(selectors.invitations_visible_to(viewer=request.user), 25).get_page(
        request.GET.get("page"))
    return render(request, "accounts/manage/invitations.html",
                  {"form": form, "page_obj": page_obj, "link": link,
                   "invitation_days": settings.UPWARD_INVITATION_DAYS},
                  status=400 if form.errors else 200)


@capability_required("invite")
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, invitation_id: int):
    invitation = selectors.invitation_get_for_manager(viewer=request.user,
                                                      invitation_id=invitation_id)
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Revoke the invitation for {invitation.email}?",
            button="Revoke the invitation", danger=False,
            explanation="The link in their email stops working. You can invite them again.",
            cancel_url=reverse("accounts:manage_invitations"))
    services.invitation_revoke(actor=request.user, invitation=invitation, request=request)
    messages.success(request, f"The invitation for {invitation.email} has been revoked.")
    return redirect("accounts:manage_invitations")

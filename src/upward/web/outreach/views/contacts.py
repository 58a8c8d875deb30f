"""School contacts: the lead's list (invite, revoke) and the guest pages a contact
reaches through their secret link, without an account. A wrong, expired or revoked link
is a 404, and every guest request counts against a per-address limit."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from upward.web.core.client_ip import client_ip
from upward.web.core.confirm import confirmation_page
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.core.throttle import throttle_take
from upward.web.outreach.forms import ContactInviteForm, GuestOpportunityForm
from upward.web.outreach.selectors import opportunities as selectors
from upward.web.outreach.services import contacts as services

#: Guest requests allowed per client address (and per link) in GUEST_WINDOW.
GUEST_LIMIT = 60
GUEST_WINDOW = timedelta(minutes=10)


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def contacts(request):
    form = ContactInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact, _ = services.contact_invite(actor=request.user, request=request,
                                                 **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, f"Invitation emailed to {contact.name}.")
            return redirect("outreach:contacts")
    return render(request, "outreach/contacts.html", {
        "form": form, "rows": selectors.contact_rows(viewer=request.user),
    }, status=400 if form.errors else 200)


@capability_required("run_outreach")
@require_http_methods(["GET", "POST"])
def contact_revoke(request, pk: int):
    found = selectors.contact_for_lead(viewer=request.user, pk=pk)
    if request.method == "POST":
        services.contact_revoke(actor=request.user, contact_id=found.pk, request=request)
        messages.success(request, f"{found.name}'s link no longer works.")
        return redirect("outreach:contacts")
    return confirmation_page(
        request, title=f"Revoke {found.name}'s link?",
        explanation=f"{found.name} ({found.school.name}) will no longer be able to propose "
                    "opportunities or see who is coming. You can invite them again.",
        button="Revoke the link", cancel_url=reverse("outreach:contacts"))


def _guest(request, token: str):
    if not throttle_take(scope="outreach.guest",
                         limits=[(client_ip(request), GUEST_LIMIT)], window=GUEST_WINDOW):
        raise ApplicationError("Too many requests. Try again in a few minutes.", status=429)
    return selectors.contact_by_token(token)


@require_http_methods(["GET", "POST"])
def guest(request, token: str):
    contact = _guest(request, token)
    services.contact_seen(contact=contact)
    form = GuestOpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.guest_propose(contact=contact, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, "Thank you: your proposal was sent to the network's "
                                      "leads, who will publish it to volunteers.")
            return redirect("outreach:guest", token)
    rows = [(o, selectors.confirmed_names(o), selectors.year_groups_text(o.year_groups))
            for o in selectors.opportunities_for_contact(contact)]
    response = render(request, "outreach/guest.html", {
        "contact": contact, "rows": rows, "form": form,
    }, status=400 if form.errors else 200)
    # the link is the secret: never sent to another site ("no-referrer" would make the
    # browser send "Origin: null" with the form, which CSRF protection refuses)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


urlpatterns = [
    path("outreach/school-contacts/", contacts, name="contacts"),
    path("outreach/school-contacts/<int:pk>/revoke/", contact_revoke, name="contact_revoke"),
    path("outreach/for-schools/<str:token>/", guest, name="guest"),
]

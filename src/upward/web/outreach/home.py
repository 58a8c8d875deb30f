"""Outreach's home-page panel: the opportunities a member has signed up for (none: no
panel)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel
from upward.web.core.permissions import can
from upward.web.outreach.models import SignupStatus
from upward.web.outreach.selectors.opportunities import signups_of


@home_panel("outreach.volunteering", order=60)
def volunteering(viewer) -> HomePanel | None:
    if not can(viewer, "volunteer"):
        return None
    coming = [s for s in signups_of(viewer=viewer).filter(
        opportunity__ends_at__gt=timezone.now(), opportunity__status="open",
        status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED])[:5]]
    if not coming:
        return None  # only for people volunteering: the home page stays short
    return HomePanel(
        title="Volunteering with schools",
        items=[HomeItem(s.opportunity.title,
                        reverse("outreach:opportunity", args=[s.opportunity_id]),
                        f"{date_format(timezone.localtime(s.opportunity.starts_at), 'j F Y')}"
                        f" · {s.get_status_display()}") for s in coming],
        actions=[HomeLink("More opportunities", reverse("outreach:opportunities"))])

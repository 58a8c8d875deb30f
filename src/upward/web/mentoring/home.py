"""Mentoring's home-page panels: programmes open to sign up, and requests waiting for
the viewer's answer (imported from platform.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.dateformat import format as date_format

from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel
from upward.web.core.permissions import can
from upward.web.mentoring.selectors import programmes as selectors
from upward.web.mentoring.selectors import requests as request_selectors


@home_panel("mentoring.programmes", order=40)
def programmes_to_join(viewer) -> HomePanel | None:
    if not can(viewer, "mentoring"):
        return None
    joined = set(selectors.own_participations(viewer=viewer).values_list("programme_id",
                                                                         flat=True))
    open_ = [p for p in selectors.programmes_open_to(viewer=viewer).exclude(pk__in=joined)[:20]
             if selectors.signup_is_open(p)][:5]
    if not open_:
        return None
    return HomePanel(
        title="Mentoring programmes to join",
        items=[HomeItem(p.name, reverse("mentoring:programme", args=[p.slug]),
                        f"Sign-up closes {date_format(p.signup_closes_on, 'j F Y')}"
                        if p.signup_closes_on else p.get_kind_display()) for p in open_],
        actions=[HomeLink("See mentoring", reverse("mentoring:home"))])


@home_panel("mentoring.requests", order=41)
def requests_waiting(viewer) -> HomePanel | None:
    waiting = list(request_selectors.requests_waiting_for(viewer=viewer)[:5])
    if not waiting:
        return None
    return HomePanel(
        title="Mentoring requests to answer",
        items=[HomeItem(f"{r.mentee.user.profile.display_name} asked you to be their mentor",
                        reverse("mentoring:requests"),
                        f"{r.programme.name}, {date_format(r.created_at, 'j F Y')}")
               for r in waiting],
        actions=[HomeLink("Answer requests", reverse("mentoring:requests"))])

"""Mentoring's home-page panels: the viewer's pairs, programmes open to sign up, and
requests waiting for the viewer's answer (imported from platform.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel
from upward.web.core.permissions import can
from upward.web.mentoring.selectors import pairs as pair_selectors
from upward.web.mentoring.selectors import programmes as selectors
from upward.web.mentoring.selectors import requests as request_selectors


def _next_meeting(pair, now) -> str:
    """The next meeting's date (no time of day, as everywhere on the home page)."""
    if pair.next_meeting_at is None or pair.next_meeting_at < now:
        return f"{pair.programme.name}: no next meeting set"
    day = date_format(timezone.localdate(pair.next_meeting_at), "j F Y")
    return f"{pair.programme.name}: next meeting {day}"


@home_panel("mentoring.pairs", order=39)
def your_mentoring(viewer) -> HomePanel | None:
    """The viewer's active pairs, soonest next meeting first; no panel without one."""
    views = [pair_selectors.pair_view(viewer=viewer, pair=pair)
             for pair in pair_selectors.pairs_for_member(viewer=viewer)[:5]]
    if not views:
        return None
    now = timezone.now()
    return HomePanel(
        title="Your mentoring",
        items=[HomeItem(f"Your mentor {v.partner_name}" if v.is_mentee
                        else f"Mentoring {v.partner_name}",
                        reverse("mentoring:pair", args=[v.pair.pk]), _next_meeting(v.pair, now))
               for v in views],
        actions=[HomeLink("See your pairs", reverse("mentoring:pairs"))])


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

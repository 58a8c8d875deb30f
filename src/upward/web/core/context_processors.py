"""Site-wide template context: the organisation's name and navigation by role."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

from upward.web.core.capabilities import roles_with
from upward.web.core.permissions import user_roles


@dataclass(frozen=True)
class NavLink:
    """One page in the navigation.

    ``capability``: who sees the link (None: every signed-in person), a name from
    ``core/capabilities.py`` — the same capability the page itself checks, so nobody is
    offered a page that answers 403. ``paths``: more
    URL prefixes whose pages belong to this link (its own URL always does).
    """

    label: str
    url_name: str
    capability: str | None = None
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class NavSection:
    """A top-level entry of the header. It links to the first of its ``links`` the person
    may see; when they may see two or more, the section's pages show them as a second
    row of navigation (labelled with the section's name)."""

    label: str
    links: tuple[NavLink, ...] = field(default_factory=tuple)


# The one place that decides which pages a role is offered. A page belongs to the link
# whose URL (or one of whose ``paths``) is the longest prefix of its address, and so to
# that link's section: that section is the one marked current in the header.
NAVIGATION: list[NavSection] = [
    NavSection("Home", (NavLink("Home", "core:home"),)),
    NavSection("Community", (
        NavLink("Stories", "community:feed"),
        NavLink("Discussions", "community:discussions",
                paths=("/community/threads/", "/community/replies/")),
        NavLink("Events", "events:list", "events"),
        NavLink("Search", "community:search"),
        NavLink("My stories", "community:my_stories", "write_story"),
        NavLink("Bookmarks", "community:bookmarks"),
        NavLink("Notifications", "community:notifications"),
        NavLink("Conversations", "community:conversations", "take_part"),
        NavLink("Settings", "community:settings"),
        NavLink("Tags and categories", "community:manage", "curate"),
        NavLink("Run events", "events:manage", "run_events"),
    )),
    NavSection("Mentoring", (
        NavLink("Mentoring", "mentoring:home", "mentoring",
                paths=("/mentoring/programmes/", "/mentoring/pairs/", "/mentoring/requests/")),
        NavLink("Run programmes", "mentoring:manage", "run_mentoring"),
    )),
    NavSection("Outreach", (
        NavLink("Opportunities", "outreach:opportunities", "volunteer"),
        NavLink("Schools", "outreach:schools", "see_schools"),
        NavLink("Volunteer profile", "outreach:volunteer_profile", "volunteer"),
        NavLink("Impact", "outreach:impact", "see_schools"),
        NavLink("School contacts", "outreach:contacts", "run_outreach"),
        NavLink("Import schools", "outreach:schools_import", "manage_schools"),
        NavLink("Offices", "outreach:offices", "manage_schools"),
    )),
    NavSection("Awards", (
        NavLink("Awards", "awards:home", "enter_awards"),
        NavLink("Manage awards", "awards:manage", "run_awards"),
        NavLink("Judging", "awards:judging", "judge_awards"),
        NavLink("External entries", "awards:external", "draft_external_entries"),
    )),
    NavSection("Moderation", (
        NavLink("Moderation", "community:queue", "moderate"),
    )),
    NavSection("People", (NavLink("People", "accounts:people", "see_people"),)),
    NavSection("Insights", (
        NavLink("Insights", "insights:dashboard", "view_insights"),
    )),
    NavSection("Background survey", (
        NavLink("Your answers", "insights:survey"),
        NavLink("Survey responses", "insights:responses", "track_survey"),
        NavLink("Survey questions", "insights:questions", "manage_questions"),
        NavLink("Employee number links", "insights:links", "review_links"),
    )),
    NavSection("Manage", (
        NavLink("Roles", "accounts:manage_people", "manage_roles"),
        NavLink("Invitations", "accounts:manage_invitations", "invite"),
        NavLink("Audit log", "core:audit_log", "view_audit_log"),
        NavLink("Impact and reporting", "impact:home", "view_impact"),
    )),
    NavSection("My profile", (NavLink("My profile", "accounts:me"),)),
]


def may_see(link: NavLink, roles: frozenset[str]) -> bool:
    return link.capability is None or bool(roles_with(link.capability) & roles)


@dataclass(frozen=True)
class _Place:
    prefix: str
    section: int
    link: int
    exact: bool  # the home page is "/": it owns that address only


@cache
def _places(script_prefix: str) -> tuple[_Place, ...]:
    """Every link's URL prefixes, longest first: reversed once per process (and script
    prefix)."""
    places = []
    for s, section in enumerate(NAVIGATION):
        for n, link in enumerate(section.links):
            own = reverse(link.url_name)
            extra = (script_prefix.rstrip("/") + path for path in link.paths)
            places.extend(_Place(prefix, s, n, prefix == script_prefix)
                          for prefix in (own, *extra))
    return tuple(sorted(places, key=lambda place: len(place.prefix), reverse=True))


@cache
def _url(url_name: str, script_prefix: str) -> str:
    return reverse(url_name)


def page_place(path: str) -> tuple[int, int] | None:
    """(section, link) the page at ``path`` belongs to, whoever looks at it; None for
    pages outside the navigation (signing in, the public story pages, the API)."""
    for place in _places(get_script_prefix()):
        if path == place.prefix or (not place.exact and path.startswith(place.prefix)):
            return place.section, place.link
    return None


def navigation_for(roles: frozenset[str], path: str) -> tuple[list[dict], dict | None]:
    """The header's sections for someone holding ``roles`` on the page at ``path``, and
    the current section's own links (None when it has fewer than two for them)."""
    place = page_place(path)
    prefix = get_script_prefix()
    top, local = [], None
    for s, section in enumerate(NAVIGATION):
        links = [(n, link) for n, link in enumerate(section.links) if may_see(link, roles)]
        if not links:
            continue
        current = place is not None and place[0] == s
        top.append({"label": section.label, "url": _url(links[0][1].url_name, prefix),
                    "current": current})
        if current and len(links) > 1:
            local = {"label": section.label, "links": [
                {"label": link.label, "url_name": link.url_name,
                 "url": _url(link.url_name, prefix), "current": place[1] == n}
                for n, link in links]}
    return top, local


def site(request):
    nav, section_nav = [], None
    if request.user.is_authenticated:
        nav, section_nav = navigation_for(user_roles(request.user), request.path)
    return {
        "organisation_name": settings.UPWARD_ORGANISATION_NAME,
        "navigation": nav,
        "section_navigation": section_nav,
        **_single_sign_on(),
    }


def _single_sign_on() -> dict:
    if not settings.UPWARD_SSO_ENABLED:
        return {"sso_enabled": False}
    app = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
    return {
        "sso_enabled": True,
        "sso_name": app["name"],
        "sso_login_url": reverse("openid_connect_login",
                                 kwargs={"provider_id": app["provider_id"]}),
    }

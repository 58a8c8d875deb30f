"""The capability table (core/capabilities.py) is the one place that says which role may do
what: every role-gated page and every navigation link names a capability from it, no app
keeps its own role list, and each page lets in exactly the roles the table gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import upward.web
from upward.web.core.capabilities import CAPABILITIES, refusal_message, roles_with
from upward.web.core.context_processors import NAVIGATION
from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import can, capability_required, require_capability

EVERY_ROLE = ["member", "moderator", "lead", "analyst", "judge", "admin"]
WEB = Path(upward.web.__file__).parent

# The table as the product defines it (DESIGN.md's users), written out by hand so a change
# to who may do what is a deliberate change to this test too.
EXPECTED = {
    "take_part": {"member", "moderator", "lead"},
    "write_story": {"member", "moderator", "lead"},
    "see_people": {"member", "moderator", "lead"},
    "moderate": {"moderator", "lead"},
    "moderate_moderators": {"lead"},
    "curate": {"lead"},
    "remind_survey": {"lead"},
    "track_survey": {"lead", "analyst"},
    "manage_questions": {"lead", "admin"},
    "view_insights": {"analyst"},
    "upload_hr": {"analyst"},
    "review_links": {"admin"},
    "mentoring": {"member", "moderator", "lead"},
    "run_mentoring": {"lead"},
    "see_schools": {"member", "moderator", "lead"},
    "manage_schools": {"lead", "admin"},
    "volunteer": {"member", "moderator", "lead"},
    "run_outreach": {"lead"},
    "events": {"member", "moderator", "lead"},
    "run_events": {"lead"},
    "enter_awards": {"member", "moderator", "lead"},
    "run_awards": {"admin"},
    "judge_awards": {"judge"},
    "manage_impact": {"lead", "admin"},
    "view_impact": {"lead", "analyst", "admin"},
    "draft_external_entries": {"lead", "admin"},
    "invite": {"lead", "admin"},
    "invite_any_role": {"admin"},
    "manage_roles": {"admin"},
    "view_audit_log": {"admin"},
}


def test_the_table_gives_each_capability_its_roles():
    assert {name: set(roles) for name, roles in CAPABILITIES.items()} == EXPECTED


def test_an_unknown_capability_is_refused_where_it_is_named():
    with pytest.raises(KeyError, match="Unknown capability 'moderat'"):
        capability_required("moderat")
    with pytest.raises(KeyError, match="choose from"):
        roles_with("fly")


def _patterns(resolver=None, prefix=""):
    """(route, name, callback) of every URL the project serves (not the API)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            if str(entry.pattern).startswith("api/"):
                continue
            yield from ((route, namespace + name if name else name, view)
                        for route, name, view in _patterns(entry, prefix + str(entry.pattern)))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.callback


def test_every_role_gated_page_names_a_capability():
    gated = [(route, view) for route, _, view in _patterns()
             if getattr(view, "required_roles", None)]
    assert len(gated) > 30  # the community, insights, accounts and core pages
    for route, view in gated:
        assert getattr(view, "capability", None) in CAPABILITIES, route
        assert view.required_roles == roles_with(view.capability), route


def test_every_navigation_link_names_a_capability_its_page_checks():
    """A link is offered to the roles its page lets in. The one page open to more people
    than its link is "My stories": someone who no longer belongs to the network keeps
    the way to withdraw what they wrote, though they are not offered it as a section."""
    views = {name: view for _, name, view in _patterns()}
    for section in NAVIGATION:
        for link in section.links:
            page = getattr(views[link.url_name], "capability", None)
            assert link.capability is None or link.capability in CAPABILITIES
            if link.url_name == "community:my_stories":
                assert (link.capability, page) == ("write_story", None)
            else:
                assert link.capability == page, link.label


# Role checks written outside the table: a role list, a role tuple, a role decorator.
_OWN_ROLE_CHECK = re.compile(
    r"role_required\(|has_any_role\(|NETWORK_ROLES|MODERATION_ROLES|"
    r"Role\.\w+ in user_roles|frozenset\(\{Role\.|\(Role\.\w+,")


def test_no_app_keeps_its_own_role_lists():
    allowed = {WEB / "core" / "permissions.py", WEB / "core" / "capabilities.py",
               WEB / "core" / "roles.py"}
    found = [f"{path.relative_to(WEB)}:{n}: {line.strip()}"
             for path in sorted(WEB.rglob("*.py"))
             if path not in allowed and "migrations" not in path.parts
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if _OWN_ROLE_CHECK.search(line)]
    assert found == []


def _simple_pages():
    """Role-gated pages whose address needs no arguments."""
    return sorted((name, view.capability) for route, name, view in _patterns()
                  if getattr(view, "capability", None) and "<" not in route)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_role_by_page_matrix(role, personas, client_for):
    """Each role-gated page opens for exactly the roles the table gives its capability
    (a POST-only page answers 405 to them instead of 200) and answers 403 to the rest."""
    client = client_for(personas[role])
    pages = _simple_pages()
    assert len(pages) > 10
    for name, capability in pages:
        status = client.get(reverse(name)).status_code
        if role in EXPECTED[capability]:
            assert status in (200, 405), f"{role} should open {name}"
        else:
            assert status == 403, f"{role} must not open {name}"


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_links_not_offered_to_a_role_answer_403_to_them(role, personas, client_for):
    client = client_for(personas[role])
    for section in NAVIGATION:
        for link in section.links:
            if (link.capability and role not in EXPECTED[link.capability]
                    and link.url_name != "community:my_stories"):
                assert client.get(reverse(link.url_name)).status_code == 403, link.label


def test_require_capability_names_the_roles(personas):
    require_capability(personas["analyst"], "view_insights")
    with pytest.raises(ApplicationError) as refused:
        require_capability(personas["member"], "manage_questions")
    assert refused.value.status == 403
    assert refused.value.message == refusal_message("manage_questions") == (
        "This is for people with one of these roles: Administrator, Network lead.")


def test_can_for_visitors_and_inactive_people(personas):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "take_part")
    lead = personas["lead"]
    assert can(lead, "curate")
    lead.is_active = False
    lead._upward_roles = None
    assert not can(lead, "curate")

"""Who may do what: the one table from capabilities to the roles that hold them.

Views (``capability_required``), selectors and services (``can``,
``require_capability``) and the navigation (``NavLink.capability``) all ask this
table, so a page, the link to it and the rule behind it cannot disagree.
Object visibility (whose story, which thread) stays in each app's selectors.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from upward.web.core.roles import NETWORK_ROLES, Role

#: Capability name → the roles that have it (holding any one of them is enough).
CAPABILITIES: dict[str, frozenset[str]] = {
    # the network itself: membership can be sensitive, so only members see who belongs
    "take_part": NETWORK_ROLES,           # post, comment, reply, react in the community
    "write_story": NETWORK_ROLES,         # write, edit and list one's own stories
    "see_people": NETWORK_ROLES,          # the people directory and others' profiles
    "moderate": frozenset({Role.MODERATOR, Role.NETWORK_LEAD}),  # review queue, flags
    "moderate_moderators": frozenset({Role.NETWORK_LEAD}),  # suspend a moderator or lead
    "curate": frozenset({Role.NETWORK_LEAD}),  # tags, reactions, categories, featuring
    # the background survey and workforce insights (aggregate only)
    "remind_survey": frozenset({Role.NETWORK_LEAD}),
    "track_survey": frozenset({Role.NETWORK_LEAD, Role.ANALYST}),  # response rates
    "manage_questions": frozenset({Role.NETWORK_LEAD, Role.ADMIN}),
    "view_insights": frozenset({Role.ANALYST}),
    "upload_hr": frozenset({Role.ANALYST}),
    # not analysts, nor leads: analysts know employee numbers and would learn who answered
    "review_links": frozenset({Role.ADMIN}),
    # mentoring: network members sign up, mentor and are mentored; leads run programmes
    "mentoring": NETWORK_ROLES,
    "run_mentoring": frozenset({Role.NETWORK_LEAD}),  # programmes, matching, aggregate health
    # outreach: the schools register (establishments only, no child data)
    "see_schools": NETWORK_ROLES,
    "manage_schools": frozenset({Role.NETWORK_LEAD, Role.ADMIN}),  # import GIAS, offices
    # outreach: members volunteer with schools; leads post opportunities, invite school
    # contacts, confirm safeguarding and record outcomes
    "volunteer": NETWORK_ROLES,
    "run_outreach": frozenset({Role.NETWORK_LEAD}),
    # the network's own events: members RSVP; leads organise them
    "events": NETWORK_ROLES,
    "run_events": frozenset({Role.NETWORK_LEAD}),
    # awards: members enter and nominate; admins run cycles, categories, criteria and
    # panels; judges score the entries assigned to them
    "enter_awards": NETWORK_ROLES,
    "run_awards": frozenset({Role.ADMIN}),
    "judge_awards": frozenset({Role.JUDGE}),
    # impact: frameworks, initiatives and KPIs; analysts read them (aggregates only)
    "manage_impact": frozenset({Role.ADMIN, Role.NETWORK_LEAD}),
    "view_impact": frozenset({Role.ADMIN, Role.NETWORK_LEAD, Role.ANALYST}),
    # draft entries to national awards, with figures and quotes from the platform
    "draft_external_entries": frozenset({Role.NETWORK_LEAD, Role.ADMIN}),
    # running the platform
    "invite": frozenset({Role.NETWORK_LEAD, Role.ADMIN}),
    "invite_any_role": frozenset({Role.ADMIN}),
    "manage_roles": frozenset({Role.ADMIN}),
    "view_audit_log": frozenset({Role.ADMIN}),
}


def roles_with(capability: str) -> frozenset[str]:
    """The roles that have ``capability``; an unknown name is a programming error."""
    try:
        return CAPABILITIES[capability]
    except KeyError:
        raise KeyError(f"Unknown capability {capability!r}; "
                       f"choose from {', '.join(sorted(CAPABILITIES))}.") from None


def capability_roles_label(capability: str) -> str:
    """'Analyst' or 'Administrator, Network lead': the roles named for a refusal."""
    return ", ".join(sorted(str(Role(r).label) for r in roles_with(capability)))


def refusal_message(capability: str) -> str:
    return str(_("This is for people with one of these roles: {roles}.")).format(
        roles=capability_roles_label(capability))

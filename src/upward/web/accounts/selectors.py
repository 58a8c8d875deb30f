"""Reads for accounts. Visibility is decided here, never in templates."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from upward.web.accounts.models import (
    VISIBLE_FIELDS,
    AccessToken,
    CareerEntry,
    Invitation,
    Profile,
    User,
    Visibility,
)
from upward.web.core.capabilities import roles_with
from upward.web.core.permissions import can, user_roles
from upward.web.core.roles import Role


def _can_see(level: str, *, viewer: User, owner: User) -> bool:
    if viewer.pk == owner.pk:
        return True
    if level == Visibility.ORGANISATION:
        return viewer.is_authenticated and viewer.is_active
    if level == Visibility.NETWORK:
        return can(viewer, "see_people")
    return False


@dataclass(frozen=True)
class ProfileView:
    """What one viewer may see of one profile."""

    profile: Profile
    fields: dict[str, object]
    is_own: bool

    @property
    def display_name(self) -> str:
        return self.profile.display_name


def profile_for_viewer(*, profile: Profile, viewer: User) -> ProfileView:
    owner = profile.user
    fields: dict[str, object] = {}
    for field in VISIBLE_FIELDS:
        if not _can_see(profile.visibility_of(field), viewer=viewer, owner=owner):
            continue
        if field == "career":
            fields[field] = list(profile.career.all())
        else:
            fields[field] = getattr(profile, field)
    return ProfileView(profile=profile, fields=fields, is_own=viewer.pk == owner.pk)


def people_visible_to(*, viewer: User, query: str = "") -> QuerySet[Profile]:
    """Profiles in the people directory: network members, for network members only.

    Searching matches a field only where its owner lets this viewer see it: the name,
    job title, team, location and "ask me about" topics.
    """
    if not can(viewer, "see_people"):
        return Profile.objects.none()
    profiles = Profile.objects.filter(
        user__is_active=True, user__role_assignments__role__in=roles_with("take_part")
    ).distinct()
    query = " ".join(query.split())[:100]
    if query:
        shown = [Visibility.NETWORK, Visibility.ORGANISATION]
        match = Q(display_name__icontains=query)
        for field in ("job_title", "team", "location"):
            match |= Q(**{f"{field}__icontains": query}) & Q(
                **{f"visibility__{field}__in": shown}
            )
        # Topics are a JSON list, matched in its text; SQLite keeps non-ASCII letters
        # escaped there (\u00e9), so the escaped spelling is looked for too.
        escaped = json.dumps(query)[1:-1]
        match |= (Q(ask_me_about__icontains=query) | Q(ask_me_about__icontains=escaped)) & Q(
            visibility__ask_me_about__in=shown
        )
        profiles = profiles.filter(match)
    return profiles.select_related("user").order_by("display_name", "pk")


def profile_get_for_viewer(*, viewer: User, profile_id: int) -> Profile:
    """Fetch and authorise in one step: 404 for missing and for not-allowed alike."""
    profile = people_visible_to(viewer=viewer).filter(pk=profile_id).first()
    if profile is None and viewer.is_authenticated:
        own = Profile.objects.filter(pk=profile_id, user=viewer).first()
        if own is not None:
            return own
    if profile is None:
        raise Http404("No such person.")
    return profile


def career_entry_get_own(*, user: User, entry_id: int) -> CareerEntry:
    """One of ``user``'s own career entries; 404 for anyone else's and for none."""
    entry = CareerEntry.objects.filter(profile__user=user, pk=entry_id).first()
    if entry is None:
        raise Http404("No such career entry.")
    return entry


def token_get_own_usable(*, user: User, token_id: int) -> AccessToken:
    """One of ``user``'s tokens that still works; 404 otherwise."""
    token = AccessToken.objects.filter(user=user, pk=token_id, revoked_at=None).first()
    if token is None or not token.is_usable:
        raise Http404("No such token.")
    return token


def users_for_admin(*, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.select_related("profile").prefetch_related("role_assignments")
    query = query.strip()
    if query:
        users = users.filter(Q(email__icontains=query) | Q(profile__display_name__icontains=query))
    if role in Role.values:
        users = users.filter(role_assignments__role=role)
    return users.order_by("email").distinct()


def roles_of(user: User) -> list[str]:
    return sorted(user_roles(user))


def invitable_roles(viewer: User) -> list[str]:
    """The roles ``viewer`` may put on an invitation: any for administrators, member for
    network leads, none for anyone else."""
    if can(viewer, "invite_any_role"):
        return list(Role.values)
    if can(viewer, "invite"):
        return [Role.MEMBER.value]
    return []


def invitations_visible_to(*, viewer: User) -> QuerySet[Invitation]:
    """The invitations ``viewer`` may see and revoke: those they could have issued.

    Administrators see every invitation; a network lead sees member invitations only,
    not the ones an administrator sent for elevated roles.
    """
    allowed = invitable_roles(viewer)
    invitations = Invitation.objects.select_related("invited_by__profile")
    if set(allowed) == set(Role.values):
        return invitations
    if not allowed:
        return invitations.none()
    # Roles are stored sorted and de-duplicated (services.invitation_create); older rows
    # with other spellings of "member only" stay administrators' to manage.
    return invitations.filter(roles=sorted(allowed))


def invitation_get_for_manager(*, viewer: User, invitation_id: int) -> Invitation:
    """Fetch and authorise in one step: 404 for missing and for not-allowed alike."""
    invitation = invitations_visible_to(viewer=viewer).filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


# --- people, for other apps -----------------------------------------------------------------
# Other apps find people here instead of querying accounts' models themselves. These are
# not visibility decisions: the calling app decides who may see what it shows.


def active_people() -> QuerySet[User]:
    """Everyone with an active account."""
    return User.objects.filter(is_active=True)


def network_members() -> QuerySet[User]:
    """Active people with a role in the network (member, lead, moderator), each once."""
    return active_people().filter(role_assignments__role__in=roles_with("take_part")).distinct()


def people_with_capability(capability: str) -> QuerySet[User]:
    """Active people holding a role that has ``capability`` (core's table), each once: for
    telling, say, the leads that something waits for them."""
    return active_people().filter(role_assignments__role__in=roles_with(capability)).distinct()


def network_member_by_handle(handle: str) -> User | None:
    """The network member an @mention names: the one whose address starts ``handle@``."""
    return network_members().filter(email__istartswith=f"{handle}@") \
        .select_related("profile").first()


def active_person_by_email(email: str) -> User | None:
    """The active account with this address (any case), or None."""
    return active_people().filter(email__iexact=(email or "").strip()).first()


def active_profile(profile_id: int) -> Profile | None:
    """The profile of an active account, its user loaded, or None."""
    return Profile.objects.select_related("user").filter(
        pk=profile_id, user__is_active=True).first()


#: Visibility levels under which a network member sees a profile field.
SHOWN_TO_NETWORK = (Visibility.NETWORK, Visibility.ORGANISATION)


def career_titles_shown_to_network(user_ids: Iterable[int]) -> dict[int, list[str]]:
    """User id → the job titles of their career timeline, newest first, for those whose
    profile shows the timeline to network members (anyone left out: none to show, or
    "Only me"). Two queries however many people."""
    profiles = Profile.objects.filter(user_id__in=set(user_ids)).only("user_id", "visibility")
    shown = [p.user_id for p in profiles if p.visibility_of("career") in SHOWN_TO_NETWORK]
    titles: dict[int, list[str]] = {}
    for user_id, title in CareerEntry.objects.filter(profile__user_id__in=shown) \
            .order_by("-start_year", "-id").values_list("profile__user_id", "title"):
        titles.setdefault(user_id, []).append(title)
    return titles


def person_row(user_id: int) -> QuerySet[User]:
    """The one row of this account, for reading a few values (``values_list``) in a query."""
    return User.objects.filter(pk=user_id)

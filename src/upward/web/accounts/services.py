"""Writes for accounts: profiles, roles, invitations, sign-up, tokens, sign-in throttling,
personal data export and account deletion."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from upward.web.accounts.models import (
    MAX_TOPIC_LENGTH,
    MAX_TOPICS,
    VISIBLE_FIELDS,
    AccessToken,
    CareerEntry,
    Invitation,
    Profile,
    RoleAssignment,
    TokenScope,
    User,
    Visibility,
)
from upward.web.accounts.sso import email_domain_allowed
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.jobs import send_email_later
from upward.web.core.roles import Role

TOKEN_PREFIX = "upw_"
ACTIVATION_SALT = "upward.accounts.activation"
ACTIVATION_MAX_AGE = 60 * 60 * 24 * 3


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _validation_message(error: ValidationError) -> str:
    return validation_message(error, VISIBLE_FIELDS)


# --- profiles -------------------------------------------------------------------


def profile_ensure(*, user: User, display_name: str = "") -> Profile:
    """The user's profile, created with a sensible display name if missing."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile = Profile(user=user, display_name=display_name or user.email.split("@")[0][:80])
        profile.full_clean()
        profile.save()
    return profile


def normalise_topics(topics: list[str] | str) -> list[str]:
    """Clean "ask me about" topics: trimmed, de-duplicated, bounded in number and length."""
    if isinstance(topics, str):
        topics = topics.split(",")
    cleaned: list[str] = []
    for raw in topics:
        if not isinstance(raw, str):
            raise ApplicationError("Ask me about: each topic must be text.", field="ask_me_about")
        topic = " ".join(raw.split())
        if not topic:
            continue
        if len(topic) > MAX_TOPIC_LENGTH:
            raise ApplicationError(
                f"Ask me about: “{topic[:20]}…” is longer than {MAX_TOPIC_LENGTH} characters.",
                field="ask_me_about",
            )
        if topic.lower() not in {t.lower() for t in cleaned}:
            cleaned.append(topic)
    if len(cleaned) > MAX_TOPICS:
        raise ApplicationError(
            f"Ask me about: choose at most {MAX_TOPICS} topics (you gave {len(cleaned)}).",
            field="ask_me_about",
        )
    return cleaned


PROFILE_TEXT_FIELDS = ("display_name", "pronouns", "job_title", "team", "location", "bio")
# Apps that keep a copy of a person's display name (e.g. a search index) register here;
# each is called with the user and their old name, in the same transaction, when it changes.
DISPLAY_NAME_FOLLOWERS: list[Callable[[User, str], None]] = []


@transaction.atomic
def profile_update(*, profile: Profile, **changes: Any) -> Profile:
    """Update profile fields and per-field visibility; all or nothing.

    Accepts the text fields, ``ask_me_about`` (list or comma-separated text)
    and ``visibility`` (a mapping of field → level, merged into the current one).
    """
    unknown = set(changes) - set(PROFILE_TEXT_FIELDS) - {"ask_me_about", "visibility"}
    if unknown:
        raise ApplicationError(f"Unknown profile field(s): {', '.join(sorted(unknown))}.")
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    old_name = profile.display_name
    for field in PROFILE_TEXT_FIELDS:
        if field in changes:
            value = changes[field]
            if not isinstance(value, str):
                raise ApplicationError(f"{field.replace('_', ' ').capitalize()} must be text.")
            setattr(profile, field, value.strip())
    if "ask_me_about" in changes:
        profile.ask_me_about = normalise_topics(changes["ask_me_about"])
    if "visibility" in changes:
        requested = changes["visibility"] or {}
        if not isinstance(requested, dict):
            raise ApplicationError("Visibility must map profile fields to a level.")
        merged = dict(profile.visibility)
        for field, level in requested.items():
            if field not in VISIBLE_FIELDS:
                raise ApplicationError(
                    f"Visibility: {field!r} is not a profile field; choose from "
                    + ", ".join(VISIBLE_FIELDS)
                    + "."
                )
            if level not in Visibility.values:
                raise ApplicationError(
                    f"Visibility of {VISIBLE_FIELDS[field].lower()}: {level!r} is not a level; "
                    "choose from " + ", ".join(Visibility.values) + "."
                )
            merged[field] = level
        profile.visibility = merged
    if not profile.display_name:
        raise ApplicationError("Display name: enter the name people will know you by.")
    try:
        profile.full_clean()
    except ValidationError as error:
        raise ApplicationError(_validation_message(error)) from error
    profile.save()
    if profile.display_name != old_name:
        for follow in DISPLAY_NAME_FOLLOWERS:
            follow(profile.user, old_name)
    return profile


@transaction.atomic
def career_entry_add(
    *,
    profile: Profile,
    title: str,
    start_year: int,
    end_year: int | None = None,
    organisation: str = "",
    description: str = "",
) -> CareerEntry:
    if end_year is not None and end_year < start_year:
        raise ApplicationError("Career entry: the end year is before the start year.")
    if start_year > timezone.now().year:
        raise ApplicationError("Career entry: the start year is in the future.")
    entry = CareerEntry(
        profile=profile,
        title=title.strip(),
        organisation=organisation.strip(),
        start_year=start_year,
        end_year=end_year,
        description=description.strip(),
    )
    try:
        entry.full_clean()
    except ValidationError as error:
        raise ApplicationError("Career entry: " + _validation_message(error)) from error
    entry.save()
    return entry


@transaction.atomic
def career_entry_remove(*, profile: Profile, entry_id: int) -> None:
    deleted, _ = CareerEntry.objects.filter(profile=profile, pk=entry_id).delete()
    if not deleted:
        raise ApplicationError("That career entry does not exist.", status=404)


# --- roles ----------------------------------------------------------------------


@transaction.atomic
def role_grant(*, actor: User | None, user: User, role: str, request=None) -> bool:
    """Give ``user`` the role. Returns False if they already had it."""
    if role not in Role.values:
        raise ApplicationError(f"Unknown role {role!r}; choose from {', '.join(Role.values)}.")
    _, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": actor}
    )
    if created:
        audit_record(actor=actor, action="role.grant", target=user, detail={"role": role},
                     request=request)
        user.__dict__.pop("_upward_roles", None)
    return created


@transaction.atomic
def role_revoke(*, actor: User | None, user: User, role: str, request=None) -> bool:
    """Take the role away. Refuses to remove the last administrator."""
    if role == Role.ADMIN:
        admins = RoleAssignment.objects.select_for_update().filter(
            role=Role.ADMIN, user__is_active=True
        )
        if admins.count() <= 1 and admins.filter(user=user).exists():
            raise ApplicationError(
                "This is the last administrator: make someone else an administrator first."
            )
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        audit_record(actor=actor, action="role.revoke", target=user, detail={"role": role},
                     request=request)
        user.__dict__.pop("_upward_roles", None)
    return bool(deleted)


@transaction.atomic
def roles_set(*, actor: User, user: User, roles: list[str], request=None) -> None:
    """Make ``user``'s roles exactly ``roles``, recording each change."""
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ApplicationError(f"Unknown role(s): {', '.join(sorted(unknown))}.")
    current = set(user.role_assignments.values_list("role", flat=True))
    for role in sorted(set(roles) - current):
        role_grant(actor=actor, user=user, role=role, request=request)
    for role in sorted(current - set(roles)):
        role_revoke(actor=actor, user=user, role=role, request=request)


# --- invitations and sign-up ---------------------------------------------------------


def _absolute(path: str) -> str:
    from upward.web.core.links import absolute_url

    return absolute_url(path)


@transaction.atomic
def invitation_create(
    *, actor: User, email: str, roles: list[str] | None = None, request=None
) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns the invitation and the link."""
    from upward.web.accounts.selectors import invitable_roles

    email = User.objects.normalize_email(email.strip()).lower()
    roles = sorted(set(roles or [Role.MEMBER.value]))
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ApplicationError(f"Unknown role(s): {', '.join(sorted(unknown))}.")
    if set(roles) - set(invitable_roles(actor)):
        raise ApplicationError("Network leads can invite members only; ask an administrator.",
                               status=403)
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(f"{email} already has an account.", field="email")
    secret = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        token_hash=_sha256(secret),
        roles=roles,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.UPWARD_INVITATION_DAYS),
    )
    try:
        invitation.full_clean()
    except ValidationError as error:
        raise ApplicationError(_validation_message(error), field="email") from error
    invitation.save()
    audit_record(actor=actor, action="invitation.create", target=invitation,
                 detail={"roles": roles}, request=request)
    link = _absolute(reverse("accounts:invitation_accept", args=[secret]))
    organisation = settings.UPWARD_ORGANISATION_NAME
    send_email_later(
        subject=f"You are invited to join {organisation} on Upward",
        body=f"{actor.display_name} has invited you to join {organisation} on Upward.\n\n"
             f"Accept the invitation here (valid for {settings.UPWARD_INVITATION_DAYS} days):\n"
             f"{link}\n",
        to=email,
    )
    return invitation, link


def invitation_for_token(*, token: str) -> Invitation:
    """The pending invitation behind a link's secret, or a clear error."""
    invitation = Invitation.objects.filter(token_hash=_sha256(token)).first()
    if invitation is None:
        raise ApplicationError(
            "This invitation link is not valid. Check that you copied the whole link, "
            "or ask the person who invited you to send a new one.",
            status=404,
        )
    if invitation.status != "pending":
        raise ApplicationError(
            f"This invitation has been {invitation.status}. "
            "Ask the person who invited you to send a new one, or sign in if you already joined.",
            status=410,
        )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation, request=None) -> None:
    """Revoke a pending invitation the actor could have issued (a network lead cannot
    revoke an administrator's invitation for elevated roles)."""
    from upward.web.accounts.selectors import invitations_visible_to

    if not invitations_visible_to(viewer=actor).filter(pk=invitation.pk).exists():
        raise ApplicationError("That invitation does not exist.", status=404)
    if invitation.status != "pending":
        raise ApplicationError(f"This invitation is already {invitation.status}.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="invitation.revoke", target=invitation, request=request)


def _validate_password(password: str, user: User | None = None) -> None:
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages), field="password") from error


def _validate_display_name(display_name: str) -> str:
    display_name = " ".join(display_name.split())
    if not display_name:
        raise ApplicationError("Display name: enter the name people will know you by.",
                               field="display_name")
    if len(display_name) > 80:
        raise ApplicationError("Display name: use at most 80 characters.", field="display_name")
    return display_name


@transaction.atomic
def invitation_accept(*, token: str, display_name: str, password: str, request=None) -> User:
    invitation = invitation_for_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise ApplicationError("This invitation has just been used.", status=410)
    display_name = _validate_display_name(display_name)
    candidate = User(email=invitation.email)
    _validate_password(password, candidate)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ApplicationError(f"{invitation.email} already has an account: sign in instead.")
    user = User.objects.create_user(invitation.email, password)
    profile_ensure(user=user, display_name=display_name)
    for role in invitation.roles:
        role_grant(actor=invitation.invited_by, user=user, role=role, request=request)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(actor=user, action="invitation.accept", target=invitation, request=request)
    return user


@transaction.atomic
def signup_by_domain(*, email: str, display_name: str, password: str, request=None) -> None:
    """Start sign-up for an address at an allowed domain: the account waits, inactive,
    until the person follows the emailed activation link.

    Says nothing about whether the address already has an account (the email
    tells the owner instead), so the form cannot be used to discover members.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    if "@" not in email or not email_domain_allowed(email):
        allowed = ", ".join(settings.UPWARD_ALLOWED_EMAIL_DOMAINS) or "none configured"
        raise ApplicationError(
            f"Sign-up is open to work addresses at: {allowed}. Otherwise ask a network lead "
            "for an invitation.",
            field="email",
        )
    display_name = _validate_display_name(display_name)
    # The password is judged, and hashed once, whether or not the address has an account:
    # an answer or a delay that differed would tell who has one.
    _validate_password(password, User(email=email))
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and existing.is_active:
        make_password(password)  # the work of creating an account, done for nothing
        send_email_later(
            subject="You already have an Upward account",
            body="Someone (probably you) tried to sign up with this address. You already have "
                 "an account: sign in, or reset your password if you have forgotten it.\n",
            to=email,
        )
        return
    if existing is None:
        user = User.objects.create_user(email, password, is_active=False)
        profile_ensure(user=user, display_name=display_name)
    else:
        user = existing
        user.set_password(password)
        user.save(update_fields=["password"])
        profile_update(profile=profile_ensure(user=user), display_name=display_name)
    token = signing.dumps({"u": user.pk, "e": email}, salt=ACTIVATION_SALT)
    link = _absolute(reverse("accounts:activate", args=[token]))
    send_email_later(
        subject="Confirm your Upward account",
        body=f"Follow this link within three days to confirm your address and join:\n{link}\n",
        to=email,
    )


@transaction.atomic
def signup_activate(*, token: str, request=None) -> User:
    try:
        data = signing.loads(token, salt=ACTIVATION_SALT, max_age=ACTIVATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ApplicationError("This confirmation link has expired: sign up again.",
                               status=410) from error
    except signing.BadSignature as error:
        raise ApplicationError(
            "This confirmation link is not valid. Check that you copied the whole link.",
            status=404,
        ) from error
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise ApplicationError("This confirmation link is no longer valid: sign up again.",
                               status=410)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        role_grant(actor=None, user=user, role=Role.MEMBER, request=request)
    return user


# --- sign-in throttling ------------------------------------------------------------------
# Counting failures and refusing locked sign-ins is django-axes' work
# (upward.web.accounts.throttling); the audit log records each lockout here.


def login_lockout_record(*, email: str, failures: int, request=None) -> None:
    """Record that sign-in for ``email`` from this client has just been locked."""
    audit_record(actor=None, action="account.lockout", object_type="email",
                 object_label=email, detail={"failures": failures}, request=request)


# --- password reset -----------------------------------------------------------------------

PASSWORD_RESETS_PER_ADDRESS = 3
PASSWORD_RESETS_PER_CLIENT = 10
PASSWORD_RESET_WINDOW = timedelta(hours=1)


def password_reset_allow(*, email: str, ip_address: str | None) -> None:
    """Count a request for a reset email; refuse it past the limits, per address asked
    about and per client, within an hour.

    Requests count whether or not the address has an account, so being refused says
    nothing about who has one.
    """
    from upward.web.core.throttle import throttle_take

    email = email.strip().lower()
    if not throttle_take(scope="password_reset",
                         limits=[(f"email:{email}", PASSWORD_RESETS_PER_ADDRESS),
                                 (f"ip:{ip_address}" if ip_address else None,
                                  PASSWORD_RESETS_PER_CLIENT)],
                         window=PASSWORD_RESET_WINDOW):
        raise ApplicationError(
            "Too many reset emails have been asked for recently, for this address or from "
            "your connection, so none was sent this time. If an earlier one arrived, its "
            "link still works (check your spam folder too); otherwise try again in an hour.",
            status=429, field="email",
        )


def password_reset_request(*, email: str, ip_address: str | None) -> None:
    """Ask for a reset email for ``email``: counted (:func:`password_reset_allow`), then
    queued for the worker, which looks the address up.

    The request does the same work whether or not the address has an account: finding
    the account, making the link and sending the email all happen in the worker.
    """
    password_reset_allow(email=email, ip_address=ip_address)
    password_reset_email_send.enqueue(email=email.strip())


@task()
def password_reset_email_send(*, email: str) -> None:
    """Email a one-use reset link to the active account with this address, if any."""
    from django.contrib.auth.forms import PasswordResetForm

    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    form.save(
        # The link starts with UPWARD_SITE_URL (the template), never a request's Host.
        domain_override=settings.UPWARD_SITE_URL,
        subject_template_name="accounts/email/password_reset_subject.txt",
        email_template_name="accounts/email/password_reset.txt",
        extra_email_context={"site_url": settings.UPWARD_SITE_URL.rstrip("/")},
    )


# --- API tokens -------------------------------------------------------------------------


@transaction.atomic
def token_create(*, user: User, name: str, days: int | None = 90, scope: str = TokenScope.READ,
                 request=None) -> tuple[AccessToken, str]:
    """Create a personal access token; the secret is returned once and never stored.

    ``scope`` is "read" (the default: GET only) or "write" (may also change things).
    """
    name = " ".join(name.split())
    if not name:
        raise ApplicationError("Token name: say what the token is for.", field="name")
    if len(name) > 80:
        raise ApplicationError("Token name: use at most 80 characters.", field="name")
    if days is not None and not 1 <= days <= 366:
        raise ApplicationError("Expiry: choose between 1 and 366 days, or no expiry.",
                               field="days")
    if scope not in TokenScope.values:
        raise ApplicationError(
            f"Scope: choose {' or '.join(TokenScope.values)}, not {scope!r}.", field="scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        token_hash=_sha256(secret),
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    audit_record(actor=user, action="token.create", target=token, detail={"scope": scope},
                 request=request)
    return token, secret


@transaction.atomic
def token_revoke(*, user: User, token_id: int, request=None) -> None:
    token = AccessToken.objects.filter(user=user, pk=token_id, revoked_at=None).first()
    if token is None:
        raise ApplicationError("That token does not exist or is already revoked.", status=404)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, action="token.revoke", target=token, request=request)


def token_authenticate(*, secret: str) -> AccessToken | None:
    """The usable token behind a secret (its active user loaded), or None. Records when it
    was last used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(token_hash=_sha256(secret), revoked_at=None)
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# --- personal data ------------------------------------------------------------------------

# Each app adds a section to "download my data": name → function(user) → JSON-able data.
PERSONAL_DATA_SECTIONS: dict[str, Callable[[User], Any]] = {}


def personal_data_section(name: str):
    def register(function: Callable[[User], Any]):
        PERSONAL_DATA_SECTIONS[name] = function
        return function

    return register


@personal_data_section("account")
def _account_section(user: User) -> dict:
    return {
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "roles": sorted(user.role_assignments.values_list("role", flat=True)),
    }


@personal_data_section("profile")
def _profile_section(user: User) -> dict:
    profile = profile_ensure(user=user)
    return {
        "display_name": profile.display_name,
        "pronouns": profile.pronouns,
        "job_title": profile.job_title,
        "team": profile.team,
        "location": profile.location,
        "bio": profile.bio,
        "ask_me_about": profile.ask_me_about,
        "visibility": profile.visibility,
        "career": [
            {
                "title": e.title,
                "organisation": e.organisation,
                "start_year": e.start_year,
                "end_year": e.end_year,
                "description": e.description,
            }
            for e in profile.career.all()
        ],
    }


@personal_data_section("api_tokens")
def _tokens_section(user: User) -> list:
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "scope": t.scope,
            "created_at": t.created_at.isoformat(),
            "expires_at": t.expires_at.isoformat() if t.expires_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in user.access_tokens.all()
    ]


@personal_data_section("actions_you_took")
def _audit_section(user: User) -> list:
    from upward.web.core.models import AuditEntry

    return [
        {"at": e.at.isoformat(), "action": e.action, "object": e.object_label}
        for e in AuditEntry.objects.filter(actor_id=user.pk)
    ]


def personal_data_export(*, user: User, request=None) -> dict:
    """Everything Upward holds about ``user``, as JSON-able data."""
    data = {name: section(user) for name, section in PERSONAL_DATA_SECTIONS.items()}
    data["exported_at"] = timezone.now().isoformat()
    audit_record(actor=user, action="account.export", target=user, request=request)
    return data


# Apps that keep content a person may choose to leave behind anonymised register here.
ACCOUNT_ERASERS: list[Callable[[User], None]] = []


@transaction.atomic
def account_delete(*, user: User, password: str, request=None) -> None:
    """Erase the account and everything that belongs to it, after checking the password."""
    if not user.has_usable_password() or not user.check_password(password):
        raise ApplicationError("Password: that is not your current password.", field="password")
    if RoleAssignment.objects.filter(role=Role.ADMIN, user__is_active=True).exclude(
        user=user
    ).count() == 0 and RoleAssignment.objects.filter(role=Role.ADMIN, user=user).exists():
        raise ApplicationError(
            "You are the last administrator: make someone else an administrator first."
        )
    for erase in ACCOUNT_ERASERS:
        erase(user)
    # The entry keeps the account's id but not its address: the person asked to be erased.
    audit_record(actor=user, action="account.delete", object_type="accounts.user",
                 object_id=user.pk, object_label="(deleted account)",
                 actor_label=f"deleted account #{user.pk}", request=request)
    user.delete()

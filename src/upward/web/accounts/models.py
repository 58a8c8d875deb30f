"""People: users keyed by email, roles, profiles, invitations and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from upward.web.core.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str):
        # Addresses are kept lower-case, but one made elsewhere (single sign-on) may not be.
        return self.get(email__iexact=email)

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can sign in. Their public face is their :class:`Profile`."""

    email = models.EmailField(_("email address"), unique=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:  # used by Django internals only; Upward has no Django admin
        return False

    @property
    def display_name(self) -> str:
        if "profile" not in self._state.fields_cache and "_upward_display_name" in self.__dict__:
            # Loaded with the request's user (upward.web.accounts.viewer): None, no profile.
            name = self.__dict__["_upward_display_name"]
            return name if name is not None else self.email.split("@")[0]
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else self.email.split("@")[0]


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_assignment_per_role")
        ]
        ordering = ["role"]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display()}"


class Visibility(models.TextChoices):
    ONLY_ME = "only_me", _("Only me")
    NETWORK = "network", _("Network members")
    ORGANISATION = "organisation", _("Everyone signed in")


# Profile fields whose visibility each person chooses. Display name is always
# shown to signed-in people: it is how others recognise you.
VISIBLE_FIELDS: dict[str, str] = {
    "pronouns": "Pronouns",
    "job_title": "Job title",
    "team": "Team",
    "location": "Location",
    "bio": "About me",
    "career": "Career timeline",
    "ask_me_about": "Ask me about",
}
DEFAULT_VISIBILITY: dict[str, str] = {
    "pronouns": Visibility.NETWORK,
    "job_title": Visibility.ORGANISATION,
    "team": Visibility.ORGANISATION,
    "location": Visibility.NETWORK,
    "bio": Visibility.NETWORK,
    "career": Visibility.NETWORK,
    "ask_me_about": Visibility.NETWORK,
}

MAX_BIO = 2000
MAX_TOPICS = 10
MAX_TOPIC_LENGTH = 40


def default_visibility() -> dict[str, str]:
    return {key: str(value) for key, value in DEFAULT_VISIBILITY.items()}


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=80)
    pronouns = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=100, blank=True)
    team = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=100, blank=True)
    bio = models.TextField(max_length=MAX_BIO, blank=True, validators=[MaxLengthValidator(MAX_BIO)])
    ask_me_about = models.JSONField(default=list, blank=True)
    visibility = models.JSONField(default=default_visibility, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def visibility_of(self, field: str) -> str:
        return self.visibility.get(field, DEFAULT_VISIBILITY[field])


class CareerEntry(models.Model):
    """One step in a career timeline: a role held, from a year to a year (or now)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="career")
    title = models.CharField(max_length=100)
    organisation = models.CharField(max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1940), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1940), MaxValueValidator(2100)]
    )
    description = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-start_year", "-id"]
        verbose_name_plural = "career entries"

    def __str__(self) -> str:
        until = self.end_year or "now"
        return f"{self.title} ({self.start_year}–{until})"


class Invitation(models.Model):
    """A single-use link that lets one email address join with the given roles.

    Only a SHA-256 hash of the link's secret is stored.
    """

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    roles = models.JSONField(default=list)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class AccessToken(models.Model):
    """A personal access token for the API. Only its SHA-256 hash is stored.

    A read token may only GET (and HEAD/OPTIONS); a write token may also change things.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=80)
    scope = models.CharField(max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

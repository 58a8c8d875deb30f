"""API: the signed-in person's own profile."""

from __future__ import annotations

from ninja import Router, Schema
from pydantic import ConfigDict, Field

from upward.web.accounts import services
from upward.web.accounts.models import MAX_BIO, MAX_TOPIC_LENGTH, MAX_TOPICS, Visibility
from upward.web.core.permissions import user_roles

router = Router(tags=["me"])


class CareerEntryOut(Schema):
    title: str
    organisation: str
    start_year: int
    end_year: int | None
    description: str


class MeOut(Schema):
    id: int
    email: str
    roles: list[str]
    display_name: str
    pronouns: str
    job_title: str
    team: str
    location: str
    bio: str
    ask_me_about: list[str]
    visibility: dict[str, Visibility]
    career: list[CareerEntryOut]


class MeUpdate(Schema):
    model_config = ConfigDict(extra="forbid")

    display_name: str | None = Field(None, min_length=1, max_length=80)
    pronouns: str | None = Field(None, max_length=40)
    job_title: str | None = Field(None, max_length=100)
    team: str | None = Field(None, max_length=100)
    location: str | None = Field(None, max_length=100)
    bio: str | None = Field(None, max_length=MAX_BIO)
    ask_me_about: list[str] | None = Field(None, max_length=MAX_TOPICS)
    visibility: dict[str, Visibility] | None = None


def _me(user) -> dict:
    profile = services.profile_ensure(user=user)
    return {
        "id": user.pk,
        "email": user.email,
        "roles": sorted(user_roles(user)),
        "display_name": profile.display_name,
        "pronouns": profile.pronouns,
        "job_title": profile.job_title,
        "team": profile.team,
        "location": profile.location,
        "bio": profile.bio,
        "ask_me_about": profile.ask_me_about,
        "visibility": profile.visibility,
        "career": list(profile.career.all()),
    }


@router.get("/me", response=MeOut, summary="Your profile")
def me_read(request):
    return _me(request.auth)


@router.patch("/me", response=MeOut, summary="Update your profile",
              description=f"Send only the fields to change. Topics: at most {MAX_TOPICS}, "
                          f"each at most {MAX_TOPIC_LENGTH} characters.")
def me_update(request, payload: MeUpdate):
    changes = payload.model_dump(exclude_unset=True)
    changes = {key: value for key, value in changes.items() if value is not None}
    if "visibility" in changes:
        changes["visibility"] = {k: str(v.value) for k, v in payload.visibility.items()}
    services.profile_update(profile=services.profile_ensure(user=request.auth), **changes)
    return _me(request.auth)

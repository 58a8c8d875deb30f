"""A nudge on the signed-in home page while someone's profile is empty (registered from
``AccountsConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse

from upward.web.accounts.services import profile_ensure
from upward.web.core.home import HomeLink, HomePanel, home_panel


@home_panel("accounts.profile", order=5)
def empty_profile(viewer) -> HomePanel | None:
    profile = profile_ensure(user=viewer)
    if profile.bio or profile.job_title:
        return None
    return HomePanel(
        title="Your profile is empty",
        summary="Add your job, your story so far and what people can ask you about — you "
                "choose who sees each part.",
        actions=[HomeLink("Fill in your profile", reverse("accounts:profile_edit"))])

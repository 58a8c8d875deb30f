"""The honest notice shown to a story's author: exactly who can see what.

Consent rests on people knowing what they agree to (storytelling practice:
tiered, revocable, honest about anonymity), so the notice names every group
that can read the story and every place the author's identity is or is not
shown, including the limits of anonymity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from upward.web.community.models import Audience


@dataclass(frozen=True)
class AudienceSizes:
    network: int
    organisation: int


def who_can_read(audience: str, sizes: AudienceSizes, organisation: str) -> list[str]:
    if audience == Audience.NETWORK:
        return [f"Members of the network ({sizes.network:,} people) can read it, and "
                "comment on and react to it."]
    if audience == Audience.ORGANISATION:
        return [f"Everyone at {organisation} with an Upward account ({sizes.organisation:,} "
                "people) can read it, comment on it and react to it."]
    return [
        f"Until a network lead approves a public page, everyone at {organisation} with an "
        f"Upward account ({sizes.organisation:,} people) can read it.",
        "Once a lead approves it, anyone on the internet can read it at a public address "
        "and in our public Atom feed, and search engines may list it. If you withdraw it "
        "later, the page goes at once, but copies other people or sites made may remain.",
        "On the public page, a colleague you @mention is shown as “a colleague”: "
        "their name and address stay inside the organisation.",
    ]


def who_sees_your_name(anonymous: bool, include_timeline: bool) -> list[str]:
    if not anonymous:
        lines = ["Your name is shown with the story and links to your profile. Reactions, "
                 "comments and shares tell you who they came from."]
        if include_timeline:
            lines.append("Your career timeline from your profile is shown with the story to "
                         "everyone who can read it, whatever your profile settings say.")
        return lines
    return [
        "Your name is not shown to anyone: not to readers, and not to moderators, network "
        "leads or administrators — not on the page, in search, notifications, feeds, the "
        "edit history, the moderation queue or anyone else's data download.",
        "A moderator reads the story before it appears (and again after each edit).",
        "Upward keeps a private link between you and the story so that only you can edit, "
        "withdraw or delete it; it appears only in your own data download. The people who "
        "run Upward's database could in principle read that link.",
        "What you write can still identify you to people who know you: places, dates, job "
        "titles and events. Read your story with that in mind before you submit it.",
    ]


def story_notice(*, anonymous: bool, audience: str, include_timeline: bool,
                 embargo_until: datetime | None, sizes: AudienceSizes,
                 organisation: str) -> list[str]:
    lines = who_can_read(audience, sizes, organisation)
    lines += who_sees_your_name(anonymous, include_timeline)
    if embargo_until is not None and embargo_until > timezone.now():
        when = date_format(timezone.localtime(embargo_until), "j F Y, H:i")
        lines.append(f"Nobody else sees it before {when}, even once it is approved.")
    lines.append("Moderators and network leads can read every story in order to keep the "
                 "network safe; they can hide one, or edit it with a reason you will see.")
    lines.append("You can edit or withdraw your story at any time, and withdrawing "
                 "unpublishes it at once. Drafts are seen by nobody but you.")
    return lines

"""Asking a member for a conversation, and answering.

The sender's side never depends on anything the recipient keeps private: a recipient
who mutes the sender is simply not told (``notify`` drops it, and their list leaves it
out), and the sender sees "waiting for an answer", as for anyone who has not answered.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from upward.web.community.access import is_network_member
from upward.web.community.models import (
    MAX_CONVERSATION_MESSAGE,
    ConversationRequest,
    ConversationState,
    NotificationKind,
)
from upward.web.community.selectors.conversations import (
    ASK_AGAIN_AFTER,
    conversation_get_for_party,
    conversation_last_asked,
)
from upward.web.community.services.notifications import notify
from upward.web.community.services.posting import ensure_can_take_part
from upward.web.core.errors import ApplicationError
from upward.web.core.throttle import throttle_take

ASKS_PER_DAY = 5


def _message(text: str, *, what: str, field: str, required: bool = False) -> str:
    text = (text or "").strip() if isinstance(text, str) else ""
    if required and not text:
        raise ApplicationError(f"{what}: write something first.", field=field)
    if len(text) > MAX_CONVERSATION_MESSAGE:
        raise ApplicationError(f"{what}: use at most {MAX_CONVERSATION_MESSAGE} characters "
                               f"(this has {len(text):,}).", field=field)
    return text


def _quoted(text: str) -> str:
    short = " ".join(text.split())
    return f": “{short[:117]}…”" if len(short) > 120 else (f": “{short}”" if short else "")


def _day(when) -> str:
    return date_format(timezone.localtime(when), "j F Y")


@transaction.atomic
def conversation_request(*, actor, recipient, message: str = "") -> ConversationRequest:
    """Ask ``recipient`` (a network member) for a conversation, with an optional message.
    At most ``ASKS_PER_DAY`` requests a day, and one to the same person a month."""
    ensure_can_take_part(actor)
    if not is_network_member(actor):
        raise ApplicationError("Only network members can ask for a conversation.", status=403)
    if recipient is None or not recipient.is_active or not is_network_member(recipient):
        raise ApplicationError("That person does not exist.", status=404)
    if recipient.pk == actor.pk:
        raise ApplicationError("You cannot ask yourself for a conversation.")
    message = _message(message, what="Message", field="message")
    earlier = conversation_last_asked(viewer=actor, recipient_id=recipient.pk)
    if earlier is not None:
        raise ApplicationError(
            f"You asked {recipient.display_name} on {_day(earlier.created_at)}. You can ask "
            f"them again from {_day(earlier.created_at + ASK_AGAIN_AFTER)}.")
    if not throttle_take(scope="community.conversation", limits=[(str(actor.pk), ASKS_PER_DAY)],
                         window=timedelta(days=1)):
        raise ApplicationError(
            f"You can ask for {ASKS_PER_DAY} conversations a day. Try again tomorrow; "
            "nothing was sent.", status=429)
    asked = ConversationRequest(sender=actor, recipient=recipient, message=message)
    asked.full_clean()
    asked.save()
    notify(recipient=recipient, kind=NotificationKind.CONVERSATION, sender=actor,
           text=f"{actor.display_name} asked you for a conversation{_quoted(message)}",
           url=reverse("community:conversation", args=[asked.pk]))
    return asked


@transaction.atomic
def conversation_answer(*, actor, request_id: int, accept: bool,
                        answer: str = "") -> ConversationRequest:
    """Reply to a request made of ``actor`` (say when and how to meet) or decline it
    (with an optional note). The sender is told either way."""
    asked = conversation_get_for_party(viewer=actor, pk=request_id)
    if asked.recipient_id != actor.pk:
        raise ApplicationError("Only the person asked can answer.", status=403)
    if asked.state != ConversationState.WAITING:
        raise ApplicationError("You have already answered this request.")
    answer = _message(answer, what="Reply" if accept else "Note", field="answer",
                      required=accept)
    asked = ConversationRequest.objects.select_for_update().get(pk=asked.pk)
    asked.state = ConversationState.REPLIED if accept else ConversationState.DECLINED
    asked.answer = answer
    asked.answered_at = timezone.now()
    asked.full_clean()
    asked.save()
    did = "replied to" if accept else "declined"
    notify(recipient=asked.sender, kind=NotificationKind.CONVERSATION, sender=actor,
           text=f"{actor.display_name} {did} your request for a conversation{_quoted(answer)}",
           url=reverse("community:conversation", args=[asked.pk]))
    return asked

"""Requests for a conversation, as each of the two people sees them."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from upward.web.community.access import is_signed_in
from upward.web.community.models import ConversationRequest, ConversationState, Mute

# One request to the same person at a time: they can be asked again this long after.
ASK_AGAIN_AFTER = timedelta(days=30)


def _loaded(requests: QuerySet[ConversationRequest]) -> QuerySet[ConversationRequest]:
    return requests.select_related("sender__profile", "recipient__profile")


def conversations_received(*, viewer) -> QuerySet[ConversationRequest]:
    """Requests made of ``viewer``; not those from people they mute (they do not hear
    from them), unless they answered them already."""
    if not is_signed_in(viewer):
        return ConversationRequest.objects.none()
    muted = Mute.objects.filter(user=viewer).values("muted_id")
    return _loaded(ConversationRequest.objects.filter(recipient=viewer).exclude(
        sender_id__in=muted, state=ConversationState.WAITING))


def conversations_sent(*, viewer) -> QuerySet[ConversationRequest]:
    if not is_signed_in(viewer):
        return ConversationRequest.objects.none()
    return _loaded(ConversationRequest.objects.filter(sender=viewer))


def conversation_get_for_party(*, viewer, pk: int) -> ConversationRequest:
    """The request if ``viewer`` made it or may see it made of them; 404 otherwise."""
    found = conversations_sent(viewer=viewer).filter(pk=pk).first() or \
        conversations_received(viewer=viewer).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request.")
    return found


def conversation_last_asked(*, viewer, recipient_id: int) -> ConversationRequest | None:
    """``viewer``'s latest request to this person within ``ASK_AGAIN_AFTER``, if any
    (until then they cannot ask again). Depends on nothing the recipient keeps private."""
    if not is_signed_in(viewer):
        return None
    return conversations_sent(viewer=viewer).filter(
        recipient_id=recipient_id,
        created_at__gt=timezone.now() - ASK_AGAIN_AFTER).first()

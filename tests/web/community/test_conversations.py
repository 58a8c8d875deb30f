"""Asking a member for a conversation: notifying, preferences, limits, answers, privacy."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from upward.web.community import services
from upward.web.community.models import ConversationRequest, ConversationState, NotificationKind
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def _ask_page(client, profile, message="Could we talk about apprenticeships?"):
    return client.post(reverse("community:conversation_ask", args=[profile.pk]),
                       {"message": message})


def test_asking_notifies_the_person_and_emails_them_at_once(
        personas, client_for, django_capture_on_commit_callbacks):
    member, lead = personas["member"], personas["lead"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_page(client_for(member), lead.profile)
    assert response.status_code == 302 and response.url == reverse("community:conversations")
    asked = ConversationRequest.objects.get()
    assert (asked.sender, asked.recipient, asked.state) == (member, lead, "waiting")
    note = Notification.objects.get(recipient=lead)
    assert note.kind == NotificationKind.CONVERSATION and note.sender == member
    assert note.text == ("Member Persona asked you for a conversation: "
                         "“Could we talk about apprenticeships?”")
    assert note.url == reverse("community:conversation", args=[asked.pk])
    assert [m.to for m in mail.outbox] == [[lead.email]]


def test_the_persons_email_preference_is_respected(personas,
                                                   django_capture_on_commit_callbacks):
    member, lead = personas["member"], personas["lead"]
    services.member_settings_update(user=lead, email_mentions=True, email_replies=True,
                                    email_conversations=False, weekly_digest=True,
                                    on_account_deletion="erase")
    with django_capture_on_commit_callbacks(execute=True):
        services.conversation_request(actor=member, recipient=lead, message="")
    assert Notification.objects.filter(recipient=lead).exists()
    assert not mail.outbox


def test_the_settings_page_turns_conversation_emails_off(personas, client_for):
    from upward.web.community.selectors.notifications import community_settings

    lead = personas["lead"]
    assert community_settings(viewer=lead).email_conversations
    client_for(lead).post(reverse("community:settings"), {
        "email_mentions": "on", "email_replies": "on", "weekly_digest": "on",
        "on_account_deletion": "erase"})
    assert not community_settings(viewer=lead).email_conversations


def test_nobody_asks_themselves(personas, client_for):
    member = personas["member"]
    with pytest.raises(ApplicationError, match="cannot ask yourself"):
        services.conversation_request(actor=member, recipient=member)
    response = _ask_page(client_for(member), member.profile)
    assert response.status_code == 400
    assert "You cannot ask yourself for a conversation." in response.content.decode()
    assert not ConversationRequest.objects.exists()


def test_only_network_members_ask_and_are_asked(personas, client_for):
    member, analyst = personas["member"], personas["analyst"]
    with pytest.raises(ApplicationError, match="does not exist"):
        services.conversation_request(actor=member, recipient=analyst)
    with pytest.raises(ApplicationError, match="Only network members"):
        services.conversation_request(actor=analyst, recipient=member)
    assert _ask_page(client_for(member), analyst.profile).status_code == 404
    assert _ask_page(client_for(analyst), member.profile).status_code == 403
    assert not ConversationRequest.objects.exists()


def test_a_long_message_is_refused_and_nothing_is_sent(personas, client_for):
    response = _ask_page(client_for(personas["member"]), personas["lead"].profile, "x" * 501)
    assert response.status_code == 400
    assert not ConversationRequest.objects.exists() and not Notification.objects.exists()


def test_one_request_to_the_same_person_a_month(personas):
    member, lead = personas["member"], personas["lead"]
    services.conversation_request(actor=member, recipient=lead)
    with pytest.raises(ApplicationError, match="You asked Lead Persona on .* You can ask them "
                                               "again from"):
        services.conversation_request(actor=member, recipient=lead)
    assert ConversationRequest.objects.count() == 1


def test_requests_are_rate_limited(personas):
    member = personas["member"]
    people = [person(roles=["member"]) for _ in range(6)]
    for someone in people[:5]:
        services.conversation_request(actor=member, recipient=someone)
    with pytest.raises(ApplicationError, match="5 conversations a day") as raised:
        services.conversation_request(actor=member, recipient=people[5])
    assert raised.value.status == 429
    assert ConversationRequest.objects.count() == 5
    assert not Notification.objects.filter(recipient=people[5]).exists()


def test_the_sender_cannot_tell_whether_they_are_muted(client_for):
    import re

    pages = {}
    for muted in (False, True):
        sender = person(roles=["member"], display_name=f"Sender {muted}")
        someone = person(roles=["member"], display_name=f"Asked {muted}")
        services.mute_set(actor=someone, member=sender, muted=muted)
        client = client_for(sender)
        response = _ask_page(client, someone.profile, "Hello")
        assert response.status_code == 302
        followed = client.get(response.url).content.decode()
        asked = ConversationRequest.objects.get(recipient=someone)
        detail = client.get(reverse("community:conversation", args=[asked.pk])).content.decode()
        profile = client.get(reverse("accounts:person", args=[someone.profile.pk])
                             ).content.decode()
        profile = "<main" + profile[profile.index('<section class="card card--panel" '
                                                   'aria-labelledby="conversation-heading"'):]
        pages[muted] = [
            re.sub(r'value="\w{20,}"', "", page.split("<main")[1])
            .replace(someone.display_name, "NAME").replace(sender.display_name, "ME")
            .replace(f"/{asked.pk}/", "/ID/").replace(f"/{someone.profile.pk}/", "/PID/")
            for page in (followed, detail, profile)]
        # Only the person who mutes the sender hears nothing and does not see the request.
        assert Notification.objects.filter(recipient=someone).exists() is not muted
        assert client_for(someone).get(reverse("community:conversation", args=[asked.pk])
                                       ).status_code == (404 if muted else 200)
        listed = client_for(someone).get(reverse("community:conversations")).content.decode()
        assert (sender.display_name in listed) is not muted
    assert pages[False] == pages[True]


def test_the_person_replies_and_the_sender_is_told(personas, client_for):
    member, lead = personas["member"], personas["lead"]
    asked = services.conversation_request(actor=member, recipient=lead, message="Hi")
    url = reverse("community:conversation", args=[asked.pk])
    page = client_for(lead).get(url).content.decode()
    assert "Send your reply" in page and "Decline" in page
    assert "Send your reply" not in client_for(member).get(url).content.decode()
    empty = client_for(lead).post(url, {"decision": "reply", "answer": " "})
    assert empty.status_code == 400
    response = client_for(lead).post(url, {"decision": "reply",
                                           "answer": "Coffee on Thursday?"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.state == ConversationState.REPLIED and asked.answer == "Coffee on Thursday?"
    note = Notification.objects.get(recipient=member)
    assert note.text == ("Lead Persona replied to your request for a conversation: "
                         "“Coffee on Thursday?”")
    assert "Coffee on Thursday?" in client_for(member).get(url).content.decode()
    again = client_for(lead).post(url, {"decision": "decline"})
    assert again.status_code == 400 and "already answered" in again.content.decode()


def test_the_person_declines_with_an_optional_note(personas, client_for):
    member, lead = personas["member"], personas["lead"]
    asked = services.conversation_request(actor=member, recipient=lead)
    url = reverse("community:conversation", args=[asked.pk])
    assert client_for(lead).post(url, {"decision": "decline"}).status_code == 302
    asked.refresh_from_db()
    assert asked.state == ConversationState.DECLINED and asked.answer == ""
    assert Notification.objects.get(recipient=member).text == (
        "Lead Persona declined your request for a conversation")


def test_only_the_two_people_see_a_request_and_only_the_person_asked_answers(personas,
                                                                              client_for):
    member, lead, moderator = personas["member"], personas["lead"], personas["moderator"]
    asked = services.conversation_request(actor=member, recipient=lead)
    url = reverse("community:conversation", args=[asked.pk])
    assert client_for(moderator).get(url).status_code == 404
    assert client_for(moderator).post(url, {"decision": "decline"}).status_code == 404
    response = client_for(member).post(url, {"decision": "reply", "answer": "Me!"})
    assert response.status_code == 400 and "Only the person asked" in response.content.decode()
    asked.refresh_from_db()
    assert asked.state == ConversationState.WAITING


def test_the_profile_offers_to_ask_and_then_shows_the_request(personas, client_for):
    member, lead = personas["member"], personas["lead"]
    profile_url = reverse("accounts:person", args=[lead.profile.pk])
    ask_url = reverse("community:conversation_ask", args=[lead.profile.pk])
    assert ask_url in client_for(member).get(profile_url).content.decode()
    own = client_for(lead).get(profile_url).content.decode()
    assert "Ask for a conversation" not in own
    services.conversation_request(actor=member, recipient=lead)
    page = client_for(member).get(profile_url).content.decode()
    assert ask_url not in page and "See your request" in page


def test_requests_are_in_the_download_and_erased_with_the_account(personas):
    from upward.web.community.personal_data import community_section

    member, lead = personas["member"], personas["lead"]
    services.conversation_request(actor=member, recipient=lead, message="Hi")
    mine = community_section(member)["conversation_requests"]
    assert mine["you_asked"][0]["asked"] == "Lead Persona" and mine["asked_of_you"] == []
    assert community_section(lead)["conversation_requests"]["asked_of_you"][0]["message"] == "Hi"
    member.delete()
    assert not ConversationRequest.objects.exists()

"""Pages: bad input gets a clear message and changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from upward.web.accounts.models import Profile, User
from upward.web.accounts.services import invitation_create, token_create

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def _sign_in(client, email, password):
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


def test_sign_in_and_out(client, member):
    response = _sign_in(client, member.email, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Welcome, Member Persona" in client.get("/").content.decode()
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:me")).status_code == 302


def test_wrong_sign_in_is_explained_and_changes_nothing(client, member):
    response = _sign_in(client, member.email, "not the password")
    assert response.status_code == 400
    assert "do not match an account" in response.content.decode()
    assert client.get(reverse("accounts:me")).status_code == 302  # still signed out
    unknown = _sign_in(client, "nobody@northbridge.example", "whatever it is")
    assert "do not match an account" in unknown.content.decode()  # same words: no enumeration


def test_sign_in_locks_after_repeated_failures_even_with_the_right_password(client, member,
                                                                            settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _sign_in(client, member.email, "guess")
    response = _sign_in(client, member.email, PASSWORD)
    assert response.status_code == 400
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get(reverse("accounts:me")).status_code == 302


def test_open_redirect_after_sign_in_is_refused(client, member):
    response = client.post(reverse("accounts:login"),
                           {"email": member.email, "password": PASSWORD,
                            "next": "https://evil.example/steal"})
    assert response["Location"] == "/"


def test_sign_out_needs_post(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("accounts:me")).status_code == 200


def test_tampered_invitation_link_gets_a_clear_page(client, admin):
    _, link = invitation_create(actor=admin, email="new@northbridge.example")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    response = client.get(reverse("accounts:invitation_accept", args=[token[:-3] + "abc"]))
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()
    response = client.post(reverse("accounts:invitation_accept", args=[token[:-3] + "abc"]),
                           {"display_name": "Mallory", "password": "a long passphrase ok"})
    assert response.status_code == 404
    assert not User.objects.filter(email="new@northbridge.example").exists()


def test_invitation_accepted_through_the_page(client, admin):
    _, link = invitation_create(actor=admin, email="new@northbridge.example")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    page = client.get(reverse("accounts:invitation_accept", args=[token]))
    assert "new@northbridge.example" in page.content.decode()
    response = client.post(reverse("accounts:invitation_accept", args=[token]),
                           {"display_name": "Newt Scamander", "password": "a long passphrase ok"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 200


def test_oversized_profile_field_is_refused_with_a_message(client, member):
    client.force_login(member)
    data = {"display_name": "Member Persona", "bio": "x" * 5000}
    for field in ("pronouns", "job_title", "team", "location", "ask_me_about"):
        data.setdefault(field, "")
    for field in ("pronouns", "job_title", "team", "location", "bio", "career", "ask_me_about"):
        data[f"visibility_{field}"] = "network"
    response = client.post(reverse("accounts:profile_edit"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "About me must be 2,000 characters or fewer" in body
    assert Profile.objects.get(pk=member.profile.pk).bio == ""


def test_malformed_visibility_choice_is_refused(client, member):
    client.force_login(member)
    data = {"display_name": "Renamed", "visibility_bio": "everyone-on-earth"}
    response = client.post(reverse("accounts:profile_edit"), data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Profile.objects.get(pk=member.profile.pk).display_name == "Member Persona"


def test_profile_edit_saves(client, member):
    client.force_login(member)
    data = {"display_name": "Jade O.", "pronouns": "she/her", "job_title": "Paralegal",
            "team": "Legal", "location": "Leeds", "bio": "Left school at 16.",
            "ask_me_about": "apprenticeships, law"}
    for field in ("pronouns", "job_title", "team", "location", "bio", "career", "ask_me_about"):
        data[f"visibility_{field}"] = "organisation"
    response = client.post(reverse("accounts:profile_edit"), data)
    assert response.status_code == 302
    page = client.get(reverse("accounts:me")).content.decode()
    assert "Jade O." in page and "Left school at 16." in page and "apprenticeships" in page


def test_career_entry_form_errors(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:career_add"),
                           {"title": "Analyst", "start_year": "2020", "end_year": "2018"})
    assert response.status_code == 400
    assert "end year is before the start year" in response.content.decode()
    response = client.post(reverse("accounts:career_add"),
                           {"title": "Analyst", "start_year": "nineteen"})
    assert response.status_code == 400 and "Start year must be a whole number" in \
        response.content.decode()
    assert not member.profile.career.exists()


def test_token_page_shows_secret_once(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:tokens"), {"name": "Script", "days": "30"})
    body = response.content.decode()
    secret = body.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith("upw_")
    assert secret not in client.get(reverse("accounts:tokens")).content.decode()


def test_download_my_data_is_json(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:my_data"))
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["account"]["email"] == member.email


def test_privacy_page_links_to_the_community_setting_for_posts_on_deletion(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:my_data")).content.decode()
    assert f'href="{reverse("community:settings")}#on-deletion"' in html
    assert "deleted with your account unless you chose to keep them without your name" in html
    settings_page = client.get(reverse("community:settings")).content.decode()
    assert 'id="on-deletion"' in settings_page


def test_delete_account_with_wrong_password_changes_nothing(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:account_delete"), {"password": "nope"})
    assert response.status_code == 400
    assert "not your current password" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()


def test_password_reset_by_email(client, member, settings):
    response = client.post(reverse("accounts:password_reset"), {"email": member.email})
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    assert link.startswith(settings.UPWARD_SITE_URL + "/accounts/reset/"), mail.outbox[0].body
    path = link[len(settings.UPWARD_SITE_URL):]
    page = client.get(path, follow=True)
    assert "Choose a new password" in page.content.decode()
    response = client.post(page.redirect_chain[-1][0],
                           {"new_password1": "a brand new passphrase",
                            "new_password2": "a brand new passphrase"})
    assert response.status_code == 302
    assert _sign_in(client, member.email, "a brand new passphrase").status_code == 302


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "ghost@example.org"})
    assert response.status_code == 302 and not mail.outbox


def test_sign_up_closed_without_allowed_domains(client, settings):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = []
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 404
    assert "by invitation only" in response.content.decode()


def test_sign_up_page_with_allowed_domain(client, settings):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    response = client.post(reverse("accounts:signup"), {
        "email": "x@elsewhere.example", "display_name": "X", "password": "a long passphrase ok"})
    assert response.status_code == 400 and "work addresses at" in response.content.decode()
    response = client.post(reverse("accounts:signup"), {
        "email": "kit@northbridge.example", "display_name": "Kit",
        "password": "a long passphrase ok"})
    assert "Check your email" in response.content.decode()


def test_htmx_people_search_returns_a_fragment(client, member):
    client.force_login(member)
    response = client.get(reverse("accounts:people"), {"q": "Persona"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Moderator Persona" in body


def test_people_search_without_javascript(client, member):
    client.force_login(member)
    body = client.get(reverse("accounts:people"), {"q": "Lead"}).content.decode()
    assert "<html" in body and "Lead Persona" in body and "Moderator Persona" not in body


def test_ask_me_about_topics_link_to_a_people_search_for_them(client, member, lead):
    from upward.web.accounts import services

    services.profile_update(profile=lead.profile, ask_me_about=["Night school & study"])
    client.force_login(member)
    search = reverse("accounts:people") + "?q=Night%20school%20%26%20study"
    for page in (reverse("accounts:person", args=[lead.profile.pk]),
                 reverse("accounts:people")):
        assert f'<a href="{search}">Night school &amp; study</a>' in client.get(
            page).content.decode()
    found = client.get(search).content.decode()
    assert "Lead Persona" in found and "Moderator Persona" not in found


def test_admin_changes_roles_through_the_page(client, admin, member):
    client.force_login(admin)
    response = client.post(reverse("accounts:manage_roles", args=[member.pk]),
                           {"roles": ["member", "moderator"]})
    assert response.status_code == 302
    assert set(member.role_assignments.values_list("role", flat=True)) == {"member", "moderator"}
    response = client.post(reverse("accounts:manage_roles", args=[member.pk]),
                           {"roles": ["emperor"]})
    assert response.status_code == 400
    assert set(member.role_assignments.values_list("role", flat=True)) == {"member", "moderator"}


def test_csrf_is_enforced(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("accounts:tokens"), {"name": "x"})
    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()
    assert not member.access_tokens.exists()
    token_create(user=member, name="unrelated")  # the service itself still works


def test_invitation_page_states_the_configured_validity(client, admin, settings):
    settings.UPWARD_INVITATION_DAYS = 7
    client.force_login(admin)
    assert "for 7 days" in client.get(reverse("accounts:manage_invitations")).content.decode()

"""Signing in: no account-existence oracle, and throttling that never lets one person's
failures lock another out (django-axes, by address and client together)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from upward.web.accounts import services
from upward.web.accounts.models import User
from upward.web.core.models import AuditEntry
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
OFFICE_PROXY = "10.0.0.1"


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, for tests) that counts how often a password is hashed. Its hashes are
    plain MD5 ones, so users made elsewhere (factories cache a hash) still verify."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    return CountingHasher


def _sign_in(client, email, password, **headers):
    return client.post(reverse("accounts:login"), {"email": email, "password": password},
                       **headers)


def _hashes_for(client, counting_hasher, email, password="a wrong guess here"):
    before = counting_hasher.calls
    response = _sign_in(client, email, password)
    assert response.status_code == 400
    assert "do not match an account" in response.content.decode()
    return counting_hasher.calls - before


# --- no account-existence oracle ----------------------------------------------------------


def test_sign_in_hashes_the_password_whether_or_not_the_address_has_an_account(
        client, counting_hasher):
    # Timing is not asserted (it varies by machine); the work that made the difference
    # (420-530 ms for an account, 11-64 ms for none) is hashing, so count that instead.
    person(roles=["member"], email="known@northbridge.example")
    User.objects.create_user("asleep@northbridge.example", PASSWORD, is_active=False)
    known = _hashes_for(client, counting_hasher, "known@northbridge.example")
    unknown = _hashes_for(client, counting_hasher, "nobody@northbridge.example")
    inactive = _hashes_for(client, counting_hasher, "asleep@northbridge.example", PASSWORD)
    assert known == unknown == inactive == 1


def test_sign_up_answers_a_weak_password_the_same_for_existing_and_new_addresses(
        client, settings, counting_hasher):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    person(roles=["member"], email="known@northbridge.example")
    pages = {}
    for email in ("known@northbridge.example", "new.starter@northbridge.example"):
        pages[email] = client.post(reverse("accounts:signup"), {
            "email": email, "display_name": "Some One", "password": "1234567890"})
    assert {page.status_code for page in pages.values()} == {400}
    for page in pages.values():
        assert "This password is too common" in page.content.decode()
    assert not User.objects.filter(email="new.starter@northbridge.example").exists()


def test_sign_up_hashes_once_for_existing_and_new_addresses(settings, counting_hasher):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    person(roles=["member"], email="known@northbridge.example")
    counts = []
    for email in ("known@northbridge.example", "new.starter@northbridge.example"):
        before = counting_hasher.calls
        services.signup_by_domain(email=email, display_name="Some One",
                                  password="a long passphrase here")
        counts.append(counting_hasher.calls - before)
    assert counts == [1, 1]


# --- throttling -------------------------------------------------------------------------------


def test_failures_from_a_shared_address_do_not_lock_out_everyone_behind_it(client, member,
                                                                           settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 5
    for i in range(25):  # made-up addresses, all through the office's one address
        _sign_in(client, f"guess{i}@northbridge.example", "password123",
                 REMOTE_ADDR=OFFICE_PROXY)
    response = _sign_in(client, member.email, PASSWORD, REMOTE_ADDR=OFFICE_PROXY)
    assert response.status_code == 302


def test_failures_on_someones_address_elsewhere_do_not_lock_them_out(client, member, settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for _ in range(6):
        _sign_in(client, member.email, "a spiteful guess", REMOTE_ADDR="198.51.100.7")
    assert "Too many failed" in _sign_in(client, member.email, PASSWORD,
                                         REMOTE_ADDR="198.51.100.7").content.decode()
    response = _sign_in(client, member.email, PASSWORD, REMOTE_ADDR="203.0.113.20")
    assert response.status_code == 302


def test_lockout_counts_an_address_however_it_is_typed(client, member, settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for email in (member.email, member.email.upper(), f"  {member.email.title()} "):
        _sign_in(client, email, "guess")
    response = _sign_in(client, member.email, PASSWORD)
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled(client, member, settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    settings.UPWARD_TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        _sign_in(client, member.email, "guess", REMOTE_ADDR=OFFICE_PROXY,
                 HTTP_X_FORWARDED_FOR="203.0.113.5")
    # The same client stays locked even if it sends its own X-Forwarded-For entries...
    spoofed = _sign_in(client, member.email, PASSWORD, REMOTE_ADDR=OFFICE_PROXY,
                       HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert "Too many failed sign-in attempts" in spoofed.content.decode()
    # ...while the person, from their own machine behind the same proxy, signs in.
    response = _sign_in(client, member.email, PASSWORD, REMOTE_ADDR=OFFICE_PROXY,
                        HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302


def test_without_trusted_proxies_a_forwarded_header_is_ignored(client, member, settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for i in range(3):
        _sign_in(client, member.email, "guess", REMOTE_ADDR="198.51.100.7",
                 HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = _sign_in(client, member.email, PASSWORD, REMOTE_ADDR="198.51.100.7",
                        HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_a_lockout_is_audited_once_with_the_client_address(client, member, settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for _ in range(6):
        _sign_in(client, member.email, "guess", REMOTE_ADDR="198.51.100.7")
    entries = AuditEntry.objects.filter(action="account.lockout")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_label == member.email and entry.ip_address == "198.51.100.7"
    assert entry.detail == {"failures": 3}


def test_a_password_reset_lifts_the_lock(client, member, settings, mailoutbox):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _sign_in(client, member.email, "guess")
    client.post(reverse("accounts:password_reset"), {"email": member.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    page = client.get(link[len(settings.UPWARD_SITE_URL):], follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": "a brand new passphrase",
                                             "new_password2": "a brand new passphrase"})
    assert _sign_in(client, member.email, "a brand new passphrase").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, member, settings):
    settings.UPWARD_LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        _sign_in(client, member.email, "guess")
    assert _sign_in(client, member.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(2):
        _sign_in(client, member.email, "guess")
    assert _sign_in(client, member.email, PASSWORD).status_code == 302


# --- password reset emails --------------------------------------------------------------------


def _ask_reset(client, email, ip="198.51.100.7"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_emails_are_limited_per_address(client, member, mailoutbox):
    answers = [_ask_reset(client, member.email, ip=f"198.51.100.{i}").status_code
               for i in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3
    refused = _ask_reset(client, member.email.upper(), ip="203.0.113.1")
    assert refused.status_code == 429 and len(mailoutbox) == 3
    assert "Too many reset emails" in refused.content.decode()


def test_password_reset_emails_are_limited_per_client(client, member, mailoutbox):
    for i in range(10):
        assert _ask_reset(client, f"someone{i}@northbridge.example").status_code == 302
    assert _ask_reset(client, member.email).status_code == 429
    assert not mailoutbox
    assert _ask_reset(client, member.email, ip="203.0.113.1").status_code == 302
    assert len(mailoutbox) == 1


def test_password_reset_limit_says_the_same_for_unknown_addresses(client, member):
    pages = {}
    for email in (member.email, "ghost@northbridge.example"):
        for _ in range(3):
            _ask_reset(client, email)
        pages[email] = _ask_reset(client, email)
    known, unknown = (pages[e] for e in (member.email, "ghost@northbridge.example"))
    assert known.status_code == unknown.status_code == 429

    def shown(page, email):
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
        return text.replace(email, "<address>")

    assert shown(known, member.email) == shown(unknown, "ghost@northbridge.example")


def test_password_reset_throttle_keeps_no_typed_addresses(client):
    from upward.web.core.models import ThrottleHit

    _ask_reset(client, "ghost@northbridge.example")
    stored = list(ThrottleHit.objects.values_list("key", flat=True))
    assert len(stored) == 2 and not any("ghost" in key or "198.51" in key for key in stored)


def test_an_address_stored_with_capitals_still_signs_in(client):
    user = User.objects.create_user("someone@northbridge.example", PASSWORD)
    User.objects.filter(pk=user.pk).update(email="Someone@Northbridge.example")  # as SSO may
    assert _sign_in(client, "someone@northbridge.example", PASSWORD).status_code == 302

"""django-allauth adapters: allauth only does single sign-on in Upward.

Local sign-up through allauth stays closed (people join by invitation or from
an allowed email domain), and SSO sign-up obeys the same domain rule.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


def email_domain_allowed(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].lower()
    return domain in settings.UPWARD_ALLOWED_EMAIL_DOMAINS


class ClosedAccountAdapter(DefaultAccountAdapter):
    """allauth's own sign-up is closed; Upward's invitation and domain flows handle it."""

    def is_open_for_signup(self, request) -> bool:
        return False


class DomainSocialAccountAdapter(DefaultSocialAccountAdapter):
    """SSO may create an account only for an allowed email domain."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        email = (sociallogin.user.email or "").strip()
        return bool(email) and email_domain_allowed(email)

    def save_user(self, request, sociallogin, form=None):
        from upward.web.accounts.services import profile_ensure

        user = super().save_user(request, sociallogin, form)
        profile_ensure(user=user)
        return user

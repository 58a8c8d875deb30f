"""Authentication backends: Django's and allauth's, loading the signed-in person
with one query per request (``upward.web.accounts.viewer``)."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from upward.web.accounts.viewer import load_viewer


class ModelBackend(DjangoModelBackend):
    """Email and password, as Django's; the per-request ``get_user`` is one query."""

    def get_user(self, user_id):
        user = load_viewer(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class SingleSignOnBackend(AllauthBackend):
    """allauth's backend (single sign-on), with the same one-query ``get_user``.

    It checks no passwords: ``ModelBackend`` does, once. (allauth's would check the
    same password a second time, doubling the work of every sign-in.)
    """

    get_user = ModelBackend.get_user

    def authenticate(self, request, **credentials):
        return None

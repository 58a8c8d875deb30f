"""Accounts tells other apps when a person's public details change
(:data:`upward.web.core.people.public_details_changed`)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from upward.web.accounts.models import CareerEntry, Profile, User
from upward.web.core.people import public_details_changed


def _profile_changed(sender, instance, **kwargs) -> None:
    public_details_changed.send(sender=sender, user_id=instance.user_id)


def _career_changed(sender, instance, **kwargs) -> None:
    # None once the profile is gone (the whole account being deleted: that is sent too).
    user_id = Profile.objects.filter(pk=instance.profile_id) \
        .values_list("user_id", flat=True).first()
    public_details_changed.send(sender=sender, user_id=user_id)


def _account_deleted(sender, instance, **kwargs) -> None:
    public_details_changed.send(sender=sender, user_id=instance.pk)


def connect_signals() -> None:
    """Connected once, from ``AccountsConfig.ready()``."""
    for model, receiver in ((Profile, _profile_changed), (CareerEntry, _career_changed)):
        post_save.connect(receiver, sender=model,
                          dispatch_uid=f"accounts-public-details-{model.__name__}")
        post_delete.connect(receiver, sender=model,
                            dispatch_uid=f"accounts-public-details-d-{model.__name__}")
    # Not on every save of a user: signing in saves ``last_login``.
    post_delete.connect(_account_deleted, sender=User,
                        dispatch_uid="accounts-public-details-d-User")

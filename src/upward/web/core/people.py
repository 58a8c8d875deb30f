"""A hook for "a person's public details changed", sent by accounts, heard by any app.

Accounts owns people; other apps show their names, profiles and career timelines, and
some keep things built from them (the community's page cache). Core imports no app and
apps do not import accounts' models, so accounts *sends* this signal whenever what
others may see of a person may have changed — a profile or a career entry saved or
deleted, an account deleted — and an app that keeps anything derived from those
details connects a receiver::

    from upward.web.core.people import public_details_changed

    public_details_changed.connect(forget_pages, dispatch_uid="notes-people")

Receivers get ``user_id`` (the person, or None when not known). Signing in saves the
user row too, but changes nothing others see: it is not sent then.
"""

from __future__ import annotations

from django.dispatch import Signal

public_details_changed = Signal()

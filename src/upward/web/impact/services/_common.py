"""What every impact service shares: the capability check and saving a row."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.permissions import require_capability


def require_manager(actor) -> None:
    require_capability(actor, "manage_impact")


def save_checked(row, *, labels: dict[str, str] | None = None, exclude=None):
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ApplicationError(validation_message(error, labels)) from None
    row.save()
    return row

"""One error type for expected failures, mapped to a response in one place."""

from __future__ import annotations


class ApplicationError(Exception):
    """A failure the user can understand and act on.

    ``message`` is shown to the user as is (and is translatable at the call
    site); ``status`` is the HTTP status the web and API layers answer with.
    """

    def __init__(self, message: str, *, status: int = 400, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field


def validation_message(error, labels: dict[str, str] | None = None) -> str:
    """One sentence from a Django ``ValidationError`` raised by ``full_clean()``, each
    message after its field's label ("Title: …"), for services to raise as an
    ``ApplicationError``. ``labels`` names fields whose label is not their name."""
    if hasattr(error, "message_dict"):
        labels = labels or {}
        return " ".join(
            f"{labels.get(field, field.replace('_', ' ').capitalize())}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages)
    return " ".join(error.messages)

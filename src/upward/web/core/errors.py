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

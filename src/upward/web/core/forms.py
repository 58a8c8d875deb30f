"""Where forms meet services: a service's ``ApplicationError`` shown on the form."""

from __future__ import annotations

from django import forms

from upward.web.core.errors import ApplicationError


def show_service_error(form: forms.BaseForm, error: ApplicationError) -> None:
    """Put ``error`` on the field it names, or at the top of the form (non-field) when it
    names none, or a field this form does not show."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)

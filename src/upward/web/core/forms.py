"""How every form in the project renders and words its errors, and where forms meet services.

``FormRenderer`` (settings.FORM_RENDERER) renders each field with
``components/field.html`` — label, hint, error, character count — through Django's
``BoundField``, which sets ``aria-describedby`` and ``aria-invalid``. Its
``UpwardBoundField`` gives each field GOV.UK-style error messages that say what to do
("Enter a title", "Title must be 200 characters or fewer") instead of Django's generic
ones. A form can name a field for these messages with ``error_names``
(``{"body": "comment"}``); a field's own ``error_messages`` always win.
"""

from __future__ import annotations

import copy

from django import forms
from django.core.validators import DecimalValidator, EmailValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

from upward.web.core.errors import ApplicationError

# Widgets that get a character count: text people write, not addresses or secrets.
_COUNTED = (forms.TextInput, forms.Textarea)
_NOT_COUNTED = (forms.EmailInput, forms.PasswordInput, forms.URLInput, forms.NumberInput)
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
_NO_ARTICLE = ("your ", "the ", "a ", "an ", "what ", "who ", "which ", "how ", "whether ",
               "when ", "where ", "if ", "at least ")


def show_service_error(form: forms.BaseForm, error: ApplicationError) -> None:
    """Put ``error`` on the field it names, or at the top of the form (non-field) when it
    names none, or a field this form does not show."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def character_limit(field: forms.Field) -> int | None:
    """The most characters ``field`` takes, when people type its text; else None."""
    limit = getattr(field, "max_length", None)
    widget = field.widget
    if limit and isinstance(widget, _COUNTED) and not isinstance(widget, _NOT_COUNTED) \
            and not widget.is_hidden:
        return limit
    return None


def _noun(field: forms.Field, name: str, form) -> str:
    """What the messages call the field: the form's ``error_names`` or its label, with
    its first letter lower case unless it is an abbreviation ("HR file")."""
    noun = (getattr(form, "error_names", {}) or {}).get(name) or str(field.label or name)
    noun = noun.strip().rstrip("?:").replace("_", " ")
    if len(noun) > 1 and not noun[1].isupper():
        noun = noun[0].lower() + noun[1:]
    return noun


def _with_article(noun: str) -> str:
    if noun.lower().startswith(_NO_ARTICLE) or (noun.endswith("s") and not noun.endswith("ss")):
        return noun
    abbreviation = len(noun) > 1 and noun[:2].isupper()
    vowel_sound = noun[0] in "AEFHILMNORSX" if abbreviation else noun[0].lower() in "aeiou"
    return ("an " if vowel_sound else "a ") + noun


def _capitalised(noun: str) -> str:
    return noun[0].upper() + noun[1:]


def specific_messages(field: forms.Field, name: str, form) -> dict[str, str]:
    """GOV.UK-style messages for ``field``, replacing Django's generic defaults."""
    noun = _noun(field, name, form)
    subject = _capitalised(noun)
    messages = {}
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        messages["required"] = f"Select at least one of the {noun}" if noun.endswith("s") \
            else f"Select {_with_article(noun)}"
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        messages["required"] = f"Select {_with_article(noun)}"
    elif isinstance(field, forms.FileField):
        messages["required"] = f"Choose {_with_article(noun)}"
        messages["empty"] = f"The {noun} is empty: choose a file with something in it"
    else:
        messages["required"] = f"Enter {_with_article(noun)}"
    # DecimalField and FloatField are IntegerFields to Django: test them first.
    if isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{subject} must be a number"
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{subject} must be a whole number"
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"{subject} must be a real date and time"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{subject} must be a real date"
    return messages


def _limit_message(code: str, subject: str, limit) -> str:
    return {
        "max_length": f"{subject} must be {limit:,} characters or fewer",
        "min_length": f"{subject} must be {limit:,} characters or more",
        "min_value": f"{subject} must be {limit} or more",
        "max_value": f"{subject} must be {limit} or fewer",
    }[code]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def decimal_messages(subject: str, validator: DecimalValidator) -> dict[str, str]:
    """GOV.UK-style words for a ``DecimalValidator``, which keeps a ``messages`` dict (one
    per code) where other validators have one ``message``."""
    places = validator.decimal_places
    whole = None if validator.max_digits is None or places is None \
        else validator.max_digits - places
    return {
        "invalid": f"{subject} must be a number",
        "max_digits": f"{subject} must be "
                      f"{_plural(validator.max_digits or 0, 'digit', 'digits')} or fewer",
        "max_decimal_places": f"{subject} must be a whole number" if places == 0
        else f"{subject} must have {_plural(places or 0, 'decimal place', 'decimal places')}"
             " or fewer",
        "max_whole_digits": f"{subject} must have "
                            f"{_plural(whole or 0, 'digit', 'digits')} or fewer before the "
                            "decimal point",
    }


class UpwardBoundField(BoundField):
    """Django's BoundField with the project's error wording and character counts."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # The form's own copy of the field: wording it here changes no other form.
        defaults = _django_defaults(field)
        for code, message in specific_messages(field, name, form).items():
            if code in defaults and field.error_messages.get(code) == defaults[code]:
                field.error_messages[code] = message
        # Length and range validators: the form's copy of the field shares them with the
        # declared field, so the worded one is a copy.
        subject = _capitalised(_noun(field, name, form))
        for i, validator in enumerate(field.validators):
            if isinstance(validator, DecimalValidator):
                if validator.messages is type(validator).messages:  # not the form's own
                    worded = copy.copy(validator)
                    # Validators raise with ``params``: a % in a label must not format.
                    worded.messages = {code: message.replace("%", "%%") for code, message
                                       in decimal_messages(subject, validator).items()}
                    field.validators[i] = worded
                continue
            code = getattr(validator, "code", None)
            if getattr(validator, "message", None) != getattr(type(validator), "message", None):
                continue  # the form's own words
            if code in ("max_length", "min_length", "min_value", "max_value") \
                    and not callable(validator.limit_value):
                message = _limit_message(code, subject, validator.limit_value)
            elif isinstance(validator, EmailValidator):
                message = EMAIL_FORMAT
            else:
                continue
            worded = copy.copy(validator)
            worded.message = message.replace("%", "%%")
            field.validators[i] = worded

    @property
    def character_limit(self) -> int | None:
        return character_limit(self.field)

    @property
    def character_limit_text(self) -> str:
        return f"You can enter up to {self.character_limit:,} characters"

    @property
    def aria_describedby(self):
        described = super().aria_describedby
        if described is None or not self.character_limit or not self.auto_id:
            return described
        return " ".join(filter(None, [described, f"{self.auto_id}_count"]))

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.character_limit:
            # No ``maxlength``: a browser would cut pasted text without a word. The count
            # says the limit, and the form rejects longer text with a message.
            attrs["maxlength"] = False
        return attrs


_DEFAULTS: dict[type, dict[str, str]] = {}


def _django_defaults(field: forms.Field) -> dict[str, str]:
    """The messages Django would give this kind of field (to tell them from a form's own)."""
    kind = type(field)
    if kind not in _DEFAULTS:
        messages: dict[str, str] = {}
        for cls in reversed(kind.__mro__):
            messages.update(getattr(cls, "default_error_messages", {}))
        _DEFAULTS[kind] = messages
    return _DEFAULTS[kind]


class FormRenderer(TemplatesSetting):
    """Every form and field renders through the project's templates."""

    form_template_name = "components/form_fields.html"
    field_template_name = "components/field.html"
    bound_field_class = UpwardBoundField

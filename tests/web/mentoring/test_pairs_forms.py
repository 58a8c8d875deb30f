"""The pair forms say what to do, in the project's words, never Django's generic ones
(the same check tests/web/core/test_forms.py makes of the other apps' forms)."""

from __future__ import annotations

import inspect

import pytest
from django import forms

from upward.web.mentoring import pair_forms

GENERIC = ("This field is required", "Ensure this value", "Enter a valid",
           "Enter a whole number")
FORMS = [cls for _, cls in inspect.getmembers(pair_forms, inspect.isclass)
         if issubclass(cls, forms.BaseForm) and cls.__module__ == pair_forms.__name__]


def test_there_are_forms_to_check():
    assert {f.__name__ for f in FORMS} == {"GoalForm", "MeetingForm", "NextMeetingForm",
                                           "EndForm", "FeedbackForm"}


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: c.__name__)
def test_every_pair_form_says_what_to_do(form_class):
    too_long = {name: "@" * (field.max_length + 1) for name, field in
                form_class.base_fields.items() if getattr(field, "max_length", None)}
    for data in ({}, too_long, {"held_on": "31/02/2025", "minutes": "x", "at": "soon"}):
        form = form_class(data)
        form.is_valid()
        for name, errors in form.errors.items():
            for error in errors:
                assert not error.startswith(GENERIC), f"{form_class.__name__}.{name}: {error}"

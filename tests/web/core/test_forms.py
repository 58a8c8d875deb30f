"""Forms: a service's error shown on the form (core/forms.py), by one helper."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms

import upward.web
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error

WEB = Path(upward.web.__file__).parent


class _TitleForm(forms.Form):
    title = forms.CharField(max_length=20)


def _form():
    form = _TitleForm({"title": "A title"})
    assert form.is_valid()
    return form


def test_a_service_error_naming_a_field_goes_on_that_field():
    form = _form()
    show_service_error(form, ApplicationError("That title is taken.", field="title"))
    assert form.errors == {"title": ["That title is taken."]}
    assert not form.is_valid()


def test_a_service_error_naming_no_field_or_another_goes_at_the_top():
    form = _form()
    show_service_error(form, ApplicationError("You cannot post for 3 more days."))
    show_service_error(form, ApplicationError("Tags: no such tag.", field="tags"))
    assert form.non_field_errors() == ["You cannot post for 3 more days.",
                                       "Tags: no such tag."]
    assert "title" not in form.errors


def test_no_view_keeps_its_own_copy_of_the_bridge():
    copies = [f"{path.relative_to(WEB)}:{n}"
              for path in sorted(WEB.rglob("*.py"))
              for n, line in enumerate(path.read_text().splitlines(), 1)
              if re.search(r"add_error\(\s*error\.field|add_error\(None, error\.message",
                           line)]
    assert copies == []

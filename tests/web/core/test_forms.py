"""Forms (core/forms.py): every field rendered by the project's template with its hint,
error and character count; specific error messages; a service's error shown on the form."""

from __future__ import annotations

import html as html_lib
import importlib
import inspect
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

import upward.web
from upward.web.community.forms import CommentForm, StoryForm
from upward.web.community.models import Story
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import FormRenderer, UpwardBoundField, show_service_error

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


# --- rendering: FORM_RENDERER, components/field.html, the project's wording -------------------


class _NoteForm(forms.Form):
    note = forms.CharField(label="Note", max_length=300, widget=forms.Textarea,
                           help_text="Say what you saw.")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")],
                             widget=forms.RadioSelect)


def test_every_form_renders_through_the_project_renderer():
    assert settings.FORM_RENDERER == "upward.web.core.forms.FormRenderer"
    form = _NoteForm()
    assert isinstance(form.renderer, FormRenderer)
    assert isinstance(form["note"], UpwardBoundField)


def test_a_field_with_an_error_is_described_by_its_hint_error_and_count():
    form = _NoteForm({"note": "x" * 301, "kind": ""})
    html = str(form["note"].as_field_group())
    assert 'aria-describedby="id_note_helptext id_note_error id_note_count"' in html
    assert 'aria-invalid="true"' in html
    assert html.count('id="id_note_error"') == 1 and 'id="id_note_count"' in html
    assert "Note must be 300 characters or fewer" in html
    assert "You can enter up to 300 characters" in html
    # no maxlength: a browser would cut pasted text without saying so
    assert "maxlength" not in html


def test_a_valid_field_has_no_error_and_choices_are_a_described_fieldset():
    form = _NoteForm({"note": "Fine", "kind": ""})
    note = str(form["note"].as_field_group())
    assert 'aria-describedby="id_note_helptext id_note_count"' in note
    assert "aria-invalid" not in note and "_error" not in note
    kind = str(form["kind"].as_field_group())
    assert '<fieldset aria-describedby="id_kind_error">' in kind
    assert "<legend>Kind</legend>" in kind and "Select a kind" in kind


def test_a_form_rendered_whole_uses_the_field_template():
    html = str(CommentForm({"body": ""}))
    assert 'type="hidden" name="parent"' in html
    assert 'class="field field--error" data-character-count="5000"' in html
    assert "Enter a comment" in html


def _form_modules() -> list[str]:
    """Every app's ``forms.py`` and ``forms_*.py``: a new app's forms are checked too."""
    return sorted(".".join(("upward", "web", *path.relative_to(WEB).with_suffix("").parts))
                  for path in WEB.rglob("forms*.py") if path.parent != WEB / "core")


def _project_forms():
    for module in _form_modules():
        for _, cls in inspect.getmembers(importlib.import_module(module), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module \
                    and cls.base_fields:
                yield cls


def test_every_app_with_forms_is_checked():
    modules = _form_modules()
    for app in ("accounts", "awards", "community", "events", "insights", "mentoring",
                "outreach"):
        assert f"upward.web.{app}.forms" in modules
    assert "upward.web.outreach.forms_schools" in modules
    names = {cls.__name__ for cls in _project_forms()}
    assert {"OutcomeForm", "CriterionForm"} <= names


def _constructor_arguments(form_class) -> dict:
    """Keyword arguments a form needs to be built, empty of choices: a form with a required
    keyword this table does not know fails here, so its author adds it."""
    from django.contrib.auth import get_user_model

    known = {"has_title": True, "judges": get_user_model().objects.none(), "entries": []}
    needed = {name for name, p in inspect.signature(form_class).parameters.items()
              if p.kind is p.KEYWORD_ONLY and p.default is p.empty}
    missing = needed - set(known)
    assert not missing, f"{form_class.__name__} needs {missing}: add them to known above"
    return {name: known[name] for name in needed | ({"has_title"} & set(
        inspect.signature(form_class).parameters))}


GENERIC = ("This field is required", "Ensure this value", "Ensure that there are",
           "Enter a valid email", "Enter a whole number", "Enter a number.")


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", list(_project_forms()), ids=lambda c: c.__name__)
def test_every_project_form_says_what_to_do_not_this_field_is_required(form_class):
    kwargs = _constructor_arguments(form_class)
    too_long = {name: "@" * (field.max_length + 1) for name, field in
                form_class.base_fields.items() if getattr(field, "max_length", None)}
    # Numbers: not a number, then too many digits for a DecimalField.
    not_numbers = {name: "many" for name, field in form_class.base_fields.items()
                   if isinstance(field, forms.IntegerField)}
    too_precise = {name: "1" * 30 + ".123456789" for name, field
                   in form_class.base_fields.items() if isinstance(field, forms.DecimalField)}
    for data in ({}, too_long, not_numbers, too_precise):
        form = form_class(data, {}, **kwargs) if form_class.__name__ == "UploadForm" \
            else form_class(data, **kwargs)
        form.is_valid()
        for name, errors in form.errors.items():
            for error in errors:
                assert not error.startswith(GENERIC), f"{form_class.__name__}.{name}: {error}"


def test_a_pasted_200000_character_story_is_refused_not_cut(personas, client_for):
    client = client_for(personas["member"])
    response = client.post(reverse("community:story_new"), {
        "title": "Checkout to boardroom", "body": "word " * 40_000, "identity": "named",
        "audience": "network", "action": "publish"})
    assert response.status_code == 400
    page = html_lib.unescape(response.content.decode())
    assert "There is a problem" in page
    assert "Your story in your own words must be 20,000 characters or fewer" in page
    assert not Story.objects.exists()
    # the text comes back whole, for the author to shorten
    assert page.count("word ") >= 40_000


def test_the_error_summary_links_each_message_to_its_field_once(personas, client_for):
    client = client_for(personas["member"])
    response = client.post(reverse("community:story_new"), {
        "title": "", "identity": "", "audience": "network", "action": "publish"})
    page = response.content.decode()
    summary = page[page.index('class="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert '<a href="#id_title">Enter a title</a>' in summary
    assert '<a href="#id_identity_0">Select whether to show your name with the story</a>' \
        in summary
    # each message once in the summary and once at its field: never "Title: Enter a title"
    assert page.count("Enter a title") == 2 and "Title: Enter" not in page


def test_story_form_fields_show_their_limits():
    html = "".join(str(StoryForm()[name].as_field_group()) for name in ("title", "body"))
    assert "You can enter up to 120 characters" in html
    assert "You can enter up to 20,000 characters" in html


# --- numbers: DecimalField's validator keeps ``messages`` (a dict), not ``message`` ---------


class _PriceForm(forms.Form):
    price = forms.DecimalField(label="Price", max_digits=5, decimal_places=2, min_value=0)
    hours = forms.DecimalField(label="Hours", max_digits=3, decimal_places=0, required=False)
    share = forms.DecimalField(label="% of pupils", max_digits=4, decimal_places=1,
                               required=False)
    ratio = forms.FloatField(label="Ratio", required=False)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "price", "Enter a price"),
    ({"price": "cheap"}, "price", "Price must be a number"),
    ({"price": "NaN"}, "price", "Price must be a number"),
    ({"price": "123456"}, "price", "Price must be 5 digits or fewer"),
    ({"price": "1.234"}, "price", "Price must have 2 decimal places or fewer"),
    ({"price": "1234.5"}, "price", "Price must have 3 digits or fewer before the decimal point"),
    ({"price": "-1"}, "price", "Price must be 0 or more"),
    ({"price": "1", "hours": "1.5"}, "hours", "Hours must be a whole number"),
    ({"price": "1", "share": "1234"}, "share",
     "% of pupils must have 3 digits or fewer before the decimal point"),
    ({"price": "1", "ratio": "half"}, "ratio", "Ratio must be a number"),
])
def test_decimal_and_float_fields_say_what_to_do(data, field, message):
    form = _PriceForm(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_valid_decimal_is_cleaned_and_the_declared_field_is_not_reworded():
    form = _PriceForm({"price": "12.50"})
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["price"]) == "12.50"
    # the wording is on the form's copy of the validator, not the class's shared one
    declared = _PriceForm.base_fields["price"].validators
    assert all(not hasattr(v, "messages") or v.messages is type(v).messages for v in declared)


def test_a_forms_own_decimal_message_wins():
    class OwnWords(forms.Form):
        amount = forms.DecimalField(max_digits=3, decimal_places=1,
                                    error_messages={"invalid": "Enter the amount, like 2.5"})

    form = OwnWords({"amount": "lots"})
    assert form.errors["amount"] == ["Enter the amount, like 2.5"]

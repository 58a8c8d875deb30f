"""The error summary: one per form with errors, each heading with its own id, so a page
showing several forms never repeats an id (axe's duplicate-id rules)."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string


class ReplyForm(forms.Form):
    body = forms.CharField()


class ReportForm(forms.Form):
    reason = forms.CharField()


def test_two_forms_with_errors_on_one_page_have_different_heading_ids():
    page = "".join(render_to_string("components/error_summary.html", {"form": form})
                   for form in (ReplyForm({}), ReportForm({}), ReplyForm({}, prefix="other")))
    ids = re.findall(r'\bid="([^"]+)"', page)
    labelled = re.findall(r'aria-labelledby="([^"]+)"', page)
    assert len(ids) == 3 and len(set(ids)) == 3 and labelled == ids
    assert ids == ["error-summary-title-replyform", "error-summary-title-reportform",
                   "error-summary-title-other"]


def test_a_form_without_errors_has_no_summary():
    assert render_to_string("components/error_summary.html",
                            {"form": ReplyForm({"body": "Thanks"})}).strip() == ""

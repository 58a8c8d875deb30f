"""Forms of the annual report's pages: the year to generate and the foreword."""

from __future__ import annotations

from django import forms

from upward.web.impact.models import FIRST_YEAR, LAST_YEAR, MAX_TEXT


class ReportYearForm(forms.Form):
    year = forms.IntegerField(label="Year", min_value=FIRST_YEAR, max_value=LAST_YEAR,
                              help_text="The calendar year the report covers, like 2026.")


class ForewordForm(forms.Form):
    foreword = forms.CharField(
        label="Foreword", required=False, max_length=MAX_TEXT, widget=forms.Textarea,
        help_text="Shown at the start of the report. Leave a blank line between paragraphs.")

"""Forms for results: shortlisting, the panel's confirmation of a winner, citations."""

from __future__ import annotations

from django import forms

from upward.web.awards.services.results import MAX_CITATION, MAX_NOTE


class ShortlistForm(forms.Form):
    error_names = {"top": "how many finalists", "threshold": "the minimum score"}
    method = forms.ChoiceField(
        label="How to shortlist", widget=forms.RadioSelect,
        choices=[("top", "The top entries by rank"),
                 ("threshold", "Every entry at or above a score")],
        error_messages={"required": "Select how to shortlist"})
    top = forms.IntegerField(label="How many finalists", required=False, min_value=1,
                             max_value=500)
    threshold = forms.FloatField(label="Minimum score (0 to 100)", required=False,
                                 min_value=0, max_value=100)
    tied = forms.TypedMultipleChoiceField(
        label="Entries tied at the cut that go through", coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the tied entries the panel wants as finalists; leave the rest.")
    ties_decided = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, tied_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tied"].choices = list(tied_choices)
        if not tied_choices:
            del self.fields["tied"]

    def clean(self):
        data = super().clean()
        if data.get("method") == "top" and data.get("top") is None \
                and "top" not in self.errors:
            self.add_error("top", "Enter how many finalists")
        if data.get("method") == "threshold" and data.get("threshold") is None \
                and "threshold" not in self.errors:
            self.add_error("threshold", "Enter the minimum score")
        return data


class WinnerForm(forms.Form):
    entry = forms.TypedChoiceField(label="Winner", coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": "Select the winning finalist"})
    note = forms.CharField(
        label="How the panel agreed", max_length=MAX_NOTE, widget=forms.Textarea,
        help_text="For example: “Agreed unanimously at the panel meeting on 3 March.”",
        error_messages={"required": "Enter how the panel agreed"})

    def __init__(self, *args, finalists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, e.title) for e in finalists]


class CitationForm(forms.Form):
    citation = forms.CharField(label="Citation", max_length=MAX_CITATION, required=False,
                               widget=forms.Textarea,
                               help_text="Shown on the public results page and the "
                                         "certificate, once published.")

"""Forms of the external entry workspace: award templates, their questions, and a draft's
answers (built from the award's questions)."""

from __future__ import annotations

from django import forms

from upward.web.awards.models import ExternalAward, ExternalEntry, ExternalQuestion

DATE = {"type": "date"}


class ExternalAwardForm(forms.ModelForm):
    error_names = {"name": "the award's name", "category": "the award's category"}
    deadline = forms.DateTimeField(
        label="Deadline", required=False, help_text="UK time (Europe/London).",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    website = forms.URLField(label="Website", required=False, max_length=300,
                             assume_scheme="https")

    class Meta:
        model = ExternalAward
        fields = ["name", "category", "deadline", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ExternalQuestionForm(forms.ModelForm):
    error_names = {"label": "the question"}

    class Meta:
        model = ExternalQuestion
        fields = ["label", "help_text", "word_limit"]
        labels = {"label": "Question", "word_limit": "Word limit"}


class ExternalEntryStartForm(forms.ModelForm):
    error_names = {"title": "a title for the entry", "period_start": "the date figures start from",
                   "period_end": "the date figures run to"}

    class Meta:
        model = ExternalEntry
        fields = ["title", "period_start", "period_end", "notes"]
        widgets = {"period_start": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
                   "period_end": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
                   "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"period_start": "Figures from the platform cover this period."}


class ExternalEntryForm(ExternalEntryStartForm):
    """The entry's details and one text field per question of the award."""

    def __init__(self, *args, questions=(), used=None, **kwargs):
        super().__init__(*args, **kwargs)
        used = used or {}
        self.questions = list(questions)
        for q in self.questions:
            hint = q.help_text
            if q.word_limit:
                count = f" ({used[q.pk]:,} used)" if used.get(q.pk) else ""
                hint = f"{hint} Up to {q.word_limit:,} words{count}.".strip()
            self.fields[f"q_{q.pk}"] = forms.CharField(
                label=q.label, required=False, help_text=hint, widget=forms.Textarea(attrs={
                    "rows": 8, **({"data-word-limit": q.word_limit} if q.word_limit else {})}))

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

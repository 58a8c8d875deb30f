"""Forms: they parse and validate input; services do the work."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from upward.classify import question
from upward.reports.hr_file import FIELDS
from upward.web.insights.models import QUESTION_IDS, SurveyResponse


class SurveyForm(forms.Form):
    """The four Social Mobility Commission questions, verbatim, then the organisation's own."""

    employee_id = forms.CharField(
        label="Your employee number", required=False, max_length=64,
        help_text="Optional. Once it is confirmed — at once if HR's records show your work "
                  "email against it, otherwise by an administrator — your answers are counted "
                  "with HR's records of grade and pay, in totals only. Nobody else can see "
                  "your answers.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, organisation_questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for question_id in QUESTION_IDS:
            q = question(question_id)
            fields[question_id] = forms.ChoiceField(
                label=q.text, choices=q.choices, required=False, widget=forms.RadioSelect,
                help_text=q.why or "")
        self.organisation_questions = list(organisation_questions)
        for oq in self.organisation_questions:
            fields[f"org_{oq.pk}"] = forms.ChoiceField(
                label=oq.text, choices=[(c, c) for c in oq.choices], required=False,
                widget=forms.RadioSelect)
        employee = self.fields.pop("employee_id")
        self.fields.update(fields)
        self.fields["employee_id"] = employee

    @classmethod
    def initial_for(cls, response: SurveyResponse | None) -> dict:
        if response is None:
            return {}
        initial = {q: getattr(response, q) for q in QUESTION_IDS}
        initial["employee_id"] = response.employee_id
        for answer in response.organisation_answers.all():
            initial[f"org_{answer.question_id}"] = answer.option
        return initial

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(q) or "" for q in QUESTION_IDS}

    def organisation_answers(self) -> dict[int, str]:
        return {oq.pk: self.cleaned_data.get(f"org_{oq.pk}") or ""
                for oq in self.organisation_questions}


class OrganisationQuestionForm(forms.Form):
    error_names = {"text": "the question", "options": "the answers"}
    text = forms.CharField(label="Question", max_length=300)
    options = forms.CharField(
        label="Answers", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line, 2 to 12 of them. “Prefer not to say” is added for you.")

    def option_list(self) -> list[str]:
        return self.cleaned_data["options"].splitlines()


class UploadForm(forms.Form):
    file = forms.FileField(
        label="HR file (CSV or XLSX)",
        help_text="One row per person, a header row first. CSV may be UTF-8 (with or without a "
                  "byte-order mark) or Windows-1252.")
    snapshot_date = forms.DateField(
        label="Snapshot date", widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the data describes, e.g. 31 March for the pay gap year.")

    def clean_snapshot_date(self):
        value = self.cleaned_data["snapshot_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The snapshot date cannot be in the future.")
        return value


IGNORE = ""
UNDECIDED = "?"
FIELD_CHOICES = [(UNDECIDED, "Not recognised: choose what it holds"),
                 (IGNORE, "Do not import this column")] + [
    (f.name, f"{f.label}{' (required)' if f.required else ''}") for f in FIELDS]


def _hint_text(hint, k: int) -> str:
    """What the mapping screen shows under a column: its commonest values, if any may be."""
    if hint is False:
        return ""
    if hint is None:
        return "Its values are not shown: it holds background answers or email addresses."
    values = f"{hint.distinct:,} different value{'s' if hint.distinct != 1 else ''}"
    if hint.common:
        return f"Most common: {', '.join(hint.common)} ({values})."
    return f"{values}; none is shared by {k} rows or more, so none is shown."


class MappingForm(forms.Form):
    """One choice per header of the file, plus the grade order."""

    grade_order = forms.CharField(
        label="Grades, most junior first", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One grade per line, exactly as in the file. Leave empty to sort them by "
                  "name (Grade 2 before Grade 10).")

    def __init__(self, *args, headers=(), hints=None, k: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = list(headers)
        hints = hints or {}
        grade = self.fields.pop("grade_order")
        for i, header in enumerate(self.headers):
            self.fields[f"column_{i}"] = forms.ChoiceField(
                label=f"Column “{header}”", choices=FIELD_CHOICES, required=False,
                initial=UNDECIDED, help_text=_hint_text(hints.get(header, False), k))
        self.fields["grade_order"] = grade

    @classmethod
    def initial_for(cls, upload) -> dict:
        initial = {}
        for i, header in enumerate(upload.headers):
            name = upload.mapping.get(header)
            initial[f"column_{i}"] = UNDECIDED if name is None else name
        initial["grade_order"] = "\n".join(upload.grade_order)
        return initial

    def mapping(self) -> dict[str, str | None]:
        """Header → field name, "" to leave the column out, None when not decided."""
        out: dict[str, str | None] = {}
        for i, header in enumerate(self.headers):
            value = self.cleaned_data.get(f"column_{i}")
            out[header] = None if value in (None, UNDECIDED) else value
        return out

    def grades(self) -> list[str]:
        return [g.strip() for g in self.cleaned_data.get("grade_order", "").splitlines()
                if g.strip()]


class LinkRejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=200,
        help_text="The person sees this on their survey page. Say what they can do (for "
                  "example, check the number on their payslip); never mention another "
                  "person's claim.")

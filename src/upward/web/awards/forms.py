"""Forms for awards pages. The entry form is built from the category's questions."""

from __future__ import annotations

from django import forms

from upward.web.awards.models import ATTACHMENT_TYPES, Category, Criterion, Cycle, Question

DATETIME = {"type": "datetime-local"}


def _datetime_field(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=forms.DateTimeInput(attrs=DATETIME,
                                                                       format="%Y-%m-%dT%H:%M"),
                               help_text="UK time (Europe/London).")


class CycleForm(forms.ModelForm):
    error_names = {"name": "the cycle's name"}
    entries_open_at = _datetime_field("Entries open")
    entries_close_at = _datetime_field("Entries close")
    judging_starts_at = _datetime_field("Judging starts")
    judging_ends_at = _datetime_field("Judging ends")
    finalists_announced_at = _datetime_field("Finalists announced")
    winners_announced_at = _datetime_field("Winners announced")

    class Meta:
        model = Cycle
        fields = ["name", "description", "entries_open_at", "entries_close_at",
                  "judging_starts_at", "judging_ends_at", "finalists_announced_at",
                  "winners_announced_at"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CategoryForm(forms.ModelForm):
    error_names = {"name": "the category's name"}
    attachment_types = forms.MultipleChoiceField(
        label="Attachment types allowed", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(k, v[0]) for k, v in ATTACHMENT_TYPES.items()],
        help_text="Checked by the file's content, not its name.")

    class Meta:
        model = Category
        fields = ["name", "description", "eligibility", "self_entry_allowed",
                  "nominations_allowed", "team_entries", "members_only", "attachment_types",
                  "max_attachments", "max_attachment_mb", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "eligibility": forms.Textarea(attrs={"rows": 3})}
        labels = {"max_attachments": "Most attachments per entry (0 for none)",
                  "order": "Position in the list"}


class QuestionForm(forms.ModelForm):
    error_names = {"label": "the question"}

    class Meta:
        model = Question
        fields = ["label", "help_text", "required", "word_limit", "blind", "order"]
        labels = {"label": "Question", "word_limit": "Word limit (leave empty for none)",
                  "blind": "Hide the answer from judges (blind)",
                  "order": "Position in the form"}


class CriterionForm(forms.ModelForm):
    error_names = {"name": "the criterion's name"}

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "scale_min", "scale_max", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"scale_min": "Lowest score", "scale_max": "Highest score",
                  "order": "Position in the list"}


class SelfEntryForm(forms.Form):
    error_names = {"title": "a title for your entry"}
    title = forms.CharField(label="Entry title", max_length=200)
    team_name = forms.CharField(label="Team name (for a team entry)", max_length=200,
                                required=False)


class NominationForm(forms.Form):
    error_names = {"email": "their email address", "title": "a title for the nomination"}
    email = forms.EmailField(label="Their work email address",
                             help_text="They are asked to agree before anything goes further.")
    title = forms.CharField(label="Nomination title", max_length=200)
    reason = forms.CharField(label="Why you are nominating them (only they and the awards "
                                   "team see this)", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))
    team_name = forms.CharField(label="Team name (for a team entry)", max_length=200,
                                required=False)


class ConsentForm(forms.Form):
    answer = forms.ChoiceField(
        label="Do you agree to this nomination?", widget=forms.RadioSelect,
        choices=[("give", "Yes, I agree: my entry can be completed, judged and, if I am a "
                          "finalist or winner, published"),
                 ("decline", "No, I decline: nothing about me goes any further")],
        error_messages={"required": "Select whether you agree to the nomination"})


class EntryForm(forms.Form):
    """The title and one text field per question. Required questions are only required
    on submit (the service checks), so a draft can be saved half done."""

    error_names = {"title": "a title for the entry"}

    def __init__(self, *args, questions=(), used=None, **kwargs):
        """``used``: question id → words in the saved answer, shown in the hint."""
        super().__init__(*args, **kwargs)
        used = used or {}
        self.fields["title"] = forms.CharField(label="Entry title", max_length=200)
        self.questions = list(questions)
        for q in self.questions:
            hint = q.help_text
            if q.word_limit:
                count = f" ({used[q.pk]:,} used)" if used.get(q.pk) else ""
                hint = f"{hint} Up to {q.word_limit:,} words{count}.".strip()
            self.fields[f"q_{q.pk}"] = forms.CharField(
                label=q.label + ("" if q.required else " (optional)"), required=False,
                help_text=hint, widget=forms.Textarea(attrs={
                    "rows": 6, **({"data-word-limit": q.word_limit} if q.word_limit else {})}))

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Add an attachment",
                           error_messages={"required": "Choose a file to attach"})


class SeconderForm(forms.Form):
    error_names = {"email": "the seconder's email address"}
    email = forms.EmailField(label="Seconder's work email address",
                             help_text="A network member who can add a short endorsement.")


class EndorsementForm(forms.Form):
    error_names = {"text": "your endorsement"}
    text = forms.CharField(label="Your endorsement", max_length=1500,
                           widget=forms.Textarea(attrs={"rows": 5}))

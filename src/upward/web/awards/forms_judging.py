"""Forms for judging pages: panels, assignment, conflicts, scores and reopening."""

from __future__ import annotations

from django import forms

from upward.web.awards.selectors.entries import person_name


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class _PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class PanelForm(forms.Form):
    error_names = {"name": "the panel's name"}
    name = forms.CharField(label="Panel name", max_length=120)
    judges = _PeopleChoice(label="Judges", queryset=None, widget=forms.CheckboxSelectMultiple,
                           error_messages={"required": "Choose at least one judge"})
    lead_judge = _PersonChoice(label="Lead judge", queryset=None, required=False,
                               help_text="Sees the panel's progress and sends reminders.")
    max_entries_per_judge = forms.IntegerField(
        label="Most entries per judge", required=False, min_value=1, max_value=1000,
        help_text="Leave empty for no limit.")

    def __init__(self, *args, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judges"].queryset = judges
        self.fields["lead_judge"].queryset = judges


class AutoAssignForm(forms.Form):
    method = forms.ChoiceField(
        label="How to assign", widget=forms.RadioSelect,
        choices=[("balanced", "Balanced: spread entries evenly across judges"),
                 ("random", "Random")],
        error_messages={"required": "Select how to assign"})
    judges_per_entry = forms.IntegerField(label="Judges per entry", min_value=1,
                                          max_value=50, initial=3)
    seed = forms.IntegerField(label="Seed", min_value=0, max_value=2**31 - 1, initial=0,
                              help_text="The same seed gives the same assignment.")


class ManualAssignForm(forms.Form):
    entry = forms.TypedChoiceField(label="Entry", coerce=int,
                                   error_messages={"required": "Select an entry"})
    judge = forms.TypedChoiceField(label="Judge", coerce=int,
                                   error_messages={"required": "Select a judge"})

    def __init__(self, *args, entries, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "Choose an entry")] + [
            (e.pk, f"#{e.pk} {e.title}") for e in entries]
        self.fields["judge"].choices = [("", "Choose a judge")] + [
            (j.pk, person_name(j)) for j in judges]


class ReasonForm(forms.Form):
    error_names = {"reason": "the reason"}
    reason = forms.CharField(label="Reason", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ScoreForm(forms.Form):
    """One score and one comment per criterion; a score may be left empty while saving."""

    def __init__(self, *args, criteria_scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = [c for c, _ in criteria_scores]
        for criterion, score in criteria_scores:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (weight {criterion.weight.normalize()})",
                required=False, min_value=criterion.scale_min, max_value=criterion.scale_max,
                help_text=(f"{criterion.description} " if criterion.description else "")
                + f"A whole number from {criterion.scale_min} to {criterion.scale_max}.",
                initial=score.value if score else None,
                error_messages={
                    "invalid": f"Enter a whole number for {criterion.name}",
                    "min_value": f"{criterion.name} must be {criterion.scale_min} or more",
                    "max_value": f"{criterion.name} must be {criterion.scale_max} or less"})
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name}", required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "")

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {c.pk: (self.cleaned_data.get(f"score_{c.pk}"),
                       self.cleaned_data.get(f"comment_{c.pk}", "")) for c in self.criteria}

"""Impact forms: goals, the organisation's frameworks, initiatives, KPIs and their
yearly values. Every message says what to do."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from upward.web.impact.kpis import registry_choices
from upward.web.impact.models import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_TEXT,
    Direction,
    InitiativeStatus,
    KpiKind,
    Unit,
)
from upward.web.impact.selectors.frameworks import goals_for_choice
from upward.web.impact.selectors.initiatives import owner_choices, person_name

MAX_NAME = 200
MAX_SOURCE = 500


def _text(label: str, *, max_length: int = MAX_TEXT, required: bool = False, hint: str = "",
          rows: int = 4) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           help_text=hint, widget=forms.Textarea(attrs={"rows": rows}))


class AmountField(forms.CharField):
    """A number typed as text and read as a Decimal (core's bound field cannot word
    DecimalField's DecimalValidator, which has no ``message``)."""

    def __init__(self, *, label: str, places: int = 3, minimum: Decimal | None = None,
                 maximum: Decimal = Decimal("99999999999"), example: str = "120 or 0.45",
                 **kwargs):
        kwargs.setdefault("required", False)
        # No max_length: it would add a character count meant for prose.
        super().__init__(label=label, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                         **kwargs)
        self.places, self.minimum, self.maximum, self.example = places, minimum, maximum, example

    def clean(self, value):
        text = (super().clean(value) or "").strip().replace(",", "").lstrip("£")
        if not text:
            return None
        if len(text) > 30:
            raise forms.ValidationError(f"Enter {self.label.lower()} as a number up to "
                                        f"{self.maximum:,}")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(f"Enter {self.label.lower()} as a number, like "
                                        f"{self.example}") from None
        if not number.is_finite() or abs(number) > self.maximum:
            raise forms.ValidationError(f"Enter {self.label.lower()} as a number up to "
                                        f"{self.maximum:,}")
        if self.minimum is not None and number < self.minimum:
            raise forms.ValidationError(f"{self.label} must be {self.minimum} or more")
        if number != number.quantize(Decimal(1).scaleb(-self.places)):
            raise forms.ValidationError(f"Enter {self.label.lower()} with up to {self.places} "
                                        "decimal places")
        return number


def _amount(label: str, hint: str = "") -> AmountField:
    return AmountField(label=label, help_text=hint)


class GoalForm(forms.Form):
    """Completing a goal. An official name is shown, not offered for editing."""

    error_names = {"name": "goal's name"}
    name = forms.CharField(label="Name", max_length=MAX_NAME, required=False,
                           help_text="The name from the framework's own publication. Leave it "
                                     "empty until you have it: Upward never invents one.")
    description = _text("Description", hint="What the goal covers.")
    source = forms.CharField(label="Source", max_length=MAX_SOURCE, required=False,
                             help_text="Where the name and description come from, such as "
                                       "the publication and its date.")

    def __init__(self, *args, official: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if official:
            del self.fields["name"]


class FrameworkForm(forms.Form):
    error_names = {"name": "framework's name"}
    name = forms.CharField(label="Name", max_length=MAX_NAME)
    publisher = forms.CharField(label="Publisher", max_length=MAX_NAME, required=False)
    source = forms.CharField(label="Source", max_length=MAX_SOURCE, required=False)
    description = _text("Description")


class OwnGoalForm(forms.Form):
    error_names = {"name": "goal's name"}
    name = forms.CharField(label="Name", max_length=MAX_NAME)
    description = _text("Description")
    source = forms.CharField(label="Source", max_length=MAX_SOURCE, required=False)


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class GoalsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.framework.name}: {obj.label}"


class InitiativeForm(forms.Form):
    error_names = {"name": "initiative's name"}
    name = forms.CharField(label="Name", max_length=MAX_NAME)
    description = _text("Description", hint="What the initiative does and for whom.")
    owner = OwnerField(label="Owner", queryset=owner_choices(), required=False,
                       empty_label="No owner yet",
                       error_messages={"invalid_choice": "Select an owner from the list"})
    budget_gbp = AmountField(label="Budget per year (£)", places=2, minimum=Decimal(0),
                             maximum=Decimal("9999999999"), example="12000 or 12000.50",
                             help_text="In pounds, for one year. Leave empty if none.")
    status = forms.ChoiceField(label="Status", choices=InitiativeStatus.choices,
                               widget=forms.RadioSelect, initial=InitiativeStatus.ACTIVE,
                               error_messages={"required": "Select the initiative's status"})
    goals = GoalsField(label="Goals it works towards", queryset=goals_for_choice(),
                       widget=forms.CheckboxSelectMultiple,
                       error_messages={"required": "Select at least one goal the initiative "
                                                   "works towards",
                                       "invalid_choice": "Select goals from the list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices()
        self.fields["goals"].queryset = goals_for_choice()

    @classmethod
    def initial_for(cls, initiative) -> dict:
        return {"name": initiative.name, "description": initiative.description,
                "owner": initiative.owner_id, "budget_gbp": initiative.budget_gbp,
                "status": initiative.status,
                "goals": list(initiative.goals.values_list("pk", flat=True))}


class KpiForm(forms.Form):
    error_names = {"name": "KPI's name"}
    name = forms.CharField(label="Name", max_length=MAX_NAME)
    kind = forms.ChoiceField(label="Kind", choices=KpiKind.choices, widget=forms.RadioSelect,
                             initial=KpiKind.MANUAL,
                             error_messages={"required": "Select whether Upward computes it "
                                                         "or you enter it"})
    computed_key = forms.ChoiceField(
        label="What Upward computes", required=False,
        help_text="Only for a computed KPI: its unit is the computation's.",
        error_messages={"invalid_choice": "Select what Upward computes from the list"})
    unit = forms.ChoiceField(label="Unit", choices=Unit.choices, initial=Unit.COUNT,
                             error_messages={"required": "Select the unit"})
    direction = forms.ChoiceField(label="Which way is better", choices=Direction.choices,
                                  widget=forms.RadioSelect, initial=Direction.HIGHER,
                                  error_messages={"required": "Select which way is better"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["computed_key"].choices = [("", "Not computed"), *registry_choices()]

    @classmethod
    def initial_for(cls, kpi) -> dict:
        return {f: getattr(kpi, f) for f in ("name", "kind", "computed_key", "unit",
                                             "direction")}


class KpiValueForm(forms.Form):
    year = forms.IntegerField(
        label="Year", min_value=FIRST_YEAR, max_value=LAST_YEAR,
        error_messages={"required": "Enter the year", "invalid": "Year must be a year, like 2026",
                        "min_value": f"Year must be {FIRST_YEAR} or later",
                        "max_value": f"Year must be {LAST_YEAR} or earlier"})
    baseline = _amount("Baseline", "Where it started. Percentages as fractions: 0.45 is 45%.")
    target = _amount("Target")
    actual = _amount("Actual", "Only for a KPI entered by hand; Upward computes the rest.")
    evidence = _text("Evidence", hint="Where the actual comes from: a document, a survey, "
                                      "a count, and who checked it.")

    def __init__(self, *args, computed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if computed:
            del self.fields["actual"]
            del self.fields["evidence"]

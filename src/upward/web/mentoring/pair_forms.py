"""Forms of a pair's space: goals, meetings, the next meeting, ending, feedback."""

from __future__ import annotations

from django import forms

from upward.web.mentoring.models import MAX_NOTES, MAX_TEXT, EndReason, Outcome

SATISFACTION_CHOICES = [
    ("5", "5 — very satisfied"), ("4", "4 — satisfied"), ("3", "3 — neither"),
    ("2", "2 — dissatisfied"), ("1", "1 — very dissatisfied"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class GoalForm(forms.Form):
    error_names = {"text": "goal"}
    text = forms.CharField(label="Add a goal you agreed", max_length=200,
                           help_text="For example: “Apply for a grade 7 role by March”.")


class MeetingForm(forms.Form):
    error_names = {"held_on": "date of the meeting", "minutes": "length in minutes"}
    held_on = forms.DateField(label="Date", widget=DateInput(),
                              input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                              error_messages={"required": "Enter the date of the meeting"})
    minutes = forms.IntegerField(label="How long it lasted, in minutes", required=False,
                                 min_value=1, max_value=600)
    notes = forms.CharField(
        label="Notes", required=False, max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only the two of you can read these notes: not the programme's leads, "
                  "not administrators.")


class NextMeetingForm(forms.Form):
    error_names = {"at": "date and time of the next meeting"}
    at = forms.DateTimeField(
        label="Date and time (UK time)", widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": "Enter the date and time of the next meeting"})
    place = forms.CharField(label="Place", required=False, max_length=200,
                            help_text="A room, a café or “Video call”.")


class EndForm(forms.Form):
    error_names = {"reason": "why the pair is ending"}
    reason = forms.ChoiceField(label="Why is the pair ending?", choices=EndReason.choices,
                               widget=forms.RadioSelect,
                               help_text="Leads see only how many pairs ended for each "
                                         "reason, never yours. The other person is not told.")
    rematch_wanted = forms.BooleanField(
        label="I would like a new match", required=False,
        help_text="You stay in the programme's pool and can be matched with someone else. "
                  "Leave it unticked to pause your sign-up.")


class FeedbackForm(forms.Form):
    error_names = {"satisfaction": "how satisfied you are"}
    satisfaction = forms.TypedChoiceField(
        label="How satisfied are you with the mentoring?", choices=SATISFACTION_CHOICES,
        coerce=int, widget=forms.RadioSelect)
    outcomes = forms.MultipleChoiceField(
        label="What came of it so far?", choices=Outcome.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    comments = forms.CharField(
        label="Comments", required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only you can read your comments. Leads see satisfaction and outcomes as "
                  "totals of at least a few people, never yours alone.")

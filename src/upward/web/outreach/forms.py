"""Forms for opportunities, volunteer profiles, safeguarding, outcomes and school
contacts. Times are entered in Europe/London local time (GMT or BST, whichever applies
on the day). No form asks for a pupil's name or any child's details."""

from __future__ import annotations

from datetime import datetime

from django import forms

from upward.web.core.periods import UK_TIME
from upward.web.outreach.models import (
    MAX_TEXT,
    MAX_TITLE,
    YEAR_GROUPS,
    ActivityType,
    DbsStatus,
    Format,
    year_group_label,
)
from upward.web.outreach.selectors.opportunities import SchoolLookupError, school_lookup

LONDON = UK_TIME
YEAR_CHOICES = [(str(y), year_group_label(y)) for y in YEAR_GROUPS]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _years(field_label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=field_label, choices=YEAR_CHOICES, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class GuestOpportunityForm(forms.Form):
    """An opportunity without its school (a school contact proposes for their own)."""

    error_names = {"day": "date", "start_time": "start time", "end_time": "end time",
                   "pupils_expected": "number of pupils", "volunteers_needed":
                   "number of volunteers"}
    kind = forms.ChoiceField(label="Kind of activity", choices=ActivityType.choices,
                             error_messages={"required": "Select the kind of activity"})
    title = forms.CharField(label="Title", max_length=MAX_TITLE)
    description = forms.CharField(label="Description", max_length=MAX_TEXT, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text="What volunteers will do. Never name a pupil.")
    day = forms.DateField(label="Date", widget=DateInput(),
                          input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    start_time = forms.TimeField(label="Start time", widget=TimeInput(),
                                 help_text="UK time (GMT or BST), for example 14:30.")
    end_time = forms.TimeField(label="End time", widget=TimeInput())
    format = forms.ChoiceField(label="Where", choices=Format.choices, initial=Format.IN_PERSON,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select in person or online"})
    place = forms.CharField(label="Place (in person)", max_length=300, required=False,
                            help_text="Address or room. Leave empty for the school itself.")
    link = forms.URLField(label="Link to join (online)", max_length=500, required=False,
                          assume_scheme="https",
                          error_messages={"invalid": "Enter the link in full, like "
                                                     "https://meet.example.org/careers"})
    year_groups = _years("Year groups")
    pupils_expected = forms.IntegerField(label="Pupils expected", min_value=0, max_value=5000,
                                         required=False)
    volunteers_needed = forms.IntegerField(label="Volunteers needed", min_value=1,
                                           max_value=500, initial=2)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = datetime.combine(day, start, tzinfo=LONDON)
            data["ends_at"] = datetime.combine(day, end, tzinfo=LONDON)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", "The end time must be after the start time")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"], "title": data["title"].strip(),
            "description": data.get("description", "").strip(),
            "starts_at": data["starts_at"], "ends_at": data["ends_at"],
            "format": data["format"], "place": data.get("place", "").strip(),
            "link": data.get("link", ""),
            "year_groups": [int(y) for y in data.get("year_groups") or []],
            "pupils_expected": data.get("pupils_expected"),
            "volunteers_needed": data["volunteers_needed"],
        }

    @staticmethod
    def initial_from(opportunity) -> dict:
        start, end = (opportunity.starts_at.astimezone(LONDON),
                      opportunity.ends_at.astimezone(LONDON))
        return {"kind": opportunity.kind, "title": opportunity.title,
                "description": opportunity.description,
                "school": str(opportunity.school.urn) if opportunity.school else "",
                "day": start.date(), "start_time": start.time(), "end_time": end.time(),
                "format": opportunity.format, "place": opportunity.place,
                "link": opportunity.link,
                "year_groups": [str(y) for y in opportunity.year_groups],
                "pupils_expected": opportunity.pupils_expected,
                "volunteers_needed": opportunity.volunteers_needed}


class SchoolField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label="School", max_length=300,
                         help_text="The school's name or URN, as in the schools directory.",
                         **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return school_lookup(text)
        except SchoolLookupError as error:
            raise forms.ValidationError(str(error)) from None


class OpportunityForm(GuestOpportunityForm):
    school = SchoolField(required=False)
    field_order = ["kind", "title", "description", "school"]

    def service_fields(self) -> dict:
        return {**super().service_fields(), "school": self.cleaned_data.get("school")}


class VolunteerProfileForm(forms.Form):
    error_names = {"travel_km": "travel distance"}
    available = forms.BooleanField(label="I am available to volunteer", required=False)
    activity_types = forms.MultipleChoiceField(
        label="What you would like to do", choices=ActivityType.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="None ticked: any of these.")
    year_groups = _years("Year groups you prefer")
    year_groups.help_text = "None ticked: any year group."
    base_office = forms.ModelChoiceField(label="Office you would travel from", queryset=None,
                                         required=False, empty_label="No office (online only)")
    travel_km = forms.IntegerField(label="How far you would travel, in km", min_value=0,
                                   max_value=500, initial=10)
    online = forms.BooleanField(label="I will also volunteer online", required=False)
    dbs_status = forms.ChoiceField(
        label="DBS check (information you supply)", choices=DbsStatus.choices, required=False,
        help_text="Information you supply, not a requirement: supervised one-off visits "
                  "need no DBS check. Do not enter a certificate number.")
    dbs_checked_on = forms.DateField(label="Date of that DBS check (optional)", required=False,
                                     widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    about = forms.CharField(label="About you (optional)", max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Your job and what pupils could learn from you.")

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        from upward.web.outreach.models import Office

        self.fields["base_office"].queryset = offices if offices is not None \
            else Office.objects.all()

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"activity_types": data["activity_types"],
                "year_groups": [int(y) for y in data["year_groups"]],
                "base_office": data.get("base_office"), "travel_km": data["travel_km"],
                "online": data["online"], "available": data["available"],
                "dbs_status": data.get("dbs_status") or "",
                "dbs_checked_on": data.get("dbs_checked_on"), "about": data.get("about", "")}


class SafeguardingForm(forms.Form):
    supervised_at_all_times = forms.BooleanField(
        label="Volunteers are supervised by school staff at all times", required=False)
    id_on_arrival = forms.BooleanField(label="Volunteers show photo ID on arrival",
                                       required=False)
    visitor_badge = forms.BooleanField(label="Volunteers wear a visitor badge", required=False)
    school_policy_read = forms.BooleanField(
        label="Volunteers have been sent the school's safeguarding policy", required=False)
    school_safeguarding_lead = forms.CharField(
        label="The school's designated safeguarding lead", max_length=120, required=False,
        help_text="An adult at the school volunteers can go to with a concern.")
    notes = forms.CharField(label="Notes for volunteers", max_length=2000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="For example where to sign in. Never name a pupil.")


class OutcomeForm(forms.Form):
    error_names = {"pupils_reached": "number of pupils reached",
                   "volunteer_hours": "volunteer hours"}
    pupils_reached = forms.IntegerField(label="Pupils reached", min_value=0, max_value=100000)
    year_groups = _years("Year groups reached")
    clear_purpose = forms.BooleanField(label="It had a clear purpose", required=False)
    learning_outcomes = forms.BooleanField(label="Pupils knew the learning outcomes",
                                           required=False)
    two_way_interaction = forms.BooleanField(
        label="There was two-way interaction between pupils and volunteers", required=False)
    follow_up = forms.BooleanField(
        label="Pupils reflected on it afterwards (the school followed it up)", required=False)
    volunteer_hours = forms.DecimalField(label="Volunteer hours, in total", min_value=0,
                                         max_value=10000, max_digits=7, decimal_places=2,
                                         help_text="For example 7.5")
    feedback = forms.CharField(label="Feedback", max_length=MAX_TEXT, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="From the school and the volunteers. Never name a pupil.")
    attended = forms.MultipleChoiceField(label="Volunteers who attended", required=False,
                                         widget=forms.CheckboxSelectMultiple, choices=[])

    def __init__(self, *args, signups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(pk), name) for pk, name in signups]
        if not signups:
            del self.fields["attended"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"pupils_reached": data["pupils_reached"],
                "year_groups": [int(y) for y in data["year_groups"]],
                "clear_purpose": data["clear_purpose"],
                "learning_outcomes": data["learning_outcomes"],
                "two_way_interaction": data["two_way_interaction"],
                "follow_up": data["follow_up"], "volunteer_hours": data["volunteer_hours"],
                "feedback": data.get("feedback", ""),
                "attended_ids": [int(x) for x in data.get("attended") or []]}


class ContactInviteForm(forms.Form):
    error_names = {"name": "their name", "email": "their email address"}
    school = SchoolField()
    name = forms.CharField(label="Their name", max_length=120)
    job_title = forms.CharField(label="Job title (optional)", max_length=120, required=False,
                                help_text="For example: careers leader.")
    email = forms.EmailField(label="Email address", max_length=254)

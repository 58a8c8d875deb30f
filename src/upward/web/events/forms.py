"""Forms for events: a lead's event form (local date and times in the event's zone),
the attendance list and the post-event survey."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms

from upward.web.events.models import (
    DEFAULT_TIME_ZONE,
    MAX_COMMENT,
    MAX_DESCRIPTION,
    MAX_TITLE,
    EventFormat,
)
from upward.web.events.occurrences import MAX_OCCURRENCES, local, local_to_utc, recurrence_rule

#: Zones offered first; any IANA name may be typed through the API.
TIME_ZONES = ["Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin",
              "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Kolkata",
              "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "UTC"]
REPEAT_CHOICES = [("", "Does not repeat"), ("weekly", "Every week"),
                  ("fortnightly", "Every two weeks"), ("monthly", "Every month, same date")]
RATING_CHOICES = [("5", "5 — excellent"), ("4", "4 — good"), ("3", "3 — all right"),
                  ("2", "2 — poor"), ("1", "1 — very poor")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class EventForm(forms.Form):
    error_names = {"starts_on": "date", "starts_time": "start time", "ends_time": "end time",
                   "repeat_count": "number of times", "repeat_until": "last date",
                   "online_link": "joining link", "recording_url": "recording link",
                   "slides_url": "slides link"}
    title = forms.CharField(label="Title", max_length=MAX_TITLE)
    description = forms.CharField(label="Description", required=False,
                                  max_length=MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text="Markdown: **bold**, lists and links work.")
    starts_on = forms.DateField(label="Date", widget=DateInput(),
                                input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    starts_time = forms.TimeField(label="Start time", widget=TimeInput(),
                                  input_formats=["%H:%M"])
    ends_time = forms.TimeField(label="End time", widget=TimeInput(), input_formats=["%H:%M"],
                                help_text="An end time before the start time means the next "
                                          "day.")
    time_zone = forms.ChoiceField(label="Time zone", choices=[(z, z) for z in TIME_ZONES],
                                  initial=DEFAULT_TIME_ZONE,
                                  help_text="The date and times above are local times in "
                                            "this zone.")
    repeat = forms.ChoiceField(label="Repeats", choices=REPEAT_CHOICES, required=False,
                               help_text="One RSVP covers every date of a series.")
    repeat_count = forms.IntegerField(label="Number of times (for a series)", required=False,
                                      min_value=2, max_value=MAX_OCCURRENCES)
    repeat_until = forms.DateField(label="Or last date (for a series)", required=False,
                                   widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    format = forms.ChoiceField(label="Format", choices=EventFormat.choices,
                               initial=EventFormat.IN_PERSON, widget=forms.RadioSelect)
    place = forms.CharField(label="Place", required=False, max_length=200)
    online_link = forms.URLField(label="Joining link", required=False, max_length=500,
                                 assume_scheme="https",
                                 help_text="Shown only to people with a place.")
    capacity = forms.IntegerField(label="Number of places", required=False, min_value=1,
                                  max_value=100_000,
                                  help_text="Leave empty for no limit. When full, people join "
                                            "a waiting list.")
    recording_url = forms.URLField(label="Recording link", required=False, max_length=500,
                                   assume_scheme="https", help_text="Shown after the event.")
    slides_url = forms.URLField(label="Slides link", required=False, max_length=500,
                                assume_scheme="https", help_text="Shown after the event.")

    @classmethod
    def for_event(cls, event, data=None):
        start = local(event.starts_at, event.time_zone)
        end = local(event.ends_at, event.time_zone)
        repeat, count, until = "", None, None
        for part in filter(None, event.recurrence.split(";")):
            key, _, value = part.partition("=")
            if key == "FREQ":
                repeat = {"WEEKLY": "weekly", "MONTHLY": "monthly"}.get(value, "")
            elif key == "INTERVAL" and value == "2":
                repeat = "fortnightly"
            elif key == "COUNT":
                count = int(value)
            elif key == "UNTIL":
                until = local(datetime.strptime(value, "%Y%m%dT%H%M%S%z"),
                              event.time_zone).date()
        initial = {name: getattr(event, name) for name in (
            "title", "description", "time_zone", "format", "place", "online_link",
            "capacity", "recording_url", "slides_url")}
        initial.update(starts_on=start.date(), starts_time=start.time(),
                       ends_time=end.time(), repeat=repeat, repeat_count=count,
                       repeat_until=until)
        return cls(data, initial=initial)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("starts_on"), data.get("starts_time"), data.get("ends_time")
        zone = data.get("time_zone")
        if day is None or start is None or end is None or not zone:
            return data
        try:
            data["starts_at"] = local_to_utc(day, start, zone)
            end_day = day + timedelta(days=1) if end <= start else day
            data["ends_at"] = local_to_utc(end_day, end, zone)
        except ValueError as error:
            self.add_error("starts_time", str(error))
            return data
        repeat = data.get("repeat") or ""
        count, until = data.get("repeat_count"), data.get("repeat_until")
        if repeat and (count is None) == (until is None):
            self.add_error("repeat_count", "Enter either a number of times or a last date "
                                           "for the series")
        elif repeat and until is not None and until < day:
            self.add_error("repeat_until", "The last date must be on or after the first date")
        elif not repeat and (count is not None or until is not None):
            self.add_error("repeat", "Select how often the event repeats, or leave the "
                                     "number of times and last date empty")
        else:
            data["recurrence"] = recurrence_rule(repeat, count=count, until=until,
                                                 time_zone=zone)
        fmt = data.get("format")
        if fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not data.get("place"):
            self.add_error("place", "Enter the place, for an event held in person")
        if fmt in (EventFormat.ONLINE, EventFormat.HYBRID) and not data.get("online_link"):
            self.add_error("online_link", "Enter the joining link, for an event held online")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in (
            "title", "description", "starts_at", "ends_at", "time_zone", "recurrence",
            "format", "place", "online_link", "capacity", "recording_url", "slides_url")}


class AttendanceForm(forms.Form):
    error_names = {"attended": "who came"}

    def __init__(self, *args, rsvps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"] = forms.MultipleChoiceField(
            label="Who came", required=False, widget=forms.CheckboxSelectMultiple,
            choices=[(str(r.pk), r.name) for r in rsvps],
            initial=[str(r.pk) for r in rsvps if r.attended],
            help_text="Tick everyone who came. Everyone else with a place is marked absent.")


class SurveyForm(forms.Form):
    error_names = {"rating": "rating"}
    rating = forms.TypedChoiceField(label="How good was the event?", coerce=int,
                                    choices=RATING_CHOICES, widget=forms.RadioSelect,
                                    error_messages={"required": "Select a rating"})
    comment = forms.CharField(label="Anything else? (optional)", required=False,
                              max_length=MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Only you see your comment; leads see totals of the "
                                        "ratings only.")

"""Forms for the schools register: uploading a GIAS file, and an office."""

from __future__ import annotations

from django import forms

from upward.schools.gias import GB_EASTING_MAX, GB_NORTHING_MAX


class GiasUploadForm(forms.Form):
    error_names = {"file": "GIAS file"}
    file = forms.FileField(
        label="GIAS file (CSV)",
        help_text="The “all establishment data” extract from Get Information about Schools, "
                  "as downloaded (Windows-1252, or UTF-8 with a byte-order mark).",
        error_messages={"required": "Choose the GIAS CSV file to import",
                        "empty": "The file is empty — choose the CSV file GIAS exported"})


class OfficeForm(forms.Form):
    name = forms.CharField(label="Office name", max_length=120)
    postcode = forms.CharField(
        label="Postcode", max_length=16, required=False,
        help_text="To find a grid reference from the schools register, if a school there "
                  "has the same postcode.")
    easting = forms.IntegerField(
        label="Easting (metres)", required=False, min_value=0, max_value=GB_EASTING_MAX,
        help_text=f"British National Grid, 0 to {GB_EASTING_MAX:,}.",
        error_messages={"invalid": "Enter the easting as a whole number of metres",
                        "min_value": f"Easting must be between 0 and {GB_EASTING_MAX:,}",
                        "max_value": f"Easting must be between 0 and {GB_EASTING_MAX:,}"})
    northing = forms.IntegerField(
        label="Northing (metres)", required=False, min_value=0, max_value=GB_NORTHING_MAX,
        help_text=f"British National Grid, 0 to {GB_NORTHING_MAX:,}.",
        error_messages={"invalid": "Enter the northing as a whole number of metres",
                        "min_value": f"Northing must be between 0 and {GB_NORTHING_MAX:,}",
                        "max_value": f"Northing must be between 0 and {GB_NORTHING_MAX:,}"})

"""Outreach's impact page: totals over a chosen period, a chart, the tables and a CSV."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from upward.reports.charts import render_chart
from upward.reports.csv_export import write_csv
from upward.web.core.errors import ApplicationError
from upward.web.core.forms import show_service_error
from upward.web.core.permissions import capability_required
from upward.web.outreach.selectors import impact as impact_selectors

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ImpactPeriodForm(forms.Form):
    """The period, from GET: two dates, both included."""

    start = forms.DateField(
        label="From", widget=DATE_INPUT, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": "Enter the first day of the period",
                        "invalid": "Enter the first day as a real date, like 2026-09-01"})
    end = forms.DateField(
        label="To", widget=DATE_INPUT, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": "Enter the last day of the period",
                        "invalid": "Enter the last day as a real date, like 2027-08-31"})


def academic_year(today: date) -> tuple[date, date]:
    """The English school year (1 September to 31 August) that ``today`` is in."""
    first = today.year if today.month >= 9 else today.year - 1
    return date(first, 9, 1), date(first + 1, 8, 31)


def presets(today: date) -> list[tuple[str, date, date]]:
    """The period picker's shortcuts: (label, start, end)."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return [("This academic year", *academic_year(today)),
            ("Last 12 months", year_ago + timedelta(days=1), today),
            ("This calendar year", date(today.year, 1, 1), date(today.year, 12, 31))]


def _period(request) -> tuple[ImpactPeriodForm, date | None, date | None]:
    """The form and its period (the academic year when no dates are given); no period
    when the dates are wrong, with the reason on the form."""
    if "start" not in request.GET and "end" not in request.GET:
        start, end = academic_year(timezone.localdate())
        return ImpactPeriodForm(initial={"start": start, "end": end}), start, end
    form = ImpactPeriodForm(request.GET)
    if not form.is_valid():
        return form, None, None
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        impact_selectors.check_period(start, end)
    except ApplicationError as error:
        show_service_error(form, error)
        return form, None, None
    return form, start, end


@capability_required("see_schools")
def impact(request):
    form, start, end = _period(request)
    context: dict = {"form": form, "impact": None, "presets": [
        (label, reverse("outreach:impact") + "?" + urlencode({"start": s, "end": e}))
        for label, s, e in presets(timezone.localdate())]}
    if start is not None and end is not None:
        found = impact_selectors.outreach_impact(viewer=request.user, start=start, end=end)
        tables = impact_selectors.impact_tables(found)
        context.update(
            impact=found, headline=tables[0], month_table=tables[1], other_tables=tables[2:],
            chart=mark_safe(render_chart(tables[1], id_prefix="impact")),  # noqa: S308 escaped
            csv_url=reverse("outreach:impact_csv") + "?" + urlencode({"start": start,
                                                                      "end": end}))
    return render(request, "outreach/impact.html", context, status=200 if start else 400)


@capability_required("see_schools")
def impact_csv(request):
    form, start, end = _period(request)
    if start is None or end is None:
        raise ApplicationError(" ".join(e for errors in form.errors.values() for e in errors),
                               status=400)
    found = impact_selectors.outreach_impact(viewer=request.user, start=start, end=end)
    rows: list[list[str]] = []
    for table in impact_selectors.impact_tables(found):
        rows += [[table.title], *table.to_rows(), *([note] for note in table.notes), []]
    response = HttpResponse(write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="outreach-impact-{start}-to-'
                                       f'{end}.csv"')
    return response

"""The impact page, its CSV and the API: who may see them, the period picker, bad dates,
the chart with a table of the same numbers, and a CSV that opens safely."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from upward.web.outreach.models import School
from upward.web.outreach.views.impact import presets

from ..mentoring.clients import api_client
from .test_impact import small_year

pytestmark = pytest.mark.django_db
URL = "/outreach/impact/"
PERIOD = {"start": "2026-02-01", "end": "2026-06-30"}


@pytest.fixture
def year():
    return small_year()


def test_urls():
    assert reverse("outreach:impact") == URL
    assert reverse("outreach:impact_csv") == URL + "impact.csv"


@pytest.mark.parametrize(("role", "status"), [
    ("member", 200), ("moderator", 200), ("lead", 200),
    ("analyst", 403), ("judge", 403), ("admin", 403),
])
def test_who_may_see_the_page_and_csv(role, status, personas, client_for):
    client = client_for(personas[role])
    assert client.get(URL).status_code == status
    assert client.get(URL + "impact.csv", PERIOD).status_code == status


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_the_page_shows_the_headline_chart_and_matching_table(year, member, client_for):
    html = client_for(member).get(URL, PERIOD).content.decode()
    assert "1 February 2026 to 30 June 2026" in html
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    assert figures["Pupils reached"] == "90"
    assert figures["Share of pupils at priority schools"] == "33.3%"
    assert figures["Volunteer hours"] == "9.5"
    assert figures["Volunteers"] == "2"
    # the SVG chart (no inline style) and the same numbers in a table beside it
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "style=" not in svg
    assert "Priority schools" in svg and ">30<" in svg and ">40<" in svg
    assert "Pupils reached</text>" in svg  # the value axis says what is counted
    months = re.search(r'<caption id="caption-impact_by_month">.*?</table>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td[^>]*>[^<]*</td>)+)', months)
    table = {label: re.findall(r">([^<]*)</td>", cells) for label, cells in rows}
    assert table["Mar 2026"] == ["30", "0", "30", "1"]
    assert table["Feb 2026"] == ["0", "40", "40", "1"]
    assert 'role="region" aria-labelledby="caption-impact_by_local_authority" tabindex="0"' \
        in html
    assert "No school recorded" in html and "Leeds" in html
    assert 'style="' not in html and "<script>" not in html


def test_without_dates_it_shows_this_academic_year(member, client_for):
    response = client_for(member).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "No outreach recorded in this period" in html
    assert "This academic year" in html and "Last 12 months" in html
    assert re.search(r"1 September 20\d\d to 31 August 20\d\d", html)


@pytest.mark.parametrize(("query", "message"), [
    ({"start": "2026-13-01", "end": "2026-06-30"}, "Enter the first day as a real date"),
    ({"start": "2026-02-01", "end": "soon"}, "Enter the last day as a real date"),
    ({"start": "", "end": "2026-06-30"}, "Enter the first day of the period"),
    ({"start": "2026-07-01", "end": "2026-06-30"}, "same as or after the start date"),
    ({"start": "2010-01-01", "end": "2026-06-30"}, "five years or shorter"),
])
def test_bad_dates_get_a_clear_error_not_a_crash(query, message, member, client_for):
    client = client_for(member)
    response = client.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "There is a problem" in html
    assert 'aria-invalid="true"' in html
    csv_response = client.get(URL + "impact.csv", query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_the_csv_has_the_figures_and_is_formula_safe(year, member, client_for):
    School.objects.filter(urn=2).update(local_authority="=HYPERLINK(\"http://x\")")
    response = client_for(member).get(URL + "impact.csv", PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    assert "outreach-impact-2026-02-01-to-2026-06-30.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Pupils reached", "90"] in rows
    assert ["Mar 2026", "30", "0", "30", "1"] in rows
    assert ["'=HYPERLINK(\"http://x\")", "1", "0", "1", "20"] in rows
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_api_gives_the_same_totals(year, member):
    response = api_client(member, scope="read").get("/api/v1/outreach/impact", PERIOD)
    assert response.status_code == 200
    data = response.json()
    assert (data["engagements"], data["pupils_reached"], data["priority_pupils"],
            data["volunteers"], data["schools"]) == (3, 90, 30, 2, 2)
    assert data["volunteer_hours"] == 9.5
    assert data["by_month"][1] == {"month": "2026-03", "engagements": 1, "pupils_reached": 30,
                                   "priority_pupils": 30}
    assert data["by_local_authority"][0]["local_authority"] == "Leeds"
    assert data["year_groups"][0] == {"year_group": 9, "label": "Year 9", "engagements": 1}


def test_the_api_refuses_bad_periods_and_other_roles(personas):
    api = api_client(personas["member"], scope="read")
    backwards = api.get("/api/v1/outreach/impact", {"start": "2026-07-01", "end": "2026-06-30"})
    assert backwards.status_code == 400
    assert "same as or after" in backwards.json()["detail"]
    assert api.get("/api/v1/outreach/impact", {"start": "2026-02-30",
                                               "end": "2026-06-30"}).status_code == 422
    assert api.get("/api/v1/outreach/impact").status_code == 422
    refused = api_client(personas["analyst"], scope="read").get("/api/v1/outreach/impact",
                                                                PERIOD)
    assert refused.status_code == 403


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 12, 4), [(date(2026, 9, 1), date(2027, 8, 31)),
                         (date(2025, 12, 5), date(2026, 12, 4)),
                         (date(2026, 1, 1), date(2026, 12, 31))]),
    (date(2028, 2, 29), [(date(2027, 9, 1), date(2028, 8, 31)),
                         (date(2027, 3, 1), date(2028, 2, 29)),
                         (date(2028, 1, 1), date(2028, 12, 31))]),
])
def test_the_presets(today, expected):
    assert [(start, end) for _, start, end in presets(today)] == expected

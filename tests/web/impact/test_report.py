"""The annual report: a snapshot freezes every figure once with its provenance, the HTML
and PDF trace each figure to its entry, suppressed numbers never appear, and the same
snapshot always gives the same hash and byte-identical HTML."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from upward.reports.annual import content_hash, render_annual_report
from upward.reports.pdf import html_to_pdf, pdf_text
from upward.web.core.errors import ApplicationError
from upward.web.demo.factories import person
from upward.web.impact.models import ReportSnapshot, ReportStatus
from upward.web.impact.selectors.report import snapshot_document
from upward.web.impact.services import initiatives as kpi_services
from upward.web.impact.services import report as services

from ..outreach.test_impact import small_year
from .builders import initiative

pytestmark = pytest.mark.django_db
YEAR = 2026


class _Figures(HTMLParser):
    """Keys of elements carrying ``data-figure`` and ids of provenance entries."""

    def __init__(self):
        super().__init__()
        self.keys: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-figure" in attrs:
            self.keys.append(attrs["data-figure"])
        if "id" in attrs:
            self.ids.add(attrs["id"])

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Figures:
    parser = _Figures()
    parser.feed(html)
    return parser


def _computed(actor, found, key: str, name: str):
    return kpi_services.kpi_create(actor=actor, initiative=found, name=name, kind="computed",
                                   computed_key=key, unit="count")


@pytest.fixture
def year_of_work(settings, admin):
    """2026 outreach from the outreach tests (9.5 volunteer hours by fewer than k people),
    network KPIs for 2025 and 2026, and a manual KPI with a target."""
    settings.UPWARD_INSIGHTS_K = 10
    small_year()
    found = initiative(admin)
    _computed(admin, found, "outreach_pupils", "Pupils reached")
    _computed(admin, found, "outreach_volunteer_hours", "Volunteer hours")
    _computed(admin, found, "network_members", "Members")
    kpi_services.kpis_compute(actor=admin, year=YEAR - 1)
    kpi_services.kpis_compute(actor=admin, year=YEAR)
    return found


def test_snapshot_freezes_figures_with_provenance(year_of_work, admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR, foreword="Hello.")
    entries = snapshot.figures["entries"]
    assert snapshot.content_hash == content_hash(snapshot.figures)
    pupils = next(e for e in entries.values() if e["label"].endswith("Pupils reached"))
    assert (pupils["value"], pupils["text"], pupils["suppressed"]) == (90.0, "90", False)
    hours = next(e for e in entries.values() if e["label"].endswith("Volunteer hours"))
    assert (hours["value"], hours["suppressed"], hours["text"]) == (None, True, "not published")
    for entry in entries.values():
        assert entry["source"] and entry["inputs_hash"] and entry["period"]
    # no released workforce analysis: the sections say so rather than invent figures
    assert "Not available" in snapshot.figures["unavailable"]["workforce"]
    assert snapshot.figures["k"] == 10


def test_every_figure_traces_to_its_entry(year_of_work, admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    html = render_annual_report(snapshot_document(snapshot))
    parsed = _parse(html)
    entries = snapshot.figures["entries"]
    assert len(parsed.keys) >= 10
    for key in parsed.keys:
        assert key in entries and entries[key]["source"], key
        assert f"source-{key}" in parsed.ids, key
    assert {"outreach_pupils", "outreach_volunteer_hours"} <= set(parsed.keys)


def test_suppressed_number_never_appears_in_html_or_pdf(year_of_work, admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    assert snapshot.figures["entries"]["outreach_volunteer_hours"]["suppressed"] is True
    html = render_annual_report(snapshot_document(snapshot))
    text = " ".join(_parse(html).text)
    assert "not published" in text
    assert not re.search(r"\b9\.5\b", html)  # the 9.5 hours by fewer than k volunteers
    assert "9.5" not in str(snapshot.figures)
    pdf = html_to_pdf(html, content_hash=snapshot.content_hash)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed: run make poppler")
    pages = "\n".join(pdf_text(pdf))
    assert "Outreach with schools" in pages and "not published" in pages
    assert not re.search(r"\b9\.5\b", pages)


def test_same_snapshot_same_hash_same_html(year_of_work, admin):
    first = services.report_snapshot_create(actor=admin, year=YEAR)
    again = services.report_snapshot_create(actor=admin, year=YEAR)
    assert first.content_hash == again.content_hash  # nothing changed: same figures
    reloaded = ReportSnapshot.objects.get(pk=first.pk)
    assert content_hash(reloaded.figures) == first.content_hash
    one = render_annual_report(snapshot_document(first))
    two = render_annual_report(snapshot_document(reloaded))
    assert one.encode() == two.encode()


def test_year_on_year_comparison_uses_previous_values(year_of_work, admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    pupils = snapshot.figures["entries"]["outreach_pupils"]
    assert pupils["previous"] == {"year": YEAR - 1, "value": 0.0, "text": "0",
                                  "suppressed": False}
    html = render_annual_report(snapshot_document(snapshot))
    assert "Figures in 2026 against 2025" in html


def test_bad_year_is_refused_and_nothing_is_stored(admin):
    with pytest.raises(ApplicationError, match="has not started yet"):
        services.report_snapshot_create(actor=admin, year=2100)
    with pytest.raises(ApplicationError, match="from 2000 to 2100"):
        services.report_snapshot_create(actor=admin, year=1999)
    assert not ReportSnapshot.objects.exists()


def test_only_managers_generate(personas):
    with pytest.raises(ApplicationError):
        services.report_snapshot_create(actor=personas["analyst"], year=YEAR)
    assert services.report_snapshot_create(actor=personas["lead"], year=YEAR).pk


def test_foreword_editable_until_published(admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    services.report_foreword_update(actor=admin, snapshot=snapshot, foreword="Our year.")
    services.report_snapshot_publish(actor=admin, snapshot=snapshot)
    assert snapshot.status == ReportStatus.PUBLISHED
    with pytest.raises(ApplicationError, match="published"):
        services.report_foreword_update(actor=admin, snapshot=snapshot, foreword="Changed.")
    assert ReportSnapshot.objects.get(pk=snapshot.pk).foreword == "Our year."


def test_public_stories_quoted_anonymous_ones_without_a_name(personas, admin):
    from django.utils import timezone

    from upward.web.community import services as community

    author = person(roles=["member"], email="quiet@northbridge.example",
                    display_name="Quiet Author")
    named, anonymous, network_only = (community.story_create(
        actor=author, submit=True, title=title, is_anonymous=anon, audience=audience,
        prompt_started=text) for title, anon, audience, text in (
            ("Named", False, "public", "I grew up in Hull."),
            ("Unnamed", True, "public", "Nobody in my family had worked in an office."),
            ("Colleagues only", False, "network", "Only for the network.")))
    # an anonymous post waits for a moderator first
    anonymous = community.post_approve(actor=personas["moderator"], post=anonymous)
    for story in (named, anonymous):
        community.story_public_decide(actor=personas["lead"], story=story, approve=True)
    snapshot = services.report_snapshot_create(actor=admin, year=timezone.localdate().year)
    quotes = {e["label"]: e for e in snapshot.figures["entries"].values()
              if e["kind"] == "quote"}
    assert set(quotes) == {"Named", "Unnamed"}  # approved for the public only
    assert quotes["Unnamed"]["attribution"] == "A network member (anonymous)"
    assert quotes["Named"]["attribution"] == "Quiet Author"
    html = render_annual_report(snapshot_document(snapshot))
    assert "Nobody in my family" in html and "Only for the network" not in html
    assert html.count("Quiet Author") == 1  # the named story only


# --- pages -------------------------------------------------------------------------------


def test_pages_generate_preview_and_download(year_of_work, admin, client_for,
                                             django_capture_on_commit_callbacks):
    client = client_for(admin)
    assert client.get("/impact/report/").status_code == 200
    confirm = client.get(f"/impact/report/generate/?year={YEAR}")
    assert confirm.status_code == 200 and b"Generate the 2026 report" in confirm.content
    with django_capture_on_commit_callbacks(execute=True):  # the worker lays out the PDF
        response = client.post(f"/impact/report/generate/?year={YEAR}")
    snapshot = ReportSnapshot.objects.get()
    assert response.status_code == 302 and response.url == f"/impact/report/{snapshot.pk}/"
    page = client.get(response.url)
    assert page.status_code == 200 and b'data-figure="outreach_pupils"' in page.content
    pdf = client.get(f"/impact/report/{snapshot.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = client.get(f"/impact/report/{snapshot.pk}/report.html")
    assert html.content == render_annual_report(snapshot_document(snapshot)).encode()
    csv = client.get(f"/impact/report/{snapshot.pk}/employer-index-workforce.csv")
    assert csv.content.decode().startswith("Measure,Table,Row,Column,Value as published")
    form = client.post(f"/impact/report/{snapshot.pk}/foreword/", {"foreword": "Thanks all."})
    assert form.status_code == 302
    assert ReportSnapshot.objects.get().foreword == "Thanks all."


def test_pages_permissions(personas, client_for, admin):
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    analyst, member = client_for(personas["analyst"]), client_for(personas["member"])
    assert analyst.get(f"/impact/report/{snapshot.pk}/").status_code == 200
    assert analyst.get("/impact/report/generate/").status_code == 403
    assert analyst.post(f"/impact/report/{snapshot.pk}/foreword/", {"foreword": "x"}
                        ).status_code == 403
    assert member.get("/impact/report/").status_code == 403
    assert member.get(f"/impact/report/{snapshot.pk}/report.pdf").status_code == 403

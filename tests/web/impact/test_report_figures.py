"""The report's figures (``report_figures``), the contract the renderer follows: the
platform's own figures every year whether or not anyone made a KPI of them, suppressed
below k without their number; the change on the year before; the headline list; the
initiatives section; one progress table per framework; survey question tables flagged for
the appendix; and the same data always giving the same dict."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from upward.reports.annual import content_hash
from upward.web.awards.models import Outcome
from upward.web.awards.services.setup import cycle_save
from upward.web.events.models import RSVP, RSVPStatus
from upward.web.impact.kpis import REGISTRY
from upward.web.impact.models import Kpi
from upward.web.impact.selectors.report import HEADLINE, report_figures
from upward.web.impact.services import initiatives as kpi_services
from upward.web.impact.services import report as services

from ..awards.builders import category, cycle_dates
from ..awards.results_builders import entries
from ..events.helpers import make_event, members
from ..mentoring.pairs_factories import make_pair, programme
from .builders import goal, manual_kpi

pytestmark = pytest.mark.django_db
YEAR = 2025
PLATFORM_SECTIONS = {
    "network_members": "network", "stories_published": "network",
    "mentoring_pairs_started": "mentoring", "mentoring_meetings": "mentoring",
    "mentoring_pairs_ended_well": "mentoring", "mentoring_satisfaction": "mentoring",
    "mentoring_mentees_promoted": "mentoring", "events_held": "network",
    "events_attendances": "network", "events_attendees": "network",
    "awards_entries": "awards", "awards_finalists": "awards", "awards_winners": "awards",
    "insights_lower_share": "workforce", "insights_lower_share_top_grade": "workforce",
    "insights_pay_gap_mean": "progression", "insights_pay_gap_median": "progression"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    # insights caches a release's figures by its id, and ids repeat from test to test
    cache.clear()
    yield
    cache.clear()


def _pairs(how_many: int, started: datetime) -> None:
    prog = programme()
    for _ in range(how_many):
        pair = make_pair(prog)
        pair.started_at = started
        pair.save(update_fields=["started_at"])


def _event(starts_at: datetime, people) -> None:
    event = make_event(starts_at=starts_at)
    for who in people:
        RSVP.objects.create(event=event, person=who, status=RSVPStatus.CONFIRMED)


def _awards(admin) -> None:
    """A cycle whose winners were announced (and results published) in 2025: five entries,
    a winner and a finalist."""
    cycle = cycle_save(actor=admin, name="Awards 2025",
                       **cycle_dates(datetime(2025, 3, 1, tzinfo=UTC)))
    cycle.results_published_at = cycle.winners_announced_at
    cycle.save(update_fields=["results_published_at"])
    found = entries(category(admin, cycle), ["A", "B", "C", "D", "E"])
    for entry, outcome in zip(found[:2], (Outcome.WINNER, Outcome.FINALIST), strict=True):
        entry.outcome = outcome
        entry.save()


@pytest.fixture
def platform_year(settings, admin):
    """k = 5. 2025: ten mentoring pairs started on 1 February, two events (six people at
    each), an awards cycle with five entries. 2024: one event with the same six people.
    Nobody has made a KPI of any of it."""
    settings.UPWARD_INSIGHTS_K = 5
    _pairs(10, datetime(2025, 2, 1, 9, tzinfo=UTC))
    people = members(6)
    _event(datetime(2024, 11, 6, 18, tzinfo=UTC), people)
    _event(datetime(2025, 3, 4, 8, tzinfo=UTC), people)
    _event(datetime(2025, 11, 4, 18, tzinfo=UTC), people)
    _awards(admin)
    assert not Kpi.objects.exists()


def test_platform_figures_come_every_year_without_a_kpi(platform_year):
    figures = report_figures(YEAR)
    entries_ = figures["entries"]
    platform = {key.removeprefix("platform_"): e for key, e in entries_.items()
                if key.startswith("platform_")}
    # every registry figure but outreach's (outreach keeps its own entries)
    assert set(platform) == {key for key in REGISTRY if not key.startswith("outreach_")}
    assert {key: e["section"] for key, e in platform.items()} == PLATFORM_SECTIONS
    expected = {"mentoring_pairs_started": (10.0, "10"), "events_held": (2.0, "2"),
                "events_attendances": (12.0, "12"), "events_attendees": (6.0, "6"),
                "awards_entries": (5.0, "5"), "awards_winners": (1.0, "1"),
                "awards_finalists": (2.0, "2")}
    for key, (value, text) in expected.items():
        entry = platform[key]
        assert (entry["kind"], entry["value"], entry["text"], entry["suppressed"]) == \
            ("number", value, text, False), key
        assert entry["label"] == REGISTRY[key].label
    events = platform["events_held"]
    assert events["previous"] == {"year": 2024, "value": 1.0, "suppressed": False, "text": "1"}
    # provenance: the registry's description and query, its period, k and inputs hash
    result = REGISTRY["mentoring_pairs_started"].compute(YEAR)
    pairs = platform["mentoring_pairs_started"]
    assert pairs["source"] == (f"{REGISTRY['mentoring_pairs_started'].description} Query: "
                               f"{result.inputs['query']}")
    assert (pairs["period"], pairs["k"], pairs["inputs_hash"]) == \
        (["2025-01-01", "2025-12-31"], 5, result.inputs_hash)
    assert platform["events_held"]["k"] is None  # events, not people
    # nothing to compute from (no HR snapshot): said so, not a zero and not a suppression
    for key in ("mentoring_mentees_promoted", "insights_lower_share"):
        assert (platform[key]["value"], platform[key]["suppressed"], platform[key]["text"]) \
            == (None, False, "not available"), key
    assert {"outreach_pupils", "outreach_volunteer_hours"} <= set(entries_)
    assert figures["order"] == list(entries_)


def test_a_platform_figure_below_k_is_stored_without_its_number(settings, admin):
    """k = 10: seven people at 2025's event and eight at 2024's, so neither year's
    attendance is published; twelve pairs started in 2025 but three in 2024."""
    settings.UPWARD_INSIGHTS_K = 10
    people = members(8)
    _event(datetime(2024, 5, 8, 18, tzinfo=UTC), people)
    _event(datetime(2025, 5, 7, 18, tzinfo=UTC), people[:7])
    _pairs(3, datetime(2024, 2, 1, 9, tzinfo=UTC))
    _pairs(12, datetime(2025, 2, 1, 9, tzinfo=UTC))
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    entries_ = snapshot.figures["entries"]
    for key in ("platform_events_attendees", "platform_events_attendances"):
        entry = entries_[key]
        assert (entry["value"], entry["suppressed"], entry["text"]) == \
            (None, True, "not published"), key
        assert entry["previous"] == {"year": 2024, "value": None, "suppressed": True,
                                     "text": "not published"}, key
        assert "change" not in entry and not entry.get("headline"), key
    assert "platform_events_attendees" not in snapshot.figures["headline"]
    # neither year's number is anywhere in the frozen JSON
    frozen = json.dumps(snapshot.figures)
    assert not re.search(r"\b[78](\.0)?\b", frozen)
    # published this year, suppressed the year before: no change to show
    pairs = entries_["platform_mentoring_pairs_started"]
    assert (pairs["value"], pairs["previous"]["suppressed"]) == (12.0, True)
    assert "change" not in pairs and not re.search(r"\b3(\.0)?\b", json.dumps(pairs))


def _manual_pair(admin, found, name: str, unit: str, before: str, now: str):
    kpi = manual_kpi(admin, found, name, unit=unit)
    for year, actual in ((YEAR - 1, before), (YEAR, now)):
        kpi_services.kpi_value_set(actor=admin, kpi=kpi, year=year, baseline=None,
                                   target=None, actual=Decimal(actual), evidence="HR report")
    return f"kpi_{kpi.pk}"


def test_change_on_the_year_before(platform_year, admin):
    found = kpi_services.initiative_create(actor=admin, goals=[goal()], name="Apprentices")
    keys = {name: _manual_pair(admin, found, name, unit, before, now)
            for name, unit, before, now in (
                ("Share from lower backgrounds", "percent", "0.31", "0.36"),
                ("Share of leavers", "percent", "0.2", "0.159"),
                ("Applications per place", "number", "14", "12"),
                ("Intake", "count", "5", "5"))}
    entries_ = report_figures(YEAR)["entries"]

    def change(key: str) -> dict | None:
        return entries_[key].get("change")

    # percentages move in percentage points
    assert change(keys["Share from lower backgrounds"]) == \
        {"direction": "up", "text": "+5.0 points on 2024"}
    assert change(keys["Share of leavers"]) == \
        {"direction": "down", "text": "-4.1 points on 2024"}
    # other units by a relative change, or an absolute one from zero
    assert change(keys["Applications per place"]) == \
        {"direction": "down", "text": "-14% on 2024"}
    assert change(keys["Intake"]) == {"direction": "same", "text": "no change on 2024"}
    assert change("platform_events_held") == {"direction": "up", "text": "+100% on 2024"}
    assert change("platform_events_attendees") == \
        {"direction": "same", "text": "no change on 2024"}
    assert change("platform_mentoring_pairs_started") == \
        {"direction": "up", "text": "+10 on 2024"}
    # outreach's own entries too (no outreach either year: no change)
    assert change("outreach_pupils") == {"direction": "same", "text": "no change on 2024"}
    # not available this year: nothing to compare
    assert change("platform_insights_lower_share") is None


def test_headline_figures_in_order_published_only(platform_year, settings):
    figures = report_figures(YEAR)
    published = [key for key in HEADLINE
                 if figures["entries"][key]["value"] is not None]
    assert figures["headline"] == published
    # no outreach, HR snapshot or stories yet: those have no number or a zero
    assert figures["headline"] == [
        "platform_network_members", "outreach_pupils", "outreach_volunteer_hours",
        "platform_mentoring_pairs_started", "platform_events_attendees",
        "platform_awards_entries", "platform_stories_published"]
    marked = [key for key, e in figures["entries"].items() if e.get("headline")]
    assert sorted(marked) == sorted(figures["headline"])
    # below k the figure leaves the headline (k = 7: six people at the events)
    settings.UPWARD_INSIGHTS_K = 7
    again = report_figures(YEAR)
    assert again["entries"]["platform_events_attendees"]["suppressed"]
    assert "platform_events_attendees" not in again["headline"]
    assert not again["entries"]["platform_events_attendees"].get("headline")


def test_initiatives_kpis_in_their_own_section(platform_year, admin):
    second = kpi_services.initiative_create(
        actor=admin, goals=[goal()], name="Network events", description="Talks and socials.")
    first = kpi_services.initiative_create(
        actor=admin, goals=[goal()], name="Apprenticeships", description="A degree route.")
    held = kpi_services.kpi_create(actor=admin, initiative=second, name="Events held",
                                   kind="computed", computed_key="events_held", unit="count")
    kpi_services.kpi_value_set(actor=admin, kpi=held, year=YEAR, baseline=Decimal(1),
                               target=Decimal(4))
    kpi_services.kpis_compute(actor=admin, year=YEAR)
    zeta = manual_kpi(admin, first, "Zeta share", unit="percent")
    alpha = manual_kpi(admin, first, "Alpha count")
    kpi_services.kpi_value_set(actor=admin, kpi=zeta, year=YEAR, baseline=Decimal("0.3"),
                               target=Decimal("0.4"), actual=Decimal("0.42"),
                               evidence="Intake survey")
    kpi_services.kpi_value_set(actor=admin, kpi=alpha, year=YEAR, baseline=None,
                               target=Decimal(10), actual=None)
    entries_ = report_figures(YEAR)["entries"]
    initiatives = [(key, e) for key, e in entries_.items() if key.startswith("kpi_")]
    assert [e["label"] for _, e in initiatives] == [
        "Apprenticeships: Alpha count", "Apprenticeships: Zeta share",
        "Network events: Events held"]
    assert all(e["section"] == "initiatives" and not e.get("headline")
               for _, e in initiatives)
    alpha_e, zeta_e, held_e = (e for _, e in initiatives)
    assert {k: zeta_e[k] for k in ("initiative", "initiative_description", "kpi",
                                   "baseline_text", "target_text", "status", "manual",
                                   "evidence", "text")} == {
        "initiative": "Apprenticeships", "initiative_description": "A degree route.",
        "kpi": "Zeta share", "baseline_text": "30.0%", "target_text": "40.0%",
        "status": "On track", "manual": True, "evidence": "Intake survey", "text": "42.0%"}
    assert zeta_e["share"] == pytest.approx(1.05)
    assert (alpha_e["status"], alpha_e["share"], alpha_e["baseline_text"],
            alpha_e["target_text"]) == ("No actual yet", None, "", "10")
    assert {k: held_e[k] for k in ("initiative", "kpi", "status", "share", "manual",
                                   "text", "baseline_text")} == {
        "initiative": "Network events", "kpi": "Events held", "status": "Behind",
        "share": 0.5, "manual": False, "text": "2", "baseline_text": "1"}
    assert "evidence" not in held_e


def test_progress_is_one_table_per_framework(platform_year, admin):
    outreach = kpi_services.initiative_create(
        actor=admin, name="Schools outreach",
        goals=[goal("gatsby_benchmarks", 6), goal("gatsby_benchmarks", 5),
               goal("employer_index_2017", 1)])
    awards = kpi_services.initiative_create(actor=admin, name="Awards",
                                            goals=[goal("gatsby_benchmarks", 5)])
    talks = manual_kpi(admin, outreach, "Talks given")
    kpi_services.kpi_value_set(actor=admin, kpi=talks, year=YEAR, baseline=Decimal(2),
                               target=Decimal(8), actual=Decimal(6), evidence="Log")
    entered = kpi_services.kpi_create(actor=admin, initiative=awards, name="Entries",
                                      kind="computed", computed_key="awards_entries",
                                      unit="count")
    kpi_services.kpi_value_set(actor=admin, kpi=entered, year=YEAR, baseline=None,
                               target=Decimal(4))
    kpi_services.kpis_compute(actor=admin, year=YEAR)
    entries_ = report_figures(YEAR)["entries"]
    progress = {key: e for key, e in entries_.items() if e["section"] == "progress"}
    # one per framework with a goal mapped to an initiative, none per goal
    assert set(progress) == {"progress_gatsby_benchmarks", "progress_employer_index_2017"}
    gatsby = progress["progress_gatsby_benchmarks"]
    assert (gatsby["kind"], gatsby["label"]) == ("table", "Gatsby Benchmarks")
    table = gatsby["table"]
    assert table["title"] == "Gatsby Benchmarks: progress in 2025"
    assert table["columns"] == ["Goal and KPI", "Initiative", "Target", "Actual",
                                "Share of target", "Status"]
    rows = [(label, [cell["text"] for cell in cells]) for label, cells in table["rows"]]
    assert rows == [
        ("5 Encounters with employers and employees: Entries",
         ["Awards", "4", "5", "125%", "On track"]),
        ("5 Encounters with employers and employees: Talks given",
         ["Schools outreach", "8", "6", "75%", "Behind"]),
        ("6 Experiences of workplaces: Talks given",
         ["Schools outreach", "8", "6", "75%", "Behind"])]
    chart = table["chart"]
    assert (chart["kind"], chart["unit"]) == ("bars", "percent")
    assert chart["categories"] == ["5: Entries", "5: Talks given", "6: Talks given"]
    assert chart["series"] == [["Share of target reached", [1.25, 0.75, 0.75]]]
    employer = progress["progress_employer_index_2017"]["table"]
    assert [label for label, _ in employer["rows"]] == ["1 Work with young people: Talks given"]


def test_survey_question_tables_are_flagged_for_the_appendix(personas):
    from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
    from upward.web.insights.services import snapshot_import_file

    people = synthetic_people(600, seed=11, snapshot_date=date(2025, 3, 31))
    snapshot_import_file(actor=personas["analyst"], content=synthetic_csv(people),
                         source_name="hr.csv", snapshot_date=date(2025, 3, 31))
    entries_ = report_figures(YEAR)["entries"]
    tables = {key: e for key, e in entries_.items() if key.startswith("workforce_")}
    questions = {key for key in tables if key.startswith("workforce_question_")}
    assert questions and len(questions) < len(tables)
    for key, entry in tables.items():
        assert entry.get("appendix", False) is (key in questions), key
        if key in questions:
            assert entry["section"] == "workforce"
    # the released figures are the platform's workforce figures too
    assert entries_["platform_insights_lower_share"]["section"] == "workforce"
    assert 0 < entries_["platform_insights_lower_share"]["value"] < 1


def test_same_data_same_figures(platform_year, admin):
    kpi_services.kpi_create(actor=admin, initiative=kpi_services.initiative_create(
        actor=admin, goals=[goal()], name="Events"), name="Held", kind="computed",
        computed_key="events_held", unit="count")
    kpi_services.kpis_compute(actor=admin, year=YEAR)
    first, second = report_figures(YEAR), report_figures(YEAR)
    assert first == second and content_hash(first) == content_hash(second)
    assert json.loads(json.dumps(first, allow_nan=False)) == first  # JSON-clean
    one = services.report_snapshot_create(actor=admin, year=YEAR)
    two = services.report_snapshot_create(actor=admin, year=YEAR)
    assert one.content_hash == two.content_hash == content_hash(first)


def test_generating_recalculates_computed_kpis_so_they_agree_with_the_platform(
        platform_year, admin):
    tracked = kpi_services.initiative_create(actor=admin, goals=[goal()], name="Events")
    held = kpi_services.kpi_create(actor=admin, initiative=tracked, name="Events held",
                                   kind="computed", computed_key="events_held", unit="count")
    kpi_services.kpi_value_set(actor=admin, kpi=held, year=YEAR, baseline=None,
                               target=Decimal(4))
    kpi_services.kpis_compute(actor=admin, year=YEAR)
    # months later more events are recorded; nobody pressed Recalculate
    make_event(title="A late talk", starts_at=datetime(YEAR, 11, 20, 18, tzinfo=UTC))
    snapshot = services.report_snapshot_create(actor=admin, year=YEAR)
    entries_ = snapshot.figures["entries"]
    platform = entries_["platform_events_held"]
    kpi = entries_[f"kpi_{held.pk}"]
    assert kpi["value"] == platform["value"] and kpi["text"] == platform["text"]

"""The impact demo seed: two years of initiatives and KPI values, and running it twice
changes nothing."""

from __future__ import annotations

import pytest

from upward.web.demo.impact_seed import INITIATIVES, YEARS, seed_impact
from upward.web.impact.models import Goal, Initiative, Kpi, KpiValue

pytestmark = pytest.mark.django_db


def test_the_seed_runs_twice_and_shows_two_years(personas):
    seed_impact()
    counts = (Initiative.objects.count(), Kpi.objects.count(), KpiValue.objects.count())
    seed_impact()
    assert counts == (Initiative.objects.count(), Kpi.objects.count(),
                      KpiValue.objects.count())
    assert counts[0] == len(INITIATIVES)
    assert sorted(set(KpiValue.objects.values_list("year", flat=True))) == list(YEARS)
    assert KpiValue.objects.count() == 2 * Kpi.objects.count()
    manual = KpiValue.objects.filter(kpi__kind="manual")
    assert manual.exists() and all(v.evidence and v.actual is not None for v in manual)
    computed = KpiValue.objects.filter(kpi__kind="computed")
    assert all(len(v.inputs_hash) == 64 for v in computed)
    # no goal was given an invented name
    assert not Goal.objects.filter(confirmed=False, framework__shipped=True).exclude(name="")


def test_the_seed_gives_mentoring_awards_and_events_kpis(personas):
    seed_impact()
    by_initiative = {name: set(Kpi.objects.filter(initiative__name=name)
                               .values_list("computed_key", flat=True))
                     for name in ("Mentoring programme", "Social mobility awards",
                                  "Social mobility network")}
    assert by_initiative["Mentoring programme"] == {
        "mentoring_pairs_started", "mentoring_pairs_ended_well", "mentoring_satisfaction"}
    assert by_initiative["Social mobility awards"] == {"awards_entries", "awards_winners"}
    assert "events_held" in by_initiative["Social mobility network"]
    for name in ("Mentoring programme", "Social mobility awards"):
        goals = Initiative.objects.get(name=name).goals.all()
        assert goals and all(g.confirmed for g in goals), name
    for value in KpiValue.objects.filter(kpi__initiative__name__in=by_initiative):
        assert value.target is not None and value.baseline is not None, value


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for the module and rolled back after it."""
    from django.db import transaction

    from upward.web.demo.seed import seed_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_demo(members=300)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_demo_report_has_mentoring_events_and_awards_figures(demo, db):
    from django.utils import timezone

    from upward.web.impact.selectors.report import report_figures

    # the demo is dated from today: last year's and this year's figures between them
    # hold last year's cohort and awards cycle and the year of events
    this_year = timezone.localdate().year
    published: dict[str, list[float]] = {}
    for year in (this_year - 1, this_year):
        for key, entry in report_figures(year)["entries"].items():
            if key.startswith("platform_") and entry["value"] is not None:
                group = key.removeprefix("platform_").split("_")[0]
                published.setdefault(group, []).append(entry["value"])
    for group in ("mentoring", "events", "awards"):
        assert max(published.get(group, [0])) > 0, group
    # the seed's own years: the initiatives' KPIs with their targets and status
    figures = report_figures(YEARS[-1])
    initiatives = {e["initiative"]: e for e in figures["entries"].values()
                   if e["section"] == "initiatives"}
    assert {"Mentoring programme", "Social mobility awards"} <= set(initiatives)
    assert all(e["target_text"] and e["status"] for e in initiatives.values())
    assert figures["headline"][0] == "platform_network_members"

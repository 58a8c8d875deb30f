"""Impact totals against a small year worked out by hand (small_year, also used by the
page and API tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from upward.web.core.errors import ApplicationError
from upward.web.demo.factories import person
from upward.web.outreach.models import (
    Opportunity,
    OpportunityStatus,
    Outcome,
    School,
    SignupStatus,
    VolunteerSignup,
)
from upward.web.outreach.selectors.impact import (
    impact_tables,
    outreach_impact,
    outreach_impact_for_report,
)

pytestmark = pytest.mark.django_db

MEANINGFUL = {"clear_purpose": True, "learning_outcomes": True, "two_way_interaction": True,
              "follow_up": True}


def _held(kind, school, starts_at, *, pupils, priority, hours, years, meaningful=True,
          status=OpportunityStatus.OPEN, title="Engagement"):
    opportunity = Opportunity.objects.create(
        kind=kind, title=title, school=school, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2), status=status, volunteers_needed=3)
    if pupils is not None:
        Outcome.objects.create(
            opportunity=opportunity, pupils_reached=pupils, priority_school=priority,
            volunteer_hours=Decimal(hours), year_groups=years,
            **(MEANINGFUL if meaningful else {**MEANINGFUL, "follow_up": False}))
    return opportunity


def small_year():
    """Schools: Aire Primary (Leeds; a priority school when its outcome was recorded, not
    today) and Beck High (Bradford). Held and recorded: a careers talk at Aire on 10 March
    2026 (30 pupils, meaningful, 3 h, Years 9–10), a CV workshop at Beck at 00:30 on 1 June
    2026 London time, which is still 31 May in UTC (20 pupils, not meaningful, 2.5 h,
    Year 11), and a virtual work experience with no school at 23:30 on 28 February 2026
    (GMT, so February in London too; 40 pupils, meaningful, 4 h, Year 12). Not counted: a
    cancelled talk, a proposal and an open one with no outcome, each with big numbers."""
    aire = School.objects.create(urn=1, name="Aire Primary", local_authority="Leeds",
                                 fsm_percent=5.0)
    beck = School.objects.create(urn=2, name="Beck High", local_authority="Bradford",
                                 fsm_percent=45.0)
    talk = _held("careers_talk", aire, datetime(2026, 3, 10, 10, tzinfo=UTC), pupils=30,
                 priority=True, hours="3", years=[9, 10])
    workshop = _held("cv_workshop", beck, datetime(2026, 5, 31, 23, 30, tzinfo=UTC),
                     pupils=20, priority=False, hours="2.5", years=[11], meaningful=False)
    _held("virtual_work_experience", None, datetime(2026, 2, 28, 23, 30, tzinfo=UTC),
          pupils=40, priority=None, hours="4", years=[12])
    cancelled = _held("careers_talk", aire, datetime(2026, 3, 12, 10, tzinfo=UTC), pupils=100,
                      priority=True, hours="9", years=[7], status=OpportunityStatus.CANCELLED)
    cancelled.cancelled_at = cancelled.starts_at - timedelta(days=2)
    cancelled.save()
    _held("mock_interviews", beck, datetime(2026, 4, 1, 10, tzinfo=UTC), pupils=50,
          priority=False, hours="5", years=[13], status=OpportunityStatus.PROPOSED)
    _held("mock_interviews", beck, datetime(2026, 4, 2, 10, tzinfo=UTC), pupils=None,
          priority=None, hours="0", years=[])
    v1, v2, v3, v4 = (person(email=f"volunteer{i}@northbridge.example") for i in range(1, 5))
    for opportunity, volunteer, status, attended in (
            (talk, v1, SignupStatus.CONFIRMED, True), (talk, v2, SignupStatus.CONFIRMED, None),
            (workshop, v2, SignupStatus.CONFIRMED, True),
            (workshop, v3, SignupStatus.CONFIRMED, False),
            (workshop, v4, SignupStatus.WAITLISTED, None),
            (cancelled, v4, SignupStatus.CONFIRMED, None)):
        VolunteerSignup.objects.create(opportunity=opportunity, volunteer=volunteer,
                                       status=status, attended=attended)
    return aire, beck


@pytest.fixture
def year():
    return small_year()


def test_totals_over_february_to_june(year, member):
    impact = outreach_impact(viewer=member, start=date(2026, 2, 1), end=date(2026, 6, 30))
    # talk 30 + workshop 20 + virtual 40; cancelled, proposed and unrecorded left out
    assert (impact.engagements, impact.pupils, impact.priority_pupils) == (3, 90, 30)
    assert impact.priority_share == pytest.approx(1 / 3)
    assert (impact.meaningful, impact.meaningful_share) == (2, pytest.approx(2 / 3))
    assert impact.volunteer_hours == Decimal("9.5")
    # v1 and v2 (twice); v3 did not attend, v4 was waitlisted or on the cancelled one
    assert impact.volunteers == 2
    assert impact.schools == 2
    months = {r.month: (r.engagements, r.pupils, r.priority_pupils) for r in impact.by_month}
    assert months == {date(2026, 2, 1): (1, 40, 0), date(2026, 3, 1): (1, 30, 30),
                      date(2026, 4, 1): (0, 0, 0), date(2026, 5, 1): (0, 0, 0),
                      date(2026, 6, 1): (1, 20, 0)}
    assert [(r.local_authority, r.schools, r.priority_schools, r.engagements, r.pupils)
            for r in impact.by_local_authority] == [
        ("Leeds", 1, 1, 1, 30), ("Bradford", 1, 0, 1, 20), ("No school recorded", 0, 0, 1, 40)]
    activity = {r.kind: (r.engagements, r.pupils, r.meaningful, r.volunteer_hours)
                for r in impact.by_activity}
    assert activity["careers_talk"] == (1, 30, 1, Decimal(3))
    assert activity["cv_workshop"] == (1, 20, 0, Decimal("2.5"))
    assert activity["mock_interviews"] == (0, 0, 0, Decimal(0))
    assert impact.year_groups == ((9, 1), (10, 1), (11, 1), (12, 1))


def test_the_period_is_london_days_across_bst_and_gmt(year):
    # 23:30 UTC on 31 May is 00:30 on 1 June in British Summer Time
    may = outreach_impact_for_report(start=date(2026, 3, 1), end=date(2026, 5, 31))
    assert (may.engagements, may.pupils) == (1, 30)
    june = outreach_impact_for_report(start=date(2026, 6, 1), end=date(2026, 6, 1))
    assert (june.engagements, june.pupils) == (1, 20)
    # 23:30 UTC on 28 February is 23:30 in London too (GMT): still February
    feb = outreach_impact_for_report(start=date(2026, 2, 28), end=date(2026, 2, 28))
    assert feb.pupils == 40
    assert outreach_impact_for_report(start=date(2026, 3, 1), end=date(2026, 3, 1)).pupils == 0


def test_the_priority_snapshot_counts_not_todays_fsm(year):
    aire, beck = year
    # Aire is not a priority school today (5%) and Beck is (45%); the snapshots say otherwise
    impact = outreach_impact_for_report(start=date(2026, 3, 1), end=date(2026, 6, 30))
    assert impact.priority_pupils == 30
    assert {r.local_authority: r.priority_schools for r in impact.by_local_authority} == {
        "Leeds": 1, "Bradford": 0}


def test_an_empty_period_has_no_shares():
    impact = outreach_impact_for_report(start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert (impact.engagements, impact.pupils, impact.priority_share,
            impact.meaningful_share) == (0, 0, None, None)
    headline = impact_tables(impact)[0]
    assert headline.value("Share of pupils at priority schools", "Value") is None


@pytest.mark.parametrize(("start", "end", "message"), [
    (date(2026, 5, 1), date(2026, 4, 30), "same as or after the start date"),
    (date(2020, 1, 1), date(2026, 1, 1), "five years or shorter"),
])
def test_a_bad_period_is_refused(start, end, message):
    with pytest.raises(ApplicationError, match=message):
        outreach_impact_for_report(start=start, end=end)


@pytest.mark.parametrize("role", ["analyst", "judge", "admin"])
def test_only_network_members_see_impact(role, personas):
    with pytest.raises(ApplicationError) as refused:
        outreach_impact(viewer=personas[role], start=date(2026, 1, 1), end=date(2026, 1, 2))
    assert refused.value.status == 403


def test_the_tables_carry_the_same_numbers(year):
    impact = outreach_impact_for_report(start=date(2026, 2, 1), end=date(2026, 6, 30))
    headline, by_month, by_activity, by_area, year_groups = impact_tables(impact)
    assert headline.value("Pupils reached", "Value") == 90
    assert headline.to_rows()[4] == ["Share of pupils at priority schools", "33.3%"]
    assert by_month.value("Mar 2026", "Priority schools") == 30
    assert by_month.value("Feb 2026", "Other schools") == 40
    assert dict(by_month.chart.series)["Priority schools"] == (0, 30, 0, 0, 0)
    assert dict(by_month.chart.series)["Other schools"] == (40, 0, 0, 0, 20)
    assert by_area.value("Leeds", "Priority schools") == 1
    assert by_activity.value("CV workshop", "Volunteer hours") == 2.5
    assert year_groups.to_rows()[1:] == [["Year 9", "1"], ["Year 10", "1"], ["Year 11", "1"],
                                         ["Year 12", "1"]]

"""Demo data for impact: the shipped frameworks, the network's initiatives mapped to
their goals, and KPIs with baselines, targets and actuals for 2025 and 2026, so change
shows. Computed KPIs are worked out from the rest of the demo (run it after the other
seeds); manual KPIs carry an evidence note. No unconfirmed goal is given a name.

Rows are written with the ORM; running it twice changes nothing but the computed
actuals, which are recalculated from the data as it is then."""

from __future__ import annotations

from decimal import Decimal

from upward.web.accounts.selectors import network_members
from upward.web.impact.models import Goal, Initiative, Kpi, KpiKind, KpiValue
from upward.web.impact.services.frameworks import frameworks_load_shipped
from upward.web.impact.services.initiatives import kpis_compute

YEARS = (2025, 2026)

#: (name, description, budget, goals as (framework key, number), KPIs)
#: KPI: (name, unit, direction, computed key or "", {year: (baseline, target, actual)},
#: evidence)
INITIATIVES = [
    ("Schools outreach programme",
     "Volunteers visit priority schools for careers talks, mock interviews and "
     "workplace visits.", Decimal("18000"),
     [("levelling_up_goals", 2), ("levelling_up_goals", 4), ("gatsby_benchmarks", 5),
      ("employer_index_2017", 1)],
     [("Pupils reached", "count", "higher", "outreach_pupils",
       {2025: (400, 600, None), 2026: (600, 900, None)}, ""),
      ("Share of pupils from priority schools", "percent", "higher",
       "outreach_priority_share", {2025: (0.5, 0.6, None), 2026: (0.6, 0.7, None)}, ""),
      ("Volunteer hours", "hours", "higher", "outreach_volunteer_hours",
       {2025: (150, 250, None), 2026: (250, 400, None)}, "")]),
    ("Social mobility network",
     "The employee network: stories, discussions and events that make background "
     "visible and talked about.", Decimal("6500"),
     [("levelling_up_goals", 14), ("employer_index_2017", 7)],
     [("Network members", "count", "higher", "network_members",
       {2025: (120, 200, None), 2026: (200, 320, None)}, ""),
      ("Stories published", "count", "higher", "stories_published",
       {2025: (60, 90, None), 2026: (100, 150, None)}, ""),
      # the demo's events start in December 2025: one that year, about eight in 2026
      ("Network events held", "count", "higher", "events_held",
       {2025: (4, 6, None), 2026: (6, 8, None)}, "")]),
    ("Mentoring programme",
     "Next Step cohorts pair colleagues, many from lower socio-economic backgrounds, with "
     "more senior mentors for six months, with goals agreed at the start, to help them "
     "progress.", Decimal("9500"),
     [("employer_index_2017", 6), ("levelling_up_goals", 14)],
     # the demo: 24 pairs started in 2025 and 45 in 2026; the pairs that ended well (and
     # 2025's satisfaction, from five people) rest on fewer than k and are not published
     [("Pairs started", "count", "higher", "mentoring_pairs_started",
       {2025: (15, 25, None), 2026: (24, 40, None)}, ""),
      ("Pairs that ended well", "count", "higher", "mentoring_pairs_ended_well",
       {2025: (0, 10, None), 2026: (10, 25, None)}, ""),
      ("Satisfaction (1 to 5)", "number", "higher", "mentoring_satisfaction",
       {2025: (3.5, 3.8, None), 2026: (3.8, 4.0, None)}, "")]),
    ("Social mobility awards",
     "The network's annual awards recognise colleagues and teams who open doors for people "
     "from every background, with judged categories and published winners.",
     Decimal("4000"),
     [("employer_index_2017", 7)],
     # the first cycle's winners were announced early in 2026: nothing counts in 2025
     [("Entries submitted", "count", "higher", "awards_entries",
       {2025: (0, 10, None), 2026: (0, 15, None)}, ""),
      ("Winners announced", "count", "higher", "awards_winners",
       {2025: (0, 3, None), 2026: (0, 3, None)}, "")]),
    ("Apprenticeship route",
     "A degree apprenticeship open to school leavers without A-level requirements.",
     Decimal("42000"),
     [("employer_index_2017", 2), ("levelling_up_goals", 9)],
     [("Apprentices from lower socio-economic backgrounds", "percent", "higher", "",
       {2025: (0.31, 0.4, 0.36), 2026: (0.36, 0.45, 0.47)},
       "Apprenticeship intake survey, checked by the early careers team."),
      ("Applications per place", "number", "lower", "",
       {2025: (14, 12, 13.5), 2026: (13.5, 11, 10.8)},
       "Recruitment system report at the close of each intake.")]),
]


def seed_impact() -> list[Initiative]:
    frameworks_load_shipped(actor=None)
    owner = network_members().order_by("pk").first()
    made = []
    for name, description, budget, goal_refs, kpis in INITIATIVES:
        initiative, _ = Initiative.objects.get_or_create(name=name, defaults={
            "description": description, "budget_gbp": budget, "owner": owner})
        initiative.goals.set([Goal.objects.get(framework__key=key, number=number)
                              for key, number in goal_refs])
        for kpi_name, unit, direction, key, years, evidence in kpis:
            kpi, _ = Kpi.objects.get_or_create(initiative=initiative, name=kpi_name, defaults={
                "unit": unit, "direction": direction, "computed_key": key,
                "kind": KpiKind.COMPUTED if key else KpiKind.MANUAL})
            for year, (baseline, target, actual) in years.items():
                KpiValue.objects.update_or_create(kpi=kpi, year=year, defaults={
                    "baseline": Decimal(str(baseline)), "target": Decimal(str(target)),
                    **({} if key else {"actual": Decimal(str(actual)),
                                       "evidence": evidence})})
        made.append(initiative)
    for year in YEARS:
        kpis_compute(actor=None, year=year)
    return made

"""The computed-KPI registry: figures Upward works out from the platform itself, each
read through another app's selectors (never its models) and, where it counts people,
through disclosure control.

Every entry says how it is computed (the query, the date range, the ``k``), and
``compute(year)`` returns a :class:`KpiResult`: the value, or ``None`` with
``suppressed=True`` when a count of people is below ``k`` — the number itself is then
neither returned nor put in ``inputs``. ``inputs`` is everything an auditor needs to
re-derive the value, and ``inputs_hash`` is the sha256 of its canonical JSON, so a report
snapshot can freeze the value with the hash of what it came from.

>>> sorted(REGISTRY)[:2]  # doctest: +SKIP
['awards_entries', 'awards_finalists']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from upward.reports.disclosure import suppress
from upward.web.accounts.selectors import network_members
from upward.web.awards.selectors.report import awards_report
from upward.web.community.selectors.stories import stories_for_audience
from upward.web.core.periods import uk_days
from upward.web.events.selectors import events_report
from upward.web.insights.selectors import disclosure_threshold, released_key_figures
from upward.web.mentoring.selectors.report import mentoring_report
from upward.web.outreach.selectors.impact import outreach_impact_for_report

__all__ = ["REGISTRY", "ComputedKpi", "KpiResult", "canonical_hash", "computed_kpi",
           "registry_choices"]

#: Bump when a computation changes, so a snapshot's hash shows which rules made it.
METHOD_VERSION = 1


@dataclass(frozen=True)
class KpiResult:
    value: float | None  # to at most 3 decimal places, as stored
    suppressed: bool
    inputs: dict[str, Any]
    inputs_hash: str


@dataclass(frozen=True)
class ComputedKpi:
    key: str
    label: str
    unit: str  # a models.Unit value
    description: str  # how it is computed: the query, the date range, the disclosure k
    compute: Callable[[int], KpiResult]
    counts_people: bool = False


def canonical_hash(inputs: dict[str, Any]) -> str:
    """sha256 of ``inputs`` as canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _year_bounds(year: int) -> tuple[date, date, datetime, datetime]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    return (start, end, *uk_days(start, end))


def _result(key: str, year: int, *, value: float | None, query: str,
            people: int | None = None, split: tuple[int, int] | None = None,
            withheld: bool = False, extra: dict[str, Any] | None = None,
            source: dict[str, Any] | None = None) -> KpiResult:
    """The result of ``key`` for ``year``. ``people``: the count of people the value
    rests on, put through disclosure control; below ``k`` the value is suppressed and
    neither it nor ``people`` (nor ``extra``) is kept. ``split``: the value's people and
    the rest of a total other pages publish (pairs that ended well and the others): the
    value is suppressed when either part is, as the total gives one away from the other.
    ``withheld``: already suppressed by the app that published it (insights' releases).
    ``source``: where the value comes from (a snapshot's date, the cycles counted), kept
    even when the value is suppressed."""
    start, end, _, _ = _year_bounds(year)
    inputs: dict[str, Any] = {"kpi": key, "method_version": METHOD_VERSION, "query": query,
                              "period": [start.isoformat(), end.isoformat()],
                              "timezone": "Europe/London", **(source or {})}
    suppressed = withheld
    if people is not None or split is not None:
        k = disclosure_threshold()
        inputs["k"] = k
        if people is not None:
            suppressed |= bool(suppress([people], k=k, margins=False).suppressed[0])
        if split is not None:
            # the total is published elsewhere, so either part gives the other away
            suppressed |= bool(suppress(list(split), k=k, margins=False).suppressed.any())
    if suppressed:
        value = None
    else:
        value = None if value is None else round(value, 3)
        inputs.update(extra or {})
        inputs["value"] = value
    inputs["suppressed"] = suppressed
    return KpiResult(value=value, suppressed=suppressed, inputs=inputs,
                     inputs_hash=canonical_hash(inputs))


def _network_members(year: int) -> KpiResult:
    _, _, _, high = _year_bounds(year)
    count = network_members().filter(date_joined__lt=high).count()
    return _result("network_members", year, value=float(count), people=count,
                   query="accounts.selectors.network_members() joined before the year's end")


def _stories_published(year: int) -> KpiResult:
    _, _, low, high = _year_bounds(year)
    stories = stories_for_audience("network").filter(published_at__gte=low,
                                                      published_at__lt=high)
    count = stories.count()
    authors = stories.values("author_id").distinct().count()
    return _result("stories_published", year, value=float(count), people=authors,
                   extra={"authors": authors},
                   query="community stories live now, first published in the year; "
                         "suppressed when written by fewer than k people")


def _outreach(year: int):
    start, end, _, _ = _year_bounds(year)
    return outreach_impact_for_report(start=start, end=end)


_OUTREACH_QUERY = ("outreach.selectors.impact.outreach_impact_for_report(start, end): "
                   "engagements held with an outcome recorded")


def _outreach_pupils(year: int) -> KpiResult:
    impact = _outreach(year)
    # Pupils are schools' reported totals, not people Upward holds: no suppression.
    return _result("outreach_pupils", year, value=float(impact.pupils), query=_OUTREACH_QUERY,
                   extra={"engagements": impact.engagements})


def _outreach_priority_share(year: int) -> KpiResult:
    impact = _outreach(year)
    share = impact.priority_share
    return _result("outreach_priority_share", year,
                   value=None if share is None else round(share, 3), query=_OUTREACH_QUERY,
                   extra={"pupils": impact.pupils, "priority_pupils": impact.priority_pupils})


def _outreach_volunteer_hours(year: int) -> KpiResult:
    impact = _outreach(year)
    hours = float(Decimal(impact.volunteer_hours))
    return _result("outreach_volunteer_hours", year, value=hours, people=impact.volunteers,
                   extra={"volunteers": impact.volunteers}, query=_OUTREACH_QUERY)


def _outreach_volunteers(year: int) -> KpiResult:
    impact = _outreach(year)
    return _result("outreach_volunteers", year, value=float(impact.volunteers),
                   people=impact.volunteers, query=_OUTREACH_QUERY)


# --- mentoring ---------------------------------------------------------------------------

def _mentoring(year: int):
    start, end, _, _ = _year_bounds(year)
    return mentoring_report(start=start, end=end)


_MENTORING_QUERY = "mentoring.selectors.report.mentoring_report(start, end), every programme"


def _mentoring_pairs_started(year: int) -> KpiResult:
    report = _mentoring(year)
    # a count of pairs below k is suppressed, as on the programme health page
    return _result("mentoring_pairs_started", year, value=float(report.pairs_started),
                   people=report.pairs_started,
                   query=_MENTORING_QUERY + ": pairs started in the year")


def _mentoring_meetings(year: int) -> KpiResult:
    report = _mentoring(year)
    return _result("mentoring_meetings", year, value=float(report.meetings_logged),
                   people=report.pairs_meeting, extra={"pairs": report.pairs_meeting},
                   query=_MENTORING_QUERY + ": meetings held in the year; suppressed when "
                                            "fewer than k pairs logged them")


def _mentoring_pairs_ended_well(year: int) -> KpiResult:
    report = _mentoring(year)
    positive = report.pairs_ended_positive
    return _result("mentoring_pairs_ended_well", year, value=float(positive),
                   split=(positive, report.pairs_ended - positive),
                   extra={"pairs_ended": report.pairs_ended},
                   query=_MENTORING_QUERY + ": pairs ended in the year as completed or with "
                                            "the goals met, against all pairs ended")


def _mentoring_satisfaction(year: int) -> KpiResult:
    report = _mentoring(year)
    return _result("mentoring_satisfaction", year, value=report.mean_satisfaction,
                   people=report.feedback_people, extra={"people": report.feedback_people},
                   query=_MENTORING_QUERY + ": mean satisfaction (1 to 5) of end-of-cycle "
                                            "feedback given in the year")


def _mentoring_mentees_promoted(year: int) -> KpiResult:
    report = _mentoring(year)
    query = (_MENTORING_QUERY + ": mentees of pairs started in the year promoted between "
             "the HR snapshot in force on the first start and the next "
             "(insights.selectors.promotions_among; confirmed links only)")
    if report.promotions is None:  # no snapshot on both sides yet: nothing to publish
        return _result("mentoring_mentees_promoted", year, value=None, query=query,
                       source={"since": None if report.promotions_since is None
                               else report.promotions_since.isoformat()})
    eligible, promoted = report.promotions
    return _result("mentoring_mentees_promoted", year, value=float(promoted),
                   split=(promoted, eligible - promoted), query=query,
                   extra={"eligible": eligible},
                   source={"since": report.promotions_since.isoformat()})


# --- events ------------------------------------------------------------------------------

def _events(year: int):
    _, _, low, high = _year_bounds(year)
    return events_report(start_at=low, end_at=high)


_EVENTS_QUERY = ("events.selectors.events_report(start, end): events first held in the "
                 "year, over by now and not cancelled")


def _events_held(year: int) -> KpiResult:
    # events, not people: no suppression (the events page lists them all)
    return _result("events_held", year, value=float(_events(year).events_held),
                   query=_EVENTS_QUERY)


def _events_attendances(year: int) -> KpiResult:
    report = _events(year)
    return _result("events_attendances", year, value=float(report.attendances),
                   people=report.attendees, extra={"attendees": report.attendees},
                   query=_EVENTS_QUERY + "; confirmed places not marked absent")


def _events_attendees(year: int) -> KpiResult:
    report = _events(year)
    return _result("events_attendees", year, value=float(report.attendees),
                   people=report.attendees,
                   query=_EVENTS_QUERY + "; distinct people with a confirmed place not "
                                         "marked absent")


# --- awards ------------------------------------------------------------------------------

def _awards(year: int):
    _, _, low, high = _year_bounds(year)
    return awards_report(start_at=low, end_at=high)


_AWARDS_QUERY = ("awards.selectors.report.awards_report(start, end): cycles with results "
                 "published whose winners were announced in the year")


def _awards_entries(year: int) -> KpiResult:
    report = _awards(year)
    return _result("awards_entries", year, value=float(report.entries_submitted),
                   people=report.people_entered,
                   extra={"people": report.people_entered},
                   source={"cycles": list(report.cycles)},
                   query=_AWARDS_QUERY + "; entries submitted (withdrawn later included); "
                                         "suppressed when fewer than k people were entered")


def _awards_finalists(year: int) -> KpiResult:
    report = _awards(year)
    # as the public results page names them (consenting, not withdrawn): nothing new
    return _result("awards_finalists", year, value=float(report.finalists),
                   source={"cycles": list(report.cycles)},
                   query=_AWARDS_QUERY + "; finalists (winners included) as published")


def _awards_winners(year: int) -> KpiResult:
    report = _awards(year)
    return _result("awards_winners", year, value=float(report.winners),
                   source={"cycles": list(report.cycles)},
                   query=_AWARDS_QUERY + "; winners as published")


# --- insights ----------------------------------------------------------------------------

def _insight(key: str, figure: str, year: int) -> KpiResult:
    start, end, _, _ = _year_bounds(year)
    found = released_key_figures(start=start, end=end)
    query = (f"insights.selectors.released_key_figures(start, end): the figure {figure!r} of "
             "the latest HR snapshot dated in the year, as released (disclosure control "
             "applied by insights at the release's k)")
    if found is None:  # no snapshot released in the year: nothing to publish
        return _result(key, year, value=None, query=query)
    value = found.figures.get(figure)
    return _result(key, year, value=value, withheld=value is None, query=query,
                   source={"snapshot_date": found.snapshot_date.isoformat(),
                          "release": found.release_id, "release_k": found.k})


def _insights_lower_share(year: int) -> KpiResult:
    return _insight("insights_lower_share", "lower_share", year)


def _insights_lower_share_top_grade(year: int) -> KpiResult:
    return _insight("insights_lower_share_top_grade", "lower_share_top_grade", year)


def _insights_pay_gap_mean(year: int) -> KpiResult:
    return _insight("insights_pay_gap_mean", "mean_gap", year)


def _insights_pay_gap_median(year: int) -> KpiResult:
    return _insight("insights_pay_gap_median", "median_gap", year)


REGISTRY: dict[str, ComputedKpi] = {entry.key: entry for entry in (
    ComputedKpi("network_members", "Network members", "count",
                "People with an active account and a network role (member, moderator or "
                "lead) who joined by 31 December of the year; suppressed below k.",
                _network_members, counts_people=True),
    ComputedKpi("stories_published", "Stories published", "count",
                "Community stories first published between 1 January and 31 December "
                "(Europe/London) that are still live; suppressed when fewer than k people "
                "wrote them.", _stories_published, counts_people=True),
    ComputedKpi("outreach_pupils", "Pupils reached through outreach", "count",
                "Pupils the schools reported after engagements held in the year (schools' "
                "totals, not people Upward holds).", _outreach_pupils),
    ComputedKpi("outreach_priority_share", "Share of pupils from priority schools",
                "percent", "Pupils at schools that were priority schools when the outcome "
                "was recorded, as a share of all pupils reached in the year.",
                _outreach_priority_share),
    ComputedKpi("outreach_volunteer_hours", "Volunteer hours with schools", "hours",
                "Hours recorded on the outcomes of engagements held in the year; "
                "suppressed when fewer than k people volunteered.",
                _outreach_volunteer_hours, counts_people=True),
    ComputedKpi("outreach_volunteers", "Volunteers with schools", "count",
                "People who volunteered at engagements held in the year; suppressed "
                "below k.", _outreach_volunteers, counts_people=True),
    ComputedKpi("mentoring_pairs_started", "Mentoring pairs started", "count",
                "Mentoring pairs (every programme) started between 1 January and 31 "
                "December (Europe/London); suppressed below k pairs.",
                _mentoring_pairs_started, counts_people=True),
    ComputedKpi("mentoring_meetings", "Mentoring meetings logged", "count",
                "Meetings mentoring pairs logged as held in the year; suppressed when "
                "fewer than k pairs logged them.", _mentoring_meetings, counts_people=True),
    ComputedKpi("mentoring_pairs_ended_well", "Mentoring pairs that ended well", "count",
                "Pairs that ended in the year because they finished the programme or met "
                "their goals; suppressed when they, or the other pairs that ended, are "
                "fewer than k.", _mentoring_pairs_ended_well, counts_people=True),
    ComputedKpi("mentoring_satisfaction", "Mentoring satisfaction (1 to 5)", "number",
                "Mean satisfaction of the end-of-cycle feedback mentors and mentees gave "
                "in the year; suppressed when fewer than k people gave it.",
                _mentoring_satisfaction, counts_people=True),
    ComputedKpi("mentoring_mentees_promoted", "Mentees promoted by the next HR snapshot",
                "count", "Mentees of pairs started in the year (with a confirmed link to "
                "their employee number) who moved up a grade between the HR snapshot in "
                "force on the first start and the next one; empty until both exist; "
                "suppressed when they, or those who did not, are fewer than k.",
                _mentoring_mentees_promoted, counts_people=True),
    ComputedKpi("events_held", "Network events held", "count",
                "The network's events whose first occurrence was in the year, over and "
                "not cancelled (a series counts once).", _events_held),
    ComputedKpi("events_attendances", "Event attendances", "count",
                "Confirmed places at those events not marked absent; suppressed when "
                "fewer than k people held them.", _events_attendances, counts_people=True),
    ComputedKpi("events_attendees", "People who attended events", "count",
                "Distinct people with a confirmed place at those events not marked "
                "absent; suppressed below k.", _events_attendees, counts_people=True),
    ComputedKpi("awards_entries", "Award entries submitted", "count",
                "Entries submitted to the award cycles whose winners were announced in the "
                "year and whose results are published; suppressed when fewer than k "
                "people were entered.", _awards_entries, counts_people=True),
    ComputedKpi("awards_finalists", "Award finalists", "count",
                "Finalists (winners included) of those cycles as the published results "
                "name them (consenting, not withdrawn).", _awards_finalists),
    ComputedKpi("awards_winners", "Award winners", "count",
                "Winners of those cycles as the published results name them.",
                _awards_winners),
    ComputedKpi("insights_lower_share", "Workforce from a lower socio-economic background",
                "percent", "Share of the classified workforce from a lower socio-economic "
                "background (SMC's headline measure), from the released figures of the "
                "latest HR snapshot dated in the year; suppressed where insights withheld "
                "it.", _insights_lower_share, counts_people=True),
    ComputedKpi("insights_lower_share_top_grade",
                "Lower socio-economic background in the top grade", "percent",
                "Share from a lower background in the most senior grade (the class "
                "ceiling), from the same release; suppressed where insights withheld it.",
                _insights_lower_share_top_grade, counts_people=True),
    ComputedKpi("insights_pay_gap_mean", "Socio-economic pay gap (mean)", "percent",
                "Mean hourly pay gap, professional and intermediate against lower "
                "background, as (comparator - lower) / comparator, from the same release; "
                "suppressed where insights withheld it.", _insights_pay_gap_mean,
                counts_people=True),
    ComputedKpi("insights_pay_gap_median", "Socio-economic pay gap (median)", "percent",
                "Median hourly pay gap, professional and intermediate against lower "
                "background, from the same release; suppressed where insights withheld "
                "it.", _insights_pay_gap_median, counts_people=True),
)}


def computed_kpi(key: str) -> ComputedKpi:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"Unknown computed KPI {key!r}; choose from "
                       f"{', '.join(sorted(REGISTRY))}.") from None


def registry_choices() -> list[tuple[str, str]]:
    return [(entry.key, entry.label) for entry in REGISTRY.values()]

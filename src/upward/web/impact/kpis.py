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
['network_members', 'outreach_pupils']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from upward.reports.disclosure import suppress
from upward.web.accounts.selectors import network_members
from upward.web.community.selectors.stories import stories_for_audience
from upward.web.insights.selectors import disclosure_threshold
from upward.web.outreach.selectors.impact import outreach_impact_for_report

__all__ = ["REGISTRY", "ComputedKpi", "KpiResult", "canonical_hash", "computed_kpi",
           "registry_choices"]

LONDON = ZoneInfo("Europe/London")
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
    low = datetime.combine(start, time.min, tzinfo=LONDON)
    high = datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=LONDON)
    return start, end, low, high


def _result(key: str, year: int, *, value: float | None, query: str,
            people: int | None = None, extra: dict[str, Any] | None = None) -> KpiResult:
    """The result of ``key`` for ``year``. ``people``: the count of people the value
    rests on, put through disclosure control; below ``k`` the value is suppressed and
    neither it nor ``people`` (nor ``extra``) is kept."""
    start, end, _, _ = _year_bounds(year)
    inputs: dict[str, Any] = {"kpi": key, "method_version": METHOD_VERSION, "query": query,
                              "period": [start.isoformat(), end.isoformat()],
                              "timezone": "Europe/London"}
    suppressed = False
    if people is not None:
        k = disclosure_threshold()
        inputs["k"] = k
        suppressed = bool(suppress([people], k=k, margins=False).suppressed[0])
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
)}


def computed_kpi(key: str) -> ComputedKpi:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"Unknown computed KPI {key!r}; choose from "
                       f"{', '.join(sorted(REGISTRY))}.") from None


def registry_choices() -> list[tuple[str, str]]:
    return [(entry.key, entry.label) for entry in REGISTRY.values()]

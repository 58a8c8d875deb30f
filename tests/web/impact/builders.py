"""Small builders for the impact tests: an initiative mapped to a goal, with a KPI."""

from __future__ import annotations

from upward.web.impact.models import Goal
from upward.web.impact.services import initiatives as services


def goal(framework: str = "gatsby_benchmarks", number: int = 5) -> Goal:
    return Goal.objects.get(framework__key=framework, number=number)


def initiative(actor, name: str = "Schools outreach", **fields):
    return services.initiative_create(actor=actor, goals=[goal()], name=name, **fields)


def manual_kpi(actor, found, name: str = "Apprentices", **fields):
    return services.kpi_create(actor=actor, initiative=found, name=name, kind="manual",
                               unit=fields.pop("unit", "count"), **fields)

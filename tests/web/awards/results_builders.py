"""Panels, submitted assignments and scores for the results tests, written as rows (the
judging part's services are built in parallel; results only read these tables)."""

from __future__ import annotations

from django.utils import timezone

from upward.web.awards.models import (
    Assignment,
    Consent,
    Criterion,
    Entry,
    EntryStatus,
    Panel,
    Route,
    Score,
)
from upward.web.demo.factories import person


def judges(n: int, *, prefix: str = "judge") -> list:
    return [person(roles=["judge"], email=f"{prefix}{i}@northbridge.example",
                   display_name=f"Judge {prefix.title()} {i}") for i in range(1, n + 1)]


def entries(category, titles, *, prefix: str = "nominee") -> list[Entry]:
    out = []
    for i, title in enumerate(titles, start=1):
        nominee = person(roles=["member"], email=f"{prefix}{i}.{category.pk}@northbridge.example",
                         display_name=f"Nominee {title}")
        out.append(Entry.objects.create(
            category=category, route=Route.SELF, nominee=nominee, title=title,
            consent=Consent.GIVEN, consent_at=timezone.now(), status=EntryStatus.SUBMITTED,
            submitted_at=timezone.now()))
    return out


def panel_with_scores(category, judge_list, entry_list, table, *, lead=None,
                      submitted=True, name="Panel A") -> Panel:
    """``table[j][e]`` is judge j's scores for entry e, one value per criterion in order
    (``None``: not assigned)."""
    panel = Panel.objects.create(category=category, name=name,
                                 lead_judge=lead or judge_list[0])
    panel.judges.set(judge_list)
    criteria = list(Criterion.objects.filter(category=category).order_by("order", "pk"))
    for judge, row in zip(judge_list, table, strict=True):
        for entry, values in zip(entry_list, row, strict=True):
            if values is None:
                continue
            assignment = Assignment.objects.create(
                panel=panel, entry=entry, judge=judge,
                submitted_at=timezone.now() if submitted else None)
            for criterion, value in zip(criteria, values, strict=True):
                Score.objects.create(assignment=assignment, criterion=criterion, value=value)
    return panel

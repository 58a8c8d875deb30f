"""Cycles and categories for the awards tests, built through the admin's services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from upward.web.awards.services.setup import (
    category_save,
    criterion_save,
    cycle_save,
    question_save,
)


def cycle_dates(open_at, *, days_open=30):
    close = open_at + timedelta(days=days_open)
    return {"entries_open_at": open_at, "entries_close_at": close,
            "judging_starts_at": close + timedelta(days=1),
            "judging_ends_at": close + timedelta(days=14),
            "finalists_announced_at": close + timedelta(days=15),
            "winners_announced_at": close + timedelta(days=30)}


def open_cycle(admin, *, name="Upward Awards 2026", opened_days_ago=5, days_open=30):
    start = timezone.now() - timedelta(days=opened_days_ago)
    return cycle_save(actor=admin, name=name, **cycle_dates(start, days_open=days_open))


def category(admin, cycle, *, name="Social Mobility Champion", questions=(("Impact", 50),),
             **fields):
    found = category_save(actor=admin, cycle=cycle, name=name,
                          eligibility="Anyone in the network.", **fields)
    for label, limit in questions:
        question_save(actor=admin, category=found, label=label, word_limit=limit,
                      required=True)
    criterion_save(actor=admin, category=found, name="Outcomes", weight=2, scale_min=0,
                   scale_max=10)
    return found

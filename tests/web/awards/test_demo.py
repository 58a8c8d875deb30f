"""The awards demo seed: categories and criteria come from the data file, and running it
twice changes nothing."""

from __future__ import annotations

import pytest

from upward.web.awards.models import Category, Consent, Criterion, Cycle, Entry, Question
from upward.web.awards.selectors import entries_for_judging
from upward.web.demo.awards_seed import CATEGORIES, seed_awards

pytestmark = pytest.mark.django_db


def test_the_seed_builds_a_live_cycle_from_the_data_file_and_runs_twice(personas,
                                                                         colleague):
    cycle = seed_awards()
    counts = (Cycle.objects.count(), Category.objects.count(), Question.objects.count(),
              Criterion.objects.count(), Entry.objects.count())
    assert seed_awards().pk == cycle.pk
    assert counts == (Cycle.objects.count(), Category.objects.count(),
                      Question.objects.count(), Criterion.objects.count(),
                      Entry.objects.count())
    assert [c.name for c in cycle.categories.all()] == [c["name"] for c in CATEGORIES]
    champion = cycle.categories.get(name="Social Mobility Champion")
    assert champion.criteria.get(name="Outcomes and impact").weight == 2
    assert champion.questions.filter(blind=True).count() == 1
    assert champion.attachment_types == ["pdf"]
    assert not cycle.categories.get(name="Mentor of the Year").self_entry_allowed
    assert len(entries_for_judging(champion)) == 1
    assert Entry.objects.filter(consent=Consent.PENDING).count() == 1
    cycle.full_clean()

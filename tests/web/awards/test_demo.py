"""The awards demo seed: categories and criteria come from the data file, it gives a
published past cycle and a live one in judging, keeps the judging invariants, and running
it twice changes nothing."""

from __future__ import annotations

import pytest
from django.db.models import F, Q
from django.utils import timezone

from upward.web.awards.models import (
    Assignment,
    Category,
    ConflictDeclaration,
    Consent,
    Criterion,
    Cycle,
    Entry,
    EntryStatus,
    ExternalAward,
    ExternalEntry,
    Outcome,
    Panel,
    Question,
    Score,
)
from upward.web.awards.selectors import entries_for_judging
from upward.web.demo.awards_seed import CATEGORIES, EXTERNAL_AWARDS, seed_awards
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db

MODELS = (Cycle, Category, Question, Criterion, Entry, Panel, Assignment, Score,
          ConflictDeclaration, ExternalAward, ExternalEntry)


@pytest.fixture
def network(personas, colleague):
    return [person(roles=["member"], email=f"demo{i}@northbridge.example",
                   display_name=f"Demo Member {i}") for i in range(8)]


def _counts():
    return [m.objects.count() for m in MODELS]


def test_the_seed_runs_twice_and_changes_nothing_the_second_time(network):
    cycle = seed_awards(seed=7)
    counts = _counts()
    assert seed_awards(seed=7).pk == cycle.pk
    assert _counts() == counts
    assert Cycle.objects.count() == 3


def _live():
    return Cycle.objects.get(name__endswith=str(timezone.localdate().year))


def _past():
    return Cycle.objects.get(name__endswith=str(timezone.localdate().year - 1))


def test_the_returned_cycle_is_open_for_entries(network):
    cycle = seed_awards()
    assert cycle.entries_open(timezone.now())
    champion = cycle.categories.get(name="Social Mobility Champion")
    assert len(entries_for_judging(champion)) == 1
    assert cycle.entries_open_at > _live().entries_close_at


def test_categories_come_from_the_data_file(network):
    cycle = seed_awards()
    assert [c.name for c in cycle.categories.all()] == [c["name"] for c in CATEGORIES]
    champion = cycle.categories.get(name="Social Mobility Champion")
    assert champion.criteria.get(name="Outcomes and impact").weight == 2
    assert champion.questions.filter(blind=True).count() == 1
    assert champion.attachment_types == ["pdf"]
    assert not cycle.categories.get(name="Mentor of the Year").self_entry_allowed
    cycle.full_clean()


def test_the_past_cycle_is_published_with_winners_and_finalists(network):
    seed_awards()
    live, past = _live(), _past()
    assert past.results_published_at is not None
    assert past.winners_announced_at < live.entries_open_at
    for category in past.categories.all():
        panel = category.panels.get()
        assert 3 <= panel.judges.count() <= 5
        assert panel.lead_judge in panel.judges.all()
        entries = category.entries.all()
        assert entries.filter(outcome=Outcome.WINNER).count() == 1
        assert entries.filter(outcome=Outcome.FINALIST).count() == 2
        assert not entries.exclude(outcome="").filter(citation="").exists()
        assert not Assignment.objects.filter(panel=panel, submitted_at__isnull=True).exists()
    conflict = ConflictDeclaration.objects.get()
    assert conflict.entry.category.cycle == past and conflict.reason
    assert not Assignment.objects.filter(entry=conflict.entry, judge=conflict.judge).exists()
    # judges differ in leniency: their mean scores are spread out
    judges_means = {}
    for score in Score.objects.filter(assignment__entry__category__cycle=past):
        judges_means.setdefault(score.assignment.judge_id, []).append(score.value)
    means = [sum(v) / len(v) for v in judges_means.values()]
    assert max(means) - min(means) > 0.5


def test_the_live_cycle_is_in_judging_with_pending_work(network):
    seed_awards()
    live = _live()
    now = timezone.now()
    assert live.judging_starts_at <= now < live.judging_ends_at
    assignments = Assignment.objects.filter(entry__category__cycle=live)
    assert assignments.filter(submitted_at__isnull=True).exists()
    assert assignments.filter(submitted_at__isnull=False).exists()
    assert not Score.objects.filter(assignment__submitted_at__isnull=True).exists()
    assert live.results_published_at is None
    assert not live.categories.filter(entries__outcome__in=["winner", "finalist"]).exists()
    pending = Entry.objects.get(consent=Consent.PENDING)
    assert pending.category.cycle == live and pending.status == EntryStatus.DRAFT
    assert not pending.assignments.exists()
    assert live.entries_close_at < live.judging_starts_at


def test_the_seed_keeps_the_judging_invariants(network):
    seed_awards()
    # only submitted, consented entries are assigned — and they are what judging may use
    for assignment in Assignment.objects.select_related("entry__category"):
        assert assignment.entry in entries_for_judging(assignment.entry.category)
    # judges never score an entry about themselves or one they nominated
    assert not Assignment.objects.filter(
        Q(judge=F("entry__nominee")) | Q(judge=F("entry__nominator"))).exists()
    # every score lies within its criterion's scale, on the assignment's category
    assert not Score.objects.filter(
        Q(value__lt=F("criterion__scale_min")) | Q(value__gt=F("criterion__scale_max"))).exists()
    assert not Score.objects.exclude(
        criterion__category=F("assignment__entry__category")).exists()
    # a submitted assignment has a score for every criterion
    for assignment in Assignment.objects.filter(submitted_at__isnull=False):
        assert assignment.scores.count() == assignment.entry.category.criteria.count()
    # panels judge their own category, with their own judges
    for assignment in Assignment.objects.select_related("panel"):
        assert assignment.panel.category_id == assignment.entry.category_id
        assert assignment.panel.judges.filter(pk=assignment.judge_id).exists()


def test_the_external_award_templates_come_from_the_data_file(network):
    seed_awards()
    assert ExternalAward.objects.count() == len(EXTERNAL_AWARDS)
    network_award = ExternalAward.objects.get(category="Social Mobility Network")
    assert [q.word_limit for q in network_award.questions.all()] == [
        limit for _, _, limit in EXTERNAL_AWARDS[0]["questions"]]
    assert network_award.deadline is not None
    assert ExternalEntry.objects.get().award == network_award

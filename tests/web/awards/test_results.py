"""Results against hand-computed values: weighted raw means, z-score normalisation and its
fall-back, conflicts and unsubmitted scores excluded, ranks and ties, reliability and
calibration, shortlisting with ties at the boundary, and the panel's winner confirmation."""

from __future__ import annotations

import math
import statistics

import pytest

from upward.web.awards.models import ConflictDeclaration, Criterion, Outcome
from upward.web.awards.selectors.results import panel_results
from upward.web.awards.services.results import (
    citation_save,
    shortlist_apply,
    winner_confirm,
    winner_revoke,
)
from upward.web.awards.services.setup import category_save, criterion_save
from upward.web.core.audit import AuditEntry
from upward.web.core.errors import ApplicationError

from .results_builders import entries, judges, panel_with_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_criteria(personas, cycle):
    category = category_save(actor=personas["admin"], cycle=cycle, name="Champion",
                             eligibility="Anyone.")
    criterion_save(actor=personas["admin"], category=category, name="Impact", weight=2,
                   scale_min=0, scale_max=10, order=1)
    criterion_save(actor=personas["admin"], category=category, name="Activity", weight=1,
                   scale_min=0, scale_max=10, order=2)
    return category


@pytest.fixture
def small_panel(two_criteria):
    """Two judges, three entries. Weighted 0–100, (2 × 10·Impact + 10·Activity) / 3:
    J1: e1 (8,5) → 70, e2 (6,6) → 60, e3 (4,10) → 60
    J2: e1 (10,4) → 80, e2 (5,5) → 50, e3 (5,5) → 50
    Raw means: e1 75, e2 55, e3 55 (tied)."""
    j = judges(2)
    e = entries(two_criteria, ["Alpha", "Bravo", "Charlie"])
    panel = panel_with_scores(two_criteria, j, e, [
        [(8, 5), (6, 6), (4, 10)],
        [(10, 4), (5, 5), (5, 5)],
    ])
    return panel, j, e


def _row(found, entry):
    return next(r for r in found.rows if r.entry.pk == entry.pk)


def test_raw_means_sds_ranks_and_ties_by_hand_with_the_two_judge_fallback(small_panel):
    panel, _, (e1, e2, e3) = small_panel
    found = panel_results(panel)
    assert _row(found, e1).raw_mean == pytest.approx(75.0)
    assert _row(found, e1).raw_sd == pytest.approx(math.sqrt(50))  # 70, 80: var 50
    assert _row(found, e2).raw_mean == pytest.approx(55.0)
    assert _row(found, e3).raw_mean == pytest.approx(55.0)
    assert [(_row(found, x).rank, _row(found, x).tied) for x in (e1, e2, e3)] == [
        (1, False), (2, True), (2, True)]
    # two judges: nobody is normalised, the normalised column equals the raw one, and why
    assert found.panel_reason.startswith("the panel has 2 judges; normalisation needs at "
                                         "least 3")
    assert not found.normalised_anywhere
    assert _row(found, e1).normalised_mean == pytest.approx(75.0)
    assert _row(found, e1).n_judges == 2


def test_conflicts_and_unsubmitted_scores_are_excluded(small_panel, two_criteria):
    panel, (j1, j2), (e1, e2, e3) = small_panel
    ConflictDeclaration.objects.create(entry=e3, judge=j2, reason="Same team")
    j2_assignment = e1.assignments.get(judge=j2)
    j2_assignment.submitted_at = None  # reopened: not counted until submitted again
    j2_assignment.save()
    found = panel_results(panel)
    assert _row(found, e3).raw_mean == pytest.approx(60.0) and _row(found, e3).n_judges == 1
    assert _row(found, e1).raw_mean == pytest.approx(70.0) and _row(found, e1).n_judges == 1
    assert [_row(found, x).rank for x in (e1, e3, e2)] == [1, 2, 3]
    assert not any(r.tied for r in found.rows)


def test_withdrawn_entries_are_not_in_the_results(small_panel):
    panel, _, (e1, e2, e3) = small_panel
    e3.status, e3.withdrawn_at = "withdrawn", e3.submitted_at
    e3.save()
    found = panel_results(panel)
    assert [r.entry.pk for r in found.rows] == [e1.pk, e2.pk]


@pytest.fixture
def three_judge_panel(personas, cycle):
    category = category_save(actor=personas["admin"], cycle=cycle, name="Mentor",
                             eligibility="Anyone.")
    criterion_save(actor=personas["admin"], category=category, name="Impact", weight=1,
                   scale_min=0, scale_max=10)
    j = judges(3, prefix="panel")
    e = entries(category, ["E1", "E2", "E3", "E4", "E5"], prefix="mentor")
    table = [[(v,) for v in row] for row in ([1, 2, 3, 4, 5], [3, 4, 5, 6, 7],
                                             [2, 4, 6, 8, 10])]
    return panel_with_scores(category, j, e, table, name="Mentor panel"), j, e, table


def test_normalised_means_by_hand(three_judge_panel):
    panel, _, e, table = three_judge_panel
    found = panel_results(panel)
    weighted = [[10 * v[0] for v in row] for row in table]  # one criterion, 0–10 → 0–100
    everything = [x for row in weighted for x in row]
    big_m, big_s = statistics.mean(everything), statistics.stdev(everything)
    for i, entry in enumerate(e):
        normalised = [big_m + big_s * (row[i] - statistics.mean(row)) / statistics.stdev(row)
                      for row in weighted]
        assert _row(found, entry).normalised_mean == pytest.approx(
            statistics.mean(normalised), abs=1e-9)
        assert _row(found, entry).raw_mean == pytest.approx(
            statistics.mean(row[i] for row in weighted))
    assert found.figure == "normalised" and found.normalised_anywhere
    assert all(j.normalised for j in found.judges)
    # every judge ranks the entries the same: perfect Spearman to the lead
    assert [c.spearman for c in found.calibration] == [pytest.approx(1.0)] * 2
    # J2 is 20 points more generous than the lead on average; J3 is 30 points more
    assert [c.bias for c in found.calibration] == [pytest.approx(20.0), pytest.approx(30.0)]
    assert found.reliability.complete and found.reliability.icc_single is not None
    assert any("α =" in line for line in found.reading)


def test_shortlist_top_n_refuses_to_cut_a_tie_silently(small_panel, personas):
    panel, _, (e1, e2, e3) = small_panel
    with pytest.raises(ApplicationError) as caught:
        shortlist_apply(actor=personas["admin"], panel=panel, top=2)
    assert caught.value.field == "tied" and "Bravo" in caught.value.message
    assert not e1.__class__.objects.filter(outcome=Outcome.FINALIST).exists()
    finalists = shortlist_apply(actor=personas["admin"], panel=panel, top=2,
                                tied_chosen=[e3.pk])
    assert [f.pk for f in finalists] == [e1.pk, e3.pk]
    entry = AuditEntry.objects.filter(action="awards.shortlist").latest("pk")
    assert entry.detail["tied_at_cut"] == [e2.pk, e3.pk]
    assert entry.detail["tied_chosen"] == [e3.pk]
    # the whole tie may go through too; a new shortlist replaces the old one
    shortlist_apply(actor=personas["admin"], panel=panel, top=1)
    assert list(e1.__class__.objects.filter(outcome=Outcome.FINALIST)) == [e1]


def test_shortlist_by_threshold(small_panel, personas):
    panel, _, (e1, e2, e3) = small_panel
    finalists = shortlist_apply(actor=personas["admin"], panel=panel, threshold=55)
    assert {f.pk for f in finalists} == {e1.pk, e2.pk, e3.pk}
    finalists = shortlist_apply(actor=personas["admin"], panel=panel, threshold=55.01)
    assert [f.pk for f in finalists] == [e1.pk]


def test_only_administrators_shortlist(small_panel, personas):
    panel, (lead, _), _ = small_panel
    for actor in (personas["member"], lead):
        with pytest.raises(ApplicationError) as caught:
            shortlist_apply(actor=actor, panel=panel, top=1)
        assert caught.value.status == 403


def test_the_lead_judge_records_the_panels_confirmation_audited(small_panel, personas):
    panel, (lead, other), (e1, e2, _) = small_panel
    shortlist_apply(actor=personas["admin"], panel=panel, threshold=55)
    with pytest.raises(ApplicationError):  # another judge of the panel may not
        winner_confirm(actor=other, panel=panel, entry=e1, note="We agreed.")
    with pytest.raises(ApplicationError) as caught:
        winner_confirm(actor=lead, panel=panel, entry=e1, note="  ")
    assert caught.value.field == "note"
    winner_confirm(actor=lead, panel=panel, entry=e1, note="Unanimous at the 3 March meeting")
    e1.refresh_from_db()
    assert e1.outcome == Outcome.WINNER
    audit = AuditEntry.objects.get(action="awards.winner_confirm")
    assert audit.detail["note"] == "Unanimous at the 3 March meeting"
    assert audit.detail["recorded_as"] == "lead judge" and audit.actor_id == lead.pk
    # an administrator can record it too, and turn a winner back into a finalist
    winner_confirm(actor=personas["admin"], panel=panel, entry=e2, note="By email, all three.")
    winner_revoke(actor=personas["admin"], entry=e2)
    e2.refresh_from_db()
    assert e2.outcome == Outcome.FINALIST
    assert AuditEntry.objects.filter(action="awards.winner_revoke").count() == 1


def test_a_winner_must_be_a_finalist(small_panel, personas):
    panel, (lead, _), (e1, *_rest) = small_panel
    with pytest.raises(ApplicationError) as caught:
        winner_confirm(actor=lead, panel=panel, entry=e1, note="Agreed.")
    assert caught.value.field == "entry"


def test_citations_are_for_finalists_and_winners_only(small_panel, personas):
    panel, _, (e1, e2, _) = small_panel
    with pytest.raises(ApplicationError):
        citation_save(actor=personas["admin"], entry=e1, citation="Great.")
    shortlist_apply(actor=personas["admin"], panel=panel, top=1)
    e1.refresh_from_db()
    citation_save(actor=personas["admin"], entry=e1, citation="Changed how we hire.")
    e1.refresh_from_db()
    assert e1.citation == "Changed how we hire."
    assert AuditEntry.objects.filter(action="awards.citation").count() == 1


def test_zero_weight_criteria_count_for_nothing(small_panel):
    panel, _, (e1, *_rest) = small_panel
    Criterion.objects.filter(name="Activity").update(weight=0)
    found = panel_results(panel)
    assert _row(found, e1).raw_mean == pytest.approx(90.0)  # Impact only: 80 and 100


def test_a_scale_changed_after_scoring_is_explained_not_a_crash(small_panel, personas,
                                                                client_for):
    panel, _, _ = small_panel
    Criterion.objects.filter(name="Impact").update(scale_max=5)
    with pytest.raises(ApplicationError) as caught:
        panel_results(panel)
    assert "Impact" in caught.value.message and "outside the criterion's scale" in \
        caught.value.message
    from django.urls import reverse

    response = client_for(personas["admin"]).get(
        reverse("awards:results", args=[panel.category_id]))
    assert response.status_code == 409 and "outside the criterion" in response.content.decode()

"""The public results page and API: nothing before publishing (404), then only finalists
and winners who consented and did not withdraw, with citations, the criteria and weights,
eligibility, the method and reliability — never a score."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.awards.models import Consent, Entry, EntryStatus, Outcome, Route
from upward.web.awards.services.results import (
    citation_save,
    results_publish,
    results_unpublish,
    shortlist_apply,
    winner_confirm,
)
from upward.web.awards.services.setup import category_save, criterion_save
from upward.web.core.audit import AuditEntry
from upward.web.core.errors import ApplicationError
from upward.web.demo.factories import person

from .results_builders import entries, judges, panel_with_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(personas, cycle):
    admin = personas["admin"]
    category = category_save(actor=admin, cycle=cycle, name="Network Champion",
                             eligibility="Employees of Northbridge.")
    criterion_save(actor=admin, category=category, name="Outcomes and impact", weight=3,
                   scale_min=0, scale_max=10)
    j = judges(2)
    e = entries(category, ["Tills to HQ", "Saturday club", "Open doors"])
    panel = panel_with_scores(category, j, e, [[(9,), (7,), (5,)], [(8,), (6,), (4,)]])
    shortlist_apply(actor=admin, panel=panel, top=2)
    winner_confirm(actor=j[0], panel=panel, entry=e[0], note="Agreed at the meeting.")
    e[0].refresh_from_db()
    e[1].refresh_from_db()
    citation_save(actor=admin, entry=e[0], citation="Rebuilt how the network recruits.")
    citation_save(actor=admin, entry=e[1], citation="Ran a Saturday club for pupils.")
    return cycle, category, e


def _unshowable(category):
    """A withdrawn finalist and an unconsented nomination with an outcome forced on them."""
    withdrawn = entries(category, ["Withdrawn one"], prefix="gone")[0]
    Entry.objects.filter(pk=withdrawn.pk).update(status=EntryStatus.WITHDRAWN,
                                                 withdrawn_at=timezone.now(),
                                                 outcome=Outcome.FINALIST,
                                                 citation="Never to be seen")
    nominee = person(roles=["member"], email="declined@northbridge.example",
                     display_name="Dana Declined")
    Entry.objects.create(category=category, route=Route.NOMINATION, nominee=nominee,
                         nominator=person(roles=["member"], email="n@northbridge.example"),
                         title="Unconsented nomination", consent=Consent.DECLINED,
                         outcome=Outcome.WINNER, citation="Never either")


def test_before_publishing_the_page_and_api_answer_404(decided, client):
    cycle, _, _ = decided
    assert client.get(reverse("awards:public_results", args=[cycle.pk])).status_code == 404
    assert client.get(f"/api/v1/awards/results/cycles/{cycle.pk}").status_code == 404
    assert cycle.name not in client.get(reverse("awards:public_index")).content.decode()


def test_published_results_show_consenting_finalists_winners_and_the_method(
        decided, client, personas):
    cycle, category, (winner, finalist, other) = decided
    _unshowable(category)
    results_publish(actor=personas["admin"], cycle=cycle)
    assert AuditEntry.objects.filter(action="awards.results_publish").count() == 1
    page = client.get(reverse("awards:public_results", args=[cycle.pk]))  # no sign-in
    assert page.status_code == 200
    html = page.content.decode()
    for shown in ("Nominee Tills to HQ", "Rebuilt how the network recruits.",
                  "Nominee Saturday club", "Ran a Saturday club for pupils.",
                  "Outcomes and impact", "Employees of Northbridge.", "Network Champion",
                  "Raw weighted means", "Krippendorff"):
        assert shown in html, shown
    for hidden in ("Open doors", "Withdrawn one", "Never to be seen", "Dana Declined",
                   "Unconsented nomination", "Never either"):
        assert hidden not in html, hidden
    assert "85.00" not in html and "85.0" not in html  # no score is public
    assert html.index("Tills to HQ") < html.index("Saturday club")  # winner first
    assert cycle.name in client.get(reverse("awards:public_index")).content.decode()


def test_the_public_api_has_the_same_content(decided, client, personas):
    cycle, category, _ = decided
    _unshowable(category)
    results_publish(actor=personas["admin"], cycle=cycle)
    body = client.get(f"/api/v1/awards/results/cycles/{cycle.pk}").json()
    (cat,) = body["categories"]
    assert [w["title"] for w in cat["winners"]] == ["Tills to HQ"]
    assert [f["title"] for f in cat["finalists"]] == ["Saturday club"]
    assert cat["winners"][0]["citation"] == "Rebuilt how the network recruits."
    assert cat["criteria"] == [{"name": "Outcomes and impact", "weight": 3.0,
                                "scale_min": 0, "scale_max": 10}]
    assert cat["panels"][0]["n_judges"] == 2
    assert "Never" not in str(body) and "raw_mean" not in str(body)


def test_publishing_needs_finalists_an_administrator_and_freezes_outcomes(
        personas, cycle, decided):
    cycle, category, (winner, finalist, _) = decided
    with pytest.raises(ApplicationError):
        results_publish(actor=personas["member"], cycle=cycle)
    empty = category_save(actor=personas["admin"], cycle=cycle, name="Empty",
                          eligibility="x").cycle
    assert empty == cycle
    results_publish(actor=personas["admin"], cycle=cycle)
    panel = category.panels.get()
    with pytest.raises(ApplicationError):
        shortlist_apply(actor=personas["admin"], panel=panel, top=1)
    with pytest.raises(ApplicationError):
        winner_confirm(actor=personas["admin"], panel=panel, entry=finalist, note="Late")
    results_unpublish(actor=personas["admin"], cycle=cycle)
    assert AuditEntry.objects.filter(action="awards.results_unpublish").count() == 1


def test_published_results_freeze_the_scores_until_they_are_withdrawn(personas, decided):
    from upward.web.awards.models import Assignment
    from upward.web.awards.services.judging import (
        assignment_reopen,
        conflict_declare,
        scores_save,
    )

    cycle, category, (winner, _, _) = decided
    admin = personas["admin"]
    assignment = Assignment.objects.filter(entry=winner).order_by("pk").first()
    criterion = category.criteria.get()
    results_publish(actor=admin, cycle=cycle)
    with pytest.raises(ApplicationError, match="results of this cycle are published"):
        assignment_reopen(actor=admin, assignment=assignment, reason="A typo")
    Assignment.objects.filter(pk=assignment.pk).update(submitted_at=None)  # as if reopened
    assignment.refresh_from_db()
    for change in (lambda: scores_save(actor=assignment.judge, assignment=assignment,
                                       scores={criterion.pk: (2, "")}),
                   lambda: conflict_declare(actor=assignment.judge, assignment=assignment,
                                            reason="My cousin")):
        with pytest.raises(ApplicationError, match="results of this cycle are published"):
            change()
    assert assignment.scores.get().value == 9  # unchanged
    results_unpublish(actor=admin, cycle=cycle)
    scores_save(actor=assignment.judge, assignment=assignment, scores={criterion.pk: (8, "")})
    assert assignment.scores.get().value == 8


def test_a_cycle_without_finalists_cannot_be_published(personas):
    from .builders import open_cycle

    cycle = open_cycle(personas["admin"], name="Quiet year")
    with pytest.raises(ApplicationError) as caught:
        results_publish(actor=personas["admin"], cycle=cycle)
    assert "Shortlist" in caught.value.message


def test_withdrawing_after_publishing_removes_the_entry_at_once(decided, client, personas):
    cycle, _, (winner, _, _) = decided
    results_publish(actor=personas["admin"], cycle=cycle)
    Entry.objects.filter(pk=winner.pk).update(status=EntryStatus.WITHDRAWN,
                                              withdrawn_at=timezone.now())
    html = client.get(reverse("awards:public_results", args=[cycle.pk])).content.decode()
    assert "Tills to HQ" not in html and "Rebuilt how" not in html

"""Judging: panels and assignment, blind review, conflicts, scores, locking, reopening,
progress and reminders, and ``panel_scores`` for the results."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from upward.web.awards.models import Assignment, Score
from upward.web.awards.selectors.judging import panel_progress, panel_scores
from upward.web.awards.services.entries import (
    consent_answer,
    entry_save,
    entry_start,
    entry_submit,
    nomination_create,
)
from upward.web.awards.services.judging import (
    assignment_add,
    assignment_remove,
    assignment_reopen,
    assignment_submit,
    assignments_generate,
    conflict_declare,
    judging_reminders_due,
    panel_remind,
    panel_save,
    scores_save,
)
from upward.web.awards.services.setup import criterion_save, question_save
from upward.web.core.audit import audit_entries
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.demo.factories import person

from .builders import category as make_category

pytestmark = pytest.mark.django_db

BLIND_TEXT = "Payroll number 55501 and my old school St Custard's"
OPEN_TEXT = "Forty mentees placed in graduate roles."


def submitted_entry(category, nominee, *, title, nominator=None, blind_text=BLIND_TEXT):
    if nominator is None:
        entry = entry_start(actor=nominee, category=category, title=title)
        actor = nominee
    else:
        entry = nomination_create(actor=nominator, category=category, email=nominee.email,
                                  title=title)
        entry = consent_answer(actor=nominee, entry=entry, give=True)
        actor = nominee
    answers = {}
    for q in category.questions.all():
        answers[q.pk] = blind_text if q.blind else OPEN_TEXT
    entry_save(actor=actor, entry=entry, answers=answers)
    return entry_submit(actor=actor, entry=entry)


@pytest.fixture
def judges(db):
    """Four judges; the fourth is also a network member (so may nominate)."""
    return [person(roles=["judge"], email=f"judge{i}@northbridge.example",
                   display_name=f"Judge Number{i}") for i in range(1, 4)] + [
        person(roles=["judge", "member"], email="judge4@northbridge.example",
               display_name="Judge Number4")]


@pytest.fixture
def blind(personas, cycle):
    """A blind category: one question hidden from judges; two criteria."""
    found = make_category(personas["admin"], cycle, name="Rising Star",
                          questions=(("Impact", 100),))
    question_save(actor=personas["admin"], category=found, label="Background details",
                  required=True, blind=True)
    criterion_save(actor=personas["admin"], category=found, name="Reach", weight=1,
                   scale_min=1, scale_max=5)
    return found


@pytest.fixture
def entrants(db):
    return [person(roles=["member"], email=f"entrant{i}@northbridge.example",
                   display_name=f"Entrant Zed{i}") for i in range(1, 7)]


@pytest.fixture
def entries(blind, entrants, judges):
    """Six submitted entries; the last nominated by judge 4 (a member too)."""
    made = [submitted_entry(blind, e, title=f"Entry title {e.profile.display_name}")
            for e in entrants[:5]]
    made.append(submitted_entry(blind, entrants[5], nominator=judges[3],
                                title="Nominated by a judge"))
    return made


@pytest.fixture
def panel(personas, blind, judges):
    return panel_save(actor=personas["admin"], category=blind, name="Rising Star panel",
                      judges=judges, lead_judge=judges[0], max_entries_per_judge=4)


def _scores_for(assignment):
    return {c.pk: (c.scale_max, "Strong") for c in assignment.entry.category.criteria.all()}


# --- panels and assignment --------------------------------------------------------------


def test_a_panel_takes_only_people_with_the_judge_role(personas, blind, judges):
    with pytest.raises(ApplicationError, match="Choose judges from the list"):
        panel_save(actor=personas["admin"], category=blind, name="P",
                   judges=[judges[0], personas["member"]])
    with pytest.raises(ApplicationError, match="lead judge must be one of"):
        panel_save(actor=personas["admin"], category=blind, name="P", judges=[judges[0]],
                   lead_judge=judges[1])
    with pytest.raises(ApplicationError):
        panel_save(actor=judges[0], category=blind, name="P", judges=[judges[0]])


def test_balanced_assignment_is_even_within_caps_and_never_conflicted(
        personas, panel, entries, judges):
    conflicted = entries[0]
    # judge 2 declared a conflict on entry 0 in another way: through a manual assignment
    first = assignment_add(actor=personas["admin"], panel=panel, entry_id=conflicted.pk,
                           judge_id=judges[1].pk)
    conflict_declare(actor=judges[1], assignment=first, reason="She is my sister.")
    made, short = assignments_generate(actor=personas["admin"], panel=panel,
                                       method="balanced", judges_per_entry=2, seed=7)
    pairs = set(Assignment.objects.filter(panel=panel).values_list("entry_id", "judge_id"))
    assert made == len(pairs) - 1 and short == []
    loads = [sum(1 for _, j in pairs if j == judge.pk) for judge in judges]
    assert max(loads) <= 4 and max(loads) - min(loads) <= 1, loads
    # the nominator-judge never gets the entry they nominated
    assert (entries[5].pk, judges[3].pk) not in pairs
    # the conflicted judge got no new assignment for it (only the recused one)
    assert all(sum(1 for e, j in pairs if e == entry.pk and (e, j) != (conflicted.pk,
                                                                        judges[1].pk)) == 2
               for entry in entries)
    assert [a.action for a in audit_entries(action="awards.assign")]


def test_assignment_is_deterministic_for_a_seed(personas, panel, entries):
    def run(seed):
        assignments_generate(actor=personas["admin"], panel=panel, method="random",
                             judges_per_entry=2, seed=seed)
        got = set(Assignment.objects.values_list("entry_id", "judge_id"))
        Assignment.objects.all().delete()
        return got

    assert run(3) == run(3)
    assert any(run(3) != run(s) for s in range(4, 12))


def test_caps_leave_entries_short_and_say_so(personas, blind, entries, judges):
    small = panel_save(actor=personas["admin"], category=blind, name="Small",
                       judges=judges[:2], max_entries_per_judge=2)
    made, short = assignments_generate(actor=personas["admin"], panel=small,
                                       method="balanced", judges_per_entry=1, seed=1)
    assert made == 4 and len(short) == 2


def test_manual_assignment_refuses_drafts_self_and_non_panel_judges(
        personas, panel, entries, judges, blind, entrants):
    draft = entry_start(actor=personas["member"], category=blind, title="Still a draft")
    with pytest.raises(ApplicationError, match="submitted entry"):
        assignment_add(actor=personas["admin"], panel=panel, entry_id=draft.pk,
                       judge_id=judges[0].pk)
    with pytest.raises(ApplicationError, match="conflict"):
        assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[5].pk,
                       judge_id=judges[3].pk)
    with pytest.raises(ApplicationError, match="judge of this panel"):
        assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=personas["judge"].pk)


# --- blind review -----------------------------------------------------------------------


def test_blind_fields_and_names_never_reach_the_judge_page(
        personas, panel, entries, judges, client_for):
    nominated = entries[5]
    assignment = assignment_add(actor=personas["admin"], panel=panel, entry_id=nominated.pk,
                                judge_id=judges[0].pk)
    client = client_for(judges[0])
    pages = [client.get(reverse("awards:judging")).content.decode(),
             client.get(reverse("awards:judging_assignment",
                                args=[assignment.pk])).content.decode()]
    assert OPEN_TEXT in pages[1]
    for html in pages:
        for hidden in (BLIND_TEXT, "55501", "Entrant Zed6", "Judge Number4",
                       "Nominated by a judge", "entrant6@"):
            assert hidden not in html, hidden
    # no route to the entry's attachments or entry page for a judge
    assert client.get(reverse("awards:entry", args=[nominated.pk])).status_code == 404


def test_a_category_without_blind_questions_shows_names(
        personas, cycle, judges, entrants, client_for):
    open_category = make_category(personas["admin"], cycle, name="Open category")
    entry = submitted_entry(open_category, entrants[0], title="Open title")
    panel = panel_save(actor=personas["admin"], category=open_category, name="Open",
                       judges=judges[:1])
    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entry.pk,
                       judge_id=judges[0].pk)
    html = client_for(judges[0]).get(reverse("awards:judging_assignment",
                                             args=[a.pk])).content.decode()
    assert "Entrant Zed1" in html and "Open title" in html


def test_a_withdrawn_entry_disappears_from_judging(personas, panel, entries, judges,
                                                    client_for, entrants):
    from upward.web.awards.services.entries import entry_withdraw

    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[0].pk)
    entry_withdraw(actor=entrants[0], entry=entries[0])
    client = client_for(judges[0])
    assert client.get(reverse("awards:judging_assignment", args=[a.pk])).status_code == 404
    assert "Entry #" not in client.get(reverse("awards:judging")).content.decode()


# --- conflicts, scores, lock, reopen ----------------------------------------------------


def test_a_conflict_recuses_and_excludes_existing_scores(personas, panel, entries, judges):
    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[0].pk)
    b = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[1].pk)
    for x, judge in ((a, judges[0]), (b, judges[1])):
        scores_save(actor=judge, assignment=x, scores=_scores_for(x))
    assignment_submit(actor=judges[0], assignment=a)
    scores_save(actor=judges[1], assignment=b, scores=_scores_for(b))
    assignment_submit(actor=judges[1], assignment=b)
    assert set(panel_scores(panel).judge_ids) == {judges[0].pk, judges[1].pk}
    # judge 1 realises a conflict only after submitting: an admin reopens, they declare it
    assignment_reopen(actor=personas["admin"], assignment=a, reason="Judge asked")
    conflict_declare(actor=judges[0], assignment=a, reason="We worked together in 2019.")
    scores = panel_scores(panel)
    assert judges[0].pk not in scores.judge_ids
    assert scores.recusals == [(judges[0].pk, entries[0].pk)]
    assert len(scores.values) == 2 and set(scores.judge_ids) == {judges[1].pk}
    with pytest.raises(ApplicationError, match="declared a conflict"):
        scores_save(actor=judges[0], assignment=a, scores=_scores_for(a))
    entry = audit_entries(action="awards.conflict_declare").first()
    assert entry.detail["scores_excluded"] == 2


def test_panel_scores_has_only_submitted_assignments_and_feeds_the_library(
        personas, panel, entries, judges):
    from upward.judging import results

    assignments_generate(actor=personas["admin"], panel=panel, method="balanced",
                         judges_per_entry=2, seed=1)
    for a in Assignment.objects.filter(panel=panel).select_related("entry__category"):
        scores_save(actor=a.judge, assignment=a, scores=_scores_for(a))
        if a.judge_id != judges[2].pk:
            assignment_submit(actor=a.judge, assignment=a)
    out = panel_scores(panel)
    assert judges[2].pk not in out.judge_ids and out.values
    assert out.lead_judge_id == judges[0].pk
    assert len(out.entry_ids) == len(out.judge_ids) == len(out.criterion_ids) == len(out.values)
    assert out.weights == [2.0, 1.0] and out.scales == [(0, 10), (1, 5)]
    scores, criteria, entry_ids, judge_ids, recusals = out.to_judging()
    got = results(scores, criteria, recusals=recusals, normalise="raw")
    scored = {entry_ids.index(e) for e in out.entry_ids}
    assert all(got.raw_mean[i] == pytest.approx(100.0) for i in scored)


def test_scores_must_be_within_the_scale(personas, panel, entries, judges, client_for):
    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[0].pk)
    outcomes, reach = list(entries[0].category.criteria.all())
    for bad in (11, -1):
        with pytest.raises(ApplicationError, match="from 0 to 10"):
            scores_save(actor=judges[0], assignment=a, scores={outcomes.pk: (bad, "")})
    with pytest.raises(ApplicationError, match="from 1 to 5"):
        scores_save(actor=judges[0], assignment=a, scores={reach.pk: (0, "")})
    assert not Score.objects.exists()
    response = client_for(judges[0]).post(
        reverse("awards:judging_assignment", args=[a.pk]),
        {f"score_{outcomes.pk}": "12", f"score_{reach.pk}": "3"})
    assert response.status_code == 400
    assert "Outcomes must be 10 or less" in response.content.decode()
    assert not Score.objects.exists()


def test_submitted_scores_lock_and_only_an_admin_reopens(personas, panel, entries, judges,
                                                         client_for,
                                                         django_capture_on_commit_callbacks):
    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[0].pk)
    client = client_for(judges[0])
    outcomes, reach = list(entries[0].category.criteria.all())
    url = reverse("awards:judging_assignment", args=[a.pk])
    assert client.post(url, {f"score_{outcomes.pk}": "7",
                             f"comment_{outcomes.pk}": "Clear impact"}).status_code == 302
    # cannot submit with a criterion unscored
    assert client.post(reverse("awards:judging_submit", args=[a.pk])).status_code == 409
    client.post(url, {f"score_{outcomes.pk}": "7", f"score_{reach.pk}": "4"})
    assert client.get(reverse("awards:judging_submit", args=[a.pk])).status_code == 200
    assert client.post(reverse("awards:judging_submit", args=[a.pk])).status_code == 302
    assert client.post(url, {f"score_{outcomes.pk}": "2",
                             f"score_{reach.pk}": "1"}).status_code == 409
    assert Score.objects.get(criterion=outcomes).value == 7
    # judges (even the lead) cannot reopen
    reopen = reverse("awards:assignment_reopen", args=[a.pk])
    assert client.post(reopen, {"reason": "please"}).status_code == 403
    admin = client_for(personas["admin"])
    assert admin.post(reopen, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(reopen, {"reason": "Scored the wrong entry"}).status_code == 302
    logged = audit_entries(action="awards.scores_reopen").first()
    assert logged.detail["reason"] == "Scored the wrong entry"
    assert Notification.objects.filter(recipient=judges[0],
                                       kind="awards_scores_reopened").exists()
    assert client.post(url, {f"score_{outcomes.pk}": "2",
                             f"score_{reach.pk}": "1"}).status_code == 302
    changes = [e.detail["changes"] for e in audit_entries(action="awards.score_change")]
    assert {str(outcomes.pk): [7, 2], str(reach.pk): [4, 1]} in changes
    assert audit_entries(action="awards.scores_submit").count() == 1


def test_declaring_a_conflict_through_the_page(personas, panel, entries, judges, client_for):
    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[0].pk)
    client = client_for(judges[0])
    url = reverse("awards:judging_conflict", args=[a.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "My line manager"}).status_code == 302
    html = client.get(reverse("awards:judging")).content.decode()
    assert "Recused" in html


# --- progress and reminders -------------------------------------------------------------


def test_progress_counts_per_judge_and_entry(personas, panel, entries, judges):
    a = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[0].pk)
    b = assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[0].pk,
                       judge_id=judges[1].pk)
    scores_save(actor=judges[0], assignment=a, scores=_scores_for(a))
    assignment_submit(actor=judges[0], assignment=a)
    conflict_declare(actor=judges[1], assignment=b, reason="Friend")
    progress = panel_progress(panel)
    by_judge = {j.judge_id: j for j in progress.judges}
    assert (by_judge[judges[0].pk].assigned, by_judge[judges[0].pk].submitted) == (1, 1)
    assert (by_judge[judges[1].pk].assigned, by_judge[judges[1].pk].conflicts) == (1, 1)
    assert by_judge[judges[2].pk].assigned == 0
    assert [(e.entry_id, e.judges, e.submitted_scores) for e in progress.entries] == [
        (entries[0].pk, 2, 1)]


def test_the_lead_judge_reminds_judges_with_unsubmitted_scores(
        personas, panel, entries, judges, client_for, django_capture_on_commit_callbacks):
    assignments_generate(actor=personas["admin"], panel=panel, method="balanced",
                         judges_per_entry=2, seed=2)
    lead = client_for(judges[0])
    url = reverse("awards:panel_remind", args=[panel.pk])
    assert client_for(judges[1]).get(url).status_code == 404
    assert lead.get(reverse("awards:panel_progress", args=[panel.pk])).status_code == 200
    assert lead.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert lead.post(url).status_code == 302
    reminded = set(Notification.objects.filter(kind="awards_judging_reminder")
                   .values_list("recipient_id", flat=True))
    assert reminded == {judges[1].pk, judges[2].pk, judges[3].pk}
    with pytest.raises(ApplicationError):
        panel_remind(actor=judges[1], panel=panel)


def test_the_periodic_reminder_is_safe_to_run_twice(personas, panel, entries, judges, cycle):
    assignments_generate(actor=personas["admin"], panel=panel, method="balanced",
                         judges_per_entry=1, seed=2)
    first = Assignment.objects.filter(panel=panel).first()
    scores_save(actor=first.judge, assignment=first, scores=_scores_for(first))
    assignment_submit(actor=first.judge, assignment=first)
    pending = set(Assignment.objects.filter(panel=panel, submitted_at__isnull=True)
                  .values_list("judge_id", flat=True))
    early = cycle.judging_ends_at - timedelta(days=5)
    assert judging_reminders_due(now=early) == 0
    near = cycle.judging_ends_at - timedelta(days=1)
    assert judging_reminders_due(now=near) == len(pending)
    assert judging_reminders_due(now=near + timedelta(hours=6)) == 0
    assert set(Notification.objects.filter(kind="awards_judging_reminder")
               .values_list("recipient_id", flat=True)) == pending


def test_an_administrator_takes_an_entry_off_a_judges_list_with_a_reason(
        personas, panel, entries, judges, client_for):
    admin = personas["admin"]
    a = assignment_add(actor=admin, panel=panel, entry_id=entries[0].pk, judge_id=judges[0].pk)
    scores_save(actor=judges[0], assignment=a, scores=_scores_for(a))
    started = a.scores.count()
    assert started
    with pytest.raises(ApplicationError, match="reason"):
        assignment_remove(actor=admin, assignment=a, reason="  ")
    with pytest.raises(ApplicationError):
        assignment_remove(actor=judges[0], assignment=a, reason="Mine")
    url = reverse("awards:assignment_remove", args=[a.pk])
    assert client_for(judges[0]).get(url).status_code in (403, 404)
    page = client_for(admin).get(url).content.decode()
    assert f"Take entry #{entries[0].pk} off" in page and f"the {started} score" in page
    response = client_for(admin).post(url, {"reason": "Assigned to the wrong judge"})
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=a.pk).exists()
    assert not Score.objects.filter(assignment_id=a.pk).exists()
    [entry] = audit_entries(action="awards.unassign")
    assert entry.detail["reason"] == "Assigned to the wrong judge"
    assert entry.detail["scores_deleted"] == started and entry.detail["judge"] == judges[0].pk


def test_submitted_scores_must_be_reopened_before_the_assignment_goes(
        personas, panel, entries, judges, client_for):
    admin = personas["admin"]
    a = assignment_add(actor=admin, panel=panel, entry_id=entries[0].pk, judge_id=judges[0].pk)
    scores_save(actor=judges[0], assignment=a, scores=_scores_for(a))
    assignment_submit(actor=judges[0], assignment=a)
    with pytest.raises(ApplicationError, match="reopen them first"):
        assignment_remove(actor=admin, assignment=a, reason="Late change")
    # the page only offers removal for open assignments
    assert client_for(admin).get(reverse("awards:assignment_remove", args=[a.pk])
                                 ).status_code == 404
    panel_page = client_for(admin).get(reverse("awards:panel", args=[panel.pk])).content
    assert b"Reopen" in panel_page and b">Remove<" not in panel_page
    assert Assignment.objects.filter(pk=a.pk).exists()

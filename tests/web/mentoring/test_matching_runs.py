"""Matching runs: pending until published, adjusted by hand, the quality spread through
disclosure control, and capacities and hard rules holding in every published run."""

from __future__ import annotations

import random

import pytest
from django.http import Http404
from django.urls import reverse

from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.mentoring.models import MatchRun, Pair, PairStatus, RunStatus
from upward.web.mentoring.selectors.matching import (
    quality_spread,
    run_get_by_id_for_lead,
    run_summary,
    weak_threshold,
)
from upward.web.mentoring.services.matching import (
    run_create,
    run_discard,
    run_match_remove,
    run_match_set,
    run_publish,
)
from upward.web.mentoring.services.pairs import pair_start

from .programme_builders import (
    FUNCTIONS,
    GRADES,
    LOCATIONS,
    SKILLS,
    make_programme,
    member,
    sign_up,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(lead):
    return make_programme(lead)


def _pool(programme, mentees=3, mentors=2, capacity=2):
    return ([sign_up(member(), programme, "mentee") for _ in range(mentees)],
            [sign_up(member(), programme, "mentor", capacity=capacity) for _ in range(mentors)])


def test_a_run_matches_the_pool_and_stores_its_figures(programme, lead):
    _pool(programme)
    run = run_create(actor=lead, programme=programme)
    assert run.status == RunStatus.PENDING
    assert run.matches.count() == 3
    stats = run.stats
    assert (stats["mentees"], stats["mentors"], stats["places"], stats["matched"]) == (3, 2, 4, 3)
    assert stats["total"] == run.total_score == sum(m.score for m in run.matches.all())
    assert stats["greedy_total"] <= stats["total"] <= stats["upper_bound"] + 1e-6
    assert stats["seconds"] >= 0 and stats["gap_percent"] >= 0
    assert stats["greedy_percent"] == round(100 * stats["total"] / stats["greedy_total"], 1)
    for match in run.matches.all():
        assert sum(points for *_, points in match.explanation) == match.score
    entry = AuditEntry.objects.get(action="mentoring.run")
    # administrators read the log: no total that includes the mentees' private points
    assert entry.detail == {"mode": "optimal", "matched": run.matches.count()}
    assert not Pair.objects.exists()  # nothing happens until it is published


def test_weights_for_one_run_change_the_scores_but_not_the_programme(programme, lead):
    _pool(programme, mentees=1, mentors=1)
    default = run_create(actor=lead, programme=programme)
    heavier = run_create(actor=lead, programme=programme, weights={"goals": 100}, mode="stable")
    assert heavier.weights["goals"] == 100 and heavier.mode == "stable"
    assert heavier.total_score == default.total_score + 70
    programme.refresh_from_db()
    assert "goals" not in programme.weights


def test_the_pool_leaves_out_paired_mentees_and_counts_mentors_room(programme, lead):
    mentees, mentors = _pool(programme, mentees=3, mentors=1, capacity=2)
    pair_start(mentee=mentees[0], mentor=mentors[0], source="requested")
    run = run_create(actor=lead, programme=programme)
    assert run.stats["mentees"] == 2 and run.stats["places"] == 1
    assert run.matches.count() == 1
    assert mentees[0].pk not in run.matches.values_list("mentee_id", flat=True)


def test_paused_and_left_people_are_not_matched(programme, lead):
    mentees, mentors = _pool(programme, mentees=2, mentors=1)
    mentees[0].status = "paused"
    mentees[0].save()
    mentors[0].status = "left"
    mentors[0].save()
    run = run_create(actor=lead, programme=programme)
    assert (run.stats["mentees"], run.stats["mentors"], run.matches.count()) == (1, 0, 0)


def test_remove_and_set_by_hand_check_rules_and_room(programme, lead):
    mentees, mentors = _pool(programme, mentees=3, mentors=2, capacity=1)
    boss_user = member()
    boss = sign_up(boss_user, programme, "mentor", capacity=3)
    mentees[2].line_manager = boss_user
    mentees[2].save()
    run = run_create(actor=lead, programme=programme)
    first = run.matches.first()
    run_match_remove(actor=lead, run=run, match_id=first.pk)
    run.refresh_from_db()
    assert run.stats["matched"] == run.matches.count() == 2
    with pytest.raises(ApplicationError, match="does not allow") as refused:
        run_match_set(actor=lead, run=run, mentee_id=mentees[2].pk, mentor_id=boss.pk)
    assert refused.value.field == "mentor"
    taken = run.matches.exclude(mentor=boss).first()
    with pytest.raises(ApplicationError, match="no room"):
        run_match_set(actor=lead, run=run, mentee_id=first.mentee_id, mentor_id=taken.mentor_id)
    match = run_match_set(actor=lead, run=run, mentee_id=first.mentee_id, mentor_id=boss.pk)
    assert match.adjusted and sum(p for *_, p in match.explanation) == match.score
    assert AuditEntry.objects.filter(action="mentoring.run_adjust").count() == 2


def test_publish_starts_pairs_once_and_discards_other_pending_runs(programme, lead):
    _pool(programme)
    other = run_create(actor=lead, programme=programme)
    run = run_create(actor=lead, programme=programme)
    pairs = run_publish(actor=lead, run=run)
    assert len(pairs) == 3
    assert all(p.source == "matched" and p.run == run for p in pairs)
    other.refresh_from_db()
    assert other.status == RunStatus.DISCARDED
    with pytest.raises(ApplicationError, match="published"):
        run_publish(actor=lead, run=run)
    with pytest.raises(ApplicationError):
        run_publish(actor=lead, run=other)
    assert Pair.objects.count() == 3
    assert AuditEntry.objects.filter(action="mentoring.run_publish").count() == 1


def test_a_match_overtaken_by_a_request_is_left_out_on_publish(programme, lead):
    mentees, mentors = _pool(programme, mentees=1, mentors=2, capacity=1)
    run = run_create(actor=lead, programme=programme)
    pair_start(mentee=mentees[0], mentor=run.matches.get().mentor, source="requested")
    assert run_publish(actor=lead, run=run) == []
    run.refresh_from_db()
    assert run.stats["skipped"] == 1


def test_discard(programme, lead):
    _pool(programme)
    run = run_discard(actor=lead, run=run_create(actor=lead, programme=programme))
    assert run.status == RunStatus.DISCARDED
    with pytest.raises(ApplicationError):
        run_match_remove(actor=lead, run=run, match_id=run.matches.first().pk)


def test_members_can_neither_run_nor_see_runs(programme, lead, member):
    _pool(programme)
    with pytest.raises(ApplicationError) as refused:
        run_create(actor=member, programme=programme)
    assert refused.value.status == 404
    run = run_create(actor=lead, programme=programme)
    with pytest.raises(Http404):
        run_get_by_id_for_lead(viewer=member, run_id=run.pk)
    with pytest.raises(ApplicationError):
        run_publish(actor=member, run=run)
    with pytest.raises(Http404):
        quality_spread(viewer=member, run=run)


def test_the_quality_spread_is_counts_through_disclosure_control(programme, lead, settings):
    settings.UPWARD_INSIGHTS_K = 5
    for _ in range(12):
        sign_up(member(), programme, "mentee", grade="EO", function="Finance")
    for _ in range(3):
        sign_up(member(), programme, "mentee", grade="AO", function="Digital")
    for _ in range(6):
        sign_up(member(), programme, "mentor", grade="G7", capacity=1)
    run = run_create(actor=lead, programme=programme)
    by_grade, by_function = quality_spread(viewer=lead, run=run)
    rows = {label: [c.text for c in cells] for label, cells in by_grade.rows}
    assert set(rows) == {"AO", "EO", "Total"}
    assert rows["Total"][2] == "15"
    assert all(text in ("fewer than 5", "suppressed") for text in rows["AO"])  # 3 people
    assert "Finance" in {label for label, _ in by_function.rows}
    page = "".join(str(t.to_rows()) for t in (by_grade, by_function))
    for person in run.matches.all():
        assert person.mentee.user.profile.display_name not in page


def test_capacities_and_hard_rules_hold_in_every_published_run(lead):
    rng = random.Random(7)
    for round_ in range(3):
        programme = make_programme(lead, name=f"Random {round_}", exclude_same_team=True,
                                   min_grade_gap=0, max_grade_gap=3)
        users = [member() for _ in range(14)]
        mentors = [sign_up(u, programme, "mentor", capacity=rng.randint(1, 3),
                           grade=rng.choice(GRADES), team=rng.choice("ABC"),
                           location=rng.choice(LOCATIONS), function=rng.choice(FUNCTIONS),
                           skills_offered=rng.sample(SKILLS, 2)) for u in users[:5]]
        mentees = [sign_up(u, programme, "mentee", grade=rng.choice(GRADES),
                           team=rng.choice("ABC"), wanted_function=rng.choice(FUNCTIONS),
                           line_manager=rng.choice(users[:5]), avoid=[rng.choice(users[:5])],
                           skills_wanted=rng.sample(SKILLS, 2)) for u in users[5:]]
        run = run_create(actor=lead, programme=programme, mode=rng.choice(["optimal", "stable"]))
        run_publish(actor=lead, run=run)
        grade = {g: i for i, g in enumerate(GRADES)}
        for pair in Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE):
            mentee, mentor = pair.mentee, pair.mentor
            assert mentee.line_manager_id != mentor.user_id
            assert mentor.user_id not in mentee.avoid.values_list("pk", flat=True)
            assert mentee.team != mentor.team
            assert 0 <= grade[mentor.grade] - grade[mentee.grade] <= 3
            assert sum(points for *_, points in pair.explanation) == pair.score
        for mentor in mentors:
            assert Pair.objects.filter(mentor=mentor).count() <= mentor.capacity
        assert all(Pair.objects.filter(mentee=m).count() <= 1 for m in mentees)


# --- pages -------------------------------------------------------------------------------

def _weights_post(**overrides):
    data = {"mode": "optimal"}
    data.update({f"weight_{k}": "10" for k in ("goals", "skills", "lived_experience", "topics",
                                               "function", "career", "location", "availability",
                                               "grade_gap", "bookmarked")})
    data.update(overrides)
    return data


def test_the_lead_runs_adjusts_and_publishes_through_the_pages(programme, lead, client_for):
    mentees, mentors = _pool(programme)
    client = client_for(lead)
    manage = client.get(reverse("mentoring:manage_programme", args=[programme.slug]))
    assert "Run matching" in manage.content.decode()
    response = client.post(reverse("mentoring:run_new", args=[programme.slug]),
                           _weights_post(weight_goals="-1"))
    assert response.status_code == 400 and not MatchRun.objects.exists()
    response = client.post(reverse("mentoring:run_new", args=[programme.slug]), _weights_post())
    run = MatchRun.objects.get()
    assert response.url == reverse("mentoring:run", args=[programme.slug, run.pk])
    page = client.get(response.url).content.decode()
    assert "Match quality by grade" in page and "Same goal: First promotion +10" in page
    assert "<dt>Shared goals</dt><dd>10</dd>" in page
    assert "only network leads see them" in page
    match = run.matches.first()
    client.post(reverse("mentoring:run_remove", args=[programme.slug, run.pk, match.pk]))
    assert run.matches.count() == 2
    assert "Unmatched mentees" in client.get(response.url).content.decode()
    bad = client.post(reverse("mentoring:run_set", args=[programme.slug, run.pk]),
                      {"mentee": "", "mentor": ""})
    assert bad.status_code == 400 and "Select a mentee" in bad.content.decode()
    client.post(reverse("mentoring:run_set", args=[programme.slug, run.pk]),
                {"mentee": match.mentee_id, "mentor": match.mentor_id})
    assert run.matches.filter(adjusted=True).count() == 1
    publish = reverse("mentoring:run_publish", args=[programme.slug, run.pk])
    assert "Publish these matches?" in client.get(publish).content.decode()
    client.post(publish)
    assert Pair.objects.count() == 3
    assert client.post(publish).status_code == 409


@pytest.mark.parametrize("role", ["member", "moderator", "analyst", "admin"])
def test_pending_runs_answer_403_or_404_to_everyone_but_leads(role, personas, programme, lead,
                                                              client_for):
    _pool(programme)
    run = run_create(actor=lead, programme=programme)
    client = client_for(personas[role])
    for name in ("run", "run_publish", "run_discard"):
        assert client.get(reverse(f"mentoring:{name}", args=[programme.slug, run.pk])) \
            .status_code in (403, 404)
    assert client.post(reverse("mentoring:run_publish", args=[programme.slug, run.pk])) \
        .status_code in (403, 404)
    assert not Pair.objects.exists()


def test_a_weak_match_scores_below_forty_percent_of_a_full_score(programme, lead):
    good_mentee = sign_up(member(), programme, "mentee")  # goal, skill, place, gap: 65
    sign_up(member(), programme, "mentee", goals=["Networking"], location="London",
            skills_wanted=["Writing"])                     # only the grade gap: 10
    sign_up(member(), programme, "mentor", capacity=2)
    run = run_create(actor=lead, programme=programme)
    assert run.stats["full_score"] == 30 + 20 + 25 + 10 + 15 + 10 + 5 + 5 + 10  # no bookmark
    assert weak_threshold(run) == pytest.approx(0.4 * 130)
    assert sorted(run.matches.values_list("score", flat=True)) == [10, 65]
    summary = run_summary(run)
    assert (summary.matched, summary.weak, summary.unmatched) == (2, 1, 0)
    assert run.matches.get(mentee=good_mentee).score == 65

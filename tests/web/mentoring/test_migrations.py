"""Data migrations in mentoring: what happens to rows that existed before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = ("mentoring", "0003_erasure_pair_sides_kept")
AFTER = ("mentoring", "0004_polish_explanation_keys")
FOLDED = ["Preferences only the mentee sees", 40]


@pytest.mark.django_db(transaction=True)
def test_stored_explanations_gain_keys_and_a_folded_private_part_stays_private():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    users = [old.get_model("accounts", "User").objects.create(
        email=f"p{n}@example.org", password="!", date_joined=timezone.now()) for n in (1, 2)]
    programme = old.get_model("mentoring", "Programme").objects.create(name="Old", slug="old")
    participant = old.get_model("mentoring", "Participant")
    mentee = participant.objects.create(programme=programme, user=users[0], side="mentee")
    mentor = participant.objects.create(programme=programme, user=users[1], side="mentor")
    old.get_model("mentoring", "Pair").objects.create(
        programme=programme, mentee=mentee, mentor=mentor, source="matched", score=80,
        explanation=[["Same goal: First promotion", 30], ["Same answer to format: video", 5],
                     ["Seniority gap: mentor 2 grades above", 5], FOLDED])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state([AFTER]).apps
    pair = new.get_model("mentoring", "Pair").objects.get()
    assert pair.explanation == [["goals", "Same goal: First promotion", 30],
                                ["answers:", "Same answer to format: video", 5],
                                ["grade_gap", "Seniority gap: mentor 2 grades above", 5],
                                FOLDED]

    from upward.web.mentoring.candidates import parts_for, score_for

    assert parts_for(pair.explanation, mentee=True)[-1] == tuple(FOLDED)
    assert [label for label, _ in parts_for(pair.explanation, mentee=False)] == [
        "Same goal: First promotion", "Same answer to format: video",
        "Seniority gap: mentor 2 grades above"]
    assert score_for(pair.explanation, mentee=False) == 40
    assert score_for(pair.explanation, mentee=True) == 80

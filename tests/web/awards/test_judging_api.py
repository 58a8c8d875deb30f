"""Judging's API: a judge's own assignments only, blind-filtered entries, scores in range,
submit locks, the write scope."""

from __future__ import annotations

import json

import pytest

from upward.web.awards.services.judging import assignment_add

from ..mentoring.clients import api_client
from .test_judging import BLIND_TEXT, OPEN_TEXT, blind, entrants, entries, judges, panel  # noqa: F401

pytestmark = pytest.mark.django_db

BASE = "/api/v1/awards/judging/assignments"


@pytest.fixture
def assigned(personas, panel, entries, judges):  # noqa: F811
    return assignment_add(actor=personas["admin"], panel=panel, entry_id=entries[5].pk,
                          judge_id=judges[0].pk)


def test_blind_fields_and_names_never_reach_the_api(assigned, judges):  # noqa: F811
    client = api_client(judges[0])
    listing = client.get(BASE)
    detail = client.get(f"{BASE}/{assigned.pk}")
    assert listing.status_code == 200 and detail.status_code == 200
    assert [a["id"] for a in listing.json()] == [assigned.pk]
    assert OPEN_TEXT in detail.content.decode()
    assert detail.json()["hidden_answers"] == 1 and detail.json()["entered_by"] == ""
    for body in (listing.content.decode(), detail.content.decode()):
        for hidden in (BLIND_TEXT, "55501", "Entrant Zed6", "Judge Number4",
                       "Nominated by a judge"):
            assert hidden not in body, hidden


def test_only_the_assigned_judge_reads_it(assigned, judges, personas):  # noqa: F811
    assert api_client(judges[1]).get(f"{BASE}/{assigned.pk}").status_code == 404
    assert api_client(personas["member"]).get(BASE).status_code == 403
    assert api_client(personas["admin"]).get(f"{BASE}/{assigned.pk}").status_code == 404


def test_scores_put_validates_and_submit_locks(assigned, judges):  # noqa: F811
    client = api_client(judges[0])
    criteria = [s["criterion_id"] for s in client.get(f"{BASE}/{assigned.pk}").json()["scores"]]
    put = lambda scores: client.put(f"{BASE}/{assigned.pk}/scores",  # noqa: E731
                                    data=json.dumps({"scores": scores}),
                                    content_type="application/json")
    bad = put([{"criterion_id": criteria[0], "value": 11}])
    assert bad.status_code == 400 and "from 0 to 10" in bad.json()["detail"]
    ok = put([{"criterion_id": criteria[0], "value": 8, "comment": "Good"},
              {"criterion_id": criteria[1], "value": 3}])
    assert ok.status_code == 200
    assert [s["value"] for s in ok.json()["scores"]] == [8, 3]
    submitted = client.post(f"{BASE}/{assigned.pk}/submit")
    assert submitted.status_code == 200 and submitted.json()["submitted_at"]
    assert put([{"criterion_id": criteria[0], "value": 1}]).status_code == 409


def test_writes_need_the_write_scope(assigned, judges):  # noqa: F811
    client = api_client(judges[0], scope="read")
    assert client.get(f"{BASE}/{assigned.pk}").status_code == 200
    assert client.post(f"{BASE}/{assigned.pk}/submit").status_code == 403

"""Judging's API under /api/v1/awards/judging/: a judge's assignments, one assignment
(the entry blind-filtered exactly as on the page, through ``judge_entry_view``), saving
scores and submitting them. The same selectors and services as the pages, so another
judge's assignment is a 404 here too; writes need a token with the write scope (core)."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema
from pydantic import Field

from upward.web.awards.selectors import judging as selectors
from upward.web.awards.services import judging as services
from upward.web.core.permissions import require_capability

router = Router(tags=["awards"])


class AssignmentOut(Schema):
    id: int
    entry: str
    category: str
    status: str
    criteria_scored: int
    criteria: int


class AnswerOut(Schema):
    question: str
    answer: str


class ScoreOut(Schema):
    criterion_id: int
    criterion: str
    weight: float
    scale_min: int
    scale_max: int
    value: int | None
    comment: str


class AssignmentDetailOut(Schema):
    id: int
    entry: str
    category: str
    blind: bool
    entered_by: str
    answers: list[AnswerOut]
    hidden_answers: int
    recused: bool
    submitted_at: datetime | None
    scores: list[ScoreOut]


class ScoreIn(Schema):
    criterion_id: int
    value: int | None = None
    comment: str = Field("", max_length=2000)


class ScoresIn(Schema):
    scores: list[ScoreIn]


def _detail(viewer, pk: int) -> dict:
    assignment = selectors.assignment_for_judge(viewer=viewer, pk=pk)
    view = selectors.judge_entry_view(assignment.entry)
    return {"id": assignment.pk, "entry": view.label, "category": view.category,
            "blind": view.blind, "entered_by": view.people,
            "answers": [{"question": q, "answer": a} for q, a in view.answers],
            "hidden_answers": view.hidden_questions,
            "recused": selectors.assignment_is_recused(assignment),
            "submitted_at": assignment.submitted_at,
            "scores": [{"criterion_id": c.pk, "criterion": c.name, "weight": float(c.weight),
                        "scale_min": c.scale_min, "scale_max": c.scale_max,
                        "value": s.value if s else None, "comment": s.comment if s else ""}
                       for c, s in selectors.assignment_scores(assignment)]}


@router.get("/awards/judging/assignments", response=list[AssignmentOut],
            summary="Entries assigned to you to judge")
def assignment_list(request):
    require_capability(request.auth, "judge_awards")
    return [{"id": r.assignment.pk, "entry": r.label, "category": r.category,
             "status": r.status, "criteria_scored": r.scored, "criteria": r.criteria}
            for r in selectors.assignments_for_judge(viewer=request.auth)]


@router.get("/awards/judging/assignments/{assignment_id}", response=AssignmentDetailOut,
            summary="One of your assignments: the entry as judges see it, and your scores")
def assignment_read(request, assignment_id: int):
    return _detail(request.auth, assignment_id)


@router.put("/awards/judging/assignments/{assignment_id}/scores", response=AssignmentDetailOut,
            summary="Save your scores (a null value clears one)")
def scores_put(request, assignment_id: int, payload: ScoresIn):
    assignment = selectors.assignment_for_judge(viewer=request.auth, pk=assignment_id)
    services.scores_save(actor=request.auth, assignment=assignment,
                         scores={s.criterion_id: (s.value, s.comment) for s in payload.scores})
    return _detail(request.auth, assignment_id)


@router.post("/awards/judging/assignments/{assignment_id}/submit", response=AssignmentDetailOut,
             summary="Submit your scores; they lock")
def assignment_submit(request, assignment_id: int):
    assignment = selectors.assignment_for_judge(viewer=request.auth, pk=assignment_id)
    services.assignment_submit(actor=request.auth, assignment=assignment)
    return _detail(request.auth, assignment_id)

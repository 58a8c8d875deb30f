"""API for programmes, sign-up, suggested mentors, requests and matching runs, under
/api/v1/mentoring/. The same selectors and services as the pages: the same people see
and do the same things, and what is forbidden answers 404 like what is missing."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema
from pydantic import ConfigDict, Field

try:  # django-ninja ≥ 1.5 wants an explicit Status for non-200 answers
    from ninja import Status
except ImportError:  # pragma: no cover - older django-ninja takes a (status, body) tuple
    def Status(status_code, value):  # noqa: N802
        return status_code, value

from upward.web.mentoring.models import MAX_TEXT
from upward.web.mentoring.selectors import matching as run_selectors
from upward.web.mentoring.selectors import programmes as selectors
from upward.web.mentoring.selectors import requests as request_selectors
from upward.web.mentoring.selectors import suggestions as suggestion_selectors
from upward.web.mentoring.services import matching as run_services
from upward.web.mentoring.services import requests as request_services
from upward.web.mentoring.services import signup as signup_services

router = Router(tags=["mentoring"])


class QuestionOut(Schema):
    key: str
    text: str
    options: list[str]


class ProgrammeOut(Schema):
    slug: str
    name: str
    description: str
    kind: str
    signup_closes_on: date | None
    starts_on: date | None
    ends_on: date | None
    signup_open: bool
    allow_requests: bool
    grades: list[str]
    functions: list[str]
    goals: list[str]
    skills: list[str]
    lived_experience: list[str]
    availability: list[str]
    locations: list[str]
    max_capacity: int
    questions: list[QuestionOut]


def _programme(programme) -> dict:
    return {**{name: getattr(programme, name) for name in ProgrammeOut.model_fields
               if name not in ("signup_open", "questions")},
            "signup_open": selectors.signup_is_open(programme),
            "questions": [{"key": q.key, "text": q.text, "options": q.options}
                          for q in programme.questions.all()]}


@router.get("/mentoring/programmes", response=list[ProgrammeOut],
            summary="Mentoring programmes you may join")
def programmes(request):
    return [_programme(p) for p in
            selectors.programmes_open_to(viewer=request.auth).prefetch_related("questions")]


@router.get("/mentoring/programmes/{slug}", response=ProgrammeOut, summary="One programme")
def programme(request, slug: str):
    return _programme(selectors.programme_get_for_member(viewer=request.auth, slug=slug))


class SignupIn(Schema):
    model_config = ConfigDict(extra="forbid")
    side: str = Field(description="mentee, mentor or both")
    grade: str = ""
    function: str = ""
    wanted_function: str = ""
    team: str = ""
    location: str = ""
    goals: list[str] = []
    skills_offered: list[str] = []
    skills_wanted: list[str] = []
    lived_experience_shown: list[str] = []
    lived_experience_wanted: list[str] = []
    availability: list[str] = []
    answers: dict[str, str] = {}
    capacity: int | None = None
    about: str = Field("", max_length=MAX_TEXT)
    use_profile: bool = True
    line_manager: str = Field("", description="Name or @handle; seen by nobody")
    avoid: list[str] = Field([], description="Names or @handles; seen by nobody")


class SignupOut(Schema):
    """Your own sign-up (only you get it back)."""

    id: int
    programme: str
    side: str
    status: str
    grade: str
    function: str
    wanted_function: str
    location: str
    goals: list[str]
    skills_offered: list[str]
    skills_wanted: list[str]
    lived_experience_shown: list[str]
    lived_experience_wanted: list[str]
    availability: list[str]
    answers: dict[str, str]
    capacity: int
    about: str
    use_profile: bool


@router.post("/mentoring/programmes/{slug}/sign-up", response={200: SignupOut},
             summary="Sign up to a programme, or change your sign-up")
def signup(request, slug: str, payload: SignupIn):
    found = selectors.programme_get_for_member(viewer=request.auth, slug=slug)
    data = payload.model_dump()
    participant = signup_services.signup_submit(
        actor=request.auth, programme=found, line_manager_text=data.pop("line_manager"),
        avoid_texts=data.pop("avoid"), **data)
    return {**{name: getattr(participant, name) for name in SignupOut.model_fields
               if name != "programme"}, "programme": found.slug}


class PartOut(Schema):
    label: str
    points: int


class MentorOut(Schema):
    id: int
    name: str
    grade: str
    function: str
    location: str
    goals: list[str]
    skills: list[str]
    lived_experience: list[str]
    availability: list[str]
    about: str
    score: int
    explanation: list[PartOut]
    bookmarked: bool
    requested: bool


@router.get("/mentoring/programmes/{slug}/suggestions", response=list[MentorOut],
            summary="Suggested mentors for you (a mentee), best first, each explained")
def suggestions(request, slug: str, limit: int = 20, offset: int = 0):
    found = selectors.programme_get_for_member(viewer=request.auth, slug=slug)
    cards = suggestion_selectors.suggestions_for(viewer=request.auth, programme=found)
    limit = max(1, min(limit, 100))
    return [card.to_dict() for card in cards[max(0, offset):max(0, offset) + limit]]


class RequestIn(Schema):
    model_config = ConfigDict(extra="forbid")
    programme: str
    mentor: int = Field(description="The mentor's id from the suggestions")
    message: str = Field("", max_length=MAX_TEXT)


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=300)


class RequestOut(Schema):
    id: int
    programme: str
    mentee: str
    mentor: str
    status: str
    message: str
    answer: str
    created_at: datetime


def _request(found) -> dict:
    return {"id": found.pk, "programme": found.programme.slug,
            "mentee": found.mentee.user.profile.display_name,
            "mentor": found.mentor.user.profile.display_name, "status": found.status,
            "message": found.message, "answer": found.answer, "created_at": found.created_at}


@router.get("/mentoring/requests", response=list[RequestOut],
            summary="Requests you sent (as a mentee) and received (as a mentor), newest first")
def requests(request, role: str = "any"):
    sent = request_selectors.requests_sent(viewer=request.auth)
    received = request_selectors.requests_received(viewer=request.auth)
    chosen = {"sent": [sent], "received": [received]}.get(role, [sent, received])
    found = sorted((r for queryset in chosen for r in queryset[:100]),
                   key=lambda r: (r.created_at, r.pk), reverse=True)
    return [_request(r) for r in found]


@router.post("/mentoring/requests", response={201: RequestOut},
             summary="Ask a suggested mentor to be your mentor")
def request_create(request, payload: RequestIn):
    found = selectors.programme_get_for_member(viewer=request.auth, slug=payload.programme)
    sent = request_services.request_send(actor=request.auth, programme=found,
                                         mentor_id=payload.mentor, message=payload.message)
    return Status(201, _request(sent))


@router.post("/mentoring/requests/{request_id}/accept", response=RequestOut,
             summary="Accept a request to be someone's mentor (a pair starts)")
def request_accept(request, request_id: int):
    found = request_selectors.request_get_for_mentor(viewer=request.auth, request_id=request_id)
    request_services.request_accept(actor=request.auth, request=found)
    found.refresh_from_db()
    return _request(found)


@router.post("/mentoring/requests/{request_id}/decline", response=RequestOut,
             summary="Decline a request to be someone's mentor")
def request_decline(request, request_id: int, payload: AnswerIn):
    found = request_selectors.request_get_for_mentor(viewer=request.auth, request_id=request_id)
    return _request(request_services.request_decline(actor=request.auth, request=found,
                                                     reason=payload.reason))


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")
    programme: str
    mode: str | None = Field(None, description="optimal or stable (default: the programme's)")
    weights: dict[str, int] = Field({}, description="Criterion → points for this run only")


class MatchOut(Schema):
    id: int
    mentee: str
    mentor: str
    score: int = Field(description="The sum of the parts shown: preferences only the mentee "
                                   "sees are left out")
    score_note: str
    explanation: list[PartOut]
    adjusted: bool


class RunOut(Schema):
    id: int
    programme: str
    mode: str
    status: str
    weights: dict[str, int]
    total_score: int
    stats: dict
    created_at: datetime
    matches: list[MatchOut]


def _run(run) -> dict:
    return {"id": run.pk, "programme": run.programme.slug, "mode": run.mode,
            "status": run.status, "weights": run.weights,
            "total_score": run_selectors.run_summary(run).total,
            "stats": run_selectors.run_stats_for_lead(run),
            "created_at": run.created_at,
            "matches": [{"id": m.pk, "mentee": m.mentee.user.profile.display_name,
                         "mentor": m.mentor.user.profile.display_name, "score": m.score,
                         "score_note": run_selectors.OTHERS_HINT,
                         "explanation": [{"label": label, "points": points}
                                         for label, points in m.explanation],
                         "adjusted": m.adjusted} for m in run_selectors.run_matches(run)]}


@router.post("/mentoring/runs", response={201: RunOut},
             summary="Run matching (network leads); held as pending until published")
def run_create(request, payload: RunIn):
    found = selectors.programme_get_for_lead(viewer=request.auth, slug=payload.programme)
    run = run_services.run_create(actor=request.auth, programme=found, mode=payload.mode,
                                  weights=payload.weights)
    return Status(201, _run(run))


@router.get("/mentoring/runs/{run_id}", response=RunOut,
            summary="A matching run and its matches (network leads)")
def run_read(request, run_id: int):
    return _run(run_selectors.run_get_by_id_for_lead(viewer=request.auth, run_id=run_id))


@router.post("/mentoring/runs/{run_id}/publish", response=RunOut,
             summary="Publish a pending run: a pair starts for each match (network leads)")
def run_publish(request, run_id: int):
    run = run_selectors.run_get_by_id_for_lead(viewer=request.auth, run_id=run_id)
    run_services.run_publish(actor=request.auth, run=run)
    run.refresh_from_db()
    return _run(run)

"""Demo data for the insights: three yearly HR snapshots of a 2,000-person workforce with
realistic background gaps, and survey answers from most demo members.

The workforce is synthetic (:mod:`upward.demo.synthetic_workforce`): people's
own class follows their parents' class as in British mobility surveys, and
people from lower socio-economic backgrounds are under-represented in senior
grades, paid roughly 10-17% less per hour on average, promoted less and leave
more.
Demo members are linked to rows of the latest snapshot through the employee
id on their survey answers, confirmed from HR's records: the latest snapshot
has a work email column carrying each linked member's account email. HR holds
the answers of about half of everyone else, as when an HR system asked the
questions too. Three members' claims wait on the administrators' link page:
one on a number another member holds, one on a colleague's number who has no
account, and one on a number that is not in HR's records (a typing slip).
"""

from __future__ import annotations

from datetime import date

import numpy as np
from django.utils import timezone

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
from upward.web.accounts.models import User
from upward.web.core.roles import Role
from upward.web.insights.models import (
    LinkMethod,
    LinkStatus,
    OrganisationAnswer,
    OrganisationQuestion,
    SurveyResponse,
)
from upward.web.insights.services import release_create, snapshot_import_file

WORKFORCE = 2000
RESPONSE_SHARE = 0.68
HR_ANSWER_SHARE = 0.62
KEY_CODES = ("professional", "manager_administrator", "clerical_intermediate", "technical_craft",
             "routine_manual_service", "long_term_unemployed", "small_business_owner", "other",
             "prefer_not_to_say")
FIRST_IN_FAMILY = ("Yes", "No", "I did not go to university")
# Random seeds of the three yearly snapshots (oldest first), offsets from the demo's seed,
# picked so that the latest snapshot, the one the dashboard opens on, reads like the
# evidence: every grade has enough people of each background for the class-ceiling chart
# to be published (some draws suppress the top grades), the lower-background share falls
# by at least ten points from the bottom grade to the top, and the mean and median pay gaps
# are in the 10-17% the UK studies report (2,000 people is a small sample: some draws give
# 4% or 20%).
SNAPSHOT_SEEDS = (3, 2, 8)


def _last_31_march(today: date) -> date:
    this_year = date(today.year, 3, 31)
    return this_year if this_year <= today else date(today.year - 1, 3, 31)


def seed_insights(*, seed: int = 2026) -> None:
    """Import the snapshots and answer the survey for demo members (bulk, a few seconds)."""
    rng = np.random.default_rng(seed)
    analyst = User.objects.filter(role_assignments__role=Role.ANALYST).order_by("pk").first()
    latest_day = _last_31_march(timezone.localdate())
    latest = None
    for years_back, offset in zip((2, 1, 0), SNAPSHOT_SEEDS, strict=True):
        day = date(latest_day.year - years_back, 3, 31)
        people = synthetic_people(WORKFORCE, seed=seed + offset, snapshot_date=day)
        hr_answers = rng.random(people.n) < HR_ANSWER_SHARE
        members = _demo_members()
        current = np.flatnonzero(~people.leaver)
        linked = rng.choice(current, size=min(len(members), len(current)), replace=False)
        content = synthetic_csv(people, hr_answers=hr_answers)
        if years_back == 0:
            latest = (people, members, linked)
            hr_answers[linked] = False  # these people answered the survey themselves
            content = _with_work_emails(synthetic_csv(people, hr_answers=hr_answers), people,
                                        {int(row): m.email for m, row in zip(members, linked,
                                                                            strict=False)})
        stored = snapshot_import_file(actor=analyst, content=content,
                                      source_name=f"hr-snapshot-{day.isoformat()}.csv",
                                      snapshot_date=day)
    people, members, linked = latest
    _answer_survey(rng, people, members, linked)
    # Figures are frozen when released: release the latest snapshot's again, now with the
    # members' survey answers, as an analyst would after a survey campaign.
    release_create(actor=analyst, snapshot=stored, reason="survey campaign")


def _with_work_emails(content: bytes, people, emails: dict[int, str]) -> bytes:
    """The CSV with a "Work email" column: the account's email on a linked member's row, an
    address made up from the employee number on everyone else's."""
    lines = content.rstrip(b"\n").split(b"\n")
    out = [lines[0] + b',"Work email"']
    for row, line in enumerate(lines[1:]):
        email = emails.get(row) or f"{str(people.employee_id[row]).lower()}@hr.northbridge.example"
        out.append(line + f',"{email}"'.encode())
    return b"\n".join(out) + b"\n"


def _demo_members() -> list[User]:
    # The analyst and the administrator stay out: they are not in the network's survey.
    return list(User.objects.filter(role_assignments__role=Role.MEMBER).order_by("pk").distinct())


def _answer_survey(rng: np.random.Generator, people, members: list[User],
                   linked: np.ndarray) -> None:
    question = OrganisationQuestion.objects.create(
        text="Were you the first in your family to go to university?",
        options=list(FIRST_IN_FAMILY))
    personas = {"member@", "lead@", "moderator@"}
    responses = []
    not_answered = []
    now = timezone.now()
    for user, row in zip(members, linked, strict=False):
        is_persona = any(user.email.startswith(p) for p in personas)
        if is_persona and user.email.startswith("member@"):
            continue  # the member persona has not answered yet: the demo shows the survey
        if not is_persona and rng.random() > RESPONSE_SHARE:
            not_answered.append(user)
            continue
        responses.append(_response(rng, people, user, row))
        # HR's records carry this member's email for the number: confirmed at once.
        responses[-1].link_status, responses[-1].link_method = (LinkStatus.CONFIRMED,
                                                                LinkMethod.HR_EMAIL)
        responses[-1].link_claimed_at = responses[-1].link_decided_at = now
    # Claims waiting for an administrator: on a number a member holds, on the number of
    # someone without an account, and on a number HR does not have.
    unlinked = np.setdiff1d(np.flatnonzero(~people.leaver), linked)
    claims = [responses[0].employee_id, str(people.employee_id[unlinked[0]]),
              str(people.employee_id[unlinked[1]])[:-1]]
    for user, number in zip(not_answered, claims, strict=False):
        row = linked[members.index(user)]
        responses.append(_response(rng, people, user, row))
        responses[-1].employee_id = number
        responses[-1].link_status, responses[-1].link_claimed_at = LinkStatus.PENDING, now
    SurveyResponse.objects.bulk_create(responses)
    saved = SurveyResponse.objects.filter(user__in=[r.user for r in responses])
    answers = []
    for response in saved:
        pick = rng.choice(len(question.choices), p=[0.35, 0.45, 0.15, 0.05])
        answers.append(OrganisationAnswer(response=response, question=question,
                                          option=question.choices[pick]))
    OrganisationAnswer.objects.bulk_create(answers)


def _response(rng: np.random.Generator, people, user: User, row: int) -> SurveyResponse:
    answer = int(people.answer[row])
    return SurveyResponse(
        user=user, main_earner_occupation=KEY_CODES[answer - 1],
        school_type=str(people.school_type[row]),
        free_school_meals=str(people.free_school_meals[row]),
        parental_degree=str(people.parental_degree[row]) if rng.random() < 0.95 else "",
        employee_id=str(people.employee_id[row]))

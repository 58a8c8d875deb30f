"""Privacy of matching: survey background answers never reach a suggestion, an
explanation, a run page or the API; a mentee's lived experience asked for, people to
avoid and line manager are never shown to anyone else; pending runs are the leads'."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.classify import question
from upward.web.insights.services import survey_save
from upward.web.mentoring.models import Pair
from upward.web.mentoring.services.matching import run_create, run_publish
from upward.web.mentoring.services.requests import request_send

from .clients import api_client, web_client
from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db

SURVEY = {"main_earner_occupation": "technical_craft", "school_type": "independent_bursary",
          "free_school_meals": "not_applicable", "parental_degree": "no"}


def _survey_texts() -> list[str]:
    texts = []
    for question_id, code in SURVEY.items():
        label = dict(question(question_id).choices)[code]
        texts += [label, label[:40]] + ([code] if len(code) > 8 else [])
    return texts


@pytest.fixture
def world(lead):
    programme = make_programme(lead)
    mentee_user, mentor_user = member("Mina Mentee"), member("Theo Mentor")
    boss, avoided = member("Secret Boss"), member("Secret Avoided")
    for user in (mentee_user, mentor_user):
        survey_save(user=user, answers=SURVEY)
    mentee = sign_up(mentee_user, programme, "mentee", line_manager=boss, avoid=[avoided],
                     lived_experience_wanted=["Care experience", "State school"])
    mentor = sign_up(mentor_user, programme, "mentor",
                     lived_experience_shown=["Care experience", "State school"])
    return {"programme": programme, "lead": lead, "mentee_user": mentee_user,
            "mentor_user": mentor_user, "mentee": mentee, "mentor": mentor}


def _outputs(world) -> dict[str, str]:
    """Every page and API answer of the journey, as each person sees it."""
    programme, lead = world["programme"], world["lead"]
    mentee_user, mentor_user = world["mentee_user"], world["mentor_user"]
    slug = programme.slug
    out = {
        "suggestions page": web_client(mentee_user).get(
            reverse("mentoring:mentors", args=[slug])).content.decode(),
        "suggestions api": api_client(mentee_user).get(
            f"/api/v1/mentoring/programmes/{slug}/suggestions").content.decode(),
    }
    request_send(actor=mentee_user, programme=programme, mentor_id=world["mentor"].pk)
    out["mentor's requests page"] = web_client(mentor_user).get(
        reverse("mentoring:requests")).content.decode()
    run = run_create(actor=lead, programme=programme)
    out["run page"] = web_client(lead).get(reverse("mentoring:run", args=[slug, run.pk])) \
        .content.decode()
    out["run api"] = api_client(lead).get(f"/api/v1/mentoring/runs/{run.pk}").content.decode()
    out["manage page"] = web_client(lead).get(
        reverse("mentoring:manage_programme", args=[slug])).content.decode()
    run_publish(actor=lead, run=run)
    pair = Pair.objects.get()
    out["mentor's pair page"] = web_client(mentor_user).get(
        reverse("mentoring:pair", args=[pair.pk])).content.decode()
    out["mentor's pair api"] = api_client(mentor_user).get(
        f"/api/v1/mentoring/pairs/{pair.pk}").content.decode()
    out["mentor's programme page"] = web_client(mentor_user).get(
        reverse("mentoring:programme", args=[slug])).content.decode()
    out["programmes api"] = api_client(mentor_user).get("/api/v1/mentoring/programmes") \
        .content.decode()
    return out


def test_survey_answers_never_appear_anywhere(world):
    outputs = _outputs(world)
    assert "Same goal" in outputs["suggestions page"]  # the pages did render
    for where, text in outputs.items():
        for secret in _survey_texts():
            assert secret not in text, f"{secret!r} in {where}"


def test_what_the_mentee_keeps_private_is_never_shown_to_others(world):
    outputs = _outputs(world)
    # The mentee sees why the mentor suits them, including the tags they asked for...
    assert "Lived experience: Care experience" in outputs["suggestions page"]
    # ...but what others see never names them, their line manager or whom they avoid.
    for where in ("mentor's requests page", "run page", "run api", "mentor's pair page",
                  "mentor's pair api", "mentor's programme page", "manage page"):
        text = outputs[where]
        assert "Secret Boss" not in text and "Secret Avoided" not in text, where
        assert "Lived experience:" not in text, where
    assert "Scores shown here leave out preferences only the mentee sees" in \
        outputs["mentor's pair page"]
    # The mentor deciding on the request sees what the sign-up says, and no more.
    requests_page = outputs["mentor's requests page"]
    assert "Goals: First promotion" in requests_page
    assert "Care experience" not in requests_page and "State school" not in requests_page


def test_stored_explanations_add_up_and_key_every_part(world):
    _outputs(world)
    pair = Pair.objects.get()
    assert sum(points for *_, points in pair.explanation) == pair.score
    assert all(len(part) == 3 for part in pair.explanation)


def test_pending_runs_are_404_for_members_and_the_people_in_them(world):
    programme, lead = world["programme"], world["lead"]
    run = run_create(actor=lead, programme=programme)
    for user in (world["mentee_user"], world["mentor_user"]):
        assert api_client(user).get(f"/api/v1/mentoring/runs/{run.pk}").status_code == 404
        assert api_client(user).post(f"/api/v1/mentoring/runs/{run.pk}/publish").status_code == 404
        assert web_client(user).get(reverse("mentoring:run", args=[programme.slug, run.pk])) \
            .status_code == 403
    assert not Pair.objects.exists()

"""The survey: verbatim questions, answering, changing, withdrawing, data download, erasure."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from upward.classify import questions
from upward.web.insights.models import OrganisationAnswer, SurveyResponse
from upward.web.insights.services import organisation_question_create, survey_save


def test_the_page_asks_the_four_questions_verbatim_with_prefer_not_to_say(member, client_for):
    page = client_for(member).get(reverse("insights:survey_edit")).content.decode()
    for q in questions():
        assert escape(q.text) in page
        for option in q.options:
            assert escape(option.label) in page
        assert escape(q.prefer_not_to_say.label) in page


def test_the_intro_says_who_sees_what(member, client_for):
    page = client_for(member).get(reverse("insights:survey")).content.decode()
    assert "Your answers are seen by you alone" in page
    assert "never used for promotion, pay or hiring" in page
    assert "fewer than 10 people" in page


def test_member_answers_reviews_changes_and_withdraws(member, client_for):
    client = client_for(member)
    response = client.post(reverse("insights:survey_edit"), {
        "main_earner_occupation": "technical_craft", "school_type": "state_non_selective",
        "free_school_meals": "yes", "parental_degree": "prefer_not_to_say",
        "employee_id": " E000123 "})
    assert response.status_code == 302
    saved = SurveyResponse.objects.get(user=member)
    assert (saved.main_earner_occupation, saved.employee_id) == ("technical_craft", "E000123")
    page = client.get(reverse("insights:survey")).content.decode()
    assert "Technical and craft occupations such as" in page and "E000123" in page

    client.post(reverse("insights:survey_edit"), {"main_earner_occupation": "prefer_not_to_say"})
    saved.refresh_from_db()
    assert saved.main_earner_occupation == "prefer_not_to_say"
    assert saved.school_type == "" and saved.employee_id == ""  # left out = not answered

    assert client.post(reverse("insights:survey_delete")).status_code == 302
    assert not SurveyResponse.objects.filter(user=member).exists()
    assert "You have not answered yet" in client.get(reverse("insights:survey")).content.decode()


def test_an_answer_that_is_not_an_option_is_refused(member, client_for):
    response = client_for(member).post(reverse("insights:survey_edit"),
                                       {"main_earner_occupation": "aristocrat"})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_withdraw_asks_first_and_only_a_post_deletes(member, client_for):
    survey_save(user=member, answers={"main_earner_occupation": "professional"})
    page = client_for(member).get(reverse("insights:survey_delete"))
    assert page.status_code == 200 and "Delete all your survey answers?" in page.content.decode()
    assert SurveyResponse.objects.filter(user=member).exists()


def test_organisation_questions_are_asked_and_optional(member, lead, client_for):
    q = organisation_question_create(actor=lead, text="Were you the first in your family to go "
                                     "to university?", options=["Yes", "No", "Did not go"])
    client = client_for(member)
    page = client.get(reverse("insights:survey_edit")).content.decode()
    assert q.text in page and "Prefer not to say" in page
    client.post(reverse("insights:survey_edit"), {f"org_{q.pk}": "Yes"})
    assert OrganisationAnswer.objects.get(question=q).option == "Yes"
    client.post(reverse("insights:survey_edit"),
                {"school_type": "prefer_not_to_say", f"org_{q.pk}": ""})
    assert not OrganisationAnswer.objects.filter(question=q).exists()
    emptied = client.post(reverse("insights:survey_edit"), {f"org_{q.pk}": ""})
    assert emptied.status_code == 400 and "not answered any question" in emptied.content.decode()
    bad = client.post(reverse("insights:survey_edit"), {f"org_{q.pk}": "Maybe"})
    assert bad.status_code == 400


def test_organisation_question_validation(lead, client_for):
    client = client_for(lead)
    one = client.post(reverse("insights:questions"), {"text": "Q?", "options": "Only one"})
    assert one.status_code == 400
    assert "give between 2 and 12 answers" in one.content.decode()
    twice = client.post(reverse("insights:questions"), {"text": "Q?", "options": "A\na"})
    assert "listed twice" in twice.content.decode()


def test_answers_are_in_my_data_download_and_erased_with_the_account(member, client_for):
    survey_save(user=member, answers={"main_earner_occupation": "routine_manual_service"},
                employee_id="E42")
    client = client_for(member)
    download = client.post(reverse("accounts:my_data"))
    data = json.loads(b"".join(download.streaming_content) if download.streaming else
                      download.content)
    section = data["background_survey"]
    assert section["answers"]["main_earner_occupation"] == "routine_manual_service"
    assert section["employee_id"] == "E42"
    from upward.web.accounts.services import account_delete

    account_delete(user=member, password="correct horse battery")
    assert not SurveyResponse.objects.exists()


def test_api_survey_round_trip(member, client):
    from upward.web.accounts.services import token_create

    _, secret = token_create(user=member, name="t", scope="write")
    headers = {"Authorization": f"Bearer {secret}"}
    put = client.put("/api/v1/insights/survey", headers=headers, content_type="application/json",
                     data=json.dumps({"answers": {"main_earner_occupation": "other"},
                                      "employee_id": "E9"}))
    assert put.status_code == 200
    assert put.json()["answers"]["main_earner_occupation"] == "other"
    bad = client.put("/api/v1/insights/survey", headers=headers,
                     content_type="application/json",
                     data=json.dumps({"answers": {"main_earner_occupation": "duke"}}))
    assert bad.status_code == 400 and "Choose one of the answers" in bad.json()["detail"]
    assert client.delete("/api/v1/insights/survey", headers=headers).status_code == 204
    assert client.get("/api/v1/insights/survey", headers=headers).json()["answered"] is False


@pytest.mark.parametrize("role", ["moderator", "lead", "analyst", "judge", "admin"])
def test_nobody_else_can_read_an_answer_through_the_survey_endpoints(role, personas, client,
                                                                      client_for):
    """The survey endpoints only ever read the caller's own response."""
    from upward.web.accounts.services import token_create

    survey_save(user=personas["member"], answers={"main_earner_occupation": "technical_craft"},
                employee_id="E-SECRET-1")
    page = client_for(personas[role]).get(reverse("insights:survey")).content.decode()
    assert "Technical and craft" not in page and "E-SECRET-1" not in page
    _, secret = token_create(user=personas[role], name="t", scope="write")
    body = client.get("/api/v1/insights/survey",
                      headers={"Authorization": f"Bearer {secret}"}).content.decode()
    assert "technical_craft" not in body and "E-SECRET-1" not in body


def test_an_empty_form_is_not_saved_as_a_response(personas):
    from upward.web.core.errors import ApplicationError
    from upward.web.insights.models import SurveyResponse

    with pytest.raises(ApplicationError, match="not answered any question"):
        survey_save(user=personas["member"], answers={q: "" for q in (
            "main_earner_occupation", "school_type", "free_school_meals", "parental_degree")})
    assert not SurveyResponse.objects.filter(user=personas["member"]).exists()

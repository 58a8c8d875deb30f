"""The survey's part of "download my data", and its eraser.

A person's answers and employee id are theirs alone: they appear in their own
download, and deleting the account erases them (the database cascade would
too; the eraser makes it explicit and independent of it).
"""

from __future__ import annotations

from upward.web.accounts.services import ACCOUNT_ERASERS, personal_data_section
from upward.web.insights.models import QUESTION_IDS, SurveyResponse


@personal_data_section("background_survey")
def _survey_section(user) -> dict | None:
    response = (SurveyResponse.objects.filter(user=user)
                .prefetch_related("organisation_answers__question").first())
    if response is None:
        return None
    from upward.web.insights.selectors import survey_answers_as_text, survey_link_for

    link = survey_link_for(viewer=user, response=response)
    return {
        "answers": {q: getattr(response, q) or None for q in QUESTION_IDS},
        "answers_in_words": [{"question": a.question, "answer": a.answer}
                             for a in survey_answers_as_text(response)],
        "employee_id": response.employee_id,
        "employee_id_link": link.text if link else None,
        "answered_at": response.created_at.isoformat(),
        "updated_at": response.updated_at.isoformat(),
    }


def _erase_survey(user) -> None:
    SurveyResponse.objects.filter(user=user).delete()


ACCOUNT_ERASERS.append(_erase_survey)

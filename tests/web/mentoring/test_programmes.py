"""Programmes (network leads): create, change, archive, sign-up questions; their pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.mentoring.models import DEFAULT_GOALS, DEFAULT_LIVED_EXPERIENCE, Programme
from upward.web.mentoring.selectors.programmes import programmes_open_to
from upward.web.mentoring.services.matching import run_create
from upward.web.mentoring.services.programmes import (
    programme_archive,
    programme_create,
    programme_update,
    question_add,
    question_remove,
)

from .programme_builders import make_programme, sign_up
from .programme_builders import member as member_factory

pytestmark = pytest.mark.django_db


def test_a_lead_creates_a_programme_with_the_usual_goals_and_tags(lead):
    programme = programme_create(actor=lead, name="Spring cohort", kind="cohort",
                                 grades=["AO", " EO ", "ao"], weights={"goals": 50})
    assert programme.slug == "spring-cohort"
    assert programme.grades == ["AO", "EO"]  # trimmed, duplicates dropped
    assert programme.goals == list(DEFAULT_GOALS)
    assert programme.lived_experience == list(DEFAULT_LIVED_EXPERIENCE)
    assert programme.weights == {"goals": 50}
    assert AuditEntry.objects.filter(action="mentoring.programme_create").count() == 1


def test_slugs_are_unique_and_never_the_new_page(lead):
    assert make_programme(lead, name="New").slug == "new-2"
    assert make_programme(lead, name="Spring").slug == "spring"
    assert make_programme(lead, name="Spring").slug == "spring-2"


@pytest.mark.parametrize("fields, field", [
    ({"min_grade_gap": 3, "max_grade_gap": 1}, "min_grade_gap"),
    ({"default_capacity": 4, "max_capacity": 2}, "default_capacity"),
    ({"weights": {"shoe_size": 5}}, "weights"),
    ({"weights": {"goals": -1}}, "weight_goals"),
])
def test_bad_programme_settings_are_refused_on_their_field(lead, fields, field):
    with pytest.raises(ApplicationError) as refused:
        make_programme(lead, **fields)
    assert refused.value.field == field


def test_a_member_cannot_create_or_change_a_programme(member, lead):
    with pytest.raises(ApplicationError) as refused:
        programme_create(actor=member, name="Mine")
    assert refused.value.status == 403
    programme = make_programme(lead)
    with pytest.raises(ApplicationError):
        programme_update(actor=member, programme=programme, name="Taken over")


def test_changes_are_audited(lead):
    programme = make_programme(lead)
    programme_update(actor=lead, programme=programme, name="Autumn", weights={"location": 40})
    programme.refresh_from_db()
    assert (programme.name, programme.weights) == ("Autumn", {"location": 40})
    assert AuditEntry.objects.filter(action="mentoring.programme_update").count() == 1


def test_archived_programmes_are_hidden_from_members(lead, member):
    programme = make_programme(lead)
    assert list(programmes_open_to(viewer=member)) == [programme]
    programme_archive(actor=lead, programme=programme)
    assert list(programmes_open_to(viewer=member)) == []
    assert client_get(member, reverse("mentoring:programme", args=[programme.slug])) == 404


def client_get(user, url):
    from django.test import Client
    client = Client()
    client.force_login(user)
    return client.get(url).status_code


def test_a_question_becomes_a_weighted_criterion_and_removing_it_clears_answers(lead):
    programme = make_programme(lead)
    question = question_add(actor=lead, programme=programme, text="How would you like to meet?",
                            options=["In person", "Online", "In person"], weight=12)
    programme.refresh_from_db()
    assert question.options == ["In person", "Online"]
    assert programme.weights[f"answers:{question.key}"] == 12
    someone = member_factory()
    participant = sign_up(someone, programme, answers={question.key: "Online"})
    question_remove(actor=lead, question=question)
    programme.refresh_from_db()
    participant.refresh_from_db()
    assert f"answers:{question.key}" not in programme.weights
    assert participant.answers == {}


def test_a_question_needs_two_answers(lead):
    with pytest.raises(ApplicationError, match="at least 2"):
        question_add(actor=lead, programme=make_programme(lead), text="Q?", options=["Only"])


# --- pages -------------------------------------------------------------------------------

def _programme_post(**overrides):
    data = {"name": "Summer mentoring", "description": "", "kind": "cohort",
            "signup_closes_on": "2027-03-31", "starts_on": "", "ends_on": "",
            "grades": "AO\nEO\nHEO", "functions": "Finance\nDigital", "goals": "",
            "skills": "Writing", "lived_experience": "", "availability": "", "locations": "Leeds",
            "mode": "optimal", "exclude_line_manager": "on", "ideal_grade_gap": "2",
            "default_capacity": "1", "max_capacity": "3", "allow_requests": "on",
            "nudge_after_weeks": "4"}
    data.update({f"weight_{k}": "10" for k in ("goals", "skills", "lived_experience", "topics",
                                               "function", "career", "location", "availability",
                                               "grade_gap", "bookmarked")})
    data.update(overrides)
    return data


def test_a_lead_creates_a_programme_through_the_form(lead, client_for):
    client = client_for(lead)
    page = client.get(reverse("mentoring:programme_new"))
    assert page.status_code == 200
    assert "Points for each goal the mentor can help with" in page.content.decode()
    response = client.post(reverse("mentoring:programme_new"), _programme_post(weight_goals="45"))
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("mentoring:manage_programme", args=[programme.slug])
    assert programme.grades == ["AO", "EO", "HEO"] and programme.weights["goals"] == 45
    assert client.get(response.url).status_code == 200


def test_the_programme_form_says_what_is_wrong(lead, client_for):
    client = client_for(lead)
    response = client.post(reverse("mentoring:programme_new"),
                           _programme_post(name="", weight_goals="-3", min_grade_gap="4",
                                           max_grade_gap="1"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter a programme name" in body and "Points must be 0 or more" in body
    assert not Programme.objects.exists()
    response = client.post(reverse("mentoring:programme_new"),
                           _programme_post(min_grade_gap="4", max_grade_gap="1"))
    assert response.status_code == 400
    assert "smallest grade gap must not be more than the largest" in response.content.decode()


def test_a_lead_edits_archives_and_adds_questions_through_the_pages(lead, client_for):
    programme = make_programme(lead)
    client = client_for(lead)
    edit = reverse("mentoring:programme_edit", args=[programme.slug])
    assert "Stakeholder management" in client.get(edit).content.decode()
    assert client.post(edit, _programme_post(name="Renamed")).status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Renamed"
    archive = reverse("mentoring:programme_archive", args=[programme.slug])
    assert "Archive Renamed?" in client.get(archive).content.decode()
    client.post(archive)
    programme.refresh_from_db()
    assert programme.is_archived
    add = reverse("mentoring:question_add", args=[programme.slug])
    assert client.post(add, {"text": "Q?", "options": "One", "weight": "5"}).status_code == 400
    assert client.post(add, {"text": "Team sport?", "options": "Yes\nNo",
                             "weight": "5"}).status_code == 302
    question = programme.questions.get()
    remove = reverse("mentoring:question_remove", args=[programme.slug, question.pk])
    assert client.get(remove).status_code == 200
    client.post(remove)
    assert not programme.questions.exists()


@pytest.mark.parametrize("role", ["member", "moderator", "analyst", "judge", "admin"])
def test_only_leads_open_the_programme_pages(role, personas, client_for, lead):
    programme = make_programme(lead)
    client = client_for(personas[role])
    for url in (reverse("mentoring:manage"), reverse("mentoring:programme_new"),
                reverse("mentoring:manage_programme", args=[programme.slug]),
                reverse("mentoring:programme_edit", args=[programme.slug])):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("mentoring:programme_new"), _programme_post()).status_code == 403
    assert Programme.objects.count() == 1


def test_a_roulette_programme_asks_no_sides_and_is_never_matched_or_browsed(lead, member,
                                                                           client_for):
    programme = make_programme(lead, name="Coffee", kind="roulette")
    client = client_for(member)
    form = client.get(reverse("mentoring:signup", args=[programme.slug])).content.decode()
    assert "Each month you are paired" in form and 'name="side"' not in form
    response = client.post(reverse("mentoring:signup", args=[programme.slug]),
                           {"location": "Leeds", "about": "Tea, not coffee"})
    assert response.status_code == 302
    participant = programme.participants.get(user=member)
    assert (participant.side, participant.about, participant.use_profile) == \
        ("both", "Tea, not coffee", False)
    sign_up(member_factory(), programme, "mentor")
    assert client.get(reverse("mentoring:mentors", args=[programme.slug])).status_code == 404
    with pytest.raises(ApplicationError, match="drawn each month"):
        run_create(actor=lead, programme=programme)
    page = client_for(lead).get(reverse("mentoring:manage_programme", args=[programme.slug]))
    assert "Run matching" not in page.content.decode()


def test_an_archived_programme_leaves_the_members_list_of_their_programmes(lead, member,
                                                                            client_for):
    programme = make_programme(lead, name="Old scheme")
    sign_up(member, programme)
    client = client_for(member)
    assert "Old scheme" in client.get(reverse("mentoring:home")).content.decode()
    programme_archive(actor=lead, programme=programme)
    assert "Old scheme" not in client.get(reverse("mentoring:home")).content.decode()

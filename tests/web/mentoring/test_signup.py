"""Sign-up: joining, changing, pausing and leaving a programme; what the form says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from upward.web.core.errors import ApplicationError
from upward.web.demo.factories import person
from upward.web.mentoring.models import (
    MentorRequest,
    Participant,
    ParticipantStatus,
    RequestStatus,
)
from upward.web.mentoring.services.requests import request_send
from upward.web.mentoring.services.signup import signup_leave, signup_pause, signup_submit

from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db


def test_a_mentee_signs_up_and_mentor_only_choices_are_dropped(lead):
    programme = make_programme(lead)
    someone = member()
    participant = sign_up(someone, programme, "mentee", skills_offered=["Writing"],
                          lived_experience_shown=["Care experience"], capacity=3)
    assert participant.is_mentee and not participant.is_mentor
    assert participant.skills_offered == [] and participant.lived_experience_shown == []
    assert participant.capacity == 1


def test_a_mentor_signs_up_and_mentee_only_choices_are_dropped(lead):
    programme = make_programme(lead)
    participant = sign_up(member(), programme, "mentor", skills_wanted=["Writing"],
                          lived_experience_wanted=["Care experience"], capacity=2)
    assert participant.skills_wanted == [] and participant.lived_experience_wanted == []
    assert participant.capacity == 2


def test_signing_up_again_changes_the_one_sign_up(lead):
    programme = make_programme(lead)
    someone = member()
    sign_up(someone, programme, "mentee")
    sign_up(someone, programme, "both", capacity=2)
    assert Participant.objects.get(user=someone).side == "both"
    assert Participant.objects.count() == 1


@pytest.mark.parametrize("fields, field", [
    ({"grade": "Admiral"}, "grade"),
    ({"goals": ["World domination"]}, "goals"),
    ({"lived_experience_wanted": ["Made up"]}, "lived_experience_wanted"),
    ({"side": "spectator"}, "side"),
])
def test_only_the_programmes_choices_are_accepted(lead, fields, field):
    with pytest.raises(ApplicationError) as refused:
        sign_up(member(), make_programme(lead), **fields)
    assert refused.value.field == field


def test_a_mentor_takes_at_most_the_programmes_maximum(lead):
    programme = make_programme(lead, max_capacity=2)
    with pytest.raises(ApplicationError, match="from 1 to 2") as refused:
        sign_up(member(), programme, "mentor", capacity=3)
    assert refused.value.field == "capacity"


def test_cohort_sign_up_closes_after_its_date_but_sign_ups_can_still_change(lead):
    yesterday = date.today() - timedelta(days=1)
    programme = make_programme(lead, kind="cohort", signup_closes_on=date.today())
    early = member()
    sign_up(early, programme)
    programme.signup_closes_on = yesterday
    programme.save()
    with pytest.raises(ApplicationError, match="closed"):
        sign_up(member(), programme)
    assert sign_up(early, programme, about="Changed").about == "Changed"


def test_line_manager_and_people_to_avoid_by_handle_or_name(lead):
    programme = make_programme(lead)
    boss = member("Morgan Boss")
    other = member("Riley Other")
    someone = member()
    handle = boss.email.split("@")[0]
    participant = signup_submit(
        actor=someone, programme=programme, line_manager_text=f"@{handle}",
        avoid_texts=["riley other"], side="mentee", goals=["Confidence"])
    assert participant.line_manager == boss
    assert list(participant.avoid.all()) == [other]
    with pytest.raises(ApplicationError, match="no network member") as refused:
        signup_submit(actor=someone, programme=programme, line_manager_text="Nobody Here",
                      side="mentee")
    assert refused.value.field == "line_manager"
    with pytest.raises(ApplicationError, match="other than yourself"):
        signup_submit(actor=someone, programme=programme,
                      line_manager_text=someone.profile.display_name, side="mentee")


def test_two_people_with_one_name_need_a_handle(lead):
    member("Sam Jones")
    member("Sam Jones")
    with pytest.raises(ApplicationError, match="More than one person"):
        signup_submit(actor=member(), programme=make_programme(lead),
                      avoid_texts=["Sam Jones"], side="mentee")


def test_pause_and_leave_are_only_for_the_person_and_leaving_withdraws_requests(lead):
    programme = make_programme(lead)
    mentee_user, mentor_user = member(), member()
    mentee = sign_up(mentee_user, programme, "mentee")
    mentor = sign_up(mentor_user, programme, "mentor")
    with pytest.raises(ApplicationError):
        signup_pause(actor=mentor_user, participant=mentee)
    assert signup_pause(actor=mentee_user, participant=mentee).status == ParticipantStatus.PAUSED
    assert signup_pause(actor=mentee_user, participant=mentee,
                        paused=False).status == ParticipantStatus.ACTIVE
    request_send(actor=mentee_user, programme=programme, mentor_id=mentor.pk)
    with pytest.raises(ApplicationError):
        signup_leave(actor=mentor_user, participant=mentee)
    signup_leave(actor=mentee_user, participant=mentee)
    assert MentorRequest.objects.get().status == RequestStatus.WITHDRAWN
    with pytest.raises(ApplicationError, match="sign up again"):
        signup_pause(actor=mentee_user, participant=mentee)


# --- pages -------------------------------------------------------------------------------

def test_the_sign_up_form_says_exactly_who_sees_what(lead, member, client_for):
    programme = make_programme(lead)
    page = client_for(member).get(reverse("mentoring:signup", args=[programme.slug]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "If you mentor, mentees see</strong>: your name, grade, function, location" in body
    assert "the lived experience you choose to show here" in body
    assert ("Nobody sees</strong>: your team, your line manager, the people you would rather "
            "not be matched with, and the lived experience you ask for.") in body
    assert "Your background survey answers are never used" in body


def test_a_member_signs_up_through_the_form(lead, member, client_for):
    programme = make_programme(lead)
    client = client_for(member)
    url = reverse("mentoring:signup", args=[programme.slug])
    response = client.post(url, {"side": "mentee", "grade": "EO", "function": "Finance",
                                 "goals": ["First promotion", "Confidence"],
                                 "skills_wanted": ["Writing"], "about": "Hello",
                                 "use_profile": "on"})
    assert response.status_code == 302
    participant = Participant.objects.get(user=member)
    assert participant.goals == ["First promotion", "Confidence"]
    page = client.get(reverse("mentoring:programme", args=[programme.slug])).content.decode()
    assert "Change your sign-up" in page and "See suggested mentors" in page
    assert "Hello" in client.get(url).content.decode()  # the form shows the sign-up


def test_bad_sign_up_input_is_explained(lead, member, client_for):
    programme = make_programme(lead, max_capacity=2)
    client = client_for(member)
    url = reverse("mentoring:signup", args=[programme.slug])
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Select whether you want to be a mentor, a mentee or both" in response.content.decode()
    response = client.post(url, {"side": "mentor", "capacity": "5"})
    assert response.status_code == 400
    assert not Participant.objects.exists()
    response = client.post(url, {"side": "mentee", "line_manager": "Nobody Called This"})
    assert response.status_code == 400
    assert "There is no network member" in response.content.decode()


def test_pause_and_leave_through_the_pages(lead, member, client_for):
    programme = make_programme(lead)
    participant = sign_up(member, programme)
    client = client_for(member)
    client.post(reverse("mentoring:pause", args=[programme.slug]), {"paused": "1"})
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.PAUSED
    leave = reverse("mentoring:leave", args=[programme.slug])
    assert "Leave Spring mentoring?" in client.get(leave).content.decode()
    client.post(leave)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.LEFT


def test_pause_and_leave_answer_404_without_a_sign_up(lead, member, client_for):
    programme = make_programme(lead)
    client = client_for(member)
    assert client.post(reverse("mentoring:pause", args=[programme.slug])).status_code == 404
    assert client.get(reverse("mentoring:leave", args=[programme.slug])).status_code == 404


@pytest.mark.parametrize("role", ["analyst", "judge", "admin"])
def test_people_outside_the_network_cannot_sign_up(role, personas, lead, client_for):
    programme = make_programme(lead)
    client = client_for(personas[role])
    assert client.get(reverse("mentoring:signup", args=[programme.slug])).status_code == 403
    with pytest.raises(ApplicationError):
        sign_up(personas[role], programme)
    assert not Participant.objects.exists()


def test_someone_who_left_can_sign_up_again_while_sign_up_is_open(lead):
    programme = make_programme(lead)
    someone = member()
    participant = sign_up(someone, programme)
    signup_leave(actor=someone, participant=participant)
    assert sign_up(someone, programme).status == ParticipantStatus.ACTIVE
    signup_leave(actor=someone, participant=participant)
    programme.kind = "cohort"
    programme.signup_closes_on = date.today() - timedelta(days=1)
    programme.save()
    with pytest.raises(ApplicationError, match="closed"):
        sign_up(someone, programme)


def test_the_form_names_the_line_manager_back_by_handle(lead, client_for):
    programme = make_programme(lead)
    twin_a, twin_b, someone = member("Sam Twin"), member("Sam Twin"), member()
    sign_up(someone, programme, line_manager=twin_b, avoid=[twin_a])
    page = client_for(someone).get(reverse("mentoring:signup", args=[programme.slug]))
    body = page.content.decode()
    handle_a, handle_b = (u.email.split("@")[0] for u in (twin_a, twin_b))
    assert f"@{handle_b}" in body and f"@{handle_a}" in body
    response = client_for(someone).post(
        reverse("mentoring:signup", args=[programme.slug]),
        {"side": "mentee", "line_manager": f"@{handle_b}", "avoid": f"@{handle_a}"})
    assert response.status_code == 302
    assert Participant.objects.get(user=someone).line_manager == twin_b


def test_a_first_sign_up_starts_from_the_profiles_team_and_location(lead, client_for):
    programme = make_programme(lead)
    someone = person(roles=["member"], email="tess@northbridge.example",
                     display_name="Tess", team="Payroll squad", location="Cardiff")
    body = client_for(someone).get(reverse("mentoring:signup", args=[programme.slug])) \
        .content.decode()
    assert 'value="Payroll squad"' in body
    assert '<option value="Cardiff" selected>' in body

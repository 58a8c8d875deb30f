"""Deleting an account erases that person's side of mentoring and keeps the other
person's: the pair stays (ended, the reason "one of us left"), with the partner's own
goals, meetings, notes and feedback, and shows the deleted person as "a former member".
Everything goes through accounts' real ``account_delete``."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts.services import account_delete, personal_data_export
from upward.web.core.notifications.models import Notification
from upward.web.mentoring import candidates, jobs
from upward.web.mentoring.models import (
    Bookmark,
    CoffeePairing,
    Dismissal,
    EndReason,
    Feedback,
    Meeting,
    MentorRequest,
    Pair,
    PairGoal,
    PairStatus,
    Participant,
    Side,
)
from upward.web.mentoring.services import pairs as services
from upward.web.mentoring.services.matching import run_create, run_publish
from upward.web.mentoring.services.roulette import roulette_draw

from . import programme_builders as builders
from .clients import api_client
from .pairs_factories import make_pair, member, programme, sign_up

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
FORMER = "a former member"


def _pair_with_history(**programme_fields):
    """An active pair in a programme whose end date has come (so both can give feedback),
    where each person added a goal, logged a meeting with notes and gave feedback, with
    a next meeting set for tomorrow."""
    prog = programme(ends_on=timezone.localdate() - timedelta(days=1), **programme_fields)
    pair = make_pair(prog, mentee=member("Mina Mentee"), mentor=member("Otto Mentor"),
                     started_days_ago=60, about="Mentee's about text")
    mentee, mentor = pair.mentee.user, pair.mentor.user
    today = timezone.localdate()
    for who, name in ((mentee, "Mentee"), (mentor, "Mentor")):
        services.pair_goal_add(actor=who, pair_id=pair.pk, text=f"{name} goal")
        services.meeting_log(actor=who, pair_id=pair.pk, held_on=today - timedelta(days=50),
                             notes=f"{name} private notes")
        services.feedback_give(actor=who, pair_id=pair.pk, satisfaction=4,
                               comments=f"{name} feedback comment")
    services.next_meeting_set(actor=mentee, pair_id=pair.pk,
                              at=timezone.now() + timedelta(hours=20), place="Room 3")
    return pair, mentee, mentor


def _sides(pair, leaving: str):
    """(the person who deletes their account, the one who stays, their side names)."""
    mentee, mentor = pair.mentee.user, pair.mentor.user
    if leaving == Side.MENTOR:
        return mentor, mentee, "Mentor", "Mentee"
    return mentee, mentor, "Mentee", "Mentor"


@pytest.fixture(params=[Side.MENTOR, Side.MENTEE])
def erased(request):
    """A pair with history after one side (mentor or mentee) deleted their account."""
    pair, _, _ = _pair_with_history()
    gone, stays, gone_label, stays_label = _sides(pair, request.param)
    gone_name, gone_pk = gone.profile.display_name, gone.pk
    Notification.objects.all().delete()
    account_delete(user=gone, password=PASSWORD)
    pair.refresh_from_db()
    return {"pair": pair, "stays": stays, "gone_pk": gone_pk, "gone_name": gone_name,
            "gone_label": gone_label, "stays_label": stays_label, "leaving": request.param}


def test_the_partner_keeps_the_pair_ended_with_their_own_side(erased):
    pair, stays = erased["pair"], erased["stays"]
    assert pair.status == PairStatus.ENDED and pair.end_reason == EndReason.LEFT
    assert pair.ended_at is not None and pair.ended_by_id is None
    assert pair.next_meeting_at is None
    # the deleted person's side is empty, the partner's is theirs
    gone_side = pair.mentor if erased["leaving"] == Side.MENTOR else pair.mentee
    assert gone_side is None
    stays_label = erased["stays_label"]
    assert [g.text for g in pair.goals.all()] == [f"{stays_label} goal"]
    assert [m.notes for m in pair.meetings.all()] == [f"{stays_label} private notes"]
    assert [f.comments for f in pair.feedback.all()] == [f"{stays_label} feedback comment"]
    assert pair.feedback.get().author_id == stays.pk


def test_the_deleted_persons_notes_goals_and_feedback_are_gone_from_the_database(erased):
    gone = erased["gone_label"]
    assert not Meeting.objects.filter(notes__contains=f"{gone} private notes").exists()
    assert not PairGoal.objects.filter(text__contains=f"{gone} goal").exists()
    assert not Feedback.objects.filter(comments__contains=f"{gone} feedback").exists()
    assert not Feedback.objects.filter(author_id=erased["gone_pk"]).exists()
    assert not Participant.objects.filter(user_id=erased["gone_pk"]).exists()
    # why they were matched was worked out from both sign-ups: it goes too
    assert erased["pair"].explanation == []


def test_the_partner_is_told_without_a_name_and_can_open_the_pair(erased):
    [told] = Notification.objects.filter(recipient=erased["stays"], kind="mentoring_ended")
    assert erased["gone_name"] not in told.text
    assert told.url == reverse("mentoring:pair", args=[erased["pair"].pk])
    assert not Notification.objects.exclude(recipient=erased["stays"]).exists()


def test_the_pair_pages_show_a_former_member_without_a_name(erased, client_for):
    pair, stays = erased["pair"], erased["stays"]
    client = client_for(stays)
    page = client.get(reverse("mentoring:pair", args=[pair.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert FORMER in html and "has deleted their account" in html
    assert erased["gone_name"] not in html
    assert f"{erased['stays_label']} private notes" in html
    assert f"{erased['gone_label']} private notes" not in html
    assert "about text" not in html  # the mentee's "about" went with their sign-up
    for name in ("pairs", "home"):
        listing = client.get(reverse(f"mentoring:{name}"))
        assert listing.status_code == 200
        assert erased["gone_name"] not in listing.content.decode()
    assert FORMER in client.get(reverse("mentoring:pairs")).content.decode()
    for name in ("pair_feedback", "pair_end", "pair_next_meeting"):
        form = client.get(reverse(f"mentoring:{name}", args=[pair.pk]))
        assert form.status_code == 200
        assert erased["gone_name"] not in form.content.decode()


def test_the_partner_can_still_change_their_feedback(erased, client_for):
    pair, stays = erased["pair"], erased["stays"]
    services.feedback_give(actor=stays, pair_id=pair.pk, satisfaction=2, comments="Changed")
    assert pair.feedback.get(author=stays).comments == "Changed"


def test_calendar_files_work_and_name_nobody(erased, client_for):
    pair, stays = erased["pair"], erased["stays"]
    client = client_for(stays)
    ics = client.get(reverse("mentoring:pair_meetings_ics", args=[pair.pk]))
    assert ics.status_code == 200
    text = ics.content.decode()
    assert "BEGIN:VEVENT" in text and FORMER in text
    assert erased["gone_name"] not in text
    # the next meeting was cleared when the pair ended
    assert client.get(reverse("mentoring:pair_next_meeting_ics",
                              args=[pair.pk])).status_code == 404


def test_the_api_shows_the_pair_with_a_former_member(erased):
    pair, stays = erased["pair"], erased["stays"]
    api = api_client(stays)
    [listed] = api.get("/api/v1/mentoring/pairs?include_ended=true").json()
    assert listed["id"] == pair.pk and listed["partner"] == FORMER
    detail = api.get(f"/api/v1/mentoring/pairs/{pair.pk}")
    assert detail.status_code == 200
    data = detail.json()
    assert data["partner"] == FORMER and data["status"] == "ended"
    assert [m["notes"] for m in data["meetings"]] == [f"{erased['stays_label']} private notes"]
    assert data["feedback_given"] is True and data["why_matched"] == []
    assert erased["gone_name"] not in detail.content.decode()


def test_the_partners_download_holds_their_side_and_no_name(erased):
    stays = erased["stays"]
    data = personal_data_export(user=stays)["mentoring"]
    text = json.dumps(data)
    [pair_data] = data["pairs"]
    assert pair_data["with"] == FORMER and pair_data["status"] == "ended"
    assert [m["notes"] for m in pair_data["meetings"]] == \
        [f"{erased['stays_label']} private notes"]
    assert erased["gone_name"] not in text
    for gone in ("goal", "private notes", "feedback comment"):
        assert f"{erased['gone_label']} {gone}" not in text


def test_jobs_run_afterwards_and_notify_nobody(erased):
    now = timezone.now()
    jobs.nudges(now=now + timedelta(weeks=10))
    jobs.meeting_reminders(now=now)
    jobs.feedback_requests(now=now)
    assert not Notification.objects.exclude(kind="mentoring_ended").exists()


def test_a_leads_health_page_works_and_counts_the_pair_as_ended(erased, lead, client_for,
                                                                settings):
    slug = erased["pair"].programme.slug
    page = client_for(lead).get(reverse("mentoring:health", args=[slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert erased["gone_name"] not in html
    assert erased["stays"].profile.display_name not in html
    api = api_client(lead).get(f"/api/v1/mentoring/programmes/{slug}/health")
    assert api.status_code == 200


def test_jobs_would_have_told_both_before_the_deletion():
    """The same pair, not deleted: the jobs do reach both people (so the test above
    shows the deletion stopped them, not a pair the jobs ignore anyway)."""
    pair, mentee, mentor = _pair_with_history()
    Notification.objects.all().delete()
    jobs.meeting_reminders(now=timezone.now())
    assert sorted(Notification.objects.filter(kind="mentoring_meeting")
                  .values_list("recipient_id", flat=True)) == sorted([mentee.pk, mentor.pk])


def test_an_already_ended_pair_stays_for_the_partner_and_nobody_is_told():
    pair, mentee, mentor = _pair_with_history()
    services.pair_end(actor=mentor, pair_id=pair.pk, reason="completed")
    Notification.objects.all().delete()
    account_delete(user=mentor, password=PASSWORD)
    pair.refresh_from_db()
    assert pair.mentor is None and pair.mentee.user_id == mentee.pk
    assert pair.end_reason == EndReason.COMPLETED and pair.ended_by_id is None
    assert not Notification.objects.exists()
    assert [m.notes for m in pair.meetings.all()] == ["Mentee private notes"]


def test_when_both_people_delete_their_accounts_the_pair_goes_entirely():
    pair, mentee, mentor = _pair_with_history()
    account_delete(user=mentor, password=PASSWORD)
    account_delete(user=mentee, password=PASSWORD)
    assert not Pair.objects.filter(pk=pair.pk).exists()
    assert not Meeting.objects.filter(pair_id=pair.pk).exists()
    assert not PairGoal.objects.filter(pair_id=pair.pk).exists()


def test_requests_bookmarks_and_dismissals_of_the_deleted_person_go():
    prog = programme()
    mentee, mentor, other = member(), member(), member()
    mine = sign_up(mentee, prog, Side.MENTEE)
    theirs, another = sign_up(mentor, prog, Side.MENTOR), sign_up(other, prog, Side.MENTOR)
    MentorRequest.objects.create(programme=prog, mentee=mine, mentor=theirs, message="Please")
    Bookmark.objects.create(mentee=mine, mentor=theirs)
    Dismissal.objects.create(mentee=mine, mentor=another)
    account_delete(user=mentee, password=PASSWORD)
    assert not MentorRequest.objects.filter(message="Please").exists()
    assert not Bookmark.objects.exists() and not Dismissal.objects.exists()
    assert Participant.objects.filter(pk__in=[theirs.pk, another.pk]).count() == 2


def test_no_repeat_pairs_still_holds_for_the_remaining_person():
    prog = programme()
    mentee = member()
    gone_pair = make_pair(prog, mentee=mentee, mentor=member())
    services.pair_end(actor=mentee, pair_id=gone_pair.pk, reason="not_a_fit",
                      rematch_wanted=True)
    kept_mentor = member()
    later = programme()
    kept_pair = make_pair(later, mentee=mentee, mentor=kept_mentor)
    services.pair_end(actor=mentee, pair_id=kept_pair.pk, reason="completed",
                      rematch_wanted=True)
    account_delete(user=gone_pair.mentor.user, password=PASSWORD)
    new_mentor = sign_up(member(), prog, Side.MENTOR)
    again = sign_up(kept_mentor, prog, Side.MENTOR)
    rules = candidates.rules(prog, mentees=[gone_pair.mentee], mentors=[new_mentor, again])
    assert rules.past_pairs == frozenset({(mentee.pk, kept_mentor.pk)})


def test_a_published_run_and_the_leads_pages_cope(lead, client_for):
    prog = builders.make_programme(lead)
    mentee = builders.sign_up(builders.member("Ada Mentee"), prog, "mentee").user
    mentor = builders.sign_up(builders.member("Bo Mentor"), prog, "mentor").user
    run = run_create(actor=lead, programme=prog)
    [pair] = run_publish(actor=lead, run=run)
    account_delete(user=mentor, password=PASSWORD)
    client = client_for(lead)
    for url in (reverse("mentoring:manage_programme", args=[prog.slug]),
                reverse("mentoring:run", args=[prog.slug, run.pk]),
                reverse("mentoring:health", args=[prog.slug])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Bo Mentor" not in response.content.decode()
    page = client_for(mentee).get(reverse("mentoring:pair", args=[pair.pk]))
    assert page.status_code == 200 and FORMER in page.content.decode()
    # the mentee is back in the pool and the next run can match them again
    rerun = run_create(actor=lead, programme=prog)
    assert rerun.matches.count() == 0  # nobody left to mentor them


def test_a_coffee_pairing_of_two_goes_and_a_trio_keeps_the_other_two():
    two = programme(kind="roulette")
    duo = [member() for _ in range(2)]
    for user in duo:
        sign_up(user, two)
    roulette_draw(actor=None, programme_id=two.pk)
    three = programme(kind="roulette")
    trio = [member() for _ in range(3)]
    for user in trio:
        sign_up(user, three)
    roulette_draw(actor=None, programme_id=three.pk)
    account_delete(user=duo[0], password=PASSWORD)
    account_delete(user=trio[0], password=PASSWORD)
    assert not CoffeePairing.objects.filter(round__programme=two).exists()
    [kept] = CoffeePairing.objects.filter(round__programme=three)
    assert sorted(kept.people.values_list("pk", flat=True)) == sorted(u.pk for u in trio[1:])
    data = personal_data_export(user=trio[1])["mentoring"]
    assert data["coffee_pairings"][0]["with"] == [trio[2].profile.display_name]


def test_a_pending_run_loses_the_persons_match_and_its_totals_follow(lead, client_for):
    prog = builders.make_programme(lead)
    for name in ("Cy", "Di"):
        builders.sign_up(builders.member(f"{name} Mentee"), prog, "mentee")
    mentors = [builders.sign_up(builders.member(f"{name} Mentor"), prog, "mentor").user
               for name in ("Ed", "Flo")]
    run = run_create(actor=lead, programme=prog)
    assert run.matches.count() == 2
    kept = run.matches.exclude(mentor__user=mentors[0]).get()
    account_delete(user=mentors[0], password=PASSWORD)
    run.refresh_from_db()
    assert list(run.matches.all()) == [kept]
    assert run.total_score == kept.score and run.stats["matched"] == 1
    page = client_for(lead).get(reverse("mentoring:run", args=[prog.slug, run.pk]))
    assert page.status_code == 200 and "Ed Mentor" not in page.content.decode()
    # publishing what is left starts the one pair
    assert [p.mentor_id for p in run_publish(actor=lead, run=run)] == [kept.mentor_id]

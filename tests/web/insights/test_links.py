"""Employee-number links (issue 10, privacy item 6): only confirmed links join answers to HR
rows; claiming a colleague's number changes no figure and reveals nothing; conflicts are
listed for administrators, who confirm or reject them, audited."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from upward.web.core.models import AuditEntry
from upward.web.demo.factories import person
from upward.web.insights.models import SurveyResponse
from upward.web.insights.selectors import survey_answers_for_analysis
from upward.web.insights.services import snapshot_import_file, survey_delete, survey_save

DAY = date(2025, 3, 31)
HEADER = "Employee ID,Grade,Function,Hourly pay,Start date"
WAITING = "Waiting for an administrator to confirm"
CONTESTED = ("Another account has claimed your employee number. Your link stays confirmed; "
             "an administrator will review the other claim.")


def _import(personas, rows: dict[str, str], *, day: date = DAY, emails: bool = True):
    """A small snapshot: employee number → work email ("" for none)."""
    header = HEADER + (",Work email" if emails else "")
    lines = [header] + [f"{number},G1,Ops,14,2020-01-06" + (f",{email}" if emails else "")
                        for number, email in rows.items()]
    return snapshot_import_file(actor=personas["analyst"], content="\n".join(lines).encode(),
                                source_name="hr.csv", snapshot_date=day)


def _joined() -> dict[str, str | None]:
    survey = survey_answers_for_analysis()
    return dict(zip(survey.employee_ids, survey.answers["main_earner_occupation"], strict=True))


def _api_survey(client, user) -> dict:
    from upward.web.accounts.services import token_create

    _, secret = token_create(user=user, name="t")
    return client.get("/api/v1/insights/survey",
                      headers={"Authorization": f"Bearer {secret}"}).json()


def _status(response) -> tuple[str, str]:
    response.refresh_from_db()
    return response.link_status, response.link_method


def test_an_unconfirmed_claim_is_never_joined(personas):
    """Typing a number is a claim, not a link: nothing joins until it is confirmed."""
    survey_save(user=personas["member"], answers={"main_earner_occupation": "professional"},
                employee_id="E1")
    assert _joined() == {}


def test_claiming_a_colleagues_confirmed_number_changes_no_figure_and_reveals_nothing(
        personas, client_for, client):
    holder, claimant, control = personas["lead"], personas["member"], personas["moderator"]
    _import(personas, {"E1": holder.email.upper(), "E2": "someone.else@northbridge.example"})
    held = survey_save(user=holder, answers={"main_earner_occupation": "technical_craft"},
                       employee_id="E1")
    assert _status(held) == ("confirmed", "hr_email")  # HR records the holder's email for E1
    assert _joined() == {"E1": "technical_craft"}

    survey_save(user=claimant, answers={"main_earner_occupation": "professional"},
                employee_id="E1")
    survey_save(user=control, answers={"main_earner_occupation": "professional"},
                employee_id="E3")  # a number nobody holds, not in HR's records
    assert _joined() == {"E1": "technical_craft"}  # the holder still counts; the claimant not

    # The claimant sees exactly what anyone with an unconfirmed claim sees.
    def own_answers(user) -> str:
        page = client_for(user).get(reverse("insights:survey")).content.decode()
        section = re.search(r'<section aria-labelledby="your-answers".*?</section>', page,
                            re.S).group(0)
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", section)

    claimant_section = own_answers(claimant)
    assert WAITING in claimant_section and "notice" not in claimant_section
    assert claimant_section == own_answers(control).replace("E3", "E1")
    claimant_page = client_for(claimant).get(reverse("insights:survey")).content.decode()
    for revealing in (holder.email, holder.profile.display_name, "Technical and craft",
                      "Another account"):
        assert revealing not in claimant_page
    claimant_api = _api_survey(client, claimant)["employee_id_link"]
    control_api = _api_survey(client, control)["employee_id_link"]
    assert claimant_api == {**control_api, "employee_id": "E1"}
    assert claimant_api == {"employee_id": "E1", "status": "pending", "confirmed_by": None,
                            "text": WAITING, "notice": None}

    # The holder is told, and stays confirmed.
    holder_page = client_for(holder).get(reverse("insights:survey")).content.decode()
    assert "Confirmed from HR records" in holder_page and escape(CONTESTED) in holder_page
    assert claimant.email not in holder_page
    assert _api_survey(client, holder)["employee_id_link"]["notice"] == CONTESTED


def test_two_pending_claims_are_listed_and_the_one_confirmed_is_joined(personas, client_for):
    first, second = personas["member"], personas["lead"]
    a = survey_save(user=first, answers={"main_earner_occupation": "professional"},
                    employee_id="E7")
    b = survey_save(user=second, answers={"main_earner_occupation": "routine_manual_service"},
                    employee_id="E7")
    assert _joined() == {}
    admin = client_for(personas["admin"])
    page = admin.get(reverse("insights:links")).content.decode()
    for user in (first, second):
        assert escape(user.profile.display_name) in page and user.email in page
    assert page.count("Also claimed by 1 other account") == 2
    assert page.count("No HR snapshot to check against") == 2
    for answer in ("Professional", "Routine", "professional", "routine_manual_service"):
        assert answer not in page  # never an answer

    done = admin.post(reverse("insights:link_confirm", args=[a.pk]), follow=True)
    assert "Employee number E7 is confirmed for Member Persona." in done.content.decode()
    assert _joined() == {"E7": "professional"}
    assert _status(b) == ("pending", "")
    page = admin.get(reverse("insights:links")).content.decode()
    assert "Held, confirmed, by another account" in page

    # The other claim cannot be confirmed while the number is held.
    refused = admin.post(reverse("insights:link_confirm", args=[b.pk]), follow=True)
    assert ("Employee number E7 is already confirmed for Member Persona "
            "(member@northbridge.example). Reject or unlink that link first"
            in refused.content.decode())
    assert _status(b) == ("pending", "") and _joined() == {"E7": "professional"}

    # Unlink the first (the person sees the reason), then confirm the second.
    form = admin.get(reverse("insights:link_reject", args=[a.pk])).content.decode()
    assert "Unlink employee number E7 from Member Persona" in form
    admin.post(reverse("insights:link_reject", args=[a.pk]),
               {"reason": "HR's records give this number to someone else."})
    assert _status(a) == ("rejected", "")
    admin.post(reverse("insights:link_confirm", args=[b.pk]))
    assert _status(b) == ("confirmed", "administrator")
    assert _joined() == {"E7": "routine_manual_service"}
    first_page = client_for(first).get(reverse("insights:survey")).content.decode()
    assert escape("Not accepted: HR's records give this number to someone else.") in first_page
    second_page = client_for(second).get(reverse("insights:survey")).content.decode()
    assert "Confirmed by an administrator" in second_page

    entries = list(AuditEntry.objects.filter(action__startswith="survey_link.")
                   .order_by("pk").values_list("action", "actor_label", "detail"))
    assert [(action, actor) for action, actor, _ in entries] == [
        ("survey_link.confirm", "admin@northbridge.example"),
        ("survey_link.reject", "admin@northbridge.example"),
        ("survey_link.confirm", "admin@northbridge.example")]
    assert entries[0][2] == {"employee_number": "E7", "account": "member@northbridge.example",
                             "how": "administrator"}
    assert entries[1][2]["was"] == "confirmed"
    assert "professional" not in json.dumps([e[2] for e in entries])


def test_hr_email_confirms_on_claim_and_on_import_of_the_latest_snapshot(personas, client_for):
    member, lead, moderator = personas["member"], personas["lead"], personas["moderator"]
    early = survey_save(user=member, answers={"main_earner_occupation": "professional"},
                        employee_id="E1")
    other = survey_save(user=lead, answers={"main_earner_occupation": "other"},
                        employee_id="E2")
    missing = survey_save(user=moderator, answers={"main_earner_occupation": "other"},
                          employee_id="E404")
    # An older snapshot confirms nothing: only the latest speaks for HR.
    _import(personas, {"E1": "", "E2": ""}, day=date(2025, 3, 31))
    _import(personas, {"E1": member.email, "E2": member.email}, day=date(2024, 3, 31))
    assert _status(early) == ("pending", "")
    # Importing a new latest snapshot confirms the pending claims that now match.
    _import(personas, {"E1": member.email, "E2": "hr.says.someone.else@northbridge.example",
                       "E3": ""}, day=date(2026, 3, 31))
    assert _status(early) == ("confirmed", "hr_email")
    assert _status(other) == ("pending", "")
    assert _status(missing) == ("pending", "")
    entry = AuditEntry.objects.get(action="survey_link.confirm")
    assert entry.actor_label == "HR records (snapshot of 31 March 2026)"
    assert entry.detail == {"employee_number": "E1", "account": member.email, "how": "hr_email"}

    page = client_for(personas["admin"]).get(reverse("insights:links")).content.decode()
    assert "HR records a different email for this number" in page
    assert "Not in the latest HR snapshot" in page
    assert "hr.says.someone.else" not in page  # HR's addresses are never shown

    judge = person(roles=["member"], email="Ana.Cole@Northbridge.example")
    _import(personas, {"E3": "ana.cole@northbridge.example"}, day=date(2026, 4, 30))
    later = survey_save(user=judge, answers={"main_earner_occupation": "other"},
                        employee_id="E3")
    assert _status(later) == ("confirmed", "hr_email")  # at once, case aside


def test_changing_the_number_makes_a_new_claim_and_withdrawing_deletes_it(personas):
    response = survey_save(user=personas["member"], answers={"school_type": "independent"},
                           employee_id="E5")
    from upward.web.insights.services import survey_link_confirm, survey_link_reject

    survey_link_confirm(actor=personas["admin"], response=response)
    survey_save(user=personas["member"], answers={"school_type": "independent"},
                employee_id="E5")  # answers changed, same number: stays confirmed
    assert _status(response) == ("confirmed", "administrator")
    survey_save(user=personas["member"], answers={"school_type": "independent"},
                employee_id="E6")
    assert _status(response) == ("pending", "") and _joined() == {}
    survey_link_reject(actor=personas["admin"], response=response, reason="Not your number.")
    survey_save(user=personas["member"], answers={"school_type": "prefer_not_to_say"},
                employee_id="E6")  # re-saving does not undo a rejection
    assert _status(response) == ("rejected", "")
    survey_save(user=personas["member"], answers={"school_type": "independent"})
    response.refresh_from_db()
    assert (response.employee_id, response.link_status, response.link_reason) == ("", "", "")
    survey_delete(user=personas["member"])
    assert not SurveyResponse.objects.exists()


def test_rejecting_needs_a_reason_and_bad_input_changes_nothing(personas, client_for):
    response = survey_save(user=personas["member"], answers={"school_type": "independent"},
                           employee_id="E5")
    admin = client_for(personas["admin"])
    url = reverse("insights:link_reject", args=[response.pk])
    empty = admin.post(url, {"reason": "   "})
    assert empty.status_code == 400 and "Enter a reason" in \
        empty.content.decode()
    too_long = admin.post(url, {"reason": "x" * 201})
    assert too_long.status_code == 400
    assert _status(response) == ("pending", "")
    assert not AuditEntry.objects.filter(action__startswith="survey_link.").exists()
    # Decided claims are not on offer any more.
    admin.post(url, {"reason": "Not found in HR's records."})
    assert admin.post(url, {"reason": "Again"}).status_code == 404
    assert admin.post(reverse("insights:link_confirm", args=[response.pk])).status_code == 404
    assert _status(response) == ("rejected", "")


def test_the_database_allows_one_confirmed_link_per_number(personas):
    for role in ("member", "lead"):
        survey_save(user=personas[role], answers={"school_type": "independent"},
                    employee_id="E9")
    SurveyResponse.objects.filter(user=personas["member"]).update(
        link_status="confirmed", link_method="administrator")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.filter(user=personas["lead"]).update(
            link_status="confirmed", link_method="administrator")


def test_ledger_tokens_are_random_never_shown_and_listed_for_confirmed_links(
        personas, client_for, client):
    from upward.web.insights.selectors import survey_link_tokens
    from upward.web.insights.services import survey_link_confirm

    responses = [survey_save(user=personas[role], answers={"school_type": "independent"},
                             employee_id=f"E{i}")
                 for i, role in enumerate(("member", "lead", "moderator"))]
    tokens = [r.ledger_token for r in responses]
    assert all(0 < t < 2**63 for t in tokens) and len(set(tokens)) == 3
    survey_link_confirm(actor=personas["admin"], response=responses[1])
    assert survey_link_tokens() == {"E1": tokens[1]}
    survey_save(user=personas["lead"], answers={"school_type": "independent"}, employee_id="E1")
    responses[1].refresh_from_db()
    assert responses[1].ledger_token == tokens[1]  # the same answers: the same token
    survey_save(user=personas["lead"], answers={"school_type": "dont_know"}, employee_id="E1")
    responses[1].refresh_from_db()
    # A changed answer is a new token: to the release ledger, a withdrawal and a new answer.
    assert responses[1].ledger_token != tokens[1]
    assert survey_link_tokens() == {"E1": responses[1].ledger_token}

    member = client_for(personas["member"])
    download = member.post(reverse("accounts:my_data"))
    data = (b"".join(download.streaming_content) if download.streaming
            else download.content).decode()
    bodies = [data, member.get(reverse("insights:survey")).content.decode(),
              json.dumps(_api_survey(client, personas["member"])),
              client_for(personas["admin"]).get(reverse("insights:links")).content.decode()]
    for body in bodies:
        for token in tokens:
            assert str(token) not in body
    assert json.loads(data)["background_survey"]["employee_id_link"] == WAITING


def test_the_links_page_groups_claims_with_the_link_they_contest(personas, client_for):
    from upward.web.insights.services import survey_link_confirm

    held = survey_save(user=personas["lead"], answers={"school_type": "independent"},
                       employee_id="E1")
    survey_link_confirm(actor=personas["admin"], response=held)
    survey_save(user=personas["member"], answers={"school_type": "independent"},
                employee_id="E1")
    quiet = survey_save(user=personas["moderator"], answers={"school_type": "independent"},
                        employee_id="E2")
    survey_link_confirm(actor=personas["admin"], response=quiet)
    page = client_for(personas["admin"]).get(reverse("insights:links")).content.decode()
    rows = re.findall(r"<tr>\s*<td>(E\d)</td>\s*<td>([^<]+)<", page)
    assert rows == [("E1", "Lead Persona"), ("E1", "Member Persona")]  # not E2: uncontested
    assert "1 other account" in page and "Held, confirmed, by another account" in page
    assert "Unlink" in page and "Moderator Persona" not in page


def test_migrating_makes_earlier_numbers_pending_claims(transactional_db, personas):
    """Numbers given before links existed were never confirmed: they wait for confirmation."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("insights", "0001_initial")])
    try:
        old = executor.loader.project_state([("insights", "0001_initial")]).apps
        old_response = old.get_model("insights", "SurveyResponse")
        old_response.objects.create(user_id=personas["member"].pk, employee_id="E1",
                                    school_type="independent")
        old_response.objects.create(user_id=personas["lead"].pk, school_type="independent")
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    claimed = SurveyResponse.objects.get(user=personas["member"])
    unclaimed = SurveyResponse.objects.get(user=personas["lead"])
    assert (claimed.link_status, claimed.link_claimed_at) == ("pending", claimed.updated_at)
    assert unclaimed.link_status == ""
    assert claimed.ledger_token > 0 and unclaimed.ledger_token > 0
    assert claimed.ledger_token != unclaimed.ledger_token
    assert _joined() == {}

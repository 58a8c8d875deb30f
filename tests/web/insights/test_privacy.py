"""Privacy attacks: nobody but the person can see their background, through any page, API,
CSV or report; small groups are suppressed everywhere; withdrawal takes answers out at once."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from upward.demo.synthetic_workforce import synthetic_csv
from upward.web.accounts.services import token_create
from upward.web.insights.services import snapshot_import_file, survey_save

from .conftest import ANSWER_CODES

DAY = date(2025, 3, 31)
OTHERS = ["moderator", "lead", "analyst", "judge", "admin"]
SECRET_ID = "E-TARGET-0001"


def _insights_get_urls(snapshot) -> list[str]:
    """Every GET-able insights page, with the objects it can take."""
    resolver = next(p for p in get_resolver().url_patterns
                    if isinstance(p, URLResolver) and p.namespace == "insights")
    urls = []
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        params = set(pattern.pattern.regex.groupindex)
        name = f"insights:{pattern.name}"
        if params == {"table_id"}:
            for table_id in ("background_profile", "representation_by_grade", "pay_gap",
                             "sex_by_background", "survey_participation", "response_by_grade"):
                urls.append(reverse(name, kwargs={"table_id": table_id}))
        elif params == {"pk"}:
            urls.append(reverse(name, kwargs={"pk": snapshot.pk}))
        elif not params:
            urls.append(reverse(name))
    return urls


def _api_paths(client, snapshot) -> list[str]:
    schema = client.get("/api/v1/openapi.json").json()
    paths = []
    for template, operations in schema["paths"].items():
        if "get" not in operations or not template.startswith("/api/v1/insights"):
            continue
        path = template.replace("{snapshot_id}", str(snapshot.pk))
        if "{table_id}" in path:
            paths += [path.replace("{table_id}", t) + suffix
                      for t in ("background_profile", "sex_pay_by_background")
                      for suffix in ("", "?format=csv")]
        else:
            paths.append(path)
    return paths


@pytest.fixture
def target(personas, workforce):
    """The member answered the survey and linked the first current employee's row."""
    member = personas["member"]
    survey_save(user=member, answers={"main_earner_occupation": "long_term_unemployed",
                                      "school_type": "independent_bursary",
                                      "free_school_meals": "yes",
                                      "parental_degree": "no"}, employee_id=SECRET_ID)
    return member


@pytest.fixture
def snapshot_with_target(personas, workforce, target):
    content = synthetic_csv(workforce).replace(
        str(workforce.employee_id[~workforce.leaver][0]).encode(), SECRET_ID.encode(), 1)
    return snapshot_import_file(actor=personas["analyst"], content=content,
                                source_name="hr.csv", snapshot_date=DAY)


@pytest.mark.parametrize("role", OTHERS)
def test_no_page_api_csv_or_report_shows_one_persons_answers(role, personas, client_for, client,
                                                             target, snapshot_with_target):
    viewer = client_for(personas[role])
    _, secret = token_create(user=personas[role], name="probe")
    headers = {"Authorization": f"Bearer {secret}"}
    identities = [target.email, target.profile.display_name, SECRET_ID]
    answers = ["long_term_unemployed", "Long-term unemployed (claimed", "independent_bursary"]
    bodies = []
    for url in _insights_get_urls(snapshot_with_target):
        response = viewer.get(url)
        if response.status_code == 200:
            bodies.append((url, response.content.decode()))
    for path in _api_paths(client, snapshot_with_target):
        response = client.get(path, headers=headers)
        if response.status_code == 200:
            bodies.append((path, response.content.decode()))
    assert len(bodies) >= 3, "the probe reached too few pages to mean anything"
    for url, body in bodies:
        # Administrators confirm employee-number links: who claims which number, and
        # nothing else, is theirs to see (the answers checks below still apply there).
        if not (role == "admin" and url.startswith("/insights/links/")):
            for secret_text in identities:
                assert secret_text not in body, (role, url, secret_text)
        if not url.startswith(("/survey", "/insights/questions")):
            for answer in answers:
                # the wording of an option is shown only on the person's own survey page
                assert answer not in body, (role, url, answer)


def test_the_person_sees_their_own_answers(target, client_for):
    page = client_for(target).get(reverse("insights:survey")).content.decode()
    assert SECRET_ID in page and "Long-term unemployed (claimed" in page


def test_one_person_in_a_group_is_never_shown_as_one(personas, client_for, client):
    """A workforce where one person is from a lower background in the top grade."""
    lines = ["Employee ID,Grade,Function,Hourly pay,Start date,Parental occupation"]
    lines += [f"E{i},Grade 1,Ops,14,2020-01-06,{(i % 3) * 2 + 1}" for i in range(90)]
    lines += [f"T{i},Grade 2,Ops,40,2020-01-06,1" for i in range(25)]
    lines += ["T25,Grade 2,Ops,38,2020-01-06,5"]  # the only lower-background senior
    snapshot = snapshot_import_file(actor=personas["analyst"],
                                    content="\n".join(lines).encode(),
                                    source_name="hr.csv", snapshot_date=DAY)
    analyst = client_for(personas["analyst"])
    page = analyst.get(reverse("insights:dashboard")).content.decode()
    row = re.search(r"<th scope=\"row\">Grade 2</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[2] == "fewer than 10"  # lower background, Grade 2
    assert "suppressed" in cells or cells.count("fewer than 10") >= 2  # and its row protected
    csv_text = analyst.get(reverse("insights:export_csv", args=["representation_by_grade"])
                           + f"?snapshot={snapshot.pk}").content.decode()
    grade2 = next(r for r in csv.reader(io.StringIO(csv_text)) if r[0] == "Grade 2")
    assert grade2[3] == "fewer than 10"
    _, secret = token_create(user=personas["analyst"], name="t")
    table = client.get(f"/api/v1/insights/snapshots/{snapshot.pk}/tables/representation_by_grade",
                       headers={"Authorization": f"Bearer {secret}"}).json()
    grade2_cells = next(r["cells"] for r in table["rows"] if r["label"] == "Grade 2")
    assert grade2_cells[2] == {"text": "fewer than 10", "value": None}
    report = analyst.get(reverse("insights:report", args=[snapshot.pk])).content.decode()
    assert re.search(r"Grade 2</th>(<td[^>]*>[^<]*</td>){2}<td[^>]*>fewer than 10</td>", report)
    # The mean pay of that one person is nowhere: the pay by grade is not published at all,
    # and the lower group's mean covers more than k people.
    assert "£38.00" not in page and "£38.00" not in report


def test_a_withdrawal_shows_in_the_next_release_and_singles_nobody_out(
        personas, client_for, workforce, import_snapshot):
    """Figures are frozen when released: a withdrawal changes nothing on the dashboard at once
    (the change would be that person's answer), and the next release differs from the last by
    at least k answers, so the difference is not one person's."""
    from upward.web.demo.factories import person
    from upward.web.insights.models import Release
    from upward.web.insights.services import survey_link_confirm

    current = ~workforce.leaver
    ids = [str(i) for i in workforce.employee_id[current][:400]]
    answers = [ANSWER_CODES[int(a)] for a in workforce.answer[current][:400]]
    people = [person(roles=["member"], email=f"p{i}@northbridge.example") for i in range(400)]
    for user, employee_id, answer in zip(people, ids, answers, strict=True):
        response = survey_save(user=user, answers={"main_earner_occupation": answer},
                               employee_id=employee_id)
        survey_link_confirm(actor=personas["admin"], response=response)
    snapshot = import_snapshot(workforce, hr_share=0.0)
    first = Release.objects.get(snapshot=snapshot)
    assert first.survey_used > 300
    analyst = client_for(personas["analyst"])

    def profile() -> list[list[str]]:
        url = reverse("insights:export_csv", args=["background_profile"])
        return list(csv.reader(io.StringIO(analyst.get(f"{url}?snapshot={snapshot.pk}")
                                           .content.decode())))

    before = profile()
    client_for(people[0]).post(reverse("insights:survey_delete"))
    assert profile() == before  # frozen: nothing to compare yet
    analyst.post(reverse("insights:release", args=[snapshot.pk]))
    second = Release.objects.filter(snapshot=snapshot).first()
    assert second.pk != first.pk
    assert first.survey_used - second.survey_used >= 10
    assert profile() != before


def test_only_confirmed_employee_numbers_are_used(personas):
    from upward.web.insights.selectors import survey_answers_for_analysis
    from upward.web.insights.services import survey_link_confirm

    survey_save(user=personas["member"], answers={"main_earner_occupation": "professional"},
                employee_id="E1")
    survey_save(user=personas["lead"], answers={"main_earner_occupation": "technical_craft"},
                employee_id="E1")
    confirmed = survey_save(user=personas["moderator"],
                            answers={"main_earner_occupation": "other"}, employee_id="E2")
    assert list(survey_answers_for_analysis().employee_ids) == []  # all three are claims
    survey_link_confirm(actor=personas["admin"], response=confirmed)
    survey_answers = survey_answers_for_analysis()
    assert list(survey_answers.employee_ids) == ["E2"]
    assert list(survey_answers.answers["main_earner_occupation"]) == ["other"]


def test_error_reports_never_echo_background_answers(personas, client_for):
    content = (b"Employee ID,Grade,Function,Hourly pay,Start date,Parental occupation\n"
               b"E1,G1,S,14,2020-01-06,Coal miner\n")
    client = client_for(personas["analyst"])
    response = client.post(reverse("insights:snapshots"), {
        "file": _upload(content), "snapshot_date": "2025-03-31"})
    page = client.post(response["Location"], {
        "column_0": "employee_id", "column_1": "grade", "column_2": "function",
        "column_3": "hourly_pay", "column_4": "start_date",
        "column_5": "main_earner_occupation"}).content.decode()
    assert "is not one of the answers" in page
    assert "Coal miner" not in page


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("hr.csv", content)


def test_leads_see_response_rates_but_no_background_breakdown(personas, client_for, snapshot):
    page = client_for(personas["lead"]).get(reverse("insights:responses")).content.decode()
    assert "Response rate by grade" in page
    for breakdown in ("Lower socio-economic", "Professional", "Intermediate"):
        assert breakdown not in page
    body = json.dumps(client_for(personas["lead"]).get(
        reverse("insights:responses_csv", args=["response_by_grade"])).content.decode())
    assert "Lower" not in body

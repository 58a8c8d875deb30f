"""Every awards rule, allowed and denied."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.awards.services.entries import entry_start, nomination_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "status"), [("member", 200), ("lead", 200),
                                              ("moderator", 200), ("admin", 403),
                                              ("judge", 403), ("analyst", 403)])
def test_the_awards_home_is_for_network_members(role, status, personas, client_for):
    assert client_for(personas[role]).get(reverse("awards:home")).status_code == status


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("member", 403), ("lead", 403),
                                              ("judge", 403)])
def test_managing_awards_is_for_administrators(role, status, personas, client_for, champion):
    client = client_for(personas[role])
    for url in (reverse("awards:manage"), reverse("awards:cycle", args=[champion.cycle_id]),
                reverse("awards:category", args=[champion.pk]),
                reverse("awards:question_new", args=[champion.pk])):
        assert client.get(url).status_code == status, url


def test_visitors_are_sent_to_sign_in(client, champion):
    response = client.get(reverse("awards:enter", args=[champion.pk]))
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize(("role", "status"), [("member", 200), ("judge", 403),
                                              ("admin", 403)])
def test_entering_and_nominating_need_enter_awards(role, status, personas, client_for,
                                                   champion):
    client = client_for(personas[role])
    assert client.get(reverse("awards:enter", args=[champion.pk])).status_code == status
    assert client.get(reverse("awards:nominate", args=[champion.pk])).status_code == status


def test_an_entry_is_seen_only_by_its_people(personas, client_for, champion, colleague):
    own = entry_start(actor=personas["member"], category=champion, title="Tills to HQ")
    nomination = nomination_create(actor=personas["lead"], category=champion,
                                   email=colleague.email, title="Sam's mentoring")
    assert client_for(personas["member"]).get(
        reverse("awards:entry", args=[own.pk])).status_code == 200
    for outsider in ("lead", "moderator", "admin", "judge"):
        assert client_for(personas[outsider]).get(
            reverse("awards:entry", args=[own.pk])).status_code == 404, outsider
    assert client_for(personas["lead"]).get(
        reverse("awards:entry", args=[nomination.pk])).status_code == 200
    # the nominee sees only the consent page until they agree
    nominee = client_for(colleague)
    assert nominee.get(reverse("awards:entry", args=[nomination.pk])).status_code == 404
    assert nominee.get(reverse("awards:consent", args=[nomination.pk])).status_code == 200
    assert client_for(personas["member"]).get(
        reverse("awards:consent", args=[nomination.pk])).status_code == 404


def test_services_refuse_people_without_the_capability(personas, champion):
    from upward.web.awards.services.setup import cycle_save
    from upward.web.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as refused:
        entry_start(actor=personas["judge"], category=champion, title="x")
    assert refused.value.status == 403
    with pytest.raises(ApplicationError) as refused:
        cycle_save(actor=personas["lead"], cycle=champion.cycle, name="Mine")
    assert refused.value.status == 403

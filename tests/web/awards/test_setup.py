"""Cycles, categories, entry forms and criteria: validation and the admin pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.awards.models import Cycle
from upward.web.awards.services.setup import category_save, criterion_save, cycle_save
from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry

from .builders import cycle_dates

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("field", "shift", "message"), [
    ("entries_close_at", timedelta(0), "Entries close: Must be after “entries open”."),
    ("judging_starts_at", -timedelta(days=2),
     "Judging starts: Must be on or after “entries close”."),
    ("winners_announced_at", -timedelta(days=20),
     "Winners announced: Must be on or after “finalists announced”."),
])
def test_a_cycle_s_dates_must_fall_in_order(admin, field, shift, message):
    dates = cycle_dates(timezone.now())
    dates[field] = {"entries_close_at": dates["entries_open_at"],
                    "judging_starts_at": dates["entries_close_at"],
                    "winners_announced_at": dates["finalists_announced_at"]}[field] + shift
    with pytest.raises(ApplicationError) as refused:
        cycle_save(actor=admin, name="2027", **dates)
    assert refused.value.message == message and refused.value.field == field
    assert not Cycle.objects.exists()


def test_judging_may_start_the_moment_entries_close(admin):
    dates = cycle_dates(timezone.now())
    dates["judging_starts_at"] = dates["entries_close_at"]
    assert cycle_save(actor=admin, name="2027", **dates).pk
    assert AuditEntry.objects.filter(action="awards.cycle_create").count() == 1


def test_a_category_needs_a_route_and_known_attachment_types(admin, cycle):
    with pytest.raises(ApplicationError, match="Allow self-entry, nominations or both"):
        category_save(actor=admin, cycle=cycle, name="X", self_entry_allowed=False,
                      nominations_allowed=False)
    with pytest.raises(ApplicationError, match="attachment types"):
        category_save(actor=admin, cycle=cycle, name="X", attachment_types=["exe"])


def test_a_criterion_s_scale_goes_up(admin, champion):
    with pytest.raises(ApplicationError, match="top of the scale"):
        criterion_save(actor=admin, category=champion, name="Reach", scale_min=5,
                       scale_max=5)


def test_the_admin_builds_a_cycle_through_the_pages(admin, client_for):
    client = client_for(admin)
    start = timezone.localtime() + timedelta(days=1)
    form = {"name": "Upward Awards 2027", "description": ""}
    for name, value in cycle_dates(start).items():
        form[name] = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
    bad = {**form, "entries_close_at": form["entries_open_at"]}
    response = client.post(reverse("awards:cycle_new"), bad)
    assert response.status_code == 400
    assert "Must be after “entries open”" in response.content.decode()
    response = client.post(reverse("awards:cycle_new"), form)
    cycle = Cycle.objects.get()
    assert response["Location"] == reverse("awards:cycle", args=[cycle.pk])
    response = client.post(reverse("awards:category_new", args=[cycle.pk]), {
        "name": "Champion", "description": "", "eligibility": "Members", "self_entry_allowed":
        "on", "nominations_allowed": "on", "members_only": "on", "attachment_types": ["pdf"],
        "max_attachments": "1", "max_attachment_mb": "5", "order": "0"})
    category = cycle.categories.get()
    assert response["Location"] == reverse("awards:category", args=[category.pk])
    client.post(reverse("awards:question_new", args=[category.pk]), {
        "label": "What did they change?", "help_text": "", "required": "on",
        "word_limit": "300", "blind": "on", "order": "1"})
    client.post(reverse("awards:criterion_new", args=[category.pk]), {
        "name": "Impact", "description": "", "weight": "2.5", "scale_min": "0",
        "scale_max": "10", "order": "1"})
    question, criterion = category.questions.get(), category.criteria.get()
    assert (question.word_limit, question.blind) == (300, True)
    assert (str(criterion.weight), criterion.scale_max) == ("2.50", 10)
    page = client.get(reverse("awards:category", args=[category.pk])).content.decode()
    assert "What did they change?" in page and "Hidden from judges" in page

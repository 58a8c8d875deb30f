"""Prepared queries run the ORM's SQL with new values and give the ORM's rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from upward.web.accounts.models import RoleAssignment, User
from upward.web.core.prepared import Prepared, PreparedError, prepared_ids
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db


def _people():
    now = timezone.now()
    people = [person(roles=roles, email=f"p{i}@northbridge.example")
              for i, roles in enumerate([["member"], ["member", "lead"], ["analyst"], [],
                                          ["member", "moderator"]])]
    for offset, user in enumerate(people):
        User.objects.filter(pk=user.pk).update(date_joined=now - timedelta(days=10 * offset))
    return people, now


def _joined_before(user_id, when, ids):
    return (User.objects.filter(pk__in=ids, date_joined__lt=when).exclude(pk=user_id)
            .annotate(member=Exists(RoleAssignment.objects.filter(user=OuterRef("pk"),
                                                                  role="member")))
            .order_by("pk").values_list("pk", "member"))


def test_same_rows_as_the_orm_for_many_values():
    people, now = _people()
    prepared = Prepared(_joined_before)
    ids = [p.pk for p in people]
    for user_id in ids:
        for days in (0, 5, 15, 25, 100):
            when = now - timedelta(days=days)
            for chosen in (ids, ids[:2], ids[1:4], [ids[0]]):
                expected = [(pk, bool(m)) for pk, m in _joined_before(user_id, when, chosen)]
                got = [(pk, bool(m)) for pk, m in prepared.rows(user_id, when, chosen)]
                assert got == expected, (user_id, days, chosen)


def test_compiled_once_per_shape():
    people, now = _people()
    prepared = Prepared(_joined_before)
    ids = [p.pk for p in people]
    for user_id in ids:
        prepared.rows(user_id, now, ids)
        prepared.rows(user_id, now, ids[:2])
    assert len(prepared._compiled) == 2  # one per list length


def test_a_value_the_sql_does_not_carry_is_refused():
    people, now = _people()
    # The builder turns the time into a constant condition: no parameter to fill in.
    ignores = Prepared(lambda user_id, when: User.objects.filter(pk=user_id).values_list("pk"))
    with pytest.raises(PreparedError, match="every value"):
        ignores.rows(people[0].pk, now)


@pytest.mark.parametrize("value", [True, "member", 1.5, None])
def test_unsupported_values_are_refused(value):
    prepared = Prepared(lambda x: User.objects.filter(email=x).values_list("pk"))
    with pytest.raises(PreparedError):
        prepared(value)


def test_constants_in_the_query_stay_as_they_are():
    people, _ = _people()
    prepared = Prepared(lambda user_id: User.objects.filter(
        Q(pk=user_id) & Q(role_assignments__role="lead")).values_list("pk"))
    assert [pk for (pk,) in prepared.rows(people[1].pk)] == [people[1].pk]
    assert prepared.rows(people[0].pk) == []


def test_ids_are_made_distinct_and_sorted():
    assert prepared_ids([5, 3, 5, "7"]) == [3, 5, 7]


def test_statements_are_prepared_on_postgresql(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    people, now = _people()
    prepared = Prepared(_joined_before)
    ids = [p.pk for p in people]

    def prepared_count():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    before = prepared_count()
    first = prepared.rows(ids[0], now, ids)
    assert prepared_count() == before + 1
    assert prepared.rows(ids[0], now, ids) == first  # reused, not prepared again
    assert prepared_count() == before + 1
    settings.UPWARD_DB_PREPARE = False
    assert prepared.rows(ids[1], now, ids) == [
        [pk, bool(m)] for pk, m in _joined_before(ids[1], now, ids)]
    assert prepared_count() == before + 1

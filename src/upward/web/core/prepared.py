"""ORM queries compiled once per process and run many times with new values.

Building and compiling a queryset costs the best part of a millisecond of Python
for a simple query and several for one with subqueries — more than PostgreSQL
takes to run it. On the few paths that run on every page view (who is signed in,
may this viewer see the stories on a cached page) that was most of the time.

``Prepared`` keeps the ORM as the one description of such a query (visibility
rules stay in the selectors, written once). It builds the queryset with stand-in
values, finds where each one went among the compiled SQL's parameters, and on
each call runs the same SQL with the real values in their places. So it is only
for builders whose SQL does not depend on the values — only on how many there
are: a list argument's length is part of what the compiled SQL is kept under.
A stand-in that cannot be found in the parameters (because the builder turned it
into something else) is an error at the first call, not a wrong query.

Supported values: ints, ``datetime``s (aware) and lists of ints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connections
from django.db.models import QuerySet

_INT_BASE = -7_314_000_000_000  # far from any real key, distinct per slot
_TIME_BASE = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


class PreparedError(RuntimeError):
    """The builder's SQL depends on a value, or a value is of an unsupported type."""


def _stand_in(kind: str, number: int):
    if kind == "int":
        return _INT_BASE - number
    return _TIME_BASE + timedelta(microseconds=number + 1)


def _kind(value) -> str:
    if isinstance(value, bool):
        raise PreparedError("booleans change the SQL: build one Prepared per value")
    if isinstance(value, int):
        return "int"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, (list, tuple)):
        return "list"
    raise PreparedError(f"unsupported value for a prepared query: {type(value).__name__}")


class Prepared:
    """``Prepared(build)(*values)`` → ``(sql, params)`` for ``build(*values)``'s query.

    ``rows(*values)`` runs it and returns the rows as tuples, as the database
    gives them (SQLite gives 0/1 for booleans and text for dates: select neither
    or convert them)."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._compiled: dict[tuple, tuple[str, list, list]] = {}

    def _compile(self, alias: str, shape: tuple) -> tuple[str, list, list]:
        connection = connections[alias]
        number = 0
        stand_ins: list[Any] = []
        where: dict[Any, tuple] = {}  # adapted stand-in -> (argument, element or None)
        for position, kind in enumerate(shape):
            if kind == "int" or kind == "datetime":
                value = _stand_in(kind, number)
                number += 1
                stand_ins.append(value)
                adapted = value if kind == "int" else \
                    connection.ops.adapt_datetimefield_value(value)
                where[adapted] = (position, None)
            else:  # a list of ints, of length kind[1]
                values = []
                for element in range(kind[1]):
                    value = _stand_in("int", number)
                    number += 1
                    values.append(value)
                    where[value] = (position, element)
                stand_ins.append(values)
        sql, params = self._build(*stand_ins).query.get_compiler(using=alias).as_sql()
        slots: list = [where.get(param) if _hashable(param) else None for param in params]
        missing = set(where.values()) - {slot for slot in slots if slot is not None}
        if missing:
            raise PreparedError(f"the query does not use every value as a parameter: {missing}")
        return sql, list(params), slots

    def __call__(self, *values, using: str = "default") -> tuple[str, list]:
        shape = tuple(("list", len(v)) if _kind(v) == "list" else _kind(v) for v in values)
        compiled = self._compiled.get((using, shape))
        if compiled is None:
            compiled = self._compiled[(using, shape)] = self._compile(using, shape)
        sql, params, slots = compiled
        connection = connections[using]
        filled = []
        for param, slot in zip(params, slots, strict=True):
            if slot is None:
                filled.append(param)
                continue
            value = values[slot[0]] if slot[1] is None else values[slot[0]][slot[1]]
            if isinstance(value, datetime):
                value = connection.ops.adapt_datetimefield_value(value)
            filled.append(value)
        return sql, filled

    def rows(self, *values, using: str = "default") -> list[tuple]:
        sql, params = self(*values, using=using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def prepared_ids(ids: Sequence[int]) -> list[int]:
    """``ids`` as a sorted list of distinct ints (fewer shapes to compile)."""
    return sorted({int(i) for i in ids})

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
into something else) is an error at the first call, not a wrong query. Rows come
back converted as the ORM converts them (booleans and dates on SQLite too).

On PostgreSQL the statement is also prepared on the server (once per connection),
so its plan is reused: planning these queries took longer than running them.
Only these queries are prepared; Django's own stay unprepared. Behind a pooler
that cannot keep prepared statements (PgBouncer in transaction mode before 1.21),
set ``UPWARD_DB_PREPARE=0``.

Supported values: ints, ``datetime``s (aware) and lists of ints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model, QuerySet

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

    ``rows(*values)`` runs it and returns the rows; ``instances(*values)`` the model
    instances of a builder that gives a model queryset."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, alias: str, shape: tuple) -> _Compiled:
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
        queryset = self._build(*stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots: list = [where.get(param) if _hashable(param) else None for param in params]
        missing = set(where.values()) - {slot for slot in slots if slot is not None}
        if missing:
            raise PreparedError(f"the query does not use every value as a parameter: {missing}")
        selected = [column[0] for column in compiler.select]
        names = [column[2] or getattr(getattr(column[0], "target", None), "attname", None)
                 for column in compiler.select]
        return _Compiled(sql, list(params), slots, compiler,
                         compiler.get_converters(selected), names, queryset.model)

    def _get(self, values, using: str) -> tuple[_Compiled, list]:
        shape = tuple(("list", len(v)) if _kind(v) == "list" else _kind(v) for v in values)
        compiled = self._compiled.get((using, shape))
        if compiled is None:
            compiled = self._compiled[(using, shape)] = self._compile(using, shape)
        connection = connections[using]
        filled = []
        for param, slot in zip(compiled.params, compiled.slots, strict=True):
            if slot is None:
                filled.append(param)
                continue
            value = values[slot[0]] if slot[1] is None else values[slot[0]][slot[1]]
            if isinstance(value, datetime):
                value = connection.ops.adapt_datetimefield_value(value)
            filled.append(value)
        return compiled, filled

    def __call__(self, *values, using: str = "default") -> tuple[str, list]:
        compiled, params = self._get(values, using)
        return compiled.sql, params

    def rows(self, *values, using: str = "default") -> list[list]:
        """The rows, each a list, converted as the ORM would."""
        compiled, params = self._get(values, using)
        with _cursor(using) as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            return list(compiled.compiler.apply_converters(rows, compiled.converters))
        return [list(row) for row in rows]

    def instances(self, *values, using: str = "default") -> list[Model]:
        """For a builder giving a model's queryset: the model instances, with each
        annotation set as an attribute (as the ORM does)."""
        compiled, _ = self._get(values, using)
        fields = [f.attname for f in compiled.model._meta.concrete_fields]
        count = len(fields)
        if compiled.names[:count] != fields:
            raise PreparedError("instances() needs a plain model queryset (all its fields)")
        found = []
        for row in self.rows(*values, using=using):
            instance = compiled.model.from_db(using, fields, row[:count])
            for name, value in zip(compiled.names[count:], row[count:], strict=True):
                setattr(instance, name, value)
            found.append(instance)
        return found


class _Compiled:
    __slots__ = ("sql", "params", "slots", "compiler", "converters", "names", "model")

    def __init__(self, sql, params, slots, compiler, converters, names, model):
        self.sql, self.params, self.slots = sql, params, slots
        self.compiler, self.converters, self.names, self.model = \
            compiler, converters, names, model


def _cursor(using: str):
    """A Django cursor (query logging, error wrapping, execute wrappers all apply) that,
    on PostgreSQL, prepares its statements on the server."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not getattr(settings, "UPWARD_DB_PREPARE", True) \
            or connection.queries_logged:
        # While queries are logged (DEBUG, or a test capturing them) the plain cursor
        # is used: Django cannot show the SQL of a prepared statement.
        return connection.cursor()
    connection.ensure_connection()
    return connection._prepare_cursor(_preparing_cursor_class()(connection.connection))


_PREPARING: list = []


def _preparing_cursor_class():
    if not _PREPARING:
        from django.db.backends.postgresql.base import ServerBindingCursor

        class PreparingCursor(ServerBindingCursor):
            """Binds parameters on the server and keeps the statement prepared."""

            def execute(self, query, params=None, *, prepare=None, binary=None):
                return super().execute(query, params, prepare=True, binary=binary)

        _PREPARING.append(PreparingCursor)
    return _PREPARING[0]


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def prepared_ids(ids: Sequence[int]) -> list[int]:
    """``ids`` as a sorted list of distinct ints (fewer shapes to compile)."""
    return sorted({int(i) for i in ids})

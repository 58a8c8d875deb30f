"""Reading the demo's words from its data files (``src/upward/data/demo/*.toml``).

The stories, discussions, comments and profile sentences of the demo are data,
not code: TOML files shipped with the package. :class:`DataFile` reads one and
checks every entry as it is read — the type, the ``{placeholders}`` a text may
use (:data:`PLACEHOLDERS`), and that no entry is left unread (a misspelt key) —
so bad data stops the demo with :class:`DemoDataError` naming the file and the
entry, before anything is written to the database.

Examples
--------
>>> lives = DataFile("community/lives.toml")
>>> lives.texts("services")
('the army', 'the Royal Navy', 'the RAF')
>>> try:
...     DataFile("bad.toml", data={"places": ["Hull", 7]}).texts("places")
... except DemoDataError as error:
...     print(error)
demo data file bad.toml: places[1]: expected a text, found an integer (7)
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Collection, Mapping
from importlib import resources
from typing import Any

__all__ = ["PLACEHOLDERS", "DataFile", "DemoDataError", "data_file_names"]

#: The ``{placeholders}`` the demo's texts may use (see
#: :mod:`upward.web.demo.community_content` for what each one is filled with).
PLACEHOLDERS = frozenset({
    "place", "carer", "Carer", "job", "siblings", "mentor", "uni", "subject", "first_job",
    "old_career", "service", "country", "language", "arrival_age", "age", "cared", "Cared",
    "qual", "title", "title_a", "team", "in_team", "join_role", "join_role_a", "join_year",
    "n", "org", "handle", "first", "value", "from", "to",
})

_TYPE_NAMES = {str: "a text", int: "an integer", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}


class DemoDataError(ValueError):
    """A demo data file is missing, not valid TOML, or holds an entry of the wrong shape."""


def _described(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    shown = repr(value)
    return f"{name} ({shown[:40]}{'…' if len(shown) > 40 else ''})"


def data_file_names() -> list[str]:
    """Every demo data file, relative to ``upward/data/demo`` (``community/lives.toml``)."""
    root = resources.files("upward.data").joinpath("demo")
    names: list[str] = []

    def walk(folder: Any, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".toml"):
                names.append(prefix + entry.name)

    walk(root, "")
    return names


class DataFile:
    """One demo data file, or one table in it, read entry by entry with checks.

    Parameters
    ----------
    name : str
        Path under ``upward/data/demo``, e.g. ``"community/lives.toml"``.
    data : mapping or str, optional
        The contents, parsed or as TOML text (for checking a file before it is
        installed); read from the package when not given.
    """

    #: Names of the files read from start to end (:meth:`done` on the whole file).
    checked: set[str] = set()

    def __init__(self, name: str, *, data: Mapping[str, Any] | str | None = None,
                 _path: str = "") -> None:
        self.name = name
        self._path = _path
        if data is None:
            source = resources.files("upward.data").joinpath("demo")
            for part in name.split("/"):
                source = source.joinpath(part)
            try:
                data = source.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise DemoDataError(f"demo data file {name} is missing from the package "
                                    "(src/upward/data/demo)") from None
        if isinstance(data, str):
            try:
                data = tomllib.loads(data)
            except tomllib.TOMLDecodeError as error:
                raise DemoDataError(f"demo data file {name} is not valid TOML: {error}") from None
        self._data = dict(data)
        self._read: set[str] = set()

    # -- errors and paths -------------------------------------------------------------

    def where(self, key: str | None = None) -> str:
        """The dotted path of ``key`` in the file (``backgrounds.free_school_meals.route``)."""
        return ".".join(p for p in (self._path, key) if p)

    def error(self, where: str, problem: str) -> DemoDataError:
        """An error naming this file and the entry ``where`` (a dotted path)."""
        return DemoDataError(f"demo data file {self.name}: {where}: {problem}")

    def _get(self, key: str) -> Any:
        if key not in self._data:
            raise self.error(self.where(key), "missing")
        self._read.add(key)
        return self._data[key]

    def has(self, key: str) -> bool:
        return key in self._data

    def names(self) -> list[str]:
        """The names of the entries, in file order."""
        return list(self._data)

    def done(self) -> None:
        """Fail on any entry nobody read: a misspelt or unknown key."""
        unknown = [k for k in self._data if k not in self._read]
        if unknown:
            raise self.error(self.where(unknown[0]),
                             "unknown entry (misspelt?); expected one of: "
                             + ", ".join(sorted(self._read)))
        if not self._path:
            DataFile.checked.add(self.name)

    # -- checked values ---------------------------------------------------------------

    def _text(self, value: Any, where: str, *, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"expected a text, found {_described(value)}")
        if not value.strip() and not allow_empty:
            raise self.error(where, "is empty")
        try:
            fields = [f or "" for _lit, f, spec, conv in string.Formatter().parse(value)
                      if f is not None or spec or conv]
        except ValueError as error:
            raise self.error(where, f"has a stray brace ({error}); write {{{{ or }}}} for a "
                                    "literal one") from None
        unknown = sorted({f for f in fields if f not in PLACEHOLDERS})
        if unknown:
            raise self.error(where, f"unknown placeholder {{{unknown[0]}}}; known: "
                                    + ", ".join(sorted(PLACEHOLDERS)))
        return value

    def _list(self, key: str) -> list[Any]:
        value = self._get(key)
        if not isinstance(value, list):
            raise self.error(self.where(key), f"expected a list, found {_described(value)}")
        if not value:
            raise self.error(self.where(key), "is an empty list")
        return value

    def text(self, key: str) -> str:
        return self._text(self._get(key), self.where(key))

    def texts(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        """A list of texts; ``allow_empty`` lets an entry be "" (meaning "none")."""
        return tuple(self._text(v, f"{self.where(key)}[{i}]", allow_empty=allow_empty)
                     for i, v in enumerate(self._list(key)))

    def choice(self, key: str, allowed: Collection[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.error(self.where(key), f"{value!r} is not one of: "
                                               + ", ".join(sorted(allowed)))
        return value

    def number(self, key: str, *, low: float, high: float | None = None,
               default: float | None = None) -> float:
        if default is not None and key not in self._data:
            return default
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(self.where(key), f"expected a number, found {_described(value)}")
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise self.error(self.where(key), f"{value} is not {bounds}")
        return float(value)

    def flag(self, key: str, *, default: bool) -> bool:
        if key not in self._data:
            return default
        value = self._get(key)
        if not isinstance(value, bool):
            raise self.error(self.where(key), f"expected true or false, found "
                                               f"{_described(value)}")
        return value

    def _record(self, value: Any, fields: tuple[str, ...], where: str) -> tuple[str, ...]:
        if not isinstance(value, dict) or set(value) != set(fields):
            raise self.error(where, "expected { " + ", ".join(f"{f} = \"…\"" for f in fields)
                             + f" }}, found {_described(value)}")
        return tuple(self._text(value[f], f"{where}.{f}") for f in fields)

    def record(self, key: str, fields: tuple[str, ...]) -> tuple[str, ...]:
        """A table of exactly these texts, as a tuple in that order."""
        return self._record(self._get(key), fields, self.where(key))

    def records(self, key: str, fields: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """A list of such tables."""
        return tuple(self._record(v, fields, f"{self.where(key)}[{i}]")
                     for i, v in enumerate(self._list(key)))

    def fragments(self, key: str) -> tuple[str | tuple[str, str], ...]:
        """Texts, each possibly ``{ text = "…", echo = "…" }`` (read as a pair)."""
        out: list[str | tuple[str, str]] = []
        for i, v in enumerate(self._list(key)):
            where = f"{self.where(key)}[{i}]"
            if isinstance(v, dict):
                text, echo = self._record(v, ("text", "echo"), where)
                out.append((text, echo))
            else:
                out.append(self._text(v, where))
        return tuple(out)

    def table(self, key: str) -> DataFile:
        """A table in this file, read with the same checks."""
        value = self._get(key)
        if not isinstance(value, dict):
            raise self.error(self.where(key), f"expected a table, found {_described(value)}")
        return DataFile(self.name, data=value, _path=self.where(key))

    def tables(self, key: str) -> tuple[DataFile, ...]:
        """An array of tables (``[[key]]``)."""
        out = []
        for i, v in enumerate(self._list(key)):
            where = f"{self.where(key)}[{i}]"
            if not isinstance(v, dict):
                raise self.error(where, f"expected a table, found {_described(v)}")
            out.append(DataFile(self.name, data=v, _path=where))
        return tuple(out)

    def text_map(self, key: str) -> dict[str, str]:
        """A table of texts by name."""
        t = self.table(key)
        return {k: t.text(k) for k in t.names()}

    def text_lists(self, key: str) -> dict[str, tuple[str, ...]]:
        """A table of lists of texts by name."""
        t = self.table(key)
        return {k: t.texts(k) for k in t.names()}

"""Outcome frameworks as data: the goals or areas an organisation reports its social
mobility work against (Levelling Up Goals, the Social Mobility Employer Index areas, the
Gatsby Benchmarks), shipped as TOML files in ``upward/data/frameworks/``.

A framework names only what is confirmed. A goal whose official name we could not
confirm ships with an empty name and ``confirmed = false``: the organisation completes it
(the impact app lets them edit frameworks); :func:`Goal.label` shows it as
"Goal 3 (name to be completed)", never as an invented name.

>>> gatsby = load_framework("gatsby_benchmarks")
>>> gatsby.name, len(gatsby.goals), gatsby.goals[4].label
('Gatsby Benchmarks', 8, '5 Encounters with employers and employees')
>>> lug = load_framework("levelling_up_goals")
>>> [g.number for g in lug.goals if not g.confirmed]
[3, 5, 6, 7, 8, 11, 12, 13]
>>> lug.goals[2].label
'Goal 3 (name to be completed)'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

__all__ = ["FrameworkError", "Framework", "Goal", "load_framework", "parse_framework",
           "shipped_frameworks"]

_PACKAGE = "upward.data"
_FOLDER = "frameworks"
_FRAMEWORK_KEYS = {"key", "name", "publisher", "published", "source", "description", "goals"}
_GOAL_KEYS = {"number", "name", "confirmed", "description", "source"}


class FrameworkError(ValueError):
    """A framework file that cannot be used, with where and why."""


@dataclass(frozen=True)
class Goal:
    number: int
    name: str  # "" until the organisation completes an unconfirmed goal
    confirmed: bool
    description: str = ""
    source: str = ""

    @property
    def label(self) -> str:
        if self.name:
            return f"{self.number} {self.name}"
        return f"Goal {self.number} (name to be completed)"


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    publisher: str
    published: str
    source: str
    description: str
    goals: tuple[Goal, ...]

    def goal(self, number: int) -> Goal:
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise KeyError(f"{self.name} has no goal {number}")


def _text(table: dict, key: str, where: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise FrameworkError(f"{where}: '{key}' must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise FrameworkError(f"{where}: '{key}' is missing or empty")
    return value.strip()


def parse_framework(text: str, *, origin: str = "framework") -> Framework:
    """A framework from TOML text; :class:`FrameworkError` names the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(f"{origin}: not valid TOML ({error})") from None
    unknown = set(data) - _FRAMEWORK_KEYS
    if unknown:
        raise FrameworkError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
    raw_goals = data.get("goals")
    if not isinstance(raw_goals, list) or not raw_goals:
        raise FrameworkError(f"{origin}: it needs at least one [[goals]] entry")
    goals = []
    for index, raw in enumerate(raw_goals, start=1):
        where = f"{origin}, goal entry {index}"
        unknown = set(raw) - _GOAL_KEYS
        if unknown:
            raise FrameworkError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        number = raw.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise FrameworkError(f"{where}: 'number' must be a whole number from 1")
        confirmed = raw.get("confirmed")
        if not isinstance(confirmed, bool):
            raise FrameworkError(f"{where}: 'confirmed' must be true or false")
        name = _text(raw, "name", where, required=False)
        if confirmed and not name:
            raise FrameworkError(f"{where}: a confirmed goal needs its name")
        goals.append(Goal(number=number, name=name, confirmed=confirmed,
                          description=_text(raw, "description", where, required=False),
                          source=_text(raw, "source", where, required=False)))
    numbers = [g.number for g in goals]
    if len(set(numbers)) != len(numbers):
        raise FrameworkError(f"{origin}: goal numbers repeat")
    return Framework(
        key=_text(data, "key", origin), name=_text(data, "name", origin),
        publisher=_text(data, "publisher", origin), published=_text(data, "published", origin),
        source=_text(data, "source", origin),
        description=_text(data, "description", origin, required=False),
        goals=tuple(sorted(goals, key=lambda g: g.number)))


def shipped_frameworks() -> list[str]:
    """The keys of the frameworks shipped with Upward."""
    folder = resources.files(_PACKAGE).joinpath(_FOLDER)
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                  if p.name.endswith(".toml"))


def load_framework(key: str) -> Framework:
    """A shipped framework by key (its file name without ``.toml``)."""
    if key not in shipped_frameworks():
        raise FrameworkError(f"No shipped framework '{key}'; choose from "
                             f"{', '.join(shipped_frameworks())}")
    path = resources.files(_PACKAGE).joinpath(_FOLDER).joinpath(f"{key}.toml")
    framework = parse_framework(path.read_text(encoding="utf-8"), origin=f"{key}.toml")
    if framework.key != key:
        raise FrameworkError(f"{key}.toml: its key is '{framework.key}', not '{key}'")
    return framework

"""UK workforce benchmarks for the background questions, as editable data.

The packaged file ``upward/data/classify/benchmarks.toml`` holds the figures in
the project's fact sheet. Some are flagged ``confirmed = false`` (UNCONFIRMED):
they are shipped so that a comparison can be drawn, but must be shown with that
caveat. An organisation can supply its own file with the same schema.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from os import PathLike
from typing import Any

from upward.classify._data import load_toml

__all__ = ["Benchmark", "benchmarks"]

_BENCHMARKS_FILE = "benchmarks.toml"


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Share of the UK workforce with one answer or background group.

    Attributes
    ----------
    id : str
        Identifier (``"lower"``, ``"free_school_meals"``).
    label : str
        What the share is of.
    question : str
        Id of the question the benchmark is about.
    share : float
        Proportion between 0 and 1.
    confirmed : bool
        False when the figure is UNCONFIRMED and must be shown as such.
    source : str
        Where the figure comes from.
    group : str or None
        Background group code, for benchmarks of the key question.
    options : tuple of str
        Option codes counted, for benchmarks of the other questions.
    note : str
        Caveat to show next to the figure (empty when there is none).
    """

    id: str
    label: str
    question: str
    share: float
    confirmed: bool
    source: str
    group: str | None = None
    options: tuple[str, ...] = ()
    note: str = ""


def benchmarks(path: str | PathLike[str] | None = None) -> tuple[Benchmark, ...]:
    """Load benchmarks from the packaged file or from an organisation's own.

    Parameters
    ----------
    path : path-like, optional
        A TOML file with the packaged file's schema: a top-level ``source`` and
        a ``[[benchmarks]]`` table per figure. Default: the packaged figures.

    Returns
    -------
    tuple of Benchmark

    Raises
    ------
    ValueError
        If the file lacks a source, a field, or has a share outside [0, 1] or a
        non-boolean ``confirmed``; the message names the entry and field.

    Examples
    --------
    >>> from upward.classify import benchmarks
    >>> [(b.id, b.share, b.confirmed) for b in benchmarks() if b.group]
    [('lower', 0.39, True), ('professional', 0.37, False), ('intermediate', 0.24, False)]
    """
    if path is None:
        data = load_toml(_BENCHMARKS_FILE)
        where = "packaged benchmarks"
    else:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        where = str(path)
    if not str(data.get("source", "")).strip():
        raise ValueError(f"{where}: a top-level 'source' citing the figures is required")
    return tuple(_benchmark(raw, where, i) for i, raw in enumerate(data.get("benchmarks", [])))


def _benchmark(raw: dict[str, Any], where: str, index: int) -> Benchmark:
    name = f"{where}: benchmark {raw.get('id', index)!r}"
    for required in ("id", "label", "question", "share", "confirmed", "source"):
        if required not in raw:
            raise ValueError(f"{name} has no {required!r}")
    share = raw["share"]
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise ValueError(f"{name}: share must be a number between 0 and 1, got {share!r}")
    if not isinstance(raw["confirmed"], bool):
        raise ValueError(f"{name}: confirmed must be true or false, got {raw['confirmed']!r}")
    if ("group" in raw) == ("options" in raw):
        raise ValueError(f"{name}: give exactly one of 'group' or 'options'")
    return Benchmark(
        id=raw["id"],
        label=raw["label"],
        question=raw["question"],
        share=float(share),
        confirmed=raw["confirmed"],
        source=raw["source"],
        group=raw.get("group"),
        options=tuple(raw.get("options", ())),
        note=raw.get("note", ""),
    )

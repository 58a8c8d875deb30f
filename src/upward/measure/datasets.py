"""Bundled example tables (see ``upward/data/measure/README.md`` for sources)."""

from __future__ import annotations

import csv
import io
from importlib import resources

import numpy as np


def _read(name: str) -> list[list[str]]:
    path = resources.files("upward").joinpath("data", "measure", name)
    # newline="" as the csv module asks: line endings inside fields are kept.
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _matrix(name: str) -> tuple[np.ndarray, list[str]]:
    rows = _read(name)
    labels = rows[0][1:]
    return np.array([[float(v) for v in row[1:]] for row in rows[1:]]), labels


def glass() -> np.ndarray:
    """Glass (1954) British fathers' by sons' status, 5 x 5, highest status first."""
    return _matrix("glass.csv")[0]


def hauser() -> np.ndarray:
    """Hauser (1979) US 1973 father's by son's occupation (UpNM, LoNM, UpM, LoM, Farm)."""
    return _matrix("hauser.csv")[0]


def hauser_labels() -> list[str]:
    """Class labels of :func:`hauser`."""
    return _matrix("hauser.csv")[1]


def yaish() -> np.ndarray:
    """Yaish's Israeli table as counts of shape (5 education, 7 origin, 7 destination)."""
    rows = _read("yaish.csv")[1:]
    table = np.zeros((5, 7, 7))
    for educ, orig, dest, count in rows:
        table[int(educ) - 1, int(orig) - 1, int(dest) - 1] = float(count)
    return table


def usjoin() -> tuple[list[str], list[int], np.ndarray]:
    """US state per-capita incomes: (state names, years, incomes of shape (48, 81))."""
    rows = _read("usjoin.csv")
    years = [int(year) for year in rows[0][2:]]
    names = [row[0] for row in rows[1:]]
    incomes = np.array([[float(v) for v in row[2:]] for row in rows[1:]])
    return names, years, incomes

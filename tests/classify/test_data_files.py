"""Packaged data files cite their sources; benchmarks are editable and flagged."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from upward.classify import benchmarks

if TYPE_CHECKING:
    from conftest import Reference


DATA = resources.files("upward").joinpath("data", "classify")


def _data_files() -> list[str]:
    return sorted(p.name for p in DATA.iterdir() if p.name.endswith(".toml"))


def test_the_expected_data_files_are_packaged() -> None:
    assert _data_files() == [
        "background_groups.toml",
        "benchmarks.toml",
        "nssec.toml",
        "questions.toml",
        "soc2020_major_groups.toml",
    ]


@pytest.mark.parametrize("name", _data_files())
def test_every_data_file_cites_its_source(name: str) -> None:
    data = tomllib.loads(DATA.joinpath(name).read_text(encoding="utf-8"))
    source = data.get("source", "")
    assert len(source) > 40, f"{name} has no real source citation"
    assert re.search(r"Social Mobility|Office for National Statistics|Labour Force", source)
    assert "smc-measurement.md" in source  # and the fact sheet it was transcribed from


def test_benchmarks_match_the_reference_and_flag_unconfirmed(reference: Reference) -> None:
    text = reference.section("Benchmarks (UK workforce, Labour Force Survey)")
    by_id = {b.id: b for b in benchmarks()}
    lower = re.search(r"Lower socio-economic background: (\d+)%", text)
    assert lower and by_id["lower"].share == int(lower.group(1)) / 100
    assert by_id["lower"].confirmed
    unconfirmed = re.search(r"Professional ≈ (\d+)%, intermediate ≈ (\d+)%: UNCONFIRMED", text)
    assert unconfirmed
    for bid, figure in (
        ("professional", unconfirmed.group(1)),
        ("intermediate", unconfirmed.group(2)),
    ):
        assert by_id[bid].share == int(figure) / 100
        assert by_id[bid].confirmed is False
        assert "UNCONFIRMED" in by_id[bid].note
    independent = re.search(r"([\d.]+)% attended independent schools", text)
    meals = re.search(r"about (\d+)% were eligible for free school meals", text)
    assert independent and meals
    assert by_id["independent_school"].share == pytest.approx(float(independent.group(1)) / 100)
    assert by_id["free_school_meals"].share == pytest.approx(int(meals.group(1)) / 100)


def test_an_organisation_can_replace_the_benchmarks(tmp_path: Path) -> None:
    own = tmp_path / "benchmarks.toml"
    own.write_text(
        'source = "Our 2024 sector survey"\n'
        '[[benchmarks]]\nid = "lower"\nlabel = "Lower"\nquestion = "main_earner_occupation"\n'
        'group = "lower"\nshare = 0.41\nconfirmed = true\nsource = "Sector survey, table 3"\n'
    )
    (only,) = benchmarks(own)
    assert (only.id, only.share, only.confirmed) == ("lower", 0.41, True)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[benchmarks]]\nid = "x"\n', "'source'"),
        (
            'source = "s"\n[[benchmarks]]\nid = "x"\nlabel = "x"\nquestion = "q"\nshare = 1.5\n'
            'confirmed = true\nsource = "s"\ngroup = "lower"\n',
            "between 0 and 1",
        ),
        (
            'source = "s"\n[[benchmarks]]\nid = "x"\nlabel = "x"\nquestion = "q"\nshare = 0.5\n'
            'confirmed = "yes"\nsource = "s"\ngroup = "lower"\n',
            "true or false",
        ),
        (
            'source = "s"\n[[benchmarks]]\nid = "x"\nlabel = "x"\nquestion = "q"\nshare = 0.5\n'
            'source = "s"\ngroup = "lower"\n',
            "no 'confirmed'",
        ),
        (
            'source = "s"\n[[benchmarks]]\nid = "x"\nlabel = "x"\nquestion = "q"\nshare = 0.5\n'
            'confirmed = false\nsource = "s"\n',
            "exactly one of 'group' or 'options'",
        ),
    ],
)
def test_a_bad_benchmarks_file_is_refused_with_the_reason(
    tmp_path: Path, body: str, message: str
) -> None:
    own = tmp_path / "benchmarks.toml"
    own.write_text(body)
    with pytest.raises(ValueError, match=message):
        benchmarks(own)


def test_the_libraries_never_import_django() -> None:
    code = (
        "import sys, upward.classify, upward.reports.disclosure; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'pandas')); "
        "assert not loaded, loaded"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

"""``upward insights``: workforce insights from an HR file, without the web app.

The same reader (:mod:`upward.reports.hr_file`), analysis and disclosure
control (:mod:`upward.reports.workforce`) and report (:mod:`upward.reports.html_report`)
as the dashboard. Background answers come from the file's own columns. Data
go to stdout (rich tables on a terminal, ``--format json`` otherwise), the
report to ``-o``; progress and messages go to stderr, the bar only on a
terminal.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from upward.cli import display
from upward.reports.disclosure import DEFAULT_K

__all__ = ["insights"]


class Output(StrEnum):
    table = "table"
    json = "json"


SUMMARY_TABLES = ("background_profile", "representation_by_grade", "pay_gap",
                  "promotion_rates", "attrition_rates")


def _fail(message: str, fix: str, details: list[str] | None = None) -> typer.Exit:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for line in details or []:
        err.print(f"  {line}", markup=False)
    err.print(f"Error: {message} — {fix}", markup=False)
    return typer.Exit(1)


def insights(
    file: Path = typer.Argument(..., help="HR snapshot, CSV or XLSX, one row per person."),
    snapshot_date: str = typer.Option(
        None, "--snapshot-date", "-d", metavar="YYYY-MM-DD",
        help="Date the data describes (default: today). Promotions and leavers are counted "
             "in the 12 months before it."),
    output: Path = typer.Option(None, "--output", "-o", help="Write the HTML report here."),
    k: int = typer.Option(DEFAULT_K, "--k", help="Disclosure threshold: cells of fewer than k "
                                                  "people are suppressed (at least 5)."),
    ignore: list[str] = typer.Option([], "--ignore", help="A column to leave out (repeatable)."),
    grade_order: str = typer.Option("", "--grade-order",
                                    help="Grades from most junior to most senior, "
                                         "comma-separated (default: sorted by name)."),
    fmt: Output = typer.Option(None, "--format", "-f",
                               help="stdout format: table (default on a terminal) or json."),
) -> None:
    """Workforce insights by socio-economic background from an HR file, every figure suppressed.

    Example: upward insights hr-2025.csv --snapshot-date 2025-03-31 -o report.html
    """
    from upward.reports.hr_file import HrFileError, read_hr_file
    from upward.reports.html_report import render_report
    from upward.reports.workforce import analyse

    try:
        day = date.fromisoformat(snapshot_date) if snapshot_date else date.today()
    except ValueError:
        raise _fail(f"--snapshot-date {snapshot_date!r} is not a date",
                    "give it as YYYY-MM-DD, e.g. 2025-03-31") from None
    if k < 5:
        raise _fail(f"--k {k} is too small", "use 5 or more: smaller groups can identify people")
    if not file.is_file():
        raise _fail(f"{file} does not exist or is not a file", "check the path")
    if output is not None and output.is_dir():
        raise _fail(f"{output} is a directory", "give a file name, e.g. -o report.html")
    grades = [g.strip() for g in grade_order.split(",") if g.strip()] or None
    fmt = fmt or (Output.table if sys.stdout.isatty() else Output.json)

    err = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Reading and checking the file", total=3)
        try:
            snapshot = read_hr_file(file, snapshot_date=day, ignore=ignore, grade_order=grades)
        except HrFileError as error:
            shown = [str(p) for p in error.problems[:20]]
            if error.total > len(shown):
                shown.append(f"… and {error.total - len(shown):,} more")
            raise _fail(f"{file.name} cannot be read: {error.total:,} problem(s)",
                        "fix them in the file and run again", shown) from None
        bar.update(task, advance=1, description="Analysing")
        result = analyse(snapshot, k=k)
        bar.update(task, advance=1, description="Writing")
        if output is not None:
            try:
                output.write_text(render_report(result), encoding="utf-8")
            except OSError as error:
                raise _fail(f"cannot write {output}: {error.strerror}",
                            "choose another path") from None
        bar.update(task, advance=1)

    if fmt is Output.json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _show(result, file.name)
    if output is not None:
        err.print(f"Wrote the report to {output}.")


def _abbreviations(k: int) -> dict[str, str]:
    """Short forms for the terminal when a wide table (background by grade) would not
    otherwise fit: the backgrounds and the disclosure-control cells."""
    return {
        "Professional": "Prof.",
        "Intermediate": "Inter.",
        "Lower socio-economic": "Lower",
        "Not classified or no answer": "Not known",
        "Lower as % of classified": "Lower %",
        "Response rate": "Resp. rate",
        f"fewer than {k}": f"<{k}",
        "suppressed": "supp.",
        "not published": "n/p",
    }


def _show(result, name: str) -> None:
    """The terminal's view: who the figures are about, then the summary tables as the
    report shows them (labels, not codes; cells already rounded and suppressed), each
    with its notes."""
    out = display.console()
    headcount, response = result.key.get("headcount"), result.key.get("response_rate")
    about = f"{name}, snapshot {result.snapshot_date:%Y-%m-%d}: "
    about += (f"{display.count(headcount)} people" if headcount is not None
              else "headcount not published")
    if response is not None:
        about += f", {display.percent(response)} with a classified background answer"
    out.print(about + f". Cells of fewer than {result.k} people are suppressed.", markup=False)
    for table_id in SUMMARY_TABLES:
        try:
            table = result.table(table_id)
        except KeyError:
            continue
        out.print(display.table(table.title, table.columns, table.to_rows()[1:],
                                caption=" ".join(table.notes) or None,
                                abbreviations=_abbreviations(result.k)))
    for section in result.sections:
        if section.withheld:
            out.print(f"{section.title}: {section.withheld}", markup=False)

"""``upward schools``: the schools register from the DfE's "Get Information about Schools".

``upward schools import FILE`` reads a GIAS CSV into the web app's database (the same
service as the web app: idempotent by URN, closed schools kept and marked, bad rows
reported and skipped, a bad file changing nothing). The progress bar (rows) goes to
stderr on a terminal; the summary to stdout, a table or ``--format json``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["app"]

app = typer.Typer(help="The schools register (DfE Get Information about Schools).",
                  no_args_is_help=True)
SHOWN_PROBLEMS = 20


class Output(StrEnum):
    table = "table"
    json = "json"


def _fail(message: str, fix: str) -> typer.Exit:
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"Error: {message} — {fix}", markup=False)
    return typer.Exit(1)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="The GIAS establishment CSV (edubasealldata…csv)."),
    fmt: Output = typer.Option(None, "--format", "-f",
                               help="stdout format: table (default on a terminal) or json."),
) -> None:
    """Import or update schools from a GIAS CSV (Windows-1252 or UTF-8).

    Schools are matched by URN: a re-import changes only what changed, schools missing
    from the file are kept and closed schools are marked, not deleted. Bad rows are
    listed and skipped; a file missing a required column changes nothing.

    Example: upward schools import edubasealldata20261204.csv
    """
    if not file.is_file():
        raise _fail(f"{file} does not exist or is not a file", "check the path")
    try:
        content = file.read_bytes()
    except OSError as error:
        raise _fail(f"cannot read {file}: {error.strerror}", "check its permissions") from None
    fmt = fmt or (Output.table if sys.stdout.isatty() else Output.json)

    from upward.cli.main import _django

    _django()
    from upward.web.core.errors import ApplicationError
    from upward.web.outreach.services import schools_import

    err = Console(stderr=True)
    total = max(content.count(b"\n") - 1, 1)  # a close estimate of the rows, for the bar
    with Progress(TextColumn("Importing schools"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task("rows", total=total)
        try:
            report = schools_import(actor=None, content=content, source_name=file.name,
                                    progress=lambda rows: bar.update(task, completed=rows))
        except ApplicationError as error:
            message = str(error).removeprefix(f"{file.name}: ")
            what, _, fix = message.partition(" — ")
            raise _fail(f"{file.name}: {what}", fix or "check the file") from None

    if fmt is Output.json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    out = Console(highlight=False, soft_wrap=True)
    table = Table(title=f"Schools imported from {file.name}")
    table.add_column("Rows read", justify="right")
    for heading in ("Created", "Updated", "Unchanged", "Closed", "Failed"):
        table.add_column(heading, justify="right")
    table.add_row(*(f"{n:,}" for n in (report.rows_read, report.created, report.updated,
                                       report.unchanged, report.closed, report.failed)))
    out.print(table)
    for problem in report.problems[:SHOWN_PROBLEMS]:
        out.print(f"  {problem}", markup=False)
    if len(report.problems) > SHOWN_PROBLEMS:
        out.print(f"  … and {len(report.problems) - SHOWN_PROBLEMS:,} more", markup=False)
    out.print(f"{report.rows_read:,} rows read: {report.created:,} created, "
              f"{report.updated:,} updated, {report.unchanged:,} unchanged, "
              f"{report.closed:,} closed, {report.failed:,} skipped with problems.",
              markup=False)

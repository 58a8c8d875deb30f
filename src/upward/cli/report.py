"""``upward report``: the annual social mobility impact report as PDF or HTML.

Creates a snapshot of the year's figures (as **Generate a report** does in the app) or,
with ``--snapshot ID``, re-renders an existing one — the same snapshot always gives the
same numbers. The format follows the output's extension (``.pdf`` or ``.html``).
Progress and messages go to stderr (the bar only on a terminal); the snapshot's id and
content hash are printed to stdout.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["report"]

FORMATS = (".pdf", ".html")


def _fail(message: str, fix: str) -> typer.Exit:
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"Error: {message} — {fix}", markup=False)
    return typer.Exit(1)


def report(
    output: Path = typer.Option(..., "--output", "-o",
                                help="Where to write the report: a .pdf or .html file."),
    year: int = typer.Option(None, "--year", "-y",
                             help="The calendar year to report on (creates a snapshot)."),
    snapshot_id: int = typer.Option(None, "--snapshot", "-s",
                                    help="Re-render this existing snapshot instead."),
    foreword: str = typer.Option("", "--foreword", help="Foreword of a new snapshot."),
) -> None:
    """Write the annual impact report for a year, as PDF or HTML.

    Example: upward report --year 2026 -o report.pdf
    """
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise _fail(f"cannot tell the format of {output.name}",
                    "end the file name in .pdf or .html, e.g. -o report.pdf")
    if output.is_dir():
        raise _fail(f"{output} is a directory", "give a file name, e.g. -o report.pdf")
    if not output.parent.exists():
        raise _fail(f"the folder {output.parent} does not exist",
                    "create it or write the report somewhere else")
    if (year is None) == (snapshot_id is None):
        raise _fail("say which report to write",
                    "give either --year YEAR (a new snapshot) or --snapshot ID")

    from upward.cli.main import _django

    _django()
    from upward.reports.annual import render_annual_report
    from upward.reports.pdf import annual_report_pdf
    from upward.web.core.errors import ApplicationError
    from upward.web.impact.selectors.report import snapshot_document, snapshot_get
    from upward.web.impact.services.report import report_snapshot_create

    err = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Collecting the figures", total=3)
        if snapshot_id is not None:
            snapshot = snapshot_get(snapshot_id)
            if snapshot is None:
                raise _fail(f"there is no report snapshot {snapshot_id}",
                            "see the snapshots under Impact and reporting → Annual reports")
        else:
            try:
                snapshot = report_snapshot_create(actor=None, year=year, foreword=foreword)
            except ApplicationError as error:
                raise _fail(f"no report for {year}", error.message) from None
        bar.update(task, advance=1, description="Writing the HTML")
        document = snapshot_document(snapshot)
        html = "" if suffix == ".pdf" else render_annual_report(document)
        bar.update(task, advance=1, description="Laying out the PDF" if suffix == ".pdf"
                   else "Saving")
        data = annual_report_pdf(document) if suffix == ".pdf" else html.encode("utf-8")
        try:
            output.write_bytes(data)
        except OSError as error:
            raise _fail(f"cannot write {output}: {error.strerror}",
                        "choose a place you may write to") from None
        bar.update(task, advance=1)
    err.print(f"Wrote the {snapshot.year} report to {output} ({len(data):,} bytes).",
              highlight=False)
    typer.echo(f"snapshot {snapshot.pk} sha256 {snapshot.content_hash}")

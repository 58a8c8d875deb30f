"""``upward measure``: mobility statistics from a CSV or Parquet file.

Thin commands over :mod:`upward.measure`. Data go to stdout (a rich table on a
terminal, ``--format json|csv`` otherwise); messages and the bootstrap progress
bar go to stderr, the bar only on a terminal.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import typer
from rich.console import Console

from upward.cli import display
from upward.measure import MobilityTable, income_mobility, unidiff
from upward.measure.exceptions import MeasureWarning
from upward.measure.income import ROBUST
from upward.measure.income import SCALARS as INCOME_SCALARS
from upward.measure.indices import SCALARS as INDEX_SCALARS
from upward.measure.loglinear import MODELS
from upward.measure.results import plain
from upward.measure.tables import RATES, crosstab, numeric_codes

app = typer.Typer(
    help="Measure social mobility from paired parent/child data: class tables and incomes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class UserError(Exception):
    """A mistake the user can fix; printed as ``Error: <what> — <how to fix>``."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what, self.fix = what, fix


@contextmanager
def _user_errors(fix: str) -> Iterator[None]:
    """Turn library ValueError/TypeError into a one-line error and exit code 1.

    The library's warnings (a fit that did not converge, cells fitted at zero,
    a statistic that is NaN) become ``Warning: <message>`` lines on stderr.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MeasureWarning)
        try:
            yield
        except UserError as exc:
            typer.echo(f"Error: {exc.what} — {exc.fix}", err=True)
            raise typer.Exit(1) from None
        except (ValueError, TypeError) as exc:
            typer.echo(f"Error: {exc} — {fix}", err=True)
            raise typer.Exit(1) from None
        finally:
            _report_warnings(caught)


def _report_warnings(caught: list[warnings.WarningMessage]) -> None:
    seen = set()
    for item in caught:
        if not issubclass(item.category, MeasureWarning):
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
            continue
        text = str(item.message)
        if text not in seen:
            seen.add(text)
            typer.echo(f"Warning: {text}", err=True)


# ----------------------------------------------------------------------------- input


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in {".parquet", ".pq"}


def _column_names(path: Path) -> list[str]:
    if _is_parquet(path):
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle), [])


class Columns(dict):
    """The columns read, by name, with what reading left out: ``dropped`` rows had an
    empty value in a column used (``empty`` counts them by column), of ``total``."""

    total: int = 0
    dropped: int = 0
    empty: dict[str, int]


def read_columns(path: Path, columns: Sequence[str]) -> Columns:
    """Read the named columns of a CSV or Parquet file as numpy arrays.

    Rows with an empty value in any of the columns are left out: see ``Columns.dropped``
    and :func:`report_dropped`.
    """
    if not path.is_file():
        raise UserError(f"cannot find the file {path}", "check the path")
    try:
        available = _column_names(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a user error here
        raise UserError(f"cannot read {path}: {exc}", "give a CSV or Parquet file") from None
    for name in columns:
        if name not in available:
            shown = ", ".join(available[:20]) or "(none)"
            raise UserError(
                f"column {name!r} is not in {path.name}", f"available columns: {shown}"
            )
    wanted = list(dict.fromkeys(columns))
    try:
        if _is_parquet(path):
            import pyarrow.parquet as pq

            table = pq.read_table(path, columns=wanted)
        else:
            import pyarrow.csv as pacsv

            table = pacsv.read_csv(
                path, convert_options=pacsv.ConvertOptions(
                    include_columns=wanted, strings_can_be_null=True)
            )
    except Exception as exc:  # noqa: BLE001
        raise UserError(f"cannot read {path}: {exc}", "check the file's format") from None
    import pyarrow.compute as pc

    out = Columns()
    out.total = table.num_rows
    out.empty = {name: table.column(name).null_count for name in wanted
                 if table.column(name).null_count}
    if out.empty:
        missing = None
        for name in out.empty:
            column_missing = pc.is_null(table.column(name))
            missing = column_missing if missing is None else pc.or_(missing, column_missing)
        table = table.filter(pc.invert(missing))
        out.dropped = out.total - table.num_rows
    for name in wanted:
        out[name] = table.column(name).to_numpy()
    return out


def report_dropped(data: Columns) -> None:
    """Say on stderr how many rows were left out for an empty value, and in which columns."""
    if not data.dropped:
        return
    where = ", ".join(f"{name!r} ({n:,})" for name, n in data.empty.items())
    typer.echo(
        f"Note: left out {data.dropped:,} of {data.total:,} rows with an empty value in {where}; "
        f"used {data.total - data.dropped:,}.",
        err=True,
    )


def read_counts_matrix(path: Path) -> tuple[np.ndarray, list[str], list[str]]:
    """A matrix CSV: header row of destination labels, first column origin labels."""
    if not path.is_file():
        raise UserError(f"cannot find the file {path}", "check the path")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle) if row]
    fix = "--counts expects a header row of destination labels and one row per origin"
    if len(rows) < 3:
        raise UserError(f"{path.name} has fewer than two rows of counts", fix)
    columns = rows[0][1:]
    labels, values = [], []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(columns) + 1:
            raise UserError(
                f"row {number} of {path.name} has {len(row) - 1} counts, not {len(columns)}", fix
            )
        labels.append(row[0])
        try:
            values.append([float(v) for v in row[1:]])
        except ValueError:
            raise UserError(f"row {number} of {path.name} has a non-numeric count", fix) from None
    return np.array(values), labels, columns


# ----------------------------------------------------------------------------- output


def _format(value: OutputFormat | None) -> OutputFormat:
    if value is not None:
        return value
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.json


def _nan(value: Any) -> Any:
    """JSON's null (a NaN statistic) back to NaN for the CSV and terminal tables."""
    return float("nan") if value is None else value


def _write_csv(rows: list[list[Any]]) -> None:
    """CSV on stdout; a cell a spreadsheet would run as a formula is written as text."""
    from upward.reports.csv_export import write_csv

    typer.echo(write_csv(rows, lineterminator="\n"), nl=False)


# What people read on a terminal; JSON and CSV keep the library's names.
RATE_LABELS = {
    "immobile": "Immobile (same class)",
    "upward": "Upward",
    "downward": "Downward",
    "mobile": "Mobile (all moves)",
    "structural": "Structural (forced by margins)",
    "circulation": "Circulation (exchange)",
}
INDEX_LABELS = {
    "shorrocks": "Shorrocks",
    "determinant": "Determinant",
    "determinant_rooted": "Determinant (rooted)",
    "eigenvalue": "Second eigenvalue",
    "bartholomew": "Bartholomew",
    "bartholomew_diagonal": "Bartholomew (diagonal)",
}
MODEL_LABELS = {
    "independence": "Independence",
    "quasi_independence": "Quasi-independence",
    "uniform_association": "Uniform association",
    "uniform_association_diagonal": "Uniform association + diagonal",
    "row_effects": "Row effects",
    "rc1": "RC(1)",
    "rc1_diagonal": "RC(1) + diagonal",
    "homogeneous_rc_diagonal": "Homogeneous RC + diagonal",
    "symmetry": "Symmetry",
    "quasi_symmetry": "Quasi-symmetry",
}
INCOME_LABELS = {
    "ige": "Intergenerational elasticity (IGE)",
    "rank_slope": "Rank-rank slope",
    "rank_intercept": "Rank-rank intercept",
    "absolute_upward": "Absolute upward mobility (rank)",
    "bottom_to_top": "Bottom to top quantile",
}


def _split_models(models: list[str] | None) -> list[str] | None:
    if not models:
        return None
    names = [name.strip() for item in models for name in item.split(",") if name.strip()]
    unknown = [name for name in names if name not in MODELS]
    if unknown:
        raise UserError(f"unknown model {unknown[0]!r}", f"choose from {', '.join(MODELS)}")
    return names


# ----------------------------------------------------------------------------- table


@app.command("table")
def table_command(
    file: Path = typer.Argument(
        ..., help="CSV or Parquet file of pairs (or a matrix with --counts)."
    ),
    origin: str | None = typer.Option(None, "--origin", help="Column of the parent's class."),
    destination: str | None = typer.Option(
        None, "--destination", help="Column of the person's own class."
    ),
    weight: str | None = typer.Option(None, "--weight", help="Column of survey weights."),
    layer: str | None = typer.Option(
        None, "--layer", help="Column splitting the data into tables compared by Unidiff."
    ),
    models: list[str] | None = typer.Option(
        None, "--models", help="Model(s) to fit, repeated or comma-separated (default: all)."
    ),
    categories: str | None = typer.Option(
        None, "--categories", help="Comma-separated classes, highest status first."
    ),
    counts: bool = typer.Option(
        False, "--counts", help="FILE is a matrix: header of destinations, a row per origin."
    ),
    output: OutputFormat | None = typer.Option(
        None, "--format", help="table (default on a terminal), json (default otherwise) or csv."
    ),
) -> None:
    """Summarise a mobility table: absolute rates, indices and log-linear models.

    Example: upward measure table pairs.csv --origin father_class --destination class --models rc1,quasi_symmetry
    """  # noqa: E501 - one line in --help
    fix = "check the --origin/--destination/--weight columns and options (see --help)"
    with _user_errors(fix):
        chosen = _split_models(models)
        if counts:
            if origin or destination or weight or layer:
                raise UserError(
                    "--counts reads a matrix, so it takes no column options",
                    "drop --origin/--destination/--weight/--layer",
                )
            matrix, labels, columns = read_counts_matrix(file)
            table = MobilityTable(matrix, labels=labels, column_labels=columns)
            _print_table_report(table, chosen, _format(output))
            return
        if not origin or not destination:
            raise UserError(
                "--origin and --destination are required for a file of pairs",
                "name both columns, or pass --counts for a matrix of counts",
            )
        names = [origin, destination] + [c for c in (weight, layer) if c]
        data = read_columns(file, names)
        report_dropped(data)
        cats = [c.strip() for c in categories.split(",")] if categories else None
        if cats is not None:
            cats = _match_category_types(cats, data[origin])
        elif not layer:  # Unidiff does not depend on the order of the classes
            _require_order(data[origin], data[destination], origin, destination)
        weights = data[weight] if weight else None
        if layer:
            layered, axes, _ = crosstab(
                [data[layer], data[origin], data[destination]],
                [layer, origin, destination],
                weights,
                [None, cats, cats],
            )
            result = unidiff(layered, layer_labels=[str(a) for a in axes[0]])
            _print_unidiff(result, _format(output), layered.sum(axis=(1, 2)))
            return
        table = MobilityTable.from_pairs(
            data[origin], data[destination], weights=weights, categories=cats
        )
        weighted_rows = len(weights) if weights is not None else None
        _print_table_report(table, chosen, _format(output), weighted_rows)


def _require_order(origin: np.ndarray, destination: np.ndarray, o_name: str, d_name: str) -> None:
    """Classes given as text have no order we can know: ask for it.

    Absolute rates (upward/downward), the indices and the ordered models depend
    on the order of the classes; sorting text would order them alphabetically.
    """
    if numeric_codes(origin) and numeric_codes(destination):
        return
    found = sorted({str(v) for v in np.concatenate([origin, destination]).tolist()})
    shown = ", ".join(found[:12]) + (", …" if len(found) > 12 else "")
    raise UserError(
        f"the classes in {o_name!r} and {d_name!r} are text ({shown}), so their order is unknown "
        "and upward/downward mobility and the ordered models would be wrong",
        "give --categories with every class, highest status first, e.g. "
        "--categories Professional,Intermediate,Working (or use numeric codes, 1 = highest)",
    )


def _match_category_types(categories: list[str], sample: np.ndarray) -> list[Any]:
    if sample.dtype.kind in "iuf":
        try:
            return [float(c) if sample.dtype.kind == "f" else int(c) for c in categories]
        except ValueError:
            raise UserError(
                "--categories must be numbers for a numeric column", "list the codes, e.g. 1,2,3"
            ) from None
    return categories


def _table_report(table: MobilityTable, models: list[str] | None) -> dict[str, Any]:
    report: dict[str, Any] = {
        "n": table.n,
        "labels": list(table.labels),
        "counts": plain(table.counts),
    }
    square = table.counts.shape[0] == table.counts.shape[1]
    if square:
        rates = table.absolute_rates()
        report["absolute_rates"] = {name: getattr(rates, name) for name in RATES}
        idx = table.indices()
        report["indices"] = {name: getattr(idx, name) for name in INDEX_SCALARS}
        report["indices"]["prais"] = plain(idx.prais)
        report["indices"]["steady_state"] = plain(idx.steady_state)
    comparison = table.fit_all(models)
    report["models"] = [
        {
            "model": f.model,
            "g2": f.g2,
            "x2": f.x2,
            "df": f.df,
            "df_adjusted": f.df_adjusted,
            "p_value": plain(f.p_value),
            "bic": f.bic,
            "dissimilarity": f.dissimilarity,
            "converged": f.converged,
            "boundary": f.boundary,
            "status": f.status,
        }
        for f in comparison.fits
    ]
    return report


def _print_table_report(table: MobilityTable, models: list[str] | None, fmt: OutputFormat,
                        weighted_rows: int | None = None) -> None:
    report = _table_report(table, models)
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(report, indent=2))
        return
    model_columns = [
        "model", "g2", "x2", "df", "df_adjusted", "p_value", "bic", "dissimilarity", "status"
    ]
    if fmt is OutputFormat.csv:
        rows: list[list[Any]] = [["section", "statistic", "value"], ["table", "n", report["n"]]]
        for section in ("absolute_rates", "indices"):
            for name, value in report.get(section, {}).items():
                if not isinstance(value, list):
                    rows.append([section, name, value])
        for fit in report["models"]:
            rows += [[f"model:{fit['model']}", key, fit[key]] for key in model_columns[1:]]
        _write_csv(rows)
        return
    _show_table_report(table, report, weighted_rows)


def _show_table_report(table: MobilityTable, report: dict[str, Any],
                       weighted_rows: int | None) -> None:
    """The terminal's view: the observed table, rates with the people they count,
    indices and models, labelled and rounded. With weights, counts are weighted (rounded
    to whole people) and the title says how many rows they come from."""
    out = display.console()
    n = report["n"]
    rows_note = f", weighted, from {weighted_rows:,} rows" if weighted_rows is not None else ""
    counts = table.counts
    columns = table.column_labels or table.labels
    out.print(display.table(
        f"Observed table (N = {display.count(n)}{rows_note}): origin by destination",
        ["Origin", *columns, "Total"],
        [[label, *map(display.count, row), display.count(row.sum())]
         for label, row in zip(table.labels, counts, strict=True)]
        + [["Total", *map(display.count, counts.sum(axis=0)), display.count(n)]],
    ))
    if "absolute_rates" in report:
        out.print(display.table(
            "Absolute mobility rates", ["Rate", "People", "Share"],
            [[RATE_LABELS[name], display.count(_nan(value) * n), display.percent(_nan(value))]
             for name, value in report["absolute_rates"].items()],
        ))
        out.print(display.table(
            "Mobility indices", ["Index", "Value"],
            [[INDEX_LABELS[name], display.coefficient(_nan(value))]
             for name, value in report["indices"].items() if name in INDEX_LABELS],
        ))
    rows = [
        [MODEL_LABELS[fit["model"]], display.statistic(_nan(fit["g2"])),
         str(fit["df"]) + (f" ({fit['df_adjusted']})" if fit["df_adjusted"] != fit["df"] else ""),
         display.p_value(_nan(fit["p_value"])), display.statistic(_nan(fit["bic"])),
         display.percent(_nan(fit["dissimilarity"])),
         "" if fit["status"] == "converged" else fit["status"]]
        for fit in report["models"]
    ]
    header = ["Model", "G²", "df", "p", "BIC", "Misfit", "Fit"]
    caption = "Misfit: share of cases the model misplaces (dissimilarity index)."
    if any(fit["df_adjusted"] != fit["df"] for fit in report["models"]):
        caption += (" df (in brackets): adjusted for cells fitted at zero "
                    "(Bishop-Fienberg-Holland).")
    if any(fit["status"] == "boundary" for fit in report["models"]):
        caption += " boundary: converged with some cells fitted at zero."
    if not any(row[-1] for row in rows):
        header, rows = header[:-1], [row[:-1] for row in rows]
    out.print(display.table(f"Log-linear models (N = {display.count(n)})", header, rows,
                            text_columns={6}, caption=caption))


def _print_unidiff(result: Any, fmt: OutputFormat, layer_counts: Any = None) -> None:
    report = {
        key: value
        for key, value in result.to_dict().items()
        if key not in ("fitted", "association", "zero_fitted")
    }
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(report, indent=2))
        return
    if fmt is OutputFormat.csv:
        rows: list[list[Any]] = [["layer", "layer_effect", "se"]]
        rows += [
            [label, effect, se]
            for label, effect, se in zip(
                report["layer_labels"], report["layer_effects"], report["se"], strict=True
            )
        ]
        _write_csv(rows)
        return
    out = display.console()
    adjusted = (f" (adjusted df {result.df_adjusted})"
                if result.df_adjusted != result.df else "")
    caption = (f"Fit: G² {display.statistic(result.g2)} on {result.df} df{adjusted}; "
               f"constant association: G² {display.statistic(result.constant_g2)} on "
               f"{result.constant_df} df."
               + ("" if result.converged else " The fit did NOT converge."))
    layer_n = list(layer_counts) if layer_counts is not None else [None] * len(result.layer_labels)
    out.print(display.table(
        f"Unidiff: association by layer (N = {display.count(result.n)})",
        ["Layer", "People", "Effect (log)", "SE", "Relative association"],
        [[str(label), display.count(people), display.coefficient(effect),
          display.coefficient(se), display.coefficient(math.exp(effect))]
         for label, people, effect, se in zip(result.layer_labels, layer_n,
                                              result.layer_effects, result.se, strict=True)],
        caption=caption + " Relative association: exp(effect), 1 for the first layer.",
    ))


# ----------------------------------------------------------------------------- income


@app.command("income")
def income_command(
    file: Path = typer.Argument(..., help="CSV or Parquet file, one row per parent/child pair."),
    parent: str = typer.Option(..., "--parent", help="Column of parents' incomes."),
    child: str = typer.Option(..., "--child", help="Column of children's incomes."),
    weight: str | None = typer.Option(None, "--weight", help="Column of survey weights."),
    quantiles: int = typer.Option(5, "--quantiles", help="Rank classes of the transition matrix."),
    zero_income: str = typer.Option(
        "drop", "--zero-income", help="IGE policy for zero incomes: drop, recode or poisson."
    ),
    bootstrap: int = typer.Option(0, "--bootstrap", help="Bootstrap replicates for intervals."),
    seed: int | None = typer.Option(None, "--seed", help="Seed making the bootstrap repeatable."),
    output: OutputFormat | None = typer.Option(
        None, "--format", help="table (default on a terminal), json (default otherwise) or csv."
    ),
) -> None:
    """Income mobility: IGE, rank-rank slope, absolute upward mobility, quantile transitions.

    Example: upward measure income pairs.parquet --parent parent_income --child child_income --bootstrap 200 --seed 1
    """  # noqa: E501 - one line in --help
    fix = "check the --parent/--child/--weight columns and options (see --help)"
    with _user_errors(fix):
        names = [parent, child] + ([weight] if weight else [])
        data = read_columns(Path(file), names)
        report_dropped(data)
        for name in names:
            if data[name].dtype.kind not in "iuf":
                raise UserError(f"column {name!r} is not numeric", "give a column of amounts")
        result = _run_income(data, parent, child, weight, quantiles, zero_income, bootstrap, seed)
    _print_income(result, _format(output))


def _run_income(data, parent, child, weight, quantiles, zero_income, bootstrap, seed):
    kwargs = dict(
        weights=data[weight] if weight else None,
        quantiles=quantiles,
        zero_income=zero_income,
        bootstrap=bootstrap,
        seed=seed,
    )
    if bootstrap and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("bootstrap", total=bootstrap)
            return income_mobility(
                data[parent], data[child], **kwargs,
                progress=lambda done, total: bar.update(task, completed=done),
            )
    return income_mobility(data[parent], data[child], **kwargs)


def _print_income(result: Any, fmt: OutputFormat) -> None:
    report = result.to_dict()
    intervals = result.conf_int() if result.bootstrap else None
    if intervals is not None:
        report["conf_int"] = {name: list(bounds) for name, bounds in plain(intervals).items()}
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(report, indent=2))
        return
    values = [(name, report[name]) for name in INCOME_SCALARS]
    values += [(name, report["indices"][name]) for name in INDEX_SCALARS]
    header = ["statistic", "value", "se"] + (["lower", "upper"] if intervals else [])
    rows = [
        [name, _nan(value), _nan(report["se"][name]) if name in ROBUST else "",
         *(intervals[name] if intervals else ())]
        for name, value in values
    ]
    if fmt is OutputFormat.csv:
        _write_csv([header, ["n", report["n"], *([""] * (len(header) - 2))], *rows])
        return
    _show_income(result, report, intervals)


def _show_income(result: Any, report: dict[str, Any], intervals: Any) -> None:
    """The terminal's view: labelled, rounded, with the pairs each statistic used."""
    out = display.console()
    # Ranks are 0-100 and bottom_to_top a probability: each rounded the way it reads.
    shown = {"rank_intercept": display.statistic, "absolute_upward": display.statistic,
             "bottom_to_top": display.percent}
    header = ["Statistic", "Value", "SE"] + (["95% CI low", "95% CI high"] if intervals else [])
    rows = []
    values = [(name, INCOME_LABELS[name], report[name]) for name in INCOME_SCALARS]
    values += [(name, INDEX_LABELS[name], report["indices"][name]) for name in INDEX_SCALARS]
    for name, label, value in values:
        fmt = shown.get(name, display.coefficient)
        rows.append([label, fmt(_nan(value)),
                     display.coefficient(report["se"][name]) if name in ROBUST else "",
                     *(map(fmt, intervals[name]) if intervals else ())])
    dropped = result.n - result.n_ige
    caption = ""
    if dropped:
        caption = (f"The IGE uses {result.n_ige:,} pairs: {dropped:,} with a zero income left "
                   f"out (--zero-income {result.zero_income}). ")
    caption += ("Ranks are percentiles (0-100); absolute upward mobility is the expected rank "
                "of children whose parents are at the 25th percentile.")
    out.print(display.table(f"Income mobility (n = {result.n:,} pairs)", header, rows,
                            caption=caption))
    labels = [f"Q{i + 1}" for i in range(result.quantiles)]
    out.print(display.table(
        "Transition matrix: % of each parent quantile (rows, bottom first) "
        "in each child quantile",
        ["Parent", *labels],
        [[labels[i], *map(display.percent, result.transition[i])]
         for i in range(result.quantiles)],
    ))

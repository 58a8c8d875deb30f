"""`upward measure` through typer's CliRunner: exit codes and exact output."""

import csv
import io
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from upward.cli.measure import app
from upward.measure import MobilityTable, income_mobility, unidiff
from upward.measure.datasets import glass

runner = CliRunner()


@pytest.fixture()
def pairs_csv(tmp_path):
    rng = np.random.default_rng(3)
    parent = np.round(rng.lognormal(10, 1, 400), 2)
    child = np.round(np.exp(0.4 * np.log(parent) + rng.normal(6, 0.7, 400)), 2)
    weight = np.round(rng.uniform(0.5, 2, 400), 3)
    origin = rng.integers(1, 4, 400)
    destination = np.clip(origin + rng.integers(-1, 2, 400), 1, 3)
    layer = rng.integers(1, 3, 400)
    path = tmp_path / "pairs.csv"
    lines = ["parent,child,weight,origin,destination,layer,name"]
    lines += [
        f"{p},{c},{w},{o},{d},{k},x"
        for p, c, w, o, d, k in zip(parent, child, weight, origin, destination, layer, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n")
    columns = {
        "parent": parent, "child": child, "weight": weight,
        "origin": origin, "destination": destination, "layer": layer,
    }
    return path, columns


def test_income_json_keys_are_the_attribute_names(pairs_csv):
    path, data = pairs_csv
    result = runner.invoke(app, ["income", str(path), "--parent", "parent", "--child", "child",
                                 "--weight", "weight", "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = income_mobility(data["parent"], data["child"], weights=data["weight"]).to_dict()
    assert json.loads(result.stdout) == expected


def test_income_csv_with_bootstrap_is_exact(pairs_csv, tmp_path):
    path, data = pairs_csv
    parquet = tmp_path / "pairs.parquet"
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"p": data["parent"], "c": data["child"]}), parquet)
    result = runner.invoke(app, ["income", str(parquet), "--parent", "p", "--child", "c",
                                 "--bootstrap", "30", "--seed", "5", "--quantiles", "4",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    res = income_mobility(data["parent"], data["child"], quantiles=4, bootstrap=30, seed=5)
    intervals = res.conf_int()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["statistic", "value", "lower", "upper"])
    writer.writerow(["n", res.n, "", ""])
    for name in ("ige", "rank_slope", "rank_intercept", "absolute_upward", "bottom_to_top"):
        writer.writerow([name, getattr(res, name), *intervals[name]])
    for name in ("shorrocks", "determinant", "determinant_rooted", "eigenvalue", "bartholomew",
                 "bartholomew_diagonal"):
        writer.writerow([name, getattr(res.indices, name), *intervals[name]])
    assert result.stdout == buffer.getvalue()
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_table_from_pairs_json(pairs_csv):
    path, data = pairs_csv
    result = runner.invoke(app, ["table", str(path), "--origin", "origin", "--destination",
                                 "destination", "--models", "independence,quasi_independence"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    table = MobilityTable.from_pairs(data["origin"], data["destination"])
    assert report["counts"] == table.counts.tolist()
    assert report["absolute_rates"]["immobile"] == table.absolute_rates().immobile
    assert [m["model"] for m in report["models"]] == ["independence", "quasi_independence"]
    assert report["models"][1]["g2"] == table.fit("quasi_independence").g2


def test_table_from_counts_matrix_csv(tmp_path):
    path = tmp_path / "glass.csv"
    path.write_text("father,I,II,III,IV,V\n" + "\n".join(
        ",".join([label, *(str(int(v)) for v in row)])
        for label, row in zip(["I", "II", "III", "IV", "V"], glass(), strict=True)
    ) + "\n")
    result = runner.invoke(app, ["table", str(path), "--counts", "--models", "rc1",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    fit = MobilityTable(glass()).fit("rc1")
    lines = result.stdout.splitlines()
    assert lines[0] == "section,statistic,value"
    assert lines[1] == "table,n,3500.0"
    assert "absolute_rates,upward,0.258" in lines
    assert f"model:rc1,g2,{fit.g2!r}" in lines
    assert "model:rc1,df,9" in lines


def test_table_with_layer_runs_unidiff(pairs_csv):
    path, data = pairs_csv
    result = runner.invoke(app, ["table", str(path), "--origin", "origin", "--destination",
                                 "destination", "--layer", "layer", "--format", "csv"])
    assert result.exit_code == 0, result.output
    counts = np.zeros((2, 3, 3))
    np.add.at(counts, (data["layer"] - 1, data["origin"] - 1, data["destination"] - 1), 1)
    fit = unidiff(counts)
    assert result.stdout == (
        "layer,layer_effect,se\n1,0.0,0.0\n"
        f"2,{float(fit.layer_effects[1])!r},{float(fit.se[1])!r}\n"
    )


def test_table_on_a_terminal_format_shows_rich_tables(pairs_csv):
    path, _ = pairs_csv
    result = runner.invoke(app, ["table", str(path), "--origin", "origin", "--destination",
                                 "destination", "--models", "independence", "--format", "table"])
    assert result.exit_code == 0
    assert "Absolute mobility rates" in result.stdout
    assert "independence" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["income", "missing.csv", "--parent", "a", "--child", "b"],
         "Error: cannot find the file missing.csv — check the path\n"),
        (["income", "{path}", "--parent", "parent", "--child", "kid"],
         "Error: column 'kid' is not in pairs.csv — available columns: parent, child, weight, "
         "origin, destination, layer, name\n"),
        (["income", "{path}", "--parent", "parent", "--child", "name"],
         "Error: column 'name' is not numeric — give a column of amounts\n"),
        (["income", "{path}", "--parent", "parent", "--child", "child", "--quantiles", "1"],
         "Error: quantiles must be an integer of at least 2, got 1 — check the --parent/--child/"
         "--weight columns and options (see --help)\n"),
        (["income", "{path}", "--parent", "parent", "--child", "child", "--zero-income", "zero"],
         "Error: zero_income must be one of 'drop', 'recode', 'poisson'; got 'zero' — check the "
         "--parent/--child/--weight columns and options (see --help)\n"),
        (["table", "{path}", "--origin", "origin"],
         "Error: --origin and --destination are required for a file of pairs — name both "
         "columns, or pass --counts for a matrix of counts\n"),
        (["table", "{path}", "--origin", "origin", "--destination", "destination",
          "--models", "rc2"],
         "Error: unknown model 'rc2' — choose from independence, quasi_independence, "
         "uniform_association, uniform_association_diagonal, row_effects, rc1, rc1_diagonal, "
         "homogeneous_rc_diagonal, symmetry, quasi_symmetry\n"),
        (["table", "{path}", "--counts"],
         "Error: row 2 of pairs.csv has a non-numeric count — --counts expects a header row of "
         "destination labels and one row per origin\n"),
    ],
)
def test_user_mistakes_print_one_error_line_and_exit_1(pairs_csv, args, message):
    path, _ = pairs_csv
    result = runner.invoke(app, [a.format(path=path) for a in args])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message


def test_every_command_help_has_an_example():
    for command in ("table", "income"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout

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
    writer.writerow(["statistic", "value", "se", "lower", "upper"])
    writer.writerow(["n", res.n, "", "", ""])
    for name in ("ige", "rank_slope", "rank_intercept", "absolute_upward", "bottom_to_top"):
        writer.writerow([name, getattr(res, name), res.se.get(name, ""), *intervals[name]])
    for name in ("shorrocks", "determinant", "determinant_rooted", "eigenvalue", "bartholomew",
                 "bartholomew_diagonal"):
        writer.writerow([name, getattr(res.indices, name), "", *intervals[name]])
    assert result.stdout == buffer.getvalue()
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


# Destinations are the origin ±1: corner cells are empty and fitted at 0.
@pytest.mark.filterwarnings("ignore::upward.measure.BoundaryWarning")
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


# Destinations are the origin ±1: corner cells are empty and fitted at 0.
@pytest.mark.filterwarnings("ignore::upward.measure.BoundaryWarning")
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
    assert "Independence" in result.stdout


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


@pytest.fixture()
def class_names_csv(tmp_path):
    # Professional > Intermediate > Working; alphabetical order would put
    # Intermediate first and turn upward mobility into downward.
    pairs = ([("Working", "Professional")] * 30 + [("Working", "Working")] * 50
             + [("Intermediate", "Professional")] * 20 + [("Intermediate", "Intermediate")] * 25
             + [("Professional", "Professional")] * 40 + [("Professional", "Working")] * 5
             + [("Working", "Intermediate")] * 15 + [("Intermediate", "Working")] * 10)
    path = tmp_path / "classes.csv"
    path.write_text("father,own\n" + "\n".join(f"{o},{d}" for o, d in pairs) + "\n")
    return path


def test_table_of_text_classes_needs_their_order(class_names_csv):
    result = runner.invoke(app, ["table", str(class_names_csv), "--origin", "father",
                                 "--destination", "own"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the classes in 'father' and 'own' are text (Intermediate, Professional, "
        "Working), so their order is unknown and upward/downward mobility and the ordered "
        "models would be wrong — give --categories with every class, highest status first, "
        "e.g. --categories Professional,Intermediate,Working (or use numeric codes, "
        "1 = highest)\n"
    )


def test_table_of_text_classes_in_the_given_order(class_names_csv):
    result = runner.invoke(app, ["table", str(class_names_csv), "--origin", "father",
                                 "--destination", "own", "--categories",
                                 "Professional,Intermediate,Working", "--models", "independence"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["labels"] == ["Professional", "Intermediate", "Working"]
    # Upward: Working -> Professional (30), Working -> Intermediate (15),
    # Intermediate -> Professional (20), of 195 pairs.
    assert report["absolute_rates"]["upward"] == pytest.approx(65 / 195)


def test_table_shows_fits_that_did_not_converge(tmp_path):
    path = tmp_path / "sparse.csv"
    sparse = [[2, 3, 0, 1, 2, 0], [1, 2, 2, 1, 2, 0], [1, 0, 1, 2, 3, 3],
              [2, 1, 0, 0, 0, 1], [1, 0, 1, 1, 1, 0], [1, 0, 0, 0, 1, 7]]
    path.write_text("o,1,2,3,4,5,6\n" + "\n".join(
        ",".join([str(i + 1), *map(str, row)]) for i, row in enumerate(sparse)) + "\n")
    result = runner.invoke(app, ["table", str(path), "--counts", "--models",
                                 "independence,rc1_diagonal", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "model:rc1_diagonal,status,not converged (boundary)" in lines
    assert "model:independence,status,converged" in lines
    assert "model:rc1_diagonal,df,10" in lines
    assert "model:rc1_diagonal,df_adjusted,8" in lines
    assert result.stderr.startswith("Warning: rc1_diagonal: the fit did not converge")
    terminal = runner.invoke(app, ["table", str(path), "--counts", "--models", "rc1_diagonal",
                                   "--format", "table"], env={"COLUMNS": "160"})
    assert "not converged (boundary)" in terminal.stdout
    as_json = runner.invoke(app, ["table", str(path), "--counts", "--models", "rc1_diagonal"])
    model = json.loads(as_json.stdout)["models"][0]
    assert (model["converged"], model["boundary"], model["status"]) == (
        False, True, "not converged (boundary)"
    )


def test_income_warns_on_stderr_when_a_statistic_cannot_be_computed(tmp_path):
    path = tmp_path / "banded.csv"
    rng = np.random.default_rng(8)
    parent = rng.choice([10_000, 20_000, 40_000], 300, p=[0.5, 0.3, 0.2])
    child = np.round(np.exp(0.5 * np.log(parent) + rng.normal(5, 0.5, 300)), 2)
    path.write_text("p,c\n" + "\n".join(f"{a},{b}" for a, b in zip(parent, child, strict=True)))
    result = runner.invoke(app, ["income", str(path), "--parent", "p", "--child", "c",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ige"] > 0 and report["se"]["ige"] > 0
    assert report["bottom_to_top"] is None
    assert result.stderr.startswith(
        "Warning: parent has too few distinct incomes for 5 quantiles: Q1, Q3 hold no parent"
    )


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


GLASS_ON_A_TERMINAL = """\
Observed table (N = 3,500): origin by destination
┏━━━━━━━━┳━━━━━┳━━━━━┳━━━━━┳━━━━━━━┳━━━━━━━┳━━━━━━━┓
┃ Origin ┃   I ┃  II ┃ III ┃    IV ┃     V ┃ Total ┃
┡━━━━━━━━╇━━━━━╇━━━━━╇━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━┩
│ I      │  50 │  45 │   8 │    18 │     8 │   129 │
│ II     │  28 │ 174 │  84 │   154 │    55 │   495 │
│ III    │  11 │  78 │ 110 │   223 │    96 │   518 │
│ IV     │  14 │ 150 │ 185 │   714 │   447 │ 1,510 │
│ V      │   3 │  42 │  72 │   320 │   411 │   848 │
│ Total  │ 106 │ 489 │ 459 │ 1,429 │ 1,017 │ 3,500 │
└────────┴─────┴─────┴─────┴───────┴───────┴───────┘
Absolute mobility rates
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━┓
┃ Rate                           ┃ People ┃ Share ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━┩
│ Immobile (same class)          │  1,459 │ 41.7% │
│ Upward                         │    903 │ 25.8% │
│ Downward                       │  1,138 │ 32.5% │
│ Mobile (all moves)             │  2,041 │ 58.3% │
│ Structural (forced by margins) │    169 │  4.8% │
│ Circulation (exchange)         │  1,872 │ 53.5% │
└────────────────────────────────┴────────┴───────┘
Mobility indices
┏━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┓
┃ Index                  ┃ Value ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━┩
│ Shorrocks              │ 0.773 │
│ Determinant            │ 0.999 │
│ Determinant (rooted)   │ 0.828 │
│ Second eigenvalue      │ 0.529 │
│ Bartholomew            │ 0.234 │
│ Bartholomew (diagonal) │ 0.773 │
└────────────────────────┴───────┘
Log-linear models (N = 3,500)
┏━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━━━┓
┃ Model          ┃    G² ┃ df ┃      p ┃   BIC ┃ Misfit ┃
┡━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━┩
│ Independence   │ 792.2 │ 16 │ <0.001 │ 661.6 │  15.4% │
│ Quasi-symmetry │   4.7 │  6 │  0.588 │ -44.3 │   1.0% │
└────────────────┴───────┴────┴────────┴───────┴────────┘
Misfit: share of cases the model misplaces (dissimilarity
index).
"""


def test_table_on_a_terminal_is_labelled_rounded_with_the_observed_counts(tmp_path):
    path = tmp_path / "glass.csv"
    labels = ["I", "II", "III", "IV", "V"]
    path.write_text("father," + ",".join(labels) + "\n" + "".join(
        f"{label}," + ",".join(str(int(v)) for v in row) + "\n"
        for label, row in zip(labels, glass(), strict=True)))
    result = runner.invoke(app, ["table", str(path), "--counts", "--models",
                                 "independence,quasi_symmetry", "--format", "table"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert _lines(result.stdout) == GLASS_ON_A_TERMINAL.splitlines()
    # The machine formats keep every digit.
    csv_out = runner.invoke(app, ["table", str(path), "--counts", "--models", "independence",
                                  "--format", "csv"]).stdout
    rates = MobilityTable(glass()).absolute_rates()
    assert f"absolute_rates,immobile,{rates.immobile!r}" in csv_out.splitlines()


@pytest.mark.parametrize("width", [50, 70, 80, 120])
def test_terminal_tables_fit_columns_without_breaking_words(width):
    from importlib import resources

    path = resources.files("upward").joinpath("data", "measure", "hauser.csv")
    result = runner.invoke(app, ["table", str(path), "--counts", "--format", "table"],
                           env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= width
    if width >= 70:  # narrower, the model table's longest words cannot all fit whole
        for label in ("Quasi-independence", "Quasi-symmetry", "Homogeneous", "Structural"):
            assert any(label in line for line in lines), label


def test_rows_with_an_empty_value_are_left_out_and_counted(pairs_csv, tmp_path):
    path, data = pairs_csv
    lines = path.read_text().splitlines()
    # Row 1 loses its parent income, rows 2 and 3 their child income; row 3 its origin too.
    for number, (column, value) in {1: (0, ""), 2: (1, ""), 3: (1, "")}.items():
        cells = lines[number].split(",")
        cells[column] = value
        lines[number] = ",".join(cells)
    holes = tmp_path / "holes.csv"
    holes.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["income", str(holes), "--parent", "parent", "--child", "child",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("Note: left out 3 of 400 rows with an empty value in 'parent' (1), "
                             "'child' (2); used 397.\n")
    expected = income_mobility(data["parent"][3:], data["child"][3:]).to_dict()
    assert json.loads(result.stdout) == expected  # the JSON keeps its format and precision
    terminal = runner.invoke(app, ["income", str(holes), "--parent", "parent", "--child",
                                   "child", "--format", "table"], env={"COLUMNS": "80"})
    assert terminal.stdout.startswith("Income mobility (n = 397 pairs)")


def test_empty_text_classes_are_missing_values(tmp_path):
    path = tmp_path / "classes.csv"
    path.write_text("o,d\n" + "A,B\n" * 20 + ",A\n" + "B,A\n" * 20 + "A,\n")
    result = runner.invoke(app, ["table", str(path), "--origin", "o", "--destination", "d",
                                 "--categories", "A,B", "--models", "independence",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 40
    assert result.stderr.startswith("Note: left out 2 of 42 rows with an empty value in "
                                    "'o' (1), 'd' (1); used 40.\n")


def test_income_on_a_terminal_says_which_pairs_each_statistic_used(tmp_path):
    rng = np.random.default_rng(5)
    parent = np.round(rng.lognormal(10, 1, 300), 2)
    child = np.round(np.exp(0.4 * np.log(parent) + rng.normal(6, 0.7, 300)), 2)
    child[:4] = 0
    path = tmp_path / "zeros.csv"
    path.write_text("p,c\n" + "".join(f"{a},{b}\n" for a, b in zip(parent, child, strict=True)))
    result = runner.invoke(app, ["income", str(path), "--parent", "p", "--child", "c",
                                 "--format", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    fit = income_mobility(parent, child)
    lines = _lines(result.stdout)
    assert lines[0] == "Income mobility (n = 300 pairs)"
    assert ("The IGE uses 296 pairs: 4 with a zero income left out (--zero-income drop)."
            in " ".join(result.stdout.split()))
    assert max(map(len, result.stdout.splitlines())) <= 80
    ige = next(line for line in lines if line.startswith("│ Intergenerational"))
    assert f"│ {fit.ige:.3f} │ {fit.se['ige']:.3f} │" in ige
    q1 = next(line for line in lines if line.startswith("│ Q1 "))
    assert f"{100 * fit.transition[0, 0]:.1f}%" in q1


def _layered(data):
    counts = np.zeros((2, 3, 3))
    np.add.at(counts, (data["layer"] - 1, data["origin"] - 1, data["destination"] - 1), 1)
    return counts


@pytest.mark.filterwarnings("ignore::upward.measure.BoundaryWarning")
def test_unidiff_on_a_terminal_shows_the_people_in_each_layer(pairs_csv):
    path, data = pairs_csv
    result = runner.invoke(app, ["table", str(path), "--origin", "origin", "--destination",
                                 "destination", "--layer", "layer", "--format", "table"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = _lines(result.stdout)
    assert lines[0] == "Unidiff: association by layer (N = 400)"
    people = {int(k): int((data["layer"] == k).sum()) for k in (1, 2)}
    fit = unidiff(_layered(data))
    assert lines[4] == f"│ 1     │ {people[1]:>6} │        0.000 │ 0.000 │ {1:>20.3f} │"
    assert lines[5] == (f"│ 2     │ {people[2]:>6} │ {fit.layer_effects[1]:>12.3f} │ "
                        f"{fit.se[1]:.3f} │ {np.exp(fit.layer_effects[1]):>20.3f} │")


def test_weighted_table_on_a_terminal_says_the_rows_behind_its_weighted_counts(pairs_csv):
    path, data = pairs_csv
    result = runner.invoke(app, ["table", str(path), "--origin", "origin", "--destination",
                                 "destination", "--weight", "weight", "--models",
                                 "independence", "--format", "table"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    total = data["weight"].sum()
    assert " ".join(result.stdout.split()).startswith(
        f"Observed table (N = {round(total):,}, weighted, from 400 rows): origin by destination")

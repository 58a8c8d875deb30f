"""Fits here and by R's gnm must agree: deviance, df and (for linear models) the adjusted df.

R runs live (``Rscript``) on tables generated here: dense and sparse random
square tables, several with sampling zeros that make parameters diverge, and
the tables of the issue that found the df and optimiser errors, for all ten
models; and layered tables for Unidiff, with empty rows. Skips (with the
reason) when Rscript or the gnm package is not installed (Debian:
``apt-get install r-base-core r-cran-gnm``; ``make test`` installs them when it
runs as root).

Tolerances, per statistic:

- df: exact. gnm's df is cells minus the rank of the model matrix (gnm fits
  the linear models too: glm takes the rank of the *weighted* matrix, which
  rounding can inflate when fitted values near 0 weigh some rows down).
- Adjusted df (linear models): exact. The reference is Bishop, Fienberg &
  Holland's count computed in R from R's own fit: cells whose fitted value is
  not (numerically) zero, minus the rank of the model matrix over those cells.
- G² of linear models: 1e-6 absolute. The maximum likelihood is unique; where
  parameters diverge, gnm stops with the zero-fitted cells at 1e-9 to 1e-5
  instead of 0, so the 2 mu those cells still add to its G² are taken off.
- G² of multiplicative models: ours may not exceed gnm's best of five random
  starts by more than 1e-3. These likelihoods are multimodal, and on sparse
  tables the optimum is often a boundary solution approached without end
  (both programs stop after finitely many iterations, at slightly different
  points; the largest excess seen in 180 such fits was 1.6e-4). Lower is
  better, so there is no lower bound.
- Unidiff: G² to 1e-5, layer effects and their standard errors to 1e-4 (gnm
  converges to about 1e-6 relative in the deviance).
"""

import shutil
import subprocess

import numpy as np
import pytest

from upward.measure import MODELS, MobilityTable, unidiff

LINEAR = ("independence", "quasi_independence", "uniform_association",
          "uniform_association_diagonal", "row_effects", "symmetry", "quasi_symmetry")
MULTIPLICATIVE = ("rc1", "rc1_diagonal", "homogeneous_rc_diagonal")

# The tables of issue 10 (from the outside review against gnm 1.1-2).
ISSUE_TABLES = [
    [[0, 10, 5, 2], [6, 20, 9, 4], [6, 12, 25, 9], [3, 7, 11, 30]],
    [[20, 10, 5, 2], [0, 0, 0, 0], [6, 12, 25, 9], [3, 7, 11, 30]],
    [[2, 3, 0, 1, 2, 0], [1, 2, 2, 1, 2, 0], [1, 0, 1, 2, 3, 3], [2, 1, 0, 0, 0, 1],
     [1, 0, 1, 1, 1, 0], [1, 0, 0, 0, 1, 7]],
]

R_TABLES = r"""
suppressMessages({library(gnm); library(Matrix)})
args <- commandArgs(trailingOnly = TRUE)
set.seed(1)
for (line in readLines(args[1])) {
  v <- as.numeric(strsplit(line, ",")[[1]])
  k <- sqrt(length(v))
  # expand.grid varies dest fastest within orig: row-major order of the table.
  d <- expand.grid(dest = factor(1:k), orig = factor(1:k))
  d$Freq <- v
  d$u <- as.numeric(d$orig); d$v <- as.numeric(d$dest)
  d$diag <- factor(ifelse(d$orig == d$dest, as.numeric(d$orig), 0))
  linear <- list(
    independence = Freq ~ orig + dest,
    quasi_independence = Freq ~ orig + dest + diag,
    uniform_association = Freq ~ orig + dest + I(u * v),
    uniform_association_diagonal = Freq ~ orig + dest + diag + I(u * v),
    row_effects = Freq ~ orig + dest + orig:v,
    symmetry = Freq ~ Symm(orig, dest),
    quasi_symmetry = Freq ~ orig + dest + Symm(orig, dest))
  out <- c()
  for (m in names(linear)) {
    f <- suppressWarnings(gnm(linear[[m]], family = poisson, data = d, verbose = FALSE))
    fitted_cells <- fitted(f) > 1e-4 * max(v)
    x <- model.matrix(f)[fitted_cells, , drop = FALSE]
    bfh <- sum(fitted_cells) - as.integer(rankMatrix(x))
    # What the cells gnm fits near 0 still add to its deviance (2 mu each).
    rest <- 2 * sum(fitted(f)[!fitted_cells])
    out <- c(out, sprintf("%s %.10f %d %d %.3g", m, deviance(f), f$df.residual, bfh, rest))
  }
  multiplicative <- list(
    rc1 = Freq ~ orig + dest + Mult(orig, dest),
    rc1_diagonal = Freq ~ orig + dest + diag + Mult(orig, dest),
    homogeneous_rc_diagonal = Freq ~ orig + dest + diag + MultHomog(orig, dest))
  for (m in names(multiplicative)) {
    best <- NULL
    for (i in 1:5) {
      f <- suppressWarnings(gnm(multiplicative[[m]], family = poisson, data = d,
                                verbose = FALSE))
      if (!is.null(f) && (is.null(best) || f$deviance < best$deviance)) best <- f
    }
    out <- c(out, sprintf("%s %.10f %d -1 0", m, best$deviance, best$df.residual))
  }
  writeLines(paste(out, collapse = ";"))
}
"""


def _gnm_available() -> str | None:
    if shutil.which("Rscript") is None:
        return "Rscript is not installed (apt-get install r-base-core r-cran-gnm)"
    probe = subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(gnm))"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return "the R package gnm is not installed (apt-get install r-cran-gnm)"
    return None


reason = _gnm_available()
needs_gnm = pytest.mark.skipif(reason is not None, reason=reason or "")
# Sparse tables make boundary and convergence warnings by design; their
# content is tested in test_zero_cells.py.
pytestmark = pytest.mark.filterwarnings("ignore::upward.measure.MeasureWarning")


def _rscript(tmp_path, script: str, *args: str) -> str:
    path = tmp_path / "script.R"
    path.write_text(script)
    completed = subprocess.run(
        ["Rscript", str(path), *args], capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def _random_tables() -> list[np.ndarray]:
    """Square tables with association of random strength, dense and sparse."""
    rng = np.random.default_rng(20261203)
    tables = []
    # (classes, mean count per cell, empty origin row)
    for size, mean, empty_row in [
        (5, 60, False), (4, 40, False), (6, 25, False),  # dense
        (4, 4, False), (5, 3, False), (6, 2, False), (6, 1.2, False),  # sparse
        (5, 2, False), (4, 1.5, False), (3, 3, False), (6, 3, True),
    ]:
        scores = np.linspace(1, -1, size)
        strength = rng.uniform(0.3, 1.5)
        log_mu = rng.normal(0, 0.4, (size, size)) + strength * np.outer(scores, scores)
        mu = np.exp(log_mu)
        table = rng.poisson(mean * size * size * mu / mu.sum())
        if empty_row:
            table[rng.integers(size)] = 0
        tables.append(table.astype(float))
    return tables


@pytest.mark.slow
@needs_gnm
def test_tables_match_gnm(tmp_path):
    tables = [np.array(t, dtype=float) for t in ISSUE_TABLES] + _random_tables()
    data = tmp_path / "tables.txt"
    data.write_text("\n".join(",".join(str(int(v)) for v in t.ravel()) for t in tables))
    lines = _rscript(tmp_path, R_TABLES, str(data)).splitlines()
    assert len(lines) == len(tables)
    for number, (table, line) in enumerate(zip(tables, lines, strict=True)):
        fits = MobilityTable(table).fit_all()
        for entry in line.split(";"):
            model, g2, df, bfh, rest = entry.split()
            fit, where = fits[model], f"table {number}, {model}"
            assert fit.df == int(df), where
            if model in LINEAR:
                assert fit.g2 == pytest.approx(float(g2) - float(rest), abs=1e-6), where
                assert fit.df_adjusted == int(bfh), where
            else:
                assert fit.g2 <= float(g2) + 1e-3, where
    assert set(MODELS) == set(LINEAR) | set(MULTIPLICATIVE)


R_UNIDIFF = r"""
suppressMessages(library(gnm))
all <- read.csv(commandArgs(trailingOnly = TRUE)[1])
for (case in unique(all$case)) {
  d <- all[all$case == case, ]
  for (v in c("layer", "orig", "dest")) d[[v]] <- factor(d[[v]])
  set.seed(2)
  best <- NULL
  for (i in 1:5) {
    f <- suppressWarnings(gnm(Freq ~ layer * orig + layer * dest + Mult(Exp(layer), orig:dest),
                              family = poisson, data = d, verbose = FALSE, ofInterest = "Mult"))
    if (!is.null(f) && (is.null(best) || f$deviance < best$deviance)) best <- f
  }
  co <- getContrasts(best, pickCoef(best, "[.]layer"))
  cat(sprintf("%.8f", c(deviance(best), best$df.residual, co$qvframe$estimate[-1],
                        co$qvframe$SE[-1])), sep = ",")
  cat("\n")
}
"""


def _layered_tables() -> list[np.ndarray]:
    rng = np.random.default_rng(11)
    cases = []
    for mean, empty in [(80, None), (20, None), (20, "row"), (8, "column")]:
        scores = np.linspace(1, -1, 4)
        pattern = np.outer(scores, scores) + rng.normal(0, 0.2, (4, 4))
        layers = np.stack(
            [rng.poisson(mean * np.exp(np.exp(phi) * pattern)) for phi in (0.0, -0.3, -0.8)]
        ).astype(float)
        if empty == "row":  # an origin class with no one in the second layer
            layers[1, 2, :] = 0
        if empty == "column":  # a destination class with no one in the third layer
            layers[2, :, 1] = 0
        cases.append(layers)
    return cases


@pytest.mark.slow
@needs_gnm
def test_unidiff_matches_gnm(tmp_path):
    cases = _layered_tables()
    rows = ["case,layer,orig,dest,Freq"] + [
        f"{c},{k + 1},{i + 1},{j + 1},{int(layers[k, i, j])}"
        for c, layers in enumerate(cases)
        for k in range(layers.shape[0])
        for i in range(layers.shape[1])
        for j in range(layers.shape[2])
    ]
    data = tmp_path / "layers.csv"
    data.write_text("\n".join(rows))
    lines = _rscript(tmp_path, R_UNIDIFF, str(data)).splitlines()
    for number, (layers, line) in enumerate(zip(cases, lines, strict=True)):
        g2, df, *rest = (float(x) for x in line.split(","))
        result = unidiff(layers)
        where = f"case {number}"
        assert result.g2 == pytest.approx(g2, abs=1e-5), where
        assert result.df == int(df), where
        np.testing.assert_allclose(result.layer_effects[1:], rest[:2], atol=1e-4, err_msg=where)
        np.testing.assert_allclose(result.se[1:], rest[2:], atol=1e-4, err_msg=where)
        assert result.boundary == (number >= 2), where

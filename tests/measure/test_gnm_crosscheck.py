"""Random tables fitted here and by R's gnm must give the same deviances and df.

Skips (with the reason) when Rscript or the gnm package is not installed
(Debian: ``apt-get install r-base-core r-cran-gnm``).
"""

import shutil
import subprocess

import numpy as np
import pytest

from upward.measure import MobilityTable, unidiff

R_SCRIPT = r"""
suppressMessages(library(gnm))
args <- commandArgs(trailingOnly = TRUE)
lines <- readLines(args[1])
out <- c()
set.seed(1)
for (line in lines) {
  v <- as.numeric(strsplit(line, ",")[[1]])
  k <- sqrt(length(v))
  d <- expand.grid(dest = factor(1:k), orig = factor(1:k))
  d$Freq <- v
  d$u <- as.numeric(d$orig); d$v <- as.numeric(d$dest)
  d$diag <- factor(ifelse(d$orig == d$dest, as.numeric(d$orig), 0))
  ind <- glm(Freq ~ orig + dest, family = poisson, data = d)
  qi <- glm(Freq ~ orig + dest + diag, family = poisson, data = d)
  ua <- glm(Freq ~ orig + dest + I(u * v), family = poisson, data = d)
  best <- Inf
  for (i in 1:5) {
    fit <- gnm(Freq ~ orig + dest + Mult(orig, dest), family = poisson, data = d,
               verbose = FALSE)
    if (!is.null(fit) && fit$deviance < best) best <- fit$deviance
  }
  out <- c(out, sprintf("%.8f,%.8f,%.8f,%.8f,%d,%d", deviance(ind), deviance(qi),
                        deviance(ua), best, ind$df.residual, qi$df.residual))
}
writeLines(out)
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


@pytest.mark.slow
@pytest.mark.skipif(reason is not None, reason=reason or "")
def test_random_tables_match_gnm(tmp_path):
    rng = np.random.default_rng(7)
    tables = []
    for _ in range(6):
        # Association of random strength so RC(1) is well identified.
        scores = np.linspace(1, -1, 5)
        log_mu = rng.normal(0, 0.3, (5, 5)) + rng.uniform(0.3, 1.0) * np.outer(scores, scores)
        tables.append(rng.poisson(60 * np.exp(log_mu)).astype(float))
    data = tmp_path / "tables.txt"
    # R's expand.grid varies dest fastest within orig: row-major order of the table.
    data.write_text("\n".join(",".join(str(int(v)) for v in t.ravel()) for t in tables))
    script = tmp_path / "fit.R"
    script.write_text(R_SCRIPT)
    completed = subprocess.run(
        ["Rscript", str(script), str(data)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    for table, line in zip(tables, completed.stdout.split(), strict=True):
        ind, qi, ua, rc, df_ind, df_qi = (float(x) for x in line.split(","))
        t = MobilityTable(table)
        assert t.fit("independence").g2 == pytest.approx(ind, abs=1e-6)
        assert t.fit("independence").df == df_ind
        assert t.fit("quasi_independence").g2 == pytest.approx(qi, abs=1e-6)
        assert t.fit("quasi_independence").df == df_qi
        assert t.fit("uniform_association").g2 == pytest.approx(ua, abs=1e-6)
        # gnm's best of five random starts: ours must be at least as good.
        assert t.fit("rc1").g2 == pytest.approx(rc, abs=1e-4)


@pytest.mark.slow
@pytest.mark.skipif(reason is not None, reason=reason or "")
def test_random_unidiff_matches_gnm(tmp_path):
    rng = np.random.default_rng(11)
    scores = np.linspace(1, -1, 4)
    pattern = np.outer(scores, scores) + rng.normal(0, 0.2, (4, 4))
    layers = np.stack(
        [rng.poisson(80 * np.exp(np.exp(phi) * pattern)) for phi in (0.0, -0.3, -0.8)]
    ).astype(float)
    rows = ["layer,orig,dest,Freq"] + [
        f"{k + 1},{i + 1},{j + 1},{int(layers[k, i, j])}"
        for k in range(3)
        for i in range(4)
        for j in range(4)
    ]
    data = tmp_path / "layers.csv"
    data.write_text("\n".join(rows))
    script = tmp_path / "unidiff.R"
    script.write_text(
        "suppressMessages(library(gnm)); set.seed(2)\n"
        f"d <- read.csv('{data}'); for (v in c('layer','orig','dest')) d[[v]] <- factor(d[[v]])\n"
        "best <- NULL\n"
        "for (i in 1:5) { f <- gnm(Freq ~ layer*orig + layer*dest + Mult(Exp(layer), orig:dest),"
        " family = poisson, data = d, verbose = FALSE, ofInterest = 'Mult')\n"
        "  if (is.null(best) || f$deviance < best$deviance) best <- f }\n"
        "co <- getContrasts(best, pickCoef(best, '[.]layer'))\n"
        "cat(sprintf('%.8f', c(deviance(best), co$qvframe$estimate[-1], co$qvframe$SE[-1])),"
        " sep = ',')\n"
    )
    completed = subprocess.run(
        ["Rscript", str(script)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    values = [float(x) for x in completed.stdout.strip().split(",")]
    result = unidiff(layers)
    assert result.g2 == pytest.approx(values[0], abs=1e-5)
    np.testing.assert_allclose(result.layer_effects[1:], values[1:3], atol=1e-4)
    np.testing.assert_allclose(result.se[1:], values[3:5], atol=1e-4)

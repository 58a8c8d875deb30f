"""ICC(2,1), ICC(2,k) and Krippendorff's alpha (interval) against independent references,
run live on matrices generated here:

* ICC from R's own two-way ANOVA (base R ``aov``: mean squares for entries, judges and
  residual, then McGraw & Wong's absolute-agreement formulas). R's ``irr`` package would do
  the same, but it is not packaged for this Debian release; ``aov`` is in every R. Skips,
  with the reason, when Rscript is missing (``make test`` installs r-base-core).
* Krippendorff's alpha from the ``krippendorff`` package on PyPI (Castro's implementation,
  a test extra), on designs with 40% of the scores missing.
"""

from __future__ import annotations

import shutil
import subprocess

import krippendorff
import numpy as np
import pytest

from upward.judging import icc_two_way, krippendorff_alpha_interval

SCRIPT = """
x <- as.matrix(read.csv(commandArgs(TRUE)[1], header = FALSE))
n <- nrow(x); k <- ncol(x)
long <- data.frame(score = as.vector(x), entry = factor(rep(seq_len(n), k)),
                   judge = factor(rep(seq_len(k), each = n)))
ms <- summary(aov(score ~ entry + judge, data = long))[[1]][["Mean Sq"]]
msr <- ms[1]; msc <- ms[2]; mse <- ms[3]
single <- (msr - mse) / (msr + (k - 1) * mse + k / n * (msc - mse))
average <- (msr - mse) / (msr + (msc - mse) / n)
cat(sprintf("%.15g;%.15g", single, average))
"""


def _designs(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    complete = rng.normal(60, 15, size=(30, 5)) + rng.normal(0, 5, size=5)
    incomplete = complete.copy()
    incomplete[rng.random(incomplete.shape) < 0.4] = np.nan
    return complete, incomplete


@pytest.mark.skipif(shutil.which("Rscript") is None,
                    reason="Rscript is not installed (apt-get install r-base-core)")
@pytest.mark.parametrize("seed", range(5))
def test_icc_matches_r_two_way_anova(tmp_path, seed):
    complete, _ = _designs(seed)
    np.savetxt(tmp_path / "complete.csv", complete, delimiter=",", fmt="%.17g")
    (tmp_path / "icc.R").write_text(SCRIPT)
    run = subprocess.run(["Rscript", str(tmp_path / "icc.R"), str(tmp_path / "complete.csv")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    single, average = (float(v) for v in run.stdout.strip().split(";"))
    assert icc_two_way(complete) == pytest.approx((single, average), rel=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_alpha_matches_the_krippendorff_package(seed):
    _, incomplete = _designs(seed)
    # the package wants raters in rows, units (entries) in columns
    reference = krippendorff.alpha(reliability_data=incomplete.T,
                                   level_of_measurement="interval")
    assert krippendorff_alpha_interval(incomplete) == pytest.approx(reference, rel=1e-9)

"""ICC(2,1), ICC(2,k) and Krippendorff's alpha (interval) against R's irr package, run live
with Rscript on matrices generated here. Skips, with the reason, when Rscript or irr is
missing (Debian: apt-get install r-base-core r-cran-irr; irr is not packaged for every
release — then the loop versions in test_reference.py are the independent check)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from upward.judging import icc_two_way, krippendorff_alpha_interval


def _irr_missing() -> str | None:
    if shutil.which("Rscript") is None:
        return "Rscript is not installed (apt-get install r-base-core r-cran-irr)"
    probe = subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(irr))"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return "the R package irr is not installed (apt-get install r-cran-irr)"
    return None


reason = _irr_missing()
pytestmark = pytest.mark.skipif(reason is not None, reason=reason or "")

SCRIPT = """
suppressMessages(library(irr))
x <- as.matrix(read.csv(commandArgs(TRUE)[1], header = FALSE))
s <- icc(x, model = "twoway", type = "agreement", unit = "single")$value
a <- icc(x, model = "twoway", type = "agreement", unit = "average")$value
y <- as.matrix(read.csv(commandArgs(TRUE)[2], header = FALSE, na.strings = "NA"))
k <- kripp.alpha(t(y), method = "interval")$value
cat(sprintf("%.15g;%.15g;%.15g", s, a, k))
"""


@pytest.mark.parametrize("seed", range(5))
def test_icc_and_alpha_match_irr(tmp_path, seed):
    rng = np.random.default_rng(seed)
    complete = rng.normal(60, 15, size=(30, 5)) + rng.normal(0, 5, size=5)
    incomplete = complete.copy()
    incomplete[rng.random(incomplete.shape) < 0.4] = np.nan
    np.savetxt(tmp_path / "complete.csv", complete, delimiter=",")
    text = "\n".join(
        ",".join("NA" if np.isnan(v) else repr(float(v)) for v in row) for row in incomplete
    )
    (tmp_path / "incomplete.csv").write_text(text + "\n")
    (tmp_path / "irr.R").write_text(SCRIPT)
    run = subprocess.run(
        [
            "Rscript",
            str(tmp_path / "irr.R"),
            str(tmp_path / "complete.csv"),
            str(tmp_path / "incomplete.csv"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    single, average, alpha = (float(v) for v in run.stdout.strip().split(";"))
    # Same closed forms, printed to 15 significant digits.
    assert icc_two_way(complete) == pytest.approx((single, average), rel=1e-9)
    assert krippendorff_alpha_interval(incomplete) == pytest.approx(alpha, rel=1e-9)

"""Benchmark: awards judging statistics on 2,000 entries × 30 judges × 6 criteria.

Two seeded designs, each with ~2% of criterion scores left blank, a lead judge per panel,
integer scores on 1–10 (criteria 1–4) and 0–5 (criteria 5–6), weights 3, 2, 2, 1, 1, 1,
and judges of different leniency and spread:

- ``panels``: 3 panels (categories) of 10 judges; each entry is scored by 5 of its
  panel's 10 judges, drawn at random, and ~1% of (judge, entry) pairs are recused — an
  incomplete design (alpha; ICC needs complete); ~60,000 score rows.
- ``full``: one panel, every judge scores every entry (no recusals) — a complete design
  (ICC and alpha); ~350,000 score rows.

Timed: ``upward.judging.results`` (weighted scores, normalisation, entry means and SDs,
ranks and ties, reliability per panel, calibration to the lead) — best of 3; then the same
computation written with pandas groupbys, best of 3, and the ratio pandas / ours. The two
must agree (asserted, 1e-9). Target: ours ≤ 1 s per design (printed PASS/MISS).

Not a test (``make test`` never runs it). Example::

    python bench/judging.py
    python bench/judging.py --quick     # 200 entries
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from upward.judging import Criteria, Scores, results  # noqa: E402

N_JUDGES, N_CRITERIA = 30, 6
WEIGHTS = np.array([3, 2, 2, 1, 1, 1], dtype=float)
LOW = np.array([1, 1, 1, 1, 0, 0], dtype=float)
HIGH = np.array([10, 10, 10, 10, 5, 5], dtype=float)


def design(kind: str, n_entries: int, seed: int = 14):
    rng = np.random.default_rng(seed)
    if kind == "panels":
        n_panels, per_panel, per_entry = 3, 10, 5
        entry_panel = rng.integers(0, n_panels, n_entries)
        chosen = np.argsort(rng.random((n_entries, per_panel)), axis=1)[:, :per_entry]
        judges = entry_panel[:, None] * per_panel + chosen
        leads = np.arange(n_panels) * per_panel
    else:
        entry_panel = np.zeros(n_entries, dtype=np.intp)
        judges = np.tile(np.arange(N_JUDGES), (n_entries, 1))
        leads = np.array([0])
    pair_entry = np.repeat(np.arange(n_entries), judges.shape[1])
    pair_judge = judges.ravel()
    e = np.repeat(pair_entry, N_CRITERIA)
    j = np.repeat(pair_judge, N_CRITERIA)
    c = np.tile(np.arange(N_CRITERIA), len(pair_entry))
    quality = rng.normal(0, 1, n_entries)
    leniency, spread = rng.normal(0, 0.8, N_JUDGES), rng.uniform(0.5, 1.5, N_JUDGES)
    latent = quality[e] * spread[j] + leniency[j] + rng.normal(0, 0.7, len(e))
    mid, half = (LOW + HIGH)[c] / 2, (HIGH - LOW)[c] / 2
    score = np.clip(np.round(mid + half * latent / 2.5), LOW[c], HIGH[c])
    keep = rng.random(len(e)) >= 0.02
    scores = Scores.from_arrays(
        e[keep], j[keep], c[keep], score[keep], n_entries, N_JUDGES, N_CRITERIA
    )
    recused = rng.random(len(pair_entry)) < (0.01 if kind == "panels" else 0.0)
    recusals = list(zip(pair_judge[recused].tolist(), pair_entry[recused].tolist(), strict=True))
    return scores, entry_panel, leads, recusals


def ours(scores, criteria, entry_panel, leads, recusals):
    return results(scores, criteria, entry_panel=entry_panel, lead_judge=leads, recusals=recusals)


def with_pandas(scores, entry_panel, leads, recusals, min_judges=3, min_entries=5):
    """The same statistics as groupbys over a long DataFrame."""
    df = pd.DataFrame(
        {
            "entry": scores.entry,
            "judge": scores.judge,
            "criterion": scores.criterion,
            "score": scores.score,
        }
    )
    rec = pd.DataFrame(recusals, columns=["judge", "entry"]).assign(recused=True)
    df = df.merge(rec, on=["judge", "entry"], how="left")
    df = df[df["recused"].isna()].drop(columns="recused")
    crit = pd.DataFrame({"w": WEIGHTS, "lo": LOW, "hi": HIGH})
    df = df.join(crit, on="criterion")
    df["ws"] = df["w"] * 100 * (df["score"] - df["lo"]) / (df["hi"] - df["lo"])
    pairs = df.groupby(["judge", "entry"], sort=False)[["ws", "w"]].sum()
    pairs = pd.DataFrame({"raw": pairs["ws"] / pairs["w"]}).reset_index()
    pairs["panel"] = entry_panel[pairs["entry"].to_numpy()]

    js = pairs.groupby(["panel", "judge"])["raw"].agg(["mean", "std", "count"])
    ps = pairs.groupby("panel").agg(pm=("raw", "mean"), psd=("raw", "std"), k=("judge", "nunique"))
    js = js.join(ps, on="panel")
    js["applies"] = (js["k"] >= min_judges) & (js["count"] >= min_entries) & (js["std"] > 1e-9)
    pairs = pairs.join(js, on=["panel", "judge"])
    z = (pairs["raw"] - pairs["mean"]) / pairs["std"]
    pairs["z"] = z.where(pairs["applies"])
    pairs["norm"] = np.where(pairs["applies"], pairs["pm"] + pairs["psd"] * z, pairs["raw"])

    entries = pairs.groupby("entry").agg(
        n=("raw", "count"),
        raw_mean=("raw", "mean"),
        raw_sd=("raw", "std"),
        norm_mean=("norm", "mean"),
        norm_sd=("norm", "std"),
    )
    entries = entries.reindex(range(scores.n_entries))
    entries["panel"] = entry_panel
    entries["shown"] = entries["norm_mean"].round(2)
    entries["rank"] = (
        entries.groupby("panel")["shown"].rank(method="min", ascending=False).fillna(0)
    )

    alpha, icc = {}, {}
    for panel, block in pairs.groupby("panel"):
        units = block.groupby("entry")["raw"].agg(m="count", s="sum", q=lambda v: (v * v).sum())
        units = units[units["m"] >= 2]
        n = units["m"].sum()
        d_o = (2 * (units["m"] * units["q"] - units["s"] ** 2) / (units["m"] - 1)).sum() / n
        d_e = 2 * (n * units["q"].sum() - units["s"].sum() ** 2) / (n * (n - 1))
        alpha[panel] = 1 - d_o / d_e
        wide = block.pivot(index="entry", columns="judge", values="raw")
        if wide.notna().all().all():
            x = wide.to_numpy()
            nn, k = x.shape
            g = x.mean()
            msr = k * ((x.mean(1) - g) ** 2).sum() / (nn - 1)
            msc = nn * ((x.mean(0) - g) ** 2).sum() / (k - 1)
            mse = (((x - g) ** 2).sum() - msr * (nn - 1) - msc * (k - 1)) / ((nn - 1) * (k - 1))
            icc[panel] = (
                (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / nn),
                (msr - mse) / (msr + (msc - mse) / nn),
            )

    lead = pairs[pairs["judge"] == leads[pairs["panel"]]][["panel", "entry", "raw"]]
    both = pairs.merge(lead, on=["panel", "entry"], suffixes=("", "_lead"))
    both = both[both["judge"] != leads[both["panel"]]]
    both["diff"] = both["raw"] - both["raw_lead"]
    grouped = both.groupby(["panel", "judge"])
    calibration = grouped.agg(n=("diff", "count"), bias=("diff", "mean"))
    calibration["pearson"] = grouped[["raw", "raw_lead"]].corr().xs("raw", level=2)["raw_lead"]
    rounded = both.assign(raw=both["raw"].round(9), raw_lead=both["raw_lead"].round(9))
    regrouped = rounded.groupby(["panel", "judge"])
    ranked = both.assign(r=regrouped["raw"].rank(), rl=regrouped["raw_lead"].rank())
    calibration["spearman"] = (
        ranked.groupby(["panel", "judge"])[["r", "rl"]].corr().xs("r", level=2)["rl"]
    )
    return entries, alpha, icc, calibration


def agree(out, pandas_out) -> None:
    entries, alpha, icc, calibration = pandas_out
    close = dict(rtol=1e-9, atol=1e-9, equal_nan=True)
    assert np.array_equal(out.n_judges, entries["n"].fillna(0).to_numpy())
    for ours_col, theirs in (
        ("raw_mean", "raw_mean"),
        ("raw_sd", "raw_sd"),
        ("normalised_mean", "norm_mean"),
        ("normalised_sd", "norm_sd"),
    ):
        assert np.allclose(getattr(out, ours_col), entries[theirs].to_numpy(), **close), ours_col
    assert np.array_equal(out.rank, entries["rank"].to_numpy().astype(int))
    for rel, scale in zip(out.reliability, out.panels, strict=True):
        assert np.isclose(rel.alpha, alpha[scale.panel], **close)
        if rel.icc_single is not None:
            assert np.allclose((rel.icc_single, rel.icc_average), icc[scale.panel], **close)
        else:
            assert scale.panel not in icc
    for c in out.calibration:
        row = calibration.loc[(c.panel, c.judge)]
        assert row["n"] == c.n_shared
        if c.n_shared < 3:  # ours says "too few shared entries" rather than give a number
            assert c.bias is None and c.pearson is None and c.spearman is None
            continue
        assert np.isclose(row["bias"], c.bias, **close)
        for name in ("pearson", "spearman"):
            value = getattr(c, name)
            assert np.isclose(row[name], np.nan if value is None else value, **close), (c, name)


def best_of(runs: int, fn, *args):
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 entries instead of 2,000")
    args = parser.parse_args()
    n_entries = 200 if args.quick else 2000
    criteria = Criteria.from_arrays(WEIGHTS, LOW, HIGH)
    for kind in ("panels", "full"):
        scores, entry_panel, leads, recusals = design(kind, n_entries)
        t_ours, out = best_of(3, ours, scores, criteria, entry_panel, leads, recusals)
        t_pd, theirs = best_of(3, with_pandas, scores, entry_panel, leads, recusals)
        agree(out, theirs)
        verdict = "PASS" if t_ours <= 1.0 else "MISS"
        print(
            f"{kind:6s}: {n_entries} entries × {N_JUDGES} judges × {N_CRITERIA} criteria, "
            f"{len(scores):,} scores, {len(recusals)} recusals"
        )
        print(
            f"  upward.judging {t_ours * 1000:7.1f} ms   pandas {t_pd * 1000:7.1f} ms   "
            f"ratio pandas/ours {t_pd / t_ours:5.1f}×   target ≤ 1 s: {verdict}   (results agree)"
        )
        for rel, scale in zip(out.reliability, out.panels, strict=True):
            icc = (
                "n/a" if rel.icc_single is None else f"{rel.icc_single:.3f} / {rel.icc_average:.3f}"
            )
            print(
                f"  panel {scale.panel}: {rel.n_entries} entries, {rel.n_judges} judges, "
                f"alpha {rel.alpha:.3f}, ICC(2,1)/ICC(2,k) {icc}"
            )


if __name__ == "__main__":
    main()

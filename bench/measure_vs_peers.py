"""Benchmark: upward.measure.income_mobility against the pipeline people write today.

Peer pipeline (timed in the same run, on the same data): scipy ``rankdata`` on
both columns, statsmodels OLS for the rank-rank slope and the IGE, quintiles
from the ranks, giddy ``Markov`` for the transition matrix and
``markov_mobility`` for the indices. The script checks that both give the same
numbers, prints the ratio, the numpy bound (time to ``np.sort`` both columns),
bootstrap timing, peak memory and log-linear fit timings.

Not a test: run it by hand, e.g. ``python bench/measure_vs_peers.py --n 10000000``.
Timings are the best of ``--repeat`` runs (the first run of a process pays for
fresh memory pages, which would otherwise favour whichever pipeline runs last).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from upward.measure import MobilityTable, income_mobility, unidiff
from upward.measure.datasets import glass, hauser, yaish


def best_of(repeat: int, function: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def simulate(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    parent = rng.lognormal(10.5, 0.8, n)
    child = np.exp(0.4 * np.log(parent) + rng.normal(6.3, 0.7, n))
    return parent, child


def peer_pipeline(parent: np.ndarray, child: np.ndarray) -> dict[str, Any]:
    import statsmodels.api as sm
    from giddy.markov import Markov
    from giddy.mobility import markov_mobility
    from scipy.stats import rankdata

    n = parent.size
    rank_p = 100 * (rankdata(parent) - 0.5) / n
    rank_c = 100 * (rankdata(child) - 0.5) / n
    ranks = sm.OLS(rank_c, sm.add_constant(rank_p)).fit()
    ige = sm.OLS(np.log(child), sm.add_constant(np.log(parent))).fit()
    quintile_p = np.minimum((rank_p * 5 // 100).astype(int), 4)
    quintile_c = np.minimum((rank_c * 5 // 100).astype(int), 4)
    markov = Markov(np.column_stack([quintile_p, quintile_c]), summary=False)
    return {
        "rank_slope": ranks.params[1],
        "absolute_upward": ranks.params[0] + 25 * ranks.params[1],
        "ige": ige.params[1],
        "transition": markov.p,
        "shorrocks": markov_mobility(markov.p, measure="P"),
        "determinant": markov_mobility(markov.p, measure="D"),
        "eigenvalue": markov_mobility(markov.p, measure="L2"),
        "bartholomew": markov_mobility(markov.p, measure="B2"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000, help="pairs (default 10,000,000)")
    parser.add_argument("--bootstrap", type=int, default=200, help="replicates to time")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-peers", action="store_true", help="time upward.measure only")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, numpy {np.__version__}")
    parent, child = simulate(args.n, args.seed)
    input_bytes = parent.nbytes + child.nbytes
    print(f"n = {args.n:,} pairs ({input_bytes / 1e6:,.0f} MB of input)")

    sort_time, _ = best_of(args.repeat, lambda: (np.sort(parent), np.sort(child)))
    with ThreadPoolExecutor(2) as pool:
        sort_threads, _ = best_of(args.repeat, lambda: list(pool.map(np.sort, [parent, child])))
    ours_time, ours = best_of(args.repeat, lambda: income_mobility(parent, child))
    print(f"numpy sort of both columns, one after the other (bound): {sort_time:.3f} s")
    print(f"numpy sort of both columns, two threads:                 {sort_threads:.3f} s")
    print(f"upward.measure.income_mobility:                          {ours_time:.3f} s")
    print(f"  ratio to the sort bound: {ours_time / sort_time:.2f}x (target <= 2x); "
          f"to the two-thread sort: {ours_time / sort_threads:.2f}x")

    if not args.skip_peers:
        peer_time, peer = best_of(1, lambda: peer_pipeline(parent, child))
        print(f"peer pipeline (rankdata + statsmodels OLS + giddy):      {peer_time:.3f} s")
        print(f"  speed-up of upward.measure over the peers: {peer_time / ours_time:.1f}x "
              "(target >= 5x)")
        checks = {
            "rank_slope": (ours.rank_slope, peer["rank_slope"]),
            "absolute_upward": (ours.absolute_upward, peer["absolute_upward"]),
            "ige": (ours.ige, peer["ige"]),
            "shorrocks": (ours.indices.shorrocks, peer["shorrocks"]),
            "determinant": (ours.indices.determinant, peer["determinant"]),
            "eigenvalue": (ours.indices.eigenvalue, peer["eigenvalue"]),
            "bartholomew": (ours.indices.bartholomew, peer["bartholomew"]),
        }
        worst = max(abs(a - b) for a, b in checks.values())
        worst = max(worst, float(np.abs(ours.transition - peer["transition"]).max()))
        print(f"  same numbers: largest absolute difference {worst:.2e}")
        assert worst < 1e-8, checks

    if args.bootstrap:
        start = time.perf_counter()
        booted = income_mobility(parent, child, bootstrap=args.bootstrap, seed=1)
        boot_time = time.perf_counter() - start
        low, high = booted.conf_int()["rank_slope"]
        print(f"bootstrap, {args.bootstrap} replicates (including the point estimate): "
              f"{boot_time:.1f} s (target <= 60 s); rank slope {booted.rank_slope:.4f} "
              f"[{low:.4f}, {high:.4f}]")

    tracemalloc.start()
    income_mobility(parent, child)
    point_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    income_mobility(parent, child, bootstrap=2, seed=1)
    boot_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak memory allocated (tracemalloc): point estimate {point_peak / 1e6:,.0f} MB = "
          f"{point_peak / input_bytes:.2f}x the input; with bootstrap "
          f"{boot_peak / 1e6:,.0f} MB = {boot_peak / input_bytes:.2f}x (target <= 4x)")

    fits = [
        ("Glass fit_all (10 models)", lambda: MobilityTable(glass()).fit_all()),
        ("Hauser fit_all (10 models)", lambda: MobilityTable(hauser()).fit_all()),
        ("Glass uniform association", lambda: MobilityTable(glass()).fit("uniform_association")),
        ("Glass RC(1)", lambda: MobilityTable(glass()).fit("rc1")),
        ("Yaish Unidiff 5x7x6", lambda: unidiff(yaish()[:, :, :6])),
    ]
    for label, function in fits:
        elapsed, _ = best_of(args.repeat, function)
        print(f"log-linear: {label}: {elapsed * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Benchmark: upward.measure.income_mobility against the pipeline people write today.

Peer pipeline (timed in the same run, on the same data): scipy ``rankdata`` on
both columns, statsmodels OLS for the rank-rank slope and the IGE, quintiles
from the ranks, giddy ``Markov`` for the transition matrix and
``markov_mobility`` for the indices. The script checks that both give the same
numbers, prints the ratio, the numpy bound (time to ``np.sort`` both columns),
bootstrap timing, peak memory and log-linear fit timings.

Not a test: run it by hand, e.g. ``python bench/measure_vs_peers.py --n 10000000``.
The point estimate and the numpy bound are timed in turn (bound, ours, bound,
ours, ...) ``--repeat`` times; medians, minima and the median of the paired
ratios are printed, so a machine shared with other work moves both alike. The
share of the machine other processes used during each part is printed too
(Linux only), to say how busy it was.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from upward.measure import MobilityTable, income_mobility, unidiff
from upward.measure.datasets import glass, hauser, yaish


class Load:
    """CPU time other processes used while a block ran, in cores (Linux /proc/stat)."""

    def __enter__(self) -> Load:
        self.start = self._read()
        return self

    def __exit__(self, *exc: object) -> None:
        self.end = self._read()

    @staticmethod
    def _read() -> tuple[float, float, float] | None:
        try:
            with open("/proc/stat") as stat:
                fields = [int(v) for v in stat.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        busy = (sum(fields) - fields[3] - fields[4]) / ticks  # all but idle and iowait
        own = sum(os.times()[:2])
        return busy, own, time.perf_counter()

    def __str__(self) -> str:
        if self.start is None or self.end is None:
            return "other load: unknown"
        busy, own, wall = (b - a for a, b in zip(self.start, self.end, strict=True))
        return f"other processes used {max(busy - own, 0.0) / wall:.1f} of {os.cpu_count()} cores"


def timings(repeat: int, function: Callable[[], Any]) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


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
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-peers", action="store_true", help="time upward.measure only")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, numpy {np.__version__}")
    parent, child = simulate(args.n, args.seed)
    input_bytes = parent.nbytes + child.nbytes
    print(f"n = {args.n:,} pairs ({input_bytes / 1e6:,.0f} MB of input)")

    income_mobility(parent, child)  # warm-up: imports, first-touch of the allocator
    sort_times, ours_times = [], []
    with Load() as load:
        for _ in range(args.repeat):
            sort_times += timings(1, lambda: (np.sort(parent), np.sort(child)))[0]
            elapsed, ours = timings(1, lambda: income_mobility(parent, child))
            ours_times += elapsed
    with ThreadPoolExecutor(2) as pool:
        sort_threads, _ = timings(args.repeat, lambda: list(pool.map(np.sort, [parent, child])))
    ratios = [a / b for a, b in zip(ours_times, sort_times, strict=True)]
    median = statistics.median
    print(f"point estimate, {args.repeat} runs in turn with the bound ({load}):")
    print(
        f"  numpy sort of both columns, one after the other (bound): "
        f"median {median(sort_times):.3f} s, min {min(sort_times):.3f} s"
    )
    print(
        f"  numpy sort of both columns, two threads:                 "
        f"median {median(sort_threads):.3f} s, min {min(sort_threads):.3f} s"
    )
    print(
        f"  upward.measure.income_mobility:                          "
        f"median {median(ours_times):.3f} s, min {min(ours_times):.3f} s"
    )
    print(
        f"  ratio to the sort bound (target <= 2x): median of the paired ratios "
        f"{median(ratios):.2f}x, of the medians {median(ours_times) / median(sort_times):.2f}x, "
        f"of the minima {min(ours_times) / min(sort_times):.2f}x; "
        f"to the two-thread sort: {median(ours_times) / median(sort_threads):.2f}x"
    )

    if not args.skip_peers:
        peer_times, peer = timings(1, lambda: peer_pipeline(parent, child))
        peer_time = peer_times[0]
        print(f"peer pipeline (rankdata + statsmodels OLS + giddy):      {peer_time:.3f} s")
        print(
            f"  speed-up of upward.measure over the peers: "
            f"{peer_time / median(ours_times):.1f}x (target >= 5x)"
        )
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
        with Load() as load:
            start = time.perf_counter()
            booted = income_mobility(parent, child, bootstrap=args.bootstrap, seed=1)
            boot_time = time.perf_counter() - start
        low, high = booted.conf_int()["rank_slope"]
        print(
            f"bootstrap, {args.bootstrap} replicates (including the point estimate): "
            f"{boot_time:.1f} s = {boot_time / args.bootstrap * 1000:.0f} ms a replicate "
            f"(target <= 60 s; {load}); rank slope {booted.rank_slope:.4f} "
            f"[{low:.4f}, {high:.4f}]"
        )

    tracemalloc.start()
    income_mobility(parent, child)
    point_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    income_mobility(parent, child, bootstrap=4, seed=1)  # both worker threads' buffers
    boot_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"peak memory allocated (tracemalloc): point estimate {point_peak / 1e6:,.0f} MB = "
        f"{point_peak / input_bytes:.2f}x the input; with bootstrap "
        f"{boot_peak / 1e6:,.0f} MB = {boot_peak / input_bytes:.2f}x (target <= 4x)"
    )

    fits = [
        ("Glass fit_all (10 models)", lambda: MobilityTable(glass()).fit_all()),
        ("Hauser fit_all (10 models)", lambda: MobilityTable(hauser()).fit_all()),
        ("Glass uniform association", lambda: MobilityTable(glass()).fit("uniform_association")),
        ("Glass RC(1)", lambda: MobilityTable(glass()).fit("rc1")),
        ("Yaish Unidiff 5x7x6", lambda: unidiff(yaish()[:, :, :6])),
    ]
    for label, function in fits:
        elapsed_fit, _ = timings(args.repeat, function)
        print(f"log-linear: {label}: median {median(elapsed_fit) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

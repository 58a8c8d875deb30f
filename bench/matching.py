"""Benchmark: mentor matching on 5,000 mentees × 2,000 mentors (capacity 1–3).

Synthetic, seeded sign-ups shaped like a real programme: ~8 goals, ~30 skills (a
few popular), ~6 lived-experience tags (half the mentors show none), ~10 functions,
~8 locations, 7 grades (mentees junior, mentors senior), career timelines (most
mentors show 1–3 job titles, some in other functions), teams with line managers,
some people signed up on both sides, a few hundred past pairs, opt-outs, dismissed
suggestions and bookmarks.

Printed: scoring time; the optimal assignment (time, total, matched); the stable
matching (time, total); the greedy baseline (time, total); the LP upper bound and
each mode's gap to it; and a plain scipy ``linear_sum_assignment`` on the same
capacity-expanded slot matrix, with the ratio of ours to it. Targets (printed as
PASS/MISS, never asserted): scoring + optimal ≤ 10 s, scoring + stable ≤ 10 s,
stable ≤ 2 s.

Not a test (``make test`` never runs it). Example::

    python bench/matching.py            # full size
    python bench/matching.py --quick    # 500 × 200, a few seconds
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from upward.matching import (  # noqa: E402
    Candidate,
    Rules,
    Weights,
    assign_greedy,
    assign_optimal,
    assign_stable,
    lp_upper_bound,
    score_matrix,
    slot_weights,
)

TARGETS = {"scoring + optimal": 10.0, "scoring + stable": 10.0, "stable": 2.0}  # seconds

GOALS = ["first promotion", "moving function", "confidence", "networking", "leadership",
         "returning from leave", "professional qualification", "visibility"]
SKILLS = ["stakeholder management", "presenting", "Excel", "data analysis", "negotiation",
          "project management", "writing", "coaching", "budgeting", "interviewing",
          "public speaking", "time management", "SQL", "policy", "procurement",
          "people management", "strategy", "customer service", "change management",
          "risk", "agile", "product management", "design thinking", "mentoring",
          "recruitment", "facilitation", "report writing", "influencing",
          "commercial awareness", "resilience"]
LIVED = ["first in family at university", "grew up on free school meals", "care experience",
         "career changer", "state school", "no degree"]
FUNCTIONS = ["Finance", "HR", "Operations", "Technology", "Legal", "Sales", "Marketing",
             "Policy", "Procurement", "Customer"]
LOCATIONS = ["London", "Leeds", "Manchester", "Glasgow", "Cardiff", "Birmingham", "Newcastle",
             "Bristol"]
ROLES = ["analyst", "business partner", "manager", "officer", "adviser", "team lead"]
SLOTS = ["mornings", "lunchtimes", "afternoons", "evenings"]
FORMATS = ["in person", "video", "either"]
N_GRADES = 7


def _pick(rng, items, low, high, p=None):
    k = int(rng.integers(low, high + 1))
    return frozenset(rng.choice(items, size=min(k, len(items)), replace=False, p=p).tolist())


def synthetic_signups(n_mentees: int, n_mentors: int, seed: int = 12
                      ) -> tuple[list[Candidate], list[Candidate], Rules]:
    """Seeded mentee and mentor sign-ups and the rules of a realistic programme."""
    rng = np.random.default_rng(seed)
    skill_p = 1 / np.arange(1, len(SKILLS) + 1) ** 0.8  # a few skills are popular
    skill_p /= skill_p.sum()
    n_teams = max(4, (n_mentees + n_mentors) // 25)
    team_function = rng.integers(0, len(FUNCTIONS), n_teams)
    both = min(n_mentees, n_mentors) // 15  # people signed up on both sides
    career_rng = np.random.default_rng([seed, 1])  # its own stream: other sign-ups unchanged

    def career(function: str) -> frozenset[str]:
        """Job titles a mentor's timeline shows: none (hidden or not shared), or the
        present one in their function and up to two earlier ones, anywhere."""
        if career_rng.random() < 0.3:
            return frozenset()
        titles = {f"{function} {ROLES[int(career_rng.integers(0, len(ROLES)))]}"}
        for _ in range(int(career_rng.integers(0, 3))):
            past = FUNCTIONS[int(career_rng.integers(0, len(FUNCTIONS)))]
            role = ROLES[int(career_rng.integers(0, len(ROLES)))]
            titles.add(f"Senior {past.lower()} {role}" if career_rng.random() < 0.5
                       else f"{past} {role}")
        return frozenset(titles)

    def team_and_function():
        team = int(rng.integers(0, n_teams))
        return f"team-{team}", FUNCTIONS[team_function[team]]

    mentors = []
    for j in range(n_mentors):
        team, function = team_and_function()
        skills = _pick(rng, SKILLS, 3, 6, skill_p)
        goals = _pick(rng, GOALS, 2, 4)
        topics = (frozenset(t.upper() if rng.random() < 0.3 else t
                            for t in _pick(rng, sorted(skills | goals), 1, 3))
                  if rng.random() < 0.6 else frozenset())
        mentors.append(Candidate(
            id=100_000 + j, person=j, goals=goals, skills=skills,
            lived_experience=_pick(rng, LIVED, 1, 2) if rng.random() < 0.5 else frozenset(),
            topics=topics, career=career(function), grade=int(rng.integers(2, N_GRADES)),
            function=function, team=team,
            location=LOCATIONS[int(rng.integers(0, len(LOCATIONS)))],
            availability=_pick(rng, SLOTS, 1, 3),
            answers={"format": FORMATS[int(rng.integers(0, 3))]},
            capacity=int(rng.integers(1, 4))))
    mentor_by_team: dict[str, list[int]] = {}
    for m in mentors:
        mentor_by_team.setdefault(m.team, []).append(m.person)

    mentees = []
    for i in range(n_mentees):
        person = n_mentors - both + i  # the first `both` mentees are also mentors
        team, function = team_and_function()
        managers = mentor_by_team.get(team, [])
        line_manager = (int(rng.choice(managers)) if managers and rng.random() < 0.3
                        else n_mentors + n_mentees + i)
        avoid = (frozenset({int(rng.integers(0, n_mentors))}) if rng.random() < 0.01
                 else frozenset())
        mentees.append(Candidate(
            id=i, person=person, goals=_pick(rng, GOALS, 1, 3),
            skills=_pick(rng, SKILLS, 2, 4, skill_p),
            lived_experience=_pick(rng, LIVED, 1, 2) if rng.random() < 0.4 else frozenset(),
            grade=int(rng.integers(0, 4)) if rng.random() < 0.95 else None,
            function=function,
            wanted_function=FUNCTIONS[int(rng.integers(0, len(FUNCTIONS)))]
            if rng.random() < 0.4 else "",
            team=team, location=LOCATIONS[int(rng.integers(0, len(LOCATIONS)))],
            availability=_pick(rng, SLOTS, 1, 3),
            answers={"format": FORMATS[int(rng.integers(0, 3))]},
            line_manager=line_manager, avoid=avoid))

    def some_pairs(k, left, right):
        return frozenset((int(rng.choice(left)), int(rng.choice(right))) for _ in range(k))

    scale = n_mentees / 5000
    rules = Rules(
        exclude_line_manager=True, exclude_same_team=True, min_grade_gap=1, max_grade_gap=5,
        ideal_grade_gap=2,
        past_pairs=some_pairs(int(400 * scale) + 1, [c.person for c in mentees],
                              [c.person for c in mentors]),
        dismissed=some_pairs(int(300 * scale) + 1, [c.id for c in mentees],
                             [c.id for c in mentors]),
        bookmarks=some_pairs(int(600 * scale) + 1, [c.id for c in mentees],
                             [c.id for c in mentors]))
    return mentees, mentors, rules


def _verdict(seconds: float, target: float) -> str:
    return f"{'PASS' if seconds <= target else 'MISS'} (target ≤ {target:g} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=5000)
    parser.add_argument("--mentors", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="500 mentees × 200 mentors")
    parser.add_argument("--bound-iterations", type=int, default=60,
                        help="subgradient steps of the cold-start LP bound")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if args.quick:
        args.mentees, args.mentors = 500, 200

    mentees, mentors, rules = synthetic_signups(args.mentees, args.mentors, args.seed)
    weights = Weights({"goals": 30, "skills": 20, "lived_experience": 25, "topics": 10,
                       "function": 15, "career": 10, "location": 5, "availability": 5,
                       "grade_gap": 10, "bookmarked": 15, "answers:format": 5})
    caps = np.array([m.capacity for m in mentors])
    print(f"{len(mentees):,} mentees × {len(mentors):,} mentors, {caps.sum():,} places "
          f"(capacity 1–3), seed {args.seed}")

    started = time.perf_counter()
    scores = score_matrix(mentees, mentors, weights, rules)
    scoring_s = time.perf_counter() - started
    allowed = scores.feasible.mean()
    print(f"{'scoring':<34} {scoring_s:>7.2f} s   {allowed:.1%} of pairs allowed")

    optimal = assign_optimal(scores, caps)
    stable = assign_stable(scores, caps)
    greedy = assign_greedy(scores, caps)
    started = time.perf_counter()
    certified = lp_upper_bound(scores, caps, assignment=optimal)
    certified_s = time.perf_counter() - started
    started = time.perf_counter()
    cold = lp_upper_bound(scores, caps, iterations=args.bound_iterations, warm_start=False)
    cold_s = time.perf_counter() - started

    print(f"{'mode':<22} {'seconds':>8} {'total':>10} {'matched':>8} {'mean':>6} "
          f"{'gap to LP bound':>16}")
    for result in (optimal, stable, greedy):
        gap = (certified - result.total) / certified
        print(f"{result.mode:<22} {result.seconds:>8.2f} {result.total:>10,} "
              f"{result.matched:>8,} {result.total / max(result.matched, 1):>6.1f} "
              f"{gap:>15.3%}")
    print(f"{'LP bound (prices from optimal)':<34} {certified_s:>7.2f} s   "
          f"{certified:,.1f}")
    cold_name = f"LP bound (cold, {args.bound_iterations} steps)"
    print(f"{cold_name:<34} {cold_s:>7.2f} s   "
          f"{cold:,.1f} ({(cold - optimal.total) / optimal.total:.2%} above the optimum)")

    weights_matrix, _ = slot_weights(scores, caps)
    started = time.perf_counter()
    linear_sum_assignment(weights_matrix, maximize=True)
    plain_s = time.perf_counter() - started
    print(f"{'plain linear_sum_assignment':<34} {plain_s:>7.2f} s   on "
          f"{weights_matrix.shape[0]:,} × {weights_matrix.shape[1]:,} slots; "
          f"optimal/plain {optimal.seconds / plain_s:.2f}, stable/plain "
          f"{stable.seconds / plain_s:.2f}, greedy/plain {greedy.seconds / plain_s:.2f}")

    for name, seconds in (("scoring + optimal", scoring_s + optimal.seconds),
                          ("scoring + stable", scoring_s + stable.seconds),
                          ("stable", stable.seconds)):
        print(f"{name:<34} {seconds:>7.2f} s   {_verdict(seconds, TARGETS[name])}")


if __name__ == "__main__":
    main()

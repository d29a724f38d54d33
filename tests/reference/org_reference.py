"""Independent reference values for pooling teams' released numbers (an organisation's totals)
and ICC(1), computed with numpy and scipy from every respondent's score, not from the teams'
summaries. Writes tests/reference/org_expected.json, which tests/stats.rs compares with
candor::stats::pool and icc1 (fed only the teams' n, mean and SD) to 1e-9.

Regenerate:
    pip install numpy scipy
    python3 tests/reference/org_reference.py
"""
import json
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_GROUP = 5


def dimension_scores(rng, n, centre):
    """n respondents' dimension scores: the mean of four answers on a 7-point scale."""
    answers = np.clip(np.round(rng.normal(centre, 1.3, size=(n, 4))), 1, 7)
    return answers.mean(axis=1)


def case(name, rng, sizes, centres):
    teams = []
    released_scores = []
    for n, centre in zip(sizes, centres):
        scores = dimension_scores(rng, n, centre)
        released = bool(n >= MIN_GROUP)
        teams.append({
            "n": int(n),
            "mean": float(np.mean(scores)),
            "sd": float(np.std(scores, ddof=1)) if n >= 2 else None,
            "released": released,
        })
        if released:
            released_scores.append(scores)
    everyone = np.concatenate(released_scores)
    n = len(everyone)
    mean = float(np.mean(everyone))
    sd = float(np.std(everyone, ddof=1))
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    # ICC(1) from the one-way ANOVA's F (scipy), with k0 for unequal team sizes.
    g = len(released_scores)
    icc = None
    if g >= 2:
        f = stats.f_oneway(*released_scores).statistic
        sizes_released = np.array([len(s) for s in released_scores], dtype=float)
        k0 = (n - np.sum(sizes_released ** 2) / n) / (g - 1)
        icc = float((f - 1) / (f + k0 - 1))
    return {
        "name": name,
        "teams": teams,
        "pooled": {"n": int(n), "teams": int(g), "mean": mean, "sd": sd, "ci95": [mean - half, mean + half]},
        "icc1": icc,
    }


def main():
    rng = np.random.default_rng(20261130)
    cases = [
        case("equal sizes, close teams", rng, [8, 8, 8, 8], [4.5, 4.6, 4.4, 4.5]),
        case("unequal sizes, distant teams", rng, [5, 12, 7, 30, 9], [3.0, 5.5, 4.0, 6.0, 2.5]),
        case("two teams below the minimum", rng, [3, 11, 4, 6, 14, 2], [6.5, 4.0, 1.5, 4.5, 5.0, 7.0]),
        case("one team released", rng, [9, 4], [4.0, 6.0]),
        case("many teams", rng, list(rng.integers(3, 25, size=40)), list(rng.uniform(2.5, 6.0, size=40))),
    ]
    with open(os.path.join(HERE, "org_expected.json"), "w") as out:
        json.dump({"min_group": MIN_GROUP, "cases": cases}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()

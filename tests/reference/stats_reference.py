"""Independent reference values for Candor's statistics engine, computed with numpy and scipy
straight from the definitions in docs/statistics.md. Writes tests/reference/expected.json,
which the native tests compare with the Rust engine to 1e-9.

Regenerate (after changing a dataset or a definition):
    pip install numpy scipy
    python3 tests/reference/make_datasets.py
    python3 tests/reference/stats_reference.py
"""
import glob
import json
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def none_if_nan(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def ci95(scores, team_size):
    n = len(scores)
    if n < 2:
        return None
    m = np.mean(scores)
    sd = np.std(scores, ddof=1)
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    if team_size is not None and team_size > 1 and n <= team_size:
        half *= math.sqrt((team_size - n) / (team_size - 1))
    return [float(m - half), float(m + half)]


def rwg_j(item_answers, scale):
    variances = [np.var(a, ddof=1) for a in item_answers if len(a) >= 2]
    if not variances:
        return None
    j = len(variances)
    ratio = np.mean(variances) / ((scale ** 2 - 1) / 12.0)
    if ratio >= 1:
        return 0.0
    return float(j * (1 - ratio) / (j * (1 - ratio) + ratio))


def alpha(rows):
    rows = np.array(rows, dtype=float)
    if rows.ndim != 2 or rows.shape[1] < 2 or rows.shape[0] < 3:
        return None
    k = rows.shape[1]
    total_var = np.var(rows.sum(axis=1), ddof=1)
    if total_var == 0:
        return None
    return float(k / (k - 1) * (1 - np.var(rows, axis=0, ddof=1).sum() / total_var))


def welch(before, after):
    if len(before) < 2 or len(after) < 2:
        return None
    va, vb = np.var(before, ddof=1), np.var(after, ddof=1)
    na, nb = len(before), len(after)
    diff = float(np.mean(after) - np.mean(before))
    se = math.sqrt(va / na + vb / nb)
    if se == 0:
        lo = hi = diff
    else:
        df = (va / na + vb / nb) ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
        half = stats.t.ppf(0.975, df) * se
        lo, hi = diff - half, diff + half
    verdict = "up" if lo > 0 else "down" if hi < 0 else "no clear change"
    return {"diff": diff, "ci95": [float(lo), float(hi)], "verdict": verdict}


def report(doc):
    s = doc["survey"]
    scale, min_group = s["scale"], s["min_group"]
    questions = {q["id"]: q for q in s["questions"]}
    removed = set(doc.get("removed", []))
    rounds = sorted(doc.get("rounds", []), key=lambda r: (r["opened"], r["id"]))
    previous = {}
    out = []
    for rnd in rounds:
        resp = [r for r in doc.get("responses", []) if r["round"] == rnd["id"] and r["id"] not in removed]
        if len(resp) < min_group:
            out.append({"id": rnd["id"], "suppressed": True})
            continue

        def recoded(r, q):
            v = r["answers"].get(q)
            if v is None:
                return None
            return scale + 1 - v if questions[q]["reverse"] else v

        dims = []
        for d in s["dimensions"]:
            qs = [q["id"] for q in s["questions"] if q["dimension"] == d["id"]]
            scores = []
            for r in resp:
                vals = [recoded(r, q) for q in qs if recoded(r, q) is not None]
                if vals:
                    scores.append(float(np.mean(vals)))
            if len(scores) < min_group:
                dims.append({"id": d["id"], "suppressed": True})
                continue
            items = [[recoded(r, q) for r in resp if recoded(r, q) is not None] for q in qs]
            pooled = [v for a in items for v in a]
            asked = [q for q, a in zip(qs, items) if a]
            complete = [[recoded(r, q) for q in asked] for r in resp
                        if all(recoded(r, q) is not None for q in asked)]
            change = None
            if d["id"] in previous:
                frm, before = previous[d["id"]]
                w = welch(before, scores)
                if w is not None:
                    change = dict(w, **{"from": frm})
            dims.append({
                "id": d["id"], "suppressed": False, "n": len(scores),
                "mean": float(np.mean(scores)),
                "sd": float(np.std(scores, ddof=1)) if len(scores) >= 2 else None,
                "ci95": ci95(scores, s.get("team_size")),
                "favourable": sum(1 for v in pooled if v >= scale - 1) / len(pooled),
                "rwg_j": rwg_j(items, scale),
                "alpha": alpha(complete) if len(asked) >= 2 else None,
                "change": change,
                "items": [{"id": q, "reverse": questions[q]["reverse"],
                           "counts": [sum(1 for v in a if v == x) for x in range(1, scale + 1)]
                           if len(a) >= min_group else None}
                          for q, a in zip(qs, items) if a],
            })
            previous[d["id"]] = (rnd["id"], scores)
        # The comment minimum counts the people who wrote a comment.
        comments = sorted(r["comment"] for r in resp if "comment" in r)
        out.append({"id": rnd["id"], "suppressed": False, "n": len(resp), "dimensions": dims,
                    "comments": comments if len(comments) >= s["min_group_comments"] else None})
    return {"survey": s["id"], "rounds": out}


def functions():
    """Direct checks of the building blocks, including sizes the report never releases."""
    samples = {"n1": [4.0], "n2": [3.0, 6.0], "n5": [4.0, 5.5, 6.0, 3.0, 7.0]}
    out = {"t975": {str(df): float(stats.t.ppf(0.975, df))
                    for df in [1, 1.2, 1.5, 2, 2.7, 3, 4, 5, 7.5, 10, 15.3, 29.3, 50,
                               100, 250.5, 1000, 1e4, 1e6]}}
    for name, xs in samples.items():
        out[name] = {"mean": float(np.mean(xs)),
                     "sd": float(np.std(xs, ddof=1)) if len(xs) >= 2 else None,
                     "ci95": ci95(xs, None), "ci95_team7": ci95(xs, 7)}
    out["welch"] = welch(samples["n2"], samples["n5"])
    return out


def main():
    result = {"functions": functions(), "datasets": {}}
    for path in sorted(glob.glob(os.path.join(HERE, "datasets", "*.json"))):
        with open(path) as f:
            result["datasets"][os.path.basename(path)] = report(json.load(f))
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

"""Writes the datasets the statistics reference is computed on (tests/reference/datasets/).

Seeded and deterministic: running it again rewrites the same files. Each dataset is a valid
Candor file chosen to exercise one or more edge cases of the engine's definitions.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "datasets")


def rid(rng):
    return "%032x" % rng.getrandbits(128)


def survey(scale=7, min_group=3, min_comments=4, team_size=None):
    s = {
        "id": "ref", "title": "Reference", "revision": 1, "scale": scale,
        "min_group": min_group, "min_group_comments": min_comments,
        "dimensions": [{"id": "safety", "name": "Safety"}, {"id": "align", "name": "Alignment"}],
        "questions": [
            {"id": "s1", "dimension": "safety", "text": "Mistakes are held against me.", "reverse": True},
            {"id": "s2", "dimension": "safety", "text": "We raise tough issues.", "reverse": False},
            {"id": "s3", "dimension": "safety", "text": "Asking for help is hard.", "reverse": True},
            {"id": "a1", "dimension": "align", "text": "I know our priorities.", "reverse": False},
            {"id": "a2", "dimension": "align", "text": "We agree on success.", "reverse": False},
        ],
    }
    if team_size is not None:
        s["team_size"] = team_size
    return s


def doc(s, rounds, responses, removed=()):
    return {"format": "candor-survey", "version": 1, "survey": s,
            "rounds": [{"id": r, "label": "Round " + r, "opened": "2026-%02d-01" % (i + 1), "closed": True}
                       for i, r in enumerate(rounds)],
            "events": [], "responses": responses, "removed": sorted(removed)}


def basic(rng):
    # Rounds of n = 5, 2 (suppressed), 1 (suppressed) and 8 with skipped answers, comments and
    # two removed responses.
    responses, removed = [], []
    plan = {"r1": 5, "r2": 2, "r3": 1, "r4": 10}
    for rnd, n in plan.items():
        for i in range(n):
            answers = {q: rng.randint(1, 7) for q in ["s1", "s2", "s3", "a1", "a2"]}
            if rnd == "r4" and i % 3 == 0:
                del answers["s2"]
            if rnd == "r4" and i == 4:
                answers = {"a1": 6}  # answered nothing of safety
            r = {"id": rid(rng), "round": rnd, "answers": answers}
            if rnd == "r4" and i % 2 == 0:
                r["comment"] = "Comment %d" % i
            responses.append(r)
            if rnd == "r4" and i in (7, 8):
                removed.append(r["id"])
    return doc(survey(), list(plan), responses, removed)


def team(rng):
    # Team of 6: a round where all 6 answered (zero-width interval), a round with zero variance
    # everywhere, and a round after it (change from a zero-variance round).
    responses = []
    for i in range(6):
        responses.append({"id": rid(rng), "round": "t1",
                          "answers": {q: rng.randint(3, 7) for q in ["s1", "s2", "s3", "a1", "a2"]}})
    for i in range(4):
        responses.append({"id": rid(rng), "round": "t2",
                          "answers": {"s1": 2, "s2": 6, "s3": 2, "a1": 5, "a2": 5}})
    for i in range(5):
        responses.append({"id": rid(rng), "round": "t3",
                          "answers": {q: rng.randint(1, 7) for q in ["s1", "s2", "s3", "a1", "a2"]}})
    return doc(survey(team_size=6), ["t1", "t2", "t3"], responses)


def five_point(rng):
    # A 5-point scale, min_group 5: in f2 only 3 people answered alignment (dimension
    # suppressed inside a released round) and item a2 was answered by 2 (distribution withheld).
    responses = []
    for i in range(7):
        responses.append({"id": rid(rng), "round": "f1",
                          "answers": {q: rng.randint(1, 5) for q in ["s1", "s2", "s3", "a1", "a2"]}})
    for i in range(6):
        answers = {q: rng.randint(1, 5) for q in ["s1", "s2", "s3"]}
        if i < 3:
            answers["a1"] = rng.randint(1, 5)
        if i < 2:
            answers["a2"] = rng.randint(1, 5)
        responses.append({"id": rid(rng), "round": "f2", "answers": answers})
    return doc(survey(scale=5, min_group=5, min_comments=5), ["f1", "f2"], responses)


def random_large(rng):
    responses = []
    rounds = ["m%02d" % i for i in range(10)]
    for k, rnd in enumerate(rounds):
        base = 3 + (k % 4)
        for i in range(rng.randint(3, 14)):
            answers = {}
            for q in ["s1", "s2", "s3", "a1", "a2"]:
                if rng.random() < 0.12:
                    continue
                answers[q] = max(1, min(7, base + rng.randint(-2, 2)))
            if not answers:
                answers["a1"] = 4
            responses.append({"id": rid(rng), "round": rnd, "answers": answers})
    return doc(survey(team_size=12), rounds, responses)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, make in [("basic", basic), ("team", team), ("five-point", five_point),
                       ("random", random_large)]:
        rng = random.Random(name)
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(make(rng), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()

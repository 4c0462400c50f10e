#!/usr/bin/env python3
"""The scorer of scripts/eval-tags on a three-paragraph fixture whose counts are known by hand.

    tests/tags/test_eval_tags.py            (ctest: tags.ScorerCountsTheFixture)

fixture/predicted.jsonl stands in for Parley's tags, so the scoring, the grouping, the
lenient mode, the gazetteer parser (format 2) and the naive baseline are checked without
the binaries. Counts, worked out by hand:

  f1 (en, 1980s)  gold NATO, Soviet Union    Parley Russia, Soviet Union  -> TP 1  FP 1  FN 1
                  baseline: "Soviet Union", "NATO"; "Moscow" is a capital -> TP 2
  f2 (en, 2020s)  gold Russia, Vladimir Putin, Wagner Group (contested)
                  Parley Vladimir Putin, Wagner Group  -> strict TP 2 FN 1, lenient TP 1 FN 1
                  baseline: "Putin", "Wagner", "Russian" -> strict TP 3, lenient TP 2
  f3 (ru, 2020s)  gold NATO, Russia          Parley nothing   -> FN 2
                  baseline: "Россия" (a ru: name) -> TP 1 FN 1
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "eval-tags")
FIXTURE = os.path.join(HERE, "fixture")
failures = []


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True)


def check(condition, message):
    if not condition:
        failures.append(message)


def counts(figures):
    return (figures["tp"], figures["fp"], figures["fn"])


def scored(*extra):
    r = run("--predicted", os.path.join(FIXTURE, "predicted.jsonl"),
            "--gazetteer", os.path.join(FIXTURE, "fixture.gazetteer"),
            "--json", *extra, os.path.join(FIXTURE, "gold.jsonl"))
    check(r.returncode == 0, f"exit {r.returncode}: {r.stderr}")
    return json.loads(r.stdout)["groups"] if r.returncode == 0 else {}


groups = scored()
expected = {
    ("overall", "parley_strict"): (3, 1, 4),
    ("overall", "parley_lenient"): (2, 1, 4),
    ("overall", "baseline_strict"): (6, 0, 1),
    ("overall", "baseline_lenient"): (5, 0, 1),
    ("decade:1980s", "parley_strict"): (1, 1, 1),
    ("decade:2020s", "parley_strict"): (2, 0, 3),
    ("lang:en", "parley_strict"): (3, 1, 2),
    ("lang:ru", "parley_strict"): (0, 0, 2),
    ("lang:ru", "baseline_strict"): (1, 0, 1),
    ("type:state", "parley_strict"): (1, 1, 2),
    ("type:alliance", "parley_strict"): (0, 0, 2),
    ("type:leader", "parley_strict"): (1, 0, 0),
    ("type:armed_group", "parley_strict"): (1, 0, 0),
    ("type:armed_group", "parley_lenient"): (0, 0, 0),
}
for (group, column), want in expected.items():
    got = counts(groups.get(group, {}).get(column, {"tp": None, "fp": None, "fn": None}))
    check(got == want, f"{group} {column}: (tp, fp, fn) = {got}, expected {want}")
overall = groups.get("overall", {}).get("parley_strict", {})
check(overall.get("precision") == 0.75 and overall.get("recall") == 0.4286
      and overall.get("f1") == 0.5455, f"overall strict P/R/F1: {overall}")

# The floor: F1 0.5455 passes 0.5 and fails 0.6, with a message.
args = ["--predicted", os.path.join(FIXTURE, "predicted.jsonl"),
        "--gazetteer", os.path.join(FIXTURE, "fixture.gazetteer"), os.path.join(FIXTURE, "gold.jsonl")]
check(run("--min-f1", "0.5", *args).returncode == 0, "--min-f1 0.5 should pass")
below = run("--min-f1", "0.6", *args)
check(below.returncode == 1 and "below the floor" in below.stderr, f"--min-f1 0.6: {below.stderr}")

# Errors name the actor and the paragraphs.
errors = run("--errors", "5", "--json", *args)
listed = json.loads(errors.stdout).get("errors", {}) if errors.returncode == 0 else {}
check({"actor": "Russia", "count": 2, "ids": ["f2", "f3"]} in listed.get("fn", []),
      f"false negatives: {listed.get('fn')}")
check({"actor": "Russia", "count": 1, "ids": ["f1"]} in listed.get("fp", []),
      f"false positives: {listed.get('fp')}")

# Bad gold data: exit 2 and a message naming file and line.
with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad.jsonl")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(open(os.path.join(FIXTURE, "gold.jsonl"), encoding="utf-8").readline())
        f.write('{"id": "x", "text": "no other fields"}\n')
    r = run("--predicted", os.path.join(FIXTURE, "predicted.jsonl"), bad)
    check(r.returncode == 2 and f"{bad}:2: missing field" in r.stderr, f"bad gold: {r.stderr}")

check(run("--help").returncode == 0, "--help should exit 0")

for failure in failures:
    print("FAIL:", failure)
print("ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)

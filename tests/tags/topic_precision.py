#!/usr/bin/env python3
"""Topic precision from the hand judgments in topics-judged.tsv, per sample (seed), tagger
and source.

    topic_precision.py [tests/tags/topics-judged.tsv]

Taggers: `before` (main before issue 10, be6b4ac), `cues` (the cue-list tagger of issue 10,
e177625: rows tagged_by `after` or `both`), `current` (this commit: rows whose `current`
column is yes). Seed 16 was judged on the current tagger only, so it has no `cues` figure.
"""
import collections
import os
import sys

# Per tagger, the samples judged once, after its rules were final.
HELD_OUT = {"before": set(), "cues": {"12", "13"}, "current": {"15", "16"}}
CURRENT_ONLY = {"16"}

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                           "topics-judged.tsv")
counts = collections.Counter()
with open(path, encoding="utf-8") as f:
    next(f)
    for line in f:
        seed, source, _, _, judgment, tagged_by, current, _ = line.rstrip("\n").split("\t")
        sides = []
        if tagged_by in ("before", "both"):
            sides.append("before")
        if tagged_by in ("after", "both") and seed not in CURRENT_ONLY:
            sides.append("cues")
        if current == "yes":
            sides.append("current")
        for side in sides:
            keys = [(seed, side, "all"), (seed, side, source), ("all", side, "all")]
            if seed in HELD_OUT[side]:
                keys += [("held-out", side, "all"), ("held-out", side, source)]
            for key in keys:
                counts[key + ("n",)] += 1
                counts[key + ("right",)] += judgment == "right"
print("%-8s %-8s %-8s %5s %5s %9s" % ("seed", "tagger", "source", "right", "tags", "precision"))
for seed in sorted({k[0] for k in counts}, key=lambda s: (not s.isdigit(), s)):
    for side in ("before", "cues", "current"):
        for source in ("all", "corpora", "sotu"):
            n = counts[(seed, side, source, "n")]
            if n:
                r = counts[(seed, side, source, "right")]
                print("%-8s %-8s %-8s %5d %5d %9.3f" % (seed, side, source, r, n, r / n))

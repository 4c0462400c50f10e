#!/usr/bin/env python3
"""Topic precision from the hand judgments in topics-judged.tsv, per sample (seed), side
(before = the tagger of main before issue 10, after = this one) and source.

    topic_precision.py [tests/tags/topics-judged.tsv]
"""
import collections
import os
import sys

# Samples judged once, after the cue lists were final (seeds 10 and 11 were used to tune).
HELD_OUT = {"12", "13"}

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                           "topics-judged.tsv")
counts = collections.Counter()
with open(path, encoding="utf-8") as f:
    next(f)
    for line in f:
        seed, source, _, _, judgment, tagged_by, _ = line.rstrip("\n").split("\t")
        for side in ("before", "after"):
            if tagged_by in (side, "both"):
                keys = [(seed, side, "all"), (seed, side, source), ("all", side, "all")]
                if seed in HELD_OUT:
                    keys.append(("held-out", side, "all"))
                for key in keys:
                    counts[key + ("n",)] += 1
                    counts[key + ("right",)] += judgment == "right"
print("%-8s %-8s %-8s %5s %5s %9s" % ("seed", "side", "source", "right", "tags", "precision"))
for seed in sorted({k[0] for k in counts}, key=lambda s: (not s.isdigit(), s)):
    for side in ("before", "after"):
        for source in ("all", "corpora", "sotu"):
            n = counts[(seed, side, source, "n")]
            if n:
                r = counts[(seed, side, source, "right")]
                print("%-8s %-8s %-8s %5d %5d %9.3f" % (seed, side, source, r, n, r / n))

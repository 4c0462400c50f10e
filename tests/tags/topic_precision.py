#!/usr/bin/env python3
"""Topic precision from the hand judgments in topics-judged.tsv, per sample (seed), tagger
and source.

    topic_precision.py [tests/tags/topics-judged.tsv]

Taggers: `before` (main before issue 10, be6b4ac), `cues` (the cue-list tagger of issue 10,
e177625: rows tagged_by `after` or `both`), `7f6af50` (the tagger before the list rule:
rows tagged_by `7f6af50`), `c874b08` (the tagger before topics needed two mentions: rows
tagged_by `c874b08`), `a702b4d` (two mentions make a topic: rows tagged_by a702b4d or
6f9e265, which differ in actors only), `current` (this commit: rows whose `current` column
is yes).
Seed 16 was judged on the current tagger of its day only, seeds 17 and 18 on 7f6af50's, seed
19 on ddf3e25's and seed 20 on 58145a9's (rows tagged_by that commit), so they have no `cues`
figure. Seeds 17 and 18 had a second judge; `judge-2` sums them. Seeds 19 and 20 were judged
in later sessions, held out from every rule (`judge-3`). Seeds 21 and 22 were judged by a
fourth judge on c874b08's topics, without knowing the two-mention rule (`judge-4`); seeds 23
and 24 by a fifth judge on a702b4d's topics (the two-mention rule), judged once
(`judge-5`); seeds 25 and 26 by a sixth judge on 6f9e265's topics (the same rule), before
this tagger's rule was scored on them (`judge-6`); seeds 27 to 30 by a seventh judge on this
tagger's topics (a7dfa83: the rule that a topic named twice by two cues waits for the
article), judged once (`judge-7`).
"""
import collections
import os
import sys

# Per tagger, the samples judged once, after its rules were final.
HELD_OUT = {"before": set(), "cues": {"12", "13"}, "7f6af50": set(), "c874b08": {"21", "22"},
            "a702b4d": {"23", "24", "25", "26"}, "current": {"25", "26", "27", "28", "29", "30"}}
CURRENT_ONLY = {"16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28",
                "29", "30"}
SECOND_JUDGE = {"17", "18"}
THIRD_JUDGING = {"19", "20"}
FOURTH_JUDGE = {"21", "22"}
FIFTH_JUDGE = {"23", "24"}
SIXTH_JUDGE = {"25", "26"}
SEVENTH_JUDGE = {"27", "28", "29", "30"}
FRESH = {"21", "22", "23", "24", "25", "26", "27", "28", "29", "30"}
# Groups of samples reported together besides each seed.
GROUPS = (("judge-2", SECOND_JUDGE), ("judge-3", THIRD_JUDGING), ("judge-4", FOURTH_JUDGE),
          ("judge-5", FIFTH_JUDGE), ("judge-6", SIXTH_JUDGE), ("judge-7", SEVENTH_JUDGE),
          ("fresh", FRESH))
SIDES = ("before", "cues", "7f6af50", "c874b08", "a702b4d", "current")

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
        if tagged_by in ("7f6af50", "c874b08"):
            sides.append(tagged_by)
        if tagged_by in ("a702b4d", "6f9e265"):
            sides.append("a702b4d")
        if current == "yes":
            sides.append("current")
        for side in sides:
            keys = [(seed, side, "all"), (seed, side, source), ("all", side, "all")]
            if seed in HELD_OUT[side]:
                keys += [("held-out", side, "all"), ("held-out", side, source)]
            for group, seeds in GROUPS:
                if seed in seeds:
                    keys += [(group, side, "all"), (group, side, source)]
            for key in keys:
                counts[key + ("n",)] += 1
                counts[key + ("right",)] += judgment == "right"
print("%-8s %-8s %-8s %5s %5s %9s" % ("seed", "tagger", "source", "right", "tags", "precision"))
for seed in sorted({k[0] for k in counts}, key=lambda s: (not s.isdigit(), s)):
    for side in SIDES:
        for source in ("all", "corpora", "sotu"):
            n = counts[(seed, side, source, "n")]
            if n:
                r = counts[(seed, side, source, "right")]
                print("%-8s %-8s %-8s %5d %5d %9.3f" % (seed, side, source, r, n, r / n))

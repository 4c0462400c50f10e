#!/usr/bin/env python3
"""Draw the State of the Union passages of the held-out tag set, unannotated.

    tests/tags/sample-heldout.py [SOTU_DATA_DIR] > drawn-heldout-sotu.jsonl

The procedure of sample-gold.py (same passages, same cue words) with another seed (20)
and 15 passages per decade, 1945-2021: the first FOREIGN passages holding a cue word and
the first PLAIN without one. Passages already in tests/tags/gold (same id or same text)
are left out before the draw, so the held-out set shares no paragraph with the gold set
the tagger was tuned on. See tests/tags/ANNOTATION.md, "The held-out set".
"""
import importlib.util
import json
import os
import random
import sys

SEED = 20
FOREIGN, PLAIN = 13, 2
HERE = os.path.dirname(os.path.abspath(__file__))


def load_gold_sampler():
    spec = importlib.util.spec_from_file_location("sample_gold", os.path.join(HERE, "sample-gold.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_paragraphs():
    ids, texts = set(), set()
    gold = os.path.join(HERE, "gold")
    for name in sorted(os.listdir(gold)):
        if name.endswith(".jsonl"):
            with open(os.path.join(gold, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        g = json.loads(line)
                        ids.add(g["id"])
                        texts.add(" ".join(g["text"].split()))
    return ids, texts


def passage_id(address, number):
    return f"sotu-{address['year']}-{address['name'].split()[-1].lower()}-{number}"


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else None
    sampler = load_gold_sampler()
    data = data or sampler.DEFAULT_DIR
    gold_ids, gold_texts = gold_paragraphs()
    by_decade = {}
    for name in sorted(os.listdir(data)):
        if not name.endswith(".json") or not (1945 <= int(name[:4]) <= 2024):
            continue
        for address, number, text in sampler.passages(os.path.join(data, name)):
            if passage_id(address, number) in gold_ids or " ".join(text.split()) in gold_texts:
                continue
            by_decade.setdefault(address["year"] // 10 * 10, []).append((address, number, text))
    rng = random.Random(SEED)
    for decade in sorted(by_decade):
        pool = by_decade[decade]
        rng.shuffle(pool)
        foreign = [p for p in pool if sampler.CUES.search(p[2])][:FOREIGN]
        plain = [p for p in pool if not sampler.CUES.search(p[2])][:PLAIN]
        for address, number, text in sorted(foreign + plain, key=lambda p: (p[0]["year"], p[1])):
            print(json.dumps({
                "id": passage_id(address, number),
                "source": f"SOTU {address['year']} {address['name']}", "date": str(address["year"]),
                "lang": "en", "decade": f"{decade}s", "text": text, "actors": [],
                "contested": []}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

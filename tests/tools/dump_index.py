#!/usr/bin/python3
"""Prints a Parley index's contents in a form independent of docids and sharding, one
sorted line per paragraph, so that tests can compare two indexes exactly.

  dump_index.py INDEX           every term (wdf, positions), value and the data
  dump_index.py INDEX facets    the paragraph id, actor/topic terms and facet slot
  dump_index.py INDEX check     "ok" if every article holds all its paragraphs, else the
                                articles that do not (a torn commit would show here)
"""
import sys

import xapian


def paragraph_id(doc):
    for t in doc.termlist():
        if t.term.startswith(b"Q"):
            return t.term
    return b"?"


def main():
    db = xapian.Database(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "all"
    if mode == "check":
        bad = []
        for t in db.allterms(b"XI:"):
            first = next(iter(db.postlist(t.term)))
            doc = db.get_document(first.docid)
            # The record holds the paragraph count right after the id (see
            # paragraph_record.cpp); counting Q terms of the article is simpler.
            qs = [x.term for x in db.allterms(b"Q" + t.term[3:] + b"#")]
            if len(qs) != t.termfreq:
                bad.append(t.term.decode())
        print("ok" if not bad else "torn: " + ", ".join(bad))
        return
    lines = []
    for posting in db.postlist(b""):
        doc = db.get_document(posting.docid)
        if mode == "facets":
            tags = sorted(t.term for t in doc.termlist() if t.term[:3] in (b"XA:", b"XT:"))
            lines.append(repr((paragraph_id(doc), tags, doc.get_value(2))))
            continue
        terms = []
        for t in doc.termlist():
            positions = list(db.positionlist(posting.docid, t.term)) if t.wdf else []
            terms.append((t.term, t.wdf, positions))
        values = [(v.num, v.value) for v in doc.values()]
        lines.append(repr((paragraph_id(doc), terms, values, doc.get_data())))
    lines.sort()
    sys.stdout.write("\n".join(lines) + "\n")


main()

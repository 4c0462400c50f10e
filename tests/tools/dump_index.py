#!/usr/bin/python3
"""Prints a Parley index's contents in a form independent of docids and sharding, one
sorted line per paragraph, so that tests can compare two indexes exactly.

  dump_index.py INDEX           every term (wdf, positions), value and the data, and
                                every article record
  dump_index.py INDEX facets    the paragraph id and its actor/topic terms
  dump_index.py INDEX check     "ok" if every article holds all its paragraphs, else the
                                articles that do not (a torn commit would show here)
  dump_index.py INDEX articles  one line per article and shard holding it: the shard, the
                                article id, the paragraphs the shard holds for it and the
                                paragraph count its record there states (-1 without a
                                record), tab-separated
  dump_index.py INDEX shard-facets
                                one line per paragraph: its shard, the gazetteer fingerprint
                                that shard records, and the line "facets" prints for it,
                                tab-separated
  dump_index.py INDEX stale-topics
                                writes to the index: every paragraph's topic terms removed
                                and tagging rules 0 recorded in every shard, as an index
                                tagged by an earlier Parley's rules would look to retag;
                                prints how many paragraphs lost topics
  dump_index.py INDEX no-mentions
                                writes to the index: every paragraph's mentioned-topic
                                terms removed and tagging rules 4 recorded, as Parley left
                                an index before it kept topics named in passing; prints how
                                many paragraphs lost them
"""
import os
import sys

import xapian


def varint(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def record_head(data):
    """Article id and the number after it: the paragraph number of a paragraph record, the
    paragraph count of an article record (see core/schema/paragraph_record.cpp)."""
    n, at = varint(data, 1)
    article = data[at:at + n]
    number, _ = varint(data, at + n)
    return article, number


def paragraph_id(doc):
    article, number = record_head(doc.get_data())
    return article + b"#" + str(number).encode()


def shard_names(index):
    """The shard directories the index's stub lists, in its order."""
    with open(os.path.join(index, "XAPIANDB")) as stub:
        return [line.split()[1] for line in stub if len(line.split()) == 2]


def shards(index):
    """Each shard of an index on its own: a combined database reads metadata (where the
    article records are) from its first shard only."""
    return [xapian.Database(os.path.join(index, name)) for name in shard_names(index)]


def article_record(index_shards, key):
    for shard in index_shards:
        record = shard.get_metadata(key)
        if record:
            return record
    return b""


def remove_terms(index, prefix, rules):
    changed = 0
    for name in shard_names(index):
        shard = xapian.WritableDatabase(os.path.join(index, name), xapian.DB_OPEN)
        for posting in shard.postlist(b""):
            doc = shard.get_document(posting.docid)
            topics = [t.term for t in doc.termlist() if t.term.startswith(prefix)]
            if not topics:
                continue
            for term in topics:
                doc.remove_term(term)
            shard.replace_document(posting.docid, doc)
            changed += 1
        shard.set_metadata(b"parley:tagging-rules", rules)
        shard.commit()
        shard.close()
    print(changed)


def main():
    if len(sys.argv) > 2 and sys.argv[2] == "stale-topics":
        remove_terms(sys.argv[1], b"XT:", b"0")
        return
    if len(sys.argv) > 2 and sys.argv[2] == "no-mentions":
        remove_terms(sys.argv[1], b"XM:", b"4")
        return
    db = xapian.Database(sys.argv[1])
    index_shards = shards(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "all"
    if mode == "check":
        bad = []
        for t in db.allterms(b"XI:"):
            record = article_record(index_shards, b"A:" + t.term[3:])
            if not record or record_head(record)[1] != t.termfreq:
                bad.append(t.term.decode())
        print("ok" if not bad else "torn: " + ", ".join(bad))
        return
    if mode == "articles":
        lines = []
        for name, shard in zip(shard_names(sys.argv[1]), index_shards):
            counts = {t.term[3:]: t.termfreq for t in shard.allterms(b"XI:")}
            for key in shard.metadata_keys(b"A:"):
                counts.setdefault(key[2:], 0)
            for article, paragraphs in counts.items():
                record = shard.get_metadata(b"A:" + article)
                stated = record_head(record)[1] if record else -1
                lines.append("%s\t%s\t%d\t%d" % (name, article.decode(), paragraphs, stated))
        lines.sort()
        sys.stdout.write("".join(line + "\n" for line in lines))
        return
    if mode == "shard-facets":
        lines = []
        for name, shard in zip(shard_names(sys.argv[1]), index_shards):
            fingerprint = shard.get_metadata(b"parley:gazetteer-fingerprint").decode()
            for posting in shard.postlist(b""):
                doc = shard.get_document(posting.docid)
                tags = sorted(t.term for t in doc.termlist() if t.term[:3] in (b"XA:", b"XK:", b"XT:", b"XM:"))
                lines.append("%s\t%s\t%r" % (name, fingerprint, (paragraph_id(doc), tags)))
        lines.sort()
        sys.stdout.write("".join(line + "\n" for line in lines))
        return
    lines = []
    for posting in db.postlist(b""):
        doc = db.get_document(posting.docid)
        if mode == "facets":
            tags = sorted(t.term for t in doc.termlist() if t.term[:3] in (b"XA:", b"XK:", b"XT:", b"XM:"))
            lines.append(repr((paragraph_id(doc), tags)))
            continue
        terms = []
        for t in doc.termlist():
            positions = list(db.positionlist(posting.docid, t.term)) if t.wdf else []
            terms.append((t.term, t.wdf, positions))
        values = [(v.num, v.value) for v in doc.values()]
        lines.append(repr((paragraph_id(doc), terms, values, doc.get_data())))
    if mode != "facets":
        for shard in index_shards:
            for key in shard.metadata_keys(b"A:"):
                lines.append(repr((key, shard.get_metadata(key))))
    lines.sort()
    sys.stdout.write("\n".join(lines) + "\n")


main()

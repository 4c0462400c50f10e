#!/usr/bin/env python3
"""Helper for scripts/eval: TREC runs from Parley and from plain Xapian, and the report.

    eval_runs.py parley --search BIN --index DIR --queries TSV --run OUT --log OUT.json
                        [--jobs N] [--tag TAG] [--env NAME=VALUE]... [--first N]
                        [-- EXTRA_ARGS...]
    eval_runs.py xapian --docs JSONL --queries TSV --db DIR --run OUT --log OUT.json
                        [--prf-run OUT --prf-log OUT.json]
    eval_runs.py report --out DIR --eval-dir DIR --collections a,b --engines e1,e2,...

`parley` runs every query through the real parley-search binary (one process per query)
and writes its article order as a TREC run. `xapian` is the baseline, plain Xapian BM25
(TermGenerator and QueryParser with the English stemmer, OP_OR, BM25Weight defaults); it
needs the xapian module (Debian's python3-xapian), so scripts/eval runs it with
/usr/bin/python3. With --prf-run it also writes Xapian's own pseudo-relevance feedback: the
10 best documents of that BM25 run as the relevance set, the 20 stems Xapian's expand set
ranks highest (Enquire.get_eset) ORed to the query, BM25 again: the issue's "Xapian +
pseudo-relevance feedback" baseline (it reproduces its Cranfield 0.306 and CISI 0.203).
`report` scores the runs with trec_eval.py and prints the table.
Everything else is Python 3 standard library.

Both engines get the same query text, sanitised so that Parley reads it as plain words:
'"', '(', ')', ':', '*' and typographic quotes become spaces, leading '+'/'-' are dropped,
'&&'/'||' are dropped and capitalised operator words are lower-cased.

Run lines carry a synthetic score (1001 - rank), strictly decreasing, so that
trec_eval's re-sort (score, then docid) keeps each engine's own order.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

LIMIT = 1000
MEASURES = [  # trec_eval name, table heading
    ("map", "MAP"),
    ("ndcg_cut_10", "nDCG@10"),
    ("P_10", "P@10"),
    ("recall_100", "R@100"),
    ("recip_rank", "MRR"),
]
ENGINE_LABELS = {
    "parley": "parley (--rank auto)",
    "parley-words": "parley --rank words",
    "parley-no-feedback": "parley --no-feedback",
    "xapian": "xapian BM25",
    "xapian-prf": "xapian BM25 + PRF",
}
# Xapian's feedback baseline: documents lending terms, and terms added.
PRF_DOCUMENTS, PRF_TERMS = 10, 20

_SPECIAL = re.compile('["()*:\u201c\u201d\u201e]')
# Parley reads AND/OR/NOT (and && ||) as operators; Xapian's QueryParser also XOR/NEAR/ADJ.
_OPERATORS = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}


def sanitise(text):
    """Query text as plain words for both Parley's and Xapian's query parsers."""
    words = []
    for w in _SPECIAL.sub(" ", text).split():
        w = w.lstrip("+-")
        if w in ("&&", "||") or not w:
            continue
        words.append(w.lower() if w in _OPERATORS else w)
    return " ".join(words)


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            qid, sep, text = line.partition("\t")
            if not sep or not qid.strip():
                sys.exit("eval_runs.py: %s:%d: expected 'qid<TAB>text'" % (path, n))
            queries.append((qid.strip(), text))
    return queries


def write_run(path, qid_docs, tag):
    """qid_docs: [(qid, [docid, ...])] in engine order."""
    with open(path, "w", encoding="utf-8") as f:
        for qid, docs in qid_docs:
            for rank, doc in enumerate(docs[:LIMIT], 1):
                f.write("%s Q0 %s %d %d %s\n" % (qid, doc, rank, LIMIT + 1 - rank, tag))


# ---------------------------------------------------------------- parley


def parley_one(search, index, extra_args, env, qid, raw):
    query = sanitise(raw)
    cmd = [search, "--index", index, "--json", "--limit", str(LIMIT), "--facets", "none",
           "--no-snippets", "--group-by", "article", "--lenient"] + extra_args + ["--", query]
    entry = {"query": query, "docs": [], "total": None, "notes": [], "error": None,
             "duplicates": 0, "order_anomalies": 0}
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    except (OSError, subprocess.SubprocessError) as e:
        entry["error"] = "could not run parley-search: %s" % e
        return qid, entry
    try:
        result = json.loads(p.stdout) if p.stdout.strip() else None
    except ValueError:
        result = None
    # Exit 1 with a JSON answer is "no hits"; anything else without one is a failure.
    if result is None or p.returncode not in (0, 1):
        err = (p.stderr.strip() or p.stdout.strip() or "no output").splitlines()
        entry["error"] = "exit %d: %s" % (p.returncode, err[-1] if err else "")
        return qid, entry
    entry["total"] = result.get("total")
    entry["parsed"] = result.get("parsed")
    entry["notes"] = list(result.get("notes") or [])
    seen = set()
    prev = None
    for i, hit in enumerate(result.get("hits") or [], 1):
        doc = str(hit.get("article_id", ""))
        if hit.get("rank") != i:
            entry["order_anomalies"] += 1
        # Relevance order: the score never increases down the list (it is the value hits
        # are ordered by, under every --rank; words-first folds the word count into it).
        score = hit.get("score") or 0.0
        if prev is not None and score > prev + 1e-9:
            entry["order_anomalies"] += 1
        prev = score
        if not doc or doc in seen:
            entry["duplicates"] += 1
            continue
        seen.add(doc)
        entry["docs"].append(doc)
    return qid, entry


def cmd_parley(a):
    env = os.environ.copy()
    for kv in a.env:
        name, _, value = kv.partition("=")
        env[name] = value
    extra = [x for x in a.extra if x != "--"]
    queries = read_queries(a.queries)
    if a.first:
        queries = queries[:a.first]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        results = dict(pool.map(lambda q: parley_one(a.search, a.index, extra, env, *q), queries))
    elapsed = time.monotonic() - start
    write_run(a.run, [(qid, results[qid]["docs"]) for qid, _ in queries], a.tag)
    log = {"engine": a.tag, "command_extra": extra, "env": a.env, "seconds": round(elapsed, 2),
           "queries": {qid: {k: v for k, v in results[qid].items() if k != "docs"}
                       | {"returned": len(results[qid]["docs"])} for qid, _ in queries}}
    with open(a.log, "w", encoding="utf-8") as f:
        json.dump(log, f, indent=1, sort_keys=True)
    failed = sum(1 for e in results.values() if e["error"])
    print("  %-30s %3d queries, %d failed, %.1f s" % (ENGINE_LABELS.get(a.tag, a.tag),
                                                     len(queries), failed, elapsed),
          file=sys.stderr)
    return 0


# ---------------------------------------------------------------- xapian baseline


def cmd_xapian(a):
    if bool(a.prf_run) != bool(a.prf_log):
        sys.exit("eval_runs.py: --prf-run and --prf-log go together")
    try:
        import xapian
    except ImportError:
        sys.exit("eval_runs.py: no xapian module in %s (install Debian's python3-xapian)"
                 % sys.executable)
    start = time.monotonic()
    stemmer = xapian.Stem("english")
    db = xapian.WritableDatabase(a.db, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(stemmer)
    ndocs = 0
    with open(a.docs, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d.get("title") or "")
            tg.increase_termpos()
            tg.index_text(d.get("text") or "")
            doc.set_data(str(d["id"]))
            idterm = "Q" + str(d["id"])
            doc.add_boolean_term(idterm)
            db.replace_document(idterm, doc)
            ndocs += 1
    db.commit()
    qp = xapian.QueryParser()
    qp.set_stemmer(stemmer)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())

    class Stems(xapian.ExpandDecider):
        # Stemmed terms only (Z prefix), as the query's words are searched.
        def __call__(self, term):
            return term.startswith(b"Z")

    stems = Stems()
    runs, log, prf_runs, prf_log = [], {}, [], {}
    for qid, raw in read_queries(a.queries):
        query = sanitise(raw)
        parsed = qp.parse_query(query)
        enquire.set_query(parsed)
        mset = enquire.get_mset(0, LIMIT)
        docs = [m.document.get_data().decode("utf-8") for m in mset]
        runs.append((qid, docs))
        log[qid] = {"query": query, "returned": len(docs),
                    "total": mset.get_matches_estimated(), "error": None, "notes": []}
        if not a.prf_run:
            continue
        rset = xapian.RSet()
        for m in list(mset)[:PRF_DOCUMENTS]:
            rset.add_document(m.docid)
        added = [t.term for t in enquire.get_eset(PRF_TERMS, rset, stems)] if mset.size() else []
        if added:
            enquire.set_query(xapian.Query(xapian.Query.OP_OR, parsed,
                                           xapian.Query(xapian.Query.OP_OR, added)))
            mset = enquire.get_mset(0, LIMIT)
            docs = [m.document.get_data().decode("utf-8") for m in mset]
        prf_runs.append((qid, docs))
        prf_log[qid] = {"query": query, "returned": len(docs),
                        "total": mset.get_matches_estimated(), "error": None,
                        "notes": [], "added": [t.decode("utf-8") for t in added]}
    elapsed = time.monotonic() - start

    def save(engine, run_path, engine_runs, log_path, engine_log):
        write_run(run_path, engine_runs, engine)
        with open(log_path, "w", encoding="utf-8") as f:
            json.dump({"engine": engine, "documents": ndocs, "xapian": xapian.version_string(),
                       "seconds": round(elapsed, 2), "queries": engine_log}, f, indent=1,
                      sort_keys=True)

    save("xapian", a.run, runs, a.log, log)
    if a.prf_run:
        save("xapian-prf", a.prf_run, prf_runs, a.prf_log, prf_log)
    print("  %-30s %3d queries, %d docs, %.1f s (Xapian %s)" % (
        "xapian BM25" + (" and + PRF" if a.prf_run else ""), len(runs), ndocs, elapsed,
        xapian.version_string()), file=sys.stderr)
    return 0


# ---------------------------------------------------------------- report


def trec_eval(trec, qrels, run):
    """(means, {qid: {measure: value}}) from trec_eval.py -c --json and -c -q."""
    def call(*flags):
        p = subprocess.run([sys.executable, trec, *flags, "-c", qrels, run],
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("eval_runs.py: trec_eval.py failed on %s: %s" % (run, p.stderr.strip()))
        return p.stdout
    means = json.loads(call("--json"))
    per_q = {}
    for line in call("-q").splitlines():
        t = line.split()
        if len(t) == 3 and t[1] != "all":
            per_q.setdefault(t[1], {})[t[0]] = float(t[2])
    return means, per_q


def randomisation_p(a, b, trials=10000, seed=20240601):
    """Two-sided paired randomisation test on the mean difference (fixed seed)."""
    diffs = [x - y for x, y in zip(a, b)]
    if not diffs:
        return 1.0
    observed = abs(sum(diffs))
    rng = random.Random(seed)
    hits = 0
    for _ in range(trials):
        s = sum(d if rng.random() < 0.5 else -d for d in diffs)
        if abs(s) >= observed - 1e-12:
            hits += 1
    return (hits + 1) / (trials + 1)


def note_kind(note):
    """Group Parley notes by their fixed wording."""
    return re.split(r"[:'\d]", note, maxsplit=1)[0].strip() or note


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cmd_report(a):
    out = a.out
    runs_dir = os.path.join(out, "runs")
    trec = os.path.join(a.eval_dir, "trec_eval.py")
    engines = [e for e in a.engines.split(",") if e]
    results = {"settings": {
        "limit": LIMIT, "trec_eval": "trec_eval.py -c (queries with qrels but no hits score 0)",
        "parley_command": "parley-search --index DIR --json --limit 1000 --facets none "
                          "--no-snippets --group-by article --lenient [VARIANT] -- QUERY",
        "xapian": "TermGenerator+QueryParser, Stem('english'), STEM_SOME, OP_OR, BM25Weight()",
        "xapian-prf": "the same, then OR the %d stems of Enquire.get_eset over its %d best "
                      "documents, BM25Weight() again" % (PRF_TERMS, PRF_DOCUMENTS),
        "query_text": "sanitised: \" ( ) : * and typographic quotes -> space, leading +/- "
                      "dropped, AND/OR/NOT lower-cased"},
        "collections": {}, "observations": []}
    lines = []
    pair_labels = [("parley", "xapian", "parley - xapian"),
                   ("parley-words", "xapian", "parley --rank words - xapian"),
                   ("parley-no-feedback", "xapian", "parley --no-feedback - xapian"),
                   ("parley", "xapian-prf", "parley - xapian PRF"),
                   ("parley", "parley-no-feedback", "parley - parley --no-feedback")]
    w_label = max([len(ENGINE_LABELS.get(e, e)) for e in engines] +
                  [len(p[2]) for p in pair_labels if p[0] in engines and p[1] in engines])
    head = "%-10s  %-*s  %7s" % ("collection", w_label, "engine", "queries") + "".join(
        "  %8s" % h for _, h in MEASURES)
    lines.append("Ranking quality: Parley vs Xapian BM25, plain and with feedback (scripts/eval)")
    lines.append("trec_eval.py -c, top %d per query; Parley: --group-by article, default "
                 "ranking unless named" % LIMIT)
    lines.append("")
    lines.append(head)
    lines.append("-" * len(head))
    obs = []
    for coll in a.collections.split(","):
        qrels = os.path.join(a.eval_dir, coll, "qrels.txt")
        cres = {"engines": {}, "differences": {}}
        per_q_all = {}
        index_summary = os.path.join(runs_dir, "%s.index.json" % coll)
        if os.path.exists(index_summary):
            s = load_json(index_summary)
            cres["parley_index"] = {"articles_indexed": s.get("articles", {}).get("indexed"),
                                    "paragraphs": s.get("paragraphs"),
                                    "skipped": s.get("skipped", {})}
            if s.get("paragraphs") == s.get("articles", {}).get("indexed"):
                obs.append("%s: every article is one paragraph in Parley's index, so "
                           "--group-by article changes nothing here" % coll)
            if s.get("skipped_total"):
                obs.append("%s: parley-index skipped %d document(s) (%s); the Xapian baseline "
                           "indexes every line" % (coll, s["skipped_total"], ", ".join(
                               "%s: %d" % kv for kv in sorted(s.get("skipped", {}).items()))))
        for eng in engines:
            run = os.path.join(runs_dir, "%s.%s.run" % (coll, eng))
            logp = os.path.join(runs_dir, "%s.%s.log.json" % (coll, eng))
            if not os.path.exists(run):
                continue
            means, per_q = trec_eval(trec, qrels, run)
            log = load_json(logp) if os.path.exists(logp) else {"queries": {}}
            qlog = log.get("queries", {})
            failed = sorted((q for q, e in qlog.items() if e.get("error")), key=_qkey)
            nohits = sorted((q for q, e in qlog.items()
                             if not e.get("error") and not e.get("returned")), key=_qkey)
            truncated = sum(1 for e in qlog.values() if (e.get("total") or 0) > LIMIT)
            anomalies = sum(e.get("order_anomalies", 0) for e in qlog.values())
            dups = sum(e.get("duplicates", 0) for e in qlog.values())
            kinds = {}
            for q, e in qlog.items():
                for n in e.get("notes", []):
                    kinds.setdefault(note_kind(n), set()).add(q)
            cres["engines"][eng] = {
                "label": ENGINE_LABELS.get(eng, eng), "means": means,
                "per_query": per_q, "failed_queries": failed, "no_hit_queries": nohits,
                "queries_with_more_than_limit_matches": truncated,
                "order_anomalies": anomalies, "duplicate_hits": dups,
                "notes": {k: sorted(v, key=_qkey) for k, v in sorted(kinds.items())},
                "seconds": log.get("seconds")}
            per_q_all[eng] = per_q
            lines.append("%-10s  %-*s  %7d" % (coll, w_label, ENGINE_LABELS.get(eng, eng),
                                               means["num_q"]) +
                         "".join("  %8.4f" % means[m] for m, _ in MEASURES))
            label = "%s/%s" % (coll, ENGINE_LABELS.get(eng, eng))
            if failed:
                obs.append("%s: %d query(ies) failed: %s; first error: %s" % (
                    label, len(failed), " ".join(failed[:20]), qlog[failed[0]]["error"]))
            if nohits:
                obs.append("%s: no hits for %d query(ies): %s" % (label, len(nohits),
                                                                 " ".join(nohits[:20])))
            if anomalies or dups:
                obs.append("%s: %d hit(s) out of relevance order, %d duplicate article(s)"
                           % (label, anomalies, dups))
            parley_kinds = cres["engines"].get("parley", {}).get("notes", {})
            for k, qs in sorted(kinds.items()):
                if eng != "parley" and sorted(qs, key=_qkey) == parley_kinds.get(k):
                    continue  # same query parsing as the default run: said once
                qs = sorted(qs, key=_qkey)
                obs.append("%s: note '%s' on %d of %d queries%s" % (
                    label, k, len(qs), len(qlog),
                    "" if len(qs) > 10 else ": " + " ".join(qs)))
        for x, y, label in pair_labels:
            if x not in per_q_all or y not in per_q_all:
                continue
            mx, my = cres["engines"][x]["means"], cres["engines"][y]["means"]
            qids = sorted(set(per_q_all[x]) & set(per_q_all[y]), key=_qkey)
            ax = [per_q_all[x][q]["map"] for q in qids]
            ay = [per_q_all[y][q]["map"] for q in qids]
            wins = sum(1 for u, v in zip(ax, ay) if u > v + 1e-9)
            losses = sum(1 for u, v in zip(ax, ay) if v > u + 1e-9)
            p = randomisation_p(ax, ay)
            diff = {m: round(mx[m] - my[m], 4) for m, _ in MEASURES}
            cres["differences"][label] = dict(diff, ap_wins=wins, ap_losses=losses,
                                              ap_ties=len(qids) - wins - losses,
                                              map_randomisation_p=round(p, 4))
            lines.append("%-10s  %-*s  %7s" % (coll, w_label, label, "") +
                         "".join("  %+8.4f" % diff[m] for m, _ in MEASURES))
            obs.append("%s: %s: AP better on %d, worse on %d, equal on %d queries; "
                       "MAP difference p %s %.4f (paired randomisation test, 10000 trials)"
                       % (coll, label, wins, losses, len(qids) - wins - losses,
                          "<=" if p < 2 / 10001 else "=", p))
        lines.append("")
        results["collections"][coll] = cres
    if lines[-1] == "":
        lines.pop()
    results["observations"] = obs
    lines.append("")
    lines.append("Observations:")
    lines.extend("- " + o for o in obs)
    results["observations"] += a.extra_note or []
    lines.extend("- " + o for o in (a.extra_note or []))
    report = "\n".join(lines) + "\n"
    with open(os.path.join(out, "report.txt"), "w", encoding="utf-8") as f:
        f.write(report)
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")
    sys.stdout.write(report)
    failed = any(e["failed_queries"] for c in results["collections"].values()
                 for e in c["engines"].values())
    return 1 if failed else 0  # failed queries still count (as 0) in the numbers above


def _qkey(q):
    return (0, int(q), q) if q.isdigit() else (1, 0, q)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parley")
    p.add_argument("--search", required=True)
    p.add_argument("--index", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--tag", default="parley")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for parley-search")
    p.add_argument("--first", type=int, default=0, help="only the first N queries (a probe)")
    p.add_argument("extra", nargs=argparse.REMAINDER, help="-- extra parley-search options")
    x = sub.add_parser("xapian")
    x.add_argument("--docs", required=True)
    x.add_argument("--queries", required=True)
    x.add_argument("--db", required=True)
    x.add_argument("--run", required=True)
    x.add_argument("--log", required=True)
    x.add_argument("--prf-run", help="also Xapian's pseudo-relevance feedback run")
    x.add_argument("--prf-log")
    r = sub.add_parser("report")
    r.add_argument("--out", required=True)
    r.add_argument("--eval-dir", required=True)
    r.add_argument("--collections", required=True)
    r.add_argument("--engines", required=True)
    r.add_argument("--extra-note", action="append", help="an observation line to add")
    a = ap.parse_args(argv)
    return {"parley": cmd_parley, "xapian": cmd_xapian, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

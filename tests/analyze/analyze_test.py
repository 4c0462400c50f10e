"""parley-analyze on the corpora, each view's numbers checked against counts made another way.

    analyze_test.py BUILD_DIR CORPORA_DIR

The other ways: parley-search --json totals with a date filter per bucket (timelines);
counts and formulas recomputed here from a full export (co-occurrence, the matrix, what
stands out); the documented burst method run here on the timeline; the stored article
(context). Then CSV quoting, NDJSON lines, usage errors, and an export of more than 10,000
hits from a generated archive, equal to search's exact total.
"""
import atexit, collections, csv, datetime, io, json, math, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, run  # noqa: E402

build, corpora = sys.argv[1], sys.argv[2]
index_bin = os.path.join(build, "indexer", "parley-index")
search_bin = os.path.join(build, "searcher", "parley-search")
analyze_bin = os.path.join(build, "searcher", "parley-analyze")


def analyze(index, view, *args, fmt="json"):
    out = run([analyze_bin, view, "--index", index, "--format", fmt, *args]).stdout
    return json.loads(out) if fmt == "json" else out


def total(index, query, *filters):
    cmd = [search_bin, "--index", index, "--json", "-n", "0", "--facets", "none"]
    for f in filters:
        cmd += ["--filter", f]
    p = run(cmd + ["--", query], expect=None)
    return json.loads(p.stdout)["total_paragraphs"]


def export(index, query, *filters, options=()):
    cmd = [analyze_bin, "export", "--index", index, "--format", "ndjson", *options]
    for f in filters:
        cmd += ["--filter", f]
    lines = run(cmd + ["--", query]).stdout.splitlines()
    return [json.loads(line) for line in lines]


work = tempfile.mkdtemp(prefix="parley-analyze-test-")
# Its indexes hold about 10 MB: removed however the run ends, a failed check included.
atexit.register(shutil.rmtree, work, ignore_errors=True)
index = os.path.join(work, "index")
run([index_bin, "--index", index, os.path.join(corpora, "articles")], expect=None)
archive_total = total(index, "")
check(archive_total > 300, "the corpora index holds %d paragraphs" % archive_total)

# --- timelines: every bucket against a date-filtered search ------------------------------
t = analyze(index, "timeline", "--interval", "month", "--series", "actor:China",
            "--series", "Taiwan")
check(len(t["series"]) == 2, "two series")
for series in t["series"]:
    buckets = series["buckets"]
    months = [b["label"] for b in buckets]
    expected, (y, m) = [], map(int, months[0].split("-"))
    while len(expected) < len(months):
        expected.append("%04d-%02d" % (y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    check(months == expected, "%s: months consecutive from %s to %s" % (series["name"], months[0],
                                                                         months[-1]))
    check(any(b["archive"] == 0 for b in buckets), "%s: empty months present" % series["name"])
    bad = []
    for b in buckets:
        if b["count"] != total(index, series["name"], "date:" + b["label"]):
            bad.append(b["label"] + " count")
        if b["archive"] != total(index, "", "date:" + b["label"]):
            bad.append(b["label"] + " archive")
        share = b["count"] / b["archive"] if b["archive"] else 0
        if abs(share - b["share"]) > 1e-9:
            bad.append(b["label"] + " share")
    check(not bad, "%s: every month's count, archive and share as search counts them %s"
          % (series["name"], bad[:5]))
    dated = sum(b["count"] for b in buckets)
    check(dated + series["undated"] == series["total"] == total(index, series["name"]),
          "%s: dated %d + undated %d = search total" % (series["name"], dated, series["undated"]))

w = analyze(index, "timeline", "--interval", "week", "--from", "2023-01", "--to", "2023-06",
            "actor:Russia")
weeks = w["series"][0]["buckets"]
ok = True
for a, b in zip(weeks, weeks[1:]):
    da, db = (datetime.date.fromisoformat(x["start"]) for x in (a, b))
    ok &= (db - da).days == 7
for b in weeks:
    d = datetime.date.fromisoformat(b["start"])
    iso = d.isocalendar()
    ok &= d.weekday() == 0 and b["label"] == "%04d-W%02d" % (iso[0], iso[1])
check(ok and len(weeks) >= 25, "weeks: %d ISO weeks, Mondays, 7 days apart" % len(weeks))
wsum = sum(b["count"] for b in weeks)
check(wsum == total(index, "actor:Russia", "date:2023-01..2023-06"),
      "weeks: counts add up to the search total in the range (%d)" % wsum)
y = analyze(index, "timeline", "--interval", "year", "--from", "2010", "--to", "2030")
check(len(y["series"][0]["buckets"]) == 21 and y["series"][0]["buckets"][0]["count"] == 0,
      "years: a fixed range of 21 years, empty years present")

# The whole archive is answered from per-version counts, not a walk over the matches: the
# same numbers as a filter that matches everything but is no empty query.
for view, extra in (("timeline", ["--interval", "month"]), ("cooccur", ["-n", "0"]),
                    ("cooccur", ["-n", "0", "--level", "article"])):
    fast = run([analyze_bin, "--index", index, "--format", "json", view, *extra]).stdout
    slow = analyze(index, view, *extra, "--filter=-qqqzzzxx")
    fast = json.loads(fast)
    key = "series" if view == "timeline" else "items"
    if view == "timeline":  # named after what they count: "all", and the filter
        check([s.pop("name") for s in fast[key]] == ["all"] and
              [s.pop("name") for s in slow[key]] == ["-qqqzzzxx"],
              "timeline series named all, and after the filter of a query of filters only")
    check(fast[key] == slow[key] and fast[key],
          "whole archive, %s %s: the cached counts equal a walk over every paragraph"
          % (view, " ".join(extra)))

# --- export: every paragraph, and the formats ------------------------------------------
everything = export(index, "")
check(len(everything) == archive_total, "export of the empty query: %d = search total %d"
      % (len(everything), archive_total))
keys = {(h["article_id"], h["paragraph"]) for h in everything}
check(len(keys) == len(everything), "export: each paragraph once")
check(all(h["text"] for h in everything), "export: every hit carries its text")
# Export's relevance order is search's, pseudo-relevance feedback included (on by default).
for query in ("sanctions oil", "naval drills AUKUS"):
    searched = json.loads(run([search_bin, "--index", index, "--json", "-n", "10", "--facets",
                               "none", "--no-snippets", "--duplicates", "--", query]).stdout)
    check(searched["feedback_stems"] != [], "search %r: feedback added words" % query)
    top = [(h["article_id"], h["paragraph"]) for h in searched["hits"]]
    exported = [(h["article_id"], h["paragraph"]) for h in export(index, query)[:10]]
    check(exported == top, "export %r: the first ten in search's order %s" % (query, exported))
# --rank and --no-feedback rank the export as they rank search (words-first puts other
# paragraphs first for these queries, so an export that ignored them would differ).
for query in ("sanctions oil", "China trade tariffs"):
    orders = {}
    for options in ((), ("--rank", "words"), ("--rank", "words", "--no-feedback"),
                    ("--no-feedback",)):
        searched = json.loads(run([search_bin, "--index", index, "--json", "-n", "10", "--facets",
                                   "none", "--no-snippets", "--duplicates", *options, "--",
                                   query]).stdout)
        top = [(h["article_id"], h["paragraph"]) for h in searched["hits"]]
        exported = export(index, query, options=options)[:10]
        fields = lambda hits: [(round(h["score"], 6), h["matched_terms"]) for h in hits]
        check([(h["article_id"], h["paragraph"]) for h in exported] == top and
              fields(exported) == fields(searched["hits"]),
              "export %s %r: search's first ten, scores and matched words"
              % (" ".join(options), query))
        orders[options] = top
    check(orders[()] != orders[("--rank", "words")],
          "%r: words-first ranks other paragraphs first than the default" % query)
bad_rank = run([analyze_bin, "export", "--index", index, "--rank", "best", "oil"], expect=2)
check("--rank must be auto, words or bm25" in bad_rank.stderr,
      "export --rank best: a usage error naming the choices")
csv_text = analyze(index, "export", "", fmt="csv")
rows = list(csv.DictReader(io.StringIO(csv_text)))
by_key = {(h["article_id"], h["paragraph"]): h for h in everything}
quoted = [r for r in rows if any(c in r["text"] for c in ',"\n')]
check(len(rows) == archive_total and quoted and all(
    r["text"] == by_key[(r["article_id"], int(r["paragraph"]))]["text"] for r in rows),
    "CSV: %d rows read back by a CSV reader, %d texts with commas or quotes intact"
    % (len(rows), len(quoted)))
check(all(r["actors"] == "; ".join(by_key[(r["article_id"], int(r["paragraph"]))]["actors"])
          for r in rows), "CSV: lists joined with '; '")
empty = {view: analyze(index, view, "zzzqqqxxw", fmt="csv") for view in ("export", "cooccur")}
check(empty["export"] == "rank,score,date,article_id,paragraph,title,authors,source,url,actors,"
      "topics,text\n" and empty["cooccur"].startswith("actor,together,") and
      empty["cooccur"].count("\n") == 1, "CSV of no matches: the header line alone")
dated = [h["date"] for h in export(index, "actor:China") if h["date"]]
by_date = [json.loads(l)["date"] for l in analyze(index, "export", "--sort", "date-asc",
                                                   "actor:China", fmt="ndjson").splitlines()]
by_date = [d for d in by_date if d]
check(by_date == sorted(dated), "export --sort date-asc: oldest first")

# --- co-occurrence against the export ---------------------------------------------------
actor_totals = collections.Counter(a for h in everything for a in set(h["actors"]))
for query in ["actor:AUKUS", "Taiwan"]:
    matched = export(index, query)
    c = analyze(index, "cooccur", "-n", "0", query)
    together = collections.Counter(a for h in matched for a in set(h["actors"]))
    n, m = archive_total, len(matched)
    bad = []
    for item in c["items"]:
        v = item["value"]
        pmi = math.log2(together[v] * n / (m * actor_totals[v]))
        if item["together"] != together[v] or item["total"] != actor_totals[v] or \
                abs(item["pmi"] - pmi) > 1e-9:
            bad.append(v)
    check(c["matches"] == m and not bad and len(c["items"]) == len(together),
          "cooccur %s: %d actors, counts and PMI as recomputed from the export %s"
          % (query, len(c["items"]), bad[:3]))
# Article level: an article has an actor when any paragraph has it.
articles = collections.defaultdict(set)
for h in everything:
    articles[h["article_id"]].update(h["actors"])
matched_articles = {h["article_id"] for h in export(index, "actor:AUKUS")}
c = analyze(index, "cooccur", "--level", "article", "-n", "0", "actor:AUKUS")
want = collections.Counter(a for art in matched_articles for a in articles[art])
check(c["matches"] == len(matched_articles) and c["archive"] == len(articles) and
      all(i["together"] == want[i["value"]] for i in c["items"]),
      "cooccur --level article: counts over articles as recomputed")
# The matrix, brute force over the matched paragraphs.
chosen = ["China", "Russia", "United States", "NATO"]
c = analyze(index, "cooccur", "--matrix", ",".join(chosen), "--filter", "topic:military", "")
matched = export(index, "", "topic:military")
bad = []
for cell in c["matrix"]:
    n_ab = sum(1 for h in matched if cell["row"] in h["actors"] and cell["column"] in h["actors"])
    if n_ab != cell["count"]:
        bad.append((cell["row"], cell["column"]))
check(len(c["matrix"]) == 16 and not bad, "matrix of 4 actors: 16 pair counts as brute force %s"
      % bad[:3])
# Aliases name their actors, as in actor: filters.
aliased = analyze(index, "cooccur", "--matrix", "PRC,russia,US,NATO", "--filter", "topic:military",
                  "")
check(aliased["matrix"] == c["matrix"] and not aliased["notes"],
      "matrix by aliases (PRC, russia, US): the same cells, no note")

# A value holding a comma is quoted whole in --matrix, and --matrix repeats.
comma_dir = os.path.join(work, "comma")
os.makedirs(comma_dir)
for name, source in (("a", "Smith, Jones & Co"), ("b", "Other Press")):
    with open(os.path.join(comma_dir, name + ".txt"), "w") as f:
        f.write("Title: Tariffs %s\nSource: %s\nDate: 2024-01-0%d\n\nTariffs on steel rose.\n"
                % (name, source, 1 if name == "a" else 2))
comma_index = os.path.join(work, "comma-index")
run([index_bin, "--index", comma_index, "--quiet", comma_dir])
for args in (['"Smith, Jones & Co",Other Press'], ['"Smith, Jones & Co"', "--matrix", "Other Press"]):
    m = analyze(comma_index, "cooccur", "--field", "source", "--matrix", *args, "")
    rows = sorted({cell["row"] for cell in m["matrix"]})
    check(rows == ["Other Press", "Smith, Jones & Co"] and not m["notes"],
          "--matrix %s: a value with a comma, quoted (%s, notes %s)" % (args, rows, m["notes"]))
bad_quote = run([analyze_bin, "cooccur", "--index", comma_index, "--field", "source", "--matrix",
                 '"Smith, Jones', ""], expect=2)
check("--matrix" in bad_quote.stderr and "open" in bad_quote.stderr,
      "--matrix with a quote left open is a usage error naming it: " + bad_quote.stderr.strip())
# Over HTTP, matrix takes the same quoting and repeats.
import re as _re, urllib.parse as _parse, urllib.request as _request
_serve = subprocess.Popen([os.path.join(build, "server", "parley-serve"), "--index", comma_index,
                           "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
try:
    _port = _re.search(r"127\.0\.0\.1:(\d+)/", _serve.stdout.readline()).group(1)
    for query in ([("matrix", '"Smith, Jones & Co",Other Press')],
                  [("matrix", '"Smith, Jones & Co"'), ("matrix", "Other Press")]):
        url = "http://127.0.0.1:%s/analyze/cooccur?field=source&%s" % (_port,
                                                                       _parse.urlencode(query))
        with _request.urlopen(url, timeout=60) as r:
            m = json.loads(r.read().decode())
        rows = sorted({cell["row"] for cell in m["matrix"]})
        check(rows == ["Other Press", "Smith, Jones & Co"] and not m["notes"],
              "GET /analyze/cooccur %s: a value with a comma, quoted (%s)" % (query, rows))
finally:
    _serve.terminate()
    _serve.wait(timeout=30)

# --- what stands out, recomputed --------------------------------------------------------
def g2(a, n1, c, n2):
    tot, w = n1 + n2, a + c
    out = 0
    for o, e in ((a, n1 * w / tot), (n1 - a, n1 * (tot - w) / tot), (c, n2 * w / tot),
                 (n2 - c, n2 * (tot - w) / tot)):
        out += o * math.log(o / e) if o > 0 else 0
    return 2 * out


s = analyze(index, "stands-out", "--field", "topic", "-n", "0", "--min-count", "1", "actor:Russia")
matched = export(index, "actor:Russia")
fg = collections.Counter(t for h in matched for t in set(h["topics"]))
bg = collections.Counter(t for h in everything for t in set(h["topics"]))
m, n = len(matched), archive_total
bad = [i["value"] for i in s["items"]
       if i["foreground"] != fg[i["value"]] or i["background"] != bg[i["value"]] or
       abs(i["score"] - g2(fg[i["value"]], m, bg[i["value"]] - fg[i["value"]], n - m)) > 1e-6]
over = [t for t in fg if fg[t] / m > (bg[t] - fg[t]) / (n - m)]
check(not bad and sorted(i["value"] for i in s["items"]) == sorted(over),
      "stands-out topics of actor:Russia: the %d over-represented topics, counts and G2 as "
      "recomputed %s" % (len(over), bad[:3]))
scores = [i["score"] for i in s["items"]]
check(scores == sorted(scores, reverse=True), "stands-out: highest G2 first")
s2 = analyze(index, "stands-out", "--field", "actor", "--background", "actor:China",
             "actor:Russia")
check(s2["background_total"] == total(index, "actor:China"), "stands-out --background: the "
      "second query's matches are the background")
words = analyze(index, "stands-out", "--field", "word", "AUKUS")
check(words["items"] and words["items"][0]["stem"] in ("aukus", "submarin"),
      "stands-out words of AUKUS: %s first" % (words["items"][0]["stem"] if words["items"] else None))
shown = {i["stem"]: i["value"] for i in words["items"]}
check(any(stem != form and form.startswith(stem) for stem, form in shown.items()),
      "stands-out words are shown as words, with their stems beside: %s" % list(shown.items())[:4])

# --- bursts: the documented method, run here on the timeline -----------------------------
b = analyze(index, "bursts", "--series", "actor:Taiwan", "--series", "actor:Ukraine",
            "--threshold", "2")
t = analyze(index, "timeline", "--series", "actor:Taiwan", "--series", "actor:Ukraine")
want = []
for series in t["series"]:
    bk, runs = series["buckets"], []
    for i, x in enumerate(bk):
        prev = bk[max(0, i - 6):i]
        arch = sum(p["archive"] for p in prev)
        z = None
        if len(prev) >= 3 and arch > 0 and x["count"] >= 3:
            p0 = sum(p["count"] for p in prev) / arch
            n_i = x["archive"]
            p0 = p0 if p0 > 0 else 0.5 / n_i
            z = (x["count"] - n_i * p0) / math.sqrt(n_i * p0 * (1 - p0)) if p0 < 1 else 0
        if z is not None and z >= 2:
            if runs and runs[-1][1] == i - 1:
                runs[-1][1] = i
            else:
                runs.append([i, i])
    want += [(series["name"], bk[r[0]]["start"]) for r in runs]
got = [(x["series"], x["from"]) for x in b["bursts"]]
check(got == want and got, "bursts: %d bursts, as the documented z-score finds them" % len(got))
check(all(0 < len(x["hits"]) <= 3 and all(x["from"] <= h["date"] <= x["to"] for h in x["hits"])
          for x in b["bursts"]), "bursts: up to 3 paragraphs each, dated within the burst")

# --- context and more like this ---------------------------------------------------------
art = max(articles, key=lambda a: sum(1 for h in everything if h["article_id"] == a))
paras = sorted((h for h in everything if h["article_id"] == art), key=lambda h: h["paragraph"])
c = analyze(index, "context", "--before", "1", "--after", "2", art, "3")
check([p["paragraph"] for p in c["paragraphs"]] == [2, 3, 4, 5] and
      [p["text"] for p in c["paragraphs"]] == [h["text"] for h in paras[1:5]],
      "context %s#3: paragraphs 2-5, the stored text" % art)
c = analyze(index, "context", "%s#1" % art)
check([p["paragraph"] for p in c["paragraphs"]] == [1, 2, 3], "context at the start: 1-3")
p = run([analyze_bin, "context", "--index", index, art, "999"], expect=1)
check("no paragraph 999" in p.stderr, "context of a missing paragraph: exit 1, said")
# On a shard set answering without a shard, a paragraph not found may be on that shard.
partial = ["--shard", "live=" + index, "--shard", "down=tcp://127.0.0.1:1", "--shard-timeout",
           "300", "--allow-partial"]
for view in ("context", "more-like"):
    p = run([analyze_bin, view, *partial, "no-such-article", "1"], expect=1)
    check("no paragraph 1 in article 'no-such-article'" in p.stderr and
          "shard down did not answer and may hold it" in p.stderr,
          "%s of a paragraph not on the shards that answered: exit 1, the missing shard named: %r"
          % (view, p.stderr.strip()))
like = analyze(index, "more-like", "-n", "5", art, "3")
check(0 < len(like["hits"]) <= 5 and all(h["article_id"] != art for h in like["hits"]),
      "more-like: %d paragraphs, none from the same article" % len(like["hits"]))
# The Harbour Review republished a Meridian Review op-ed: more-like from one leaves out the
# other (the same text would rank first) and counts the articles it finds.
copies = os.path.join(work, "copies")
run([index_bin, "--index", copies, os.path.join(corpora, "html"), os.path.join(corpora, "feeds")],
    expect=None)
like = analyze(copies, "more-like", "-n", "1000", "harbour-review-2024-0223", "3")
ids = [h["article_id"] for h in like["hits"]]
check(ids and not {"harbour-review-2024-0223",
                   "https://meridian-review.example/2024/02/red-sea-warships-alone"} & set(ids),
      "more-like: %d paragraphs, none from the article or its republished copy" % len(ids))
check(like["total"] == len(ids) and like["total_articles"] == len(set(ids)) > 1,
      "more-like: totals %d paragraphs in %d articles, as listed" %
      (like["total"], like["total_articles"]))
# A hit whose article was republished names the copy folded into it, as search hits do.
like = analyze(copies, "more-like", "-n", "1000", "harbour-review-2024-0117", "1")
pair = {"harbour-review-2024-0223",
        "https://meridian-review.example/2024/02/red-sea-warships-alone"}
named = [(h["article_id"], [r["article_id"] for r in h.get("republished", [])])
         for h in like["hits"] if h["article_id"] in pair]
check(named and all(len(r) == 1 and {a, r[0]} == pair for a, r in named),
      "more-like: %d hits of the republished op-ed, each naming its copy" % len(named))

# --- usage errors name the option -------------------------------------------------------
for args, word in ((["timeline", "--interval", "fortnight"], "--interval"),
                   (["timeline", "--from", "2021-13"], "2021-13"),
                   (["stands-out", "--field", "colour"], "colour"),
                   (["cooccur", "--level", "sentence"], "--level"),
                   (["tally"], "tally"),
                   (["timeline", "actr:China"], "actr"),
                   (["bursts", "--threshold", "nan"], "--threshold"),
                   (["bursts", "--threshold", "-100"], "--threshold"),
                   (["bursts", "--paragraphs", "100000"], "--paragraphs")):
    p = run([analyze_bin, *args, "--index", index], expect=2)
    check(word in p.stderr, "%s: exit 2, names %s" % (" ".join(args), word))

# --- tables go to a terminal: control characters from the text are shown escaped --------
hostile = os.path.join(work, "hostile.jsonl")
with open(hostile, "w") as f:
    f.write(json.dumps({"id": "n1", "title": "T\u001b[1m", "authors": ["Zo\u00eb \u001b[31mRed"],
                        "date": "2023-05-01",
                        "paragraphs": ["China held drills with a \u001b[2J escape."]}) + "\n")
hostile_index = os.path.join(work, "hostile-index")
run([index_bin, "--index", hostile_index, "--quiet", hostile])
for args in (["export"], ["context", "n1", "1"], ["cooccur", "--field", "author"]):
    out = run([analyze_bin, args[0], "--index", hostile_index, *args[1:]]).stdout
    check("\x1b" not in out and "\\x1b" in out,
          "%s table: control characters escaped, not sent" % " ".join(args))
# A CSV carries no raw control character (a NUL stops Python's csv module; spreadsheets show
# nothing): each is U+FFFD. NDJSON escapes them, so it keeps the text exactly.
csv_out = run([analyze_bin, "export", "--index", hostile_index, "--format", "csv"]).stdout
check("\x1b" not in csv_out and "\ufffd[2J" in csv_out,
      "export --format csv writes a control character as U+FFFD, never raw")
ndjson_out = run([analyze_bin, "export", "--index", hostile_index, "--format", "ndjson"]).stdout
check("\x1b" not in ndjson_out and
      "\x1b[2J" in json.loads(ndjson_out.splitlines()[0])["text"],
      "export --format ndjson keeps the text as it is, escaped (data, not display)")

# --- more than 10,000 hits: export has no cap -------------------------------------------
big = os.path.join(work, "big.jsonl")
with open(big, "w") as f:
    for i in range(2200):
        paragraphs = ["Paragraph %d of dispatch %d on naval drills and shipping lanes, number %d."
                      % (j, i, i * 7 + j) for j in range(5)]
        f.write(json.dumps({"id": "gen-%d" % i, "title": "Dispatch %d" % i,
                            "date": "20%02d-%02d-01" % (10 + i % 12, 1 + i % 12),
                            "paragraphs": paragraphs}) + "\n")
big_index = os.path.join(work, "big-index")
run([index_bin, "--index", big_index, big], expect=None)
want = total(big_index, "naval drills")
p = run([search_bin, "--index", big_index, "-n", "10001", "naval"], expect=2)
lines = run([analyze_bin, "export", "--index", big_index, "--format", "ndjson",
             "naval drills"]).stdout.splitlines()
ranks = [json.loads(l)["rank"] for l in lines]
check(want > 10000 and len(lines) == want and ranks == list(range(1, want + 1)),
      "export of %d hits (search caps a page at 10,000): every one, ranked 1..%d" % (want, want))

# --- the same over HTTP: a view answers as the CLI does; the export pages with a cursor ----
import re, urllib.error, urllib.request
serve_bin = os.path.join(build, "server", "parley-serve")


def start_server(*options):
    """parley-serve on the big index and a free port: (process, port)."""
    process = subprocess.Popen([serve_bin, "--index", big_index, "--listen", "127.0.0.1:0",
                                *options], stdout=subprocess.PIPE, text=True)
    return process, re.search(r"127\.0\.0\.1:(\d+)/", process.stdout.readline()).group(1)


server, port = start_server()
try:

    def get(target):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, target),
                                        timeout=60) as r:
                return r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            raise SystemExit("GET %s: %d %s" % (target, e.code, e.read().decode()))

    _, body = get("/analyze/timeline?q=naval&interval=year&series=dispatch")
    cli = analyze(big_index, "timeline", "--interval", "year", "--series", "dispatch", "naval")
    check(json.loads(body) == cli, "GET /analyze/timeline answers what parley-analyze prints")
    _, body = get("/analyze/timeline?q=naval&interval=year&format=csv")
    cli = analyze(big_index, "timeline", "--interval", "year", "naval", fmt="csv")
    check(body == cli and body.startswith("bucket,start,count,archive,share\n"),
          "GET /analyze/timeline?format=csv: the CSV parley-analyze --format csv prints")
    pages, target, got_lines = 0, "/analyze/export?q=naval%20drills&size=4000", []
    while target:
        headers, body = get(target)
        got_lines += body.splitlines()
        pages += 1
        link = headers.get("Link")
        target = re.match(r"<([^>]+)>", link).group(1) if link else None
        total_header = int(headers["X-Total-Count"])
    check(pages == 3 and total_header == want and got_lines == lines,
          "GET /analyze/export: %d pages of up to 4,000 through Link rel=next, the %d hits of "
          "the CLI export in the same order" % (pages, len(got_lines)))
    # rank and feedback as parley-analyze --rank and --no-feedback take them.
    _, body = get("/analyze/bursts?q=naval&interval=year&rank=words&feedback=false")
    cli = analyze(big_index, "bursts", "--interval", "year", "--rank", "words", "--no-feedback",
                  "naval")
    check(json.loads(body) == cli, "GET /analyze/bursts?rank=words&feedback=false answers what "
          "parley-analyze bursts --rank words --no-feedback prints")
    _, body = get("/analyze/export?q=naval%20drills&size=50&rank=words&feedback=false")
    cli = run([analyze_bin, "export", "--index", big_index, "--format", "ndjson", "--rank",
               "words", "--no-feedback", "--", "naval drills"]).stdout.splitlines()[:50]
    # Words-first scores carry its bonus for the words matched: not the default's scores.
    scores = lambda rows: [json.loads(l)["score"] for l in rows]
    check(body.splitlines() == cli and scores(cli) != scores(lines[:50]),
          "GET /analyze/export?rank=words&feedback=false: the CLI's words-first export")
    # A blank background is no background, whichever way it is spelled.
    years = ("stands-out", "--field", "year", "--filter", "date:2015..2016", "naval")
    archive = analyze(big_index, *years)
    blank = [json.loads(get("/analyze/stands-out?q=naval&field=year&filter=date:2015..2016"
                            "&background=" + b)[1]) for b in ("", "%20")]
    blank += [analyze(big_index, *years[:1], "--background", b, *years[1:]) for b in ("", " ")]
    check(archive["items"] and all(b == archive for b in blank),
          "stands-out with a blank background (HTTP and CLI, empty or a space): the whole "
          "archive's comparison")
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/analyze/bursts?threshold=high" % port)
        refused = ""
    except urllib.error.HTTPError as e:
        refused = json.loads(e.read().decode())["error"]
    check(refused == "parameter 'threshold' must be a number from 0 to 1000",
          "GET /analyze/bursts?threshold=high: 400 with the bounds as written: %r" % refused)
finally:
    server.terminate()
    server.wait(timeout=30)

# --- exports never take every worker: with 2 workers, one export at a time ---------------
import concurrent.futures, time
server, port = start_server("--threads", "2")
try:

    def status_of(target):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, target),
                                        timeout=120) as r:
                r.read()
                return r.status, None
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Retry-After")

    export = "/analyze/export?q=naval&size=50000&snippets=true"
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        exports = [pool.submit(status_of, export) for _ in range(6)]
        time.sleep(0.05)
        started = time.perf_counter()
        search_status, _ = status_of("/search?q=naval")
        search_seconds = time.perf_counter() - started
        answers = [f.result() for f in exports]
    ok = [a for a in answers if a[0] == 200]
    busy = [a for a in answers if a[0] == 503]
    check(len(ok) + len(busy) == len(answers) and ok and busy and
          all(retry == "1" for _, retry in busy),
          "6 exports at once with 2 workers: %d answered, %d refused with 503 and Retry-After"
          % (len(ok), len(busy)))
    check(search_status == 200, "a search beside them answers (%.2f s)" % search_seconds)
finally:
    server.terminate()
    server.wait(timeout=30)

finish()

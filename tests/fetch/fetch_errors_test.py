"""Failures a cron job meets again and again, against fetch_server.py on loopback.

    fetch_errors_test.py BUILD_DIR CORPORA_HTML_DIR

1. --follow: a feed's link that answers 404 (or 410) fails the first run, is recorded in
   the crawl state, and is counted gone (a warning naming it) by later runs, which exit 0;
   a link that answers 503 still fails every run; a gone link that answers again is read.
2. A body whose Content-Encoding (br, gzip, deflate) cannot be decoded fails with a
   message naming the URL and the encoding.
"""
import json, os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_harness
import fetch_server

build, pages = sys.argv[1], sys.argv[2]
programs = fetch_harness.Programs(build)
check = fetch_harness.check


def fetch(index, urls, *extra):
    return programs.fetch(index, urls, ["--delay", "0", "--timeout", "2", "--retries", "0"], extra)


def rss(*items):
    body = "".join("<item><title>%s</title><link>%s</link><guid isPermaLink='false'>%s</guid>"
                   "<description>%s</description></item>" % i for i in items)
    return ("<rss version='2.0'><channel><title>Errors</title>%s</channel></rss>"
            % body).encode()


def page(title, text):
    return ("<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p>"
            "</article></body></html>" % (title, title, text)).encode()


server, site, port = fetch_server.start(pages)
base = "http://127.0.0.1:%d" % port
with tempfile.TemporaryDirectory() as tmp:
    # 1. Three runs over a feed linking to a page that is gone, one gone for good, one
    # that is busy, and one that is read.
    index = os.path.join(tmp, "gone")
    site.routes["/e1/feed.xml"] = (200, rss(
        ("Dead", base + "/e1/dead", "g-dead", "Dead link summary."),
        ("Gone", base + "/e1/gone", "g-gone", "Gone link summary."),
        ("Busy", base + "/e1/busy", "g-busy", "Busy link summary."),
        ("Alive", base + "/e1/alive", "g-alive", "Alive link summary.")), "application/rss+xml")
    site.routes["/e1/dead"] = (404, b"not here", "text/html")
    site.routes["/e1/gone"] = (410, b"gone", "text/html")
    site.routes["/e1/busy"] = (503, b"busy", "text/html")
    site.routes["/e1/alive"] = (200, page("Alive", "The living page of the feed."), "text/html")
    host = "127.0.0.1:%d" % port
    code, summary, err = fetch(index, [base + "/e1/feed.xml"], "--follow")
    counts = summary["hosts"][host]
    check(code == 1 and counts["failures"].get("HTTP 404") == 1
          and counts["failures"].get("HTTP 410") == 1 and counts["gone"] == 0,
          "run 1: the 404 and the 410 are failures (exit %d, %s)" % (code, counts))
    with open(os.path.join(index, "parley-crawl.json")) as f:
        state = json.load(f)["urls"]
    check(state.get(base + "/e1/dead", {}).get("gone") == 404
          and state.get(base + "/e1/gone", {}).get("gone") == 410,
          "run 1: the crawl state records both as gone")

    site.routes["/e1/busy"] = (200, page("Busy", "The busy page, read at last."), "text/html")
    code, summary, err = fetch(index, [base + "/e1/feed.xml"], "--follow")
    counts = summary["hosts"][host]
    check(code == 0 and counts["gone"] == 2 and counts["failed"] == 0,
          "run 2: both counted gone, not failed, and the run exits 0 (exit %d, %s)"
          % (code, counts))
    warnings = [p for p in summary["ingest"]["problems"] if p["reason"].startswith("gone")]
    check(sorted(p["source"] for p in warnings) == [base + "/e1/dead", base + "/e1/gone"]
          and all(p["severity"] == "warning" for p in warnings),
          "run 2: a warning names each gone URL (%s)" % warnings)
    check(base + "/e1/dead" in err and "gone" in err, "run 2: stderr names the gone URL")

    site.routes["/e1/busy"] = (503, b"busy again", "text/html")
    code, summary, err = fetch(index, [base + "/e1/feed.xml"], "--follow")
    counts = summary["hosts"][host]
    check(code == 1 and counts["failures"].get("HTTP 503") == 1 and counts["gone"] == 2,
          "run 3: a 503 is still a failure each run (exit %d, %s)" % (code, counts))

    site.routes["/e1/dead"] = (200, page("Dead", "The dead page came back to life."), "text/html")
    code, summary, err = fetch(index, [base + "/e1/feed.xml"], "--follow")
    got = programs.search(index, "came back to life")["hits"]
    with open(os.path.join(index, "parley-crawl.json")) as f:
        state = json.load(f)["urls"]
    check(len(got) == 1 and "gone" not in state.get(base + "/e1/dead", {}),
          "run 4: a gone page that answers again is read and no longer marked gone")

    # A URL asked for by name (a feed in the list) that answers 404 fails every run: the
    # list itself needs fixing.
    index = os.path.join(tmp, "seed")
    site.routes["/e1/missing-feed.xml"] = (404, b"no feed", "text/html")
    first = fetch(index, [base + "/e1/missing-feed.xml"])[0]
    second = fetch(index, [base + "/e1/missing-feed.xml"])[0]
    check(first == 1 and second == 1, "a URL given by name that answers 404 fails every run")

    # 2. Bodies that claim an encoding they are not in.
    index = os.path.join(tmp, "encodings")
    for encoding in ("br", "gzip", "deflate"):
        path = "/e2/" + encoding
        site.routes[path] = (200, b"plain bytes, not compressed at all", "text/html",
                             [("Content-Encoding", encoding)])
        code, summary, err = fetch(index, [base + path])
        line = next((l for l in err.splitlines() if base + path in l), "")
        check(code == 1 and "undecodable body" in line and "'%s'" % encoding in line
              and "could not be decoded" in line,
              "a corrupt %s body: the message names the URL and the encoding (%s)"
              % (encoding, line))

server.shutdown()
fetch_harness.finish()

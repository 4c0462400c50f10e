"""A host that does not answer does not stall the run: the crawler against fetch_server.py
on loopback, with the real binaries.

    fetch_stalled_host_test.py BUILD_DIR CORPORA_HTML_DIR

1. A host whose pages all time out: after three URLs in a row, its other URLs fail at once
   as "host not answering" (not asked), and another host's pages are still fetched.
2. A 429 whose Retry-After asks for an hour: not waited for (nor retried); the host's other
   URLs are left for the next run, and the message says why.
"""
import os, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_harness
import fetch_server

build, pages = sys.argv[1], sys.argv[2]
programs = fetch_harness.Programs(build)
check = fetch_harness.check

server, site, port = fetch_server.start(pages)
other, other_site, other_port = fetch_server.start(pages)
base, other_base = "http://127.0.0.1:%d" % port, "http://127.0.0.1:%d" % other_port
host = "127.0.0.1:%d" % port
page = sorted(other_site.pages)[0]
with tempfile.TemporaryDirectory() as tmp:
    # 1. Eight URLs of a host that takes 3 s to answer, with a 1 s timeout and a retry each.
    started = time.time()
    code, got, err = programs.fetch(
        os.path.join(tmp, "down"), [base + "/slow?%d" % i for i in range(8)] + [other_base + page],
        ["--delay", "0", "--timeout", "1", "--retries", "1", "--retry-wait", "0"], [])
    seconds = time.time() - started
    failures = got["hosts"].get(host, {}).get("failures")
    check(failures == {"timed out": 3, "host not answering": 5},
          "three URLs time out, the other five are not asked: %s" % failures)
    check(site.counts.get("/slow", {}).get("requests") == 6,
          "six requests (three URLs, one retry each): %s" % site.counts.get("/slow"))
    check(got["hosts"].get("127.0.0.1:%d" % other_port, {}).get("fetched") == 1,
          "the other host's page is fetched: %s" % got["hosts"])
    check("host not answering" in err and "the next run asks again" in err,
          "stderr says why the URLs were not asked: %s" % err[-400:])
    check(seconds < 15, "the run took %.1f s, not 16 timeouts" % seconds)

    # 2. A 429 asking for an hour.
    site.routes["/busy/a"] = (429, b"slow down", "text/html", [("Retry-After", "3600")])
    started = time.time()
    code, got, err = programs.fetch(
        os.path.join(tmp, "busy"), [base + "/busy/a", base + "/busy/b", other_base + page],
        ["--delay", "0", "--retry-wait", "0"], [])
    seconds = time.time() - started
    check(got["hosts"].get(host, {}).get("failures") == {"HTTP 429": 1, "host not answering": 1},
          "the 429 fails at once and the host's other URL is left: %s" % got["hosts"].get(host))
    check(site.counts.get("/busy/a", {}).get("requests") == 1 and "/busy/b" not in site.counts,
          "no retry, and the other URL is not asked: %s" % site.counts)
    check("asked to wait 3600 s (Retry-After)" in err, "the message says so: %s" % err[-400:])
    check(seconds < 10, "no minute waited (%.1f s)" % seconds)

server.shutdown()
other.shutdown()
fetch_harness.finish()

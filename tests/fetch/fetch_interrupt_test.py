"""A crawl stopped by a signal keeps what it read: the crawler against fetch_server.py on
loopback, with the real binaries.

    fetch_interrupt_test.py BUILD_DIR CORPORA_HTML_DIR

1. SIGINT mid-way through a sitemap: the run commits what it read, saves its crawl state,
   prints its summary (interrupted, with the URLs left) and exits 130; the rerun fetches
   only the rest.
2. SIGTERM while a server trickles its answer (a timeout far away): the run stops at once
   and exits 143.
3. SIGKILL, which leaves no chance to commit: what the checkpoints (--checkpoint) committed
   is kept with its crawl state, and the rerun adds only the rest.
"""
import json, os, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_harness
import fetch_server

build, pages = sys.argv[1], sys.argv[2]
programs = fetch_harness.Programs(build)
check = fetch_harness.check


def gen_requests(site):
    with site.lock:
        return sum(v["requests"] for k, v in site.counts.items()
                   if k.startswith("/gen/") and k != "/gen/sitemap.xml")


def start(index, urls, *extra):
    return subprocess.Popen([programs.index_bin, "fetch", "--index", index, "--json", "--retries",
                             "0", *extra, *urls], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


server, site, port = fetch_server.start(pages, generated=200)
base = "http://127.0.0.1:%d" % port
with tempfile.TemporaryDirectory() as tmp:
    # 1. SIGINT after some pages.
    index = os.path.join(tmp, "gen")
    p = start(index, [base + "/gen/sitemap.xml"], "--delay", "0.05")
    deadline = time.time() + 60
    while time.time() < deadline and gen_requests(site) < 20:
        time.sleep(0.02)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    check(p.returncode == 130, "SIGINT: exit 130 (got %d): %s" % (p.returncode, err[-300:]))
    try:
        got = json.loads(out)
    except ValueError:
        got = {}
    first = got.get("ingest", {}).get("articles", {}).get("new", 0)
    check(got.get("interrupted") is True and got.get("not_fetched", 0) > 0 and 20 <= first < 200,
          "the summary says the run was interrupted, with what is left: %s"
          % {k: got.get(k) for k in ("interrupted", "not_fetched")})
    check("interrupted" in err, "stderr says the run was stopped: %s" % err[-300:])
    check(os.path.exists(os.path.join(index, "parley-crawl.json")), "the crawl state is saved")
    check(programs.search(index, "\"generated article\"")["total_articles"] == first,
          "what was read is committed: %d articles" % first)
    before = gen_requests(site)
    code, again, err = programs.fetch(index, [base + "/gen/sitemap.xml"], ["--delay", "0"], [])
    check(code == 0 and again["ingest"]["articles"]["new"] == 200 - first,
          "the rerun indexes only the rest: %s" % again["ingest"]["articles"])
    with site.lock:
        unconditional = sum(v["requests"] - v["conditional"] for k, v in site.counts.items()
                            if k.startswith("/gen/") and k != "/gen/sitemap.xml")
    check(unconditional == 200, "each page asked for in full once over both runs (%d)"
          % unconditional)

    # 2. SIGTERM during a body that trickles in for 100 s.
    p = start(os.path.join(tmp, "trickle"), [base + "/trickle"], "--timeout", "60")
    time.sleep(1.5)
    stopped = time.time()
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    check(p.returncode == 143 and time.time() - stopped < 5,
          "SIGTERM mid-request: exit 143 within seconds (exit %d after %.1f s)"
          % (p.returncode, time.time() - stopped))

    # 3. SIGKILL (no chance to commit) after a few checkpoints: their work is kept.
    server3, site3, port3 = fetch_server.start(pages, generated=200)
    sitemap = "http://127.0.0.1:%d/gen/sitemap.xml" % port3
    index = os.path.join(tmp, "killed")
    p = start(index, [sitemap], "--delay", "0.05", "--checkpoint", "0.5")
    deadline = time.time() + 60
    while time.time() < deadline and gen_requests(site3) < 40:
        time.sleep(0.02)
    p.send_signal(signal.SIGKILL)
    p.communicate(timeout=60)
    kept = programs.search(index, "\"generated article\"")["total_articles"]
    check(kept >= 10 and os.path.exists(os.path.join(index, "parley-crawl.json")),
          "a killed run keeps what its checkpoints committed (%d articles), with its state"
          % kept)
    code, again, err = programs.fetch(index, [sitemap], ["--delay", "0"], [])
    check(code == 0 and again["ingest"]["articles"]["new"] == 200 - kept,
          "the rerun adds only the rest: %s after %d" % (again["ingest"]["articles"], kept))
    server3.shutdown()

server.shutdown()
fetch_harness.finish()

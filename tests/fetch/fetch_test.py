"""The crawler against a web site on loopback (fetch_server.py), with the real binaries.

    fetch_test.py BUILD_DIR CORPORA_HTML_DIR

1. A first run fetches a sitemap index (-> sitemap -> pages, one disallowed by robots.txt),
   a feed with --follow, a redirect, a page that fails once (503, retried), one whose
   Content-Type names the wrong charset, and the troubles: a slow page past --timeout, a
   redirect loop, 404, a 500 that never passes (retried, then failed), a body over
   --max-bytes, and something that is no URL. Every article is searchable; every failure
   is counted by reason; the exit status says some failed.
2. A second run sends conditional requests for everything it fetched and indexes nothing.
3. A run killed mid-way, then run again, leaves each article once.
4. Two sites' feeds with the same relative item links keep both sites' items.
5. Redirects obey the target's robots.txt and wait for the target host's delay.
6. A URL that gave no article fails again on a second run, not "unchanged".
7. Feeds and sitemaps without an XML declaration, after comments, or gzipped are read.
8. A host whose robots.txt answers 5xx, or nothing, is not crawled; 404 means no rules.
"""
import json, os, signal, socket, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_harness
import fetch_server

build, pages = sys.argv[1], sys.argv[2]
programs = fetch_harness.Programs(build)
index_bin, search_bin = programs.index_bin, programs.search_bin
check = fetch_harness.check
failures = fetch_harness.failures


def fetch(index, urls, *extra):
    return programs.fetch(index, urls, ["--delay", "0", "--timeout", "1", "--max-bytes", "1000000",
                                        "--retry-wait", "0.05"], extra)


def search(index, query):
    return programs.search(index, query)


def article_count(index):
    p = subprocess.run([index_bin, "stats", "--index", index, "--json"], capture_output=True,
                       text=True, timeout=60)
    return json.loads(p.stdout)["articles"]


server, site, port = fetch_server.start(pages)
base = "http://127.0.0.1:%d" % port
page_paths = sorted(site.pages)
with tempfile.TemporaryDirectory() as tmp:
    index = os.path.join(tmp, "idx")
    good = [base + "/sitemap-index.xml", base + "/feed.xml", base + "/redirect",
            base + "/flaky-once", base + "/wrong-charset"]
    bad = [base + "/slow", base + "/loop1", base + "/missing", base + "/always-500",
           base + "/huge", "mailto:someone@example.org"]
    code, first, err = fetch(index, good + bad, "--follow")
    host = "127.0.0.1:%d" % port
    counts = first["hosts"][host]
    check(code == 1, "a run with failures exits 1 (got %d)" % code)
    check(counts["failures"] == {"HTTP 404": 1, "HTTP 500": 1, "timed out": 1,
                                 "too many redirects": 1,
                                 "over the size limit of 1000000 bytes (--max-bytes)": 1},
          "failures by reason: %s" % counts["failures"])
    check(counts["disallowed"] == 1, "the page robots.txt disallows is not fetched")
    check(first["hosts"]["(not a URL)"]["failed"] == 1, "a mailto: link is refused")
    for what in ("timed out", "too many redirects", "over the size limit"):
        check(what in err, "stderr names the failure '%s'" % what)
    check(site.counts.get("/always-500", {}).get("requests") == 3,
          "a 500 is retried twice (--retries 2), then reported")
    check(site.counts.get("/flaky-once", {}).get("requests") == 2, "a 503 is retried and passes")
    check(site.counts.get("/private/secret.html") is None, "robots.txt is obeyed")
    check(site.counts["/robots.txt"]["requests"] == 1, "robots.txt is read once per host")
    expected = len(page_paths) + 2  # the pages, flaky-once, wrong-charset
    check(first["ingest"]["articles"]["new"] == expected,
          "%d articles indexed (got %s)" % (expected, first["ingest"]["articles"]))
    for path in page_paths:
        check(site.counts[path]["requests"] == 1,
              "%s fetched once (sitemap, feed and redirect lead to it)" % path)
    hit = search(index, "Zanderbrook")
    check(hit["total"] == 1 and "caf\u00e9 in Gen\u00e8ve" in hit["hits"][0]["snippet"],
          "a page with a wrong charset header is read as what it is: UTF-8")
    check(search(index, "Kestrel flotilla")["total"] == 1, "the retried page is indexed")
    flaky = search(index, "Kestrel flotilla")["hits"][0]
    check(flaky["url"] == base + "/flaky-once",
          "a page that names no URL of its own keeps the one it came from")
    check(os.path.exists(os.path.join(index, "parley-crawl.json")), "the crawl state is saved")

    # 2. Nothing changed: conditional requests only, nothing indexed.
    before = json.loads(json.dumps(site.counts))
    code, second, err = fetch(index, good, "--follow")
    got = second["ingest"]["articles"]
    check(got["new"] == 0 and got["updated"] == 0, "a second run indexes nothing: %s" % got)
    check(second["hosts"][host]["fetched"] == 0 and second["hosts"][host]["unchanged"] >= 6,
          "everything is unchanged: %s" % second["hosts"][host])
    for path in page_paths + ["/feed.xml", "/sitemap.xml", "/sitemap-index.xml"]:
        c, b = site.counts[path], before.get(path, {"requests": 0, "conditional": 0})
        check(c["requests"] - b["requests"] == 1 and c["conditional"] - b["conditional"] == 1,
              "%s asked for once, conditionally" % path)

    # 3. Killed mid-run, run again: every article once.
    server2, site2, port2 = fetch_server.start(pages, generated=40)
    gen_index = os.path.join(tmp, "gen")
    gen_url = "http://127.0.0.1:%d/gen/sitemap.xml" % port2
    p = subprocess.Popen([index_bin, "fetch", "--index", gen_index, "--delay", "0.02", gen_url],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline and sum(
            v["requests"] for k, v in site2.counts.items() if k.startswith("/gen/") and
            k != "/gen/sitemap.xml") < 15:
        time.sleep(0.02)
    p.send_signal(signal.SIGKILL)
    p.wait()
    code, again, err = fetch(gen_index, [gen_url])
    check(code == 0, "the rerun succeeds (exit %d): %s" % (code, err[-300:]))
    check(article_count(gen_index) == 40, "40 articles, each once, after a kill and a rerun "
          "(got %d)" % article_count(gen_index))
    check(search(gen_index, "\"generated article 7\"")["total_articles"] == 1,
          "no article twice")
    server2.shutdown()

    # 4. Two sites' feeds with the same relative links: each item under its own site's
    # address, read against the feed's final URL (after a redirect).
    other, other_site, other_port = fetch_server.start(pages)
    other_base = "http://127.0.0.1:%d" % other_port
    rel_index = os.path.join(tmp, "relative")
    code, rel, err = fetch(rel_index,
                           [base + "/relative-feed", other_base + "/news/relative-feed.xml"])
    check(code == 0, "relative feeds are read (exit %d): %s" % (code, err[-300:]))
    urls = sorted(h["url"] for h in search(rel_index, "Ashgrove")["hits"])
    check(urls == sorted([base + "/2024/12/editorial", other_base + "/2024/12/editorial"]),
          "an absolute-path item link is resolved per site: %s" % urls)
    urls = sorted(h["url"] for h in search(rel_index, "Brindlemoor")["hits"])
    check(urls == sorted([base + "/news/page/x", other_base + "/news/page/x"]),
          "a relative item link is resolved against the feed's final URL: %s" % urls)

    # 5. Redirects: each hop is checked against its host's robots.txt and waits for its
    # host's delay, on the same host and across hosts.
    delay_robots = b"User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"
    slow, slow_site, slow_port = fetch_server.start(pages, robots=delay_robots)
    slow_base = "http://127.0.0.1:%d" % slow_port
    hop_index = os.path.join(tmp, "hops")
    code, hops, err = fetch(hop_index, [
        slow_base + page_paths[0], base + "/redirect-to?url=" + slow_base + page_paths[1],
        base + "/redirect-to?url=/private/moved.html",
        base + "/redirect-to?url=" + slow_base + "/private/moved.html"])
    check(site.counts.get("/private/moved.html") is None and
          slow_site.counts.get("/private/moved.html") is None,
          "a redirect to what robots.txt disallows is not followed")
    check(err.count("disallowed by robots.txt") == 2 and
          "redirected to %s/private/moved.html" % slow_base in err and
          "redirected to %s/private/moved.html" % base in err,
          "a disallowed redirect names its target: %s" % err[-400:])
    check(hops["hosts"][host]["disallowed"] == 1 and
          hops["hosts"]["127.0.0.1:%d" % slow_port]["disallowed"] == 1,
          "disallowed redirects are counted under the host whose robots.txt refused them")
    times = [t for t, path in slow_site.log if path in page_paths[:2]]
    check(len(times) == 2 and times[1] - times[0] >= 0.9,
          "a redirect waits for its target host's Crawl-delay (%s)" % times)
    moved, moved_site, moved_port = fetch_server.start(pages, robots="/moved-robots.txt")
    code, hops, err = fetch(os.path.join(tmp, "moved"),
                            ["http://127.0.0.1:%d/private/secret.html" % moved_port])
    check(moved_site.counts.get("/private/secret.html") is None and
          moved_site.counts.get("/moved-robots.txt", {}).get("requests") == 1,
          "a robots.txt that redirects is followed and obeyed")
    moved.shutdown()

    # 6. What failed to give articles fails again on the next run: it is not "unchanged".
    failing = [base + "/report.pdf", base + "/empty-page"]
    runs = [fetch(os.path.join(tmp, "failing"), failing) for _ in range(2)]
    for n, (code, got, err) in enumerate(runs, 1):
        check(code == 1 and got["hosts"][host]["failures"] == {"unsupported content": 1,
                                                               "no article body": 1} and
              got["hosts"][host]["unchanged"] == 0 and "empty-page" in err,
              "run %d reports unsupported content and an empty page (exit %d): %s"
              % (n, code, got["hosts"][host]))

    # 7. Feeds and sitemaps found by their root element, whatever precedes it; gzipped
    # sitemaps inflated, to the size cap.
    before = json.loads(json.dumps(site.counts))
    code, xml, err = fetch(os.path.join(tmp, "xml"), [
        base + "/bare-feed", base + "/commented-sitemap.xml", base + "/sitemap.xml.gz",
        base + "/bomb.xml.gz"])
    check(xml["hosts"][host]["failures"] == {"fetch failed": 1} and "uncompressed" in err,
          "only the gzip bomb fails, past --max-bytes: %s" % xml["hosts"][host])
    check(search(os.path.join(tmp, "xml"), "Quillmarsh")["total"] == 1,
          "a feed without an XML declaration is read")
    for path in page_paths[2:4]:
        check(site.counts[path]["requests"] - before[path]["requests"] == 1,
              "%s is reached through a commented or gzipped sitemap" % path)

    # 8. robots.txt: a 4xx means no rules; a 5xx or no answer keeps the crawler off the host.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    broken, broken_site, broken_port = fetch_server.start(pages, robots=503)
    absent, absent_site, absent_port = fetch_server.start(pages, robots=404)
    code, rob, err = fetch(os.path.join(tmp, "robots"), [
        "http://127.0.0.1:%d%s" % (p, page_paths[0]) for p in (broken_port, absent_port,
                                                               closed_port)])
    check(broken_site.counts.get(page_paths[0]) is None,
          "nothing is fetched from a host whose robots.txt answers 503")
    check(rob["hosts"]["127.0.0.1:%d" % broken_port]["failures"] ==
          {"robots.txt unreachable (HTTP 503)": 1}, "the 503 is reported: %s" % rob["hosts"])
    check(list(rob["hosts"]["127.0.0.1:%d" % closed_port]["failures"])[0].startswith(
          "robots.txt unreachable ("), "an unreachable robots.txt is reported: %s" % rob["hosts"])
    check(absent_site.counts.get(page_paths[0], {}).get("requests") == 1,
          "a host whose robots.txt is 404 is crawled")
    check(code == 1, "unreachable robots.txt makes the run fail (exit %d)" % code)
    broken.shutdown()
    absent.shutdown()

    # 9. --follow indexes a feed's summary when its page fails, under the page's address,
    # so that the page replaces it once it can be read: one article, not two.
    follow_index = os.path.join(tmp, "follow-flaky")
    for attempt in (1, 2):
        fetch(follow_index, [base + "/flaky-feed.xml"], "--follow", "--retries", "0")
        hits = search(follow_index, "Tern harbour")["hits"]
        check(len({h["article_id"] for h in hits}) == 1 and
              hits[0]["article_id"] == base + "/fails-first",
              "run %d: one Tern harbour article, under the page's address: %s"
              % (attempt, [(h["article_id"], h["snippet"]) for h in hits]))
    check("at last" in search(follow_index, "Tern harbour")["hits"][0]["snippet"],
          "the page replaced the summary once it could be read")

    # 10. --follow added to a feed already fetched without it follows the items' pages, though
    # the feed has not changed (and, dropped again, stops following them).
    mode_index = os.path.join(tmp, "follow-later")
    fetch(mode_index, [base + "/feed.xml"])
    before = {p: dict(c) for p, c in site.counts.items()}
    code, later, err = fetch(mode_index, [base + "/feed.xml"], "--follow")
    followed = [p for p in page_paths
                if site.counts.get(p, {}).get("requests", 0) > before.get(p, {}).get("requests", 0)]
    check(followed == page_paths, "--follow added later fetches the %d pages: %d fetched (%s)"
          % (len(page_paths), len(followed), err.strip()[:300]))
    before = {p: dict(c) for p, c in site.counts.items()}
    fetch(mode_index, [base + "/feed.xml"])
    check(all(site.counts.get(p, {}).get("requests", 0) == before.get(p, {}).get("requests", 0)
              for p in page_paths), "--follow dropped again: no page is asked for")

    # 11. Options that would retry forever or disable the timeout are usage errors.
    for option, value in (("--timeout", "0.0005"), ("--timeout", "nan"), ("--retries", "-1"),
                          ("--max-bytes", "-1"), ("--delay", "inf")):
        p = subprocess.run([index_bin, "fetch", "--index", os.path.join(tmp, "opts"), option,
                            value, base + page_paths[0]], capture_output=True, text=True,
                           timeout=60)
        check(p.returncode == 2 and option in p.stderr,
              "%s %s is a usage error naming it (exit %d: %s)" % (option, value, p.returncode,
                                                                 p.stderr.strip()))
    slow.shutdown()
    other.shutdown()
server.shutdown()
fetch_harness.finish()

"""The crawler's harder cases against fetch_server.py on loopback, with the real binaries.

    fetch_cases_test.py BUILD_DIR CORPORA_HTML_DIR

1. --follow: a page read once is never replaced by its feed summary when it fails later,
   and comes back by a conditional request with its full text.
2. A sitemap's dot-segment spellings ("/public/../private/x") are checked against
   robots.txt as the path requested, and two spellings of a page are one article.
3. A robots.txt that starts with a UTF-8 byte order mark is obeyed.
4. A feed whose Content-Type names its charset is decoded in it.
5. --follow: the summary indexed under an item link with tracking parameters goes once
   the page is read under its canonical address; items indexed without --follow (by guid)
   go once their pages are followed.
6. Per-host counts: a page without an article and a malformed sitemap (with line and byte)
   are failures; a cross-host redirect is counted under the host that answered.
7. Messages say what happened (a body too big, a loop, a trickle); odd redirect targets
   share one reason; --urls-file comments and links with spaces; problems reach stderr as
   they happen.
8. --max-urls: runs stopped at the limit work through a long sitemap, and say so.
9. A sitemap <loc> that is no http(s) address is a warning naming it, not passed over.
"""
import json, os, select, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_harness
import fetch_server

build, pages = sys.argv[1], sys.argv[2]
programs = fetch_harness.Programs(build)
index_bin, search_bin = programs.index_bin, programs.search_bin
check = fetch_harness.check
failures = fetch_harness.failures


def fetch(index, urls, *extra):
    return programs.fetch(index, urls, ["--delay", "0", "--timeout", "2", "--retries", "0"], extra)


def hits(index, query):
    return programs.search(index, query)["hits"]


def article(title, text, canonical=None):
    link = "<link rel='canonical' href='%s'>" % canonical if canonical else ""
    return ("<html><head><title>%s</title>%s</head><body><article><h1>%s</h1><p>%s</p>"
            "</article></body></html>" % (title, link, title, text)).encode()


def rss(*items):
    body = "".join("<item><title>%s</title><link>%s</link><guid isPermaLink='false'>%s</guid>"
                   "<description>%s</description></item>" % i for i in items)
    return ("<rss version='2.0'><channel><title>Cases</title>%s</channel></rss>"
            % body).encode()


server, site, port = fetch_server.start(pages)
base = "http://127.0.0.1:%d" % port
with tempfile.TemporaryDirectory() as tmp:
    # 1. Run 1 reads the page; run 2 sees a new feed item while the page answers 503; run 3
    # gets 304 for the page. The full text stays throughout.
    index = os.path.join(tmp, "teaser")
    story = (base + "/f1/story", "g-story", "Only the Plover estuary teaser.")
    site.routes["/f1/feed.xml"] = (200, rss(("Plover",) + story), "application/rss+xml")
    site.routes["/f1/story"] = (200, article("Plover", "The whole Plover estuary report, "
                                             "with every finding of the survey."), "text/html")
    runs = []
    for run in (1, 2, 3):
        if run == 2:
            site.routes["/f1/feed.xml"] = (200, rss(("Plover",) + story, (
                "Gannet", base + "/f1/other", "g-other", "The Gannet cliffs teaser.")),
                "application/rss+xml")
            site.routes["/f1/story"] = (503, b"busy", "text/html")
            site.routes["/f1/other"] = (200, article("Gannet", "The Gannet cliffs in full."),
                                        "text/html")
        if run == 3:
            site.routes["/f1/story"] = (200, article("Plover", "The whole Plover estuary "
                                                     "report, with every finding of the survey."),
                                        "text/html")
        runs.append(fetch(index, [base + "/f1/feed.xml"], "--follow"))
        got = hits(index, "Plover estuary")
        check(len(got) == 1 and "whole Plover" in got[0]["snippet"],
              "run %d: the page's full text stays indexed: %s"
              % (run, [(h["article_id"], h["snippet"]) for h in got]))
    check(runs[1][1]["ingest"]["articles"]["updated"] == 0,
          "run 2 updates nothing from the feed: %s" % runs[1][1]["ingest"]["articles"])
    check(runs[1][0] == 1 and "HTTP 503" in runs[1][2], "run 2 reports the 503")

    # 2. Dot segments: robots.txt is checked against the path requested; two spellings of
    # one page are one article.
    page = sorted(site.pages)[0]
    site.routes["/dots/sitemap.xml"] = (200, (
        "<urlset><url><loc>%s/public/../private/secret.html</loc></url>"
        "<url><loc>%s/./private/other.html</loc></url>"
        "<url><loc>%s/%%70rivate/third.html</loc></url>"
        "<url><loc>%s%s</loc></url><url><loc>%s/x/..%s</loc></url></urlset>"
        % (base, base, base, base, page, base, page)).encode(), "application/xml")
    before = site.counts.get(page, {}).get("requests", 0)
    code, got, err = fetch(os.path.join(tmp, "dots"), [base + "/dots/sitemap.xml"])
    private = [p for p in site.counts if p.startswith("/private/")]
    check(private == [], "no disallowed page is requested through dot segments: %s" % private)
    check(got["hosts"]["127.0.0.1:%d" % port]["disallowed"] == 3,
          "the three spellings of /private/ are counted disallowed: %s" % got["hosts"])
    check(site.counts[page]["requests"] - before == 1, "two spellings of a page: one request")
    check(got["ingest"]["articles"]["new"] == 1,
          "two spellings of a page: one article (%s)" % got["ingest"]["articles"])

    # 3. A byte order mark before robots.txt's first line.
    bom, bom_site, bom_port = fetch_server.start(
        pages, robots=b"\xef\xbb\xbfUser-agent: *\nDisallow: /private/\n")
    code, got, err = fetch(os.path.join(tmp, "bom"), ["http://127.0.0.1:%d/private/a.html"
                                                       % bom_port])
    check(bom_site.counts.get("/private/a.html") is None,
          "a robots.txt with a byte order mark is obeyed")
    bom.shutdown()

    # 4. A windows-1250 feed that says so only in its Content-Type.
    site.routes["/cz/feed.xml"] = (200, (
        "<rss version='2.0'><channel><title>Zpravy</title><item><title>\u0141\u00f3d\u017a "
        "\u017eije</title><link>%s/cz/a</link><description>Zpr\u00e1va o m\u011bst\u011b "
        "\u0141\u00f3d\u017a a Quorvath.</description></item></channel></rss>"
        % base).encode("cp1250"), "application/rss+xml; charset=windows-1250")
    index = os.path.join(tmp, "charset")
    fetch(index, [base + "/cz/feed.xml"])
    got = hits(index, "Quorvath")
    check(len(got) == 1 and "m\u011bst\u011b \u0141\u00f3d\u017a" in got[0]["snippet"],
          "a feed is decoded in the charset of its Content-Type: %s"
          % [h["snippet"] for h in got])

    # 5. The summary under a link with tracking parameters (under the link without them),
    # then the page under the other address its canonical link names: one article.
    index = os.path.join(tmp, "tracking")
    site.routes["/t/feed.xml"] = (200, rss(("Heron", base + "/t/story?utm_source=rss", "g-heron",
                                            "Only the Heron marsh teaser.")),
                                  "application/rss+xml")
    site.routes["/t/story"] = (500, b"broken", "text/html")
    fetch(index, [base + "/t/feed.xml"], "--follow")
    got = hits(index, "Heron marsh")
    check([h["article_id"] for h in got] == [base + "/t/story"],
          "a failing page: its summary stands in under the item's normalised link: %s"
          % [h["article_id"] for h in got])
    site.routes["/t/story"] = (200, article("Heron", "The Heron marsh survey in full.",
                                            base + "/t/heron-marsh"), "text/html")
    site.routes["/t/feed.xml"] = (200, rss(("Heron", base + "/t/story?utm_source=rss",
                                            "g-heron", "Only the Heron marsh teaser.")) +
                                  b"<!-- changed -->", "application/rss+xml")
    fetch(index, [base + "/t/feed.xml"], "--follow")
    got = hits(index, "Heron marsh")
    check([(h["article_id"], "in full" in h["snippet"]) for h in got] ==
          [(base + "/t/heron-marsh", True)],
          "the page read under its canonical address replaces the summary: %s"
          % [(h["article_id"], h["snippet"]) for h in got])

    # ... and items first indexed without --follow (by guid), then followed: one each.
    index = os.path.join(tmp, "guid")
    site.routes["/g/feed.xml"] = (200, rss(
        ("Egret", base + "/g/egret", "g-egret", "Only the Egret lagoon teaser."),
        ("Avocet", base + "/g/avocet", "g-avocet", "Only the Avocet lagoon teaser.")),
        "application/rss+xml")
    site.routes["/g/egret"] = (200, article("Egret", "The Egret lagoon census in full."),
                               "text/html")
    site.routes["/g/avocet"] = (500, b"broken", "text/html")
    fetch(index, [base + "/g/feed.xml"])
    check(sorted(h["article_id"] for h in hits(index, "lagoon")) == ["g-avocet", "g-egret"],
          "without --follow the items are indexed by guid")
    fetch(index, [base + "/g/feed.xml"], "--follow")
    got = sorted((h["article_id"], "in full" in h["snippet"]) for h in hits(index, "lagoon"))
    check(got == [(base + "/g/avocet", False), (base + "/g/egret", True)],
          "with --follow each item is one article, under its page's address: %s" % got)

    # 6. Per-host counts.
    host = "127.0.0.1:%d" % port
    other, other_site, other_port = fetch_server.start(pages)
    other_host = "127.0.0.1:%d" % other_port
    site.routes["/c6/empty"] = (200, b"<html><head></head><body></body></html>", "text/html")
    site.routes["/c6/sitemap.xml"] = (200, b"<urlset>\n<url><loc>/a</loc></url>\n<url><loc>/b",
                                      "application/xml")
    code, got, err = fetch(os.path.join(tmp, "counts"), [
        base + "/c6/empty", base + "/c6/sitemap.xml",
        base + "/redirect-to?url=http://127.0.0.1:%d%s" % (other_port, page)])
    check(got["hosts"][host]["failures"] == {"no article body": 1, "malformed sitemap": 1} and
          got["hosts"][host]["fetched"] == 0,
          "an empty page and a malformed sitemap are failures: %s" % got["hosts"][host])
    check(got["hosts"].get(other_host, {}).get("fetched") == 1,
          "a cross-host redirect is counted under the host that answered: %s" % got["hosts"])
    check("sitemap.xml:3: byte " in err and "at line 3, byte" in err,
          "a malformed sitemap is placed by line and byte: %s" % err.strip())
    other.shutdown()

    # 7. Messages.
    code, got, err = fetch(os.path.join(tmp, "messages"), [
        base + "/huge", base + "/loop1", base + "/trickle",
        base + "/redirect-to?url=mailto:desk@example.org",
        base + "/redirect-to?url=javascript:void(0)"], "--max-bytes", "100000")
    check("answered 200 with more than 100000 bytes" in err or
          "answered with more than 100000 bytes" in err, "a body too big says so: %s"
          % err.strip())
    check("a redirect loop: %s/loop1 -> %s/loop2 -> %s/loop1" % (base, base, base) in err,
          "a redirect loop names its URLs")
    check("the server answered 200 but the body did not arrive within 2 s" in err,
          "a trickling body says the server answered")
    check("no answer" not in err, "nothing that answered is called 'no answer'")
    check(got["hosts"][host]["failures"].get("redirected to no http(s) URL") == 2 and
          "Location: 'mailto:desk@example.org'" in err,
          "odd redirect targets share one reason: %s" % got["hosts"][host]["failures"])

    urls_file = os.path.join(tmp, "urls.txt")
    with open(urls_file, "w") as f:
        f.write("# pages\n%s%s   # the first one\n%s/c7/with space.html\n" % (base, page, base))
    site.routes["/c7/with%20space.html"] = (200, article("Spaced", "The Osprey lane page."),
                                            "text/html")
    index = os.path.join(tmp, "urls-file")
    code, got, err = fetch(index, [], "--urls-file", urls_file)
    check(code == 0 and got["ingest"]["articles"]["new"] == 2,
          "a URL with a trailing comment and one with a space are fetched (exit %d): %s %s"
          % (code, got["ingest"]["articles"], err.strip()))
    with open(urls_file, "a") as f:
        f.write("www.example.org/no-scheme\n")
    p = subprocess.run([index_bin, "fetch", "--index", index, "--urls-file", urls_file],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 2 and "urls.txt:4: 'www.example.org/no-scheme'" in p.stderr,
          "a line that is no URL is named by file and line: %s" % p.stderr.strip())

    # Problems reach stderr as they happen: the 404 is printed while /slow is still awaited.
    p = subprocess.Popen([index_bin, "fetch", "--index", os.path.join(tmp, "live"), "--delay",
                          "0", "--timeout", "20", base + "/c7/missing", base + "/slow"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([p.stderr], [], [], 2.5)
    line = p.stderr.readline() if ready else ""
    p.kill()
    p.wait()
    check("c7/missing" in line and "HTTP 404" in line,
          "a problem is printed as it happens, before the run ends: %r" % line)

    # 8. --max-urls: the sitemap and three pages a run; never-fetched pages go first.
    for i in range(6):
        site.routes["/c8/p%d" % i] = (200, article("Pelican %d" % i, "Pelican count %d." % i),
                                      "text/html")
    site.routes["/c8/sitemap.xml"] = (200, ("<urlset>%s</urlset>" % "".join(
        "<url><loc>/c8/p%d</loc></url>" % i for i in range(6))).encode(), "application/xml")
    index = os.path.join(tmp, "limit")
    code, got, err = fetch(index, [base + "/c8/sitemap.xml"], "--max-urls", "4")
    check(got["not_fetched"] == 3 and len(hits(index, "Pelican")) == 3,
          "run 1 stops at the limit: %d not fetched" % got["not_fetched"])
    p = subprocess.run([index_bin, "fetch", "--index", index, "--delay", "0", "--max-urls", "4",
                        base + "/c8/sitemap.xml"], capture_output=True, text=True, timeout=60)
    check(len(hits(index, "Pelican")) == 6,
          "run 2 fetches the pages never fetched before re-checking the others: %d of 6"
          % len(hits(index, "Pelican")))
    check("stopped at the --max-urls limit: 3 URL(s) left for the next run" in p.stdout,
          "the summary says the run stopped at the limit: %s" % p.stdout.strip())

    # 9. A sitemap entry that is no http(s) address is said with its line, not passed over.
    site.routes["/c9/p"] = (200, article("Curlew", "Curlew count."), "text/html")
    site.routes["/c9/sitemap.xml"] = (200, (
        "<urlset>\n<url><loc>/c9/p</loc></url>\n<url><loc>ftp://files.example/x</loc></url>\n"
        "</urlset>").encode(), "application/xml")
    code, got, err = fetch(os.path.join(tmp, "badloc"), [base + "/c9/sitemap.xml"])
    check("sitemap.xml:3: byte " in err and "warning: bad link: <loc> 'ftp://files.example/x' "
          "is no http(s) address: not fetched" in err,
          "a sitemap's unusable <loc> is said with its line: %s" % err.strip())
server.shutdown()
fetch_harness.finish()

"""One article, one identity: the crawler against fetch_server.py on loopback, with the real
binaries.

    fetch_identity_test.py BUILD_DIR CORPORA_HTML_DIR

A page read once is not indexed again when a second run reaches it by another spelling: with
tracking parameters (utm_*, fbclid, gclid), a fragment, an upper-case scheme, an empty
query, through a redirect to such a spelling, from a feed item (with --follow) whose link
carries them, from a same-site page whose canonical link names it, or over the other scheme
(http/https). A canonical link to another site, or to the home page, is not taken. A page whose canonical link
changes leaves no copy under its old address, and so does a page an older crawl state
knows by a spelling with tracking parameters.
"""
import hashlib, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_harness
import fetch_server

build, pages = sys.argv[1], sys.argv[2]
programs = fetch_harness.Programs(build)
check = fetch_harness.check


def fetch(index, urls, *extra):
    return programs.fetch(index, urls, ["--delay", "0", "--timeout", "5", "--retries", "0"], extra)


def article(title, text, canonical=None):
    link = "<link rel='canonical' href='%s'>" % canonical if canonical else ""
    return ("<html><head><title>%s</title>%s</head><body><article><h1>%s</h1><p>%s</p>"
            "</article></body></html>" % (title, link, title, text)).encode()


def urls_of(index, query):
    return sorted(h["url"] for h in programs.search(index, query)["hits"])


server, site, port = fetch_server.start(pages)
base = "http://127.0.0.1:%d" % port
one = base + "/id/one"
site.routes["/id/one"] = (200, article("Osprey", "The Osprey causeway vote, in full."), "text/html")
# The same story's AMP copy, naming the page (with a tracking parameter) as canonical; and
# the same text over https, as the site's canonical link names it.
site.routes["/id/amp"] = (200, article("Osprey", "The Osprey causeway vote, in full.",
                                       "/id/one?utm_source=amp"), "text/html")
site.routes["/id/secure"] = (200, article("Osprey", "The Osprey causeway vote, in full.",
                                          "https://127.0.0.1:%d/id/one" % port), "text/html")
# A page that names another site's address is indexed under its own.
site.routes["/id/syndicated"] = (200, article("Wagtail", "The Wagtail ferry levy, syndicated.",
                                              "https://wire.example/wagtail"), "text/html")
site.routes["/id/feed.xml"] = (200, (
    "<rss version='2.0'><channel><title>Ids</title><item><title>Osprey</title>"
    "<link>%s?utm_source=rss&amp;utm_medium=feed#comments</link><description>Osprey, in "
    "short.</description></item></channel></rss>" % one).encode(), "application/rss+xml")

with tempfile.TemporaryDirectory() as tmp:
    index = os.path.join(tmp, "idx")
    code, got, err = fetch(index, [one, base + "/id/syndicated"])
    check(code == 0 and got["ingest"]["articles"]["new"] == 2,
          "run 1 indexes two articles: %s %s" % (got["ingest"]["articles"], err))
    check(urls_of(index, "Wagtail") == [base + "/id/syndicated"],
          "another site's canonical address is not taken: %s" % urls_of(index, "Wagtail"))
    spellings = [one + "?utm_source=x&utm_medium=y", one + "#comments", one + "?fbclid=abc",
                 "HTTP://127.0.0.1:%d/id/one?" % port, base + "/id/amp", base + "/id/secure",
                 base + "/redirect-to?url=/id/one%3Fgclid%3D7", base + "/id/feed.xml"]
    code, got, err = fetch(index, spellings, "--follow")
    check(code == 0 and got["ingest"]["articles"]["new"] == 0,
          "run 2, other spellings of the page, indexes nothing new: %s %s"
          % (got["ingest"]["articles"], err))
    check(urls_of(index, "Osprey") == [one], "one Osprey article: %s" % urls_of(index, "Osprey"))

    # Two pages whose template names the home page as canonical: two articles.
    site.routes["/id/kite"] = (200, article("Kite", "The Kite ridge turbines.", "/"), "text/html")
    site.routes["/id/plover"] = (200, article("Kite", "The Plover sands and the Kite ridge.",
                                              base + "/?utm_source=tpl"), "text/html")
    fetch(index, [base + "/id/kite", base + "/id/plover"])
    check(urls_of(index, "Kite") == [base + "/id/kite", base + "/id/plover"],
          "pages naming the home page as canonical stay apart: %s" % urls_of(index, "Kite"))

    # A page's canonical link changes (a slug edited): the article moves, no copy stays.
    moving = base + "/id/moving"
    site.routes["/id/moving"] = (200, article("Heron", "The Heron weir, first draft.",
                                              "/id/heron-weir-draft"), "text/html")
    fetch(index, [moving])
    site.routes["/id/moving"] = (200, article("Heron", "The Heron weir, revised.",
                                              "/id/heron-weir"), "text/html")
    code, got, err = fetch(index, [moving])
    check(urls_of(index, "Heron") == [base + "/id/heron-weir"],
          "a page whose canonical link changed is one article: %s" % urls_of(index, "Heron"))

    # An index and crawl state from before tracking parameters were dropped: the page
    # known as /id/legacy?utm_source=old is asked for conditionally (unchanged: nothing new)
    # and, once changed, moves to /id/legacy rather than doubling.
    legacy = base + "/id/legacy"
    old_spelling = legacy + "?utm_source=old"
    body = article("Lapwing", "The Lapwing pier, as first read.")
    site.routes["/id/legacy"] = (200, body, "text/html")
    index = os.path.join(tmp, "legacy")
    records = os.path.join(tmp, "legacy.jsonl")
    with open(records, "w") as f:
        f.write(json.dumps({"title": "Lapwing", "body": "The Lapwing pier, as first read.",
                            "url": old_spelling}) + "\n")
    subprocess.run([programs.index_bin, "add", "--index", index, "--quiet", records], check=True)
    with open(os.path.join(index, "parley-crawl.json"), "w") as f:
        json.dump({"urls": {old_spelling: {
            "etag": '"%s"' % hashlib.sha1(body).hexdigest()[:16], "status": 200,
            "read_as": "page", "article_id": old_spelling}}}, f)
    code, got, err = fetch(index, [old_spelling])
    check(got["ingest"]["articles"]["new"] == 0 and urls_of(index, "Lapwing") == [old_spelling],
          "an older state's spelling is asked for conditionally: %s %s"
          % (got["ingest"]["articles"], urls_of(index, "Lapwing")))
    site.routes["/id/legacy"] = (200, article("Lapwing", "The Lapwing pier, revised."),
                                 "text/html")
    code, got, err = fetch(index, [old_spelling])
    check(urls_of(index, "Lapwing") == [legacy],
          "changed, it moves to its new address: %s" % urls_of(index, "Lapwing"))

server.shutdown()
fetch_harness.finish()

"""A small web site on loopback for the crawler's tests and benchmark.

Serves the corpora's web pages and a feed and sitemaps linking to them, with ETag and
Last-Modified (answering conditional requests with 304), robots.txt, and the troubles a
crawler meets: a slow page, a trickling body, redirects and a redirect loop, a feed with relative links, 404, a 500 that never ends and
one that passes, a page whose Content-Type names the wrong charset, a huge body. It counts
every request by path and whether it was conditional (GET /_counts as JSON).

    python3 fetch_server.py PAGES_DIR [--generated N]   (prints the port, serves until killed)
"""
import gzip, hashlib, http.server, json, os, sys, threading, time, urllib.parse

ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n"
LAST_MODIFIED = "Tue, 03 Dec 2024 10:00:00 GMT"
# Items whose links are relative: to be read against the feed's address, on every site.
RELATIVE_FEED = (b"<rss version='2.0'><channel><title>Relative Review</title>"
                 b"<item><title>Editorial</title><link>/2024/12/editorial</link>"
                 b"<description>The Ashgrove editorial on harbour tolls.</description></item>"
                 b"<item><title>Column</title><link>page/x</link>"
                 b"<description>The Brindlemoor column on ferry fares.</description></item>"
                 b"</channel></rss>")


def generated_page(i):
    words = " ".join("word%d" % ((i * 7 + k) % 997) for k in range(60))
    body = "".join("<p>Paragraph %d of generated article %d: %s.</p>" % (p, i, words)
                   for p in range(5))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Generated %d</title>"
            "<link rel='canonical' href='/gen/%d.html'></head><body><article><h1>Generated %d"
            "</h1>%s</article></body></html>" % (i, i, i, body)).encode()


class Site:
    def __init__(self, pages_dir, generated=0, robots=ROBOTS):
        self.robots = robots
        self.pages = {}
        for name in sorted(os.listdir(pages_dir)):
            if name.endswith(".html"):
                with open(os.path.join(pages_dir, name), "rb") as f:
                    self.pages["/pages/" + name] = f.read()
        self.generated = generated
        self.counts = {}
        self.log = []  # (time, path) of every request, in order
        self.lock = threading.Lock()
        self.flaky_once_served = False
        self.fails_first_served = False
        # Pages a test sets and changes between runs: path -> (status, body, content type[,
        # headers of a status other than 200]);
        # a 200 is served with an ETag (no Last-Modified: a changed body is never "not
        # modified") and answers a request naming that ETag with 304.
        self.routes = {}

    def count(self, path, conditional):
        with self.lock:
            c = self.counts.setdefault(path, {"requests": 0, "conditional": 0})
            c["requests"] += 1
            c["conditional"] += int(conditional)
            self.log.append((time.time(), path))


def make_handler(site, port_box):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one segment: else Nagle's algorithm and the client's delayed
        # ACK hold every response for 40 ms.
        disable_nagle_algorithm = True
        wbufsize = -1

        def log_message(self, *args):
            pass

        # A crawler that gives up mid-body (timeout, size cap) is what some tests test.
        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def finish(self):
            try:
                super().finish()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up (timeout, size cap): what is being tested

        def cacheable(self, body, content_type, dated=True):
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if (self.headers.get("If-None-Match") == etag or
                    (dated and self.headers.get("If-Modified-Since") == LAST_MODIFIED)):
                return self.send(304, headers=[("ETag", etag)])
            dates = [("Last-Modified", LAST_MODIFIED)] if dated else []
            self.send(200, body, content_type, [("ETag", etag)] + dates)

        def do_GET(self):
            path = self.path.split("?")[0]
            conditional = bool(self.headers.get("If-None-Match") or
                               self.headers.get("If-Modified-Since"))
            if path != "/_counts":
                site.count(path, conditional)
            base = "http://127.0.0.1:%d" % port_box[0]
            if path == "/_counts":
                with site.lock:
                    return self.send(200, json.dumps(site.counts).encode(), "application/json")
            if path == "/robots.txt":
                if isinstance(site.robots, int):  # a status: 404, 503
                    return self.send(site.robots, b"no robots here")
                if isinstance(site.robots, str):  # moved elsewhere
                    return self.send(301, b"", headers=[("Location", site.robots)])
                return self.send(200, site.robots, "text/plain")
            if path == "/moved-robots.txt":
                return self.send(200, ROBOTS, "text/plain")
            if path in site.routes:
                status, body, content_type, *headers = site.routes[path]
                if status == 200 and not headers:
                    return self.cacheable(body, content_type, dated=False)
                return self.send(status, body, content_type, headers[0] if headers else ())
            if path in site.pages:
                return self.cacheable(site.pages[path], "text/html")
            if path == "/feed.xml":
                items = "".join(
                    "<item><title>Item %s</title><link>%s%s</link><guid>%s%s</guid>"
                    "<description>Only a summary of %s.</description></item>"
                    % (p, base, p, base, p, p) for p in sorted(site.pages))
                feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                        "<title>Loopback Review</title>%s</channel></rss>" % items).encode()
                return self.cacheable(feed, "application/rss+xml")
            if path == "/news/relative-feed.xml":
                return self.send(200, RELATIVE_FEED, "application/rss+xml")
            if path == "/relative-feed":
                return self.send(301, b"", headers=[("Location", "/news/relative-feed.xml")])
            if path == "/sitemap.xml":
                locs = "".join("<url><loc>%s%s</loc></url>" % (base, p) for p in sorted(site.pages))
                locs += "<url><loc>%s/private/secret.html</loc></url>" % base
                xml = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns="
                       "'http://www.sitemaps.org/schemas/sitemap/0.9'>%s</urlset>" % locs).encode()
                return self.cacheable(xml, "application/xml")
            if path == "/sitemap-index.xml":
                xml = ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns="
                       "'http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>"
                       "/sitemap.xml</loc></sitemap></sitemapindex>").encode()
                return self.cacheable(xml, "application/xml")
            if path == "/gen/sitemap.xml":
                locs = "".join("<url><loc>%s/gen/%d.html</loc></url>" % (base, i)
                               for i in range(site.generated))
                return self.send(200, ("<?xml version='1.0'?><urlset>%s</urlset>" % locs).encode(),
                                 "application/xml")
            if path.startswith("/gen/") and path.endswith(".html"):
                return self.cacheable(generated_page(int(path[5:-5])), "text/html")
            if path == "/slow":
                time.sleep(3)
                return self.send(200, b"<html><body><p>Too late.</p></body></html>")
            if path == "/trickle":  # answers at once, then sends its body a byte a second
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(1)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            if path == "/redirect":
                first = sorted(site.pages)[0]
                return self.send(301, b"", headers=[("Location", first)])
            if path == "/redirect-to":  # ?url=, relative or absolute
                target = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["url"][0]
                return self.send(302, b"", headers=[("Location", target)])
            if path in ("/loop1", "/loop2"):
                other = "/loop2" if path == "/loop1" else "/loop1"
                return self.send(302, b"", headers=[("Location", other)])
            if path == "/always-500":
                return self.send(500, b"<html><body>broken</body></html>")
            if path == "/flaky-once":
                with site.lock:
                    first, site.flaky_once_served = not site.flaky_once_served, True
                if first:
                    return self.send(503, b"busy", headers=[("Retry-After", "0")])
                return self.cacheable(
                    b"<html><head><title>Second try</title></head><body><article><p>"
                    b"The Kestrel flotilla answered only on the second request.</p>"
                    b"</article></body></html>", "text/html")
            if path == "/flaky-feed.xml":  # a summary whose page fails on the first request
                feed = ("<rss version='2.0'><channel><title>Flaky Review</title><item>"
                        "<title>Tern harbour</title><link>%s/fails-first</link>"
                        "<guid isPermaLink='false'>flaky-guid</guid><description>Only a "
                        "summary of the Tern harbour story.</description></item></channel>"
                        "</rss>" % base).encode()
                return self.send(200, feed, "application/rss+xml")
            if path == "/fails-first":
                with site.lock:
                    first, site.fails_first_served = not site.fails_first_served, True
                if first:
                    return self.send(500, b"<html><body>broken</body></html>")
                return self.send(200, b"<html><head><title>Tern harbour</title></head><body>"
                                 b"<article><p>The whole Tern harbour story, at last.</p>"
                                 b"</article></body></html>", "text/html")
            if path == "/wrong-charset":
                page = ("<html><head><title>Caf\u00e9 diplomacy</title></head><body><article>"
                        "<p>Ministers met at a caf\u00e9 in Gen\u00e8ve to discuss the "
                        "Zanderbrook accord.</p></article></body></html>").encode("utf-8")
                return self.cacheable(page, "text/html; charset=iso-8859-1")
            # Feeds and sitemaps without an XML declaration, after a comment, gzipped.
            if path == "/bare-feed":
                return self.send(200, b"<rss version='2.0'><channel><title>Bare</title><item>"
                                 b"<title>Q</title><link>/q</link><description>The Quillmarsh"
                                 b" levy.</description></item></channel></rss>", "application/xml")
            if path == "/commented-sitemap.xml":
                return self.send(200, ("<!-- made by <b>tool</b> --><!DOCTYPE urlset [<!ENTITY a "
                                       "'<x>'>]><urlset><url><loc>%s</loc></url></urlset>"
                                       % sorted(site.pages)[2]).encode(), "text/xml")
            if path == "/sitemap.xml.gz":
                xml = ("<urlset><url><loc>%s</loc></url></urlset>" % sorted(site.pages)[3])
                return self.send(200, gzip.compress(xml.encode()), "application/x-gzip")
            if path == "/bomb.xml.gz":
                xml = b"<urlset>" + b" " * 3000000 + b"</urlset>"
                return self.send(200, gzip.compress(xml), "application/gzip")
            if path == "/report.pdf":
                return self.cacheable(b"%PDF-1.4 not an article", "application/pdf")
            if path == "/empty-page":
                return self.cacheable(b"<html><head></head><body></body></html>", "text/html")
            if path == "/huge":
                body = b"<html><body><article>" + b"<p>filler text. </p>" * 200000 + b"</article></body></html>"
                return self.send(200, body)
            if path.startswith("/private/"):
                return self.send(200, b"<html><body><p>Secret.</p></body></html>")
            return self.send(404, b"<html><body>not here</body></html>")

        do_HEAD = do_GET

    return Handler


def start(pages_dir, generated=0, robots=ROBOTS):
    """Starts the site on a free loopback port; returns (server, site, port). `robots` is
    robots.txt's body, or a status it answers with (int), or where it redirects (str)."""
    site = Site(pages_dir, generated, robots)
    port_box = [0]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site, port_box))
    server.daemon_threads = True
    port_box[0] = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site, port_box[0]


if __name__ == "__main__":
    generated = int(sys.argv[sys.argv.index("--generated") + 1]) if "--generated" in sys.argv else 0
    server, site, port = start(sys.argv[1], generated)
    print(port, flush=True)
    threading.Event().wait()

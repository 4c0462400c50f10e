#!/usr/bin/env python3
"""Checks server/api/openapi.json against the real parley-serve: every documented operation
is called, and every answer (status, content type, body) must be what the document says.

    openapi_conformance.py PARLEY_INDEX PARLEY_SERVE CORPORA

Indexes CORPORA into a temporary index, starts parley-serve on a free loopback port with a
write token, sends each request below and validates the JSON bodies with jsonschema
(Draft 2020-12, the dialect of OpenAPI 3.1) against the schema of the operation's answer.
Fails on an answer whose status the document does not list, on a body that does not match,
and on a documented operation no request reached.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import jsonschema

TOKEN = "conformance-token"


def main():
    index_bin, serve_bin, corpora = sys.argv[1:4]
    tmp = tempfile.mkdtemp(prefix="parley-openapi.")
    server = None
    shard_server = None
    try:
        index = os.path.join(tmp, "index")
        subprocess.run([index_bin, "--index", index, "--quiet",
                        os.path.join(corpora, "articles"), os.path.join(corpora, "html")],
                       check=True)
        server = subprocess.Popen([serve_bin, "--index", index, "--listen", "127.0.0.1:0",
                                   "--token", TOKEN], stdout=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            sys.exit("parley-serve did not start: %r" % line)
        # The same index as one shard of a set whose other shard is down (nothing listens on
        # a port just freed): /search answers 503, or partial results on partial=true.
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            dead_port = s.getsockname()[1]
        shard_server = subprocess.Popen(
            [serve_bin, "--shard", "live=" + index, "--shard",
             "down=tcp://127.0.0.1:%d" % dead_port, "--shard-timeout", "300",
             "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
        line = shard_server.stdout.readline()
        shard_match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not shard_match:
            sys.exit("parley-serve --shard did not start: %r" % line)
        return check(int(match.group(1)), int(shard_match.group(1)))
    finally:
        if shard_server:
            shard_server.terminate()
            shard_server.wait(timeout=30)
        if server:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


def call(port, method, target, body=None, headers=None):
    data = body.encode() if body is not None else None
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, target), data=data,
                                     method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def check(port, shard_port):
    status, _, raw = call(port, "GET", "/openapi.json")
    assert status == 200, status
    doc = json.loads(raw)
    for name, schema in doc["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
    resolver = jsonschema.RefResolver.from_schema(doc)
    auth = {"Authorization": "Bearer " + TOKEN}
    article = json.dumps({"id": "openapi-test", "title": "Conformance", "authors": ["A. Tester"],
                          "date": "2024-05-01", "paragraphs": ["China and Russia on tariffs."]})
    json_body = dict(auth, **{"Content-Type": "application/json"})
    # (operation path, method, target, body, headers)
    cases = [
        ("/search", "get", "/search?q=naval%20drills%20AUKUS&limit=3", None, {}),
        ("/search", "get", "/search?q=sanctions&group=article&facet_count=articles&filter=actor:China", None, {}),
        ("/search", "get", "/search?q=%22strategic%20alignment%22&snippets=false&sort=date", None, {}),
        ("/search", "get", "/search?q=zzzyxwv", None, {}),
        ("/search", "get", "/search?q=sanctoins%20on%20rusia&entities=false", None, {}),
        ("/search", "get", "/search?q=sanctions%20oil&feedback=false", None, {}),
        ("/search", "get", "/search?limit=5000", None, {}),
        ("/search", "get", "/search?colour=blue", None, {}),
        ("/suggest", "get", "/suggest?q=chin", None, {}),
        ("/suggest", "get", "/suggest?q=sanctoins%20chin&limit=3", None, {}),
        ("/facets/{name}", "get", "/facets/actor?limit=5", None, {}),
        ("/facets/{name}", "get", "/facets/actor_type?limit=0", None, {}),
        ("/facets/{name}", "get", "/facets/colour", None, {}),
        ("/analyze/timeline", "get", "/analyze/timeline?interval=year&series=actor:China&series=actor:Russia", None, {}),
        ("/analyze/timeline", "get", "/analyze/timeline?q=Taiwan&interval=week&from=2023-01&to=2023-03", None, {}),
        ("/analyze/timeline", "get", "/analyze/timeline?interval=year&format=csv", None, {}),
        ("/analyze/timeline", "get", "/analyze/timeline?interval=fortnight", None, {}),
        ("/analyze/timeline", "get", "/analyze/timeline?from=2021-13", None, {}),
        ("/analyze/stands-out", "get", "/analyze/stands-out?q=sanctions&field=topic", None, {}),
        ("/analyze/stands-out", "get", "/analyze/stands-out?filter=actor:AUKUS&field=word&limit=5", None, {}),
        ("/analyze/stands-out", "get", "/analyze/stands-out?filter=actor:Russia&background=actor:China", None, {}),
        ("/analyze/stands-out", "get", "/analyze/stands-out?field=colour", None, {}),
        ("/analyze/cooccur", "get", "/analyze/cooccur?filter=actor:AUKUS&limit=5", None, {}),
        ("/analyze/cooccur", "get", "/analyze/cooccur?level=article&order=npmi&matrix=China,Russia,NATO,Atlantis", None, {}),
        ("/analyze/cooccur", "get", "/analyze/cooccur?filter=actor:NATO&format=ndjson", None, {}),
        ("/analyze/cooccur", "get", "/analyze/cooccur?level=sentence", None, {}),
        ("/analyze/bursts", "get", "/analyze/bursts?series=actor:Taiwan&series=actor:Ukraine&threshold=2", None, {}),
        ("/analyze/bursts", "get", "/analyze/bursts?threshold=high", None, {}),
        ("/analyze/context", "get", "/analyze/context?article=mr-2015-minsk-agreements&paragraph=2&before=1", None, {}),
        ("/analyze/context", "get", "/analyze/context?article=mr-2015-minsk-agreements&paragraph=999", None, {}),
        ("/analyze/context", "get", "/analyze/context?article=mr-2015-minsk-agreements", None, {}),
        ("/analyze/more-like", "get", "/analyze/more-like?article=mr-2015-minsk-agreements&paragraph=1&limit=3", None, {}),
        ("/analyze/more-like", "get", "/analyze/more-like?article=no-such-article&paragraph=1", None, {}),
        ("/analyze/export", "get", "/analyze/export?q=sanctions&size=5", None, {}),
        ("/analyze/export", "get", "/analyze/export?filter=actor:China&format=csv&sort=date", None, {}),
        ("/analyze/export", "get", "/analyze/export?size=0", None, {}),
        ("/articles/{id}", "get", "/articles/mr-2015-minsk-agreements", None, {}),
        ("/articles/{id}", "get", "/articles/no-such-article", None, {}),
        ("/articles", "get", "/articles?id=mr-2015-minsk-agreements", None, {}),
        ("/articles", "post", "/articles", article, json_body),
        ("/articles", "post", "/articles", "[" + article + ', {"title": "no text"}]', json_body),
        ("/articles", "post", "/articles", article, {"Content-Type": "application/json"}),
        ("/articles", "post", "/articles", "{\"id\": ", json_body),
        ("/articles", "post", "/articles", article, dict(auth, **{"Content-Type": "text/plain"})),
        ("/articles/{id}", "delete", "/articles/openapi-test", None, auth),
        ("/articles/{id}", "delete", "/articles/openapi-test", None, auth),
        ("/articles/{id}", "delete", "/articles/openapi-test", None, {}),
        ("/articles", "post", "/articles", article, json_body),
        ("/articles", "delete", "/articles?id=openapi-test", None, auth),
        ("/articles", "delete", "/articles?id=openapi-test", None, auth),
        ("/articles", "delete", "/articles", None, auth),
        ("/articles", "delete", "/articles?id=openapi-test", None, {}),
        ("/health", "get", "/health", None, {}),
        ("/stats", "get", "/stats?top=3", None, {}),
        ("/stats", "get", "/stats?top=-1", None, {}),
        ("/metrics", "get", "/metrics", None, {}),
        ("/openapi.json", "get", "/openapi.json", None, {}),
    ]
    shard_cases = [
        ("/search", "get", "/search?q=china&partial=true", None, {}),
        ("/search", "get", "/search?q=china&partial=false", None, {}),
    ]
    failures = []
    reached = set()
    for at, (path, method, target, body, headers) in ([(port, c) for c in cases] +
                                                     [(shard_port, c) for c in shard_cases]):
        status, content_type, raw = call(at, method.upper(), target, body, headers)
        where = "%s %s -> %d" % (method.upper(), target, status)
        operation = doc["paths"][path][method]
        reached.add((path, method))
        answer = operation["responses"].get(str(status))
        if answer is None:
            failures.append("%s: status not documented (documented: %s)"
                            % (where, ", ".join(operation["responses"])))
            continue
        media = answer.get("content", {})
        kind = content_type.split(";")[0].strip()
        if media and kind not in media:
            failures.append("%s: content type %s, documented %s" % (where, kind, list(media)))
            continue
        if kind != "application/json":
            print("ok   " + where)
            continue
        try:
            jsonschema.Draft202012Validator(media[kind]["schema"], resolver=resolver).validate(
                json.loads(raw))
        except jsonschema.ValidationError as e:
            failures.append("%s: %s at %s" % (where, e.message,
                                               "/".join(str(p) for p in e.absolute_path)))
        print("ok   " + where if not failures or not failures[-1].startswith(where) else
              "FAIL " + failures[-1])
    for path, methods in doc["paths"].items():
        for method in methods:
            if (path, method) not in reached:
                failures.append("%s %s: documented but never called here" % (method.upper(), path))
    for f in failures:
        print("FAIL " + f)
    print("%d requests, %d failures" % (len(cases), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""What the fetch tests share: the programs of the build under test, checks that record
their failures, `parley-index fetch` run for its JSON summary, and parley-search's hits."""
import json, os, subprocess, sys

failures = []


class Programs:
    def __init__(self, build):
        self.index_bin = os.path.join(build, "indexer", "parley-index")
        self.search_bin = os.path.join(build, "searcher", "parley-search")

    def fetch(self, index, urls, options, extra):
        """Runs `parley-index fetch` with `options`, then `extra`, on `urls`: (exit, JSON
        summary, stderr). A run that prints no JSON ends the test."""
        cmd = [self.index_bin, "fetch", "--index", index, "--json", *options, *extra, *urls]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        try:
            return p.returncode, json.loads(p.stdout), p.stderr
        except ValueError:
            raise SystemExit("parley-index fetch printed no JSON (exit %d): %s\n%s"
                             % (p.returncode, p.stdout, p.stderr))

    def search(self, index, query):
        p = subprocess.run([self.search_bin, "--index", index, "--json", "--limit", "100", query],
                           capture_output=True, text=True, timeout=60)
        return json.loads(p.stdout)


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def finish():
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)

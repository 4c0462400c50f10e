#!/usr/bin/env python3
"""scripts/eval-extraction-benchmark on three pages whose scores are worked out by hand.

    tests/extraction/test_eval_extraction_benchmark.py BUILD_DIR
    (ctest: extraction.BenchmarkScorerCountsThreePages)

The pages are read by the real extract_articles of BUILD_DIR. Word 4-gram shingles:
  a (gzipped)  expected "one two three four five", Parley the same      -> P 1, R 1
  b (plain)    expected "alpha beta gamma delta epsilon" (2 shingles),
               Parley "alpha beta gamma delta epsilon zeta" (3 shingles) -> P 2/3, R 1
  c            expected "some text here now" (1 shingle), the page has no article
               -> no precision (nothing predicted), R 0
Precision and recall are averaged over the pages where they are defined: P 5/6 = 0.833,
R 2/3 = 0.667, F1 2PR/(P+R) = 0.741.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "eval-extraction-benchmark")


def main():
    build = sys.argv[1]
    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, "html"))
        with gzip.open(os.path.join(d, "html", "a.html.gz"), "wt", encoding="utf-8") as f:
            f.write("<html><body><article><p>one two three four five</p></article></body></html>")
        with open(os.path.join(d, "html", "b.html"), "w", encoding="utf-8") as f:
            f.write("<html><body><article><p>alpha beta gamma delta epsilon zeta</p></article>"
                    "</body></html>")
        with open(os.path.join(d, "html", "c.html"), "w", encoding="utf-8") as f:
            f.write("<html><body></body></html>")
        truth = {"a": {"articleBody": "one two three four five", "url": "https://a.example/"},
                 "b": {"articleBody": "alpha beta gamma delta epsilon", "url": "https://b.example/"},
                 "c": {"articleBody": "some text here now", "url": "https://c.example/"}}
        with open(os.path.join(d, "ground-truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f)
        run = subprocess.run([sys.executable, SCRIPT, d, "--build-dir", build, "--worst", "1"],
                             capture_output=True, text=True)
    lines = run.stdout.splitlines()
    expected = "pages 3: body P 0.833 R 0.667 F1 0.741; no text on 1"
    if run.returncode != 0 or not lines or lines[0] != expected:
        print(f"exit {run.returncode}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}\n"
              f"expected first line: {expected}")
        return 1
    if len(lines) != 2 or "https://c.example/" not in lines[1]:
        print(f"expected the worst page to be c:\n{run.stdout}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

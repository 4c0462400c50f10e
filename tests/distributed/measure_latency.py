#!/usr/bin/env python3
"""Query latency and throughput of a warm parley-serve over corpora/articles: as one index,
as 11 year shards, and as 2, 4 and 8 indexes split by input file; each local, and with every
shard behind its own xapian-tcpsrv on loopback. Prints a Markdown table for the README. Not
a test: it asserts nothing.

Latency: one client, 8 queries x ROUNDS (30). Throughput: 4 clients for 5 s; parley-serve
runs 2 worker threads.

Usage: measure_latency.py PARLEY_INDEX PARLEY_SERVE CORPORA [ROUNDS]
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

INDEX_BIN, SERVE_BIN, CORPORA = sys.argv[1:4]
ROUNDS = int(sys.argv[4]) if len(sys.argv) > 4 else 30
QUERIES = ["q=china", "q=%22south+china+sea%22", "q=climate&sort=date", "q=nato&group=article",
           "q=trade&facet_count=articles", "q=actor:China", "q=election+OR+parliament", "q="]
processes = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tcpsrv(path):
    port = free_port()
    processes.append(subprocess.Popen(
        ["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), path],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return f"tcp://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("xapian-tcpsrv did not start")


def shard_dirs(index):
    with open(os.path.join(index, "XAPIANDB")) as stub:
        return [line.split()[1] for line in stub if line.startswith("auto ")]


def measure(args):
    serve = subprocess.Popen([SERVE_BIN, "--listen", "127.0.0.1:0", "--threads", "2", "--web", ""]
                             + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = serve.stdout.readline().split("http://", 1)[1].split("/", 1)[0]

        def get(query):
            with urllib.request.urlopen(f"http://{address}/search?{query}", timeout=60) as r:
                return json.loads(r.read())

        started = time.perf_counter()
        for query in QUERIES:  # first answers: the searcher reads its tables
            get(query)
        first = (time.perf_counter() - started) * 1000 / len(QUERIES)
        times = []
        for _ in range(ROUNDS):
            for query in QUERIES:
                started = time.perf_counter()
                get(query)
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        # Throughput: 4 clients for 5 s against 2 worker threads.
        done = [0] * 4
        stop = time.perf_counter() + 5

        def client(slot):
            i = slot
            while time.perf_counter() < stop:
                get(QUERIES[i % len(QUERIES)])
                done[slot] += 1
                i += 1

        clients = [threading.Thread(target=client, args=(n,)) for n in range(4)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        return (first, sum(times) / len(times), times[len(times) // 2],
                times[int(len(times) * .95)], sum(done) / 5)
    finally:
        serve.terminate()
        serve.wait()


def main():
    work = tempfile.mkdtemp(prefix="parley-latency-")
    try:
        articles = os.path.join(CORPORA, "articles")
        single, sharded = os.path.join(work, "single"), os.path.join(work, "sharded")
        subprocess.run([INDEX_BIN, "--index", single, "--quiet", articles], check=True)
        subprocess.run([INDEX_BIN, "--index", sharded, "--quiet", "--shard-by", "year", articles],
                       check=True)
        single_shards, year_shards = shard_dirs(single), shard_dirs(sharded)
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(articles) for f in fs)
        split = {}
        for k in (2, 4, 8):
            split[k] = [os.path.join(work, f"split{k}-{i}") for i in range(k)]
            for i, index in enumerate(split[k]):
                subprocess.run([INDEX_BIN, "--index", index, "--quiet"] + files[i::k], check=True)
        setups = [
            ("1 shard, local", ["--index", single]),
            ("1 shard, xapian-tcpsrv",
             sum((["--shard", tcpsrv(os.path.join(single, d))] for d in single_shards), [])),
            (f"{len(year_shards)} shards, local", ["--index", sharded]),
            (f"{len(year_shards)} shards, xapian-tcpsrv",
             sum((["--shard", tcpsrv(os.path.join(sharded, d))] for d in year_shards), [])),
        ]
        for k in (2, 4, 8):
            setups.append((f"{k} indexes split by file, local",
                           sum((["--shard", index] for index in split[k]), [])))
            setups.append((f"{k} indexes split by file, xapian-tcpsrv",
                           sum((["--shard", tcpsrv(os.path.join(index, d))]
                                for index in split[k] for d in shard_dirs(index)), [])))
        print("| index | first query (ms) | mean (ms) | median (ms) | p95 (ms) | requests/s |")
        print("|---|---|---|---|---|---|")
        for name, args in setups:
            first, mean, median, p95, rate = measure(args)
            print(f"| {name} | {first:.1f} | {mean:.2f} | {median:.2f} | {p95:.2f} | {rate:.0f} |",
                  flush=True)
    finally:
        for p in processes:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

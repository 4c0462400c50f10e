#!/usr/bin/env python3
"""Parley over Xapian's remote backend and replication, on loopback.

Builds one index of corpora/articles and the same articles sharded by year, serves every
shard with its own xapian-tcpsrv, one shard also from a replica kept by
xapian-replicate-server/xapian-replicate, and checks that:
  1. parley-search and parley-serve over the shard set answer every query of the set
     exactly as over the one local index (the whole JSON: hits, scores, totals, facets);
  2. killing the replicated shard's master mid-run changes no answer (fail-over);
  3. a commit on the master reaches the replica, and the searches see it;
  4. a frozen shard (its server stopped mid-run) and a dead one are errors naming them
     (exit 1, HTTP 503), or with partial results allowed answers marked partial naming them,
     and a frozen shard that comes back is searched again;
  5. a shard server that accepts and never answers costs the timeout, not a hang.
It prints query latency over the local index and over the shard set.

Usage: shard_set_test.py PARLEY_INDEX PARLEY_SEARCH PARLEY_SERVE CORPORA
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

INDEX_BIN, SEARCH_BIN, SERVE_BIN, CORPORA = sys.argv[1:5]
ANALYZE_BIN = os.path.join(os.path.dirname(SEARCH_BIN), "parley-analyze")
ARTICLES = os.path.join(CORPORA, "articles")

# parley-search arguments (query words and options); each is compared as whole JSON.
QUERIES = [
    ["china"],
    ['"south china sea"'],
    ["actor:China"],
    ["climate", "--sort", "date"],
    ["climate", "--sort", "date-asc", "--limit", "30"],
    ["nato", "--group-by", "article"],
    ["trade", "--select", "year:2024", "--facet-count", "articles"],
    ["energy", "--filter", "year:2019..2023", "--facet-size", "0"],
    ["election", "OR", "parliament", "--rank", "bm25", "--limit", "50"],
    ["+russia", "-ukraine"],
    ["drill*", "--duplicates"],
    ["topic:maritime", "--limit", "20", "--offset", "5"],
    ["war", "peace", "security", "council", "sanctions", "treaty"],
    ["lang:ru"],
    [""],
]
HTTP_QUERIES = [
    "q=china&facets=actor,topic,year,author,source,actor_type",
    "q=%22south+china+sea%22&limit=20",
    "q=climate&sort=date&facet_count=articles",
    "q=nato&group=article",
    "q=",
]

# The notes of an answer that needed the spelling lists the remote backend does not serve.
WILDCARD_NOTE = "wildcards may miss words of shard"
SUGGEST_NOTE = "spelling suggestions leave out the words of shard"

processes = []
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, **kwargs):
    # Its own session: xapian-tcpsrv answers SIGTERM by signalling its whole process group.
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, **kwargs)
    processes.append(process)
    return process


def wait_for_port(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def serve_shard(path):
    port = free_port()
    # --one-shot would serve one connection; without it the server forks one per client.
    start(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), path])
    wait_for_port(port)
    return port


def search(args, index=None, shards=(), extra=()):
    command = [SEARCH_BIN, "--json", "--color", "never"]
    command += ["--index", index] if index else []
    for spec in shards:
        command += ["--shard", spec]
    command += list(extra)
    words = []
    skip = False
    for i, a in enumerate(args):  # options take the next word as their value
        if skip:
            skip = False
            continue
        if a.startswith("--"):
            if a not in ("--duplicates",):
                command += [a, args[i + 1]]
                skip = True
            else:
                command.append(a)
        else:
            words.append(a)
    command += ["--"] + words
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    return run, time.perf_counter() - started


def start_serve(index=None, shards=(), extra=()):
    command = [SERVE_BIN, "--listen", "127.0.0.1:0", "--threads", "2", "--web", ""]
    command += ["--index", index] if index else []
    for spec in shards:
        command += ["--shard", spec]
    command += list(extra)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    processes.append(process)
    line = process.stdout.readline()
    if "listening on" not in line:
        raise RuntimeError("parley-serve did not start: " + line + process.stderr.read())
    return line.split("http://", 1)[1].split("/", 1)[0]


def get(address, path, timeout=30):
    try:
        with urllib.request.urlopen(f"http://{address}{path}", timeout=timeout) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


class SilentServer:
    """Accepts connections and never writes a byte: a hung shard server."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)


class GreetThenSilent:
    """Forwards a shard server's greeting, then never another byte: a replica that accepts,
    connects, and hangs before its first answer."""

    def __init__(self, target):
        self.target = target
        self.held = []
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.socket.accept()
                server = socket.create_connection(("127.0.0.1", self.target))
                client.sendall(server.recv(65536))
            except OSError:
                return
            self.held += [client, server]


class CountingProxy:
    """Forwards connections to a port on loopback and counts the bytes its server sends."""

    def __init__(self, target):
        self.target = target
        self.received = 0
        self.lock = threading.Lock()
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.socket.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _pipe(self, source, sink, counted):
        try:
            while data := source.recv(65536):
                if counted:
                    with self.lock:
                        self.received += len(data)
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def main():
    work = tempfile.mkdtemp(prefix="parley-shards-")
    try:
        run_checks(work)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


def run_checks(work):
    single = os.path.join(work, "single")
    sharded = os.path.join(work, "sharded")
    # The master's commits keep changesets, so that replicas catch up by applying them.
    env = dict(os.environ, XAPIAN_MAX_CHANGESETS="10")
    subprocess.run([INDEX_BIN, "--index", single, ARTICLES], check=True, capture_output=True)
    subprocess.run([INDEX_BIN, "--index", sharded, "--shard-by", "year", ARTICLES], check=True,
                   capture_output=True, env=env)
    with open(os.path.join(sharded, "XAPIANDB")) as stub:
        shard_dirs = [line.split()[1] for line in stub if line.startswith("auto ")]
    check(len(shard_dirs) >= 3, f"the sharded index has {len(shard_dirs)} shards")

    # Every shard on its own server; the largest one also from a replica.
    replicated = max(shard_dirs, key=lambda d: sum(
        os.path.getsize(os.path.join(sharded, d, f)) for f in os.listdir(os.path.join(sharded, d))))
    replication_port = free_port()
    start(["xapian-replicate-server", "--interface", "127.0.0.1", "--port",
           str(replication_port), sharded])
    wait_for_port(replication_port)
    replica = os.path.join(work, "replica")

    def replicate():
        started = time.perf_counter()
        subprocess.run(["xapian-replicate", "-h", "127.0.0.1", "-p", str(replication_port), "-m",
                        replicated, "-o", "-q", "-r", "0", replica], check=True, timeout=60)
        return time.perf_counter() - started

    replicate()
    ports = {d: serve_shard(os.path.join(sharded, d)) for d in shard_dirs}
    master_server = find_server(ports[replicated])
    replica_port = serve_shard(replica)
    shards = []
    for d in shard_dirs:
        spec = f"{d.split('.')[0]}=tcp://127.0.0.1:{ports[d]}"
        if d == replicated:
            spec += f",tcp://127.0.0.1:{replica_port}"
        shards.append(spec)

    # 1. The shard set answers as the one index, in parley-search (a wildcard adds the note
    # that remote shards have no spelling list: see 1b)...
    local_seconds = remote_seconds = 0.0
    expected = {}
    for query in QUERIES:
        one, t_one = search(query, index=single)
        many, t_many = search(query, shards=shards)
        local_seconds += t_one
        remote_seconds += t_many
        expected[" ".join(query)] = one.stdout
        same = one.stdout == many.stdout
        if any(word.endswith("*") for word in query) and many.stdout:
            # The same answer but for the note (compared parsed, the note taken out).
            answer = json.loads(many.stdout)
            noted = [n for n in answer["notes"] if n.startswith(WILDCARD_NOTE)]
            check(len(noted) == 1, f"parley-search {' '.join(query)!r}: the wildcard note")
            answer["notes"] = [n for n in answer["notes"] if n not in noted]
            same = json.loads(one.stdout or "null") == answer
        check(one.returncode == many.returncode and same and one.stdout,
              f"parley-search {' '.join(query)!r}: shard set == one index "
              f"(exit {many.returncode}{', ' + many.stderr.strip() if many.stderr else ''})")

    # 1b. What the remote backend cannot serve, the spelling list, is said on every answer
    # that used it: a wildcard may miss words indexed under a shorter stem, suggestions
    # leave out the remote shards' words.
    one, _ = search(["economi*"], index=single)
    many, _ = search(["economi*"], shards=shards)
    local, remote = json.loads(one.stdout), json.loads(many.stdout)
    check(not any(n.startswith(WILDCARD_NOTE) for n in local["notes"]) and
          any(n.startswith(WILDCARD_NOTE) for n in remote["notes"]),
          f"economi*: {local['total']} local, {remote['total']} over tcp, with a note there")
    # What a search reads from a shard that is not the first: not the gazetteer text of its
    # manifest (some 400 KB, needed from the first shard only), only what the search needs.
    smallest = min(shard_dirs[1:], key=lambda d: sum(
        os.path.getsize(os.path.join(sharded, d, f)) for f in os.listdir(os.path.join(sharded, d))))
    proxy = CountingProxy(ports[smallest])
    counted = [s if not s.startswith(smallest.split(".")[0] + "=") else
               f"{smallest.split('.')[0]}=tcp://127.0.0.1:{proxy.port}" for s in shards]
    many, _ = search(["china"], shards=counted)
    time.sleep(0.2)  # the proxy's last bytes
    check(many.stdout == expected["china"] and proxy.received < 200_000,
          f"a search reads {proxy.received} bytes from shard {smallest} (not the first)")
    proxy.socket.close()

    # ...and in parley-serve.
    one_server = start_serve(index=single)
    many_server = start_serve(shards=shards)
    for query in HTTP_QUERIES:
        a = get(one_server, "/search?" + query)
        b = get(many_server, "/search?" + query)
        check(a == b and a[0] == 200, f"GET /search?{query}: shard set == one index")
    status, suggested = get(many_server, "/suggest?q=sancions+oil+sanc")
    check(status == 200 and any(n.startswith(SUGGEST_NOTE) for n in suggested.get("notes", [])),
          f"GET /suggest over tcp notes the missing spelling lists: {suggested}")
    status, suggested = get(one_server, "/suggest?q=sancions+oil+sanc")
    check(status == 200 and "notes" not in suggested, "GET /suggest of one index has no note")

    # Latency: a warm parley-serve, local index against the shard set over loopback.
    def timed(server, rounds=20):
        started = time.perf_counter()
        for _ in range(rounds):
            for query in HTTP_QUERIES:
                get(server, "/search?" + query)
        return (time.perf_counter() - started) / (rounds * len(HTTP_QUERIES)) * 1000

    print(f"figure: parley-serve mean latency {timed(one_server):.2f} ms (one local index) vs "
          f"{timed(many_server):.2f} ms ({len(shard_dirs)} shards over xapian-tcpsrv)")
    print(f"figure: parley-search process per query {local_seconds / len(QUERIES) * 1000:.1f} ms "
          f"local vs {remote_seconds / len(QUERIES) * 1000:.1f} ms sharded")

    # 2. The replicated shard's master dies mid-run: the replica answers.
    master_server.terminate()
    master_server.wait()
    for query in QUERIES[:6]:
        many, _ = search(query, shards=shards)
        check(many.stdout == expected[" ".join(query)],
              f"master of {replicated} killed: {' '.join(query)!r} answers the same")
    for query in HTTP_QUERIES:
        check(get(many_server, "/search?" + query) == get(one_server, "/search?" + query),
              f"master of {replicated} killed: GET /search?{query} answers the same")

    # 3. A commit on the master reaches the replica.
    new_article = os.path.join(work, "new.jsonl")
    year = replicated[1:5] if replicated.startswith("y") else "2025"  # lands in that shard
    with open(new_article, "w") as out:
        out.write(json.dumps({
            "id": "zz-replica-check", "title": "Quorum zebras", "authors": ["Test Writer"],
            "date": f"{year}-03-01", "source": "Replica Review", "lang": "en",
            "body": "Quorum zebras met in the replicated harbour of Zebraland to talk about "
                    "China."}) + "\n")
    for index in (single, sharded):
        subprocess.run([INDEX_BIN, "--index", index, new_article], check=True,
                       capture_output=True, env=env)
    lag = replicate()
    print(f"figure: replication of one commit ({replicated}) took {lag * 1000:.0f} ms "
          f"(xapian-replicate --one-shot, loopback)")
    for query in (["zebras"], ["china"]):
        one, _ = search(query, index=single)
        many, _ = search(query, shards=shards)
        check(one.stdout == many.stdout and '"total": 0' not in one.stdout,
              f"after a commit, the replica answers {' '.join(query)!r} as the one index")

    # 3b. A re-tag rewrites paragraphs in place: no shard's counts change, only its tags and
    # manifest. A serving coordinator counts the new tags as the re-tagged index does.
    all_actors = "/search?q=&facets=actor&facet_size=0"
    before = get(many_server, all_actors)  # the counts of this version, kept by the server
    check(before == get(one_server, all_actors) and "Zebraland" not in json.dumps(before[1]),
          "before a re-tag the shard set's server counts the actors as the one index")
    gazetteer = os.path.join(work, "zebra.gazetteer")
    with open(gazetteer, "w") as out:
        out.write("extends: builtin\nstate: Zebraland\n")
    for index in (single, sharded):
        subprocess.run([INDEX_BIN, "retag", "--index", index, "--gazetteer", gazetteer],
                       check=True, capture_output=True, env=env)
    replicate()
    one_answer = get(one_server, all_actors)
    check("Zebraland" in json.dumps(one_answer[1]["facets"]),
          "after a re-tag the one index counts the new actor")
    check(get(many_server, all_actors) == one_answer,
          "after a re-tag the shard set's server counts the new actor as the one index")

    # 4. A shard with no replica hangs (its server stopped, as a frozen machine is) while a
    # parley-serve holds connections to it, then comes back; then it dies for good.
    victim = next(d for d in shard_dirs if d != replicated)
    victim_name = victim.split(".")[0]
    watcher = start_serve(shards=shards, extra=["--shard-timeout", "500"])
    check(get(watcher, "/search?q=china") == get(one_server, "/search?q=china"),
          "a second shard-set server answers before the hang")
    frozen = find_server(ports[victim])
    os.killpg(frozen.pid, signal.SIGSTOP)
    started = time.perf_counter()
    status, body = get(watcher, "/search?q=china")
    seconds = time.perf_counter() - started
    check(status == 503 and victim_name in json.dumps(body) and seconds < 10,
          f"frozen shard {victim_name}: GET /search answers 503 naming it in {seconds:.1f} s")
    status, body = get(watcher, "/search?q=china&partial=true")
    check(status == 200 and body.get("missing_shards") == [victim_name],
          f"frozen shard {victim_name}: GET /search?partial=true answers partial naming it")
    os.killpg(frozen.pid, signal.SIGCONT)
    check(get(watcher, "/search?q=china") == get(one_server, "/search?q=china"),
          f"shard {victim_name} back: the answers are whole again")

    # A shard with no replica dies: an error naming it, or partial results.
    victim_server = find_server(ports[victim])
    victim_server.terminate()
    victim_server.wait()
    many, _ = search(["china"], shards=shards)
    error = json.loads(many.stdout or "{}")  # --json: the error object, not nothing
    check(many.returncode == 1 and victim_name in many.stderr and
          error.get("kind") == "shard_unavailable" and victim_name in error.get("error", ""),
          f"dead shard {victim_name}: parley-search exits 1 naming it: {many.stderr.strip()[:160]}")
    partial, _ = search(["china"], shards=shards, extra=["--allow-partial"])
    answer = json.loads(partial.stdout or "{}")
    full = json.loads(expected["china"])
    check(answer.get("partial") is True and answer.get("missing_shards") == [victim_name] and
          0 < answer["total"] <= full["total"],
          f"dead shard {victim_name}, --allow-partial: partial answer naming it "
          f"(total {answer.get('total')} of {full['total']})")
    # The views of a partial answer say so too: a note naming the shard, and on an export
    # the X-Missing-Shards header.
    command = [ANALYZE_BIN, "timeline", "--format", "json", "--allow-partial"]
    for spec in shards:
        command += ["--shard", spec]
    view = subprocess.run(command + ["china"], capture_output=True, text=True, timeout=60)
    notes = json.loads(view.stdout or "{}").get("notes", [])
    check(view.returncode == 0 and any(n.startswith("partial: shard " + victim_name) for n in notes),
          f"dead shard {victim_name}, parley-analyze --allow-partial: a note names it: {notes[:1]}")
    partial_server = start_serve(shards=shards, extra=["--allow-partial"])
    with urllib.request.urlopen(f"http://{partial_server}/analyze/export?q=china", timeout=30) as r:
        missing = r.headers.get("X-Missing-Shards")
    check(missing == victim_name,
          f"dead shard {victim_name}: /analyze/export names it in X-Missing-Shards ({missing})")
    status, body = get(many_server, "/search?q=china")
    check(status == 503 and victim_name in body.get("error", json.dumps(body)),
          f"dead shard {victim_name}: GET /search answers 503 naming it")
    status, body = get(many_server, "/search?q=china&partial=true")
    check(status == 200 and body.get("partial") is True and
          body.get("missing_shards") == [victim_name],
          f"dead shard {victim_name}: GET /search?partial=true answers partial naming it")

    # 5. A shard that accepts and never answers: the timeout, then an error naming it.
    silent = SilentServer()
    hung = [s for s in shards if not s.startswith(victim_name + "=")]
    hung.append(f"hung=tcp://127.0.0.1:{silent.port}")
    many, seconds = search(["china"], shards=hung, extra=["--shard-timeout", "500"])
    check(many.returncode == 1 and "hung" in many.stderr and seconds < 10,
          f"silent shard: parley-search fails in {seconds:.1f} s naming it")
    partial, seconds = search(["china"], shards=hung,
                              extra=["--shard-timeout", "500", "--allow-partial"])
    answer = json.loads(partial.stdout or "{}")
    check(answer.get("missing_shards") == ["hung"] and seconds < 10,
          f"silent shard, --allow-partial: partial answer in {seconds:.1f} s")

    # 6. A replica that greets and then hangs is passed over for the next replica, whichever
    # comes first; with no other replica, the shard is named with that replica's address.
    base = [s for s in shards if not s.startswith(victim_name + "=")]
    other = next(d for d in shard_dirs if d not in (victim, replicated))
    other_name = other.split(".")[0]
    greeter = GreetThenSilent(ports[other])
    reference, _ = search(["china"], shards=base)
    for replicas in (f"tcp://127.0.0.1:{greeter.port},tcp://127.0.0.1:{ports[other]}",
                     f"tcp://127.0.0.1:{ports[other]},tcp://127.0.0.1:{greeter.port}"):
        spec = [s if not s.startswith(other_name + "=") else f"{other_name}={replicas}"
                for s in base]
        for _ in range(3):  # each Searcher starts at a random replica
            many, seconds = search(["china"], shards=spec, extra=["--shard-timeout", "500"])
            check(many.returncode == 0 and many.stdout == reference.stdout and seconds < 10,
                  f"a replica of {other_name} that greets and hangs: the other answers in "
                  f"{seconds:.1f} s (exit {many.returncode}{', ' + many.stderr.strip()[:200] if many.stderr else ''})")
    alone = [s if not s.startswith(other_name + "=") else
             f"{other_name}=tcp://127.0.0.1:{greeter.port}" for s in base]
    many, seconds = search(["china"], shards=alone, extra=["--shard-timeout", "500"])
    check(many.returncode == 1 and f"shard {other_name}" in many.stderr and
          f"tcp://127.0.0.1:{greeter.port}" in many.stderr and seconds < 10,
          f"a shard whose one replica greets and hangs is named with its address in "
          f"{seconds:.1f} s: {many.stderr.strip()[:200]}")
    partial, _ = search(["china"], shards=alone, extra=["--shard-timeout", "500", "--allow-partial"])
    answer = json.loads(partial.stdout or "{}")
    check(answer.get("missing_shards") == [other_name] and f"tcp://127.0.0.1:{greeter.port}" in
          answer.get("missing_shard_reasons", {}).get(other_name, ""),
          f"... and left out of a partial answer, with why: {answer.get('missing_shard_reasons')}")


def find_server(port):
    for process in processes:
        if isinstance(process.args, list) and str(port) in process.args:
            return process
    raise RuntimeError(f"no server on port {port}")


if __name__ == "__main__":
    sys.exit(main())

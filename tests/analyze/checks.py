"""What the analyze tests share: one ok/FAIL line per check, programs run with the exit
status they must give, and the verdict at the end."""
import subprocess, sys

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(cmd, expect=0, timeout=300):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if expect is not None and p.returncode != expect:
        raise SystemExit("%s exited %d, not %d:\n%s" % (" ".join(cmd), p.returncode, expect,
                                                        p.stderr[-2000:]))
    return p


def finish():
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)
    print("all checks passed")

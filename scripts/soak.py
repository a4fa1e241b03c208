#!/usr/bin/env python3
"""Soak test (not part of `cargo test`): writers against a live dashboard over 1,000 cases.

8 writer threads (settable) run the real binary for N minutes (default 10): exams with a unique
note, reviews and discharges on random cases of a ward of 1,000 made by `cordwatch demo`, while a
killer sends SIGKILL to a random writer's process every 0.5-3 s, and the dashboard runs in tmux
(refreshing every second, with keys sent to it). At the end it checks that:

- every acknowledged write (exit 0) is on disk: each exam note in its case file, each discharged
  case in the archive and not on the ward;
- every write that landed has exactly one audit line: after `cordwatch validate` has settled
  every interrupted write left in journal/ (appending its line), the exam and discharge lines per
  case equal the exams and discharges found on disk;
- the dashboard never panicked and quit cleanly when asked.

Usage: scripts/soak.py [--minutes N] [--writers N] [--cases N] [--bin PATH] [--keep]
The binary defaults to target/release/cordwatch, built if missing. Needs tmux.
"""

import argparse
import collections
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=10)
    p.add_argument("--writers", type=int, default=8)
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--bin", default=None)
    p.add_argument("--keep", action="store_true", help="keep the data directory afterwards")
    a = p.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("soak: tmux is needed to run the dashboard")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = a.bin or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "release", "cordwatch")
    if a.bin is None and not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--release"], cwd=root, check=True)
    work = tempfile.mkdtemp(prefix="cordwatch-soak-")
    data = os.path.join(work, "data")
    env = dict(os.environ, CORDWATCH_CONFIG="/dev/null", NO_COLOR="1")
    run = lambda *args: subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    assert run("init", data).returncode == 0
    assert run("demo", "--generate", str(a.cases), "--out", data).returncode == 0
    ids = sorted(f[:-5] for f in os.listdir(os.path.join(data, "cases")) if f.endswith(".yaml"))
    print(f"soak: {len(ids)} cases in {data}; {a.writers} writers for {a.minutes} min")

    config = os.path.join(work, "config.yaml")
    with open(config, "w") as f:
        f.write("refresh_seconds: 1\n")
    session = f"cordwatch-soak-{os.getpid()}"
    dash_err, dash_rc = os.path.join(work, "dashboard.err"), os.path.join(work, "dashboard.rc")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    f"'{binary}' --data '{data}' --config '{config}' 2>'{dash_err}'; echo $? >'{dash_rc}'"],
                   check=True)

    end = time.time() + a.minutes * 60
    lock = threading.Lock()
    acked = []  # (op, id, note)
    stats = collections.Counter()
    running = {}  # writer -> Popen

    def writer(w):
        rng = random.Random(w)
        n = 0
        while time.time() < end:
            n += 1
            case = rng.choice(ids)
            roll = rng.random()
            if roll < 0.6:
                note = f"soak-w{w}-{n}"
                op = "exam"
                args = ["record", "exam", case, "--motor", rng.choice(["normal", "weakness"]),
                        "--pain-score", str(rng.randint(0, 10)), "--note", note]
            elif roll < 0.99:
                note, op = None, "review"
                args = ["record", "review", case]
            else:
                note, op = None, "discharge"
                args = ["discharge", case]
            proc = subprocess.Popen([binary, "--data", data, *args], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            with lock:
                running[w] = proc
            _, err = proc.communicate()
            with lock:
                running.pop(w, None)
                if proc.returncode == 0:
                    acked.append((op, case, note))
                    stats[f"acknowledged {op}"] += 1
                elif proc.returncode == -signal.SIGKILL:
                    stats["killed"] += 1
                else:
                    stats[f"refused {op}"] += 1
                if "panicked" in err:
                    stats["writer panics"] += 1
                    print(f"soak: writer panic: {err}", file=sys.stderr)

    def killer():
        rng = random.Random(99)
        while time.time() < end:
            time.sleep(rng.uniform(0.5, 3))
            with lock:
                procs = list(running.values())
            if procs:
                try:
                    rng.choice(procs).kill()
                except ProcessLookupError:
                    pass

    def keys():
        rng = random.Random(7)
        while time.time() < end:
            time.sleep(rng.uniform(0.2, 1.0))
            key = rng.choice(["j", "k", "G", "g", "1", "3", "4", "Tab", "PageDown", "s", "w", "Enter", "Escape"])
            subprocess.run(["tmux", "send-keys", "-t", session, key], capture_output=True)
            stats["dashboard keys"] += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(a.writers)]
    threads += [threading.Thread(target=killer), threading.Thread(target=keys)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ran = time.time() - started
    alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0
    screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
    # One key at a time: an Escape followed at once by a letter reads as Alt+letter on a terminal.
    # Escape twice leaves any form (the second discards what random keys typed into it); q quits,
    # and y answers "quit and lose the typing?" if a form was still open.
    for key in ["Escape", "Escape", "Escape", "q", "y"]:
        subprocess.run(["tmux", "send-keys", "-t", session, key], capture_output=True)
        time.sleep(0.4)
    for _ in range(50):
        if os.path.exists(dash_rc):
            break
        time.sleep(0.1)
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)

    failures = []
    if not alive:
        failures.append("the dashboard was gone before the end")
    rc = open(dash_rc).read().strip() if os.path.exists(dash_rc) else "none"
    if rc != "0":
        failures.append(f"the dashboard did not quit cleanly (exit {rc})")
    err = open(dash_err).read() if os.path.exists(dash_err) else ""
    if "panicked" in err:
        failures.append(f"the dashboard panicked: {err[:500]}")
    if stats["writer panics"]:
        failures.append(f"{stats['writer panics']} writer panics")

    def on_disk(case):
        texts = []
        for folder in ("cases", "archive"):
            for f in os.listdir(os.path.join(data, folder)):
                if f == f"{case}.yaml" or re.fullmatch(re.escape(case) + r"\.\d+\.yaml", f):
                    texts.append((folder, open(os.path.join(data, folder, f)).read()))
        return texts

    # Finish interrupted writes: any write, and `validate`, settle every entry left in journal/
    # (the audit line of a write that landed is appended, once).
    pending = len(os.listdir(os.path.join(data, "journal")))
    run("--data", data, "validate")
    still_pending = len(os.listdir(os.path.join(data, "journal")))

    audit = collections.Counter()
    for line in open(os.path.join(data, "audit.log")):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 4:
            audit[(parts[2], parts[3])] += 1
    lost = 0
    for op, case, note in acked:
        texts = on_disk(case)
        if op == "exam" and not any(note in t for _, t in texts):
            lost += 1
            failures.append(f"acknowledged exam {note} on {case} is not on disk")
        if op == "discharge" and (os.path.exists(os.path.join(data, "cases", f"{case}.yaml"))
                                  or not any(folder == "archive" for folder, _ in texts)):
            lost += 1
            failures.append(f"acknowledged discharge of {case} is not in the archive")
    unaudited = 0
    for case in ids:
        texts = on_disk(case)
        exams = sum(len(re.findall(r"soak-w\d+-\d+", t)) for _, t in texts)
        discharged = sum(1 for folder, _ in texts if folder == "archive")
        if audit[(case, "exam")] != exams:
            unaudited += 1
            failures.append(f"{case}: {exams} soak exams on disk, {audit[(case, 'exam')]} exam audit lines")
        if audit[(case, "discharge")] != discharged:
            unaudited += 1
            failures.append(f"{case}: {discharged} archived, {audit[(case, 'discharge')]} discharge audit lines")

    print(f"soak: ran {ran / 60:.1f} min with {a.writers} writers over {len(ids)} cases")
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}")
    print(f"  acknowledged writes lost: {lost}")
    print(f"  cases whose audit lines do not match the writes on disk: {unaudited}")
    print(f"  interrupted writes left in journal/ at the end, settled by validate: {pending}; still pending: {still_pending}")
    print(f"  audit lines: {sum(audit.values())}")
    print(f"  dashboard: alive to the end {alive}, exit {rc}, panics {err.count('panicked')}")
    print("  last dashboard screen:\n" + "\n".join("    " + l for l in screen.splitlines()[:6]))
    if a.keep:
        print(f"soak: data kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("soak: FAILED", *failures[:30], sep="\n  ")
        sys.exit(1)
    print("soak: passed")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Soak test of the paths that trust nothing on disk (not part of `cargo test`).

Two phases, each against the real binary:

1. Writers and kills (any user). A ward of --cases cases made with `cordwatch new`. --writers
   threads run for --minutes: exams with a unique note (45%), reviews (20%), discharges (15%), new
   cases (5%), and hand edits (15%) that set the case's `plan:` to a unique value the way an
   editor saves a file (taking the case's lock, as `cordwatch`'s own edit does, then a rename).
   A killer sends SIGKILL to a random writer every 0.2-1.5 s, and half of all discharges are
   killed 0-50 ms after they start, to land between the archive copy and the removal of the case
   file; a hand edit then often follows on that case before anyone settles it.
2. A full disk (root only: a private mount namespace). A ward on a --tmpfs-kb tmpfs; writers
   record exams with long notes while a filler takes the space and gives it back, so writes and
   audit appends fail with ENOSPC again and again.

At the end of each phase `cordwatch validate` is run (it settles every write left in the journal)
and the script checks that:

- every acknowledged write (exit 0) is on disk: each exam note in its case's file, each
  discharged case in the archive, each new case somewhere, and each case's last acknowledged hand
  edit in one of its files (cases/, archive/ or conflicts/): an interrupted discharge never
  deletes an edit;
- every audit line is whole (5 or 7 tab-separated columns, nothing glued) and every line id is
  unique; per case, the exam lines equal the exams on disk, the discharge lines the archive
  copies, and the discharge-not-finished lines the copies moved to conflicts/;
- the journal is empty afterwards (nothing pending, no stray or empty entry left);
- no case file is torn (validate reads every one).

Usage: scripts/soak_disk.py [--minutes N] [--writers N] [--cases N] [--tmpfs-seconds N]
                            [--tmpfs-kb N] [--bin PATH] [--keep]
The binary defaults to target/release/cordwatch, built if missing.
"""

import argparse
import collections
import fcntl
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


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=10)
    p.add_argument("--writers", type=int, default=8)
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--tmpfs-seconds", type=float, default=120)
    p.add_argument("--tmpfs-kb", type=int, default=1024)
    p.add_argument("--bin", default=None)
    p.add_argument("--keep", action="store_true", help="keep the data directories afterwards")
    p.add_argument("--phase", choices=["all", "kills", "tmpfs"], default="all", help=argparse.SUPPRESS)
    p.add_argument("--work", default=None, help=argparse.SUPPRESS)
    return p.parse_args()


class Ward:
    """One data directory and what was acknowledged in it."""

    def __init__(self, binary, data):
        self.binary = binary
        self.data = data
        self.env = dict(os.environ, CORDWATCH_CONFIG="/dev/null", NO_COLOR="1", LANG="C.UTF-8")
        self.env.pop("CORDWATCH_DATA", None)
        self.lock = threading.Lock()
        self.stats = collections.Counter()
        self.exams = []  # (case, note)
        self.discharged = set()
        self.created = set()
        self.edits = {}  # case -> (sequence, value) of the last hand edit to land
        self.edit_seq = 0
        self.ids = []
        self.running = {}  # writer -> (Popen, operation)
        self.failures = []

    def run(self, *args, **kw):
        return subprocess.run([self.binary, "--data", self.data, *args], env=self.env,
                              capture_output=True, text=True, **kw)

    def start(self, w, op, *args):
        proc = subprocess.Popen([self.binary, "--data", self.data, *args], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        with self.lock:
            self.running[w] = (proc, op)
        _, err = proc.communicate()
        with self.lock:
            self.running.pop(w, None)
        if proc.returncode == -signal.SIGKILL:
            self.count(f"killed {op}")
        elif proc.returncode == 0:
            self.count(f"acknowledged {op}")
            if "warning" in err:
                self.count(f"acknowledged {op} with a warning")
        else:
            reason = "no space" if "No space left" in err else "refused"
            self.count(f"{reason} {op}")
        if "panicked" in err:
            self.count("panics")
            self.failures.append(f"panic: {err[:300]}")
        return proc.returncode, err

    def count(self, what, n=1):
        with self.lock:
            self.stats[what] += n

    def hand_edit(self, case, prefix, counter):
        """Sets `plan:` as an editor would save it, under the case's lock like cordwatch's own edit.
        The edit's number is taken under the lock, so numbers follow the order edits land in."""
        path = os.path.join(self.data, "cases", f"{case}.yaml")
        lock_path = os.path.join(self.data, "locks", f"{case}.lock")
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                text = open(path).read()
            except FileNotFoundError:
                return False
            with self.lock:
                self.edit_seq += 1
                seq = self.edit_seq
            value = f"{prefix}-{seq}"
            lines = [l for l in text.splitlines() if not l.startswith("plan:")]
            lines.append(f'plan: "{value}"')
            tmp = os.path.join(self.data, "cases", f".{case}.yaml.ed{random.randrange(10**4):04d}")
            with open(tmp, "w") as f:
                f.write("\n".join(lines) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            os.rename(tmp, path)
            self.count(counter)
            with self.lock:
                self.edits[case] = (seq, value)
            return True
        finally:
            os.close(fd)

    def files_of(self, case):
        """(folder, text) of every file of a case in cases/, archive/ and conflicts/."""
        out = []
        pattern = re.compile(re.escape(case) + r"(\.\d+)?\.yaml$")
        kept = re.compile(re.escape(case) + r"\..+\.yaml$")
        for folder in ("cases", "archive", "conflicts"):
            d = os.path.join(self.data, folder)
            if not os.path.isdir(d):
                continue
            for f in os.listdir(d):
                if pattern.match(f) or (folder == "conflicts" and kept.match(f)):
                    try:
                        out.append((folder, f, open(os.path.join(d, f), errors="replace").read()))
                    except OSError:
                        pass
        return out

    def check(self, label):
        """Settles the journal with validate, then checks everything acknowledged."""
        v = self.run("validate")
        self.stats["validate exit"] = v.returncode
        if "panicked" in v.stderr:
            self.failures.append(f"validate panicked: {v.stderr[:300]}")
        unreadable = [l for l in v.stdout.splitlines() if l.startswith("cases/") and "warning" not in l]
        torn = [l for l in unreadable if "cannot be read" in l or "line" in l]
        journal = os.listdir(os.path.join(self.data, "journal"))
        lost = 0
        for case, note in self.exams:
            if not any(note in t for _, _, t in self.files_of(case)):
                lost += 1
                self.failures.append(f"{label}: acknowledged exam {note} on {case} is on no disk")
        for case in self.discharged:
            if not any(folder == "archive" for folder, _, _ in self.files_of(case)):
                lost += 1
                self.failures.append(f"{label}: acknowledged discharge of {case} is not in the archive")
        for case in self.created:
            if not self.files_of(case):
                lost += 1
                self.failures.append(f"{label}: acknowledged new case {case} has no file")
        edits_lost = 0
        for case, (_, value) in self.edits.items():
            if not any(value in t for _, _, t in self.files_of(case)):
                edits_lost += 1
                self.failures.append(f"{label}: hand edit {value} of {case} is in no file")
        audit = collections.Counter()
        ids = collections.Counter()
        bad_lines = 0
        lines = 0
        for line in open(os.path.join(self.data, "audit.log"), errors="replace"):
            lines += 1
            parts = line.rstrip("\n").split("\t")
            if len(parts) not in (5, 7):
                bad_lines += 1
                self.failures.append(f"{label}: an audit line of {len(parts)} columns: {line[:200]!r}")
                continue
            uncertain = "?" if "likely but not certain" in parts[4] else ""
            audit[(parts[2], parts[3] + uncertain)] += 1
            if uncertain:
                audit[("", "uncertain")] += 1
            if len(parts) == 7:
                ids[parts[6]] += 1
        repeated_ids = sum(1 for n in ids.values() if n > 1)
        if repeated_ids:
            self.failures.append(f"{label}: {repeated_ids} audit line ids used twice")
        mismatched = 0
        for case in set(self.ids) | self.created:
            files = self.files_of(case)
            live = [t for folder, _, t in files if folder in ("cases", "archive")]
            exams = sum(len(re.findall(r"soak-w\d+-\d+", t)) for t in live)
            archived = sum(1 for folder, _, _ in files if folder == "archive")
            undone = sum(1 for folder, f, _ in files if folder == "conflicts" and ".discharge-" in f)
            for op, on_disk in (("exam", exams), ("discharge", archived), ("discharge-not-finished", undone)):
                # A line recovered after the file was edited by hand says it is not certain: it
                # may stand for a write that never landed, never the other way round.
                certain, maybe = audit[(case, op)], audit[(case, op + "?")]
                if not certain <= on_disk <= certain + maybe:
                    mismatched += 1
                    self.failures.append(f"{label}: {case}: {on_disk} {op} on disk, {certain} audit lines (+{maybe} uncertain)")
        temps = [f for d in ("cases", "archive") for f in os.listdir(os.path.join(self.data, d))
                 if re.match(r"\..*\.yaml\.[A-Za-z0-9]{6}$", f)]
        if journal:
            self.failures.append(f"{label}: journal not empty after validate: {journal[:5]}")
        if torn:
            self.failures.append(f"{label}: unreadable case files: {torn[:5]}")
        return {
            "acknowledged writes lost": lost,
            "hand edits lost": edits_lost,
            "audit lines": lines,
            "audit lines not whole": bad_lines,
            "audit ids used twice": repeated_ids,
            "cases whose audit lines differ from the disk": mismatched,
            "journal entries left after validate": len(journal),
            "temporary files left (removed at the case's next write)": len(temps),
            "lines recovered after a hand edit, marked likely but not certain": audit[("", "uncertain")],
            "discharged copies moved to conflicts/ (case changed after an interrupted discharge)":
                sum(audit[k] for k in audit if k[1] == "discharge-not-finished"),
        }


def kills_phase(a, binary, work):
    data = os.path.join(work, "kills")
    ward = Ward(binary, data)
    subprocess.run([binary, "init", data], env=ward.env, check=True, capture_output=True)
    for n in range(a.cases):
        case = f"K{n:05d}"
        r = ward.run("new", "--id", case, "--name", f"Soak Patient {n}")
        assert r.returncode == 0, r.stderr
        ward.ids.append(case)
    print(f"soak: phase 1, {a.cases} cases in {data}; {a.writers} writers for {a.minutes} min")
    end = time.time() + a.minutes * 60
    next_new = [0]

    def writer(w):
        rng = random.Random(w)
        n = 0
        while time.time() < end:
            n += 1
            with ward.lock:
                pool = [c for c in ward.ids if c not in ward.discharged]
            if not pool:
                break
            case = rng.choice(pool)
            roll = rng.random()
            if roll < 0.45:
                note = f"soak-w{w}-{n}"
                rc, _ = ward.start(w, "exam", "record", "exam", case, "--motor", "normal", "--note", note)
                if rc == 0:
                    with ward.lock:
                        ward.exams.append((case, note))
            elif roll < 0.65:
                ward.start(w, "review", "record", "review", case)
            elif roll < 0.80:
                rc, _ = ward.start(w, "discharge", "discharge", case)
                if rc == 0:
                    with ward.lock:
                        ward.discharged.add(case)
            elif roll < 0.85:
                with ward.lock:
                    next_new[0] += 1
                    new = f"N{w}x{next_new[0]:05d}"
                rc, _ = ward.start(w, "new", "new", "--id", new, "--name", f"New Patient {new}")
                if rc == 0:
                    with ward.lock:
                        ward.created.add(new)
                        ward.ids.append(new)
            else:
                ward.hand_edit(case, f"hand-{w}", "acknowledged hand edit")

    def killer():
        rng = random.Random(99)
        while time.time() < end:
            time.sleep(rng.uniform(0.2, 1.5))
            with ward.lock:
                procs = [p for p, _ in ward.running.values()]
            if procs:
                try:
                    rng.choice(procs).kill()
                except ProcessLookupError:
                    pass

    def discharge_killer():
        rng = random.Random(7)
        seen = set()
        while time.time() < end:
            time.sleep(0.002)
            with ward.lock:
                fresh = [(p, op) for p, op in ward.running.values() if op == "discharge" and p.pid not in seen]
            for p, _ in fresh:
                seen.add(p.pid)
                if rng.random() < 0.5:
                    threading.Timer(rng.uniform(0, 0.05), kill_then_edit, args=(p,)).start()

    def kill_then_edit(proc):
        # A clinician opens the file the moment the discharge dies, before anyone settles it.
        if proc.poll() is not None:
            return
        proc.kill()
        proc.wait()
        ward.hand_edit(proc.args[-1], "after-kill", "hand edits just after a killed discharge")

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(a.writers)]
    threads += [threading.Thread(target=killer), threading.Thread(target=discharge_killer)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ran = time.time() - started
    pending = len(os.listdir(os.path.join(data, "journal")))
    figures = ward.check("phase 1")
    report("phase 1: writers, kills and hand edits", ward, ran, figures, {"journal entries pending before validate": pending})
    return ward, data


def tmpfs_phase(a, binary, work):
    """Runs inside a private mount namespace (root)."""
    mount = os.path.join(work, "tiny")
    os.makedirs(mount, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={a.tmpfs_kb}k", "tmpfs", mount], check=True)
    data = os.path.join(mount, "ward")
    ward = Ward(binary, data)
    subprocess.run([binary, "init", data], env=ward.env, check=True, capture_output=True)
    for n in range(20):
        case = f"T{n:03d}"
        assert ward.run("new", "--id", case, "--name", f"Full Disk {n}").returncode == 0
        ward.ids.append(case)
    print(f"soak: phase 2, 20 cases on a {a.tmpfs_kb} KiB tmpfs; 4 writers for {a.tmpfs_seconds:.0f} s")
    end = time.time() + a.tmpfs_seconds
    filler = os.path.join(mount, "filler")

    def writer(w):
        rng = random.Random(100 + w)
        n = 0
        while time.time() < end:
            n += 1
            case = rng.choice(ward.ids)
            note = f"soak-w{w}-{n}-" + "x" * rng.randint(50, 400)
            rc, _ = ward.start(w, "exam", "record", "exam", case, "--motor", "normal", "--note", note)
            if rc == 0:
                with ward.lock:
                    ward.exams.append((case, note))

    def fill():
        rng = random.Random(5)
        while time.time() < end:
            # Take every free block, hold it a moment, give some back.
            try:
                with open(filler, "ab") as f:
                    while True:
                        f.write(b"\0" * 4096)
                        f.flush()
            except OSError:
                pass
            ward.count("disk filled")
            time.sleep(rng.uniform(0.2, 1.0))
            try:
                # Mostly a page or a few, so a write may fit its case file and journal entry and
                # then find no room for its audit line.
                pages = rng.choice([1, 1, 2, 3, 4, 16])
                size = os.path.getsize(filler)
                os.truncate(filler, max(0, size - pages * 4096))
            except OSError:
                pass
            time.sleep(rng.uniform(0.2, 1.0))

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)] + [threading.Thread(target=fill)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ran = time.time() - started
    os.remove(filler)
    pending = len(os.listdir(os.path.join(data, "journal")))
    figures = ward.check("phase 2")
    report("phase 2: a full disk", ward, ran, figures, {"journal entries pending before validate": pending})
    if a.keep:
        kept = os.path.join(work, "tiny-copy")
        shutil.copytree(data, kept)
        print(f"soak: phase 2 data copied to {kept}")
    subprocess.run(["umount", mount])
    return ward


def report(title, ward, ran, figures, extra):
    print(f"soak: {title}: ran {ran / 60:.1f} min")
    for k in sorted(ward.stats):
        print(f"  {k}: {ward.stats[k]}")
    for k, v in {**extra, **figures}.items():
        print(f"  {k}: {v}")
    for f in ward.failures[:20]:
        print(f"  FAILURE {f}")
    sys.stdout.flush()


def main():
    a = parse()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = a.bin or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "release", "cordwatch")
    binary = os.path.abspath(binary)
    if a.bin is None and not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--release"], cwd=root, check=True)
    if a.phase == "tmpfs":
        ward = tmpfs_phase(a, binary, a.work)
        sys.exit(1 if ward.failures else 0)
    work = tempfile.mkdtemp(prefix="cordwatch-soak-disk-")
    failed = False
    if a.phase in ("all", "kills"):
        ward, _ = kills_phase(a, binary, work)
        failed |= bool(ward.failures)
    if a.phase in ("all", "tmpfs"):
        if os.geteuid() != 0:
            print("soak: phase 2 skipped: it needs root for a private mount namespace and a tmpfs")
        else:
            argv = [sys.executable, os.path.abspath(__file__), "--phase", "tmpfs", "--work", work, "--bin", binary,
                    "--tmpfs-seconds", str(a.tmpfs_seconds), "--tmpfs-kb", str(a.tmpfs_kb)]
            if a.keep:
                argv.append("--keep")
            r = subprocess.run(["unshare", "--mount", "--propagation", "private", *argv])
            failed |= r.returncode != 0
    if a.keep:
        print(f"soak: data kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print("soak: FAILED" if failed else "soak: passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""smmuman's clients on the simulated VT-d unit, smmuman in the foreground.

clients.py SMMUCC SMMUMAN SMMUCTL CLIENT OUTDIR [seeds|random SEED STEPS]

seeds: the seeds' sequences, each answer exact: create, attach, map, DMA
allowed; unmap, DMA denied and the owner told; a second client EBUSY; a
startup device EBUSY; an unknown device ENOENT; reserved regions reported
and paged; a client killed, its device blocked; an unauthorised peer
EPERM; hostile clients; the pool exhausted (ENOMEM, nothing changed).

random: a seeded random sequence of attach/map/unmap/detach by several
clients, every answer and every probe (smmuctl probe) checked against a
model after each step.
"""
import atexit
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import time

SMMUCC, SMMUMAN, SMMUCTL, CLIENT, OUT = sys.argv[1:6]
MODE = sys.argv[6] if len(sys.argv) > 6 else "seeds"
SOCK = os.path.join(OUT, "s.sock")
passed = failed = 0
daemons = []
# a failed run must not leave a daemon behind (make check would wait on it)
atexit.register(lambda: [d.kill() for d in daemons if d.poll() is None])


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def same(got, want, what):
    check(got == want, "%s: got %r, want %r" % (what, got, want))


class Client:
    """One smmu_client process: one libsmmu connection."""

    def __init__(self, env_extra=None, preexec=None):
        env = dict(os.environ, SMMUMAN_SOCKET=SOCK)
        self.p = subprocess.Popen([CLIENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, env=env, preexec_fn=preexec)

    def __call__(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        return self.p.stdout.readline().strip()

    def kill(self):
        self.p.kill()
        self.p.wait()

    def close(self):
        if self.p.poll() is None:
            self("fini")
            self.p.wait()


def ctl(*args, preexec=None):
    r = subprocess.run([SMMUCTL, "--socket", SOCK] + list(args), capture_output=True,
                       text=True, preexec_fn=preexec)
    return r.returncode, r.stdout.strip(), r.stderr.strip()


def probe(dev, addr, rw):
    st, out, err = ctl("probe", dev, hex(addr), rw)
    return out if st == 0 else "status %d: %s %s" % (st, out, err)


def verdict(dev, addr, rw):
    return probe(dev, addr, rw).split(" ")[0]


def start(policy, extra=(), name="p", cc_extra=()):
    """Compiles policy (smmucc with cc_extra) and starts smmuman on it (with extra)."""
    src = os.path.join(OUT, name + ".smmu")
    blob = os.path.join(OUT, name + ".smmub")
    with open(src, "w") as f:
        f.write(policy)
    subprocess.run([SMMUCC] + list(cc_extra) + ["-o", blob, src], check=True)
    log = os.path.join(OUT, name + ".log")
    d = subprocess.Popen([SMMUMAN, "--foreground", "--socket", SOCK, "--log-file", log,
                          "--poll-ms", "20"] + list(extra) + [blob],
                         stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(OUT, name + ".err"), "w"))
    daemons.append(d)
    for _ in range(400):
        if os.path.exists(SOCK) and ctl("status")[0] == 0:
            break
        time.sleep(0.05)
    return d, log


def stop(d):
    d.send_signal(signal.SIGTERM)
    return d.wait(timeout=20)


def log_has(log, text, tries=100):
    for _ in range(tries):
        with open(log, errors="replace") as f:
            if text in f.read():
                return True
        time.sleep(0.05)
    return False


def nobody():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


POLICY = """smmu vtd
allow buf 0x20000000,64K,st
device pci:0:18.0 buf
"""


def seeds():
    dmar = os.path.join(OUT, "dmar.bin")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "mkdmar.py"),
                    dmar, "0x50000000,0x50000fff,0:5.0", "0x51000000,0x51001fff,0:5.0",
                    "0x52000000,0x52000fff,0:5.0"], check=True)
    d, log = start(POLICY, ["--dmar", dmar])
    c1 = Client()
    same(c1("init"), "ok 0", "init")
    same(c1("create"), "ok 1", "create")
    same(c1("add 1 pci:0:3.0"), "ok 0", "attach a free device")
    same(verdict("pci:0:3.0", 0x30000000, "w"), "deny", "attached, nothing mapped")
    same(c1("status"), "ok 1 0x30000000 pci:0:3.0 0x0 0x5", "the owner hears of it (write)")
    same(c1("status"), "ok 0", "one record, popped once")
    same(c1("map 1 rw 0x30000000,0x1800"), "ok 0", "map 6 KiB (rounded to 8)")
    pid = c1.p.pid
    same(probe("pci:0:3.0", 0x30000000, "w"),
         "allow client pid %d object 1 mapping 0x30000000-0x30001fff rw" % pid, "DMA allowed")
    same(verdict("pci:0:3.0", 0x30001fff, "r"), "allow", "last byte of the rounded page")
    same(verdict("pci:0:3.0", 0x30002000, "r"), "deny", "beyond the mapping")
    same(c1("status"), "ok 1 0x30002000 pci:0:3.0 0x0 0x6", "transgression reported")
    same(c1("map 1 r 0x30004000,0x1000"), "ok 0", "a read-only mapping")
    same(verdict("pci:0:3.0", 0x30004000, "r"), "allow", "read-only: read")
    same(verdict("pci:0:3.0", 0x30004000, "w"), "deny", "read-only: write")
    c1("status")
    same(c1("map 1 none 0x30000000,0x2000"), "ok 0", "unmap")
    same(verdict("pci:0:3.0", 0x30000000, "w"), "deny", "unmapped: denied")
    same(c1("status"), "ok 1 0x30000000 pci:0:3.0 0x0 0x5", "unmapped: reported (write)")
    # the startup device and its grant are untouched
    same(probe("pci:0:18.0", 0x20000000, "w")[:9], "allow buf", "startup device still granted")
    # a second client
    c2 = Client()
    same(c2("init"), "ok 0", "second client")
    same(c2("create"), "ok 1", "its own object ids")
    same(c2("add 1 pci:0:3.0"), "err EBUSY", "another client's device")
    same(c2("add 1 pci:0:18.0"), "err EBUSY", "a startup device")
    same(c2("add 1 mem:0x10000000,0x1000"), "err ENOENT", "no unit controls it (VT-d, mem:)")
    same(c2("add 7 pci:0:4.0"), "err ENOENT", "another client's or no object")
    same(c2("add - pci:0:3.0"), "err EBUSY", "detaching another client's device")
    same(c2("map 1 rw 0x0c000000,0x1000"), "err EACCES", "a mapping onto table memory")
    same(c2("map 1 rw 0x1000,0x1000 target=0x2000"), "ok 0", "SMF_TARGET as root")
    # reserved regions, paged as the seeds say
    same(c2("reserved pci:0:5.0 0 2"), "ok 3 0x50000000,0x1000 0x51000000,0x2000",
         "reserved: first page")
    same(c2("reserved pci:0:5.0 2 2"), "ok 1 0x52000000,0x1000", "reserved: second page")
    same(c2("reserved pci:0:5.0 3 2"), "ok 0", "reserved: past the end")
    same(c2("add 1 pci:0:5.0"), "ok 0", "attach a device with reserved regions")
    same(verdict("pci:0:5.0", 0x51001000, "w"), "allow", "its reserved region mapped")
    same(c2("create manual"), "ok 2", "SOCF_RESERVED_MANUAL")
    same(c2("add 2 pci:0:6.0"), "ok 0", "attach to the manual object")
    same(c2("add 2 pci:0:5.0"), "ok 0", "move between one client's objects")
    same(verdict("pci:0:5.0", 0x51001000, "w"), "deny", "moved: the manual object's maps")
    # transgressions: a notification, the descriptor, and the queue's bound
    same(c1("map 1 rw 0x30000000,0x1000"), "ok 0", "map again")
    same(c1("notify signal"), "ok 0", "notify by signal")
    verdict("pci:0:3.0", 0x30008000, "r")
    same(c1("wait 2000"), "ok 1", "the descriptor is readable")
    same(c1("signals"), "ok 1", "one signal")
    same(c1("status"), "ok 1 0x30008000 pci:0:3.0 0x0 0x6", "the record")
    same(c1("status"), "ok 0", "drained")
    for i in range(70):
        verdict("pci:0:3.0", 0x30100000 + i * 0x1000, "r")
    recs = [c1("status") for _ in range(65)]
    same(recs[0], "ok 1 0x30106000 pci:0:3.0 0x0 0x6", "the oldest kept (6 of 70 lost)")
    same(recs[63], "ok 1 0x30145000 pci:0:3.0 0x80000000 0x6", "SSF_DROPPED_FAULTS")
    same(recs[64], "ok 0", "64 records at most")
    same(c1("signals"), "ok 1", "one-shot: no second signal")
    # status and faults
    st, out, _ = ctl("status")
    check(st == 0 and ("client pid %d uid 0: 1 object, 1 device, 2 mappings" % pid) in out,
          "smmuctl status: " + out)
    st, out, _ = ctl("--json", "status")
    check(st == 0 and out.startswith('{"architecture":"vtd"'), "smmuctl --json status")
    st, out, _ = ctl("faults")
    check(st == 0 and ("[client pid %d]" % pid) in out, "smmuctl faults: " + out[-300:])
    # an unauthorised peer
    st, out, err = ctl("status", preexec=nobody)
    same(st, 3, "smmuctl as nobody: refused")
    cn = Client(preexec=nobody)
    same(cn("init"), "err EPERM", "libsmmu as nobody")
    cn.kill()
    # hostile clients: garbage, a lie about the length, a half frame; the rest go on
    for junk in (b"GET / HTTP/1.0\r\n\r\n" * 3,
                 struct.pack("<IHHII", 0x504d4d53, 1, 6, 1, 0xffffffff),
                 struct.pack("<IHHII", 0x504d4d53, 1, 6, 1, 64) + b"\0" * 10):
        s = socket.socket(socket.AF_UNIX)
        s.connect(SOCK)
        s.sendall(junk)
        s.close()
    # a known op with a payload of the wrong size: EINVAL, and the session goes on
    s = socket.socket(socket.AF_UNIX)
    s.connect(SOCK)
    s.sendall(struct.pack("<IHHII", 0x504d4d53, 1, 2, 7, 0))
    same(struct.unpack("<IHHIIii", s.recv(24)), (0x504d4d53, 1, 2 | 0x8000, 7, 8, 22, 0),
         "a short OBJ_CREATE: EINVAL")
    # an op nobody defined cannot be answered in the format: the peer is dropped
    s.sendall(struct.pack("<IHHII", 0x504d4d53, 1, 99, 5, 0))
    same(s.recv(24), b"", "an unknown op: dropped")
    s.close()
    # a flood of requests whose replies are never read: the daemon stops
    # reading that client (its replies wait), and serves the others
    s = socket.socket(socket.AF_UNIX)
    s.connect(SOCK)
    s.setblocking(False)
    sent = 0
    try:
        for i in range(200000):
            s.send(struct.pack("<IHHIII", 0x504d4d53, 1, 1, i + 1, 4, 0))
            sent += 1
    except BlockingIOError:
        pass
    check(sent < 200000, "the flood was held back (%d requests sent)" % sent)
    same(ctl("status")[0], 0, "smmuctl during the flood")
    s.close()
    same(c1("map 1 rw 0x30000000,0x1000"), "ok 0", "others go on")
    # a client killed: its device blocked, never let through
    same(verdict("pci:0:3.0", 0x30000000, "w"), "allow", "mapped before the kill")
    c1.kill()
    check(log_has(log, "client pid %d gone: 1 object destroyed, 1 device blocked, "
                  "2 mappings removed" % pid), "the log says what went")
    same(verdict("pci:0:3.0", 0x30000000, "w"), "deny", "killed: its device blocked")
    same(c2("add 1 pci:0:3.0"), "ok 0", "free again")
    c2.close()
    check(log_has(log, "client pid %d uid 0: disconnected" % c2.p.pid), "fini: disconnected")
    # a device the firmware reserves memory for gets its startup entry back
    same(probe("pci:0:5.0", 0x51001000, "w"), "allow firmware RMRR 0x51000000-0x51001fff",
         "let go: its reserved region again")
    same(verdict("pci:0:5.0", 0x30000000, "w"), "deny", "let go: nothing of the client's")
    same(stop(d), 0, "smmuman stops with 0")

    # the pool exhausted: nothing half-mapped
    d, log = start(POLICY + "set grow-heap 0x4000\n", name="small")
    c = Client()
    c("init")
    c("create")
    same(c("add 1 pci:0:3.0"), "ok 0", "small pool: attach")
    same(c("map 1 rw 0x30000000,0x1000"), "ok 0", "small pool: one page")
    same(c("map 1 rw 0x30000000,0x1000 0x4030000000,0x1000 0x8030000000,0x1000"),
         "err ENOMEM", "small pool: tables for three far pages do not fit")
    same(verdict("pci:0:3.0", 0x30000000, "w"), "allow", "ENOMEM: the old mapping stays")
    same(verdict("pci:0:3.0", 0x4030000000, "w"), "deny", "ENOMEM: nothing half-mapped")
    c.close()
    same(stop(d), 0, "smmuman stops with 0")


def as_member(primary):
    """A peer that is not root: in nogroup as its primary or as a supplementary group."""
    def run():
        os.setgroups([] if primary else [65534])
        os.setgid(65534 if primary else 100)
        os.setuid(65534)
    return run


def group():
    """--client-group: its members attach (not SMF_TARGET); others EPERM."""
    d, log = start(POLICY, ["--client-group", "nogroup"], name="group")
    os.chmod(OUT, 0o755)
    for primary in (True, False):
        c = Client(preexec=as_member(primary))
        how = "primary" if primary else "supplementary"
        same(c("init"), "ok 0", "group (%s): init" % how)
        same(c("create"), "ok 1", "group (%s): create" % how)
        same(c("add 1 pci:0:%d.0" % (3 if primary else 4)), "ok 0", "group (%s): attach" % how)
        same(c("map 1 rw 0x1000,0x1000 target=0x2000"), "err EPERM",
             "group (%s): SMF_TARGET is root's" % how)
        c.close()
    def stranger():
        os.setgroups([])
        os.setgid(100)
        os.setuid(65534)
    c = Client(preexec=stranger)
    same(c("init"), "err EPERM", "group: not a member")
    c.kill()
    same(ctl("status", preexec=as_member(False))[0], 0, "group: smmuctl for a member")
    same(stop(d), 0, "group: smmuman stops with 0")


def wildcards():
    """SMMU_PCI_FIELD_ANY: the platform's devices (a sysfs-style directory) it matches.
    sysfs names are hexadecimal: 0000:00:12.0 is the policy's pci:0:18.0."""
    pci = os.path.join(OUT, "pci")
    os.makedirs(pci)
    for name in ("0000:00:08.0", "0000:00:08.1", "0000:00:12.0", "0000:01:00.0",
                 "0000:00:09.0", "0001:00:08.2", "0000:00:08.9", "junk", "0000:00:08.2x"):
        os.mkdir(os.path.join(pci, name))
    d, log = start(POLICY, ["--pci-devices", pci], name="wild")
    c = Client()
    c("init")
    same(c("create"), "ok 1", "wild: create")
    same(c("add 1 pci:0:8.*"), "ok 0", "wild: every function of 0:8")
    same(c("map 1 rw 0x30000000,0x1000"), "ok 0", "wild: map")
    same(verdict("pci:0:8.1", 0x30000000, "w"), "allow", "wild: 0:8.1 attached")
    same(verdict("pci:0:8.2", 0x30000000, "w"), "deny", "wild: 0:8.2 is on another segment")
    st, out, _ = ctl("status")
    check("1 object, 2 devices, 1 mapping" in out, "wild: two devices: " + out)
    same(c("add 1 pci:*:*.*"), "err EBUSY", "wild: every device, one of them the policy's")
    same(verdict("pci:1:0.0", 0x30000000, "w"), "deny", "wild: EBUSY attached nothing")
    same(c("add 1 pci:1:*.*"), "ok 0", "wild: bus 1")
    same(verdict("pci:1:0.0", 0x30000000, "w"), "allow", "wild: 1:0.0 attached")
    same(c("add - pci:0:*.*"), "ok 0", "wild: detach the caller's on bus 0")
    same(verdict("pci:0:8.0", 0x30000000, "w"), "deny", "wild: 0:8.0 detached")
    same(verdict("pci:1:0.0", 0x30000000, "w"), "allow", "wild: 1:0.0 kept")
    same(c("add - pci:0:*.*"), "err ENOENT", "wild: nothing of the caller's left on bus 0")
    same(c("add 1 pci:2:*.*"), "err ENOENT", "wild: no device matches")
    same(c("reserved pci:0:*.0 0 1"), "err EINVAL", "wild: reserved regions need one device")
    c.close()
    same(stop(d), 0, "wild: smmuman stops with 0")


def smmuv3():
    """The same calls on the simulated SMMUv3 of QEMU's virt board (its tree)."""
    dtb = os.path.join(os.path.dirname(__file__), "..", "smmuv3", "data",
                       "qemu-virt-smmuv3.dtb")
    d, log = start("smmu armsmmuv3\nallow a 0x48000000,0x1000,st\ndevice pci:0:2.0 a\n",
                   ["--board", dtb], name="s3", cc_extra=["--board", dtb])
    c = Client()
    same(c("init"), "ok 0", "smmuv3: init")
    same(c("create"), "ok 1", "smmuv3: create")
    same(c("add 1 pci:0:2.0"), "err EBUSY", "smmuv3: a startup device")
    same(c("add 1 pci:0:3.0"), "ok 0", "smmuv3: attach (StreamID 0x18 from iommu-map)")
    same(c("map 1 rw 0x48010000,0x1000"), "ok 0", "smmuv3: map")
    same(probe("pci:0:3.0", 0x48010000, "w"),
         "allow client pid %d object 1 mapping 0x48010000-0x48010fff rw" % c.p.pid,
         "smmuv3: DMA allowed")
    same(c("map 1 none 0x48010000,0x1000"), "ok 0", "smmuv3: unmap")
    same(verdict("pci:0:3.0", 0x48010000, "w"), "deny", "smmuv3: unmapped, denied")
    same(c("wait 2000"), "ok 1", "smmuv3: the descriptor is readable")
    same(c("status")[:26], "ok 1 0x48010000 pci:0:3.0 ", "smmuv3: transgression reported")
    # the stream table holds the policy's StreamIDs (up to 31 here): 0x28 is beyond it
    same(c("add 1 pci:0:5.0"), "err ENOSPC", "smmuv3: a StreamID beyond the stream table")
    same(verdict("pci:0:2.0", 0x48000000, "w")[:5], "allow", "smmuv3: startup grant kept")
    c.kill()
    check(log_has(log, "gone: 1 object destroyed, 1 device blocked"), "smmuv3: client gone")
    same(verdict("pci:0:3.0", 0x48010000, "w"), "deny", "smmuv3: its device blocked")
    same(stop(d), 0, "smmuv3: smmuman stops with 0")


SRV_RING = 64


def random_run(seed, steps):
    rnd = random.Random(seed)
    d, log = start(POLICY, name="rand")
    devs = ["pci:0:%d.0" % n for n in range(2, 6)]
    pages = [0x30000000 + i * 0x1000 for i in range(12)] + [0x4000000000, 0x4000200000]
    clients = []
    for _ in range(3):
        c = Client()
        c("init")
        clients.append({"c": c, "objs": {}})
    owner = {}           # dev -> (client index, obj)
    maps = {}            # (client index, obj) -> {page: perms}
    mismatches = 0

    def want(dev, page, rw):
        if dev not in owner:
            return "deny"
        perms = maps[owner[dev]].get(page, "")
        return "allow" if rw in perms else "deny"

    for step in range(steps):
        ci = rnd.randrange(len(clients))
        cl = clients[ci]
        op = rnd.choice(["create", "attach", "attach", "map", "map", "unmap", "detach",
                         "destroy"])
        if op == "create" or not cl["objs"]:
            if len(cl["objs"]) < 3:
                r = cl["c"]("create")
                o = int(r.split()[1])
                cl["objs"][o] = True
                maps[(ci, o)] = {}
            continue
        o = rnd.choice(sorted(cl["objs"]))
        if op == "attach":
            dev = rnd.choice(devs)
            r = cl["c"]("add %d %s" % (o, dev))
            exp = "err EBUSY" if dev in owner and owner[dev][0] != ci else "ok 0"
            if r != exp:
                mismatches += 1
                print("step %d: add %s: %s, want %s" % (step, dev, r, exp))
            if exp == "ok 0":
                owner[dev] = (ci, o)
        elif op in ("map", "unmap"):
            n = rnd.randint(1, 3)
            ps = rnd.sample(pages, n)
            perms = rnd.choice(["r", "w", "rw"]) if op == "map" else "none"
            r = cl["c"]("map %d %s %s" % (o, perms, " ".join("%x,1000" % p for p in ps)))
            if r != "ok 0":
                mismatches += 1
                print("step %d: %s: %s" % (step, op, r))
            for p in ps:
                if op == "map":
                    maps[(ci, o)][p] = perms
                else:
                    maps[(ci, o)].pop(p, None)
        elif op == "detach":
            mine = [dv for dv, (c2, _) in owner.items() if c2 == ci]
            if not mine:
                continue
            dev = rnd.choice(mine)
            r = cl["c"]("add - %s" % dev)
            if r != "ok 0":
                mismatches += 1
                print("step %d: detach %s: %s" % (step, dev, r))
            del owner[dev]
        elif op == "destroy":
            cl["c"]("destroy %d" % o)
            del cl["objs"][o]
            for dv in [dv for dv, ow in owner.items() if ow == (ci, o)]:
                del owner[dv]
            del maps[(ci, o)]
        # after every step, probes against the model
        for _ in range(4):
            dev = rnd.choice(devs)
            page = rnd.choice(pages)
            rw = rnd.choice("rw")
            got = verdict(dev, page + rnd.randrange(0x1000), rw)
            # VT-d's leaves have R and W apart: a write-only page denies reads
            exp = want(dev, page, rw)
            if got != exp:
                mismatches += 1
                print("step %d: probe %s 0x%x %s: %s, want %s" % (step, dev, page, rw, got,
                                                                   exp))
        # drain the transgressions the probes queued
        for c in clients:
            for _ in range(SRV_RING + 1):
                if not c["c"]("status").startswith("ok 1"):
                    break
    for c in clients:
        c["c"].close()
    same(mismatches, 0, "random sequence (seed %d, %d steps): mismatches" % (seed, steps))
    same(stop(d), 0, "smmuman stops with 0")


os.makedirs(OUT, exist_ok=True)
if MODE == "random":
    random_run(int(sys.argv[7]), int(sys.argv[8]))
else:
    seeds()
    group()
    wildcards()
    smmuv3()
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Random .smmu policies and DMA probes around every region edge.

randpolicy.py [--smmu armsmmuv3] SEED OUT.smmu OUT.probes: the same seed
gives the same files, so a failure is reproduced by its seed. Policies mix exact, device and bus
wildcards, shared allow sets, overlapping regions with differing
permissions, unaligned regions, 2 MiB and 1 GiB aligned runs, and reserved
lines; probes hit one byte either side of every region edge, page edges
and superpage edges, for devices in the policy and devices not in it.

--smmu armsmmuv3 (tests/smmuv3/differential.sh) adds, without changing what
a VT-d seed gives: a unit, 'use smmu0 SID' on some exact functions and
wildcards, mem: masters with their StreamID, and probes from them. Given
StreamIDs are taken from buses no PCI function of the policy or of the
probes is on: a function whose requester id another device's StreamID
equals is that device to the unit, and the query cannot know it.
"""
import random
import sys

G = 1 << 30
M2 = 1 << 21
K4 = 4096


# smmuman's default table memory (0xc000000,16M): it refuses a grant there
TABLES = (0xC000000, 0xCFFFFFF)


def reaches_tables(start, size):
    return start & ~(K4 - 1) <= TABLES[1] and (start + size - 1) | (K4 - 1) >= TABLES[0]


def region(r):
    while True:
        kind = r.random()
        if kind < 0.15:  # a superpage-able run
            size = r.choice([M2, 2 * M2, 3 * M2, G])
            start = r.randrange(1, 64) * (G if size == G else M2)
        elif kind < 0.3:  # unaligned: widened to pages
            start = r.randrange(0x100000, 0x40000000)
            size = r.randrange(1, 5 * K4)
        else:
            start = r.randrange(0x100, 0x40000) * K4
            size = r.randrange(1, 40) * K4
        if not reaches_tables(start, size):
            return start, size


def spec_of(bus, dev, fn):
    return f"pci:{bus}:{dev}.{fn}"


class Sids:
    """StreamIDs given by 'use', a bus's worth of them at a time."""

    def __init__(self, r, buses):
        self.free = [b for b in range(2, 256) if b not in buses]
        r.shuffle(self.free)
        self.taken = []
        self.single = []

    def one(self, r):
        if not self.single:
            base = self.bus()
            self.single = [base + i for i in range(256)]
        return self.single.pop(r.randrange(len(self.single)))

    def bus(self):
        b = self.free.pop()
        self.taken.append(b)
        return b << 8


def use_line(r, sids, exact):
    """A device's 'use' words: none (the only unit), the unit, or a StreamID."""
    k = r.random()
    if k < 0.3:
        return ""
    if k < 0.55:
        return " use smmu0"
    return f" use smmu0 {sids.one(r) if exact else sids.bus()}"


def main():
    args = sys.argv[1:]
    smmu = None
    if args[:1] == ["--smmu"]:
        smmu, args = args[1], args[2:]
        if smmu != "armsmmuv3":
            sys.exit(f"randpolicy.py: --smmu armsmmuv3 only, not {smmu}")
    seed, smmu_path, probe_path = int(args[0]), args[1], args[2]
    r = random.Random(seed)
    lines = [f"# random policy, seed {seed}"]
    if smmu:
        lines += ["smmu armsmmuv3", "unit smmu0 0x09050000,106,109"]
    sets = {}
    for i in range(r.randrange(1, 6)):
        name = f"s{i}"
        regs = []
        for _ in range(r.randrange(1, 5)):
            start, size = region(r)
            if regs and r.random() < 0.3:  # overlap the previous one
                ps, pz, _ = regs[-1]
                moved = ps + r.randrange(0, max(1, pz // K4)) * K4
                start = start if reaches_tables(moved, size) else moved
            perms = r.choice(["", ",s", ",t", ",st"])
            regs.append((start, size, perms))
            lines.append(f"allow {name} 0x{start:x},0x{size:x}{perms}")
        sets[name] = regs

    buses = [0, r.randrange(1, 256)]
    devices = []
    for _ in range(r.randrange(1, 8)):
        bus, dev, fn = r.choice(buses), r.randrange(0, 32), r.randrange(0, 8)
        devices.append((bus, dev, fn))
    devices = sorted(set(devices))
    sids = None
    if smmu:
        sids = Sids(r, buses)
    for bus, dev, fn in devices:
        s = r.choice(list(sets) + [None])
        lines.append(f"device {spec_of(bus, dev, fn)}" + (f" {s}" if s else "")
                     + (use_line(r, sids, True) if smmu else ""))
        if r.random() < 0.25:
            start, size = region(r)
            lines.append(f"reserved 0x{start:x},0x{size:x}")
    wild = []
    if r.random() < 0.4:  # a wildcard under the exact specs
        wb = r.choice(buses)
        lines.append(f"device pci:{wb}:* {r.choice(list(sets))}"
                     + (use_line(r, sids, False) if smmu else ""))
        wild.append((wb, None))
    if r.random() < 0.3:
        wd = r.randrange(0, 32)
        lines.append(f"device pci:{buses[0]}:{wd}.* {r.choice(list(sets))}"
                     + (use_line(r, sids, False) if smmu else ""))
        wild.append((buses[0], wd))
    masters = []
    if smmu:
        for i in range(r.randrange(0, 4)):
            s = r.choice(list(sets) + [None])
            m = f"mem:0x{0x1e000000 + i * 0x10000:x}"
            lines.append(f"device {m}" + (f" {s}" if s else "") + f" use smmu0 {sids.one(r)}")
            masters.append(m)

    addrs = set()
    for regs in sets.values():
        for start, size, _ in regs:
            end = start + size
            for a in (start, end):
                page = a & ~(K4 - 1)
                for x in (a - 1, a, page - 1, page, page + K4 - 1, page + K4,
                          (a & ~(M2 - 1)) - 1, (a | (M2 - 1)) + 1):
                    if 0 <= x < 1 << 48:
                        addrs.add(x)
    if smmu:  # past what a 39- and a 44-bit unit translate, and the top
        addrs |= {1 << 39, (1 << 39) + K4 - 1, 1 << 44, (1 << 48) - 1}
    addrs = sorted(addrs)
    probes = []
    if not smmu:
        targets = devices + [(buses[0], r.randrange(0, 32), r.randrange(0, 8)),
                             (r.randrange(0, 256), 1, 0)]
    else:
        nobus = [b for b in range(256) if b not in sids.taken]
        targets = devices + [(buses[0], r.randrange(0, 32), r.randrange(0, 8)),
                             (r.choice(nobus), 1, 0)]
        for wb, wd in wild:
            for _ in range(2):
                targets.append((wb, r.randrange(0, 32) if wd is None else wd,
                                r.randrange(0, 8)))
    targets = [spec_of(*t) for t in targets] + masters
    for spec in targets:
        for a in r.sample(addrs, min(len(addrs), 24)):
            for acc in "rw":
                probes.append(f"{spec} 0x{a:x} {acc}")
    with open(smmu_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(probe_path, "w") as f:
        f.write("\n".join(probes) + "\n")


main()
